"""Writers: clean copy in every format, golden exports, .docx styles kept, edits land exactly where made."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from io_support import check_golden, corrected, docx_dump, html_blocks, sample

from proofdesk.core.document import BlockKind, document_from_text
from proofdesk.core.io.errors import OutputError
from proofdesk.core.io.readers import read_document
from proofdesk.core.io.writers import aligned_blocks, pair_paragraphs, write_document

SAMPLES = ["story.md", "story.html", "story.docx"]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_golden_exports(tmp_path: Path, name: str, fmt: str) -> None:
    doc = read_document(sample(name, tmp_path))
    out = tmp_path / f"out.{fmt}"
    write_document(doc, corrected(doc, name), out, fmt)
    actual = docx_dump(out) if fmt == "docx" else out.read_text(encoding="utf-8")
    check_golden(f"{name.replace('.', '-')}.{fmt}" + (".dump" if fmt == "docx" else ""), actual)


def test_docx_round_trip_changes_only_edited_paragraphs(tmp_path: Path) -> None:
    import docx

    src = sample("story.docx", tmp_path)
    doc = read_document(src)
    new_text = corrected(doc, "story.docx")
    out = tmp_path / "fixed.docx"
    write_document(doc, new_text, out)
    before = docx.Document(str(src))
    after = docx.Document(str(out))
    old_xml = [p._p.xml for p in before.paragraphs]
    new_xml = [p._p.xml for p in after.paragraphs]
    assert len(old_xml) == len(new_xml)
    changed = [i for i, (a, b) in enumerate(zip(old_xml, new_xml, strict=True)) if a != b]
    assert changed == [1, 9]  # the "9-4" paragraph and the "and and" paragraph, nothing else
    # The bold run stays bold with its new text; its neighbours keep their own text.
    runs = [(r.text, bool(r.bold)) for r in after.paragraphs[1].runs]
    assert runs == [("Councillors voted ", False), ("9-4", True), (" for the scheme after a two-hour debate.", False)]
    assert read_document(out).text == new_text
    assert [t._tbl.xml for t in before.tables] == [t._tbl.xml for t in after.tables]


def test_docx_deleted_and_inserted_paragraphs(tmp_path: Path) -> None:
    src = sample("story.docx", tmp_path)
    doc = read_document(src)
    caption = next(b for b in doc.blocks if b.kind is BlockKind.CAPTION)
    new_text = doc.text[: caption.start] + doc.text[caption.end + 2 :]
    new_text = new_text.replace("What changes", "What changes\n\nA new paragraph typed by the editor.")
    out = tmp_path / "cut.docx"
    write_document(doc, new_text, out)
    reread = read_document(out)
    assert reread.text == new_text
    assert caption.text not in reread.text
    inserted = next(b for b in reread.blocks if b.text.startswith("A new paragraph"))
    assert inserted.kind is BlockKind.HEADING  # takes the paragraph formatting of the one it follows
    kinds = [b.kind for b in reread.blocks]
    assert BlockKind.CAPTION not in kinds and kinds.count(BlockKind.LIST_ITEM) == 2


def test_docx_source_document_is_not_modified(tmp_path: Path) -> None:
    doc = read_document(sample("story.docx", tmp_path))
    first = doc.source.paragraphs[1].text
    write_document(doc, doc.text.replace("nine to four", "9-4"), tmp_path / "x.docx")
    assert doc.source.paragraphs[1].text == first


@pytest.mark.parametrize("name", SAMPLES)
def test_html_export_opens_and_matches_the_corrected_text(tmp_path: Path, name: str) -> None:
    doc = read_document(sample(name, tmp_path))
    new_text = corrected(doc, name)
    out = tmp_path / "out.html"
    write_document(doc, new_text, out, "html")
    blocks, tags = html_blocks(out.read_text(encoding="utf-8"))
    assert "script" not in tags
    expected = [b.text for b in aligned_blocks(doc, new_text)]
    norm = ["\n".join(" ".join(x.split()) for x in t.split("\n")) for t in expected]
    assert blocks == norm


def test_html_export_escapes_raw_html_from_a_plain_draft(tmp_path: Path) -> None:
    text = "<script>alert('x')</script> & &amp; <b>bold</b>\n<iframe src=javascript:alert(1)>\n*not em* # not heading"
    doc = document_from_text(text)
    out = tmp_path / "x.html"
    write_document(doc, text, out, "html")
    html = out.read_text(encoding="utf-8")
    blocks, tags = html_blocks(html)
    assert not {"script", "iframe", "b", "em", "h1"} & set(tags)
    assert blocks == text.split("\n")
    assert "&amp;amp;" in html


def test_html_export_of_markdown_neutralises_html_and_script_links(tmp_path: Path) -> None:
    text = "# Head\n\n<script>steal()</script>\n\n[click](javascript:alert(1)) and <img src=x onerror=alert(1)>\n"
    doc = read_document(_write(tmp_path, "evil.md", text))
    out = tmp_path / "evil.html"
    write_document(doc, text, out, "html")
    html = out.read_text(encoding="utf-8")
    _, tags = html_blocks(html)
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;steal()&lt;/script&gt;" in html
    assert "<a>click</a>" in html  # the link text stays, the javascript: target does not
    assert "javascript" not in html


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_txt_and_md_write_the_text_itself(tmp_path: Path) -> None:
    txt = read_document(_write(tmp_path, "a.txt", "Line one\n\nLine  two\n"))
    write_document(txt, "Line one\n\nLine two\n", tmp_path / "b.txt")
    assert (tmp_path / "b.txt").read_bytes() == b"Line one\n\nLine two\n"
    md = read_document(_write(tmp_path, "a.md", "# T\n\nSome *text*\n"))
    write_document(md, "# T\n\nSome *texts*\n", tmp_path / "b.md")
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "# T\n\nSome *texts*\n"


def test_markdown_export_of_plain_text_reads_back_literally(tmp_path: Path) -> None:
    text = "# not a heading\n- not a list\n1. not numbered\n*stars* and _unders_ and [brackets] <tag> & `ticks`"
    doc = document_from_text(text)
    write_document(doc, text, tmp_path / "x.md", "md")
    from proofdesk.core.io.markdown_reader import plain_blocks

    back = plain_blocks((tmp_path / "x.md").read_text(encoding="utf-8"))
    assert [(b.kind, b.text) for b in back] == [(BlockKind.PARAGRAPH, line) for line in text.split("\n")]


def test_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    path = _write(tmp_path, "draft.txt", "Original text\n")
    doc = read_document(path)
    with pytest.raises(OutputError, match="draft that was read"):
        write_document(doc, "Changed\n", path)
    with pytest.raises(OutputError, match="draft that was read"):
        write_document(doc, "Changed\n", tmp_path / "sub" / ".." / "draft.txt")
    assert path.read_text() == "Original text\n"
    write_document(doc, "Changed\n", path, allow_overwrite_input=True)
    assert path.read_text() == "Changed\n"


def test_unwritable_targets_get_clear_errors(tmp_path: Path) -> None:
    doc = document_from_text("Some text")
    with pytest.raises(OutputError, match="does not exist"):
        write_document(doc, "x", tmp_path / "missing" / "out.txt")
    with pytest.raises(OutputError, match="is a folder"):
        write_document(doc, "x", tmp_path)
    with pytest.raises(OutputError, match="cannot write format"):
        write_document(doc, "x", tmp_path / "o.rtf", "rtf")
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            with pytest.raises(OutputError, match="permission denied"):
                write_document(doc, "x", locked / "out.txt")
        finally:
            locked.chmod(stat.S_IRWXU)


def test_existing_target_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "shared.txt"
    out.write_text("old")
    out.chmod(0o664)
    write_document(document_from_text("new"), "new", out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    assert out.read_text() == "new"


@pytest.mark.parametrize(
    ("old", "new", "pairs"),
    [
        (["a", "b", "c"], ["a", "b", "c"], [(0, 0), (1, 1), (2, 2)]),
        (["a", "b", "c"], ["a", "c"], [(0, 0), (1, None), (2, 1)]),
        (["a", "c"], ["a", "b", "c"], [(0, 0), (None, 1), (1, 2)]),
        (["the cat sat", "x"], ["the cat sat down", "x"], [(0, 0), (1, 1)]),
        (["alpha beta gamma", "zzz"], ["new one", "alpha beta gamma!"], [(None, 0), (0, 1), (1, None)]),
    ],
)
def test_pair_paragraphs(old: list[str], new: list[str], pairs: list[tuple[int | None, int | None]]) -> None:
    assert pair_paragraphs(old, new) == pairs


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1&amp;c=2", True),
        ("mailto:desk@example.org", True),
        ("story.html#top", True),
        ("/news/today", True),
        ("#section", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("&amp;#106;avascript:alert(1)", False),
        ("java&#x09;script:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:msgbox", False),
    ],
)
def test_only_web_mail_and_relative_links_survive(url: str, safe: bool) -> None:
    from proofdesk.core.io.html_writer import is_safe_url

    assert is_safe_url(url) is safe
