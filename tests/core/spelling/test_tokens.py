"""Tokens: what spelling reads as words, and what it must leave alone."""

from __future__ import annotations

import pytest

from proofdesk.core.spelling.tokens import iter_words, normalise


def words(text: str) -> list[str]:
    return [t.text for t in iter_words(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China’s and China's", ["China’s", "and", "China's"]),
        ("don't won’t it's", ["don't", "won’t", "it's"]),
        ("self-reliance and co-operate", ["self-reliance", "and", "co-operate"]),
        ("café in Zürich", ["café", "in", "Zürich"]),
        ("see https://example.org/a-b?c=d now", ["see", "now"]),
        ("see www.example.co.uk now", ["see", "now"]),
        ("mail news@example.com now", ["mail", "now"]),
        ("follow @afp and #breaking", ["follow", "and"]),
        ("open report_final.docx", ["open"]),
        ("at bankofengland.co.uk.", ["at"]),
        ("encour-\naged", ["encour-\naged"]),
        ("the players' union", ["the", "players", "union"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_sentence_starts_and_joins() -> None:
    toks = iter_words("“It is,” said Xi Jinping. Then he left: Monday came")
    starts = {t.text: t.sentence_start for t in toks}
    assert starts["It"] and starts["Then"] and starts["Monday"]
    assert not starts["said"] and not starts["Jinping"]
    joined = {t.text: t.joined_prev for t in toks}
    assert joined["Jinping"] and not joined["said"]


def test_offsets_are_code_points() -> None:
    text = "🙂 Zürich’s café"
    for tok in iter_words(text):
        assert text[tok.start : tok.end] == tok.text


def test_normalise() -> None:
    assert normalise("China’s") == "China's"
    assert normalise("en\u00adcour\u00adaged") == "encouraged"
