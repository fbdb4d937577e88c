"""The change report: html (escaped), json and csv by suffix, written atomically."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from io_support import check_golden, html_blocks

from proofdesk.core.io.errors import OutputError
from proofdesk.core.io.report import Change, write_report

CHANGES = [
    Change("duplicates.repeated-word", "duplicate", "the the", "the", 120, 127, 4, 18, "Repeated word: 'the'"),
    Change("typography.double-space", "typography", "  ", " ", 300, 302, 9, 41, "Two spaces between words"),
    Change("furniture.web-line", "furniture", "<script>x()</script>\n", "", 400, 421, 12, 1, "Web furniture"),
    Change("house.formula", "style", "=SUM(A1)", "+1", 500, 508, 14, 3, 'Quote "this" & that'),
]


def test_json_report(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    write_report(CHANGES, out, "draft.txt")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"] == "draft.txt"
    assert data["changes"][0] == {
        "rule": "duplicates.repeated-word",
        "category": "duplicate",
        "before": "the the",
        "after": "the",
        "start": 120,
        "end": 127,
        "line": 4,
        "column": 18,
        "message": "Repeated word: 'the'",
    }
    check_golden("report.json", out.read_text(encoding="utf-8"))


def test_csv_report_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    write_report(CHANGES, out, "draft.txt")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["rule"] for r in rows] == [c.rule for c in CHANGES]
    assert rows[2]["before"] == "<script>x()</script>\n"
    assert rows[3]["before"] == "'=SUM(A1)" and rows[3]["after"] == "'+1"
    check_golden("report.csv", out.read_text(encoding="utf-8"))


def test_html_report_escapes_everything(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    write_report(CHANGES, out, "<b>draft</b>.txt")
    html = out.read_text(encoding="utf-8")
    _blocks, tags = html_blocks(html)
    assert "script" not in tags and "b" not in tags
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "(deleted)" in html
    check_golden("report.html", html)


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="change report"):
        write_report(CHANGES, tmp_path / "r.pdf", "d.txt")


def test_any_change_shaped_object_works(tmp_path: Path) -> None:
    from dataclasses import dataclass

    @dataclass
    class Other:
        rule: str = "r"
        category: str = "style"
        before: str = "a"
        after: str = "b"
        start: int = 0
        end: int = 1
        line: int = 1
        column: int = 1
        message: str = "m"
        new_start: int = 0

    write_report([Other()], tmp_path / "r.json", "d")
    assert json.loads((tmp_path / "r.json").read_text())["changes"][0]["after"] == "b"
