"""Choosing which findings to fix and applying their first suggestions in one pass.

Shared by ``proofdesk fix``, ``proofdesk export`` and the app's export, so a
clean copy is the same whichever way it was made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from proofdesk.core.corrections import Edit, apply_edits, edit_for, resolve_overlaps
from proofdesk.core.document import Document
from proofdesk.core.findings import Finding, finding_selected

# What a clean copy drops unless told otherwise: web furniture and repeated captions/paragraphs.
CLEAN_COPY_ACCEPT = frozenset({"duplicate", "furniture"})


@dataclass(frozen=True, slots=True)
class Change:
    """One applied fix, in the words of a change report.

    ``start``/``end`` are offsets in the original text of what was replaced (a
    deleted line's span may also take the blank lines it leaves behind),
    ``line``/``column`` where the finding is (1-based), ``new_start`` where the
    replacement now begins.
    """

    rule: str
    category: str
    message: str
    start: int
    end: int
    line: int
    column: int
    before: str
    after: str
    new_start: int

    @classmethod
    def for_accept(cls, text: str, finding: Finding, replacement: str) -> Change:
        """One accept in the app's review, positioned in ``text`` as it was just before it."""
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        return cls(
            rule=finding.rule,
            category=str(finding.category),
            message=finding.message,
            start=finding.start,
            end=finding.end,
            line=line,
            column=column,
            before=finding.text,
            after=replacement,
            new_start=finding.start,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "category": self.category,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True, slots=True)
class FixResult:
    new_text: str
    applied: list[Change]
    # Selected findings left alone: no automatic fix, or overlapped by a fix that won.
    skipped: list[Finding]
    # Applying these to ``new_text`` gives the original text back.
    inverse: list[Edit]

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def is_selected(finding: Finding, accept: frozenset[str] | None) -> bool:
    """``accept`` is a set of categories, rule ids or prefixes; None (``all``) selects every finding."""
    return accept is None or finding_selected(finding, accept)


def plan_fixes(
    doc: Document, findings: Iterable[Finding], accept: frozenset[str] | None
) -> tuple[list[Finding], list[Finding]]:
    """(applied, skipped): the selected findings that will be fixed, and the selected ones that will not.

    A finding is skipped when it has no suggestion or loses an overlap (see
    :mod:`proofdesk.core.corrections` for the rule). Both lists are in text order.
    """
    selected = [f for f in findings if is_selected(f, accept)]
    for f in selected:
        if f.end > len(doc.text) or doc.text[f.start : f.end] != f.text:
            raise ValueError(f"finding {f.rule} at {f.start}..{f.end} does not match the document text")
    fixable = [f for f in selected if f.suggestions]
    unfixable = [f for f in selected if not f.suggestions]
    applied, lost = resolve_overlaps(fixable)
    applied.sort(key=lambda f: f.sort_key)
    skipped = sorted([*unfixable, *lost], key=lambda f: f.sort_key)
    return applied, skipped


def _absorb_blank_lines(text: str, edits: list[Edit]) -> list[Edit]:
    """Deleting whole lines (furniture, a repeated caption) leaves the blank lines on both sides of
    them; let each such deletion also take the blank lines beyond one, so clean copy keeps a single
    blank line between paragraphs (none at the top). Only newlines are added to the edit."""
    out: list[Edit] = []
    for i, e in enumerate(edits):
        lower = out[-1].end if out else 0
        upper = edits[i + 1].start if i + 1 < len(edits) else len(text)
        whole_lines = (e.start == 0 or text[e.start - 1] == "\n") and e.end > e.start and text[e.end - 1] == "\n"
        if e.replacement or not whole_lines:
            out.append(e)
            continue
        start, end = e.start, e.end
        while end < upper and text[end] == "\n":
            end += 1
        while start > lower and text[start - 1] == "\n":
            start -= 1
        # Keep one blank line (two newlines) where text stands on both sides; none at either end.
        keep = 2 if start > 0 and end < len(text) else 0
        removable = (e.start - start) + (end - e.end)
        surplus = max(0, removable - keep)
        # Take the surplus from after the deletion first, then from before it.
        after = min(surplus, end - e.end)
        before = surplus - after
        new_start, new_end = e.start - before, e.end + after
        out.append(Edit(new_start, new_end, "", text[new_start:new_end], e.rule))
    return out


def apply_fixes(doc: Document, findings: Iterable[Finding], accept: frozenset[str] | None) -> FixResult:
    applied, skipped = plan_fixes(doc, findings, accept)
    edits = _absorb_blank_lines(doc.text, [edit_for(f) for f in applied])
    new_text, inverse = apply_edits(doc.text, edits)
    # apply_edits keeps the edits' text order, so inverse[i] belongs to applied[i].
    changes = []
    for f, e, inv in zip(applied, edits, inverse, strict=True):
        line, column = doc.line_col(f.start)
        changes.append(
            Change(
                rule=f.rule,
                category=str(f.category),
                message=f.message,
                start=e.start,
                end=e.end,
                line=line,
                column=column,
                before=e.original,
                after=f.suggestions[0],
                new_start=inv.start,
            )
        )
    return FixResult(new_text=new_text, applied=changes, skipped=skipped, inverse=inverse)
