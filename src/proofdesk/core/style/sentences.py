"""Split a block into sentences for rules scoped to ``sentence``."""

from __future__ import annotations

import regex

# Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    word
    for line in (
        "mr mrs ms dr prof sr jr st gen col lt sgt capt rev gov sen rep hon no vs etc inc ltd co corp dept",
        "approx est jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n a.m p.m",
    )
    for word in line.split(" ")
)
_END = regex.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\p{Lu}\p{N}])")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs covering ``text``; each sentence keeps its end punctuation."""
    out: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    for m in _END.finditer(text):
        stop = m.start()
        if text[stop] == ".":
            # Only the last word before the stop matters; rsplit finds it without splitting the whole sentence.
            before = text[start:stop].rsplit(None, 1)
            word = before[-1].lower().rstrip(".") if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        end = m.end()
        out.append((start, text[start:end]))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n and text[start:].strip():
        out.append((start, text[start:]))
    return out
