"""The findings list's model: rows patched in place after a re-check match a list built from scratch, and long
lists are built over several event-loop turns."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt

from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.gui.findings_view import SYNC_ROWS, FindingsModel


def _spelling(start: int, word: str, severity: Severity = Severity.ERROR, fix: str = "fix") -> Finding:
    return Finding("spelling.word", Category.SPELLING, severity, start, start + len(word), word, f"Odd: {word}", (fix,))


def _space(start: int) -> Finding:
    rule = "typography.double-space"
    return Finding(rule, Category.TYPOGRAPHY, Severity.WARNING, start, start + 2, "  ", "Two spaces", (" ",))


def _cells(model: FindingsModel) -> list[list[object]]:
    out: list[list[object]] = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out.append([model.data(group)])
        for r in range(model.rowCount(group)):
            row = [model.data(model.index(r, c, group)) for c in range(model.columnCount())]
            idx = model.index(r, 0, group)
            row += [model.data(idx, Qt.ItemDataRole.ToolTipRole), model.data(idx, Qt.ItemDataRole.ForegroundRole)]
            out.append(row)
    return out


def _fresh(findings: list[Finding], lines: dict[int, int]) -> FindingsModel:
    model = FindingsModel()
    model.set_line_function(lambda offset: lines.get(offset, 1))
    model.set_findings(findings)
    return model


def test_a_patched_list_matches_one_built_from_scratch(qapp) -> None:  # type: ignore[no-untyped-def]
    lines = {0: 1, 10: 2, 20: 3, 30: 4, 40: 5}
    before = [_spelling(0, "teh"), _spelling(10, "recieve"), _spelling(20, "wierd"), _space(30), _space(40)]
    model = _fresh(before, lines)
    # A re-check: one finding gone, one new, one now a warning, and a line break moved the later lines down.
    after = [_spelling(0, "teh"), _spelling(12, "wierd", Severity.WARNING), _spelling(25, "goverment"), _space(40)]
    moved = {0: 1, 12: 3, 25: 4, 40: 6}
    model.set_line_function(lambda offset: moved.get(offset, 1))
    model.set_findings(after)
    assert _cells(model) == _cells(_fresh(after, moved))
    assert [model.finding(model.index(r, 0, model.index(0, 0))) for r in range(3)] == after[:3]
    # A whole category going away rebuilds the groups.
    model.set_findings(after[:3])
    assert _cells(model) == _cells(_fresh(after[:3], moved))


def test_a_long_list_is_built_over_several_turns(qtbot) -> None:  # type: ignore[no-untyped-def]
    findings = [_spelling(i * 10, f"word{i}") for i in range(SYNC_ROWS * 6)]
    model = FindingsModel()
    model.set_findings(findings)
    group = model.index(0, 0)
    assert model.building and model.rowCount(group) < len(findings)
    assert model.shown == len(findings) and model.data(group) == f"Spelling ({len(findings)})"
    with qtbot.waitSignal(model.built, timeout=5000):
        pass
    assert not model.building and model.rowCount(group) == len(findings)
    last = findings[-1]
    assert model.finding(model.index_of(last)) == last
