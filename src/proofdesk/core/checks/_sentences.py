"""Sentence bounds in a news paragraph, good enough to find "the sentence after a quote"."""

from __future__ import annotations

from functools import lru_cache

from proofdesk.core.checks._newsroom.lazyre import lazy

# A full stop after these is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt cpl jr sr inc corp co ltd no nos vs etc approx est "  # noqa: SIM905
    "jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m e.g i.e fig".split()
)
# Reversed text: the stop, then the run of word characters and dots before it.
_WORD_BEFORE_STOP = lazy(r"\.([\w.]+)")
_WORD_WINDOW = 40
_NOT_SPACE = lazy(r"\S")
_END = lazy(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\w£$€])")


@lru_cache(maxsize=32768)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; together they cover the text from its first to last non-space."""
    bounds: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        if m.end() <= start:
            continue
        # The word before the stop, read backwards from it: searching the sentence forwards is slow.
        # Only its last stretch is reversed, unless the word runs on past it.
        if m.group()[0] == ".":
            low = max(start, m.start() - _WORD_WINDOW)
            back = text[m.start() : low - 1 if low else None : -1]
            word = _WORD_BEFORE_STOP.match(back)
            if word is not None and word.end() == len(back) and low > start:
                word = _WORD_BEFORE_STOP.match(text[m.start() : start - 1 if start else None : -1])
        else:
            word = None
        if word is not None:
            stem = word.group(1)[::-1].lower()
            if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
                continue
        # Lower-case after the stop is a continuation ("…,” he said.) only if no quote intervenes.
        after = _NOT_SPACE.search(text, m.end())
        if after is not None and text[after.start()].islower():
            continue
        bounds.append((start, m.end()))
        start = after.start() if after is not None else len(text)
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
