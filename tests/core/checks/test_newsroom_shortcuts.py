"""The newsroom and attribution checks' shortcuts decide exactly what the slow way decides.

Each shortcut (a substring test instead of a case-blind regex search, a plain-letter credit-line
pattern before the full one, a lazily compiled pattern) is checked against the pattern it stands
in for, on example tables and on generated text.
"""

from __future__ import annotations

import copy
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks import _attribution_cues as cues
from proofdesk.core.checks import _credit_line as credit
from proofdesk.core.checks._newsroom import lazyre, text, wording
from proofdesk.core.checks._newsroom.dupes import _shared
from proofdesk.core.checks._quotes import analyse
from proofdesk.core.checks.attribution import AttributionCheck, _masked
from proofdesk.core.checks.base import CheckContext

# Letters re.IGNORECASE ties to ASCII letters in ways str.lower() does not, and some ordinary text.
_ALPHABET = "abcdeikmnoprstuwy ISKN'\"`.,İıſK’“é\u00a0"


def test_lazy_pattern_compiles_once_on_first_use() -> None:
    built: list[str] = []

    def build(pattern: str, flags: int) -> re.Pattern[str]:
        built.append(pattern)
        return re.compile(pattern, flags)

    p = lazyre._Lazy(build, r"b+", re.IGNORECASE)
    assert built == []
    assert p.pattern == "b+"
    m = p.search("aBBa")
    assert m is not None and m.group() == "BB"
    assert p.fullmatch("bb") is not None
    assert p.findall("abab") == ["b", "b"]
    assert built == ["b+"]
    assert p.groups == 0  # anything else is read from the compiled pattern


def test_lazy_patterns_copy_and_pickle() -> None:
    fresh = lazyre.lazy(r"a+")
    used = lazyre.lazy(r"a+")
    assert used.search("aa") is not None
    for p in (fresh, used):
        for twin in (pickle.loads(pickle.dumps(p)), copy.deepcopy(p), copy.copy(p)):
            m = twin.search("xaa")
            assert m is not None and m.group() == "aa"
    check = AttributionCheck(CheckContext())
    again = pickle.loads(pickle.dumps(check))
    assert again.credit_lines.matches("Reporting by Ann Lee; Editing by Bo Chan")


def test_lazy_regex_understands_unicode_properties() -> None:
    assert lazyre.lazy_regex(r"\p{Lu}\p{Ll}+").fullmatch("Émile") is not None


@pytest.mark.parametrize(
    ("word", "line"),
    [
        ("cookie", "We use COOKIES"),
        ("cookie", "We use cooKıes"),  # dotless i: the regex matches, lower() does not
        ("insider", "İNSIDER trading"),
        ("subscri", "ſubscribe now"),  # long s
        ("new", "opens in a NEW tab"),
        ("source", "Sources said"),
    ],
)
def test_folded_text_settles_a_case_blind_search(word: str, line: str) -> None:
    low = text.folded(line)
    expected = re.search(word, line, re.IGNORECASE) is not None
    if low is None:
        assert re.search("[İıſK]", line)
    else:
        assert (word in low) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30), st.sampled_from(["cookie", "insider", "sources", "new", "kit"]))
def test_folded_matches_the_regex_on_any_text(line: str, word: str) -> None:
    low = text.folded(line)
    if low is not None:
        assert (word in low) == (re.search(word, line, re.IGNORECASE) is not None)


_PIECES = ["source", "SOURCES", "ſource", "İnsider", "It is ", "it was", "ACCORDING TO ", "many say", "Some claim",
           "some", "critic", "pundıt", "x", " ", "ı", "’", "é"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_weak_sourcing_shortcut_agrees_with_its_hint(line: str) -> None:
    assert cues.may_have_weak_sourcing(line) == (cues.WEAK_SOURCING_HINT.search(line) is not None)


@pytest.mark.parametrize(
    "line",
    [
        "Police are investigating.",
        "So said the minister, who left at once.",
        "“Never,” Said Jones.",
        "This was the verdict of the court.",
        "Those were the words of a tired man.",
        "The words were carved above the door.",
        "Mary Smith said: the plan is dead.",
        "— Tom Reed added later.",
        "He told reporters, smiling.",
        "Smith and Jones said later.",
        "They continued, undeterred:",
        "Émile Zola wrote.",
    ],
)
def test_back_reference_shortcut_never_hides_a_match(line: str) -> None:
    if cues.BACK_REFERENCE.match(line) is not None:
        assert cues.may_refer_back(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Tamsin Hale; Editing by Robert Quayle",
        "Reporting by Tom Ashdown in London and Jane Doe in Paris; Additional reporting by Li Wei; Editing by Ann Lee",
        "(Reporting by Jo Bloggs; Editing by Sam Smith).",
        "Reporting by Nidal al-Mughrabi; Editing by Stephanie van den Berg",
        "Reporting by José Álvarez",
        "AFP with additional editing by Nora Blake",
        "Reuters and AFP with additional reporting and writing by Ann Lee",
        "— AFP",
        "Source: Agencies",
        "Associated Press writer Nia Bowen in Cardiff contributed to this report.",
        "The Associated Press contributed.",
        "--With assistance from Ann Lee and Bo Chan.",
        "-- With assistance from Ann Lee",
        "reporting by tamsin hale",
        "Reporting by the BBC revealed that the council knew.",
    ],
)
def test_credit_line_forms_agree_with_the_full_patterns(line: str) -> None:
    for form in credit._DEFAULT_FORMS:
        matched = credit._compile(form.pattern).search(line) is not None
        if matched:
            assert re.match(form.gate, line), form.pattern[:40]
        if form.plain is not None and re.match(form.plain, line):
            assert matched, form.pattern[:40]
        if form.exact and form.plain is not None:
            assert (re.match(form.plain, line) is not None) == matched
    fresh = credit.CreditLines(credit.DEFAULT_PATTERNS)
    assert fresh.matches(line) == any(credit._compile(p).search(line) for p in credit.DEFAULT_PATTERNS)


def test_a_house_credit_pattern_is_checked_when_the_style_loads() -> None:
    with pytest.raises(credit.CreditLinePatternError):
        credit.CreditLines.from_options({"patterns": ["(unclosed"]})


def test_the_combined_wording_pattern_names_the_first_rule_that_fits() -> None:
    for name, pattern in wording._WORDED_PARTS:
        assert "(?P<" not in pattern.pattern and not re.search(r"\\[1-9]", pattern.pattern), name
        assert pattern.flags & re.IGNORECASE
    for line in [
        "Read more",
        "Advertisement",
        "Share this article",
        "Accept all cookies",
        "Skip to content",
        "Tags: x",
    ]:
        m = wording._WORDED.fullmatch(line)
        first = next((n for n, p in wording._WORDED_PARTS if p.fullmatch(line)), None)
        assert (m.lastgroup if m else None) == first


@pytest.mark.parametrize(
    "line",
    [
        "He said “it is over” and “we lost” today.",
        "“Outer ‘inner’ end” and more",
        "‘a “b’ c” d",  # a single quote closed inside a double one: two top-level quotes that overlap
        "No quotes at all.",
    ],
)
def test_masking_blanks_exactly_the_top_level_quotes(line: str) -> None:
    quotes = analyse(line).top_level()
    chars = list(line)
    for q in quotes:
        chars[q.start : q.end] = " " * (q.end - q.start)
    assert _masked(line, quotes) == "".join(chars)


def test_shared_words() -> None:
    sets = [frozenset("ab"), frozenset("bc"), frozenset("d"), frozenset("da")]
    assert _shared(sets) == {"a", "b", "d"}
    assert _shared([]) == set()
