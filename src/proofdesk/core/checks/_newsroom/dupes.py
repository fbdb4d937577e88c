"""Finding repeated captions, paragraphs and sentences in one pass over a document.

Every block and sentence is normalised (case, quotes, punctuation and spacing
ignored) and looked up by exact hash first. Near copies — a typo, a changed
word — are found by looking up each unit's rarest words in an inverted index
of the units seen so far and comparing only those candidates word by word
with rapidfuzz, so the work stays close to linear in the length of the draft.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from proofdesk.core.checks._newsroom import scan, shapes
from proofdesk.core.checks._newsroom.text import ends_sentence, normalise, sentences, word_set
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
_PRONOUN_START = word_set("he she it they we i this that these those there his her its their")
# A photo credit tacked onto one copy of a caption does not make it a new caption.
_TRAILING_CREDIT = re.compile(
    r"\s*(?:\(?(?:photo(?:graph)?|picture|image|credit)s?\s*(?::|by)\s*[^.()]{1,60}\)?"
    r"|\(?[A-Z]{2,}(?:[ -][A-Z]{2,})?/[\w .'’/-]{2,60}\)?)\s*$",
    re.IGNORECASE,
)
_ASCII_DIGIT_TOKEN = re.compile(r"[^ ]*[0-9][^ ]*")
_CREDIT_HINT = re.compile(r"/|photo|picture|image|credit", re.IGNORECASE)


@dataclass(slots=True, eq=False)  # compared and hashed by identity: the index counts units
class Unit:
    block: int
    start: int  # block-relative
    end: int
    norm: str
    toks: list[str]
    whole: bool  # the unit is its whole block
    single: bool  # its block is a single sentence
    keys: list[str] | None = None  # its rarest words, once the document's word counts are known
    _facts: tuple[str, ...] | None = None

    @property
    def facts(self) -> tuple[str, ...]:
        """Its numbers and negations, sorted: copies that differ here are never near copies (see near_cost)."""
        if self._facts is None:
            toks = self.toks
            norm = self.norm
            found = [t for t in toks if t in _NEGATIONS]
            if norm.isascii():  # then str.isdigit means 0-9, and a regex finds the tokens holding one
                found.extend(_ASCII_DIGIT_TOKEN.findall(norm))
            else:
                found.extend(t for t in toks if _has_digit(t))
            self._facts = tuple(sorted(found))
        return self._facts


@dataclass(frozen=True, slots=True)
class Dup:
    """``copy`` (block index, relative span) repeats ``original``; ``whole`` means the whole block."""

    kind: str  # caption | paragraph | sentence
    block: int
    start: int
    end: int
    whole: bool
    original_block: int


class _Index:
    def __init__(self, df: dict[str, int]) -> None:
        self.exact: dict[str, Unit] = {}
        self.postings: dict[str, list[Unit]] = defaultdict(list)
        self.df = df

    def keys(self, unit: Unit) -> list[str]:
        if unit.keys is None:
            df = self.df
            # Rarest first, then longest; the word itself breaks ties so the order never depends on sets.
            ranked = sorted([(df.get(t, 0), -len(t), t) for t in set(unit.toks)])
            long = [r[2] for r in ranked if r[1] < -2]
            unit.keys = (long or [r[2] for r in ranked])[:RARE_KEYS]
        return unit.keys

    def add(self, unit: Unit) -> None:
        self.exact.setdefault(unit.norm, unit)
        for key in self.keys(unit):
            lst = self.postings[key]
            lst.append(unit)
            if len(lst) > MAX_POSTINGS * 2:
                del lst[:MAX_POSTINGS]

    def find(self, unit: Unit) -> Unit | None:
        hit = self.exact.get(unit.norm)
        if hit is not None:
            return hit
        if len(unit.toks) < 2:
            return None
        keys = self.keys(unit)
        # Candidates in first-seen order with how many of the unit's rare words they share.
        pool: list[Unit] = []
        postings = self.postings
        for key in keys:
            lst = postings.get(key)
            if lst:
                pool.extend(lst[-MAX_POSTINGS:])
        counts = Counter(pool)
        # A near copy shares most of its rare words; one typo or changed word can cost at most two keys.
        need = 2 if len(keys) >= 3 else 1
        n = len(unit.toks)
        slack = max(1.0, n / WORDS_PER_EDIT)
        facts = unit.facts
        best: tuple[float, Unit] | None = None
        for cand, count in counts.items():
            if count < need or abs(len(cand.toks) - n) > slack:
                continue
            # near_cost would refuse these anyway; the template-like sentences of a long story make it common.
            theirs = cand._facts
            if (theirs if theirs is not None else cand.facts) != facts:
                continue
            cost = near_cost(unit.toks, cand.toks)
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
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        old = a[op.src_start : op.src_end]
        new = b[op.dest_start : op.dest_end]
        pairs = list(zip(old, new, strict=True)) if op.tag == "replace" and len(old) == len(new) else []
        for x, y in pairs:
            if _is_typo(x, y):
                cost += 0.5
            elif _carries_fact(x) or _carries_fact(y):
                return None
            else:
                cost += 1.0
        if not pairs:
            if any(_carries_fact(w) for w in (*old, *new)):
                return None
            cost += max(len(old), len(new))
        if cost > budget:
            return None
    return cost


def _carries_fact(word: str) -> bool:
    return word in _NEGATIONS or word in _FACT_WORDS or _has_digit(word)


def _has_digit(word: str) -> bool:
    return not word.isalpha() and any(c.isdigit() for c in word)


def _is_typo(x: str, y: str) -> bool:
    """A slip of the keyboard, not a different word: close spelling, and not two real fact words."""
    if min(len(x), len(y)) < 4 or Levenshtein.distance(x, y) > 2:
        return False
    if any(c.isdigit() for c in x + y):
        return False
    return not (x in _FACT_WORDS and y in _FACT_WORDS) and not (x in _NEGATIONS or y in _NEGATIONS)


def _block_norm(text: str) -> str:
    # Credits sit at the very end, so only the last stretch is searched (the pattern is anchored there).
    tail = text[-120:]
    # Every credit form has a slash or one of these words; most paragraphs have neither, and the full
    # pattern is slow to fail (it tries each position).
    m = _TRAILING_CREDIT.search(tail) if _CREDIT_HINT.search(tail) else None
    if m and m.start() > 0:
        text = text[: len(text) - len(tail) + m.start()]
    return normalise(text)


# A top-of-story line this short that recurs lower down is a caption, not the lede.
MAX_CAPTION_WORDS = 20


# What find_duplicates needs from one block's text alone: is it a credit line; its normalised form and
# words; and, if it has more than one sentence, each sentence's span, normalised form and words.
_Parts = tuple[bool, str, list[str], list[tuple[int, int, str, list[str]]] | None]


def text_parts(text: str) -> _Parts:
    if shapes.is_credit_line(text):
        return (True, "", [], None)
    spans = sentences(text)
    norm = _block_norm(text)
    sents = None
    if len(spans) > 1:
        sents = []
        for s in spans:
            snorm = normalise(text[s.start : s.end])
            sents.append((s.start, s.end, snorm, snorm.split()))
    return (False, norm, norm.split(), sents)


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
    df: dict[str, int] = defaultdict(int)
    memo = {} if memo is None else memo
    for i, b in enumerate(blocks):
        parts = None if i in skip else memo.get(b.text)
        if parts is None and i not in skip:
            parts = memo[b.text] = text_parts(b.text)
        if parts is None or parts[0]:
            block_units.append(None)
            sent_units.append([])
            continue
        _, norm, toks, sents = parts
        unit = Unit(i, 0, len(b.text), norm, toks, True, sents is None)
        block_units.append(unit)
        sus = [unit] if sents is None else [Unit(i, st, en, sn, stoks, False, False) for st, en, sn, stoks in sents]
        sent_units.append(sus)
        for t in set(unit.toks):
            df[t] += 1
    blocks_seen = _Index(df)
    sents_seen = _Index(df)
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


_STORY_CUES = re.compile(r"\b(?:said|says|told|added|according to|announced|reported|warned|insisted)\b|[\"“”]")


_CAPTION_MARKS = re.compile(r"^\s*(?:FILE PHOTO|FILE|PHOTO|PICTURED|IN PICTURES)\b|\b[A-Z]{2,}/[A-Z]", re.IGNORECASE)


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
