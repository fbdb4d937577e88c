"""Code points (the core's offsets) ↔ UTF-16 code units (Qt's), for one text.

Only characters beyond the Basic Multilingual Plane (emoji, some CJK) differ:
each takes two UTF-16 units. Kept as a sorted list of their positions, so a text
without any costs nothing and conversion is a binary search.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    __slots__ = ("_cp", "_u16")

    def __init__(self, text: str) -> None:
        self._cp = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 index of each astral character: earlier astral characters each add one unit.
        self._u16 = [cp + i for i, cp in enumerate(self._cp)]

    def to_utf16(self, cp: int) -> int:
        if not self._cp:
            return cp
        return cp + bisect.bisect_left(self._cp, cp)

    def to_cp(self, u16: int) -> int:
        """The code point at or containing UTF-16 index ``u16`` (a low surrogate maps to its character)."""
        if not self._u16:
            return u16
        # Every astral character starting before ``u16`` took one extra unit; a low surrogate
        # (astral start + 1) counts its own character as before it, so it maps onto that character.
        return u16 - bisect.bisect_left(self._u16, u16)


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))
