"""Counting a sentence-scoped token once per paragraph: only where it cannot change what is found."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.findings import Severity
from proofdesk.core.style import regexes
from proofdesk.core.style.additive import SPACES, confined_to_sentences, required_marks
from proofdesk.core.style.sentences import split_sentences
from proofdesk.core.style.vale.base import Scope
from proofdesk.core.style.vale.occurrence import Occurrence

WORDS = r"\b[\w'’-]+\b"


def test_spaces_are_every_white_space_character_of_either_engine() -> None:
    every = {c for c in range(0x3001) if chr(c).isspace() or regex.match(r"\s", chr(c))}
    assert every == set(SPACES)


def test_patterns_whose_matches_stay_inside_sentences() -> None:
    for pattern in (WORDS, r"(?:\b[\w'’-]+\b)", r"\d+", r"\b(?:cat|dog)s?\b", r"(?i)[a-c]{2,}", r"(?>\w+)"):
        assert confined_to_sentences(pattern), pattern


def test_patterns_that_could_reach_across_a_sentence_break() -> None:
    for pattern in (
        r"\w+ \w+",  # a space
        r"\S+",  # \S takes characters str.isspace() calls white space
        r"[^a]+",  # a negated class
        r"\w+\s",  # \s
        r".+",  # any character
        r"(?<=x)y",  # a lookbehind sees past the sentence's start
        r"y(?=\.)",  # a lookahead past its end
        r"^\w+",  # an anchor
        r"\w*",  # an empty match
        r"(\w)\1",  # a back-reference
        r"\p{Lu}+",  # regex-only syntax the parser cannot read
        r"[\x00-\x20]",  # a range over white space
    ):
        assert not confined_to_sentences(pattern), pattern


def rule(token: str, maximum: int) -> Occurrence:
    return Occurrence(
        name="Test.Length",
        level=Severity.SUGGESTION,
        message="%s words",
        scope=Scope.parse("sentence"),
        pattern=regexes.compile_pattern(f"(?:{token})"),
        max=maximum,
    )


def test_count_each_counts_like_count() -> None:
    pattern = regexes.compile_pattern(WORDS)
    texts = ["One two three.", "", "It's a well-known fact, isn't it?"]
    assert regexes.count_each(pattern, texts, 1.0) == [regexes.count(pattern, t, 1.0) for t in texts] == [3, 0, 6]


def test_a_short_paragraph_is_settled_without_splitting_it() -> None:
    length = rule(WORDS, 5)
    assert length.quiet_in("Two sentences. Three words here.", 1.0)
    assert not length.quiet_in("One two three. Four five six seven.", 1.0)
    assert length.run_units(split_sentences("One two three. Four five six seven."), 1.0) == []


def test_no_shortcut_for_a_minimum_or_an_unconfined_token() -> None:
    assert not rule(r"\w+ \w+", 5).quiet_in("Short.", 1.0)
    at_least = rule(WORDS, 0)
    at_least.min = 2
    assert not at_least.quiet_in("Short.", 1.0)


SENTENCE_TEXT = st.lists(
    st.sampled_from(["word", "it's", "well-known", "Mr.", "U.S.", "A.", "3.5", "end.", "Why?", "No!", "—", "“Quote.”"])
    | st.text(alphabet="ab .!?'’-\n\t\u00a0\u2003\x1c", max_size=6),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(SENTENCE_TEXT, st.integers(min_value=0, max_value=6))
def test_quiet_paragraphs_have_no_long_sentence(text: str, maximum: int) -> None:
    length = rule(WORDS, maximum)
    if length.quiet_in(text, 1.0):
        assert length.run_units(split_sentences(text), 1.0) == []
    counts = regexes.count_each(length.pattern, [s for _, s in split_sentences(text)], 1.0)
    # The whole paragraph holds its sentences' matches and no others.
    assert sum(counts) == regexes.count(length.pattern, text, 1.0)


def test_marks_every_match_consumes() -> None:
    sentence_ends = r"(?:[.!?]['\"’”)]*(?:\s+(?=\p{Lu})|\s*$))"
    assert required_marks(sentence_ends) == frozenset(".!?")
    assert required_marks(r"\d ?a\.m\.") == frozenset(".")
    assert required_marks(r"(?:wow|gosh)!+") == frozenset("!")
    assert required_marks(r"(?:!|\?)") == frozenset("!?")
    assert required_marks(r"\\p\.") == frozenset("\\")


def test_no_marks_when_some_match_could_do_without() -> None:
    for pattern in (r"\w+", r"[.!?]?x", r"(?:ab|c!)", r"[^.]", r"\.*x", r"[a.]", r"(?i)k", r"[.!?,;:'\"()]"):
        assert required_marks(pattern) is None, pattern


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab A.!?'\"” \n", max_size=60), st.integers(min_value=0, max_value=4))
def test_a_unit_with_few_marks_is_never_flagged(text: str, maximum: int) -> None:
    ends = rule(r"[.!?]['\"’”)]*(?:\s+(?=\p{Lu})|\s*$)", maximum)
    marks = sum(text.count(c) for c in ".!?")
    assert regexes.count(ends.pattern, text, 1.0) <= marks
    if marks <= maximum:
        assert ends.run(text, 1.0) == []
    assert ends.run_units([(0, text)], 1.0) == ends.run(text, 1.0)


def test_a_paragraph_with_few_marks_settles_every_sentence() -> None:
    commas = rule(",", 3)
    assert commas.quiet_in("One, two, three, and that is all.", 1.0)
    spread = "One, two, three, four. Five, six."
    assert not commas.quiet_in(spread, 1.0)
    assert commas.run_units(split_sentences(spread), 1.0) == []
    crowded = "Fine. One, two, three, four, five."
    (alert,) = commas.run_units(split_sentences(crowded), 1.0)
    assert (alert.start, alert.end, alert.message) == (crowded.index(","), crowded.index(",") + 1, "4 words")
