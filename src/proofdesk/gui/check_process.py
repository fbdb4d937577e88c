"""The checker's own process: engines live here, never in the desk's process.

Why a process and not a thread: a check on a worker thread shares the GUI thread's GIL and heap, so
Qt's per-cell calls into Python waited for the interpreter, full garbage collections walked the
engine's caches with the GUI frozen, and the Hunspell constructor (one C call, 60-107 ms) held the
GIL throughout. Measured by benchmarks/gui_bench.py: longest GUI-thread stall 86-119 ms with threads.

No Qt here: the desk (proofdesk.gui.workers) talks to ``serve`` over this process's stdin and
stdout (anonymous pipes) with length-prefixed pickles. The desk's requests are trusted (it
started this process and holds the only other ends of the pipes); nothing listens on any port.

Requests, as tuples ``(kind, client, ...)``:
    ("init", sys_path)                    the desk's import path (tests' check classes must import)
    ("spec", client, spec_pickle, env)    how to build that client's engine (dropped and rebuilt lazily)
    ("doc", client, maker_pickle)         turns a text into that client's Document
    ("prewarm", spec_pickle, env)         build and warm an engine now for the next client with that spec
    ("check", client, job, revision, text, visible)
    ("blocks", client, job, revision, text, lo, hi)    check_blocks on the blocks touching lo..hi
    ("cancel", client, job)               handled on the reader thread, at once
    ("close", client)
Replies:
    ("part", client, job, rows)           a batch of findings (see encode_findings) of the next result
    ("result", client, job, revision, rows, within, error, seconds, words)
    ("progress", client, job, done, total)
    ("done", client, job)
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from proofdesk.core.engine import Cancelled
from proofdesk.core.findings import Category, Finding, Severity

HEADER = struct.Struct("!I")
# Findings per message: the desk decodes one message per event-loop turn, about 1 ms per 1,000.
BATCH = 1_000
WORKER_FLAG = "--proofdesk-check-worker"

Row = tuple[str, str, str, int, int, str, str, tuple[str, ...]]
_CATEGORY = {c.value: c for c in Category}
_SEVERITY = {s.value: s for s in Severity}


def encode_findings(found: Sequence[Finding]) -> list[Row]:
    """Plain tuples: unpickling Finding objects runs their __setstate__ and Enum lookups in Python."""
    return [
        (f.rule, f.category.value, f.severity.value, f.start, f.end, f.text, f.message, f.suggestions) for f in found
    ]


def decode_findings(rows: Sequence[Row]) -> list[Finding]:
    # measured on 2,494 findings: Category(value) calls 46 ms, a dict lookup 2.7 ms.
    cat, sev = _CATEGORY, _SEVERITY
    return [Finding(r, cat[c], sev[s], a, b, t, m, sg) for r, c, s, a, b, t, m, sg in rows]


class Channel:
    """Blocking framed pickles over two file descriptors (the checker's side; the desk's is non-blocking)."""

    def __init__(self, rfd: int, wfd: int) -> None:
        self.rfd, self.wfd = rfd, wfd
        self._send_lock = threading.Lock()

    def send(self, msg: tuple[Any, ...]) -> None:
        data = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        with self._send_lock:
            view = memoryview(HEADER.pack(len(data)) + data)
            while view:
                view = view[os.write(self.wfd, view) :]

    def recv(self) -> tuple[Any, ...]:
        (size,) = HEADER.unpack(self._exactly(HEADER.size))
        msg = pickle.loads(self._exactly(size))
        assert isinstance(msg, tuple)
        return msg

    def _exactly(self, n: int) -> bytes:
        parts: list[bytes] = []
        while n:
            chunk = os.read(self.rfd, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            n -= len(chunk)
        return b"".join(parts)


class _Client:
    def __init__(self) -> None:
        self.spec: bytes | None = None
        self.engine: Any = None
        self.maker: Callable[[str], Any] | None = None
        self.problem: str | None = None


class Server:
    def __init__(self, channel: Channel) -> None:
        self.ch = channel
        self.inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self.clients: dict[int, _Client] = {}
        # (client, job) pairs cancelled by the desk; read by the checking thread between blocks.
        self.cancelled: set[tuple[int, int]] = set()
        self.spare: tuple[bytes, Any] | None = None

    # Reader thread ---------------------------------------------------------------------------

    def read_forever(self) -> None:
        try:
            while True:
                msg = self.ch.recv()
                if msg[0] == "cancel":
                    self.cancelled.add((msg[1], msg[2]))
                else:
                    self.inbox.put(msg)
        except BaseException:
            # EOF: the desk quit or was killed (SIGKILL included: the kernel closes its end). Nothing here
            # is worth keeping, and a check in progress must not keep the process alive.
            os._exit(0)

    # Checking thread ---------------------------------------------------------------------------

    def serve_forever(self) -> None:
        while True:
            msg = self.inbox.get()
            kind = msg[0]
            if kind == "init":
                sys.path[:] = [p for p in msg[1] if isinstance(p, str)]
            elif kind == "spec":
                client = self._client(msg[1])
                if client.spec != msg[2]:
                    client.spec, client.engine, client.problem = msg[2], None, None
                _set_env(msg[3])
            elif kind == "doc":
                client = self._client(msg[1])
                try:
                    client.maker = pickle.loads(msg[2])
                except Exception as exc:
                    client.problem = _describe(exc)
            elif kind == "prewarm":
                _set_env(msg[2])
                self._prewarm(msg[1])
            elif kind == "check":
                self._check(*msg[1:])
            elif kind == "blocks":
                self._blocks(*msg[1:])
            elif kind == "close":
                self.clients.pop(msg[1], None)

    def _client(self, ident: int) -> _Client:
        return self.clients.setdefault(ident, _Client())

    def _prewarm(self, spec: bytes) -> None:
        try:
            engine = pickle.loads(spec)()
            from proofdesk.core.document import document_from_text

            # One tiny check makes the checks load their lazy data (dictionaries, word lists) now.
            engine.check(document_from_text(WARM_TEXT))
        except Exception:
            return  # the first real check builds it again and reports the problem properly
        self.spare = (spec, engine)

    def _engine(self, client: _Client) -> Any:
        if client.engine is None:
            if client.spec is None:
                raise RuntimeError("no engine settings were sent for this draft")
            if self.spare is not None and self.spare[0] == client.spec:
                client.engine, self.spare = self.spare[1], None
            else:
                client.engine = pickle.loads(client.spec)()
        return client.engine

    def _check(self, ident: int, job: int, revision: int, text: str, visible: tuple[int, int] | None) -> None:
        t0 = time.perf_counter()
        client = self._client(ident)
        key = (ident, job)
        try:
            if key in self.cancelled:
                return
            engine, doc = self._prepare(client, text)
            if visible is not None and len(doc.blocks) > 8:
                lo, hi = visible
                shown = [b for b in doc.blocks if b.end >= lo and b.start <= hi]
                if shown and len(shown) < len(doc.blocks):
                    found = engine.check(doc, blocks=shown, cancelled=lambda: key in self.cancelled)
                    within = (shown[0].start, shown[-1].end + 1)
                    self._result(ident, job, revision, found, within, None, t0, 0)
            calls = [0]
            expected = max(1, len(engine.checks) * (len(doc.blocks) // 64 + 1))

            def cancelled() -> bool:
                # The engine asks every 64 blocks; counting its questions gives a cheap progress figure.
                calls[0] += 1
                if calls[0] % 4 == 0:
                    self.ch.send(("progress", ident, job, min(calls[0], expected), expected))
                return key in self.cancelled

            found = engine.check(doc, cancelled=cancelled)
            self._result(ident, job, revision, found, None, None, t0, doc.words)
        except Cancelled:
            pass
        except Exception as exc:  # a broken check must not kill the checker; the tab shows the message
            self._result(ident, job, revision, [], None, _describe(exc), t0, 0)
        finally:
            self.cancelled.discard(key)
            self.ch.send(("done", ident, job))

    def _blocks(self, ident: int, job: int, revision: int, text: str, lo: int, hi: int) -> None:
        t0 = time.perf_counter()
        client = self._client(ident)
        try:
            engine, doc = self._prepare(client, text)
            edited = [b for b in doc.blocks if b.end >= lo and b.start <= hi]
            found = engine.check_blocks(doc, edited)
            within = (edited[0].start, edited[-1].end + 1) if edited else (lo, hi)
            self._result(ident, job, revision, found, within, None, t0, 0)
        except Exception as exc:
            self._result(ident, job, revision, [], None, _describe(exc), t0, 0)
        finally:
            self.ch.send(("done", ident, job))

    def _prepare(self, client: _Client, text: str) -> tuple[Any, Any]:
        if client.problem is not None:
            raise RuntimeError(client.problem)
        engine = self._engine(client)
        if client.maker is not None:
            doc = client.maker(text)
        else:
            from proofdesk.core.document import document_from_text

            doc = document_from_text(text)
        return engine, doc

    def _result(
        self,
        ident: int,
        job: int,
        revision: int,
        found: Sequence[Finding],
        within: tuple[int, int] | None,
        error: str | None,
        t0: float,
        words: int,
    ) -> None:
        if (ident, job) in self.cancelled:
            return
        rows = encode_findings(found)
        for i in range(0, max(0, len(rows) - BATCH), BATCH):
            self.ch.send(("part", ident, job, rows[i : i + BATCH]))
        last = rows[(max(0, len(rows) - 1) // BATCH) * BATCH :] if rows else []
        self.ch.send(("result", ident, job, revision, last, within, error, time.perf_counter() - t0, words))


WARM_TEXT = "Warm up: the council said it was encouraged by teh plan , and -- as ever -- said so.\n"


def _describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _set_env(env: dict[str, str]) -> None:
    # The desk's PROOFDESK_* folders (tests point them at temporary ones) as they are now, not at start-up.
    for k in [k for k in os.environ if k.startswith("PROOFDESK_") and k not in env]:
        del os.environ[k]
    os.environ.update(env)


def serve() -> None:
    """Answer the desk on stdin/stdout until stdin closes."""
    # Ctrl+C in the desk's terminal reaches the whole process group: the desk decides, and this
    # process follows when its stdin closes (a KeyboardInterrupt here would read as a crash).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The protocol gets the real stdin/stdout; anything a check prints goes to stderr instead.
    rfd, wfd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr (a desk started without a console on Windows)
        os.dup2(devnull, 1)
    server = Server(Channel(rfd, wfd))
    # Cancel requests must be seen between blocks, not after the check: hand the reader the GIL promptly.
    sys.setswitchinterval(0.001)
    # A check allocates tens of thousands of small objects that live until the result is sent; default
    # thresholds run a collection every 700 of them for nothing (100k words: 1.17 s -> 1.09 s).
    gc.set_threshold(20_000, 20, 20)
    threading.Thread(target=server.read_forever, name="desk-reader", daemon=True).start()
    server.serve_forever()


def run_if_worker(argv: Sequence[str]) -> None:
    """In a frozen bundle the checker is the bundle's own executable: call this first in its entry point."""
    if len(argv) >= 2 and argv[1] == WORKER_FLAG:
        serve()
        os._exit(0)


if __name__ == "__main__":
    serve()
