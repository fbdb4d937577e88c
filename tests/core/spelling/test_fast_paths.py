"""The fast paths of the spelling check give exactly what the plain ones do."""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks.spelling import _REPEAT, SpellingCheck
from proofdesk.core.spelling.names import BlockWords, DocumentWords, block_words, column_words
from proofdesk.core.spelling.tokens import _tokens, iter_words, maybe_non_word, plain_columns, word_columns

# The word pattern as first written, before it was respelt for speed.
_ORIGINAL_WORD = re.compile(r"[^\W_](?:[^\W_]|\u00ad)*(?:(?:['’ʼ]|-\n?)[^\W_](?:[^\W_]|\u00ad)*)*")

# Letters, digits and the characters that decide where words, sentences and names begin and end.
_WORDISH = ["the", "The", "THE", "a", "Xi", "van", "é", "É", "ı", "I", "i", "K", "\u212a", "ſ", "s", "S", "ß", "2", "_"]
_BETWEEN = [" ", " ", "  ", "\t", "\u00a0", "\n", ".", ". ", "!", "?", ":", "…", "•", "|", ",", "-", "-\n", "'", "’"]
_ODD = ["ʼ", "\u00ad", "“", "”", "(", "🙂", "@", "#", "www.", "x.com", "://"]
_PIECES = st.sampled_from([*_WORDISH, *_BETWEEN, *_ODD])
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_columns_are_the_tokens_of_the_loop(text: str) -> None:
    loop = _tokens(text, (), [])
    assert iter_words(text) == loop
    assert word_columns(text).tokens() == loop
    if not maybe_non_word(text):
        assert plain_columns(text).tokens() == loop
        assert [(t.start, t.end) for t in loop] == [m.span() for m in _ORIGINAL_WORD.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_the_repeat_prefilter_never_hides_a_repeat(text: str) -> None:
    words = [t.text for t in iter_words(text)]
    if not SpellingCheck._may_repeat(text, not maybe_non_word(text), words):
        assert _REPEAT.search(text) is None


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_block_words_from_columns_are_those_from_tokens(text: str) -> None:
    tokens = iter_words(text)
    assert column_words(word_columns(text), text=text) == block_words(tokens, text=text)


_Key = tuple[str, tuple[tuple[int, int], ...]]


def _one_by_one(words: DocumentWords, keys: list[_Key], words_of: Callable[[int], BlockWords]) -> None:
    """The counts as kept before recounting: every old paragraph taken out, every new one put in."""
    old: list[_Key] = words._keys
    n_old, n_new = len(old), len(keys)
    head = 0
    limit = min(n_old, n_new)
    while head < limit and old[head] == keys[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[n_old - 1 - tail] == keys[n_new - 1 - tail]:
        tail += 1
    words._keys = keys
    for key in old[head : n_old - tail]:
        words._change(key, None, -1)
    for i in range(head, n_new - tail):
        words._change(keys[i], words_of if keys[i] not in words._blocks else None, 1, i)


_NAMES = st.sampled_from(["Jago", "Morwenna", "Morwena", "Penmorva", "Council", "The", "BBC", "Pellow", "Pellows"])
_PARAGRAPH = st.lists(st.tuples(_NAMES, st.booleans()), max_size=6).map(
    lambda ws: " ".join(f"said {w}" if mid else w for w, mid in ws) + "."
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=8), st.lists(_PARAGRAPH, min_size=1, max_size=8))
def test_recounting_a_new_story_gives_the_counts_of_adding_it(first: list[str], second: list[str]) -> None:
    def words_of(texts: list[str]) -> list[tuple[str, BlockWords]]:
        return [(t, block_words(iter_words(t), text=t)) for t in texts]

    words, want = DocumentWords(), DocumentWords()
    for texts in (first, second):
        blocks = words_of(texts)
        keys: list[_Key] = [(t, ()) for t, _bw in blocks]
        words.update(keys, [bw for _t, bw in blocks].__getitem__)
        _one_by_one(want, keys, [bw for _t, bw in blocks].__getitem__)
    assert words.counts == want.counts
    assert words.name_evidence == want.name_evidence
    assert list(words._caps.items()) == list(want._caps.items())
    assert words._handles == want._handles
    assert {k: (n, bw.words) for k, (n, bw) in words._blocks.items()} == {
        k: (n, bw.words) for k, (n, bw) in want._blocks.items()
    }
