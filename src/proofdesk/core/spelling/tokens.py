"""Splitting a block into the words spelling looks at, and the non-words it must leave alone.

URLs, e-mail addresses, @handles, #tags, file names and web addresses are
matched first and never checked; what remains is split into word tokens that
keep inner apostrophes (straight or curly), hyphens and line-break hyphens.
"""

from __future__ import annotations

import re
from typing import NamedTuple

APOSTROPHES = "'’ʼ"
SOFT_HYPHEN = "\u00ad"

_NON_WORDS = (
    r"(?:https?://|ftp://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’']"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])[@#][\w]+"  # handles and tags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|ai|info|news|uk|us|eu|de|fr|cn|au|ca|in|ie|nz|tv|ly|me)\b"
    r"|\b[\w-]+\.(?:txt|docx?|pdf|html?|md|csv|xlsx?|pptx?|jpe?g|png|gif|svg|zip|py|json|xml|yaml|yml|mp[34]|mov|exe)\b"
)
_WORD = rf"[^\W_](?:[^\W_]|{SOFT_HYPHEN})*(?:(?:[{APOSTROPHES}]|-\n?)[^\W_](?:[^\W_]|{SOFT_HYPHEN})*)*"
_TOKEN = re.compile(rf"(?P<skip>{_NON_WORDS})|(?P<word>{_WORD})")
_WORD_ONLY = re.compile(rf"(?P<word>{_WORD})")
# Blocks without any of these cannot hold a URL, address, handle or file name: the cheap pattern will do.
_MAYBE_NON_WORD = re.compile(r"[@#]|://|www\.|[^\W\d_]\.[^\W\d_]")
# What may end a sentence before the next word (quotes and brackets may stand between).
_SENTENCE_END = re.compile(r"[.!?:…•|]")
_SPACE_ONLY = re.compile(r"[ \t\u00a0]+")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    sentence_start: bool
    # Joined to the previous word by nothing but spaces (for name sequences).
    joined_prev: bool


def normalise(word: str) -> str:
    """The dictionary form of a token: straight apostrophes, no soft or line-break hyphens."""
    if "’" in word or "ʼ" in word:
        word = word.replace("’", "'").replace("ʼ", "'")
    if SOFT_HYPHEN in word:
        word = word.replace(SOFT_HYPHEN, "")
    return word


def iter_words(text: str, skips: tuple[tuple[int, int], ...] = (), skipped: list[str] | None = None) -> list[Token]:
    """Word tokens of ``text`` outside ``skips`` and outside URLs, addresses, handles and file names.

    The URLs, addresses, handles and file names are appended to ``skipped`` if given.
    """
    tokens: list[Token] = []
    append = tokens.append
    prev_end = -1  # end of the previous token, word or not
    prev_checked = False
    end_search = _SENTENCE_END.search
    space = _SPACE_ONLY.fullmatch
    pattern = _TOKEN if _MAYBE_NON_WORD.search(text) else _WORD_ONLY
    for m in pattern.finditer(text):
        start, end = m.span()
        if m.lastgroup == "skip" or (skips and any(s < end and start < e for s, e in skips)):
            if skipped is not None and m.lastgroup == "skip":
                skipped.append(m.group())
            prev_end, prev_checked = end, False
            continue
        if prev_end < 0:
            append(Token(start, end, m.group(), True, False))
        else:
            gap = text[prev_end:start]
            append(Token(start, end, m.group(), end_search(gap) is not None, prev_checked and space(gap) is not None))
        prev_end, prev_checked = end, True
    return tokens
