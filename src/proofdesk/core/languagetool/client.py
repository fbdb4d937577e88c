"""A small HTTP client for LanguageTool's documented API (``/v2/languages``, ``/v2/check``).

Why not ``requests`` or language-tool-python's ``LanguageTool.check``: we need a
hard deadline per request (a server that trickles bytes or hangs must not hold
a check beyond its timeout), a process-wide bound on requests in flight to one
server (the app runs several workers), and requests that carry several blocks
at once with markup excluded. The standard library does all of that.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from proofdesk.core.languagetool.mapping import Piece, Placed, place_matches

PARAGRAPH_BREAK = "\n\n"
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
# LanguageTool's public API refuses more than 20,000 characters per request and
# self-hosted servers are often configured the same; stay well below it.
DEFAULT_MAX_CHARS = 10_000
DEFAULT_TIMEOUT = 15.0
DEFAULT_IN_FLIGHT = 4


class LTError(Exception):
    """A request that produced no usable answer. ``kind``: timeout, unreachable, http, garbage."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True, slots=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_in_flight: int = DEFAULT_IN_FLIGHT
    max_chars: int = DEFAULT_MAX_CHARS


_slots_lock = threading.Lock()
_slots: dict[str, threading.BoundedSemaphore] = {}


def _slots_for(base_url: str, size: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        sem = _slots.get(base_url)
        if sem is None:
            sem = _slots[base_url] = threading.BoundedSemaphore(max(1, size))
        return sem


def normalise_base_url(url: str) -> str:
    """``http://host:8081/v2/`` and ``http://host:8081`` both become ``http://host:8081``."""
    url = url.strip().rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    return url


class LTClient:
    def __init__(self, base_url: str, limits: Limits | None = None) -> None:
        self.base_url = normalise_base_url(base_url)
        self.limits = limits or Limits()
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._path = parts.path
        self._slots = _slots_for(self.base_url, self.limits.max_in_flight)

    # API -----------------------------------------------------------------------

    def languages(self, timeout: float | None = None) -> list[dict[str, Any]]:
        data = self._json("GET", "/v2/languages", None, timeout)
        if not isinstance(data, list) or not all(isinstance(x, dict) and "longCode" in x for x in data):
            raise LTError(
                "garbage", f"{self.base_url} answered /v2/languages with something that is not LanguageTool's"
            )
        return data

    def check(self, form: Mapping[str, str], timeout: float | None = None) -> dict[str, Any]:
        data = self._json("POST", "/v2/check", urlencode(form).encode("utf-8"), timeout)
        if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
            raise LTError("garbage", f"{self.base_url} answered /v2/check without a list of matches")
        return data

    # HTTP ----------------------------------------------------------------------

    def _json(self, method: str, path: str, body: bytes | None, timeout: float | None) -> Any:
        timeout = self.limits.timeout if timeout is None else timeout
        started = time.monotonic()
        # Waiting for a slot counts against the timeout: a server busy with other workers is a slow server.
        if not self._slots.acquire(timeout=timeout):
            raise LTError("timeout", f"{self.base_url} is still busy with earlier requests after {timeout:g} s")
        try:
            remaining = max(0.05, timeout - (time.monotonic() - started))
            status, payload = self._http(method, path, body, remaining, timeout)
        finally:
            self._slots.release()
        if status != 200:
            detail = payload[:200].decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else http.client.responses.get(status, "error")
            raise LTError("http", f"{self.base_url} refused the request (HTTP {status}: {reason})")
        try:
            return json.loads(payload)
        except ValueError:
            raise LTError(
                "garbage", f"{self.base_url} did not answer with JSON; is it a LanguageTool server?"
            ) from None

    def _http(self, method: str, path: str, body: bytes | None, timeout: float, shown: float) -> tuple[int, bytes]:
        deadline = time.monotonic() + timeout
        conn: http.client.HTTPConnection
        if self._https:
            conn = http.client.HTTPSConnection(self._host, self._port, timeout=timeout)
        else:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=timeout)
        # Socket timeouts bound each read, not the whole answer; this timer bounds the whole answer.
        timer = threading.Timer(timeout, _abort, (conn,))
        timer.daemon = True
        timer.start()
        headers = {"Accept": "application/json", "User-Agent": "ProofDesk"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        try:
            conn.request(method, self._path + path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read(MAX_RESPONSE_BYTES + 1)
            if len(payload) > MAX_RESPONSE_BYTES:
                raise LTError("garbage", f"{self.base_url} sent an answer larger than {MAX_RESPONSE_BYTES} bytes")
            if response.length or time.monotonic() >= deadline - 0.01:
                # read(n) returns short at end of stream: the answer was cut off (by our deadline, or a crash).
                raise http.client.IncompleteRead(payload, response.length)
            return response.status, payload
        except LTError:
            raise
        except ConnectionRefusedError:
            raise LTError("unreachable", f"nothing is listening at {self.base_url}") from None
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline - 0.01 or isinstance(exc, TimeoutError):
                raise LTError("timeout", f"{self.base_url} did not answer within {shown:g} s") from None
            raise LTError("unreachable", f"lost the connection to {self.base_url} ({_describe(exc)})") from None
        finally:
            timer.cancel()
            conn.close()


def _abort(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# Requests made of several blocks ----------------------------------------------


@dataclass
class Chunk:
    pieces: list[Piece]
    starts: list[int]  # where each piece begins in ``sent``
    sent: str  # the request text as LanguageTool counts offsets (markup included)
    form: dict[str, str]


def split_long(block: int, text: str, skips: Sequence[tuple[int, int]], max_chars: int) -> list[Piece]:
    """One block as pieces of at most ``max_chars``, cut after a sentence if possible, never inside a skip."""
    pieces: list[Piece] = []
    pos = 0
    while len(text) - pos > max_chars:
        limit = pos + max_chars
        cut = _cut_point(text, pos, limit, skips)
        pieces.append(_piece(block, text, pos, cut, skips))
        pos = cut
    pieces.append(_piece(block, text, pos, len(text), skips))
    return pieces


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _cut_point(text: str, pos: int, limit: int, skips: Sequence[tuple[int, int]]) -> int:
    def ok(i: int) -> bool:
        return pos < i <= limit and not any(s < i < e for s, e in skips)

    window = text[pos:limit]
    for pattern in (_SENTENCE_END, _SPACE):
        for m in reversed(list(pattern.finditer(window))):
            if ok(pos + m.end()):
                return pos + m.end()
    if ok(limit):
        return limit
    # The limit falls inside a code span or URL: cut before it, or after it if it starts the piece.
    for s, e in skips:
        if s < limit < e:
            return s if s > pos else e
    return limit


def _piece(block: int, text: str, start: int, end: int, skips: Sequence[tuple[int, int]]) -> Piece:
    inner = tuple((max(s, start) - start, min(e, end) - start) for s, e in skips if s < end and start < e)
    return Piece(block, start, text[start:end], inner)


def build_chunks(pieces: Sequence[Piece], max_chars: int) -> list[Chunk]:
    """Pack pieces into requests of at most ``max_chars`` (plus paragraph breaks), keeping their order."""
    chunks: list[Chunk] = []
    group: list[Piece] = []
    size = 0
    for piece in pieces:
        if group and size + len(PARAGRAPH_BREAK) + len(piece.text) > max_chars:
            chunks.append(_chunk(group))
            group, size = [], 0
        size += (len(PARAGRAPH_BREAK) if group else 0) + len(piece.text)
        group.append(piece)
    if group:
        chunks.append(_chunk(group))
    return chunks


def _chunk(pieces: list[Piece]) -> Chunk:
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for i, piece in enumerate(pieces):
        if i:
            parts.append(PARAGRAPH_BREAK)
            pos += len(PARAGRAPH_BREAK)
        starts.append(pos)
        parts.append(piece.text)
        pos += len(piece.text)
    sent = "".join(parts)
    if not any(p.skips for p in pieces):
        return Chunk(pieces, starts, sent, {"text": sent})
    # Code and URLs go as markup: LanguageTool skips them but still counts them in its offsets (its
    # AnnotatedText maps matches back to the original text). Each reads as a neutral proper noun, as
    # LTeX does, so "see <url> for details" is not "see  for details" with a double space and a gap.
    annotation: list[dict[str, str]] = []
    dummies = 0
    for i, piece in enumerate(pieces):
        if i:
            annotation.append({"text": PARAGRAPH_BREAK})
        at = 0
        for s, e in sorted(piece.skips):
            if s > at:
                annotation.append({"text": piece.text[at:s]})
            if e > max(s, at):
                annotation.append({"markup": piece.text[max(s, at) : e], "interpretAs": f"Dummy{dummies}"})
                dummies += 1
            at = max(at, e)
        if at < len(piece.text):
            annotation.append({"text": piece.text[at:]})
    return Chunk(pieces, starts, sent, {"data": json.dumps({"annotation": annotation}, ensure_ascii=False)})


@dataclass
class Outcome:
    placed: list[Placed] = field(default_factory=list)
    failed_blocks: set[int] = field(default_factory=set)
    error: LTError | None = None
    bad_matches: int = 0
    requests: int = 0
    server: dict[str, Any] = field(default_factory=dict)


def check_pieces(client: LTClient, pieces: Sequence[Piece], params: Mapping[str, str]) -> Outcome:
    """Check ``pieces`` in as few requests as the limits allow, several in flight at once.

    The first failed request stops the rest from being sent, so a dead server
    costs one timeout, not one per request. Never raises :class:`LTError`.
    """
    chunks = build_chunks(pieces, client.limits.max_chars)
    outcome = Outcome()
    lock = threading.Lock()
    todo = deque(chunks)
    stop = threading.Event()

    def run_one(chunk: Chunk) -> None:
        if stop.is_set():
            with lock:
                outcome.failed_blocks.update(p.block for p in chunk.pieces)
            return
        try:
            answer = client.check({**params, **chunk.form})
            placed, bad = place_matches(chunk.pieces, chunk.starts, chunk.sent, answer["matches"])
        except LTError as exc:
            stop.set()
            with lock:
                outcome.requests += 1
                outcome.error = outcome.error or exc
                outcome.failed_blocks.update(p.block for p in chunk.pieces)
            return
        with lock:
            outcome.requests += 1
            outcome.placed.extend(placed)
            outcome.bad_matches += bad
            software = answer.get("software")
            if isinstance(software, dict) and not outcome.server:
                outcome.server = software

    def worker() -> None:
        while True:
            with lock:
                if not todo:
                    return
                chunk = todo.popleft()
            run_one(chunk)

    if len(chunks) <= 1:
        for chunk in chunks:
            run_one(chunk)
        return outcome
    threads = [
        threading.Thread(target=worker, name="proofdesk-languagetool", daemon=True)
        for _ in range(min(client.limits.max_in_flight, len(chunks)))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome
