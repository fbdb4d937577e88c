"""The furniture scan's and the attribution pass's second-round shortcuts decide what the slow way decides.

Each shortcut (only the wording alternatives that can end with a line's last character, word limits
and separators before the photo-credit and promo tests, a cheap gate before the credit-line pattern,
a lower-cased speaker-cue search, a first-character test before a quote analysis) is checked against
the code it stands in for, on example tables and on generated lines.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import pytest
from _newsroom_cases import story_lines
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks import _attribution_cues as cues
from proofdesk.core.checks import _quotes as quotes
from proofdesk.core.checks._newsroom import shapes, wording
from proofdesk.core.checks._newsroom.text import folded


def _slow_classify(text: str, extra: Sequence[str] = ()) -> str | None:
    """classify as it was before the shortcuts: every test on every line."""
    s = wording.bare(text)
    if not s:
        return None
    low = s.casefold() if extra else ""
    for phrase in extra:
        p = phrase.strip().rstrip(".:").casefold()
        if p and low.startswith(p) and len(low) <= len(p) + 60:
            return "furniture.house-line"
    if len(s.split()) > 50:
        return None
    m = wording._WORDED.fullmatch(s)
    worded = m.lastgroup if m is not None else None
    if worded == "search":
        return "furniture.search-box"
    if worded == "advert":
        return "furniture.advertisement"
    if worded in ("share", "cookie") or wording._is_cookie(s) or wording._is_prompt(s):
        return "furniture.prompt"
    if worded == "chrome":
        return "furniture.page-chrome"
    if wording.photo_credit(text):
        return "furniture.photo-credit"
    if worded == "related":
        return "furniture.related-label"
    if wording.promo(text):
        return "furniture.promo"
    if worded == "tags":
        return "furniture.tag-line"
    return None


_LINES = [
    "The council said the new ferry terminal would open in the spring of next year.",
    "Loading...",
    "All rights reserved.",
    "© 2026 Harbour Gazette Ltd. All rights reserved.",
    "Copyright 2026 Harbour Gazette.",
    "Updated: 12 March 2026, 14:05 GMT.",
    "Published 3 hours ago.",
    "Our standards: The Harbour Gazette follows the code of practice.",
    "https://example.org/news/ferry.",
    "Sponsored by Northway Motors Ltd.",
    "Presented by A. B. Smith & Co.",
    "Follow the Gazette's coverage of the harbour vote at our live page.",
    "More from Harbour Gazette.",
    "Most read in Sport.",
    "Also on Gazette TV.",
    "Tags: harbour, ferries, dredging.",
    "Topics - council, budget.",
    "What are you looking for?",
    "Search?",
    "(Updates with harbour board vote)",
    "Photo: Jane Doe/Harbour Gazette",
    "Read more: Ferry Fares To Rise In April",
    "RELATED: Council Votes On Channel Plan",
    "Sign up for our morning newsletter and never miss a story.",
    "Share this article",
    "Facebook Twitter Email",
    "Related stories:",
    "Advertisement",
    "“We will not wait another decade for this,” the harbour master said.",
    "Skip to main content",
    "Enter your email to get our briefing!",
    "Do you want to know more? Sign up for our alerts!",
    "Watch: Ferry Leaves Port For Last Time",
    "• Read more ›",
    "Trending (opens in new tab).",
    "Keep reading...",
    "Image caption!",
    "",
    "   ",
    *story_lines(),
]

_PIECES = [
    "Search", "search the site", "What are you looking for", "Read more", "Related", "More from", "Most read in",
    "Also on", "Tags", "Topics", "Sponsored by", "Follow", "coverage of", "the vote", "Share", "Facebook", "Email",
    "Loading", "All rights reserved", "©", "2026", "Updated", "12 March 2026", "Our standards", "https://x.org/a",
    "Photo", "Jane Doe", "Reuters", "Sign up", "newsletter", "you", "said", "Ferry Fares Rise", "the council",
    "cookies", "We use", "accept", "(opens in new tab)", "…", "...", ".", ".", "?", "!", ")", "(", "”", "“", '"',
    ":", " - ", " | ", " › ", "• ", " ", " ", " ", "ſ", "K", "İ", "é", "’",
]  # fmt: skip


@pytest.mark.parametrize("line", _LINES)
def test_classify_agrees_with_the_slow_way(line: str) -> None:
    for extra in ((), ("Read the full report",)):
        assert wording.classify(line, extra) == _slow_classify(line, extra)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_classify_agrees_with_the_slow_way_on_generated_lines(line: str) -> None:
    assert wording.classify(line) == _slow_classify(line)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join), st.sampled_from(wording._END_CHARS))
def test_the_reduced_pattern_for_a_last_character_finds_the_same_rule(line: str, end: str) -> None:
    line += end
    m = wording._WORDED.fullmatch(line)
    assert _reduced_rule(line) == (m.lastgroup if m is not None else None)


def _reduced_rule(line: str) -> str | None:
    reduced = wording.worded_for_ending(line[-1])
    m = reduced.fullmatch(line) if reduced is not None else None
    return m.lastgroup if m is not None else None


def test_an_ending_gets_its_own_pattern_once_enough_lines_had_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wording, "_BUILD_AFTER", 3)
    monkeypatch.setattr(wording, "_WORDED_ENDING", {})
    monkeypatch.setattr(wording, "_ending_uses", {})
    lines = ["All rights reserved.", "The board met.", "More from Sport.", "Tags: ferries.", "Loading..."]
    rules = [wording._worded(line) for line in lines]
    assert "." in wording._WORDED_ENDING
    assert rules == ["chrome", None, "related", "tags", "chrome"]
    assert [wording._worded(line) for line in lines] == rules


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Loading...", "chrome"),
        ("All rights reserved.", "chrome"),
        ("Sponsored by Northway Motors Ltd.", "advert"),
        ("Follow the Gazette's coverage of the harbour vote at our live page.", "share"),
        ("More from Harbour Gazette.", "related"),
        ("Tags: harbour, ferries.", "tags"),
        ("What are you looking for?", "search"),
        ("(Updates with harbour board vote)", "chrome"),
        ("The council said the new ferry terminal would open next year.", None),
    ],
)
def test_lines_ending_in_punctuation_still_find_their_rule(line: str, rule: str | None) -> None:
    assert wording._worded(line) == rule
    if line[-1] in wording._END_CHARS:
        assert _reduced_rule(line) == rule
    m = wording._WORDED.fullmatch(line)
    assert (m.lastgroup if m is not None else None) == rule


def test_alternatives_split_at_the_top_level_only() -> None:
    for _name, part in wording._WORDED_PARTS:
        branches = wording._branches(part.pattern)
        assert "|".join(branches) in (part.pattern, part.pattern[3:-1])
        for b in branches:
            re.compile(b)  # each alternative is a pattern on its own
    assert wording._branches(r"(?:a|b)c|d") == [r"(?:a|b)c", "d"]
    assert wording._branches(r"(?:a|[|)]|\|)") == ["a", "[|)]", r"\|"]
    assert wording._branches(r"(?:a)|(?:b)") == ["(?:a)", "(?:b)"]
    assert wording._branches(r"[]|]x|y") == ["[]|]x", "y"]


@pytest.mark.parametrize(
    ("pattern", "end", "may"),
    [
        (r"abc", ".", False),
        (r"abc\.?", ".", True),
        (r"a.{0,3}", ".", True),
        (r"a[^x]", ".", True),
        (r"a[^.]", ".", False),
        (r"a\w+", ".", False),
        (r"a\S", ".", True),
        (r"a\.(?:b|c)?", ".", True),
        (r"a\.(?:b|c)", ".", False),
        (r"a\.\s*$", ".", True),
        (r"a\.x{0}", ".", True),
        (r"a[.?]", "?", True),
        (r"a(?=b)", ".", True),  # not understood: assumed possible
        (r"\d+\)?", ")", True),
        (r"\d+\)", "?", False),
    ],
)
def test_last_character_analysis(pattern: str, end: str, may: bool) -> None:
    assert wording._may_end_with(wording._parse(pattern, re.IGNORECASE), end)[0] is may


def test_the_last_characters_have_no_case_blind_twins() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for ch in wording._END_CHARS:
        assert re.findall(re.escape(ch), every, re.IGNORECASE) == [ch]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="signupbscrtdwloajhefv KİSſ.,", max_size=40))
def test_call_to_action_verbs_spelled_out_agree_with_the_list(line: str) -> None:
    low = folded(line)
    expected = low is None or any(v in low for v in wording._CTA_VERBS)
    assert wording._may_call_to_action(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Jonas Reed; Editing by Mary Cole",
        "Additional reporting from Ann Lee",
        "Reuters",
        "(AFP)",
        "• Associated Press ",
        "— AP",
        "REUTERS/Jane Doe",
        "© AFP 2026",
        "Staff writers contributed to this report.",
        "Reuters staff contributed.",
        "The harbour board met on Tuesday to discuss the dredging plan.",
        "The plan came from the board, officials said.",
        "Reporting bY Jonas Reed",
        "AP reporters contrİbuted",
        "afp",
        "Bloomberg News and Reuters with additional reporting by Ann Lee",
        "",
    ],
)
def test_credit_line_gate_agrees_with_the_pattern(line: str) -> None:
    assert shapes._credit_match(line) == (shapes.CREDIT_LINE.match(line) is not None)


_CREDIT_PIECES = ["Reporting", " by ", "BY", "from", "From", "contributed", "©", "Reuters", "AFP", "ap", "(", ")",
                  "•", "—", " ", "staff", "writers", "K", "ſ", "İ", "ı", "é", "the board", "\n"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=8).map("".join))
def test_credit_line_gate_agrees_with_the_pattern_on_generated_lines(line: str) -> None:
    assert shapes._credit_match(line) == (shapes.CREDIT_LINE.match(line) is not None)


def test_the_cue_pattern_survives_lower_casing() -> None:
    # lower() would turn \B, \W, \S, \D into their opposites.
    assert re.search(r"\\[A-Z]", cues.CUE.pattern) is None
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c) != "\u0130")
    low = every.lower()
    assert len(low) == len(every)
    assert [m.start() for m in re.finditer(r"\w", every)] == [m.start() for m in re.finditer(r"\w", low)]


@pytest.mark.parametrize(
    "line",
    [
        "“We will wait,” she said.",
        "“We will wait,” SHE SAID.",
        "The words OF the harbour master were clear.",
        "According to the board, “nothing is settled”.",
        "In A Statement the board said little.",
        "“Nothing,” it reads.",
        "The sign reads “Closed”.",
        "Speaking TO reporters, he smiled.",
        "The harbour master, ſaid to be angry, left.",
        "She Kept telling us.",
        "İn a statement, the board agreed.",
        "Nobody spoke.",
        "",
    ],
)
def test_cue_search_on_lowered_text_agrees(line: str) -> None:
    for start, end in ((0, len(line)), (3, len(line)), (0, max(0, len(line) - 5)), (4, 9)):
        expected = cues.CUE.search(line, start, end) is not None
        assert cues.has_cue(line, folded(line), start, end) == expected


_CUE_PIECES = ["said", "SAID", "ſaid", "told", "according to", "Accord", "in a", "statement", "so said", "words",
               "of", "reads", "sign", "called it", "points out", "ıt", "İn", "K", "é", "’", "“", "”", " ", " ", ",",
               ".", "x"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=10).map("".join), st.integers(0, 40), st.integers(0, 80))
def test_cue_search_on_lowered_text_agrees_on_generated_lines(line: str, start: int, end: int) -> None:
    assert cues.has_cue(line, folded(line), start, end) == (cues.CUE.search(line, start, end) is not None)


_WEAK_PIECES = ["many ", "Many ", "MANY say", "some ", "Some argue", "say", "believe", "claim", "argue", "many believe",
                "some claim", "source", "it is ", "x", " ", "ſ", "İ"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WEAK_PIECES), max_size=8).map("".join))
def test_weak_sourcing_gate_agrees_with_its_hint(line: str) -> None:
    assert cues.may_have_weak_sourcing(line) == (cues.WEAK_SOURCING_HINT.search(line) is not None)


def _slow_opening(text: str) -> quotes.Kind | None:
    stripped = text.lstrip(" \t\u00a0•·*-–—")
    if not stripped:
        return None
    offset = len(text) - len(stripped)
    for mark in quotes.analyse(text).marks:
        if mark.pos == offset and mark.role is quotes.Role.OPEN:
            return mark.kind
    return None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab '\"“”‘’„—•-\u00a0.,", max_size=20))
def test_opening_quote_test_agrees_with_the_analysis(line: str) -> None:
    assert quotes.starts_with_opening_quote(line) == _slow_opening(line)
    analysis = quotes.analyse(line)
    assert analysis.top_level() == tuple(q for q in analysis.quotes if q.depth == 0)


@pytest.mark.parametrize(
    "line",
    ["REUTERS/Jane Doe", "Reuters / Jane Doe", "AFP", "Reporting by Ann Lee/Bo Chan", "(AP)", "• AP/Pool", "a/b", ""],
)
def test_credit_line_skips_the_photo_slash_test_only_without_a_slash(line: str) -> None:
    slow = len(line) < 300 and not shapes._PHOTO_SLASH.match(line) and shapes.CREDIT_LINE.match(line) is not None
    assert shapes.is_credit_line.__wrapped__(line) == slow


def _slow_headline_shaped(text: str, max_words: int = 22) -> bool:
    stripped = text.strip().lstrip("•·*-–— ").strip()
    n = len(stripped.split())
    if n == 0 or n > max_words or not re.search(r"[A-Za-z]", stripped):
        return False
    if stripped.endswith((".", ";", ",")) and not stripped.endswith("..."):
        return False
    return not (stripped.endswith(":") and n <= 5)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="Ab1 .;,:•-—…", max_size=30), st.sampled_from([5, 20, 22]))
def test_headline_shape_reads_the_end_first_and_agrees(line: str, max_words: int) -> None:
    assert shapes.is_headline_shaped(line, max_words) == _slow_headline_shaped(line, max_words)


@pytest.mark.parametrize("line", [*_LINES, "Harbour Board Backs Plan...", "Ferry fares:", "Council, board;", "..."])
def test_headline_shape_agrees_on_the_examples(line: str) -> None:
    assert shapes.is_headline_shaped(line) == _slow_headline_shaped(line)
