"""Vale's regular expressions, run by the ``regex`` package under a time limit.

Vale compiles rule patterns with Go's RE2 syntax plus the lookaround and
backreferences of regexp2. Python's ``regex`` module accepts nearly all of
that as written (including Go's scoped inline flags); :func:`translate`
rewrites the few constructs it spells differently and rejects the ones it
cannot honour, so a rule either behaves as Vale would or fails to load with
a clear message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

# Per rule, per block: long enough for any sane pattern on a long paragraph,
# short enough that a catastrophic one costs the user a blink, not a freeze.
DEFAULT_TIMEOUT = 0.25

Pattern = Any  # regex.Pattern[str]; the package ships no type information
Match = Any


class RegexProblem(ValueError):
    """A pattern that cannot be compiled; ``str()`` says why and where."""


class RuleTimedOut(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds * 1000:.0f} ms")
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


def compile_pattern(pattern: str, *, ignorecase: bool = False) -> Pattern:
    """Compile a Vale pattern (already assembled from tokens) or raise :class:`RegexProblem`."""
    try:
        translated = translate(pattern)
        flags = regex.IGNORECASE if ignorecase else 0
        return regex.compile(translated, flags)
    except regex.error as exc:
        where = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
        raise RegexProblem(f"bad regular expression {pattern!r}: {exc.msg}{where}") from None
    except (OverflowError, RecursionError, ValueError) as exc:
        if isinstance(exc, RegexProblem):
            raise RegexProblem(f"bad regular expression {pattern!r}: {exc}") from None
        raise RegexProblem(f"bad regular expression {pattern!r}: {exc}") from None


def finditer(pattern: Pattern, text: str, timeout: float) -> Iterator[Match]:
    """All matches, raising :class:`RuleTimedOut` if the search runs past ``timeout`` seconds."""
    try:
        yield from pattern.finditer(text, timeout=timeout)
    except TimeoutError:
        raise RuleTimedOut(timeout) from None


def search(pattern: Pattern, text: str, timeout: float) -> Match | None:
    try:
        return pattern.search(text, timeout=timeout)
    except TimeoutError:
        raise RuleTimedOut(timeout) from None
