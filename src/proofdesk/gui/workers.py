"""Background checking in the checker process (proofdesk.gui.check_process), one per app.

Each job carries a job id and the draft revision it saw. The tab drops any
result whose revision is no longer current, so a slow check can never paint
underlines on text that has moved. One engine per draft, built in the checker
process (dictionaries load there) and never used by two jobs at once: a new
request cancels the running job and starts when it has stopped.

The GUI thread only pickles requests and decodes replies, a few milliseconds'
worth per event-loop turn (findings arrive in batches of 1,000), so no Python
thread in the desk's process competes with it for the GIL while a check runs.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from proofdesk.core.document import Document
from proofdesk.core.engine import Engine
from proofdesk.core.findings import Finding
from proofdesk.gui.check_process import HEADER, WORKER_FLAG, decode_findings
from proofdesk.gui.checker_pipes import Pipes, pipes_for

DEBOUNCE_MS = 300
# Replies decoded per event-loop turn before the GUI thread gets back to painting.
DELIVER_BUDGET_S = 0.004
# A checker that keeps dying is restarted, but the check that killed it is not re-run for ever.
CRASHES_BEFORE_GIVING_UP = 3
CRASHES_BEFORE_STOPPING = 6
CRASH_WINDOW_S = 60.0

EngineFactory = Callable[[], Engine]
DocumentFactory = Callable[[str], Document]


@dataclass(frozen=True)
class CheckRequest:
    revision: int
    text: str
    # Code-point range on screen, checked (and reported) first.
    visible: tuple[int, int] | None = None


@dataclass
class CheckResult:
    job_id: int
    revision: int
    findings: list[Finding]
    # Set for the quick first pass over the visible blocks: findings are only complete inside it.
    within: tuple[int, int] | None = None
    error: str | None = None
    seconds: float = 0.0
    words: int = 0


class ProcessClient(Protocol):
    def on_message(self, msg: tuple[Any, ...]) -> None: ...

    def resend(self) -> None: ...

    def process_restarted(self, detail: str, retry: bool, restarted: bool) -> None: ...


def worker_command() -> list[str]:
    """The checker's command line; a frozen bundle runs itself (its entry point calls run_if_worker)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "proofdesk.gui.check_process"]


def proofdesk_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("PROOFDESK_")}


def pickled(obj: object, what: str) -> bytes:
    try:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        raise TypeError(f"the {what} must be picklable to reach the checker process: {exc}") from exc


class CheckProcess(QObject):
    """The app's one checker process, talked to over its stdin and stdout; restarted if it dies."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clients: dict[int, ProcessClient] = {}
        self._ids = itertools.count(1)
        self._in = bytearray()
        self._frames: deque[bytes] = deque()
        self._crashes: deque[float] = deque()
        self._delivering = False
        self.stopped = False
        # Set when the checker kept dying and is no longer restarted.
        self.broken = False
        self.restarts = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._pipes: Pipes | None = None
        self._start()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> None:
        # Anonymous pipes, never a port. Python opens them close-on-exec, so only this child holds the
        # other ends: when the desk dies, even by SIGKILL, the checker reads EOF on its stdin and exits.
        self._proc = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self._in.clear()
        self._frames.clear()
        self._pipes = pipes_for(self._proc, self._on_data, self._died)
        self.send(("init", list(sys.path)))

    # Clients -------------------------------------------------------------------------------------

    def register(self, client: ProcessClient) -> int:
        ident = next(self._ids)
        self._clients[ident] = client
        return ident

    def unregister(self, ident: int) -> None:
        if self._clients.pop(ident, None) is not None:
            self.send(("close", ident))

    def prewarm(self, spec: object) -> None:
        """Build and warm an engine now, so the first draft opened with the same settings checks sooner."""
        self.send(("prewarm", pickled(spec, "engine settings"), proofdesk_env()))

    def send(self, msg: tuple[Any, ...]) -> None:
        if self.stopped or self._pipes is None:
            return
        data = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        self._pipes.write(HEADER.pack(len(data)) + data)

    # Receiving -----------------------------------------------------------------------------------

    def _on_data(self, chunk: bytes) -> None:
        buf = self._in
        buf += chunk
        pos = 0
        while len(buf) - pos >= HEADER.size:
            (size,) = HEADER.unpack_from(buf, pos)
            if len(buf) - pos - HEADER.size < size:
                break
            self._frames.append(bytes(buf[pos + HEADER.size : pos + HEADER.size + size]))
            pos += HEADER.size + size
        del buf[:pos]
        self._deliver()

    def _deliver(self, budget: float | None = DELIVER_BUDGET_S) -> None:
        if self._delivering:
            return
        self._delivering = True
        t0 = time.perf_counter()
        try:
            while self._frames:
                msg = pickle.loads(self._frames.popleft())
                client = self._clients.get(msg[1]) if len(msg) > 1 else None
                if client is not None and not shiboken6.isValid(client):
                    # A tab deleted without being closed: its engine in the checker can go too.
                    self.unregister(msg[1])
                elif client is not None:
                    client.on_message(msg)
                if budget is not None and time.perf_counter() - t0 > budget and self._frames:
                    QTimer.singleShot(0, self._deliver)
                    break
        finally:
            self._delivering = False

    def wait_for(self, done: Callable[[], bool], msecs: int) -> bool:
        """Block the calling (GUI) thread, handling replies, until ``done()`` or ``msecs`` pass."""
        deadline = time.monotonic() + msecs / 1000
        while not done():
            left = deadline - time.monotonic()
            if left <= 0 or self._pipes is None:
                return False
            self._pipes.poll(min(left, 0.05))
            self._deliver(budget=None)
        return True

    # Life and death --------------------------------------------------------------------------------

    def _reap(self) -> str:
        proc = self._proc
        self._proc = None
        if proc is None:
            return "no process"
        try:
            code = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def _died(self) -> None:
        if self.stopped:
            return
        if self._pipes is not None:
            self._pipes.close()
            self._pipes = None
        detail = self._reap()
        now = time.monotonic()
        self._crashes.append(now)
        while self._crashes and now - self._crashes[0] > CRASH_WINDOW_S:
            self._crashes.popleft()
        retry = len(self._crashes) < CRASHES_BEFORE_GIVING_UP
        clients = list(self._clients.values())
        if len(self._crashes) >= CRASHES_BEFORE_STOPPING:
            # A checker that dies as soon as it starts (a broken install) must not be restarted for ever.
            self.broken = True
            for client in clients:
                client.process_restarted(detail, retry=False, restarted=False)
            return
        self.restarts += 1
        self._start()
        for client in clients:
            client.resend()
        for client in clients:
            client.process_restarted(detail, retry, restarted=True)

    def stop(self) -> None:
        """Ends the checker (closing its stdin is enough: it exits on EOF); waits briefly, then kills."""
        if self.stopped:
            return
        self.stopped = True
        if self._pipes is not None:
            self._pipes.close()
            self._pipes = None
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


_PROCESS: CheckProcess | None = None


def check_process() -> CheckProcess:
    """The app's checker process, started on first use and stopped when the application quits."""
    global _PROCESS
    if _PROCESS is None or _PROCESS.stopped:
        app = QCoreApplication.instance()
        proc = CheckProcess(app)
        if app is not None:
            app.aboutToQuit.connect(proc.stop)
        _PROCESS = proc
    return _PROCESS


@dataclass
class _Job:
    job_id: int
    request: CheckRequest
    cancelled: bool = False
    parts: list[Finding] = field(default_factory=list)


class CheckDispatcher(QObject):
    """Debounces check requests for one draft and runs them one at a time in the checker process."""

    result = Signal(object)  # CheckResult, in the GUI thread; the receiver drops stale revisions
    progress = Signal(int, int)
    busy_changed = Signal(bool)
    # The checker process died (and was restarted): what to tell the user.
    crashed = Signal(str)

    def __init__(
        self,
        engine_factory: EngineFactory,
        make_document: DocumentFactory,
        request_source: Callable[[], CheckRequest],
        parent: QObject | None = None,
        process: CheckProcess | None = None,
    ) -> None:
        super().__init__(parent)
        self._proc = process or check_process()
        self._spec = pickled(engine_factory, "engine factory")
        self._maker = pickled(make_document, "document factory")
        self._request_source = request_source
        self._ident = self._proc.register(self)
        self.resend()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        self._next_id = 0
        self._running: _Job | None = None
        self._pending: CheckRequest | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._running is not None or self._pending is not None or self._timer.isActive()

    def schedule(self) -> None:
        """Check after the debounce interval; typing again restarts it."""
        self._timer.start()
        self._cancel_running()

    def run_now(self) -> None:
        self._timer.stop()
        request = self._request_source()
        if self._running is not None:
            self._cancel_running()
            self._pending = request
            return
        self._start(request)

    def set_document_factory(self, make_document: DocumentFactory) -> None:
        self._maker = pickled(make_document, "document factory")
        self._proc.send(("doc", self._ident, self._maker))

    def reset_engine(self, engine_factory: EngineFactory) -> None:
        """New settings: the next job builds a fresh engine (the running one keeps its own)."""
        self._spec = pickled(engine_factory, "engine factory")
        self._proc.send(("spec", self._ident, self._spec, proofdesk_env()))

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        self._cancel_running()

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Block until no job runs (tests, benchmarks), handling the checker's replies meanwhile."""
        return self._proc.wait_for(lambda: self._running is None, msecs)

    def close(self) -> None:
        """The draft is closing: its engine in the checker is dropped and its replies ignored."""
        self.cancel()
        if not self._closed:
            self._closed = True
            self._running = None
            self._proc.unregister(self._ident)

    def _cancel_running(self) -> None:
        job = self._running
        if job is not None and not job.cancelled:
            job.cancelled = True
            job.parts.clear()
            self._proc.send(("cancel", self._ident, job.job_id))

    def _start(self, request: CheckRequest) -> None:
        if self._closed:
            return
        if self._proc.broken:
            self.busy_changed.emit(False)
            return
        self._next_id += 1
        self._running = _Job(self._next_id, request)
        self.busy_changed.emit(True)
        self._proc.send(("check", self._ident, self._next_id, request.revision, request.text, request.visible))

    # From the checker process ------------------------------------------------------------------

    def on_message(self, msg: tuple[Any, ...]) -> None:
        kind, job_id = msg[0], msg[2]
        job = self._running
        current = job is not None and job.job_id == job_id
        if kind == "done":
            if current:
                self._on_done()
            return
        if not current or job is None or job.cancelled:
            return
        if kind == "part":
            job.parts.extend(decode_findings(msg[3]))
        elif kind == "result":
            _, _, _, revision, rows, within, error, seconds, words = msg
            found = job.parts + decode_findings(rows)
            job.parts = []
            self.result.emit(CheckResult(job_id, revision, found, within, error, seconds, words))
        elif kind == "progress":
            self.progress.emit(msg[3], msg[4])

    def resend(self) -> None:
        self._proc.send(("spec", self._ident, self._spec, proofdesk_env()))
        self._proc.send(("doc", self._ident, self._maker))

    def process_restarted(self, detail: str, retry: bool, restarted: bool) -> None:
        job, self._running = self._running, None
        if not restarted:
            self.crashed.emit(
                f"The checker keeps stopping ({detail}); checking is off until ProofDesk is started again."
            )
        elif retry:
            self.crashed.emit(f"The checker stopped unexpectedly ({detail}) and was restarted.")
        else:
            self.crashed.emit(
                f"The checker stopped unexpectedly ({detail}) again and was restarted; "
                "edit the draft to check it again."
            )
        had_work = job is not None or self._pending is not None
        self._pending = None
        if had_work and retry and restarted:
            self.run_now()
        elif had_work:
            self.busy_changed.emit(False)

    def _on_done(self) -> None:
        self._running = None
        if self._pending is not None:
            request, self._pending = self._pending, None
            self._start(request)
        elif not self._timer.isActive():
            self.busy_changed.emit(False)
