"""Word drafts: kinds from styles, table cells, source kept for writing back, specific errors for bad files."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from proofdesk.core.document import BlockKind
from proofdesk.core.io.docx_reader import DocxSource
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.readers import read_document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "drafts"))
from make_docx import build_story_docx


@pytest.fixture
def story_docx(tmp_path: Path) -> Path:
    return build_story_docx(tmp_path / "story.docx")


def test_sample_docx_blocks(story_docx: Path) -> None:
    doc = read_document(story_docx)
    assert doc.source_format == "docx"
    got = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert got[:9] == [
        (BlockKind.HEADING, 1, "Council approves new cycle lanes"),
        (BlockKind.PARAGRAPH, 0, "Councillors voted nine to four for the scheme after a two-hour debate."),
        (BlockKind.HEADING, 2, "What changes"),
        (
            BlockKind.PARAGRAPH,
            0,
            "Segregated lanes will run along Mill Road and Station Street, with work starting in the autumn.",
        ),
        (BlockKind.CAPTION, 0, "A cyclist on Mill Road during the consultation. Photograph: Raj Patel"),
        (BlockKind.LIST_ITEM, 1, "Mill Road: 1.2km of new lane"),
        (BlockKind.LIST_ITEM, 1, "Station Street: 800m of new lane"),
        (BlockKind.QUOTE, 0, "We have waited a decade for this,"),
        (BlockKind.PARAGRAPH, 0, "Shopkeepers said they were worried about loading bays, and and asked for a review."),
    ]
    # Table cells, in reading order, then the paragraph after the table.
    assert [b.text for b in doc.blocks[9:]] == [
        "Road",
        "Length",
        "Mill Road",
        "1.2km",
        "The next meeting is on 4 March.",
    ]
    assert doc.text == "\n\n".join(b.text for b in doc.blocks)
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
    assert isinstance(doc.source, DocxSource)
    # The empty paragraph is skipped but keeps its place in the source numbering.
    assert [b.source_index for b in doc.blocks][7:10] == [7, 9, 10]


def test_merged_table_cells_are_read_once(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "Merged heading cell"
    t.cell(1, 0).text = "left"
    t.cell(1, 1).text = "right"
    path = tmp_path / "t.docx"
    d.save(str(path))
    assert [b.text for b in read_document(path).blocks] == ["Merged heading cell", "left", "right"]


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_bad_docx_files_get_specific_reasons(tmp_path: Path, story_docx: Path) -> None:
    good = story_docx.read_bytes()
    cases = {
        "truncated.docx": (good[: len(good) // 2], "corrupt or truncated"),
        "other.docx": (_zip({"readme.txt": b"hello"}), "zip archive of something else"),
        "odt.docx": (_zip({"content.xml": b"<x/>", "mimetype": b"x"}), "OpenDocument"),
        "plain.docx": (b"just some text pretending", "not a Word document"),
        "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word 97-2003"),
        "locked.docx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100,
            "password-protected",
        ),
    }
    for name, (data, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError, match=reason) as info:
            read_document(path)
        assert info.value.path == path


def test_docx_with_broken_xml(tmp_path: Path, story_docx: Path) -> None:
    src = zipfile.ZipFile(story_docx)
    files = {n: src.read(n) for n in src.namelist()}
    files["word/document.xml"] = files["word/document.xml"][:300]
    path = tmp_path / "broken.docx"
    path.write_bytes(_zip(files))
    with pytest.raises(InputError, match="damaged"):
        read_document(path)
