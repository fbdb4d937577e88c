"""Quote marks in one paragraph: which are quotes, which are apostrophes, and how they pair.

Shared by the attribution and typography checks. Straight marks are ambiguous,
so each mark is first classified from its neighbours, then resolved by a
left-to-right pairing pass. Results are cached by text: the same paragraph is
analysed once however many rules ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from proofdesk.core.checks._newsroom.lazyre import lazy

DOUBLE_MARKS = frozenset('"“”„')
SINGLE_MARKS = frozenset("'‘’")
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS
OPENING_CHARS = frozenset("“‘„")
_ANY_MARK = lazy("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")

# Elisions that start with an apostrophe and would otherwise look like an
# opening single quote: ’90s, rock ’n’ roll, ’em, ’tis, ’til, ’cause.
_ELISION = lazy(r"['’‘](?:n['’‘](?=\W|$)|n(?!\w)|(?:em|tis|twas|til|cause|bout|cos)\b|\d\ds?\b)", re.IGNORECASE)
_OPEN_BEFORE = frozenset("([{—–-/•·▪●◦‣■□►▸*")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…")


class Role(StrEnum):
    OPEN = "open"
    CLOSE = "close"
    APOSTROPHE = "apostrophe"


class Kind(StrEnum):
    DOUBLE = "double"
    SINGLE = "single"


@dataclass(frozen=True, slots=True)
class Mark:
    pos: int
    char: str
    kind: Kind
    role: Role


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted stretch: ``start`` is the opening mark, ``end`` is just past the closing mark.

    ``closed`` is false when the paragraph ends before the quote does; ``end``
    is then the end of the text.
    """

    start: int
    end: int
    kind: Kind
    closed: bool
    depth: int

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1 if self.closed else self.end]


@dataclass(frozen=True, slots=True)
class Analysis:
    marks: tuple[Mark, ...]
    quotes: tuple[Quote, ...]
    # Openers never closed: superseded by another opener, or still open when the paragraph ends.
    unclosed: tuple[Mark, ...]
    unopened: tuple[Mark, ...]
    # The subset of ``unclosed`` still open at the end: legitimate if the next paragraph reopens.
    open_at_end: tuple[Mark, ...] = ()

    def top_level(self) -> tuple[Quote, ...]:
        if not self.quotes:
            return ()  # most paragraphs: no generator to start
        return tuple(q for q in self.quotes if q.depth == 0)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _spacing(prev: str, nxt: str) -> tuple[bool, bool]:
    """Whether a mark sits where an opener (space before) or a closer (space after) would.

    A neighbouring quote mark says nothing by its shape, which the fixes change,
    so it is judged by the character on the other side instead.
    """
    before_space = prev == "" or prev.isspace() or prev in _OPEN_BEFORE
    after_space = nxt == "" or nxt.isspace() or nxt in _CLOSE_AFTER
    if prev in QUOTE_MARKS:
        before_space = not after_space
    if nxt in QUOTE_MARKS:
        after_space = not before_space
    return before_space, after_space


def _classify_double(prev: str, nxt: str) -> Role | None:
    """Role from context alone; None when only the pairing pass can tell."""
    before_space, after_space = _spacing(prev, nxt)
    if before_space and not after_space:
        return Role.OPEN
    if after_space and not before_space:
        return Role.CLOSE
    return None


def _classify_single(text: str, i: int, prev: str, nxt: str) -> Role:
    ch = text[i]
    if _is_word(prev) and _is_word(nxt):
        return Role.APOSTROPHE  # don’t, O’Meara
    if not _is_word(prev) and _ELISION.match(text, i):
        return Role.APOSTROPHE
    before_space, after_space = _spacing(prev, nxt)
    if before_space and not after_space:
        # ’ never opens a quote on purpose; a ’ here is an apostrophe or a mis-typed ‘.
        return Role.OPEN if ch != "’" or _is_word(nxt) or nxt in QUOTE_MARKS else Role.APOSTROPHE
    if not before_space:
        return Role.CLOSE  # closes a quote if one is open, otherwise a plural possessive
    return Role.APOSTROPHE


def _double_role(ch: str, hint: Role | None, pending: Mark | None) -> Role:
    """The context hint, overruled by what is open: a curly mark keeps its shape unless that cannot pair."""
    if ch == '"':
        if hint is None:
            return Role.CLOSE if pending is not None else Role.OPEN
        if hint is Role.OPEN and pending is not None and pending.char == '"':
            return Role.CLOSE  # straight marks never nest: a second opener closes the first
        return hint
    if ch == "”":
        return Role.OPEN if hint is Role.OPEN and pending is None else Role.CLOSE
    if ch == "“":
        return Role.CLOSE if hint is Role.CLOSE and pending is not None else Role.OPEN
    return Role.OPEN


_NO_MARKS = Analysis((), (), (), (), ())


@lru_cache(maxsize=32768)
def analyse(text: str) -> Analysis:
    if _ANY_MARK.search(text) is None:
        return _NO_MARKS  # most paragraphs: no quote or apostrophe to pair
    marks: list[Mark] = []
    quotes: list[Quote] = []
    unclosed: list[Mark] = []
    unopened: list[Mark] = []
    open_double: Mark | None = None
    open_single: Mark | None = None
    n = len(text)
    skip_until = -1
    for found in _ANY_MARK.finditer(text):  # only the marks matter; stepping through every letter is slow
        i = found.start()
        ch = found.group()
        if i < skip_until:
            marks.append(Mark(i, ch, Kind.SINGLE, Role.APOSTROPHE))
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in DOUBLE_MARKS:
            role = _double_role(ch, _classify_double(prev, nxt), open_double)
            mark = Mark(i, ch, Kind.DOUBLE, role)
            marks.append(mark)
            if role is Role.OPEN:
                if open_double is not None:
                    unclosed.append(open_double)
                open_double = mark
            elif open_double is not None:
                if open_single is not None and open_single.pos > open_double.pos:
                    unclosed.append(open_single)
                    open_single = None
                quotes.append(Quote(open_double.pos, i + 1, Kind.DOUBLE, True, 0))
                open_double = None
            else:
                unopened.append(mark)
            continue
        m = _ELISION.match(text, i) if not _is_word(prev) else None
        if m is not None and m.group().lower().startswith(("'n", "’n", "‘n")) and len(m.group()) == 3:
            skip_until = m.end()
        role = _classify_single(text, i, prev, nxt)
        if role is Role.CLOSE and open_single is None:
            role = Role.APOSTROPHE
        mark = Mark(i, ch, Kind.SINGLE, role)
        marks.append(mark)
        if role is Role.OPEN:
            if open_single is not None:
                unclosed.append(open_single)
            open_single = mark
        elif role is Role.CLOSE and open_single is not None:
            depth = 1 if open_double is not None else 0
            quotes.append(Quote(open_single.pos, i + 1, Kind.SINGLE, True, depth))
            open_single = None
    at_end = tuple(m for m in (open_double, open_single) if m is not None)
    unclosed.extend(at_end)
    if open_double is not None:
        quotes.append(Quote(open_double.pos, n, Kind.DOUBLE, False, 0))
    if open_single is not None and open_double is None:
        quotes.append(Quote(open_single.pos, n, Kind.SINGLE, False, 0))
    quotes.sort(key=lambda q: q.start)
    return Analysis(tuple(marks), tuple(quotes), tuple(sorted(unclosed, key=lambda m: m.pos)), tuple(unopened), at_end)


def starts_with_opening_quote(text: str) -> Kind | None:
    """The kind of quote a paragraph opens with, if it opens with one."""
    stripped = text.lstrip(" \t\u00a0•·*-–—")
    if not stripped:
        return None
    if stripped[0] not in QUOTE_MARKS:
        return None  # every mark is a quote-mark character: most paragraphs need no analysis here
    offset = len(text) - len(stripped)
    for mark in analyse(text).marks:
        if mark.pos == offset and mark.role is Role.OPEN:
            return mark.kind
    return None
