"""Vale's regular expressions, run by the ``regex`` package under a time limit.

Vale compiles rule patterns with Go's RE2 syntax plus the lookaround and
backreferences of regexp2. Python's ``regex`` module accepts nearly all of
that as written (including Go's scoped inline flags); :func:`translate`
rewrites the few constructs it spells differently and rejects the ones it
cannot honour, so a rule either behaves as Vale would or fails to load with
a clear message.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import regex

# Per rule, per block: long enough for any sane pattern on a long paragraph,
# short enough that a catastrophic one costs the user a blink, not a freeze.
DEFAULT_TIMEOUT = 0.25

Pattern = Any  # regex.Pattern[str]; the package ships no type information
Match = Any


class RegexProblem(ValueError):
    """A pattern that cannot be compiled; ``str()`` says why and where."""


class RuleFailed(Exception):
    """A rule could not run on a block; ``str()`` completes "House rule X …"."""


class RuleTimedOut(RuleFailed):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds * 1000:.0f} ms (its pattern probably backtracks badly)")
        self.seconds = seconds


def translate(pattern: str) -> str:
    """Rewrite Go/RE2 spellings that ``regex`` reads differently."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q" and not in_class:
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                out.append(regex.escape(literal))
                i = n if end < 0 else end + 2
                continue
            if nxt == "z" and not in_class:
                out.append(r"\Z")
                i += 2
                continue
            if nxt == "x" and i + 2 < n and pattern[i + 2] == "{":
                close = pattern.find("}", i + 3)
                if close < 0:
                    raise RegexProblem(f"unterminated \\x{{…}} escape at position {i}")
                digits = pattern[i + 3 : close]
                try:
                    code = int(digits, 16)
                except ValueError:
                    raise RegexProblem(f"bad hex escape \\x{{{digits}}} at position {i}") from None
                out.append(f"\\U{code:08x}")
                i = close + 1
                continue
            if nxt == "C":
                raise RegexProblem(r"\C (any byte) is not supported")
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" and pattern.startswith("[:", i):
                close = pattern.find(":]", i + 2)
                if close > 0:
                    out.append(pattern[i : close + 2])
                    i = close + 2
                    continue
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            # A ']' or '^]' straight after '[' is a literal in both dialects.
            if pattern.startswith("^]", i + 1):
                out.append("^]")
                i += 3
                continue
            if pattern.startswith("]", i + 1):
                out.append("]")
                i += 2
                continue
            i += 1
            continue
        if c == "(" and pattern.startswith("(?", i):
            flags_end = i + 2
            while flags_end < n and pattern[flags_end] in "imsU-":
                flags_end += 1
            if flags_end < n and pattern[flags_end] in "):" and "U" in pattern[i + 2 : flags_end]:
                raise RegexProblem("the ungreedy flag (?U) is not supported; use lazy quantifiers such as *?")
        out.append(c)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=8192)
def _compiled(source: str, flags: int) -> Pattern:
    return regex.compile(source, flags)


class LazyPattern:
    """A validated pattern, compiled by ``regex`` only when a rule first runs (or run by ``re`` when safe).

    ``regex`` compiles several times slower than ``re``, and most rules of a
    big style never run on a given draft (the prefilter rules them out), so
    loading validates with ``re`` where it can and leaves the real compile for
    later. ``groups``/``groupindex`` are known from validation. ``linear``
    patterns (see :func:`linear_safe`) are compiled by ``re``.

    Pickled without the compiled object (see :mod:`..cache`): a style loaded
    from the cache compiles each pattern only when its rule first runs.
    """

    __slots__ = ("_compiled", "flags", "groupindex", "groups", "linear", "pattern", "untimed")

    def __init__(
        self,
        source: str,
        flags: int,
        groups: int,
        groupindex: dict[str, int],
        compiled: Pattern | None = None,
        *,
        linear: bool = False,
        untimed: bool | None = None,
    ) -> None:
        self.pattern = source
        self.flags = flags
        self.groups = groups
        self.groupindex = groupindex
        self._compiled = compiled
        self.linear = linear or isinstance(compiled, re.Pattern)
        self.untimed = untimed_safe(source) if untimed is None else untimed

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.pattern, self.flags, self.groups, self.groupindex, self.linear, self.untimed))

    def _limit(self, text: str, timeout: float | None) -> float | None:
        return None if self.untimed and len(text) <= UNTIMED_MAX_CHARS else timeout

    @property
    def compiled(self) -> Pattern:
        if self._compiled is None:
            if self.linear:
                # Validated by ``re`` when the style was first loaded; the same call cannot fail now.
                self._compiled = re.compile(self.pattern, re.IGNORECASE if self.flags & regex.IGNORECASE else 0)
                return self._compiled
            try:
                self._compiled = _compiled(self.pattern, self.flags)
            except regex.error as exc:
                raise RuleFailed(f"could not compile its pattern: {exc.msg}") from None
        return self._compiled

    # The methods below run once per rule per block (thousands of times a run): they read ``_compiled``
    # directly and branch on ``linear`` rather than going through the property and isinstance.
    def finditer(self, text: str, timeout: float | None = None) -> Iterator[Match]:
        compiled = self._compiled if self._compiled is not None else self.compiled
        if self.linear:
            return compiled.finditer(text)
        result: Iterator[Match] = compiled.finditer(text, timeout=self._limit(text, timeout))
        return result

    def search(self, text: str, timeout: float | None = None) -> Match | None:
        compiled = self._compiled if self._compiled is not None else self.compiled
        if self.linear:
            return compiled.search(text)
        return compiled.search(text, timeout=self._limit(text, timeout))

    def fullmatch(self, text: str) -> Match | None:
        return self.compiled.fullmatch(text)

    def sub(self, repl: str, text: str) -> str:
        return str(self.compiled.sub(repl, text))

    def findall(self, text: str, timeout: float | None = None) -> list[Any]:
        compiled = self._compiled if self._compiled is not None else self.compiled
        if self.linear:
            return compiled.findall(text)
        found: list[Any] = compiled.findall(text, timeout=self._limit(text, timeout))
        return found


def _restore(
    source: str, flags: int, groups: int, groupindex: dict[str, int], linear: bool, untimed: bool
) -> LazyPattern:
    return LazyPattern(source, flags, groups, groupindex, linear=linear, untimed=untimed)


_MAX_BOUNDED_QUANTIFIERS = 8
# Patterns with one open-ended quantifier run without a time limit on units up to this long: see untimed_safe.
UNTIMED_MAX_CHARS = 2000
_MAX_UNTIMED_BOUNDED = 2


def _quantifiers(pattern: str) -> tuple[int, int, bool]:
    """(open-ended quantifiers, bounded ones, whether any open-ended one repeats more than one character)."""
    open_ended = bounded = 0
    on_group = False
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if not in_class and i + 1 < n and (pattern[i + 1] in "123456789gk"):
                # A back-reference: matching it costs time in proportion to what it refers to.
                on_group = True
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 2
        elif c in "*+":
            if i > 0 and pattern[i - 1] in "*+?}":
                i += 1  # possessive or lazy suffix of the quantifier before
                continue
            open_ended += 1
            on_group |= i > 0 and pattern[i - 1] == ")"
        elif c == "{":
            close = pattern.find("}", i)
            body = pattern[i + 1 : close] if close > 0 else ""
            if body.endswith(",") and body[:-1].isdigit():
                open_ended += 1
                on_group |= i > 0 and pattern[i - 1] == ")"
            elif body.replace(",", "").isdigit():
                bounded += 1
        elif c == "?" and i > 0 and pattern[i - 1] not in "(?*+}":
            bounded += 1
        elif c == "(" and pattern.startswith("(?P=", i):
            on_group = True
        i += 1
    return open_ended, bounded, on_group


def linear_safe(pattern: str) -> bool:
    """True if the pattern cannot backtrack badly: no open-ended quantifier and few bounded ones.

    Each match attempt then examines a bounded stretch of text, so a search
    costs time in proportion to the text whatever it contains. Such patterns
    can run on the faster ``re`` engine, which has no time limit.
    """
    open_ended, bounded, _ = _quantifiers(pattern)
    return open_ended == 0 and bounded <= _MAX_BOUNDED_QUANTIFIERS


def untimed_safe(pattern: str) -> bool:
    """True if a search can cost at most quadratic time: one open-ended quantifier over one character.

    Such a pattern (``\\b[\\w'-]+\\b``, ``\\d{5,}``) can backtrack over the run it repeats
    from each starting point, but never more; on a unit of at most ``UNTIMED_MAX_CHARS``
    characters that is a few million steps at worst, so it runs without ``regex``'s time
    limit, whose clock checks double the cost of every search.
    """
    open_ended, bounded, on_group = _quantifiers(pattern)
    return open_ended <= 1 and bounded <= _MAX_UNTIMED_BOUNDED and not on_group


def compile_pattern(pattern: str, *, ignorecase: bool = False) -> LazyPattern:
    """Validate a Vale pattern (already assembled from tokens) or raise :class:`RegexProblem`."""
    translated = translate(pattern)
    flags = regex.IGNORECASE if ignorecase else 0
    try:
        # Fast path: what ``re`` accepts without warnings, ``regex`` (version 0) reads the same way.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            checked = re.compile(translated, re.IGNORECASE if ignorecase else 0)
        compiled = checked if linear_safe(translated) else None
        return LazyPattern(translated, flags, checked.groups, dict(checked.groupindex), compiled)
    except (re.error, RecursionError, OverflowError, ValueError, Warning):
        pass
    try:
        compiled = _compiled(translated, flags)
    except regex.error as exc:
        where = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
        raise RegexProblem(f"bad regular expression {pattern!r}: {exc.msg}{where}") from None
    except (OverflowError, RecursionError, ValueError) as exc:
        raise RegexProblem(f"bad regular expression {pattern!r}: {exc}") from None
    return LazyPattern(translated, flags, compiled.groups, dict(compiled.groupindex), compiled)


def finditer(pattern: Pattern, text: str, timeout: float) -> Iterator[Match]:
    """All matches, raising :class:`RuleTimedOut` if the search runs past ``timeout`` seconds."""
    try:
        yield from pattern.finditer(text, timeout=timeout)
    except TimeoutError:
        raise RuleTimedOut(timeout) from None
    except regex.error as exc:
        raise RuleFailed(f"could not run its pattern: {exc.msg}") from None


def search(pattern: Pattern, text: str, timeout: float) -> Match | None:
    try:
        return pattern.search(text, timeout=timeout)
    except TimeoutError:
        raise RuleTimedOut(timeout) from None
    except regex.error as exc:
        raise RuleFailed(f"could not run its pattern: {exc.msg}") from None


def count_each(pattern: Pattern, texts: Sequence[str], timeout: float) -> list[int]:
    """:func:`count` for each of ``texts`` (each search with its own time limit), in one tight loop.

    A sentence-scoped rule counts in every sentence of every paragraph: about 1,000
    sentences per run of the newsroom corpus, where the calls cost as much as the counting.
    """
    try:
        if isinstance(pattern, LazyPattern):
            compiled = pattern.compiled
            if pattern.linear:
                return [len(compiled.findall(t)) for t in texts]
            limit = pattern._limit
            return [len(compiled.findall(t, timeout=limit(t, timeout))) for t in texts]
        return [len(pattern.findall(t, timeout=timeout)) for t in texts]
    except TimeoutError:
        raise RuleTimedOut(timeout) from None
    except regex.error as exc:
        raise RuleFailed(f"could not run its pattern: {exc.msg}") from None


def count(pattern: Pattern, text: str, timeout: float) -> int:
    """How many matches :func:`finditer` would yield, without making a match object for each."""
    try:
        return len(pattern.findall(text, timeout=timeout))
    except TimeoutError:
        raise RuleTimedOut(timeout) from None
    except regex.error as exc:
        raise RuleFailed(f"could not run its pattern: {exc.msg}") from None
