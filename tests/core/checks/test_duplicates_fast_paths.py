"""The duplicate search's quick forms of its text work agree with the plain definitions.

Words come from a byte table instead of a ``\\w+`` regex, a unit's numbers from ``str.isalpha``
instead of a regex over its text, the words shared between blocks from the document's one word
count, and near_cost reads plain opcode tuples: each is checked here against the plain form it
replaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import chain

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from proofdesk.core.checks._newsroom import dupes
from proofdesk.core.checks._newsroom.text import normalise, tokens

_QUOTES = "\"'`´‘’‚‛“”„‟′″«»‹›"


def _plain_tokens(text: str) -> list[str]:
    """normalise() as first written: quotes dropped, case folded, then the ``\\w+`` runs."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if c not in _QUOTES).casefold()
    return re.findall(r"\w+", text)


_ASCII = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=60)
_MIXED = st.text(
    st.sampled_from([*"abcXYZ019_ .,;:-/()'\"`\t\n", "é", "É", "ß", "’", "“", "ﬁ", "²", "٣", "\u00a0", "İ"]),
    max_size=40,
)


@given(_ASCII)
def test_ascii_words_are_the_word_runs(text: str) -> None:
    assert tokens(text) == _plain_tokens(text)
    assert normalise(text) == " ".join(_plain_tokens(text))


@given(_MIXED)
def test_other_text_keeps_the_plain_words(text: str) -> None:
    assert tokens(text) == _plain_tokens(text)


def test_words_examples() -> None:
    assert tokens("Don't PANIC: the £4.2m plan_b, 2024's") == ["dont", "panic", "the", "4", "2m", "plan_b", "2024s"]
    assert tokens("“Café” ﬁne") == ["café", "fine"]
    assert tokens("") == []


def _plain_facts(toks: list[str]) -> tuple[str, ...]:
    return tuple(sorted([t for t in toks if t in dupes._NEGATIONS] + [t for t in toks if re.search(r"\d", t)]))


_FACT_TEXT = st.lists(
    st.sampled_from(["council", "not", "never", "12", "4b", "b4", "x_1", "plan_b", "²", "٣", "won", "cannot", "the"]),
    max_size=12,
)


@given(_FACT_TEXT)
def test_facts_are_the_numbers_and_negations(words: list[str]) -> None:
    toks = tokens(" ".join(words))
    unit = dupes.Unit(0, 0, 1, " ".join(toks), toks, True, True, words=frozenset(toks))
    # str.isdigit, as before, also counts superscripts; for ASCII it is the regex's 0-9
    expected = tuple(sorted([t for t in toks if t in dupes._NEGATIONS] + [t for t in toks if dupes._has_digit(t)]))
    assert unit.facts == expected
    if all(c.isascii() for c in "".join(toks)):
        assert unit.facts == _plain_facts(toks)


def test_facts_examples() -> None:
    toks = ["it", "did", "not", "rise", "12", "percent", "in", "q3", "never"]
    unit = dupes.Unit(0, 0, 1, " ".join(toks), toks, True, True, words=frozenset(toks))
    assert unit.facts == ("12", "never", "not", "q3")
    plain = ["the", "council", "met", "on", "tuesday"]
    assert dupes.Unit(0, 0, 1, " ".join(plain), plain, True, True).facts == ()


@given(st.lists(st.lists(st.sampled_from(["a", "an", "the", "tide", "quay", "council", "of", "12"]), max_size=8)))
def test_long_words_in_two_blocks(blocks: list[list[str]]) -> None:
    words = [frozenset(b) for b in blocks]
    long = [frozenset(t for t in b if len(t) > 2) for b in blocks]
    vocabulary = dupes._Vocabulary(words, [], [])
    shared = {t for t, n in Counter(chain.from_iterable(long)).items() if n > 1}
    assert vocabulary.common == shared


def _plain_is_typo(x: str, y: str) -> bool:
    if min(len(x), len(y)) < 4 or Levenshtein.distance(x, y) > 2:
        return False
    if any(c.isdigit() for c in x + y):
        return False
    return not (x in dupes._FACT_WORDS and y in dupes._FACT_WORDS) and not (
        x in dupes._NEGATIONS or y in dupes._NEGATIONS
    )


def _plain_carries_fact(word: str) -> bool:
    return word in dupes._NEGATIONS or word in dupes._FACT_WORDS or dupes._has_digit(word)


def _plain_near_cost(a: list[str], b: list[str]) -> float | None:
    """near_cost as first written, over rapidfuzz's Opcode objects."""
    n = max(len(a), len(b))
    budget = max(1.0, n / dupes.WORDS_PER_EDIT) if n >= dupes.MIN_NEAR_TOKENS else 0.5
    if abs(len(a) - len(b)) > budget or Levenshtein.distance(a, b) > 2 * budget:
        return None
    cost = 0.0
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        old, new = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
        pairs = list(zip(old, new, strict=True)) if op.tag == "replace" and len(old) == len(new) else []
        for x, y in pairs:
            if _plain_is_typo(x, y):
                cost += 0.5
            elif _plain_carries_fact(x) or _plain_carries_fact(y):
                return None
            else:
                cost += 1.0
        if not pairs:
            if any(_plain_carries_fact(w) for w in (*old, *new)):
                return None
            cost += max(len(old), len(new))
        if cost > budget:
            return None
    return cost


_NEAR_WORDS = ["council", "counsil", "harbour", "harbor", "march", "marsh", "june", "rose", "roes", "not", "never"]
_NEAR_WORDS += ["12", "l2", "two", "four", "fuor", "quay", "said", "siad", "tide", "tides", "her", "his", "dredging"]


@given(st.lists(st.sampled_from(_NEAR_WORDS), min_size=1, max_size=14), st.data())
def test_near_cost_is_the_plain_cost(a: list[str], data: st.DataObject) -> None:
    b = list(a)
    for _ in range(data.draw(st.integers(0, 3))):
        i = data.draw(st.integers(0, len(b)))
        roll = data.draw(st.integers(0, 2))
        if roll == 0 and i < len(b):
            b[i] = data.draw(st.sampled_from(_NEAR_WORDS))
        elif roll == 1 and i < len(b):
            del b[i]
        else:
            b.insert(i, data.draw(st.sampled_from(_NEAR_WORDS)))
    assert dupes.near_cost(a, b) == _plain_near_cost(a, b)
    for x, y in zip(a, b, strict=False):
        assert dupes._is_typo(x, y) == _plain_is_typo(x, y)
