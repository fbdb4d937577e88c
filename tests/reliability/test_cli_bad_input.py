"""Every bad input on the command line: one line on stderr naming the problem, exit 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from proofdesk.cli.main import main

GOOD = "Harbour news: the ferry now runs twice a day.\n"


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out = capsys.readouterr()
    return code, out.out, out.err


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
