"""Suggestion ranking: how people mistype, weighed by how common the word is."""

from __future__ import annotations

import pytest

from proofdesk.core.spelling.lexicon import get_lexicon
from proofdesk.core.spelling.suggest import candidates, edit_cost, match_case


@pytest.mark.parametrize(
    ("typo", "fix"),
    [
        ("encourafged", "encouraged"),
        ("goverment", "government"),
        ("wraning", "warning"),  # swapped neighbours
        ("acomodate", "accommodate"),  # doubled letters typed once
        ("occured", "occurred"),
        ("tommorrow", "tomorrow"),  # a letter doubled that should not be
        ("hwen", "when"),  # slip on the first letter
        ("definately", "definitely"),  # a vowel for another
        ("recieve", "receive"),
        ("adress", "address"),
        ("beatiful", "beautiful"),
        ("knwo", "know"),
    ],
)
def test_first_suggestion(typo: str, fix: str) -> None:
    lex = get_lexicon("en-GB")
    assert candidates(lex, typo)[0].word == fix


def test_candidates_are_house_spellings() -> None:
    gb = [c.word for c in candidates(get_lexicon("en-GB"), "colr")]
    us = [c.word for c in candidates(get_lexicon("en-US"), "colr")]
    assert "colour" in gb and "color" not in gb
    assert "color" in us and "colour" not in us


def test_edit_costs_follow_how_people_type() -> None:
    assert edit_cost("teh", "the") < edit_cost("tge", "the") or edit_cost("tge", "the") < 1.0
    assert edit_cost("wraning", "warning") < edit_cost("wraning", "weaning") + 0.5
    assert edit_cost("acomodate", "accomodate") < edit_cost("acxmodate", "accomodate")
    assert edit_cost("cat", "cat") == 0.0


@pytest.mark.parametrize(
    ("original", "suggestion", "expected"),
    [("Goverment", "government", "Government"), ("goverment", "government", "government"), ("NASA", "nasa", "NASA")],
)
def test_match_case(original: str, suggestion: str, expected: str) -> None:
    assert match_case(original, suggestion) == expected


def test_the_lexicon_is_built_once_even_when_asked_from_many_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from proofdesk.core.spelling.lexicon import get_judge

    with ThreadPoolExecutor(4) as pool:
        judges = list(pool.map(lambda _: get_judge("en-GB"), range(8)))
    assert all(j is judges[0] for j in judges)


def test_unsupported_language_falls_back_to_british() -> None:
    from proofdesk.core.spelling.lexicon import normalise_language

    assert normalise_language("en_US") == "en-US"
    assert normalise_language("en-AU") == "en-GB"
    assert normalise_language(None) == "en-GB"


def test_preload_reports_when_done() -> None:
    import threading

    from proofdesk.core.spelling import preload

    done = threading.Event()
    worker = threading.Thread(target=preload, args=("en-US", done.set))
    worker.start()
    worker.join(timeout=60)
    assert done.is_set()
