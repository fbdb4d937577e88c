"""LanguageTool matches → findings: categories, exact code-point offsets, de-duplication."""

from __future__ import annotations

from typing import Any

import pytest

from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.languagetool.mapping import (
    MAX_SUGGESTIONS,
    Piece,
    Utf16Index,
    classify,
    clean_message,
    drop_shadowed,
    place_matches,
    to_finding,
)


def lt_match(offset: int, length: int, rule_id: str = "EN_A_VS_AN", category: str = "GRAMMAR", **extra: Any) -> dict:
    """A match shaped like LanguageTool 6.x's /v2/check JSON."""
    match = {
        "message": "Use <suggestion>an</suggestion> instead of ‘a’.",
        "shortMessage": "Wrong article",
        "replacements": [{"value": "an"}],
        "offset": offset,
        "length": length,
        "context": {"text": "…", "offset": 0, "length": length},
        "sentence": "…",
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule_id,
            "description": "a vs an",
            "issueType": extra.pop("issue", "grammar"),
            "category": {"id": category, "name": category.title()},
        },
    }
    match.update(extra)
    return match


@pytest.mark.parametrize(
    ("rule_id", "category", "issue", "expected"),
    [
        ("EN_A_VS_AN", "GRAMMAR", "grammar", (Category.GRAMMAR, Severity.WARNING)),
        ("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", (Category.GRAMMAR, Severity.WARNING)),
        ("COMMA_COMPOUND_SENTENCE", "PUNCTUATION", "typographical", (Category.TYPOGRAPHY, Severity.WARNING)),
        ("EN_QUOTES", "TYPOGRAPHY", "typographical", (Category.TYPOGRAPHY, Severity.WARNING)),
        ("WHITESPACE_RULE", "TYPOGRAPHY", "whitespace", (Category.TYPOGRAPHY, Severity.WARNING)),
        ("ALL_OF_THE", "REDUNDANCY", "style", (Category.STYLE, Severity.SUGGESTION)),
        ("PASSIVE_VOICE", "STYLE", "style", (Category.STYLE, Severity.SUGGESTION)),
        ("EN_GB_SIMPLE_REPLACE", "BRITISH_ENGLISH", "locale-violation", (Category.STYLE, Severity.SUGGESTION)),
        ("MORFOLOGIK_RULE_EN_GB", "TYPOS", "misspelling", (Category.SPELLING, Severity.ERROR)),
        ("HUNSPELL_RULE", "TYPOS", "misspelling", (Category.SPELLING, Severity.ERROR)),
        ("CONFUSION_RULE", "CONFUSED_WORDS", "grammar", (Category.GRAMMAR, Severity.WARNING)),
    ],
)
def test_classify_follows_languagetool_category(rule_id: str, category: str, issue: str, expected: tuple) -> None:
    rule = lt_match(0, 1, rule_id, category, issue=issue)["rule"]
    assert classify(rule) == expected


def test_classify_survives_a_rule_without_category() -> None:
    assert classify({"id": "X"}) == (Category.GRAMMAR, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "units", "index"),
    [
        ("abc", 2, 2),
        ("😀abc", 2, 1),  # the emoji is two UTF-16 units, one code point
        ("😀abc", 3, 2),
        ("a😀b😀c", 7, 5),
        ("é😀", 3, 2),  # é is one unit: only astral characters differ
    ],
)
def test_utf16_offsets_become_code_points(text: str, units: int, index: int) -> None:
    assert Utf16Index(text).to_index(units) == index


def test_offset_inside_a_surrogate_pair_is_detected() -> None:
    idx = Utf16Index("a😀b")
    assert idx.lands_inside_pair(2)
    assert not idx.lands_inside_pair(1)
    assert not idx.lands_inside_pair(3)


def test_matches_land_in_the_right_block_piece() -> None:
    pieces = [Piece(0, 0, "😀 A apple."), Piece(3, 5, "Then a egg.")]
    sent = "😀 A apple.\n\nThen a egg."
    starts = [0, 13]
    # LanguageTool counts the emoji as 2 units: "A" is at unit 3, "a" (second block) at unit 14 + 5.
    matches = [lt_match(3, 1), lt_match(19, 1)]
    placed, bad = place_matches(pieces, starts, sent, matches)
    assert bad == 0
    assert [(p.block, p.start, p.end) for p in placed] == [(0, 2, 3), (3, 5 + 5, 5 + 6)]
    assert pieces[0].text[2:3] == "A"
    assert "xxxxxThen a egg."[10:11] == "a"


@pytest.mark.parametrize(
    "match",
    [
        lt_match(-1, 1),
        lt_match(0, 999),
        lt_match(9, 5),  # runs over the paragraph break into the next block
        {"offset": "x", "length": 1, "rule": {"id": "R"}},
        {"offset": 0, "length": 1},  # no rule
        {"offset": 1, "length": 1, "rule": {"id": "R"}},  # splits the emoji's surrogate pair
        "not a match",
    ],
)
def test_unusable_matches_are_counted_not_raised(match: Any) -> None:
    pieces = [Piece(0, 0, "😀 A apple."), Piece(1, 0, "Fine.")]
    placed, bad = place_matches(pieces, [0, 13], "😀 A apple.\n\nFine.", [match])
    assert placed == [] and bad == 1


def test_finding_carries_replacements_as_suggestions_never_applied() -> None:
    text = "She ate a apple."
    reps = [{"value": f"v{i}"} for i in range(12)] + [{"value": "v0"}, {"bogus": 1}]
    placed, _ = place_matches([Piece(0, 0, text)], [0], text, [lt_match(8, 1, replacements=reps)])
    finding = to_finding(placed[0], text)
    assert finding.rule == "grammar.EN_A_VS_AN"
    assert (finding.start, finding.end, finding.text) == (8, 9, "a")
    assert finding.suggestions == tuple(f"v{i}" for i in range(MAX_SUGGESTIONS))
    assert finding.message == "Use 'an' instead of ‘a’."


def test_clean_message_removes_suggestion_tags() -> None:
    assert clean_message("Did you mean <suggestion>its</suggestion>? ") == "Did you mean 'its'?"


def _f(rule: str, category: Category, start: int = 4, end: int = 6) -> Finding:
    return Finding(rule, category, Severity.WARNING, start, end, "x" * (end - start), "m")


def test_languagetool_finding_repeating_an_own_finding_is_dropped() -> None:
    own = _f("typography.double-space", Category.TYPOGRAPHY)
    lt_same = _f("grammar.WHITESPACE_RULE", Category.TYPOGRAPHY)
    lt_other_category = _f("grammar.EN_A_VS_AN", Category.GRAMMAR)
    lt_other_span = _f("grammar.WHITESPACE_RULE", Category.TYPOGRAPHY, 4, 7)
    kept = drop_shadowed([own, lt_same, lt_other_category, lt_other_span])
    assert kept == [own, lt_other_category, lt_other_span]


def test_without_own_findings_nothing_is_dropped() -> None:
    findings = [_f("grammar.A", Category.GRAMMAR), _f("grammar.B", Category.GRAMMAR)]
    assert drop_shadowed(findings) == findings


def test_same_span_and_same_fix_is_the_same_problem_whatever_the_category() -> None:
    own = Finding("spelling.repeated-word", Category.SPELLING, Severity.ERROR, 4, 11, "the the", "m", ("the",))
    lt_same_fix = Finding(
        "grammar.ENGLISH_WORD_REPEAT_RULE", Category.GRAMMAR, Severity.WARNING, 4, 11, "the the", "m", ("the",)
    )
    lt_other_fix = Finding("grammar.OTHER", Category.GRAMMAR, Severity.WARNING, 4, 11, "the the", "m", ("then",))
    lt_no_fix = Finding("grammar.NOFIX", Category.GRAMMAR, Severity.WARNING, 4, 11, "the the", "m")
    assert drop_shadowed([own, lt_same_fix, lt_other_fix, lt_no_fix]) == [own, lt_other_fix, lt_no_fix]
