"""Errors a reader or writer reports to the user: one clear sentence, no traceback."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A draft that cannot be read, with the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


class OutputError(Exception):
    """A file that cannot be written, with the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason
