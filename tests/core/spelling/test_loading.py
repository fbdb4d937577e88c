"""The stored word lists agree with wordfreq and Hunspell; loading them imports no wordfreq or LanguageTool."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from proofdesk.core.spelling.lexicon import get_lexicon
from proofdesk.core.spelling.wordlists import (
    accepted_words,
    bucket_words,
    format_wordlist,
    read_frequencies,
    read_wordlist,
)


def test_stored_frequencies_are_wordfreqs_to_the_last_bit() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    stored = read_frequencies()
    assert stored is not None
    assert stored == wordfreq.get_frequency_dict("en", "large")


@pytest.mark.parametrize("language", ["en-GB", "en-US"])
def test_stored_suggestion_words_are_those_hunspell_accepts(language: str) -> None:
    lex = get_lexicon(language)
    freq = read_frequencies()
    assert freq is not None
    sample = random.Random(3).sample(sorted(freq), 3000)
    for form in accepted_words(sample, lex.main.spell):
        assert lex.forms[form.lower()] == form
    rejected = {w for w in sample if w.isalpha()} - {f.lower() for f in accepted_words(sample, lex.main.spell)}
    assert rejected and not rejected & lex.forms.keys()


def test_the_stored_layout_reads_back_as_written() -> None:
    freq = {"colour": 1e-5, "london": 1e-5, "zymurgy": 1e-9, "cab": 1e-4}
    forms, common, rare = bucket_words(["colour", "London", "zymurgy", "cab"], freq)
    assert common == {("c", 6): ["colour"], ("l", 6): ["london"], ("c", 3): ["cab"]}
    assert rare == {("z", 7): ["zymurgy"]}
    text = format_wordlist("xx", ["colour", "London", "zymurgy", "cab"], freq)
    assert "c\t6\tc\tcolour\n" in text and "l\t6\tc\tLondon\n" in text and "z\t7\tr\tzymurgy\n" in text
    assert forms["london"] == "London"
    stored = read_wordlist("en_GB")
    assert stored is not None and stored[0]["london"] == "London"


def test_first_letter_slips_find_every_word_after_the_first_letter() -> None:
    lex = get_lexicon("en-GB")
    assert {"when", "then", "shen"} & set(lex.tails("hen")) >= {"when", "then"}
    assert all(w[1:] == "hen" and w in lex.forms for w in lex.tails("hen"))


def test_loading_spelling_and_an_engine_with_grammar_off_imports_no_wordfreq_or_languagetool() -> None:
    code = (
        "import sys\n"
        "from proofdesk.core.checks.base import CheckContext\n"
        "from proofdesk.core.document import document_from_text\n"
        "from proofdesk.core.engine import Engine, EngineConfig\n"
        "from proofdesk.core.checks.spelling import SpellingCheck\n"
        "from proofdesk.core.checks.grammar import GrammarCheck\n"
        "e = Engine(EngineConfig(CheckContext(languagetool='off')), checks=[SpellingCheck, GrammarCheck])\n"
        "e.check(document_from_text('The goverment met.'), document_passes=False)\n"
        "assert e.checks[0].judge.lex.forms\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('wordfreq', 'ftfy', 'langcodes')"
        " or m.startswith('proofdesk.core.languagetool')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
