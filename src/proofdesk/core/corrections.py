"""Applying accepted suggestions as edits, their inverses for undo, and offset remapping.

Overlap rule: when accepted findings overlap, the one that starts first wins;
on equal starts the longer span wins (it usually contains the other's fix, e.g.
a duplicated paragraph containing a typo), then the more severe, then the rule
id. Losers are reported back, not applied. Two insertions at the same point are
applied in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from proofdesk.core.findings import Finding


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``original`` is what was there."""

    start: int
    end: int
    replacement: str
    original: str = ""
    rule: str = ""

    @property
    def delta(self) -> int:
        return len(self.replacement) - (self.end - self.start)


def edit_for(finding: Finding, choice: int = 0) -> Edit:
    if not finding.suggestions:
        raise ValueError(f"{finding.rule} at {finding.start} has no suggestion to apply")
    return Edit(finding.start, finding.end, finding.suggestions[choice], finding.text, finding.rule)


def resolve_overlaps(findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Split accepted findings into (applicable, dropped) by the overlap rule above."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), -f.severity.rank, f.rule))
    chosen: list[Finding] = []
    dropped: list[Finding] = []
    reach = -1
    for f in ordered:
        if f.start < reach:
            dropped.append(f)
            continue
        chosen.append(f)
        reach = max(reach, f.end)
    return chosen, dropped


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping ``edits`` in one pass; return the new text and the inverse edits.

    Inverse edits are in new-text offsets and, applied with this function,
    restore the original text exactly.
    """
    ordered = sorted(enumerate(edits), key=lambda p: (p[1].start, p[1].end, p[0]))
    parts: list[str] = []
    inverse: list[Edit] = []
    pos = 0
    shift = 0
    for _, e in ordered:
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        if e.end > len(text):
            raise ValueError(f"edit {e.start}..{e.end} beyond end of text ({len(text)})")
        original = text[e.start : e.end]
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        new_start = e.start + shift
        inverse.append(Edit(new_start, new_start + len(e.replacement), original, e.replacement, e.rule))
        shift += e.delta
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), inverse


def remap_findings(findings: Iterable[Finding], edits: Sequence[Edit]) -> list[Finding]:
    """Findings untouched by ``edits``, moved to their place in the edited text.

    A finding that overlaps an edit, or an insertion strictly inside it, is
    dropped: its text has changed and only a re-check can judge it again.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    kept: list[Finding] = []
    for f in findings:
        shift = 0
        touched = False
        for e in ordered:
            if e.start == e.end:
                if f.start < e.start < f.end:
                    touched = True
                    break
                if e.start <= f.start:
                    shift += e.delta
                    continue
                break
            if e.end <= f.start:
                shift += e.delta
            elif e.start >= f.end:
                break
            else:
                touched = True
                break
        if not touched:
            kept.append(f.shifted(shift))
    return kept
