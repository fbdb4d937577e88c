"""Shared LanguageTool test support: clean global state, a fake LanguageTool install, socket recording.

The fake install is a TEST DOUBLE too: a ``LanguageTool-6.6`` folder with an
empty ``languagetool-server.jar`` and a fake ``java`` on PATH that answers
``-version`` like OpenJDK and otherwise runs :mod:`lt_double` on the port
ProofDesk asks for — so the local backend's whole lifecycle (start, ready,
restart, stop, process group, parent death) runs for real without Java.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from proofdesk.core.checks import grammar
from proofdesk.core.languagetool import backends, service, status

HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def clean_lt_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No real LanguageTool install is seen, and no state leaks between tests."""
    empty = tmp_path_factory.mktemp("ltp-path")
    monkeypatch.setenv("LTP_PATH", str(empty))
    # Server logs land with the test's files, not in the machine's /tmp.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("lt-tmp")))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    status.reset()
    service.reset()
    grammar.clear_cache()
    backends._java_cache.clear()
    yield empty
    backends.stop_all()
    with backends._servers_lock:
        backends._servers.clear()
    status.reset()
    service.reset()
    grammar.clear_cache()
    backends._java_cache.clear()


FAKE_JAVA = """#!{python}
# TEST DOUBLE of `java` for ProofDesk's LanguageTool tests: not Java.
import os, sys
if "-version" in sys.argv:
    sys.stderr.write('openjdk version "{version}" 2024-01-16\\nOpenJDK Runtime Environment (test double)\\n')
    sys.exit(0)
port = sys.argv[sys.argv.index("--port") + 1]
mode = os.environ.get("LT_DOUBLE_MODE", "ok")
delay = os.environ.get("LT_DOUBLE_DELAY", "0")
sys.path.insert(0, {here!r})
sys.argv = ["lt_double", "--port", port, "--mode", mode, "--delay", delay]
import lt_double
lt_double.main()
"""


def install_fake_languagetool(
    root: Path, monkeypatch: pytest.MonkeyPatch, java_version: str = "17.0.10", with_java: bool = True
) -> Path:
    """A fake LanguageTool 6.6 under ``root/ltp`` (as LTP_PATH) and, optionally, a fake java first on PATH."""
    ltp = root / "ltp"
    inst = ltp / "LanguageTool-6.6"
    inst.mkdir(parents=True)
    (inst / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_PATH", str(ltp))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    bin_dir = root / "bin"
    bin_dir.mkdir()
    if with_java:
        java = bin_dir / "java"
        java.write_text(FAKE_JAVA.format(python=sys.executable, version=java_version, here=str(HERE)))
        java.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    else:
        monkeypatch.setenv("PATH", str(bin_dir))
    backends._java_cache.clear()
    return inst


class ConnectionLog:
    """Every address a socket connects to, and every name looked up, during a test."""

    def __init__(self) -> None:
        self.connects: list[object] = []
        self.lookups: list[str] = []

    def non_loopback(self) -> list[object]:
        def loopback(addr: object) -> bool:
            if isinstance(addr, tuple) and addr:
                host = str(addr[0])
                return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")
            return isinstance(addr, str | bytes)  # AF_UNIX paths stay on the machine

        return [a for a in self.connects if not loopback(a)]


@pytest.fixture
def connection_log(monkeypatch: pytest.MonkeyPatch) -> ConnectionLog:
    log = ConnectionLog()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        log.connects.append(address)
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        log.connects.append(address)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        log.connects.append(address)
        return real_create(address, *args, **kwargs)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        log.lookups.append(str(host))
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return log
