"""Go/RE2 patterns as the ``regex`` package runs them, and the time limit that guards the app."""

from __future__ import annotations

import time

import pytest

from proofdesk.core.style import regexes
from proofdesk.core.style.regexes import RegexProblem, RuleTimedOut, compile_pattern, translate


@pytest.mark.parametrize(
    ("go", "python"),
    [
        (r"end\z", r"end\Z"),
        (r"\Qa.b*c\E+", r"a\.b\*c+"),
        (r"\x{1F600}", r"\U0001f600"),
        (r"[\z]", r"[\z]"),
        (r"[]a]", r"[]a]"),
        (r"[[:alpha:]]+", r"[[:alpha:]]+"),
        (r"(?i)word", r"(?i)word"),
    ],
)
def test_translate(go: str, python: str) -> None:
    assert translate(go) == python


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (r"ab(?i)c|d", "abC D abc", ["abC", "D", "abc"]),  # Go scopes a mid-pattern flag to the rest
        (r"(?<=\$)\d+(?!%)", "$12 and 5%", ["12"]),  # lookaround (regexp2 in Vale 3)
        (r"(\w)\1", "book", ["o"]),  # backreference
        (r"\p{Lu}\p{Ll}+", "Zürich and Ölfen", ["Zürich", "Ölfen"]),
        (r"\Qa+b\E", "a+b ab", ["a+b"]),
    ],
)
def test_compiled_matches(pattern: str, text: str, expected: list[str]) -> None:
    compiled = compile_pattern(pattern)
    assert [
        m.group(1) if compiled.groups and pattern.startswith("(\\w)") else m.group() for m in compiled.finditer(text)
    ] == expected


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(unclosed", "missing )"),
        ("[a-", "unterminated character set"),
        ("(?U)a+", "ungreedy flag (?U) is not supported"),
        (r"\C", r"\C (any byte) is not supported"),
        (r"\x{zz}", "bad hex escape"),
    ],
)
def test_bad_patterns_explain_themselves(pattern: str, message: str) -> None:
    with pytest.raises(RegexProblem) as info:
        compile_pattern(pattern)
    assert message in str(info.value)


def test_catastrophic_pattern_is_stopped_by_the_time_limit() -> None:
    evil = compile_pattern(r"(x+x+)+y")
    started = time.perf_counter()
    with pytest.raises(RuleTimedOut):
        list(regexes.finditer(evil, "x" * 5000, 0.05))
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("pattern", "untimed"),
    [
        (r"\b[\w'’-]+\b", True),  # one open-ended quantifier over one character: quadratic at worst
        (r"\d{5,}", True),
        (r"[a-z]+?x", True),
        (r"\b\d{1,2}\b", True),
        (r"(a|a)+b", False),  # a repeated group can match one stretch many ways: exponential
        (r"(\w+) \1", False),  # back-references
        (r"(?P<x>a)(?P=x)", False),
        (r"\d+(?:\.\d+)?", False),  # two open-ended quantifiers
        (r"a?b?c?d?", False),  # too many optional parts to bound the work tightly
    ],
)
def test_only_patterns_with_bounded_work_run_without_a_time_limit(pattern: str, untimed: bool) -> None:
    assert regexes.untimed_safe(pattern) is untimed


def test_long_units_keep_the_time_limit() -> None:
    # Quadratic is only cheap while the unit is short: past the cap the limit applies again.
    pattern = compile_pattern(r"a+b")
    assert pattern.untimed
    with pytest.raises(RuleTimedOut):
        list(regexes.finditer(pattern, "a" * (regexes.UNTIMED_MAX_CHARS * 5), 0.001))
    # A short unit runs to the end whatever the limit.
    assert [m.group() for m in regexes.finditer(pattern, "a" * 100 + "b", 1e-9)] == ["a" * 100 + "b"]
