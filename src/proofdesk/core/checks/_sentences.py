"""Sentence bounds in a news paragraph, good enough to find "the sentence after a quote"."""

from __future__ import annotations

import re
from functools import lru_cache

# A full stop after these is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt cpl jr sr inc corp co ltd no nos vs etc approx est "  # noqa: SIM905
    "jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m e.g i.e fig".split()
)
# Reversed text: the stop, then the run of word characters and dots before it.
_WORD_BEFORE_STOP = re.compile(r"\.([\w.]+)")
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\w£$€])")


@lru_cache(maxsize=32768)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; together they cover the text from its first to last non-space."""
    bounds: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        if m.end() <= start:
            continue
        # The word before the stop, read backwards from it: searching the sentence forwards is slow.
        word = (
            _WORD_BEFORE_STOP.match(text[m.start() : start - 1 if start else None : -1])
            if m.group()[0] == "."
            else None
        )
        if word is not None:
            stem = word.group(1)[::-1].lower()
            if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
                continue
        # Lower-case after the stop is a continuation ("…,” he said.) only if no quote intervenes.
        nxt = text[m.end() :].lstrip()
        if nxt[:1].islower():
            continue
        bounds.append((start, m.end()))
        start = m.end() + (len(text) - m.end() - len(text[m.end() :].lstrip()))
    end = len(text.rstrip())
    if start < end:
        bounds.append((start, end))
    return tuple(bounds)


def sentence_index(bounds: tuple[tuple[int, int], ...], pos: int) -> int:
    """Index of the sentence containing ``pos`` (the nearest one before it if ``pos`` is in a gap)."""
    found = 0
    for i, (s, _e) in enumerate(bounds):
        if s <= pos:
            found = i
        else:
            break
    return found
