"""plan_fixes / apply_fixes: which findings are fixed, which are left, and the change list a report shows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proofdesk.core.corrections import apply_edits
from proofdesk.core.document import document_from_text
from proofdesk.core.findings import Category, Finding, Severity, finding_selected
from proofdesk.core.fixing import CLEAN_COPY_ACCEPT, apply_fixes, plan_fixes

TEXT = "Share this\nThe the ferry  runs.\nCaption.\nCaption.\nVery unique."


def f(rule: str, category: Category, start: int, end: int, *suggestions: str) -> Finding:
    return Finding(rule, category, Severity.WARNING, start, end, TEXT[start:end], f"{rule} message", suggestions)


SHARE = f("furniture.share", Category.FURNITURE, 0, 11, "")
REPEAT = f("grammar.repeat", Category.GRAMMAR, 11, 18, "The")
SPACES = f("typography.double-space", Category.TYPOGRAPHY, 24, 26, " ")
DUP = f("duplicate.caption", Category.DUPLICATE, 40, 49, "")
UNIQUE = f("style.very-unique", Category.STYLE, 50, 61)
# Overlaps REPEAT and starts at the same place, but is shorter: it loses.
CASE = f("typography.case", Category.TYPOGRAPHY, 11, 14, "THE")
ALL = [SHARE, REPEAT, CASE, SPACES, DUP, UNIQUE]


@pytest.mark.parametrize(
    ("accept", "applied", "skipped"),
    [
        (None, [SHARE, REPEAT, SPACES, DUP], [CASE, UNIQUE]),
        (CLEAN_COPY_ACCEPT, [SHARE, DUP], []),
        (frozenset({"typography"}), [CASE, SPACES], []),
        (frozenset({"typography.double-space"}), [SPACES], []),
        (frozenset({"style"}), [], [UNIQUE]),
        (frozenset({"grammar", "typography.case"}), [REPEAT], [CASE]),
    ],
)
def test_plan(accept: frozenset[str] | None, applied: list[Finding], skipped: list[Finding]) -> None:
    doc = document_from_text(TEXT)
    assert plan_fixes(doc, ALL, accept) == (applied, skipped)


def test_apply_all() -> None:
    doc = document_from_text(TEXT)
    result = apply_fixes(doc, ALL, None)
    assert result.new_text == "The ferry runs.\nCaption.\nVery unique."
    assert [(c.rule, c.before, c.after, c.line, c.column) for c in result.applied] == [
        ("furniture.share", "Share this\n", "", 1, 1),
        ("grammar.repeat", "The the", "The", 2, 1),
        ("typography.double-space", "  ", " ", 2, 14),
        ("duplicate.caption", "\nCaption.", "", 3, 9),
    ]
    for change in result.applied:
        assert result.new_text[change.new_start : change.new_start + len(change.after)] == change.after
    assert apply_edits(result.new_text, result.inverse)[0] == TEXT


def test_nothing_selected_changes_nothing() -> None:
    doc = document_from_text(TEXT)
    result = apply_fixes(doc, ALL, frozenset({"spelling"}))
    assert result.new_text == TEXT
    assert not result.changed


def test_a_finding_that_does_not_fit_the_document_is_refused() -> None:
    doc = document_from_text("Something else entirely, longer than the test text.")
    with pytest.raises(ValueError, match="does not match"):
        plan_fixes(doc, [SHARE], None)


@given(st.sets(st.sampled_from(["furniture", "grammar", "typography", "duplicate", "style", "typography.case"])))
def test_only_selected_spans_change(selectors: set[str]) -> None:
    doc = document_from_text(TEXT)
    result = apply_fixes(doc, ALL, frozenset(selectors))
    by_rule = {finding.rule: finding for finding in ALL}
    for change in result.applied:
        assert finding_selected(by_rule[change.rule], frozenset(selectors))
    # Text outside the applied spans is untouched: removing the replacements leaves the same gaps.
    gaps_old = _gaps(TEXT, [(c.start, c.end) for c in result.applied])
    gaps_new = _gaps(result.new_text, [(c.new_start, c.new_start + len(c.after)) for c in result.applied])
    assert gaps_old == gaps_new
    # Undo restores the draft whatever was chosen.
    assert apply_edits(result.new_text, result.inverse)[0] == TEXT


def _gaps(text: str, spans: list[tuple[int, int]]) -> list[str]:
    out, pos = [], 0
    for start, end in sorted(spans):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return out


def test_deleted_lines_take_the_blank_lines_they_would_leave() -> None:
    from proofdesk.core.document import document_from_text
    from proofdesk.core.findings import Category, Finding, Severity
    from proofdesk.core.fixing import apply_fixes

    text = "Search\n\nFirst paragraph.\n\n\nAlso on Site: Promo\n\n\nSecond paragraph.\n"
    doc = document_from_text(text)

    def delete(line: str) -> Finding:
        start = text.index(line)
        end = start + len(line) + 1
        return Finding("furniture.x", Category.FURNITURE, Severity.ERROR, start, end, text[start:end], "m", ("",))

    result = apply_fixes(doc, [delete("Search"), delete("Also on Site: Promo")], None)
    assert result.new_text == "First paragraph.\n\nSecond paragraph.\n"
    # Only newlines were added to the deletions, and undo brings back the draft exactly.
    assert [c.before.strip("\n") for c in result.applied] == ["Search", "Also on Site: Promo"]
    from proofdesk.core.corrections import apply_edits

    assert apply_edits(result.new_text, result.inverse)[0] == text
