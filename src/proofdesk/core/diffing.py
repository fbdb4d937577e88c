"""Word-level differences between two texts, and the proposed copy of a draft (Meld's engine, no widgets)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from proofdesk.core.corrections import resolve_overlaps
from proofdesk.core.findings import Finding

Op = Literal["equal", "delete", "insert"]

# Words, runs of spaces and single punctuation marks: a changed comma is one token, not a whole word.
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|\s+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the comparison: ``text`` is kept, removed from ``a`` or added in ``b``.

    ``a_start`` is where the piece sits in the first text (for an insertion, the
    point it goes in at). ``finding`` ties a proposed-copy change to its finding.
    """

    op: Op
    text: str
    a_start: int
    finding: Finding | None = None


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(a: str, b: str) -> list[Segment]:
    """Segments turning ``a`` into ``b``; the equal and delete pieces concatenate to ``a``."""
    ta, tb = tokens(a), tokens(b)
    if "".join(ta) != a or "".join(tb) != b:  # pragma: no cover - the token pattern covers every character
        raise AssertionError("tokeniser lost characters")
    offsets = [0]
    for t in ta:
        offsets.append(offsets[-1] + len(t))
    out: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Segment("equal", a[offsets[i1] : offsets[i2]], offsets[i1]))
            continue
        if i2 > i1:
            out.append(Segment("delete", a[offsets[i1] : offsets[i2]], offsets[i1]))
        if j2 > j1:
            out.append(Segment("insert", "".join(tb[j1:j2]), offsets[i2]))
    return out


def apply_segments(segments: Iterable[Segment]) -> str:
    """The second text of a comparison: equal and inserted pieces."""
    return "".join(s.text for s in segments if s.op != "delete")


def proposed_segments(text: str, findings: Iterable[Finding]) -> list[Segment]:
    """The draft with every pending finding's first suggestion applied, as equal/delete/insert pieces.

    Findings without a suggestion change nothing; overlapping ones follow the
    overlap rule of :mod:`proofdesk.core.corrections`.
    """
    chosen, _ = resolve_overlaps(f for f in findings if f.suggestions)
    out: list[Segment] = []
    pos = 0
    for f in chosen:
        if f.start > pos:
            out.append(Segment("equal", text[pos : f.start], pos))
        if f.end > f.start:
            out.append(Segment("delete", text[f.start : f.end], f.start, f))
        replacement = f.suggestions[0]
        if replacement:
            out.append(Segment("insert", replacement, f.end, f))
        pos = max(pos, f.end)
    if pos < len(text):
        out.append(Segment("equal", text[pos:], pos))
    return out
