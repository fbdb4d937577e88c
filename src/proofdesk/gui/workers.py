"""Background checking (novelWriter's pattern): one-shot QRunnables on the global QThreadPool.

Each job carries a job id and the draft revision it saw. The tab drops any
result whose revision is no longer current, so a slow check can never paint
underlines on text that has moved. One engine per draft, built on the worker
(dictionaries load off the GUI thread) and never used by two jobs at once:
a new request cancels the running job and starts when it has stopped.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from proofdesk.core.document import Document
from proofdesk.core.engine import Cancelled, Engine
from proofdesk.core.findings import Finding

DEBOUNCE_MS = 300

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


@dataclass
class _EngineHolder:
    factory: EngineFactory
    engine: Engine | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Signals(QObject):
    result = Signal(object)
    progress = Signal(int, int, int)
    done = Signal(int)


class CheckJob(QRunnable):
    def __init__(
        self,
        job_id: int,
        request: CheckRequest,
        holder: _EngineHolder,
        make_document: DocumentFactory,
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.job_id = job_id
        self.request = request
        self.holder = holder
        self.make_document = make_document
        self.signals = signals
        self.cancel = threading.Event()

    def run(self) -> None:
        t0 = time.perf_counter()
        req = self.request
        try:
            with self.holder.lock:
                if self.holder.engine is None:
                    self.holder.engine = self.holder.factory()
                engine = self.holder.engine
                doc = self.make_document(req.text)
                if req.visible is not None and len(doc.blocks) > 8:
                    lo, hi = req.visible
                    shown = [b for b in doc.blocks if b.end >= lo and b.start <= hi]
                    if shown and len(shown) < len(doc.blocks):
                        found = engine.check(doc, blocks=shown, cancelled=self.cancel.is_set)
                        within = (shown[0].start, shown[-1].end + 1)
                        self._emit(CheckResult(self.job_id, req.revision, found, within, seconds=self._since(t0)))
                calls = [0]
                expected = max(1, len(engine.checks) * (len(doc.blocks) // 64 + 1))

                def cancelled() -> bool:
                    # The engine asks every 64 blocks; counting its questions gives a cheap progress figure.
                    calls[0] += 1
                    if calls[0] % 4 == 0:
                        self.signals.progress.emit(self.job_id, min(calls[0], expected), expected)
                    return self.cancel.is_set()

                found = engine.check(doc, cancelled=cancelled)
                words = doc.words
            self._emit(CheckResult(self.job_id, req.revision, found, seconds=self._since(t0), words=words))
        except Cancelled:
            pass
        except Exception as exc:  # a broken check must not kill the app; the tab shows the message
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self._emit(CheckResult(self.job_id, req.revision, [], error=detail, seconds=self._since(t0)))
        finally:
            self.signals.done.emit(self.job_id)

    @staticmethod
    def _since(t0: float) -> float:
        return time.perf_counter() - t0

    def _emit(self, result: CheckResult) -> None:
        if not self.cancel.is_set():
            self.signals.result.emit(result)


class CheckDispatcher(QObject):
    """Debounces check requests for one draft and runs them one at a time on the pool."""

    result = Signal(object)  # CheckResult, in the GUI thread; the receiver drops stale revisions
    progress = Signal(int, int)
    busy_changed = Signal(bool)

    def __init__(
        self,
        engine_factory: EngineFactory,
        make_document: DocumentFactory,
        request_source: Callable[[], CheckRequest],
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._holder = _EngineHolder(engine_factory)
        self._make_document = make_document
        self._request_source = request_source
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _Signals()
        self._signals.result.connect(self._on_result)
        self._signals.progress.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        self._next_id = 0
        self._running: CheckJob | None = None
        self._pending: CheckRequest | None = None

    @property
    def busy(self) -> bool:
        return self._running is not None or self._pending is not None or self._timer.isActive()

    def schedule(self) -> None:
        """Check after the debounce interval; typing again restarts it."""
        self._timer.start()
        if self._running is not None:
            self._running.cancel.set()

    def run_now(self) -> None:
        self._timer.stop()
        request = self._request_source()
        if self._running is not None:
            self._running.cancel.set()
            self._pending = request
            return
        self._start(request)

    def set_document_factory(self, make_document: DocumentFactory) -> None:
        self._make_document = make_document

    def reset_engine(self, engine_factory: EngineFactory) -> None:
        """New settings: the next job builds a fresh engine (the running one keeps its own)."""
        self._holder = _EngineHolder(engine_factory)

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        if self._running is not None:
            self._running.cancel.set()

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Block until no job runs (closing a tab, tests). The engine lock is held while a job works."""
        deadline = time.monotonic() + msecs / 1000
        while self._running is not None and time.monotonic() < deadline:
            if self._holder.lock.acquire(timeout=0.05):
                self._holder.lock.release()
                break
        return True

    def _start(self, request: CheckRequest) -> None:
        self._next_id += 1
        job = CheckJob(self._next_id, request, self._holder, self._make_document, self._signals)
        job.setAutoDelete(False)
        self._running = job
        self.busy_changed.emit(True)
        self._pool.start(job)

    def _on_result(self, result: CheckResult) -> None:
        running = self._running
        if running is None or result.job_id != running.job_id or running.cancel.is_set():
            return
        self.result.emit(result)

    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        if self._running is not None and job_id == self._running.job_id:
            self.progress.emit(done, total)

    def _on_done(self, job_id: int) -> None:
        if self._running is None or self._running.job_id != job_id:
            return
        self._running = None
        if self._pending is not None:
            request, self._pending = self._pending, None
            self._start(request)
        elif not self._timer.isActive():
            self.busy_changed.emit(False)


class _CallSignals(QObject):
    done = Signal(int, object)


class _CallJob(QRunnable):
    def __init__(self, ident: int, fn: Callable[[], object], signals: _CallSignals) -> None:
        super().__init__()
        self.ident = ident
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the caller like any result
            result = exc
        self.signals.done.emit(self.ident, result)


class LatestOnly(QObject):
    """Runs pure-Python work (no Qt objects) on the pool; only the newest submission's result is delivered."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _CallSignals()
        self._signals.done.connect(self._on_done)
        self._latest = 0
        self._callback: Callable[[object], None] | None = None
        self._jobs: dict[int, _CallJob] = {}

    @property
    def busy(self) -> bool:
        return self._latest in self._jobs

    def submit(self, fn: Callable[[], object], callback: Callable[[object], None]) -> None:
        self._latest += 1
        self._callback = callback
        job = _CallJob(self._latest, fn, self._signals)
        job.setAutoDelete(False)
        self._jobs[self._latest] = job
        self._pool.start(job)

    def _on_done(self, ident: int, result: object) -> None:
        self._jobs.pop(ident, None)
        if ident == self._latest and self._callback is not None and not isinstance(result, Exception):
            self._callback(result)


class _WarmJob(QRunnable):
    def __init__(self, factory: EngineFactory, warm_text: str, future: concurrent.futures.Future[Engine]) -> None:
        super().__init__()
        self.factory = factory
        self.warm_text = warm_text
        self.future = future

    def run(self) -> None:
        from proofdesk.core.document import document_from_text

        try:
            engine = self.factory()
            # One tiny check makes the checks load their lazy data (dictionaries, word lists) now.
            engine.check(document_from_text(self.warm_text))
            self.future.set_result(engine)
        except Exception as exc:  # the first real check reports the same problem properly
            self.future.set_exception(exc)


class SpareEngine:
    """An engine built and warmed on the pool while the window paints, handed to the first draft opened."""

    WARM_TEXT = "Warm up: the council said it was encouraged by teh plan , and -- as ever -- said so.\n"

    def __init__(self, factory: EngineFactory, pool: QThreadPool | None = None) -> None:
        self._future: concurrent.futures.Future[Engine] = concurrent.futures.Future()
        self._job = _WarmJob(factory, self.WARM_TEXT, self._future)
        self._job.setAutoDelete(False)
        (pool or QThreadPool.globalInstance()).start(self._job)
        self._taken = False

    def take(self, timeout: float = 30.0) -> Engine | None:
        """The warmed engine, once (waits for it on the calling worker thread); None afterwards or on failure."""
        if self._taken:
            return None
        self._taken = True
        try:
            return self._future.result(timeout=timeout)
        except Exception:
            return None
