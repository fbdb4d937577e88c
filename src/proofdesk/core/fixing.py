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

    ``start``/``end`` are offsets in the original text, ``line``/``column``
    where that is (1-based), ``new_start`` where the replacement now begins.
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


def apply_fixes(doc: Document, findings: Iterable[Finding], accept: frozenset[str] | None) -> FixResult:
    applied, skipped = plan_fixes(doc, findings, accept)
    edits = [edit_for(f) for f in applied]
    new_text, inverse = apply_edits(doc.text, edits)
    # apply_edits keeps the edits' text order, so inverse[i] belongs to applied[i].
    changes = []
    for f, inv in zip(applied, inverse, strict=True):
        line, column = doc.line_col(f.start)
        changes.append(
            Change(
                rule=f.rule,
                category=str(f.category),
                message=f.message,
                start=f.start,
                end=f.end,
                line=line,
                column=column,
                before=f.text,
                after=f.suggestions[0],
                new_start=inv.start,
            )
        )
    return FixResult(new_text=new_text, applied=changes, skipped=skipped, inverse=inverse)
