"""The autosave journal: unsaved draft text kept in the data folder so a crash costs seconds.

One journal file per open draft, rewritten atomically (every 30 s and on each
accepted correction). A clean close or save discards it; a journal left behind by
a process that is no longer running is a crash to offer back on the next start.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from proofdesk.core.settings import write_json_atomic

SUFFIX = ".journal.json"


@dataclass(frozen=True)
class JournalEntry:
    file: Path  # the journal itself
    source: Path | None  # the draft it belongs to (None for an unsaved new draft)
    text: str
    saved_at: float
    pid: int


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Journal:
    """The journal of one open draft."""

    def __init__(self, directory: Path, source: Path | None) -> None:
        self.directory = directory
        self.source = source
        ident = hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:16] if source else uuid.uuid4().hex[:16]
        # The pid in the name keeps two running instances from writing over each other's journals.
        self.file = directory / f"{ident}-{os.getpid()}{SUFFIX}"
        self._last: str | None = None

    def write(self, text: str) -> bool:
        """Record ``text``; False if it was already recorded (nothing written)."""
        if text == self._last:
            return False
        write_json_atomic(
            self.file,
            {
                "source": str(self.source) if self.source else None,
                "saved_at": time.time(),
                "pid": os.getpid(),
                "text": text,
            },
        )
        self._last = text
        return True

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self._last = None

    def retarget(self, source: Path) -> None:
        """The draft was saved under a new name: journal under that name from now on."""
        self.discard()
        fresh = Journal(self.directory, source)
        self.source, self.file = fresh.source, fresh.file


def read_entry(file: Path) -> JournalEntry | None:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            return None
        return JournalEntry(
            file=file,
            source=Path(raw["source"]) if raw.get("source") else None,
            text=str(raw["text"]),
            saved_at=float(raw.get("saved_at", 0.0)),
            pid=int(raw.get("pid", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def orphaned_journals(directory: Path) -> list[JournalEntry]:
    """Journals whose process is gone — drafts to offer back — newest first.

    Unreadable journals are moved aside rather than offered or deleted.
    """
    if not directory.is_dir():
        return []
    found: list[JournalEntry] = []
    for file in directory.glob(f"*{SUFFIX}"):
        entry = read_entry(file)
        if entry is None:
            file.replace(file.with_name(file.name + ".corrupt"))
            continue
        if not _pid_alive(entry.pid):
            found.append(entry)
    found.sort(key=lambda e: e.saved_at, reverse=True)
    return found
