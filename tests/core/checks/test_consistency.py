"""consistency.*: one story, one form — the minority form is flagged, the majority suggested."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.consistency import _FIGURE, ConsistencyCheck, _figures
from proofdesk.core.document import document_from_text

CASES = [
    # (rule, document, flagged text(s), suggestion of the first)
    ("consistency.hyphenation", "She sent an e-mail. Then an email, and another email.", ["e-mail"], "email"),
    ("consistency.hyphenation", "They co-operate. Others cooperate. We co-operate too.", ["cooperate"], "co-operate"),
    ("consistency.spelling", "A judgement came. The judgment was final. Another judgement.", ["judgment"], "judgement"),
    ("consistency.spelling", "The adviser spoke. The advisor left. Another adviser came.", ["advisor"], "adviser"),
    (
        "consistency.capitalisation",
        "Ministers said the Government would act. Critics said the government had failed. Later the Government agreed.",
        ["government"],
        "Government",
    ),
    (
        "consistency.abbreviation",
        "The World Health Organization (WHO) met. The World Health Organisation (WHO) "
        "spoke. The World Health Organization (WHO) left.",
        ["World Health Organisation"],
        "World Health Organization",
    ),
    ("consistency.numbers", "Police held three men and 4 women; two were freed.", ["4"], "four"),
    ("consistency.numbers", "There were 12 buses, 15 trams and twenty taxis.", ["twenty"], "20"),
]

PASSES = [
    ("consistency.hyphenation", "She sent an email. Then another email."),
    ("consistency.hyphenation", "He will re-sign the contract, he said, and did not resign."),
    ("consistency.spelling", "The judgment was final. Another judgment followed."),
    ("consistency.capitalisation", "Government sources said the government would act."),
    ("consistency.capitalisation", "The Bank of England and a high street bank agreed."),
    ("consistency.abbreviation", "The World Health Organization (WHO) met. The WHO left."),
    ("consistency.numbers", "Three men came. Police held two men and four women."),
    ("consistency.numbers", "Prices rose 5% on 3 March as 4 a.m. queues formed; two left."),
    ("consistency.numbers", "The motion was carried by 31 votes to 9; two members abstained."),
    ("consistency.spelling", "The adviser spoke. The advisor left."),  # a tie has no minority to correct
]


def run(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    check = ConsistencyCheck(CheckContext())
    doc = document_from_text(text)
    found = list(check.check_document(doc))
    for f in found:
        assert doc.text[f.start : f.end] == f.text
    return [(f.rule, f.text, f.suggestions) for f in found]


@pytest.mark.parametrize(("rule", "text", "flagged", "suggestion"), CASES)
def test_flags_minority_form(rule: str, text: str, flagged: list[str], suggestion: str) -> None:
    found = [f for f in run(text) if f[0] == rule]
    assert [f[1] for f in found] == flagged
    assert found[0][2] == (suggestion,)


@pytest.mark.parametrize(("rule", "text"), PASSES)
def test_consistent_text_passes(rule: str, text: str) -> None:
    assert [f for f in run(text) if f[0] == rule] == []


def test_every_rule_has_examples() -> None:
    rules = {r.id for r in ConsistencyCheck.rules}
    assert rules == {c[0] for c in CASES} == {p[0] for p in PASSES}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="R1209. ,:-£/to votes%amx\n", max_size=40))
def test_the_figure_scan_finds_what_the_full_pattern_finds(text: str) -> None:
    # _figures jumps between possible starts; it must find exactly what a plain scan finds.
    assert [m.span(1) for m in _figures(text)] == [m.span(1) for m in _FIGURE.finditer(text)]
