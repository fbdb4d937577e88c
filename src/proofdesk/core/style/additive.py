"""Whether a pattern's matches in a paragraph are exactly its matches in the paragraph's sentences.

A sentence-scoped ``occurrence`` rule (``Newsroom.SentenceLength``: at most 30
words a sentence) counts its token in every sentence of every paragraph. When
no match can contain a space and the pattern looks at nothing beyond the
characters it consumes except word boundaries, a search of the whole paragraph
finds the sentences' matches and no others that straddle them: sentences are
split at whitespace (see :mod:`.sentences`), a match cannot cross it, and a
``\\b`` at a sentence's edge sees whitespace (or the text's edge) either way.
So the paragraph's count is the sum of its sentences' counts, and a paragraph
with no more matches than a rule's ``max`` holds no sentence with more.
Measured on the newsroom corpus: 533 of 549 paragraphs are settled by one
search, and the sentence split is skipped for them.

The analysis reads the pattern with the standard library's parser, as
:mod:`.prefilter` does, and answers False for anything it does not model.

:func:`required_marks` gives a cheaper bound still, for tokens that always
hold one of a few punctuation marks (``Newsroom.ParagraphLength`` counts
``[.!?]`` followed by a capital): no text holds more matches than such marks.
"""

from __future__ import annotations

import functools
import importlib
import re
import warnings
from typing import Any

_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")

# Every character ``str.isspace`` or ``regex``'s ``\s`` takes for white space (tests check the list).
SPACES = frozenset(
    {*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B)}
    | {0x2028, 0x2029, 0x202F, 0x205F, 0x3000}
)
_REPEATS = frozenset({C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT})


@functools.lru_cache(maxsize=1024)
def confined_to_sentences(source: str) -> bool:
    """True if every match is non-empty, holds no white space and asserts nothing but ``\\b``."""
    if "\\p" in source or "\\P" in source:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _parser.parse(source)
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return False
    try:
        if parsed.getwidth()[0] < 1:
            return False
        return _no_space(list(parsed))
    except (TypeError, ValueError, RecursionError):
        return False


def _no_space(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            if av in SPACES:
                return False
        elif op is C.IN:
            if not _class_no_space(av):
                return False
        elif op in _REPEATS:
            if not _no_space(list(av[2])):
                return False
        elif op is C.SUBPATTERN:
            if not _no_space(list(av[3])):
                return False
        elif op is C.ATOMIC_GROUP:
            if not _no_space(list(av)):
                return False
        elif op is C.BRANCH:
            if not all(_no_space(list(branch)) for branch in av[1]):
                return False
        elif op is C.AT:
            if av is not C.AT_BOUNDARY:
                return False
        else:
            # ., negated literals, lookarounds, anchors, back-references: not modelled.
            return False
    return True


def _class_no_space(members: list[tuple[Any, Any]]) -> bool:
    for op, av in members:
        if op is C.LITERAL:
            if av in SPACES:
                return False
        elif op is C.RANGE:
            low, high = av
            if any(low <= c <= high for c in SPACES):
                return False
        elif op is C.CATEGORY:
            # \w and \d hold no white space in either engine; \S is narrower in ``regex`` than str.isspace.
            if av not in (C.CATEGORY_WORD, C.CATEGORY_DIGIT):
                return False
        else:
            return False
    return True


# A class of more members than this is not worth counting mark by mark.
_FEW = 8


@functools.lru_cache(maxsize=1024)
def required_marks(source: str) -> frozenset[str] | None:
    """ASCII punctuation marks one of which every match consumes, or None if the pattern has none such.

    Matches do not overlap, so a text holds at most as many matches as it holds these marks.
    Letters and digits are never returned: case-insensitive matching could widen them.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            # \p{Lu}: one character the parser cannot name; it never decides the answer.
            parsed = _parser.parse(_ESCAPE.sub(_neutral, source))
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return None
    try:
        return _marks_in(list(parsed))
    except (TypeError, ValueError, RecursionError):
        return None


# Every escape, so that an escaped backslash is never read as the start of \p (as in :mod:`.prefilter`).
_ESCAPE = re.compile(r"\\(?:[pP](?:\{[^}]*\}|[A-Za-z])|.)", re.DOTALL)


def _neutral(m: re.Match[str]) -> str:
    return r"\d" if m.group()[1] in "pP" else m.group()


def _marks_in(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The marks of the first item of a sequence that every match consumes exactly one character with."""
    for op, av in items:
        found: frozenset[str] | None = None
        if op is C.LITERAL:
            found = _punctuation({av})
        elif op is C.IN:
            if all(m_op is C.LITERAL for m_op, _ in av) and len(av) <= _FEW:
                found = _punctuation({m_av for _, m_av in av})
        elif op is C.SUBPATTERN:
            found = _marks_in(list(av[3]))
        elif op in _REPEATS and av[0] >= 1:
            found = _marks_in(list(av[2]))
        elif op is C.BRANCH:
            branches = [_marks_in(list(branch)) for branch in av[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*(b for b in branches if b is not None))
        if found:
            return found
    return None


def _punctuation(codes: set[int]) -> frozenset[str] | None:
    chars = {chr(c) for c in codes}
    if all(c.isascii() and not c.isalnum() and not c.isspace() for c in chars):
        return frozenset(chars)
    return None
