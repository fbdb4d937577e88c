"""Where names may stand, and names (or words) spelt two ways in one story.

A sub-editor's worst spelling error is a name spelt two ways in one story
("Xi Jinping" three times, "Xi Jingping" once). Every capitalised word the
dictionary lacks is compared with the story's other capitalised words: a
rarer form one or two edits from a more frequent one is reported, with the
majority form as the fix — as a name slip when the majority form is itself a
name, as a plain misspelling when it is a dictionary word ("Harbuor Board"
in a story about the Harbour Board).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress, count
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from proofdesk.core.spelling.tokens import NO_COLUMNS, Columns, Token, normalise

_text = itemgetter(2)  # a Token's text
_first = itemgetter(0)
_third = itemgetter(2)

MIN_NAME_LENGTH = 5
WORD_SLIP_ZIPF = 2.0
# Short words a title-case headline leaves in lower case.
_MINOR = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)


def is_title_block(tokens: list[Token], text: str = "") -> bool:
    """A headline-style block, where capitals say nothing about names.

    A sentence that happens to be full of names ("Keir Starmer met Simon Harris at Chequers.") ends
    with a full stop; a headline does not, and is short.
    """
    return _is_title(list(map(_text, tokens)), text)


def _is_title(words: Sequence[str], text: str) -> bool:
    if text and text.rstrip()[-1:] in ".,;":
        return False
    major = [w for w in words if w.lower() not in _MINOR and not w[:1].isdigit()]
    if len(major) < 3 or len(words) > 25:
        return False
    return sum(1 for w in major if w[:1].isupper()) >= 0.75 * len(major)


def capital_indices(words: Sequence[str]) -> list[int]:
    """Positions of the words that start with a capital (in C: most words of a story do not)."""
    return list(compress(count(), map(str.isupper, map(_first, words))))


def name_positions(tokens: list[Token], text: str = "", caps: list[int] | None = None) -> list[bool]:
    """For each token: capitalised where only a name would be — mid-sentence, or beside another capital.

    Headlines are left out: their capitals are style, not evidence (see :func:`is_title_block`).
    ``caps`` is :func:`capital_indices` of the tokens' text, if the caller has it.
    """
    if not tokens:
        return []
    return column_positions(Columns(*zip(*tokens, strict=True)), text, caps)


def column_positions(cols: Columns, text: str = "", caps: list[int] | None = None) -> list[bool]:
    """:func:`name_positions` of a block's :class:`Columns`."""
    words = cols.words
    out = [False] * len(words)
    if _is_title(words, text):
        return out
    if caps is None:
        caps = capital_indices(words)
    last = len(words) - 1
    sentence, joined = cols.sentence_start, cols.joined_prev
    for i in caps:
        out[i] = not sentence[i] or (i < last and joined[i + 1] and words[i + 1][:1].isupper())
    return out


def strip_possessive(word: str) -> str:
    if word.endswith("'s") or word.endswith("'S"):
        return word[:-2]
    return word.rstrip("'")


class BlockWords(NamedTuple):
    """What the document pass needs from one block: its words, where they are, which sit in name positions.

    A named tuple rather than a frozen dataclass: one is made per block checked, and it is built faster.
    """

    words: tuple[tuple[str, int, bool], ...]  # (word, block-relative start, name position)
    handles: str = ""  # URLs, addresses and handles, lower case: "@NatrionCells" vouches for "Natrion"


def block_words(
    tokens: list[Token],
    skipped: list[str] | None = None,
    positions: list[bool] | None = None,
    text: str = "",
    caps: list[int] | None = None,
) -> BlockWords:
    """The capitalised words of a block (all the document pass compares), with their offsets."""
    cols = Columns(*zip(*tokens, strict=True)) if tokens else NO_COLUMNS
    return column_words(cols, skipped, positions, text, caps)


def column_words(
    cols: Columns,
    skipped: list[str] | None = None,
    positions: list[bool] | None = None,
    text: str = "",
    caps: list[int] | None = None,
) -> BlockWords:
    """:func:`block_words` of a block's :class:`Columns`."""
    words = cols.words
    if caps is None:
        caps = capital_indices(words)
    if positions is None:
        positions = column_positions(cols, text, caps)
    wanted = caps
    if "-" in (text or "".join(words)):
        # Hyphenated words with a capital anywhere (well-Known) count too.
        hyphened = [i for i, w in enumerate(words) if "-" in w and not w.islower()]
        wanted = sorted(set(caps).union(hyphened))
    out: list[tuple[str, int, bool]] = []
    append = out.append
    starts = cols.starts
    for i in wanted:
        parts = _capitals[words[i]]
        if parts:
            name_pos, start = positions[i], starts[i]
            for word, offset, later in parts:
                append((word, start + offset, name_pos or later))
    return BlockWords(tuple(out), " ".join(skipped).lower() if skipped else "")


class _Capitals(dict[str, tuple[tuple[str, int, bool], ...]]):
    """A token's capitalised words: (word, offset in the token, after a hyphen), for every token met.

    A story repeats its names, so each token is taken apart once (measured: 1.6 ms -> 0.6 ms per 8,800 words).
    """

    def __missing__(self, raw: str) -> tuple[tuple[str, int, bool], ...]:
        plain = normalise(raw).replace("-\n", "")
        found: list[tuple[str, int, bool]] = []
        if plain.isalpha() or not any(ch.isdigit() for ch in plain):
            offset = 0
            for n, part in enumerate(plain.split("-")):
                word = strip_possessive(part)
                if word[:1].isupper():
                    found.append((word, offset, n > 0))
                offset += len(part) + 1
        if len(self) > 100_000:
            self.clear()
        parts = self[raw] = tuple(found)
        return parts


_capitals = _Capitals()


_BlockKey = tuple[str, tuple[tuple[int, int], ...]]


def _is_name_shaped(word: str) -> bool:
    """Long enough and title case: the words compared for two spellings of one name."""
    # Four-letter names are too close to one another (Gaza, Gaya) to call a difference a slip.
    return len(word) >= MIN_NAME_LENGTH and word[1:].islower() and word[:1].isupper()


class DocumentWords:
    """Counts of a story's capitalised words, kept up to date paragraph by paragraph.

    Each paragraph's contribution is keyed by its text, so after an edit :meth:`update`
    takes out only the paragraphs that went and adds only the ones that came: re-checking
    one paragraph of a long draft does not recount the rest.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        # How often each word stood where a name may stand.
        self.name_evidence: Counter[str] = Counter()
        self._handles: Counter[str] = Counter()
        self._keys: list[_BlockKey] = []
        self._blocks: dict[_BlockKey, tuple[int, BlockWords]] = {}
        # Name-shaped words present (lower-case form alongside), for the near-miss search.
        self._caps: dict[str, str] = {}
        self._choices: tuple[list[str], list[str]] | None = None
        self._slips: dict[str, tuple[str, bool] | None] = {}

    def name_shaped(self) -> list[str]:
        """The story's capitalised words long enough to be compared as names."""
        return list(self._caps)

    def in_handles(self, word: str) -> bool:
        low = word.lower()
        return any(low in h for h in self._handles)

    def block(self, key: _BlockKey) -> BlockWords | None:
        hit = self._blocks.get(key)
        return None if hit is None else hit[1]

    def update(self, keys: list[_BlockKey], words_of: Callable[[int], BlockWords]) -> None:
        """Move to a document whose blocks have ``keys``; ``words_of(i)`` gives block ``i``'s words."""
        old = self._keys
        n_old, n_new = len(old), len(keys)
        head = 0
        limit = min(n_old, n_new)
        while head < limit and old[head] == keys[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[n_old - 1 - tail] == keys[n_new - 1 - tail]:
            tail += 1
        self._keys = keys
        if head == n_old == n_new:
            return
        self._choices = None
        self._slips.clear()
        if head == 0 and tail == 0:
            self._recount(keys, words_of)
            return
        for key in old[head : n_old - tail]:
            self._change(key, None, -1)
        for i in range(head, n_new - tail):
            key = keys[i]
            self._change(key, words_of if key not in self._blocks else None, 1, i)

    def _recount(self, keys: list[_BlockKey], words_of: Callable[[int], BlockWords]) -> None:
        """Count a document that shares neither its first nor its last paragraph with the last one from scratch.

        The same counts as taking every old paragraph out and putting every new one in, with the
        counting done in C (measured: 1.55 ms -> 0.6 ms over 47 stories, each a new document).
        """
        old = self._blocks
        blocks: dict[_BlockKey, tuple[int, BlockWords]] = {}
        chosen: list[BlockWords] = []
        for i, key in enumerate(keys):
            hit = blocks.get(key)
            if hit is None:
                was = old.get(key)
                hit = (0, was[1] if was is not None else words_of(i))
            blocks[key] = (hit[0] + 1, hit[1])
            chosen.append(hit[1])
        self._blocks = blocks
        triples = list(chain.from_iterable(bw.words for bw in chosen))
        self.counts.clear()
        self.counts.update(map(_first, triples))
        self.name_evidence.clear()
        self.name_evidence.update(compress(map(_first, triples), map(_third, triples)))
        self._handles.clear()
        self._handles.update(bw.handles for bw in chosen if bw.handles)
        # In order of first use, as adding paragraph by paragraph gives.
        self._caps = {w: w.lower() for w in self.counts if len(w) >= MIN_NAME_LENGTH and _is_name_shaped(w)}

    def _change(self, key: _BlockKey, words_of: Callable[[int], BlockWords] | None, step: int, index: int = -1) -> None:
        hit = self._blocks.get(key)
        if hit is None:
            assert words_of is not None
            hit = (0, words_of(index))
        times, bw = hit
        times += step
        if times:
            self._blocks[key] = (times, bw)
        else:
            del self._blocks[key]
        if bw.handles:
            self._bump(self._handles, bw.handles, step)
        # _bump inlined, and Counter's Python-level __missing__/__delitem__ bypassed: this runs for every
        # capitalised word of every changed paragraph (measured: 1.55 ms -> 1.2 ms over 47 stories).
        counts, evidence, caps = self.counts, self.name_evidence, self._caps
        count_of, evidence_of = counts.get, evidence.get
        for word, _start, name_pos in bw.words:
            n = count_of(word, 0) + step
            if n:
                counts[word] = n
            else:
                dict.__delitem__(counts, word)
            if n == step or not n:  # the word appeared or disappeared
                if step > 0:
                    if _is_name_shaped(word):
                        caps[word] = word.lower()
                else:
                    caps.pop(word, None)
            if name_pos:
                n = evidence_of(word, 0) + step
                if n:
                    evidence[word] = n
                else:
                    dict.__delitem__(evidence, word)

    @staticmethod
    def _bump(counter: Counter[str], word: str, step: int) -> bool:
        """Add ``step``; True if the word appeared or disappeared."""
        n = counter[word] + step
        if n:
            counter[word] = n
            return n == step
        del counter[word]
        return True

    def slip(
        self,
        minority: str,
        known: Callable[[str], bool],
        accepted: Callable[[str], bool],
        rarity: Callable[[str], float] | None = None,
    ) -> tuple[str, bool] | None:
        """(majority form, whether it is a dictionary word) if ``minority`` is a near miss of a commoner word.

        ``rarity(word)`` is how common the word is in English text (zipf); a word common enough is not
        taken for a slip of a dictionary word.
        """
        memo = self._slips
        if minority in memo:
            return memo[minority]
        found = self._slip(minority, known, accepted, rarity)
        memo[minority] = found
        return found

    def _slip(
        self,
        minority: str,
        known: Callable[[str], bool],
        accepted: Callable[[str], bool],
        rarity: Callable[[str], float] | None,
    ) -> tuple[str, bool] | None:
        if minority not in self._caps or known(minority) or accepted(minority):
            return None
        if self._choices is None:
            self._choices = (list(self._caps), list(self._caps.values()))
        caps, lowered = self._choices
        counts = self.counts
        n_min = counts[minority]
        low = minority.lower()
        max_dist = 1 if len(low) < 7 else 2
        best: tuple[int, int, str] | None = None
        for _c, dist, idx in process.extract(low, lowered, scorer=OSA.distance, score_cutoff=max_dist, limit=None):
            major = caps[idx]
            n_maj = counts[major]
            if dist == 0 or n_maj <= n_min or _same_name(major.lower(), low):
                continue
            is_word = known(major) and known(major.lower())
            if not is_word and n_maj < 2:
                continue
            if is_word and rarity is not None and rarity(minority) >= WORD_SLIP_ZIPF:
                continue  # an attested word of its own (Conservatoire beside Conservative)
            rank = (dist, -n_maj, major)
            if best is None or rank < best:
                best = rank
        if best is None:
            return None
        major = best[2]
        return major, known(major) and known(major.lower())


@dataclass(frozen=True, slots=True)
class Slip:
    start: int  # absolute offsets of the minority form
    end: int
    text: str
    majority: str
    majority_count: int
    count: int
    majority_is_word: bool  # the majority form is a dictionary word, not a name


def _same_name(a: str, b: str) -> bool:
    """Plural, possessive or -e forms of one name (Pellow/Pellows, Brown/Browne are left alone)."""
    return a.rstrip("s") == b.rstrip("s") or a.rstrip("e") == b.rstrip("e")


def find_slips(
    words: DocumentWords,
    blocks: Callable[[], Iterable[tuple[int, BlockWords]]],
    known: Callable[[str], bool],
    accepted: Callable[[str], bool],
    rarity: Callable[[str], float] | None = None,
) -> list[Slip]:
    """Every place of a capitalised word the dictionary lacks that is a near miss of a more frequent one.

    ``blocks()`` gives the document's (block start, words) in order, and is called only if there is a
    slip to place; slips come in order of first use.
    """
    verdicts: dict[str, tuple[str, bool]] = {}
    for word in words.name_shaped():
        found = words.slip(word, known, accepted, rarity)
        if found is not None:
            verdicts[word] = found
    if not verdicts:
        return []
    places: dict[str, list[tuple[int, int]]] = {}
    for block_start, bw in blocks():
        for word, start, _name_pos in bw.words:
            if word in verdicts:
                s = block_start + start
                places.setdefault(word, []).append((s, s + len(word)))
    slips: list[Slip] = []
    counts = words.counts
    for minority, spans in places.items():
        major, is_word = verdicts[minority]
        for start, end in spans:
            slips.append(Slip(start, end, minority, major, counts[major], counts[minority], is_word))
    return slips
