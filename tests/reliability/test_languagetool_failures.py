"""A LanguageTool server that hangs, talks nonsense or dies mid-check: the failure is reported once,
the other checks' results arrive, and nothing waits beyond the timeout.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "core" / "languagetool"))

from lt_double import LanguageToolDouble
from lt_support import clean_lt_state, install_fake_languagetool

from proofdesk.cli.main import main
from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.grammar import GrammarCheck
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.languagetool import backends, service, status, status_line, take_notices
from proofdesk.core.style.model import HouseStyle

__all__ = ["clean_lt_state"]

TIMEOUT = 0.5
DRAFT = "The tide  turned.\nShe saw a otter.\n"


def engine(url: str, **options: object) -> Engine:
    # The double's own double-space rule is switched off: de-duplication is tested elsewhere.
    grammar = {"timeout": TIMEOUT, "startup-timeout": 20, "disabled-rules": ["WHITESPACE_RULE"], **options}
    style = HouseStyle(checks={"grammar": grammar})
    ctx = CheckContext(languagetool=url, style=style)
    return Engine(EngineConfig(context=ctx), checks=[GrammarCheck, TypographyCheck])


def timed_check(eng: Engine, text: str = DRAFT) -> tuple[list[str], float]:
    started = time.monotonic()
    rules = [f.rule for f in eng.check(document_from_text(text))]
    return rules, time.monotonic() - started


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("hang", f"did not answer within {TIMEOUT:g} s"),
        ("garbage", "did not answer with JSON"),
        ("error", "HTTP 500: Error: Internal Error"),
    ],
)
def test_a_broken_server_is_reported_once_and_the_other_checks_still_report(mode: str, said: str) -> None:
    with LanguageToolDouble(mode=mode) as server:
        eng = engine(server.url)
        rules, took = timed_check(eng)
        assert rules == ["typography.double-space"]
        assert took < TIMEOUT + 1.0
        notices = take_notices()
        assert len(notices) == 1 and said in notices[0] and "grammar findings are missing" in notices[0]
        assert status.current().state is status.State.FAILED
        assert said in status_line(server.url)
        # Checking again right away neither waits for the broken server again nor repeats the notice.
        rules, took = timed_check(eng, DRAFT + "More text.\n")
        assert rules == ["typography.double-space"] and took < 0.3
        assert take_notices() == []


def test_nothing_listening_fails_fast() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rules, took = timed_check(engine(f"http://127.0.0.1:{port}"))
    assert rules == ["typography.double-space"] and took < 0.5
    assert "nothing is listening" in take_notices()[0]


def test_a_failure_is_not_cached_as_no_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "RETRY_AFTER", 0.0)
    with LanguageToolDouble(mode="error") as server:
        eng = engine(server.url)
        assert timed_check(eng)[0] == ["typography.double-space"]
        server.mode = "ok"  # the server recovers
        rules, _ = timed_check(eng)
        assert rules == ["typography.double-space", "grammar.EN_A_VS_AN"]
        assert status.current().state is status.State.READY


def test_a_server_down_for_long_is_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "RETRY_AFTER", 0.0)
    with LanguageToolDouble(mode="hang") as server:
        eng = engine(server.url)
        for i in range(3):
            _, took = timed_check(eng, f"Draft {i} has a error.\n")
            assert took < TIMEOUT + 1.0
        assert len(take_notices()) == 1
        server.mode = "ok"
        timed_check(eng, "Back to a normal day.\n")
        server.mode = "garbage"
        timed_check(eng, "Another draft.\n")
        # A new failure after a recovery is news again.
        assert len(take_notices()) == 1


def test_a_long_draft_against_a_hanging_server_costs_one_timeout() -> None:
    text = "".join(f"Paragraph {i} has a error  here.\n" for i in range(400))
    with LanguageToolDouble(mode="hang") as server:
        eng = engine(server.url, **{"max-request-chars": 400})
        rules, took = timed_check(eng, text)
        assert len(server.checks()) <= 4  # the first failure stops the rest from being sent
    assert rules.count("typography.double-space") == 400
    assert took < TIMEOUT + 1.5


DOUBLE_SCRIPT = str(Path(__file__).parents[1] / "core" / "languagetool" / "lt_double.py")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_server_killed_mid_check_is_a_reported_failure_not_a_hang() -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, DOUBLE_SCRIPT, "--port", str(port), "--delay", "5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and "listening" in proc.stdout.readline()
        eng = engine(f"http://127.0.0.1:{port}", timeout=10)
        killer = threading.Timer(0.3, proc.kill)
        killer.start()
        rules, took = timed_check(eng)
        killer.join()
    finally:
        proc.kill()
        proc.wait()
    assert rules == ["typography.double-space"]
    assert took < 2.0, "the check waited for a dead server"
    notices = take_notices()
    assert len(notices) == 1 and "lost the connection" in notices[0]


def test_local_server_killed_mid_check_then_restarted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    monkeypatch.setenv("LT_DOUBLE_DELAY", "0.4")
    eng = engine("auto", timeout=10)
    assert timed_check(eng)[0] == ["typography.double-space", "grammar.EN_A_VS_AN"]
    (server,) = backends._servers.values()
    first = server.pid
    assert first is not None
    killer = threading.Timer(0.15, os.killpg, (first, signal.SIGKILL))
    killer.start()
    rules, took = timed_check(eng, "A second draft  about a owl.\n")
    killer.join()
    assert rules == ["typography.double-space"] and took < 2.0
    assert "grammar findings are missing" in take_notices()[0]
    assert status.current().state is status.State.FAILED
    deadline = time.monotonic() + 10
    while server.alive() and time.monotonic() < deadline:  # the kernel finishes tearing it down
        time.sleep(0.05)
    rules, _ = timed_check(eng, "A second draft  about a owl.\n")
    assert rules == ["typography.double-space", "grammar.EN_A_VS_AN"]
    assert server.pid != first and server.starts == 2
    assert status.current().state is status.State.READY


def test_cli_check_with_a_hanging_server_finishes_with_the_other_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    style = tmp_path / "style.yaml"
    style.write_text(f"name: Test desk\nchecks:\n  grammar: {{timeout: {TIMEOUT}}}\n", encoding="utf-8")
    with LanguageToolDouble(mode="hang") as server:
        started = time.monotonic()
        code = main(["check", "--languagetool", server.url, "--style", str(style), "--format", "json", str(draft)])
        took = time.monotonic() - started
    out = capsys.readouterr().out
    assert code in (0, 1)
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert "typography.double-space" in rules and not any(r.startswith("grammar.") for r in rules)
    assert took < TIMEOUT + 3.0
