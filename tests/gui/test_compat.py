"""The PySide6 6.12 / CPython 3.11 None-refcount work-around (see proofdesk.gui.compat)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from proofdesk.gui.compat import guard_none_refcount, void_calls_leak_none


def test_many_void_qt_calls_cannot_use_up_none(qapp) -> None:  # type: ignore[no-untyped-def]
    guard_none_refcount()
    if sys.version_info < (3, 12) and void_calls_leak_none():
        assert sys.getrefcount(None) > 2**39
    probe = QObject()
    # Far more void calls than None's natural reference count (a few thousand): without the guard
    # this aborts the interpreter on the affected binding.
    for _ in range(60_000):
        probe.setObjectName("x")
    assert probe.objectName() == "x"
