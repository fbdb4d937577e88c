"""The pipes to the checker process, as the GUI thread sees them: write() buffers, replies come to on_data.

Two ways to wait on them, because Qt can watch a pipe on POSIX but not on Windows.
"""

from __future__ import annotations

import contextlib
import os
import queue
import select
import subprocess
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSocketNotifier, Signal

DataFn = Callable[[bytes], None]


class Pipes(QObject):
    """The checker's stdin and stdout, as seen from the GUI thread: write() buffers, replies come to on_data."""

    def __init__(self, proc: subprocess.Popen[bytes], on_data: DataFn, on_eof: Callable[[], None]) -> None:
        super().__init__()
        assert proc.stdin is not None and proc.stdout is not None
        self._stdin, self._stdout = proc.stdin, proc.stdout
        self._on_data, self._on_eof = on_data, on_eof
        self.closed = False

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def poll(self, seconds: float) -> None:
        """Wait up to ``seconds`` for the checker, handling what arrives (for wait_for)."""
        raise NotImplementedError

    def close(self) -> None:
        # Closing its stdin is what tells the checker to go.
        self.closed = True
        for f in (self._stdin, self._stdout):
            with contextlib.suppress(OSError):
                f.close()

    def _eof(self) -> None:
        if not self.closed:
            self.close()
            self._on_eof()


class _NotifiedPipes(Pipes):
    """POSIX: non-blocking pipe ends watched by the GUI thread's event loop; no thread in this process."""

    def __init__(self, proc: subprocess.Popen[bytes], on_data: DataFn, on_eof: Callable[[], None]) -> None:
        super().__init__(proc, on_data, on_eof)
        self._rfd, self._wfd = self._stdout.fileno(), self._stdin.fileno()
        os.set_blocking(self._rfd, False)
        os.set_blocking(self._wfd, False)
        self._out = bytearray()
        self._readable = QSocketNotifier(self._rfd, QSocketNotifier.Type.Read, self)
        self._readable.activated.connect(self._read)
        self._writable = QSocketNotifier(self._wfd, QSocketNotifier.Type.Write, self)
        self._writable.setEnabled(False)
        self._writable.activated.connect(self._flush)

    def write(self, data: bytes) -> None:
        self._out += data
        self._flush()

    def _flush(self) -> None:
        while self._out and not self.closed:
            try:
                n = os.write(self._wfd, self._out)
            except BlockingIOError:
                break
            except OSError:
                self._eof()
                return
            del self._out[:n]
        if not self.closed:
            self._writable.setEnabled(bool(self._out))

    def _read(self) -> None:
        chunks: list[bytes] = []
        for _ in range(64):  # a bound, so a chatty checker cannot keep the GUI thread here
            try:
                chunk = os.read(self._rfd, 1 << 20)
            except BlockingIOError:
                break
            except OSError:
                chunk = b""
            if not chunk:
                if chunks:
                    self._on_data(b"".join(chunks))
                self._eof()
                return
            chunks.append(chunk)
        if chunks:
            self._on_data(b"".join(chunks))

    def poll(self, seconds: float) -> None:
        if self.closed:
            return
        select.select([self._rfd], [self._wfd] if self._out else [], [], seconds)
        self._flush()
        if not self.closed:
            self._read()

    def close(self) -> None:
        if not self.closed:
            for notifier in (self._readable, self._writable):
                notifier.setEnabled(False)
                notifier.deleteLater()
        super().close()


class _ThreadedPipes(Pipes):
    """Windows: anonymous pipes can be neither non-blocking nor watched by Qt there, so two threads block on
    them instead. They hold the GIL only to hand over bytes; replies are still decoded on the GUI thread."""

    _data = Signal(bytes)
    _gone = Signal()

    def __init__(self, proc: subprocess.Popen[bytes], on_data: DataFn, on_eof: Callable[[], None]) -> None:
        super().__init__(proc, on_data, on_eof)
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._data.connect(on_data)
        self._gone.connect(self._eof)
        threading.Thread(target=self._reader, name="checker-reader", daemon=True).start()
        threading.Thread(target=self._writer, name="checker-writer", daemon=True).start()

    def _reader(self) -> None:
        fd = self._stdout.fileno()
        try:
            while chunk := os.read(fd, 1 << 20):
                self._data.emit(chunk)
        except OSError:
            pass
        self._gone.emit()

    def _writer(self) -> None:
        fd = self._stdin.fileno()
        try:
            while (data := self._queue.get()) is not None:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
        except (OSError, ValueError):
            self._gone.emit()

    def write(self, data: bytes) -> None:
        self._queue.put(bytes(data))

    def poll(self, seconds: float) -> None:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, max(1, int(seconds * 1000)))
        time.sleep(0.001)

    def close(self) -> None:
        self._queue.put(None)
        super().close()


def pipes_for(proc: subprocess.Popen[bytes], on_data: DataFn, on_eof: Callable[[], None]) -> Pipes:
    kind = _NotifiedPipes if os.name == "posix" else _ThreadedPipes
    return kind(proc, on_data, on_eof)
