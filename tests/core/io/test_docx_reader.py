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


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _tracked_docx(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Headline in a content control</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    p = d.add_paragraph("The mayor ")
    p._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="Desk"><w:r><w:t>finally </w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="Desk"><w:r><w:delText>never </w:delText></w:r></w:del>'))
    p.add_run("agreed to the the plan.")
    d.save(str(path))
    return path


def test_tracked_insertions_and_content_controls_are_read(tmp_path: Path) -> None:
    doc = read_document(_tracked_docx(tmp_path / "tracked.docx"))
    assert [b.text for b in doc.blocks] == [
        "Headline in a content control",
        "The mayor finally agreed to the the plan.",
    ]


def test_edits_in_tracked_and_controlled_text_are_written_back(tmp_path: Path) -> None:
    from proofdesk.core.io.writers import write_document

    doc = read_document(_tracked_docx(tmp_path / "tracked.docx"))
    new_text = doc.text.replace("the the", "the").replace("finally", "at last").replace("Headline", "Title")
    out = tmp_path / "out.docx"
    write_document(doc, new_text, out)
    assert read_document(out).text == new_text
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "<w:ins" in xml and "at last" in xml and "<w:delText>never </w:delText>" in xml
