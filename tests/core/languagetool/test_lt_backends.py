"""Choosing a backend, and the local server's life: started once, restarted, stopped, never leaked.

The "local LanguageTool" here is the fake install from lt_support (a fake
``java`` that runs the test double), so the lifecycle is real but no Java runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from lt_support import HERE, ConnectionLog, install_fake_languagetool

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.grammar import GrammarCheck
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.languagetool import backends, status, status_line, stop_all, take_notices
from proofdesk.core.languagetool.backends import Kind, find_installation, plan

DRAFT = "She ate a apple.\n"


def grammar_check(mode: str = "auto", **options: object) -> list[str]:
    style_checks = {"grammar": {"startup-timeout": 20, **options}}
    from proofdesk.core.style.model import HouseStyle

    ctx = CheckContext(languagetool=mode, style=HouseStyle(checks=style_checks))
    return [f.rule for f in Engine(EngineConfig(context=ctx), checks=[GrammarCheck]).check(document_from_text(DRAFT))]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes, but only once every thread has gone: until then it still holds its sockets.
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return True
    for task in tasks:
        try:
            state = (task / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            return True
    return False


def _wait_dead(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


# Choosing ------------------------------------------------------------------------


def test_off_is_off() -> None:
    p = plan("off")
    assert p.kind is Kind.OFF and "languagetool download" in p.reason


def test_a_url_is_used_only_because_the_user_gave_it() -> None:
    assert plan("http://lt.desk.example:8081") == backends.Plan(Kind.REMOTE, url="http://lt.desk.example:8081")


@pytest.mark.parametrize(
    "url", ["https://api.languagetool.org", "https://languagetool.org/api/", "https://api.languagetoolplus.com"]
)
def test_public_api_needs_an_explicit_opt_in(url: str) -> None:
    refused = plan(url)
    assert refused.kind is Kind.OFF and "leave this computer" in refused.reason and "public-api" in refused.reason
    assert plan(url, public_opt_in=True).kind is Kind.PUBLIC


def test_auto_without_languagetool_is_off_with_how_to_turn_it_on() -> None:
    p = plan("auto")
    assert p.kind is Kind.OFF
    assert "no LanguageTool on this computer" in p.reason and "proofdesk languagetool download" in p.reason
    assert status_line("auto") == p.reason


def test_auto_never_picks_the_public_api_without_opt_in_and_does_with_it() -> None:
    assert plan("auto").kind is Kind.OFF
    opted = plan("auto", public_opt_in=True)
    assert opted.kind is Kind.PUBLIC and opted.url == backends.PUBLIC_API_URL


def test_auto_finds_an_installed_languagetool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inst = install_fake_languagetool(tmp_path, monkeypatch)
    p = plan("auto")
    assert p.kind is Kind.LOCAL and p.installation is not None and p.installation.directory == inst
    assert p.installation.version == "6.6" and p.java is not None and p.java.major == 17
    assert "LanguageTool 6.6 on this computer" in status_line("auto")


def test_a_folder_the_user_picked(tmp_path: Path) -> None:
    picked = tmp_path / "my-lt"
    picked.mkdir()
    (picked / "languagetool-server.jar").write_bytes(b"")
    found = find_installation([picked])
    assert found is not None and found.jar == picked / "languagetool-server.jar"


def test_newest_installed_version_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for version in ("6.4", "6.10", "6.6"):
        d = tmp_path / f"LanguageTool-{version}"
        d.mkdir()
        (d / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    found = find_installation()
    assert found is not None and found.version == "6.10"


def test_data_folder_is_not_created_by_looking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "nope"))
    assert backends.find_installation() is None
    assert not (tmp_path / "nope").exists()


def test_missing_java_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch, with_java=False)
    p = plan("auto")
    assert p.kind is Kind.OFF
    assert "LanguageTool 6.6 is installed but Java was not found" in p.reason and "Java 17" in p.reason
    assert grammar_check() == []
    assert take_notices() == [p.reason]


def test_old_java_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch, java_version="11.0.2")
    p = plan("auto")
    assert p.kind is Kind.OFF and "is Java 11; LanguageTool needs Java 17 or newer" in p.reason


def test_java_8_style_version_is_read_as_8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch, java_version="1.8.0_392")
    assert "is Java 8;" in plan("auto").reason


# The local server --------------------------------------------------------------------


def _server() -> backends.LocalServer:
    (server,) = backends._servers.values()
    return server


def test_local_server_starts_once_and_serves_every_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    assert grammar_check() == ["grammar.EN_A_VS_AN"]
    server = _server()
    pid = server.pid
    assert pid is not None and server.starts == 1
    assert server.url.startswith("http://127.0.0.1:")
    from proofdesk.core.checks.grammar import clear_cache

    clear_cache()
    assert grammar_check() == ["grammar.EN_A_VS_AN"]
    assert server.pid == pid and server.starts == 1
    assert status.current().state is status.State.READY and "on this computer" in status.current().message
    # Its own process group, so stopping it stops everything it started.
    assert os.getpgid(pid) == pid != os.getpgid(0)
    stop_all()
    assert _wait_dead(pid)


def test_local_server_is_restarted_if_it_dies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    grammar_check()
    server = _server()
    first = server.pid
    assert first is not None
    os.killpg(first, signal.SIGKILL)
    assert _wait_dead(first)
    from proofdesk.core.checks.grammar import clear_cache

    clear_cache()
    assert grammar_check() == ["grammar.EN_A_VS_AN"], take_notices()
    assert server.pid != first and server.starts == 2


def test_a_server_that_keeps_dying_is_given_up_on_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inst = install_fake_languagetool(tmp_path, monkeypatch)
    java = tmp_path / "bin" / "java"
    java.write_text(
        java.read_text().replace(
            "port = sys.argv", "sys.stderr.write('Exception: no memory\\n'); sys.exit(3)\nport = sys.argv"
        )
    )
    assert grammar_check() == []
    notices = take_notices()
    assert len(notices) == 1
    assert "LanguageTool stopped while starting (exit code 3): Exception: no memory" in notices[0]
    assert status.current().state is status.State.FAILED
    assert inst.is_dir()
    (server,) = backends._servers.values()
    for _ in range(3):
        grammar_check()
    # Three failed starts, then it stops trying for a while instead of starting Java on every check.
    assert server.starts == backends.GIVE_UP_AFTER
    assert any("keeps stopping" in n for n in take_notices())


def test_server_never_downloads_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, connection_log: ConnectionLog
) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    grammar_check()
    assert connection_log.connects and connection_log.non_loopback() == []


PARENT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {here!r})
    from proofdesk.core.languagetool.backends import find_installation, detect_java, local_server
    server = local_server(find_installation(), detect_java().path)
    server.ensure(20)
    print(server.pid, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_no_java_process_outlives_a_crashed_proofdesk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT.format(here=str(HERE))],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        assert parent.stdout is not None
        server_pid = int(parent.stdout.readline())
        assert _alive(server_pid)
        parent.send_signal(signal.SIGKILL)  # no atexit, no cleanup: a crash
        parent.wait(10)
        assert _wait_dead(server_pid), "the LanguageTool server outlived its ProofDesk"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_normal_exit_stops_the_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    code = PARENT.replace("time.sleep(60)", "").format(here=str(HERE))
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    server_pid = int(done.stdout.split()[0])
    assert _wait_dead(server_pid, 5)
