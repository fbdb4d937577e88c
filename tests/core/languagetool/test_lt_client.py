"""The HTTP client and request packing, against the LanguageTool test double."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from lt_double import LanguageToolDouble

from proofdesk.core.languagetool.client import (
    PARAGRAPH_BREAK,
    Limits,
    LTClient,
    LTError,
    build_chunks,
    check_pieces,
    normalise_base_url,
    split_long,
)
from proofdesk.core.languagetool.mapping import Piece


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("http://lt.desk:8081", "http://lt.desk:8081"),
        ("http://lt.desk:8081/", "http://lt.desk:8081"),
        ("http://lt.desk:8081/v2/", "http://lt.desk:8081"),
        ("https://lt.desk/tools/languagetool/v2", "https://lt.desk/tools/languagetool"),
    ],
)
def test_base_url_accepts_the_forms_users_paste(given: str, base: str) -> None:
    assert normalise_base_url(given) == base


def test_not_a_url_is_refused() -> None:
    with pytest.raises(ValueError, match="not an http"):
        LTClient("ftp://example")


# Packing blocks into requests --------------------------------------------------


def test_blocks_are_packed_on_paragraph_boundaries_under_the_limit() -> None:
    pieces = [Piece(i, 0, f"Paragraph {i} " + "word " * 30) for i in range(20)]
    chunks = build_chunks(pieces, max_chars=500)
    assert len(chunks) > 1
    assert [p for c in chunks for p in c.pieces] == pieces  # order kept, nothing lost or split
    for chunk in chunks:
        assert len(chunk.sent) <= 500
        assert chunk.sent == PARAGRAPH_BREAK.join(p.text for p in chunk.pieces)
        for piece, start in zip(chunk.pieces, chunk.starts, strict=True):
            assert chunk.sent[start : start + len(piece.text)] == piece.text


def test_a_paragraph_longer_than_the_limit_is_cut_after_a_sentence() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(100))
    pieces = split_long(7, text, (), max_chars=300)
    assert len(pieces) > 1
    assert "".join(p.text for p in pieces) == text
    assert all(len(p.text) <= 300 for p in pieces)
    assert all(p.text.rstrip().endswith(".") for p in pieces)
    assert all(text[p.offset : p.offset + len(p.text)] == p.text for p in pieces)


def test_a_long_paragraph_is_never_cut_inside_a_url() -> None:
    url = "https://example.org/" + "a" * 80
    text = ("word " * 50) + url + (" word" * 50)
    start = text.index(url)
    pieces = split_long(0, text, ((start, start + len(url)),), max_chars=270)
    assert "".join(p.text for p in pieces) == text
    for p in pieces:
        assert not (p.offset < start < p.offset + len(p.text) < start + len(url))
    with_url = [p for p in pieces if url in p.text]
    assert len(with_url) == 1 and with_url[0].skips == (
        (with_url[0].text.index(url), with_url[0].text.index(url) + len(url)),
    )


def test_skipped_spans_go_as_markup_and_keep_their_length() -> None:
    text = "Run `rm -rf` now."
    chunk = build_chunks([Piece(0, 0, "Intro."), Piece(1, 0, text, ((4, 12),))], 1000)[0]
    data = json.loads(chunk.form["data"])
    assert data["annotation"] == [
        {"text": "Intro."},
        {"text": PARAGRAPH_BREAK},
        {"text": "Run "},
        {"markup": "`rm -rf`", "interpretAs": "Dummy0"},
        {"text": " now."},
    ]
    assert "".join(a.get("text", a.get("markup", "")) for a in data["annotation"]) == chunk.sent
    assert "text" not in chunk.form


# Talking to a server ---------------------------------------------------------------


def test_languages_and_check(double: LanguageToolDouble) -> None:
    client = LTClient(double.url + "/v2/")
    assert "en-GB" in {lang["longCode"] for lang in client.languages()}
    answer = client.check({"text": "She ate a apple.", "language": "en-GB"})
    assert [(m["rule"]["id"], m["offset"], m["length"]) for m in answer["matches"]] == [("EN_A_VS_AN", 8, 1)]


@pytest.mark.parametrize(
    ("form", "kind", "text"),
    [
        ({"language": "en-GB"}, "http", "HTTP 400: Error: Missing 'text'"),
        ({"text": "x", "language": "xx-YY"}, "http", "not a language code"),
    ],
)
def test_server_errors_are_reported_with_its_reason(
    double: LanguageToolDouble, form: dict[str, str], kind: str, text: str
) -> None:
    with pytest.raises(LTError, match=text) as info:
        LTClient(double.url).check(form)
    assert info.value.kind == kind


def test_text_over_the_server_limit_is_a_clear_error() -> None:
    with LanguageToolDouble(max_text_length=50) as server, pytest.raises(LTError, match="exceeds the limit"):
        LTClient(server.url).check({"text": "x" * 60, "language": "en-GB"})


def test_garbage_is_reported_as_not_languagetool() -> None:
    with LanguageToolDouble(mode="garbage") as server, pytest.raises(LTError, match="did not answer with JSON") as info:
        LTClient(server.url).check({"text": "Hello.", "language": "en-GB"})
    assert info.value.kind == "garbage"


def test_nothing_listening_is_unreachable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(LTError, match="nothing is listening") as info:
        LTClient(f"http://127.0.0.1:{port}").languages()
    assert info.value.kind == "unreachable"


def test_a_hanging_server_costs_the_timeout_and_no_more() -> None:
    with LanguageToolDouble(mode="hang") as server:
        started = time.monotonic()
        with pytest.raises(LTError, match=r"did not answer within 0\.4 s") as info:
            LTClient(server.url, Limits(timeout=0.4)).check({"text": "Hello.", "language": "en-GB"})
        took = time.monotonic() - started
    assert info.value.kind == "timeout"
    assert 0.35 < took < 1.5


def test_a_trickling_server_is_cut_off_at_the_deadline() -> None:
    # Sends a byte every 0.1 s: each read is fast, the whole answer never comes.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b" ")
            except OSError:
                break
            time.sleep(0.1)
        conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    started = time.monotonic()
    with pytest.raises(LTError) as info:
        LTClient(f"http://127.0.0.1:{listener.getsockname()[1]}", Limits(timeout=0.5)).languages()
    took = time.monotonic() - started
    stop.set()
    listener.close()
    assert info.value.kind == "timeout"
    assert took < 1.5


def test_requests_in_flight_are_bounded_and_parallel() -> None:
    pieces = [Piece(i, 0, f"Block {i} has a apple in it.") for i in range(12)]
    with LanguageToolDouble(delay=0.15) as server:
        client = LTClient(server.url, Limits(timeout=5, max_in_flight=3, max_chars=70))
        started = time.monotonic()
        outcome = check_pieces(client, pieces, {"language": "en-GB"})
        took = time.monotonic() - started
        assert outcome.error is None and outcome.requests == len(server.checks()) == 6
        assert server.max_concurrent == 3
    assert sorted(p.block for p in outcome.placed) == list(range(12))
    assert took < 6 * 0.15  # sequential would take at least this


def test_bound_holds_across_concurrent_checks_in_one_process() -> None:
    pieces = [Piece(i, 0, f"Block {i}.") for i in range(4)]
    with LanguageToolDouble(delay=0.1) as server:
        limits = Limits(timeout=5, max_in_flight=2, max_chars=12)
        runs = [
            threading.Thread(target=check_pieces, args=(LTClient(server.url, limits), pieces, {"language": "en-GB"}))
            for _ in range(3)
        ]
        for t in runs:
            t.start()
        for t in runs:
            t.join()
        assert len(server.checks()) == 12
        assert server.max_concurrent <= 2


def test_first_failure_stops_the_remaining_requests() -> None:
    pieces = [Piece(i, 0, f"Block {i}.") for i in range(10)]
    with LanguageToolDouble(mode="hang") as server:
        client = LTClient(server.url, Limits(timeout=0.3, max_in_flight=2, max_chars=12))
        started = time.monotonic()
        outcome = check_pieces(client, pieces, {"language": "en-GB"})
        took = time.monotonic() - started
        sent = len(server.checks())
    assert outcome.error is not None and outcome.error.kind == "timeout"
    assert outcome.failed_blocks == set(range(10))
    assert sent <= 2
    assert took < 1.0
