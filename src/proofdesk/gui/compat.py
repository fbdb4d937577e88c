"""Work-arounds for bugs in the Qt binding we run on, each with the check that proves it is needed.

PySide6 6.12.0 on CPython < 3.12 drops one reference to ``None`` on every call of
a Qt method that returns void (``QTextCursor.setPosition``, ``QTimer.setInterval``…).
``None`` starts with a few thousand references, so after a few thousand such
calls CPython deallocates ``None`` and aborts ("none_dealloc"). From 3.12 on,
``None`` is immortal and the bug is harmless. We detect the leak at start-up
and, only if it is there, give ``None`` a reference count it can never use up.
"""

from __future__ import annotations

import ctypes
import sys

# Far more void calls than a desk session can make (2**40 ≈ 10^12).
_RESERVE = 1 << 40


def void_calls_leak_none() -> bool:
    """True if calling a void Qt method loses a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 4


def guard_none_refcount() -> bool:
    """Apply the work-around if this binding needs it; True if it was applied."""
    if sys.version_info >= (3, 12) or not void_calls_leak_none():
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    if refcnt.value < _RESERVE:
        refcnt.value += _RESERVE
    return True
