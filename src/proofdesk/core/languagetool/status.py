"""What grammar checking is doing right now, and the notices the user must hear exactly once.

The command line prints :func:`take_notices` on stderr after a run; the app shows
:func:`current` in its status bar. Notices are keyed so that a dead server
checked block after block, or run after run, is reported once per episode, and
again only after it has recovered and failed anew.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    OFF = "off"
    STARTING = "starting"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Status:
    state: State
    message: str
    backend: str = ""


_lock = threading.Lock()
_current = Status(State.OFF, "Grammar checking has not run yet.")
_told: set[str] = set()
_pending: list[str] = []


def set_status(state: State, message: str, backend: str = "") -> None:
    global _current
    with _lock:
        _current = Status(state, message, backend)


def current() -> Status:
    with _lock:
        return _current


def notify(key: str, message: str) -> None:
    """Queue ``message`` for the user unless a notice with ``key`` was already given."""
    with _lock:
        if key in _told:
            return
        _told.add(key)
        _pending.append(message)


def forget(prefix: str) -> None:
    """Allow notices whose key starts with ``prefix`` to be given again (the problem went away)."""
    with _lock:
        for key in [k for k in _told if k.startswith(prefix)]:
            _told.discard(key)


def take_notices() -> list[str]:
    """Notices not yet shown, oldest first; each is returned once."""
    with _lock:
        out = list(_pending)
        _pending.clear()
        return out


def reset() -> None:
    """Forget everything (tests, or the app after the user changed the grammar settings)."""
    global _current
    with _lock:
        _current = Status(State.OFF, "Grammar checking has not run yet.")
        _told.clear()
        _pending.clear()
