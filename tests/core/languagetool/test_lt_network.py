"""Embargoed copy: with default settings a full check opens no connection except to loopback (DESIGN.md §3.6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lt_support import ConnectionLog, install_fake_languagetool

from proofdesk.cli.main import main
from proofdesk.core.checks.base import CheckContext
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig

STORY = (
    "Council approves a new harbour wall\n\n"
    "The council voted on Tuesday to build a eleven-metre wall, said the mayor, Ana Ruiz.\n"
    "Work starts in spring.  Residents can read the plans at https://council.example/plans.\n"
)


def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_default_cli_check_without_languagetool_touches_no_network(
    tmp_path: Path, connection_log: ConnectionLog, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(_draft(tmp_path))]) in (0, 1)
    assert connection_log.non_loopback() == []
    assert all(host in ("localhost", "127.0.0.1", "::1") for host in connection_log.lookups)


def test_default_cli_check_with_a_local_languagetool_talks_only_to_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, connection_log: ConnectionLog, capsys: pytest.CaptureFixture[str]
) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    assert main(["check", "--format", "json", str(_draft(tmp_path))]) in (0, 1)
    assert '"grammar.EN_A_VS_AN"' in capsys.readouterr().out  # the local server was really used
    assert connection_log.connects, "expected loopback connections to the local server"
    assert connection_log.non_loopback() == []
    assert all(host in ("localhost", "127.0.0.1", "::1") for host in connection_log.lookups)


def test_default_engine_context_touches_no_network(connection_log: ConnectionLog) -> None:
    Engine(EngineConfig(context=CheckContext())).check(document_from_text(STORY))
    assert connection_log.connects == [] and connection_log.lookups == []
