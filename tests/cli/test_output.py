"""Formatting: the hand-laid JSON is exactly json_document, and text lines stay on one line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from proofdesk.cli.output import FileReport, format_json, format_text, json_document, show_suggestion
from proofdesk.core.document import document_from_text
from proofdesk.core.findings import Category, Finding, Severity

TRICKY = st.text(alphabet=st.sampled_from([*'ab "\\\n\t/’é', "🎉", "\u2028", "\x00", "\ud7ff"]), max_size=12)


@st.composite
def reports(draw: st.DrawFn) -> list[FileReport]:
    out = []
    for i in range(draw(st.integers(0, 3))):
        text = draw(TRICKY) + "x"
        findings = []
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            suggestions = tuple(draw(st.lists(TRICKY, max_size=3)))
            findings.append(
                Finding("r.x", Category.STYLE, Severity.WARNING, start, end, text[start:end], draw(TRICKY), suggestions)
            )
        findings.sort(key=lambda f: f.sort_key)
        out.append(
            FileReport(path=f"dir {i}/é’{i}.txt", language="en-GB", doc=document_from_text(text), findings=findings)
        )
    return out


@given(reports(), st.booleans())
def test_json_layout_is_exactly_the_document(rs: list[FileReport], ascii_only: bool) -> None:
    text = format_json(rs, ascii_only=ascii_only)
    assert json.loads(text) == json_document(rs)
    if ascii_only:
        assert text.isascii()


@given(reports())
def test_text_output_has_one_line_per_finding_plus_a_summary(rs: list[FileReport]) -> None:
    lines = format_text(rs).split("\n")
    assert lines[-1] == ""
    assert len(lines) - 2 == sum(len(r.findings) for r in rs)


def test_suggestions_are_shown_so_a_reader_can_see_them() -> None:
    assert show_suggestion("") == "delete"
    assert show_suggestion("colour") == "colour"
    assert show_suggestion(" – ") == '" – "'
    assert show_suggestion("a\nb") == '"a\\nb"'
    assert show_suggestion("a\u2028b") == '"a\\u2028b"'
