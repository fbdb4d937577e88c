"""Plain-text drafts: encodings, BOMs, the Windows-1252 fallback and line endings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from proofdesk.core.io.errors import InputError
from proofdesk.core.io.readers import read_document

TEXT = "Café owners say the “new” rules cost £40 a week.\nSecond line — with a dash."


def _write(tmp_path: Path, data: bytes, name: str = "draft.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_unicode_encodings_read_exactly(tmp_path: Path, prefix: bytes, encoding: str) -> None:
    doc = read_document(_write(tmp_path, prefix + TEXT.encode(encoding)))
    assert doc.text == TEXT
    assert doc.notices == []
    assert [b.text for b in doc.blocks] == TEXT.split("\n")


def test_invalid_utf8_is_read_as_windows_1252_with_a_notice(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, TEXT.encode("cp1252")))
    assert doc.text == TEXT
    assert len(doc.notices) == 1
    assert "not valid UTF-8" in doc.notices[0] and "Windows-1252" in doc.notices[0]


def test_bytes_undefined_in_windows_1252_are_kept_not_lost(tmp_path: Path) -> None:
    # 0x81 and 0x9d have no cp1252 character; they must come through (as latin-1), not vanish.
    doc = read_document(_write(tmp_path, b"caf\xe9 \x81 and \x9d end"))
    assert doc.text == "café \x81 and \x9d end"
    assert doc.notices


@pytest.mark.parametrize(
    ("data", "mixed"),
    [
        (b"one\r\ntwo\r\nthree", False),
        (b"one\rtwo\rthree", False),
        (b"one\r\ntwo\nthree\rfour", True),
    ],
)
def test_line_endings_are_normalised(tmp_path: Path, data: bytes, mixed: bool) -> None:
    doc = read_document(_write(tmp_path, data))
    assert "\r" not in doc.text
    assert doc.text.startswith("one\ntwo\nthree")
    assert bool(doc.notices) == mixed


def test_bom_with_invalid_content_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        read_document(_write(tmp_path, codecs.BOM_UTF8 + b"ok \xff\xfe broken"))


def test_urls_in_plain_text_are_skipped(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, b"Read more at https://example.org/story?id=4, or mail desk@example.org."))
    block = doc.blocks[0]
    assert [block.text[s:e] for s, e in block.skips] == ["https://example.org/story?id=4", "desk@example.org"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path: Path, encoding: str) -> None:
    doc = read_document(_write(tmp_path, "Plain English story text.\nSecond line.".encode(encoding)))
    assert doc.text == "Plain English story text.\nSecond line."
    assert "no byte-order mark" in doc.notices[0]


def test_binary_with_nul_bytes_is_not_mistaken_for_utf16(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary"):
        read_document(_write(tmp_path, bytes(range(256)) * 8))
