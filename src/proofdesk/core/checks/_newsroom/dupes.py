"""Finding repeated captions, paragraphs and sentences in one pass over a document.

Every block and sentence is normalised (case, quotes, punctuation and spacing
ignored) and looked up by exact hash first. Near copies — a typo, a changed
word — are found by looking up each unit's rarest words in an inverted index
of the units seen so far and comparing only those candidates word by word
with rapidfuzz, so the work stays close to linear in the length of the draft.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, cast

from rapidfuzz.distance import Levenshtein

from proofdesk.core.checks._newsroom import scan, shapes
from proofdesk.core.checks._newsroom.lazyre import lazy
from proofdesk.core.checks._newsroom.text import ends_sentence, folded, sentences, tokens, word_set
from proofdesk.core.document import Block, BlockKind

MIN_BLOCK_TOKENS = 4
MIN_SENTENCE_TOKENS = 6
# Below this many words only a typo may differ; a changed word makes a new line.
MIN_NEAR_TOKENS = 8
# One changed word per this many words is still "the same sentence".
WORDS_PER_EDIT = 8.0
RARE_KEYS = 4
MAX_POSTINGS = 24

# Words that carry the fact of a sentence: a copy that changes one of them is a new sentence.
_FACT_WORDS = word_set(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday today yesterday tomorrow one two three four five six seven "
    "eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million billion trillion "
    "first second third fourth fifth last next previous rose fell rise fall rises falls up down higher "
    "lower increase decrease increased decreased gained lost won he she his her him they we you"
)
_NEGATIONS = word_set(
    "not no never nor neither none nobody nothing cannot cant dont doesnt didnt isnt wasnt arent werent "
    "wont wouldnt shouldnt couldnt hasnt havent hadnt without"
)
_FACT_OR_NEGATION = _FACT_WORDS | _NEGATIONS
_PRONOUN_START = word_set("he she it they we i this that these those there his her its their")
# A photo credit tacked onto one copy of a caption does not make it a new caption.
_TRAILING_CREDIT = lazy(
    r"\s*(?:\(?(?:photo(?:graph)?|picture|image|credit)s?\s*(?::|by)\s*[^.()]{1,60}\)?"
    r"|\(?[A-Z]{2,}(?:[ -][A-Z]{2,})?/[\w .'’/-]{2,60}\)?)\s*$",
    re.IGNORECASE,
)
_CREDIT_HINT = lazy(r"/|photo|picture|image|credit", re.IGNORECASE)


@dataclass(slots=True, eq=False)  # compared and hashed by identity: the index counts units
class Unit:
    block: int
    start: int  # block-relative
    end: int
    norm: str
    toks: tuple[str, ...]  # a tuple, which the garbage collector stops tracking: drafts hold many
    whole: bool  # the unit is its whole block
    single: bool  # its block is a single sentence
    keys: tuple[str, ...] | None = None  # its rarest words, once the document's word counts are known
    words: frozenset[str] | None = None  # the set of its toks, where text_parts made it
    long: frozenset[str] | None = None  # those of more than two letters
    _facts: tuple[str, ...] | None = None

    @property
    def facts(self) -> tuple[str, ...]:
        """Its numbers and negations, sorted: copies that differ here are never near copies (see near_cost)."""
        if self._facts is None:
            self._facts = _facts(self.norm, self.toks, self.words if self.words is not None else frozenset(self.toks))
        return self._facts


def _facts(norm: str, toks: tuple[str, ...], words: frozenset[str]) -> tuple[str, ...]:
    # Most units have no negation to list word by word.
    found = [] if _NEGATIONS.isdisjoint(words) else [t for t in toks if t in _NEGATIONS]
    # Letters only (no digit is a letter) settles most units in one C call; then str.isalpha settles
    # most words (a regex over the text took four times as long).
    if not norm.replace(" ", "").isalpha():
        found.extend([t for t in toks if not t.isalpha() and _has_digit(t)])
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class Dup:
    """``copy`` (block index, relative span) repeats ``original``; ``whole`` means the whole block."""

    kind: str  # caption | paragraph | sentence
    block: int
    start: int
    end: int
    whole: bool
    original_block: int


def _shared(sets: list[frozenset[str]]) -> set[str]:
    """The words in more than one of ``sets``."""
    return {t for t, n in Counter(chain.from_iterable(sets)).items() if n > 1}


class _Vocabulary:
    """What the indexes need to know about the document's words, worked out once per document."""

    def __init__(
        self,
        block_words: list[frozenset[str]],
        sentence_words: list[frozenset[str]],
        sentence_long: list[frozenset[str]],
    ) -> None:
        self._block_words = block_words
        self._sentence_words = sentence_words
        self._order: dict[str, int] | None = None
        self.ranked_alone = 0  # units whose words were ranked one unit at a time
        # In how many blocks each word is, to rank the words of units that are not alone (nearly every
        # document has some); a block's long words are its words of more than two letters, so the same
        # count tells which long words are in two blocks or more (measured: one count instead of two).
        self.df = Counter(chain.from_iterable(block_words))
        # Long words in two blocks or more, and in two sentences or more: any other word of a unit is its own.
        self.common = {t for t, n in self.df.items() if n > 1 and len(t) > 2}
        self.common_in_sentences = _shared(sentence_long)

    @property
    def order(self) -> dict[str, int]:
        """Each word's place in the order of key words, for documents where many units need ranking.

        Longer than two letters first, then rarest first, then longest, then the word itself: the
        order keys() ranks one unit's words in, built for every word at once by stable sorts.
        """
        if self._order is None:
            ranked = sorted(_NO_WORDS.union(*self._block_words, *self._sentence_words))
            ranked.sort(key=len, reverse=True)
            ranked.sort(key=self.df.__getitem__)
            ordered = [t for t in ranked if len(t) > 2] + [t for t in ranked if len(t) <= 2]
            self._order = {t: i for i, t in enumerate(ordered)}
        return self._order


# Ranking the words of this many units one at a time costs about what ranking the whole vocabulary does.
_RANK_ALL_AFTER = 48


class _Index:
    def __init__(self, words: _Vocabulary, sentences: bool) -> None:
        self.exact: dict[str, Unit] = {}
        # How many units were filed under each key word. A near copy must have the same facts (numbers,
        # negations), so units are filed by key and facts, each with its number under the key: a unit
        # looks only at the units with its own facts among the last MAX_POSTINGS filed under each key.
        self.filed: dict[str, int] = {}
        # Each list alternates a unit's number and the unit: one object per key and facts, not a pair per
        # entry, so the garbage collector has less to trace (measured on 100k words: 38,000 fewer live
        # objects, collections during the pass 92 -> 48 ms).
        self.postings: dict[tuple[str, ...], dict[str, list[Any]]] = {}
        self.words = words
        self.sentences = sentences
        self._alone: dict[Unit, bool] = {}

    def keys(self, unit: Unit) -> tuple[str, ...]:
        if unit.keys is None:
            vocabulary = self.words
            words = unit.words if unit.words is not None else frozenset(unit.toks)
            if vocabulary.ranked_alone < _RANK_ALL_AFTER:
                vocabulary.ranked_alone += 1
                df = vocabulary.df
                # Rarest first, then longest; the word itself breaks ties so the order never depends on sets.
                ranked = sorted([(df.get(t, 0), -len(t), t) for t in words])
                long = [r[2] for r in ranked if r[1] < -2]
                unit.keys = tuple((long or [r[2] for r in ranked])[:RARE_KEYS])
            else:
                # The same order, read from the document's ranking; long words come first in it.
                keys = sorted(words, key=vocabulary.order.__getitem__)[:RARE_KEYS]
                unit.keys = tuple([t for t in keys if len(t) > 2] if keys and len(keys[0]) > 2 else keys)
        return unit.keys

    def alone(self, unit: Unit) -> bool:
        """True when every key of ``unit`` is a word no other unit in this index has.

        Then no other unit shares a key with it, so it has no near copy here and is none of
        another's: only its exact form needs indexing. Most units of a story are alone (names,
        places and figures are rare words), so this skips ranking their words at all.
        """
        known = self._alone.get(unit)
        if known is None:
            long = unit.long if unit.long is not None else frozenset(t for t in unit.toks if len(t) > 2)
            # The keys are the unit's rarest long words; with enough words in no other block they are all such
            # words (a word only a sentence has, its block's copy having lost it with a credit, counts as one).
            rare = long - self.words.common
            known = bool(rare) and (len(rare) >= RARE_KEYS or len(rare) == len(long))
            if known and self.sentences:
                # ...and in the sentence index no other sentence may have them either.
                known = rare.isdisjoint(self.words.common_in_sentences)
            self._alone[unit] = known
        return known

    def add(self, unit: Unit) -> None:
        self.exact.setdefault(unit.norm, unit)
        if self.alone(unit):
            return
        facts = unit.facts
        filed = self.filed
        # By facts, then key: one lookup of the facts per unit, not one per key (a tuple hashes on every use).
        postings = self.postings.get(facts)
        if postings is None:
            postings = self.postings[facts] = {}
        for key in self.keys(unit):
            number = filed.get(key, 0)
            filed[key] = number + 1
            posted = postings.get(key)
            if posted is None:
                postings[key] = [number, unit]
                continue
            posted += (number, unit)
            # The older entries here have at least MAX_POSTINGS units filed under the key after them.
            if len(posted) > MAX_POSTINGS * 4:
                del posted[: MAX_POSTINGS * 2]

    def find(self, unit: Unit) -> Unit | None:
        hit = self.exact.get(unit.norm)
        if hit is not None:
            return hit
        toks = unit.toks
        if len(toks) < 2 or self.alone(unit):
            return None
        keys = self.keys(unit)
        # A near copy shares most of its rare words; one typo or changed word can cost at most two keys.
        need = 2 if len(keys) >= 3 else 1
        postings = self.postings.get(unit.facts)
        if postings is None:
            return None
        filed = self.filed
        lists: list[list[Unit]] = []
        for key in keys:
            posted = postings.get(key)
            if posted is not None:
                first = filed[key] - MAX_POSTINGS  # only the units filed last under a key are candidates
                # Numbers rise along a list, so the window is a tail of it, found by bisection.
                if posted[0] >= first:
                    lists.append(posted[1::2])
                elif posted[-2] >= first:
                    lists.append(posted[2 * bisect_left(posted[::2], first) + 1 :: 2])
        # A unit is filed once under each key, so it shares no more keys than there are lists.
        if len(lists) < need:
            return None
        # The candidates: units in at least ``need`` of the key lists, in the order they are first met.
        candidates: Iterable[Unit]
        if len(lists) == 1:
            candidates = lists[0]
        elif need == 1:
            candidates = dict.fromkeys(chain.from_iterable(lists))
        else:
            sets = [set(lst) for lst in lists]
            shared: set[Unit] = set()
            for i, a in enumerate(sets):
                for b in sets[i + 1 :]:
                    shared.update(a.intersection(b))
            if not shared:
                return None
            candidates = (
                shared if len(shared) == 1 else [c for c in dict.fromkeys(chain.from_iterable(lists)) if c in shared]
            )
        n = len(toks)
        slack = max(1.0, n / WORDS_PER_EDIT)
        best: tuple[float, Unit] | None = None
        for cand in candidates:
            if abs(len(cand.toks) - n) > slack:
                continue
            cost = near_cost(toks, cand.toks)
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, cand)
        return best[1] if best else None


def near_cost(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Word-edit cost between two token lists if they are near copies, else None.

    Typos (a word within two letters of the other copy's) cost half a changed
    word; changed numbers or negations are never a near copy.
    """
    n = max(len(a), len(b))
    budget = max(1.0, n / WORDS_PER_EDIT) if n >= MIN_NEAR_TOKENS else 0.5
    if abs(len(a) - len(b)) > budget:
        return None
    # Every word edit costs at least half, so this bound rejects most candidates cheaply.
    if Levenshtein.distance(a, b, score_cutoff=int(2 * budget)) > 2 * budget:
        return None
    cost = 0.0
    # Plain tuples, not Opcode objects: their attribute reads were a good part of this loop's time.
    ops = cast("list[tuple[str, int, int, int, int]]", Levenshtein.opcodes(a, b).as_list())
    for tag, src_start, src_end, dest_start, dest_end in ops:
        if tag == "equal":
            continue
        old = a[src_start:src_end]
        new = b[dest_start:dest_end]
        if tag == "replace" and len(old) == len(new):
            for x, y in zip(old, new, strict=True):
                if _is_typo(x, y):
                    cost += 0.5
                elif _carries_fact(x) or _carries_fact(y):
                    return None
                else:
                    cost += 1.0
        else:
            if any(_carries_fact(w) for w in (*old, *new)):
                return None
            cost += max(len(old), len(new))
        if cost > budget:
            return None
    return cost


def _carries_fact(word: str) -> bool:
    return word in _FACT_OR_NEGATION or _has_digit(word)


def _has_digit(word: str) -> bool:
    return not word.isalpha() and any(c.isdigit() for c in word)


def _is_typo(x: str, y: str) -> bool:
    """A slip of the keyboard, not a different word: close spelling, and not two real fact words."""
    # The cut-off lets rapidfuzz stop early; any distance over it still reads as more than two.
    if min(len(x), len(y)) < 4 or Levenshtein.distance(x, y, score_cutoff=2) > 2:
        return False
    xy = x + y
    if not xy.isalpha() and any(c.isdigit() for c in xy):  # letters only is the usual case, settled in C
        return False
    return not (x in _FACT_WORDS and y in _FACT_WORDS) and not (x in _NEGATIONS or y in _NEGATIONS)


def _credit_cut(text: str) -> int | None:
    """Where a photo credit tacked onto the end of ``text`` starts, if one is (and is not all of it)."""
    # Credits sit at the very end, so only the last stretch is searched (the pattern is anchored there).
    tail = text[-120:]
    # Every credit form has a slash or one of these words; most paragraphs have neither, and the full
    # pattern is slow to fail (it tries each position).
    if "/" not in tail:
        low = folded(tail)
        if low is not None and not ("photo" in low or "picture" in low or "image" in low or "credit" in low):
            return None
        if low is None and not _CREDIT_HINT.search(tail):
            return None
    m = _TRAILING_CREDIT.search(tail)
    if m and m.start() > 0:
        return len(text) - len(tail) + m.start()
    return None


# A top-of-story line this short that recurs lower down is a caption, not the lede.
MAX_CAPTION_WORDS = 20


# What find_duplicates needs from one block's text alone: is it a credit line; its normalised form,
# words and set of words; and, if it has more than one sentence, the same for each sentence with its span.
_Sentence = tuple[int, int, str, tuple[str, ...], frozenset[str], frozenset[str]]
_Parts = tuple[bool, str, tuple[str, ...], frozenset[str], frozenset[str], list[_Sentence] | None]
_NO_WORDS: frozenset[str] = frozenset()


# Normalised sentences by text: typing changes one sentence of a paragraph, so the rest are known.
_SENTENCES: dict[str, tuple[str, tuple[str, ...], frozenset[str], frozenset[str]]] = {}
_SENTENCES_LIMIT = 20_000


# Parts by paragraph text, for every draft checked lately: headlines, captions and credits recur.
_PARTS: dict[str, _Parts] = {}
_PARTS_LIMIT = 8_000


def text_parts(text: str) -> _Parts:
    parts = _PARTS.get(text)
    if parts is None:
        if len(_PARTS) > _PARTS_LIMIT:
            _PARTS.clear()
        parts = _PARTS[text] = _text_parts(text)
    return parts


def _text_parts(text: str) -> _Parts:
    if shapes.is_credit_line(text):
        return (True, "", (), _NO_WORDS, _NO_WORDS, None)
    spans = sentences(text)
    if len(spans) <= 1:
        cut = _credit_cut(text)
        toks = tuple(tokens(text if cut is None else text[:cut]))
        return (False, " ".join(toks), toks, *_word_sets(toks), None)
    sents: list[_Sentence] = []
    known = _SENTENCES
    if len(known) > _SENTENCES_LIMIT:
        known.clear()
    for s in spans:
        sentence = text[s.start : s.end]
        hit = known.get(sentence)
        if hit is None:
            stoks = tuple(tokens(sentence))
            hit = known[sentence] = (" ".join(stoks), stoks, *_word_sets(stoks))
        sents.append((s.start, s.end, *hit))
    cut = _credit_cut(text)
    if cut is not None:
        toks = tuple(tokens(text[:cut]))
        return (False, " ".join(toks), toks, *_word_sets(toks), sents)
    # Sentences are cut at white space, which normalising never joins to a word, so the paragraph's
    # words are its sentences' words: no second pass over the text (measured: text_parts 14 -> 8 ms).
    toks = tuple(chain.from_iterable([sent[3] for sent in sents]))
    words = _NO_WORDS.union(*[sent[4] for sent in sents])
    return (False, " ".join(toks), toks, words, _NO_WORDS.union(*[sent[5] for sent in sents]), sents)


def _word_sets(toks: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """A unit's words, and those of them longer than two letters (the ones that can be its keys)."""
    words = frozenset(toks)
    return words, frozenset([t for t in words if len(t) > 2])


def duplicates_with_layout(blocks: Sequence[Block], skip: set[int], memo: dict[str, _Parts] | None = None) -> list[Dup]:
    """Duplicates, with the story's top zone (headline, standfirst, captions) worked out first.

    A caption that repeats a body paragraph can look like the first body
    paragraph itself; when the first body paragraph found is short and recurs
    later, it is taken as a caption and the body is taken to start after it.

    ``memo`` (block text -> its parts) may be kept between calls: an edited draft
    then re-reads only the paragraphs that changed.
    """
    memo = {} if memo is None else memo
    texts = [b.text.strip() for b in blocks]
    marks: list[str | None] = [("furniture" if i in skip else None) for i in range(len(blocks))]
    body_start = scan.layout(texts, marks).body_start
    for _ in range(3):
        dups = find_duplicates(blocks, skip, body_start, memo)
        recurring = {d.original_block for d in dups if d.whole} | {d.block for d in dups if d.whole}
        if body_start not in recurring or len(texts[body_start].split()) > MAX_CAPTION_WORDS:
            return dups
        marks[body_start] = "caption"
        body_start = scan.layout(texts, marks).body_start
    return find_duplicates(blocks, skip, body_start, memo)


def find_duplicates(
    blocks: Sequence[Block], skip: set[int], body_start: int, memo: dict[str, _Parts] | None = None
) -> list[Dup]:
    """Later copies of earlier blocks and sentences; blocks in ``skip`` are neither copies nor originals."""
    block_units: list[Unit | None] = []
    sent_units: list[list[Unit]] = []
    # Each live block's words and long words, and each sentence's long words: which are shared.
    block_words: list[frozenset[str]] = []
    sentence_words: list[frozenset[str]] = []  # of sentences of blocks with more than one
    sentence_long: list[frozenset[str]] = []
    memo = {} if memo is None else memo
    for i, b in enumerate(blocks):
        parts = None if i in skip else memo.get(b.text)
        if parts is None and i not in skip:
            parts = memo[b.text] = text_parts(b.text)
        if parts is None or parts[0]:
            block_units.append(None)
            sent_units.append([])
            continue
        _, norm, toks, words, long, sents = parts
        unit = Unit(i, 0, len(b.text), norm, toks, True, sents is None, words=words, long=long)
        block_units.append(unit)
        block_words.append(words)
        if sents is None:
            sent_units.append([unit])
            sentence_long.append(long)
        else:
            sent_units.append(
                [Unit(i, st, en, sn, stoks, False, False, words=sw, long=sl) for st, en, sn, stoks, sw, sl in sents]
            )
            sentence_words.extend([sent[4] for sent in sents])
            sentence_long.extend([sent[5] for sent in sents])
    vocabulary = _Vocabulary(block_words, sentence_words, sentence_long)
    blocks_seen = _Index(vocabulary, sentences=False)
    sents_seen = _Index(vocabulary, sentences=True)
    dups: list[Dup] = []
    flagged: set[int] = set()
    prev_live = -1
    for i, bu in enumerate(block_units):
        if bu is None:
            continue
        b = blocks[i]
        adjacent_to = prev_live
        prev_live = i
        if _block_eligible(b, bu):
            match = blocks_seen.find(bu)
            if match is not None and _may_repeat(b, bu, match, adjacent_to, body_start, blocks):
                dups.append(_block_dup(blocks, match, bu, adjacent_to, body_start))
                flagged.add(dups[-1].block)
                continue
        for su in sent_units[i]:
            if _sentence_eligible(su):
                orig = sents_seen.find(su)
                if orig is not None and orig.block not in flagged:
                    dup = _sentence_dup(blocks, orig, su, body_start)
                    dups.append(dup)
                    if dup.whole:
                        flagged.add(dup.block)
                    continue
            sents_seen.add(su)
        blocks_seen.add(bu)
    return dups


def _block_eligible(b: Block, u: Unit) -> bool:
    return len(u.toks) >= MIN_BLOCK_TOKENS and len(u.norm) >= 15


def _sentence_eligible(u: Unit) -> bool:
    n = len(u.toks)
    if n < MIN_SENTENCE_TOKENS:
        return False
    # "It declined to comment." repeated about two companies is two facts.
    return not (u.toks[0] in _PRONOUN_START and n < 12)


def _may_repeat(b: Block, u: Unit, orig: Unit, adjacent_to: int, body_start: int, blocks: Sequence[Block]) -> bool:
    """Short unpunctuated lines (crossheads, list labels) may recur; anything adjacent may not."""
    if orig.block == adjacent_to or b.kind == BlockKind.CAPTION or blocks[orig.block].kind == BlockKind.CAPTION:
        return True
    if not _sentence_eligible(u) and len(u.toks) < 12:
        return False
    if orig.block < body_start and len(u.toks) >= 4:
        return True
    return len(u.toks) >= 7 or ends_sentence(b.text)


_STORY_CUES = lazy(r"\b(?:said|says|told|added|according to|announced|reported|warned|insisted)\b|[\"“”]")


_CAPTION_MARKS = lazy(r"^\s*(?:FILE PHOTO|FILE|PHOTO|PICTURED|IN PICTURES)\b|\b[A-Z]{2,}/[A-Z]", re.IGNORECASE)


def _reads_as_story(text: str) -> bool:
    if _CAPTION_MARKS.search(text):
        return False
    text = _TRAILING_CREDIT.sub("", text) or text
    return _STORY_CUES.search(text) is not None or len(sentences(text)) > 1


def _captionish(blocks: Sequence[Block], i: int, body_start: int) -> bool:
    return blocks[i].kind == BlockKind.CAPTION or i < body_start


def _block_dup(blocks: Sequence[Block], orig: Unit, copy: Unit, adjacent_to: int, body_start: int) -> Dup:
    o, c = orig.block, copy.block
    caption = _captionish(blocks, o, body_start) or blocks[c].kind == BlockKind.CAPTION
    # A caption that repeats a body paragraph is the copy to drop, wherever it sits.
    # In plain text a caption repeated lower down looks like a one-line paragraph,
    # so the later copy must read as story (attribution, quotes) before the caption goes.
    if o != adjacent_to and _captionish(blocks, o, body_start) and not _captionish(blocks, c, body_start):
        structured = blocks[o].kind == BlockKind.CAPTION and blocks[c].kind != BlockKind.CAPTION
        if structured or _reads_as_story(blocks[c].text):
            o, c = c, o
    kind = "caption" if caption else "paragraph"
    return Dup(kind, c, 0, len(blocks[c].text), True, o)


def _sentence_dup(blocks: Sequence[Block], orig: Unit, copy: Unit, body_start: int) -> Dup:
    if copy.whole:
        kind = "caption" if _captionish(blocks, copy.block, body_start) else "paragraph"
        return Dup(kind, copy.block, 0, len(blocks[copy.block].text), True, orig.block)
    if orig.whole and orig.single and _captionish(blocks, orig.block, body_start):
        return Dup("caption", orig.block, 0, len(blocks[orig.block].text), True, copy.block)
    return Dup("sentence", copy.block, copy.start, copy.end, False, orig.block)
