"""The house style as the engine uses it, after loading and merging."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class HouseStyle:
    name: str = "No house style"
    language: str = "en-GB"
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    # Settings of built-in checks keyed by dotted id prefix (``typography.quotes``).
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Compiled Vale-style rules; their type belongs to ``proofdesk.core.style``.
    rules: list[Any] = field(default_factory=list)
    path: Path | None = None
    # What loading skipped or ignored (unsupported Vale rule types, unused .vale.ini keys).
    notices: list[str] = field(default_factory=list)
    # The parsed .vale.ini, when one was given: per-file rule levels and MinAlertLevel.
    vale_config: Any = None

    def options(self, check_id: str) -> dict[str, Any]:
        """Settings for ``check_id``, shorter prefixes first so longer ones override."""
        merged: dict[str, Any] = {}
        parts = check_id.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            merged.update(self.checks.get(prefix, {}))
        return merged
