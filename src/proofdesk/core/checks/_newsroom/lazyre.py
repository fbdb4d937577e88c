"""Regular expressions compiled the first time they are used, not when their module is imported.

The newsroom and attribution checks hold a few dozen large patterns; compiling them all at import
took about 30 ms of every start-up (measured with ``python -X importtime``), before a window could
show or a check could start, and a draft with no furniture never needs some of them at all.

A lazy pattern stands in for the compiled one. Its first ``match``/``search``/… compiles it and
binds the compiled pattern's methods onto itself, so later calls cost what they would on the
compiled pattern. Only these methods are bound: anything else is fetched from the compiled pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import regex

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Lazy:
    __slots__ = ("_build", "_compiled", "flags", "pattern", *_METHODS)

    def __init__(self, build: Callable[[str, int], Any], pattern: str, flags: int) -> None:
        self._build = build
        self._compiled: Any = None
        self.pattern = pattern
        self.flags = flags

    def _compile(self) -> Any:
        if self._compiled is None:
            compiled = self._build(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for what is not bound yet: the first call of a method, or another attribute.
        if name.startswith("_"):
            # Never for its own slots (unset only mid-copy or mid-unpickle): asking the pattern would recurse.
            raise AttributeError(name)
        return getattr(self._compile(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled and copied as the source, to be compiled again on use: the GUI's worker gets settings pickled.
        return (_Lazy, (self._build, self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return cast(re.Pattern[str], _Lazy(re.compile, pattern, flags))


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)`` (for ``\\p{…}`` classes), compiled on first use.

    The ``regex`` module itself is imported then too: it takes about 7 ms to import.
    """
    return cast("regex.Pattern[str]", _Lazy(_regex_compile, pattern, flags))


def _regex_compile(pattern: str, flags: int) -> Any:
    import regex  # deferred on purpose, see lazy_regex

    return regex.compile(pattern, flags)
