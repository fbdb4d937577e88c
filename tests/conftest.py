"""Shared fixtures: every test gets its own config and data folders, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("proofdesk-home")
    monkeypatch.setenv("PROOFDESK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("PROOFDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("PROOFDESK_CACHE_DIR", str(base / "cache"))
    # LanguageTool must never be reached by accident from a test.
    monkeypatch.delenv("PROOFDESK_LT_URL", raising=False)
    yield base


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def golden_dir() -> Path:
    return GOLDEN
