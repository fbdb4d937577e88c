"""Which LanguageTool to talk to, and the life of the local server.

* **off** — nothing is sent anywhere.
* **local** — a LanguageTool already on this computer (language-tool-python's
  download folder ``LTP_PATH`` or ``~/.cache/language_tool_python``, a folder
  named by ``LTP_JAR_DIR_PATH``, or one the user picks), started once per
  process as a server bound to loopback, restarted if it dies, stopped at exit.
* **remote** — a server URL the user gave (a desk's shared LanguageTool).
* **public** — api.languagetool.org, only after an explicit opt-in: drafts are
  embargoed and the public API is someone else's computer.

Nothing here downloads anything: that is ``proofdesk languagetool download``.

We start the server ourselves rather than through ``language_tool_python.
LanguageTool`` because that class downloads LanguageTool when none is
installed, and its process cannot be put in its own process group or tied to
ours — a crashed ProofDesk would leave a Java process behind.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from queue import SimpleQueue
from typing import Any
from urllib.parse import urlsplit

from proofdesk.core.languagetool.client import Limits, LTClient, LTError

PUBLIC_API_URL = "https://api.languagetool.org"
_PUBLIC_DOMAINS = ("languagetool.org", "languagetoolplus.com", "languagetool.com")
JAR_NAMES = ("languagetool-server.jar", "languagetool.jar")
MIN_JAVA = 17
SERVER_CLASS = "org.languagetool.server.HTTPServer"
DEFAULT_STARTUP_TIMEOUT = 90.0
GIVE_UP_AFTER = 3
GIVE_UP_WINDOW = 120.0

HOW_TO_TURN_ON = (
    "turn it on with `proofdesk languagetool download` (needs Java 17+) and `--languagetool auto`, "
    "or point --languagetool at a LanguageTool server URL"
)


class Kind(StrEnum):
    OFF = "off"
    LOCAL = "local"
    REMOTE = "remote"
    PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class Installation:
    directory: Path
    jar: Path
    version: str


@dataclass(frozen=True, slots=True)
class Java:
    path: str | None
    major: int | None
    problem: str  # empty when this Java can run LanguageTool


@dataclass(frozen=True, slots=True)
class Plan:
    kind: Kind
    url: str = ""
    installation: Installation | None = None
    java: Java | None = None
    reason: str = ""  # for OFF: why, and how to turn it on


# Finding an installation ---------------------------------------------------------


def download_dir() -> Path:
    """Where language-tool-python downloads to (not created here: looking must not write)."""
    configured = os.environ.get("LTP_PATH")
    return Path(configured) if configured else Path.home() / ".cache" / "language_tool_python"


def _jar_in(directory: Path) -> Path | None:
    for name in JAR_NAMES:
        jar = directory / name
        if jar.is_file():
            return jar
    return None


_VERSION = re.compile(r"LanguageTool-(\d+(?:\.\d+)*)", re.IGNORECASE)


def _version_key(inst: Installation) -> tuple[int, ...]:
    # Snapshots are named by date (20240101) and are newer than any release, like language-tool-python sorts them.
    return tuple(int(p) for p in inst.version.split(".") if p.isdigit()) or (0,)


def find_installation(extra: Sequence[Path] = ()) -> Installation | None:
    """The newest LanguageTool found on this computer, or None. Never downloads, never writes."""
    found: list[Installation] = []
    dirs: list[Path] = list(extra)
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        dirs.append(Path(jar_dir))
    base = download_dir()
    with contextlib.suppress(OSError):
        if base.is_dir():
            dirs.extend(sorted(p for p in base.glob("LanguageTool*") if p.is_dir()))
    for d in dirs:
        with contextlib.suppress(OSError):
            candidates = [d] if _jar_in(d) else sorted(p for p in d.glob("LanguageTool*") if p.is_dir())
            for c in candidates:
                jar = _jar_in(c)
                if jar is not None:
                    m = _VERSION.search(c.name)
                    found.append(Installation(c, jar, m.group(1) if m else "unknown"))
    if not found:
        return None
    # A folder the user named explicitly wins over the download cache.
    if extra and found[0].directory.is_relative_to(extra[0]):
        return found[0]
    return max(found, key=_version_key)


_JAVA_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')


def _java_version(path: str) -> tuple[int | None, str]:
    try:
        done = subprocess.run(
            [path, "-version"], capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"could not run {path} -version ({exc})"
    m = _JAVA_VERSION.search(done.stderr + done.stdout)
    if not m:
        return None, f"could not tell the Java version from `{path} -version`"
    major = int(m.group(1))
    if major == 1 and m.group(2):  # "1.8.0_292" is Java 8
        major = int(m.group(2))
    return major, ""


_java_cache: dict[str, Java] = {}


def detect_java() -> Java:
    """The ``java`` on PATH (or under JAVA_HOME) and whether it is new enough for LanguageTool."""
    home = os.environ.get("JAVA_HOME")
    path = str(Path(home) / "bin" / "java") if home and (Path(home) / "bin" / "java").is_file() else None
    path = path or shutil.which("java")
    if path is None:
        return Java(None, None, "Java was not found; LanguageTool needs Java 17 or newer (e.g. openjdk-17-jre)")
    cached = _java_cache.get(path)
    if cached is not None:
        return cached
    major, problem = _java_version(path)
    if not problem and major is not None and major < MIN_JAVA:
        problem = f"{path} is Java {major}; LanguageTool needs Java {MIN_JAVA} or newer"
    java = Java(path, major, problem)
    _java_cache[path] = java
    return java


# Choosing a backend -----------------------------------------------------------


def is_public(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in _PUBLIC_DOMAINS)


def plan(mode: str, *, public_opt_in: bool = False, local_path: Path | None = None) -> Plan:
    """What ``mode`` (``auto``, ``off`` or a URL) means on this computer. Starts nothing, sends nothing."""
    mode = (mode or "auto").strip()
    if mode == "off":
        return Plan(Kind.OFF, reason=f"Grammar checking is off; {HOW_TO_TURN_ON}.")
    if mode != "auto":
        if is_public(mode):
            if not public_opt_in:
                return Plan(
                    Kind.OFF,
                    reason=(
                        f"Grammar checking is off: {mode} is the public LanguageTool service, and drafts would leave "
                        "this computer. Opt in first (house style `checks: {grammar: {public-api: true}}` or Settings)."
                    ),
                )
            return Plan(Kind.PUBLIC, url=mode)
        return Plan(Kind.REMOTE, url=mode)
    inst = find_installation([local_path] if local_path else [])
    if inst is None:
        if public_opt_in:
            return Plan(Kind.PUBLIC, url=PUBLIC_API_URL)
        return Plan(Kind.OFF, reason=f"Grammar checking is off: no LanguageTool on this computer; {HOW_TO_TURN_ON}.")
    java = detect_java()
    if java.problem:
        return Plan(
            Kind.OFF,
            installation=inst,
            java=java,
            reason=f"Grammar checking is off: LanguageTool {inst.version} is installed but {java.problem}.",
        )
    return Plan(Kind.LOCAL, installation=inst, java=java)


# The local server --------------------------------------------------------------


class ServerStartError(Exception):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_PR_SET_PDEATHSIG = 1


def _parent_death_hook() -> Callable[[], None] | None:
    """On Linux, a pre-exec hook so the server gets SIGTERM when ProofDesk dies, even by SIGKILL or a crash."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return hook


class _Launcher:
    """Starts processes from one long-lived thread.

    The parent-death signal fires when the *thread* that forked the child ends;
    the app's worker threads come and go, so children are always forked here.
    """

    def __init__(self) -> None:
        self._queue: SimpleQueue[tuple[list[str], dict[str, Any], Future[subprocess.Popen[bytes]]]] = SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def popen(self, cmd: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="proofdesk-launcher", daemon=True)
                self._thread.start()
        future: Future[subprocess.Popen[bytes]] = Future()
        self._queue.put((cmd, kwargs, future))
        return future.result(timeout=30)

    def _run(self) -> None:
        while True:
            cmd, kwargs, future = self._queue.get()
            try:
                future.set_result(subprocess.Popen(cmd, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)


_launcher = _Launcher()


class LocalServer:
    """One LanguageTool server process for this ProofDesk process."""

    def __init__(self, installation: Installation, java: str) -> None:
        self.installation = installation
        self.java = java
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.log_path: Path | None = None
        self.starts = 0
        self._recent_deaths: list[float] = []
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure(self, startup_timeout: float = DEFAULT_STARTUP_TIMEOUT) -> str:
        """The base URL of a running server, starting or restarting it if needed. Raises ServerStartError."""
        with self._lock:
            if self.alive() and self.url:
                return self.url
            now = time.monotonic()
            if self.proc is not None:
                self._recent_deaths.append(now)
                self._reap()
            self._recent_deaths = [t for t in self._recent_deaths if now - t < GIVE_UP_WINDOW]
            if len(self._recent_deaths) >= GIVE_UP_AFTER:
                # Starting Java again and again would only burn the user's CPU; try again after a quiet spell.
                raise ServerStartError(
                    f"LanguageTool keeps stopping ({GIVE_UP_AFTER} times in {GIVE_UP_WINDOW / 60:g} minutes); "
                    f"see {self.log_path} for why"
                )
            self._start(startup_timeout)
            return self.url

    def _start(self, startup_timeout: float) -> None:
        port = _free_port()
        if self.log_path is not None:
            # Only the latest start's log can explain anything now.
            with contextlib.suppress(OSError):
                self.log_path.unlink()
        fd, log_name = tempfile.mkstemp(prefix="proofdesk-languagetool-", suffix=".log")
        self.log_path = Path(log_name)
        cmd = [self.java, "-cp", str(self.installation.jar), SERVER_CLASS, "--port", str(port)]
        try:
            self.proc = _launcher.popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=fd,
                stderr=subprocess.STDOUT,
                # Its own process group, so stopping it also stops anything it started.
                start_new_session=True,
                preexec_fn=_parent_death_hook(),
                cwd=str(self.installation.directory),
            )
        except OSError as exc:
            raise ServerStartError(f"could not start {self.java}: {exc}") from None
        finally:
            os.close(fd)
        self.starts += 1
        _register_for_exit(self)
        url = f"http://127.0.0.1:{port}"
        client = LTClient(url, Limits(timeout=2.0, max_in_flight=1))
        deadline = time.monotonic() + startup_timeout
        while True:
            code = self.proc.poll()
            if code is not None:
                tail = self._log_tail()
                self._reap()
                self._recent_deaths.append(time.monotonic())
                raise ServerStartError(f"LanguageTool stopped while starting (exit code {code}): {tail}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                self._recent_deaths.append(time.monotonic())
                raise ServerStartError(f"LanguageTool did not start within {startup_timeout:g} s")
            try:
                client.languages(timeout=min(2.0, remaining))
                break
            except LTError:
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        # The first check loads the language model; pay for it now, not inside the user's first timeout.
        with contextlib.suppress(LTError):
            LTClient(url, Limits(timeout=max(1.0, deadline - time.monotonic()))).check(
                {"text": "ProofDesk is starting.", "language": "en-GB"}
            )
        self.url = url

    def _log_tail(self) -> str:
        try:
            lines = [ln for ln in (self.log_path.read_text("utf-8", "replace") if self.log_path else "").splitlines()]
        except OSError:
            return "no log"
        useful = [ln.strip() for ln in lines if ln.strip()]
        return useful[-1][:300] if useful else "no output"

    def stop(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=5)
        self._reap()
        if self.log_path is not None:
            # Kept only while it may explain a failure.
            with contextlib.suppress(OSError):
                self.log_path.unlink()
            self.log_path = None

    def _reap(self) -> None:
        proc = self.proc
        if proc is not None:
            # Anything the server left in its group goes too.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        self.proc = None
        self.url = ""


_servers_lock = threading.Lock()
_servers: dict[tuple[Path, str], LocalServer] = {}
_exit_registered = False


def local_server(installation: Installation, java: str) -> LocalServer:
    """The process-wide server for this installation (created, not started)."""
    with _servers_lock:
        key = (installation.jar, java)
        server = _servers.get(key)
        if server is None:
            server = _servers[key] = LocalServer(installation, java)
        return server


def _register_for_exit(server: LocalServer) -> None:
    global _exit_registered
    with _servers_lock:
        if not _exit_registered:
            atexit.register(stop_all)
            _exit_registered = True


def stop_all() -> None:
    """Stop every LanguageTool server this process started (atexit does this too)."""
    with _servers_lock:
        servers = list(_servers.values())
    for server in servers:
        with contextlib.suppress(Exception):
            server.stop()
