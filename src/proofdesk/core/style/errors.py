"""Problems found in a house style, each pinned to a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class StyleError(Exception):
    """A house style (or a Vale style it names) cannot be used as written.

    ``problems`` are ``"file:line:col: what is wrong (expected …)"`` lines,
    ready to print; loading collects them all rather than stopping at the first.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems) if problems else "invalid house style")


def display_path(path: Path | str) -> str:
    return str(path)
