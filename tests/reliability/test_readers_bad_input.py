"""Every bad or hostile draft gets a clear InputError or is read correctly — never a traceback or a hang."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofdesk.core.document import BlockKind, Document
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.readers import MAX_BYTES, read_document

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def _file(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def _tiles(doc: Document) -> None:
    last = 0
    for b in doc.blocks:
        assert b.start >= last and doc.text[b.start : b.end] == b.text
        for s, e in b.skips:
            assert 0 <= s < e <= len(b.text)
        last = b.end


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n\t \r\n", "is empty"),
        ("picture.txt", PNG + bytes(range(256)) * 4, "binary"),
        ("noise.txt", bytes((i * 37) % 31 + 1 for i in range(4000)), "binary"),
        ("nul.txt", b"story text\x00with a NUL", "NUL"),
        ("nul.md", b"# Head\n\nbody\x00", "NUL"),
        ("image.md", PNG * 10, "binary"),
        ("draft.rtf", b"{\\rtf1 hello}", "unsupported file type .rtf"),
        ("draft", b"no extension", "unsupported file type (no extension)"),
        ("draft.doc", b"\xd0\xcf\x11\xe0", "unsupported file type .doc"),
        ("only-furniture.html", b"<nav><a href='/'>Home</a></nav><footer>(c) 2026</footer>", "no article text"),
        ("only-script.html", b"<script>var story = 'not text';</script>", "no article text"),
        ("utf16-bad.txt", b"\xff\xfeA\x00\x00\xd8", "not valid utf-16"),
    ],
)
def test_bad_files_get_specific_errors(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = _file(tmp_path, name, data)
    with pytest.raises(InputError, match=re.escape(reason)) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path: Path) -> None:
    path = _file(tmp_path, "secret.txt", "embargoed")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o600)


def test_permission_denied_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too: the read itself is refused, as on a file locked by another program.
    path = _file(tmp_path, "locked.txt", "embargoed")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
def test_over_the_size_limit_is_refused_before_reading(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no 20 MB actually written
    with pytest.raises(InputError, match="MB; drafts over 20 MB are not supported"):
        read_document(path)


def test_windows_1252_file_is_read_with_a_notice(tmp_path: Path) -> None:
    doc = read_document(_file(tmp_path, "old.txt", "Caf\u00e9 \u201cquotes\u201d".encode("cp1252")))
    assert doc.text == "Café “quotes”" and "Windows-1252" in doc.notices[0]


def test_mixed_line_endings_are_read_with_a_notice(tmp_path: Path) -> None:
    doc = read_document(_file(tmp_path, "mixed.txt", b"one\r\ntwo\nthree\rfour"))
    assert doc.text == "one\ntwo\nthree\nfour" and doc.notices


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_one_megabyte_line(tmp_path: Path, suffix: str) -> None:
    line = ("Council officials said the plan was sound, " * 25000)[:1_000_000]
    body = f"<p>{line}</p>" if suffix == ".html" else line
    t0 = time.perf_counter()
    doc = read_document(_file(tmp_path, f"long{suffix}", body))
    assert time.perf_counter() - t0 < 10
    assert len(doc.blocks) == 1 and len(doc.blocks[0].text) >= 999_000
    _tiles(doc)


def test_a_line_of_markdown_punctuation_does_not_backtrack(tmp_path: Path) -> None:
    # Unmatched backticks, brackets and emphasis runs: the worst case for regex-based inline scanners.
    hostile = ("`a``[b](<*_" * 30_000)[:300_000]
    t0 = time.perf_counter()
    doc = read_document(_file(tmp_path, "punct.md", hostile))
    assert time.perf_counter() - t0 < 15
    _tiles(doc)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_rtl_and_astral_characters_keep_exact_offsets(tmp_path: Path, suffix: str) -> None:
    line = "المجلس وافق 😀 on the 𝔣𝔞𝔫𝔠𝔶 plan — שלום‏ x"
    body = f"<p>{line}</p>" if suffix == ".html" else f"{line}\n\nSecond 🇬🇧 para"
    doc = read_document(_file(tmp_path, f"rtl{suffix}", body))
    _tiles(doc)
    assert doc.blocks[0].text == line
    assert doc.text.index("plan") == line.index("plan")  # code points, not UTF-16 units or bytes


@pytest.mark.parametrize(
    "source",
    [
        "- " * 10_000 + "deep item\n",
        "> " * 10_000 + "deep quote\n",
        "1. " * 10_000 + "deep number\n",
        "".join("  " * i + "- level\n" for i in range(2_000)),
    ],
    ids=["dash-10000", "quote-10000", "ordered-10000", "indented-2000"],
)
def test_deeply_nested_markdown(tmp_path: Path, source: str) -> None:
    t0 = time.perf_counter()
    doc = read_document(_file(tmp_path, "deep.md", source))
    assert time.perf_counter() - t0 < 20
    _tiles(doc)
    last_word = source.strip().split()[-1]
    assert any(last_word in b.text for b in doc.blocks), "the deepest text must still be checked"
    assert any("nests deeper" in n for n in doc.notices)


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Unclosed paragraph<p>another <b>bold <i>both</b> italic?</p></div></span>",
        "<<<>>><p>Text after junk & stray ampersand</p>",
        "<p>Text with a NUL\x00 inside and an unknown entity &bogus; here</p>",
        "<html><body>" + "<div>" * 5000 + "<p>buried text in a deep tree</p>",
        '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>XHTML declaration text</p></body></html>',
        "<html><body><table><tr><td>cell one text<td>cell two text</table><p>after the table",
        "<p>"
        + "<a href='#'>x</a>" * 2000
        + " words at the end of a link farm</p><p>A real paragraph of story text.</p>",
    ],
)
def test_malformed_html_never_crashes(tmp_path: Path, markup: str) -> None:
    path = _file(tmp_path, "broken.html", markup.encode("utf-8"))
    try:
        doc = read_document(path)
    except InputError as exc:
        assert "no article text" in exc.reason
        return
    _tiles(doc)
    assert "<" not in doc.text.replace("<<<", "").replace(">>>", "") or "&" in doc.text


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("A short story about a bridge.")
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda b: b[:200], "corrupt or truncated"),
        (lambda b: b[: len(b) - 40], "corrupt or truncated"),
        (
            lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"),
            "password",
        ),
        (lambda b: b"PK\x03\x04" + b"\xff" * 100, "corrupt or truncated"),
    ],
    ids=["truncated-200", "truncated-tail", "encrypted", "fake-zip"],
)
def test_broken_docx(tmp_path: Path, mangle: object, reason: str) -> None:
    path = _file(tmp_path, "story.docx", mangle(_docx_bytes()))  # type: ignore[operator]
    with pytest.raises(InputError, match=reason):
        read_document(path)


def test_zip_of_something_else_named_docx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("photos/1.jpg", b"\xff\xd8\xff")
    with pytest.raises(InputError, match="not a Word document"):
        read_document(_file(tmp_path, "story.docx", buf.getvalue()))


def test_docx_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from proofdesk.core.io import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED", 1024 * 1024)  # the real limit is 200 MB; same code path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (2 * 1024 * 1024))
    with pytest.raises(InputError, match="unpacks to more than"):
        read_document(_file(tmp_path, "bomb.docx", buf.getvalue()))


# Short fuzz runs: random bytes into every reader. Anything but InputError is a bug.
_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
@_FUZZ
@given(data=st.binary(min_size=1, max_size=3000))
def test_fuzz_random_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except InputError:
        return
    _tiles(doc)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=10_000), flip=st.integers(min_value=0, max_value=10_000))
def test_fuzz_damaged_docx(tmp_path: Path, cut: int, flip: int) -> None:
    data = bytearray(_docx_bytes())
    data[flip % len(data)] ^= 0xFF
    path = tmp_path / "fuzz.docx"
    path.write_bytes(bytes(data[: max(1, len(data) - cut % len(data))]))
    try:
        doc = read_document(path)
    except InputError:
        return
    _tiles(doc)
    assert all(b.kind in BlockKind for b in doc.blocks)
