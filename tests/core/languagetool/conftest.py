"""LanguageTool tests: clean state for every test, and a running test double on request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lt_double import LanguageToolDouble
from lt_support import clean_lt_state, connection_log

__all__ = ["clean_lt_state", "connection_log", "double"]


@pytest.fixture
def double() -> Iterator[LanguageToolDouble]:
    with LanguageToolDouble() as server:
        yield server
