"""Every bad input on the command line: one line on stderr naming the problem, exit 2, never a traceback."""

from __future__ import annotations

import json
import os
import socketserver
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_runner import run_main
from proofdesk.core.io.readers import read_document

GOOD = "Harbour news: the ferry now runs twice a day.\n"


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {err!r}"
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"


def _good(tmp: Path) -> Path:
    p = tmp / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


# Each case builds its input in tmp and returns (argv, words the message must contain).
Case = Callable[[Path], tuple[list[str], list[str]]]


def _missing(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(tmp / "nope.txt")], ["nope.txt", "no such file"]


def _directory(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "folder.txt").mkdir()
    return ["check", str(tmp / "folder.txt")], ["folder.txt", "folder"]


def _binary(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return ["check", str(tmp / "photo.txt")], ["photo.txt", "binary"]


def _empty(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "empty.txt").write_bytes(b"")
    return ["check", str(tmp / "empty.txt")], ["empty.txt", "empty"]


def _blank(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    return ["check", str(tmp / "blank.txt")], ["blank.txt"]


def _unknown_extension(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "story.pdf").write_bytes(b"%PDF-1.4 not really")
    return ["check", str(tmp / "story.pdf")], ["story.pdf", ".pdf"]


def _bad_lang(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--lang", "fr-FR"], ["--lang", "fr-FR"]


def _bad_only(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--only", "spelling,speling"], ["--only", "speling"]


def _empty_only(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--only", "spelling,"], ["--only"]


def _bad_languagetool(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--languagetool", "sometimes"], ["--languagetool", "sometimes"]


def _languagetool_ftp(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--languagetool", "ftp://lt.example"], ["--languagetool", "ftp://lt.example"]


def _bad_format(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--format", "xml"], ["--format", "xml"]


def _missing_style(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--style", str(tmp / "house.yaml")], ["--style", "house.yaml", "no such file"]


def _no_file_given(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check"], ["FILE"]


def _unknown_option(tmp: Path) -> tuple[list[str], list[str]]:
    return ["check", str(_good(tmp)), "--colour"], ["--colour"]


def _fix_without_target(tmp: Path) -> tuple[list[str], list[str]]:
    return ["fix", str(_good(tmp))], ["-o", "--in-place"]


def _fix_onto_itself(tmp: Path) -> tuple[list[str], list[str]]:
    good = _good(tmp)
    return ["fix", str(good), "-o", str(good)], ["good.txt", "--in-place"]


def _fix_bad_accept(tmp: Path) -> tuple[list[str], list[str]]:
    return ["fix", str(_good(tmp)), "--accept", "spelling,nonsense", "-o", str(tmp / "o.txt")], ["nonsense"]


def _fix_unknown_output_type(tmp: Path) -> tuple[list[str], list[str]]:
    return ["fix", str(_good(tmp)), "-o", str(tmp / "fixed.rtf")], ["fixed.rtf", ".rtf"]


def _export_bad_to(tmp: Path) -> tuple[list[str], list[str]]:
    return ["export", str(_good(tmp)), "--to", "pdf", "-o", str(tmp / "o.pdf")], ["--to", "pdf"]


def _export_bad_report(tmp: Path) -> tuple[list[str], list[str]]:
    argv = ["export", str(_good(tmp)), "--to", "txt", "-o", str(tmp / "o.txt"), "--report", str(tmp / "r.xlsx")]
    return argv, ["--report", "r.xlsx"]


def _restore_nothing(tmp: Path) -> tuple[list[str], list[str]]:
    return ["restore", str(_good(tmp))], ["good.txt", "no backups"]


def _restore_bad_pick(tmp: Path) -> tuple[list[str], list[str]]:
    return ["restore", str(_good(tmp)), "--pick", "0"], ["--pick"]


CASES: dict[str, Case] = {
    "missing file": _missing,
    "directory": _directory,
    "binary file": _binary,
    "empty file": _empty,
    "only whitespace": _blank,
    "unknown extension": _unknown_extension,
    "bad --lang": _bad_lang,
    "bad --only selector": _bad_only,
    "empty --only item": _empty_only,
    "bad --languagetool word": _bad_languagetool,
    "bad --languagetool scheme": _languagetool_ftp,
    "bad --format": _bad_format,
    "missing --style file": _missing_style,
    "no FILE": _no_file_given,
    "unknown option": _unknown_option,
    "fix without -o/--in-place": _fix_without_target,
    "fix -o onto the draft": _fix_onto_itself,
    "fix bad --accept": _fix_bad_accept,
    "fix unknown output type": _fix_unknown_output_type,
    "export bad --to": _export_bad_to,
    "export bad --report type": _export_bad_report,
    "restore with no backups": _restore_nothing,
    "restore --pick 0": _restore_bad_pick,
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_line_and_exit_2(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv, needles = CASES[name](tmp_path)
    code, out, err = run_main(argv, capsys)
    assert_one_line_error(code, err, *needles)
    assert out == ""


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        # Running as root: permissions do not stop us, so make the read fail the way it would for a user.
        real = Path.read_bytes

        def deny(self: Path) -> bytes:
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", deny)
    try:
        code, _, err = run_main(["check", str(locked)], capsys)
    finally:
        locked.chmod(0o644)
    assert_one_line_error(code, err, "locked.txt", "permission denied")


def test_every_bad_file_is_named_when_several_are_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _good(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run_main(["check", str(good), str(tmp_path / "gone.txt"), str(tmp_path / "empty.txt")], capsys)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert "gone.txt" in lines[0] and "empty.txt" in lines[1]


def test_app_without_gui_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulate a machine without PySide6: the launcher must explain, not crash.
    monkeypatch.setitem(sys.modules, "proofdesk.gui.app", None)
    code, _, err = run_main([str(_good(tmp_path))], capsys)
    assert_one_line_error(code, err, "desktop app", "proofdesk check")


@pytest.mark.parametrize(
    ("argv_tail", "needles"),
    [
        (["check", "{tmp}/missing.txt"], ["missing.txt", "no such file"]),
        (["check", "{tmp}", "--format", "json"], ["folder"]),
        (["check", "{good}", "--lang", "xx"], ["--lang"]),
    ],
)
def test_real_process_never_shows_a_traceback(tmp_path: Path, argv_tail: list[str], needles: list[str]) -> None:
    good = _good(tmp_path)
    argv = [a.format(tmp=tmp_path, good=good) for a in argv_tail]
    proc = subprocess.run(
        [sys.executable, "-m", "proofdesk.cli.main", *argv], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert_one_line_error(proc.returncode, proc.stderr, *needles)


# --- hard inputs that can still be read: a notice on stderr where the user must know, never a traceback ---


def _write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def _docx_of_something_else(tmp: Path) -> Path:
    import zipfile

    p = tmp / "holiday.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("photos/beach.txt", "not a document")
    return p


def _too_big(tmp: Path) -> Path:
    p = tmp / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: the size check must refuse it before reading
    return p


REFUSED: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "NUL bytes": (lambda t: _write(t, "nul.txt", b"Council\x00 meets\n"), ["nul.txt", "NUL"]),
    "50 MB text file": (_too_big, ["huge.txt", "MB"]),
    "truncated .docx": (lambda t: _write(t, "cut.docx", b"PK\x03\x04\x14\x00truncated"), ["cut.docx", "corrupt"]),
    "zip of something else": (_docx_of_something_else, ["holiday.docx", "not a Word document"]),
    "old .doc named .docx": (
        lambda t: _write(t, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)),
        ["old.docx"],
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_unreadable_drafts_are_refused_clearly(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, needles = REFUSED[name]
    code, out, err = run_main(["check", str(make(tmp_path)), "--languagetool", "off"], capsys)
    assert_one_line_error(code, err, *needles)
    assert out == ""


READABLE: dict[str, tuple[Callable[[Path], Path], str | None]] = {
    "invalid UTF-8": (lambda t: _write(t, "cafe.txt", b"Caf\xe9 opens on Brindle Street.\n"), "Windows-1252"),
    "mixed line endings": (lambda t: _write(t, "mixed.txt", b"One.\r\nTwo.\nThree.\rFour.\n"), "line endings"),
    "malformed HTML": (
        lambda t: _write(t, "page.html", b"<html><body><p>Ferry <b>news <div><p>Fares &bogus; rise\n"),
        None,
    ),
    "10,000-level nested list": (lambda t: _write(t, "deep.md", b"- " * 10_000 + b"item\n"), "levels"),
    "1 MB line without a newline": (lambda t: _write(t, "long.txt", b"harbour " * 131_072), None),
    "right-to-left and astral text": (
        lambda t: _write(t, "rtl.txt", "مرحبا 🎉 the harbour 𝐀 opens.\n".encode()),
        None,
    ),
}


@pytest.mark.parametrize("name", list(READABLE))
def test_hard_but_readable_drafts_are_checked(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, notice = READABLE[name]
    path = make(tmp_path)
    # Typography alone keeps this about reading, not about how fast every check family is.
    code, out, err = run_main(["check", str(path), "--only", "typography", "--format", "json"], capsys)
    assert code in (0, 1), err
    assert "Traceback" not in err
    data = json.loads(out)
    text = read_document(path).text
    for f in data["files"][0]["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
    # Grammar status notices are process-wide and said once; only the reader's notices matter here.
    about_draft = [line for line in err.splitlines() if "LanguageTool" not in line and "Grammar" not in line]
    if notice is None:
        assert about_draft == []
    else:
        assert len(about_draft) == 1 and notice in about_draft[0] and path.name in about_draft[0]


def test_malformed_house_style_points_at_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    style = tmp_path / "house.yaml"
    style.write_text("name: Desk\nrules: [1, 2\n", encoding="utf-8")
    code, out, err = run_main(["check", str(_good(tmp_path)), "--style", str(style), "--languagetool", "off"], capsys)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    assert all(line.startswith(f"proofdesk: {style}:") for line in err.splitlines())


def test_languagetool_answering_garbage_is_a_notice_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = socketserver.TCPServer(("127.0.0.1", 0), _GarbageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        code, out, err = run_main(
            ["check", str(_good(tmp_path)), "--only", "grammar", "--languagetool", url, "--format", "json"], capsys
        )
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0, err
    assert json.loads(out)["files"][0]["findings"] == []
    assert "Traceback" not in err
    assert url in err and "grammar" in err.lower()


class _GarbageHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(65536)
        body = b"{this is not json"
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        self.request.sendall(head + body)
