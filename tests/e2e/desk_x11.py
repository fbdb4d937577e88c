"""Running the real ``proofdesk`` process in a real X display (Xvfb) and driving it with xdotool.

Used by the end-to-end tests and the crash-recovery test. A display is started
on a free number when DISPLAY is unset; the tests skip, saying why, only when
Xvfb or xdotool is not installed (``make test`` installs both when run as root).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
_GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "wid = int(sys.argv[2]) if len(sys.argv) > 2 else 0\n"
    "ok = app.primaryScreen().grabWindow(wid).save(sys.argv[1])\n"
    "sys.exit(0 if ok else 1)\n"
)


def _free_display() -> int:
    for n in range(91, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number between :91 and :199")


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed (apt install xdotool; `make test` does this as root)")
    existing = os.environ.get("DISPLAY")
    if existing:
        yield existing
        return
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt install xvfb; `make test` does this as root)")
    for _attempt in range(3):
        n = _free_display()
        proc = subprocess.Popen(
            ["Xvfb", f":{n}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            time.sleep(0.05)
        if proc.poll() is None:
            try:
                yield f":{n}"
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            return
    pytest.fail("Xvfb would not start on any free display")


@dataclass
class Desk:
    """One running ``proofdesk`` process on ``display``."""

    display: str
    proc: subprocess.Popen[bytes] | None = None
    window: str = ""
    log: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="0", NO_AT_BRIDGE="1")
        return env

    def start(self, *files: Path, title: str = "ProofDesk") -> None:
        exe = Path(sys.executable).with_name("proofdesk")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "proofdesk.cli.main"]
        self.proc = subprocess.Popen(
            [*cmd, *map(str, files)], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self.window = self.wait_window(title)
        self.focus()

    def xdotool(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30, check=False)
        if check and out.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {out.stderr.strip()}")
        return out.stdout.strip()

    def wait_window(self, title: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                output = self.proc.stdout.read().decode(errors="replace") if self.proc.stdout else ""
                raise AssertionError(f"proofdesk exited with {self.proc.returncode}:\n{output}")
            ids = self.xdotool("search", "--onlyvisible", "--name", title, check=False).split()
            if ids:
                return ids[-1]
            time.sleep(0.1)
        raise AssertionError(f"no window titled {title!r} within {timeout} s")

    def settle(self, quiet: float = 0.8, timeout: float = 60.0) -> None:
        """Wait until the desk and its checker process have used no CPU for ``quiet`` seconds.

        A fixed sleep is either slow or flaky: a cold first check on a loaded CI core can take
        several seconds. ``quiet`` is longer than the desk's 300 ms typing debounce, so a check
        that is about to start is not mistaken for idleness.
        """
        deadline = time.monotonic() + timeout
        last, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            used = self._cpu_ticks()
            now = time.monotonic()
            if used != last:
                last, since = used, now
            elif now - since >= quiet:
                return
            time.sleep(0.05)
        raise AssertionError(f"the desk was still busy after {timeout} s")

    def _cpu_ticks(self) -> int:
        """User + system clock ticks of the desk and every process below it (the checker)."""
        if self.proc is None:
            return 0
        todo, total = [self.proc.pid], 0
        while todo:
            pid = todo.pop()
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                total += int(fields[11]) + int(fields[12])
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo.extend(int(c) for c in (task / "children").read_text().split())
        return total

    def focus(self, window: str | None = None) -> None:
        wid = window or self.window
        self.xdotool("windowactivate", "--sync", wid, check=False)
        self.xdotool("windowfocus", "--sync", wid, check=False)
        time.sleep(0.2)

    def key(self, *keys: str, pause: float = 0.15, settle: bool = False) -> None:
        for k in keys:
            self.xdotool("key", "--clearmodifiers", k)
            time.sleep(pause)
            if settle:
                self.settle()

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "30", text)

    def title(self) -> str:
        return self.xdotool("getwindowname", self.window, check=False)

    def screenshot(self, name: str, whole_screen: bool = False) -> Path:
        """Save a PNG of the app's window (or the whole screen) into artifacts/screenshots/."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / f"{name}.png"
        args = [str(out)] if whole_screen or not self.window else [str(out), self.window]
        subprocess.run([sys.executable, "-c", _GRAB, *args], env=self.env, timeout=30, check=True)
        return out

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def quit(self, timeout: float = 10) -> int | None:
        """Close the app with Ctrl+Q; kill it if it does not go."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.focus()
        self.key("ctrl+q")
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None


@pytest.fixture
def desk(x_display: str, request: pytest.FixtureRequest) -> Iterator[Desk]:
    d = Desk(x_display)
    try:
        yield d
    finally:
        if d.proc is not None and d.proc.poll() is None:
            # A screenshot per test, of whatever state it ended in; failing to take one fails nothing.
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                d.screenshot(request.node.name)
        d.kill()
