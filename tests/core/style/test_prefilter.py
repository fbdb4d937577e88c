"""The prefilter may skip a rule on a block only when the rule's pattern cannot match there."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofdesk.core.style.loader import load_house_style
from proofdesk.core.style.prefilter import DIGIT, Need, Probe, admits, block_words, fold, needs_for
from proofdesk.core.style.regexes import compile_pattern

# Patterns of every shape the analysis reads: bounded words, phrases, lookarounds, optional parts,
# classes, digits, case-insensitive flags, regex-only classes and constructs it must give up on.
PATTERNS = [
    r"\b(?:ten|twenty-one|per cent)\b",
    r"(?i)\b(?:judgement|okay|OK)\b",
    r"(?<!\bone in )ten(?![-\w])",
    r"\b(\d{1,2}) ?(?:a\.m\.|pm)\b",
    r"[£$€]\d+(?:\.\d+)? million\b",
    r"\butili[sz]e\b",
    r"\b\w+ly-\w+\b",
    r"!(?![!?]*\s*['\"’”])",
    r"(?<=[\p{L}\d)'’\"”])\.(?=\s*$)",
    r"\bMr\.(?= \p{Lu})",
    r"\b(\w+) \1\b",
    r"(?i)\bstraße\b",
    r"(?i:colou?r)s?\b",
    r"\b[A-Z]{2,6}\b",
    r"(?:\bat the end of the day\b|\bsome (?:say|argue)\b)",
    r"\d{5,}",
    r"^Breaking\b",
    r"\bcaf[eé]\b",
    r"x*",
    r"\bten\w+",
    r"(?:\bten\b)+",
    r"\bistanbul\b",
    r"\bsome\b",
    r"\bten(?![^\w])",
    r"(?<![^\w])ten\b",
]

# Text drawn from pieces that sit right on the analysis's edges: case variants that fold onto
# ASCII letters (ſ, K, İ, ı), other-number characters (²), curly quotes, digits and punctuation.
PIECES = [
    "ten",
    "Ten",
    "TEN",
    "twenty-one",
    "per",
    "cent",
    "one in ten",
    "judgement",
    "JUDGEMENT",
    "okay",
    "OK",
    "o\u212a",
    "judgemen\u0131",
    "\u017fome",
    "colour",
    "Colors",
    "utilise",
    "utilize",
    "quickly-made",
    "£5 million",
    "$12.5 million",
    "4 a.m.",
    "11pm",
    "Mr. Smith",
    "Mr Smith",
    "the the",
    "NATO",
    "BBC",
    "at the end of the day",
    "some say",
    "12345",
    "Breaking",
    "café",
    "cafe",
    "straße",
    "ten²",
    "²ten",
    "İstanbul",
    "\u017fome",
    "tenants",
    "!",
    "?",
    ".",
    "”",
    "’",
    "\u00a0",
    " ",
    " ",
    " ",
    "\n",
    ",",
    "-",
    "(",
    ")",
    "x",
]


# Each both as written and case-insensitively: one analysis serves both.
COMPILED = [compile_pattern(p, ignorecase=ic) for p in PATTERNS for ic in (False, True)]


@st.composite
def texts(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=12)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_never_skips_a_block_the_pattern_matches(text: str) -> None:
    probe = Probe(text)
    for compiled in COMPILED:
        if compiled.search(text) is not None:
            assert admits(compiled, probe), (compiled.pattern, compiled.flags, text)


BUNDLED = [r for language in ("en-GB", "en-US") for r in load_house_style(None, language=language).rules]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_never_skips_a_bundled_rule_that_matches(text: str) -> None:
    probe = Probe(text)
    for rule in BUNDLED:
        if rule.prefilter_source() is not None and rule.pattern.search(text) is not None:
            assert admits(rule.pattern, probe), (rule.name, text)


def test_bounded_words_are_needed_as_words() -> None:
    assert set(needs_for(r"\b(?:ten|twenty-one)\b") or ()) == {
        Need(frozenset({"ten"})),
        Need(frozenset({"twenty", "one"}), "twenty-one"),
    }
    probe = Probe("Attention: the tent is often ten metres away.")
    assert "ten" in probe.words and "attention" in probe.words
    assert not admits(compile_pattern(r"\btwenty\b"), Probe("Twentyfold"))


def test_a_phrase_is_needed_as_written() -> None:
    # "would" and "of" are in most paragraphs; side by side they are rare.
    assert needs_for(r"\bwould of\b") == (Need(frozenset({"would", "of"}), "would of"),)
    assert not admits(compile_pattern(r"\bwould of\b"), Probe("It would cost a lot of money."))
    assert admits(compile_pattern(r"(?i)\bwould of\b"), Probe("They WOULD OF known."))


def test_a_word_not_pinned_at_both_ends_is_needed_as_text() -> None:
    assert needs_for(r"\d ?am\b") == (Need(frozenset(), "am"),)
    assert admits(compile_pattern(r"\d ?am\b"), Probe("at 4am"))
    assert not admits(compile_pattern(r"\d ?am\b"), Probe("at four"))


def test_the_most_telling_fragment_is_chosen() -> None:
    # A comma is in every paragraph; the bracket is what a definition really needs.
    assert needs_for(r"[A-Z]\w+,?\(([A-Z]{2,6})\)") == (Need(frozenset(), "("),)


def test_digits_only_patterns_need_a_digit() -> None:
    assert needs_for(r"\d{5,}") == (Need(frozenset(), DIGIT),)
    assert admits(compile_pattern(r"\d{5,}"), Probe("It cost 12345."))
    assert not admits(compile_pattern(r"\d{5,}"), Probe("It cost a fortune."))
    # A digit another engine knows (Arabic-Indic) counts too.
    assert Probe("\u0661\u0662").digit


def test_patterns_it_cannot_read_always_run() -> None:
    assert needs_for(r"\b(\w+)\1\b") is None
    assert needs_for(r"[A-Z]{2,6}") is None
    assert needs_for(r"x*") is None
    assert needs_for(r"(?a)\bten\b") is None
    assert needs_for(r"[[:alpha:]]+ten") is None  # a warning: the standard parser would read it differently
    assert needs_for(r"(") is None


def test_only_lookarounds_that_rule_out_a_word_character_mark_an_edge() -> None:
    # (?![^\w]) says the next character IS a word character: "ten" need not end a word.
    assert needs_for(r"\bten(?![^\w])") == (Need(frozenset(), "ten"),)
    assert needs_for(r"\bten(?![-\w])") == (Need(frozenset({"ten"})),)
    assert needs_for(r"(?<=\s)ten(?=[ ,])") == (Need(frozenset({"ten"})),)


def test_redundant_alternatives_are_dropped() -> None:
    needs = needs_for(r"\b(?:cent|per cent)\b")
    assert needs == (Need(frozenset({"cent"})),)


def test_folding_catches_every_case_insensitive_spelling() -> None:
    assert fold("O\u212a") == "ok"
    assert fold("\u017fome") == "some"
    assert fold("İstanbul") == "istanbul"
    assert block_words(fold("Ten² tenants, café")) >= {"ten", "tenants", "caf"}
