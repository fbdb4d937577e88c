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
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from proofdesk.core.spelling.tokens import Token, normalise

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
    if text and text.rstrip()[-1:] in ".,;":
        return False
    major = [t.text for t in tokens if t.text.lower() not in _MINOR and not t.text[:1].isdigit()]
    if len(major) < 3 or len(tokens) > 25:
        return False
    return sum(1 for w in major if w[:1].isupper()) >= 0.75 * len(major)


def name_positions(tokens: list[Token], text: str = "") -> list[bool]:
    """For each token: capitalised where only a name would be — mid-sentence, or beside another capital.

    Headlines are left out: their capitals are style, not evidence (see :func:`is_title_block`).
    """
    if is_title_block(tokens, text):
        return [False] * len(tokens)
    out: list[bool] = []
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        if not tok.text[:1].isupper():
            out.append(False)
            continue
        out.append(
            not tok.sentence_start or (i < last and tokens[i + 1].joined_prev and tokens[i + 1].text[:1].isupper())
        )
    return out


def strip_possessive(word: str) -> str:
    if word.endswith("'s") or word.endswith("'S"):
        return word[:-2]
    return word.rstrip("'")


@dataclass(frozen=True, slots=True)
class BlockWords:
    """What the document pass needs from one block: its words, where they are, which sit in name positions."""

    words: tuple[tuple[str, int, bool], ...]  # (word, block-relative start, name position)
    handles: str = ""  # URLs, addresses and handles, lower case: "@NatrionCells" vouches for "Natrion"


def block_words(
    tokens: list[Token], skipped: list[str] | None = None, positions: list[bool] | None = None, text: str = ""
) -> BlockWords:
    """The capitalised words of a block (all the document pass compares), with their offsets."""
    if positions is None:
        positions = name_positions(tokens, text)
    out: list[tuple[str, int, bool]] = []
    for tok, name_pos in zip(tokens, positions, strict=True):
        raw = tok.text
        if raw.islower() or ("-" not in raw and not raw[:1].isupper()):
            continue
        text = normalise(raw).replace("-\n", "")
        if any(ch.isdigit() for ch in text):
            continue
        offset = 0
        for n, part in enumerate(text.split("-")):
            word = strip_possessive(part)
            if word[:1].isupper():
                out.append((word, tok.start + offset, name_pos or (n > 0 and word[:1].isupper())))
            offset += len(part) + 1
    return BlockWords(tuple(out), " ".join(skipped).lower() if skipped else "")


@dataclass
class DocumentWords:
    counts: Counter[str] = field(default_factory=Counter)
    # How often each word stood where a name may stand.
    name_evidence: Counter[str] = field(default_factory=Counter)
    places: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    handles: list[str] = field(default_factory=list)

    def in_handles(self, word: str) -> bool:
        low = word.lower()
        return any(low in h for h in self.handles)

    def add(self, block_start: int, words: BlockWords) -> None:
        if words.handles:
            self.handles.append(words.handles)
        for word, start, name_pos in words.words:
            self.counts[word] += 1
            if word[:1].isupper():
                if name_pos:
                    self.name_evidence[word] += 1
                s = block_start + start
                self.places.setdefault(word, []).append((s, s + len(word)))


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
    known: Callable[[str], bool],
    accepted: Callable[[str], bool],
    rarity: Callable[[str], float] | None = None,
) -> list[Slip]:
    """Capitalised words the dictionary lacks that are a near miss of a more frequent capitalised word.

    ``rarity(word)`` is how common the word is in English text (zipf); a word common enough is not
    taken for a slip of a dictionary word.
    """
    # Four-letter names are too close to one another (Gaza, Gaya) to call a difference a slip.
    caps = [w for w in words.places if len(w) >= MIN_NAME_LENGTH and w[1:].islower() and w[:1].isupper()]
    lowered = [w.lower() for w in caps]
    slips: list[Slip] = []
    for minority in caps:
        if known(minority) or accepted(minority):
            continue
        n_min = words.counts[minority]
        low = minority.lower()
        max_dist = 1 if len(low) < 7 else 2
        best: tuple[int, int, str] | None = None
        for _c, dist, idx in process.extract(low, lowered, scorer=OSA.distance, score_cutoff=max_dist, limit=None):
            major = caps[idx]
            n_maj = words.counts[major]
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
            continue
        major = best[2]
        is_word = known(major) and known(major.lower())
        for start, end in words.places[minority]:
            slips.append(Slip(start, end, minority, major, words.counts[major], n_min, is_word))
    return slips
