"""Hypothesis properties: readers always tile their text exactly; writers round-trip text literally."""

from __future__ import annotations

import io
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_support import html_blocks

from proofdesk.core.document import Document, document_from_text
from proofdesk.core.io.docx_reader import read_docx
from proofdesk.core.io.html_reader import read_html
from proofdesk.core.io.markdown_reader import markdown_document, plain_blocks
from proofdesk.core.io.writers import render

BUDGET = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MD_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "> ",
        "- ",
        "* ",
        "1. ",
        "  ",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "```",
        "`",
        "**",
        "_",
        "[",
        "](",
        ")",
        "![",
        "<b>",
        "</b>",
        "&amp;",
        "\\",
        "http://x.org/a",
        "---",
        "===",
        "|",
        " | ",
        "word",
        "Ünïcödé",
        "😀",
        "שלום",
    ]
)
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
)


def assert_tiles(doc: Document) -> None:
    last = 0
    for b in doc.blocks:
        assert last <= b.start <= b.end <= len(doc.text)
        assert doc.text[b.start : b.end] == b.text
        prev = 0
        for s, e in b.skips:
            assert prev <= s < e <= len(b.text)
            prev = e
        last = b.end


@BUDGET
@given(st.lists(st.one_of(MD_PIECES, WORDS), max_size=60).map("".join))
def test_markdown_blocks_tile_the_source(source: str) -> None:
    doc = markdown_document(source)
    assert doc.text == source
    assert_tiles(doc)
    plain_blocks(source)  # never raises


PARA = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())


@BUDGET
@given(
    st.lists(st.tuples(st.sampled_from(["p", "h2", "li", "figcaption", "blockquote"]), PARA), min_size=1, max_size=8)
)
def test_html_reader_gives_back_each_paragraph(parts: list[tuple[str, str]]) -> None:
    body = "".join(
        f"<ul><li>{escape(t)}</li></ul>" if tag == "li" else f"<{tag}>{escape(t)}</{tag}>" for tag, t in parts
    )
    doc = read_html(Path("x.html"), f"<html><body><article>{body}</article></body></html>".encode())
    assert_tiles(doc)
    expected = [re.sub(r"[ \t\n\r\f]+", " ", t).strip(" ") for _, t in parts]
    assert [b.text for b in doc.blocks] == [t for t in expected if t.strip()]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Normal", "Heading 1", "Caption", "List Bullet", "Quote", "Title"]), PARA),
        min_size=1,
        max_size=6,
    ),
    st.data(),
)
def test_docx_round_trip_with_random_edits(paras: list[tuple[str, str]], data: st.DataObject) -> None:
    import docx

    from proofdesk.core.io.docx_writer import xml_safe

    d = docx.Document()
    for style, text in paras:
        d.add_paragraph(xml_safe(text), style=style)
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx(Path("x.docx"), buf.getvalue())
    assert_tiles(doc)
    if not doc.blocks:
        return
    clean = PARA.filter(lambda s: "\n" not in s and s.strip() == s and "\t" not in s)
    # Any replacement of a paragraph's text reads back as exactly the new text.
    i = data.draw(st.integers(0, len(doc.blocks) - 1))
    b = doc.blocks[i]
    new_text = doc.text[: b.start] + data.draw(clean) + doc.text[b.end :]
    assert read_docx(Path("y.docx"), render(doc, new_text, "docx")).text == new_text
    # A correction inside a paragraph (a word inserted) also keeps every paragraph's style.
    at = data.draw(st.integers(b.start, b.end))
    new_text = doc.text[:at] + data.draw(clean) + doc.text[at:]
    back = read_docx(Path("y.docx"), render(doc, new_text, "docx"))
    assert back.text == new_text
    assert [(x.kind, x.level) for x in back.blocks] == [(x.kind, x.level) for x in doc.blocks]


@BUDGET
@given(st.lists(PARA.filter(lambda s: "\n" not in s), min_size=1, max_size=6))
def test_html_export_shows_every_character_of_a_plain_draft(lines: list[str]) -> None:
    text = "\n".join(lines)
    html = render(document_from_text(text), text, "html").decode("utf-8")
    blocks, tags = html_blocks(html)
    assert set(tags) <= {"html", "head", "meta", "title", "body", "p"}
    expected = [" ".join(line.replace("\x02", "").replace("\x03", "").split()) for line in lines]
    assert blocks == [e for e in expected if e]


@BUDGET
@given(st.lists(PARA.filter(lambda s: "\n" not in s), min_size=1, max_size=6))
def test_markdown_export_of_a_plain_draft_reads_back_literally(lines: list[str]) -> None:
    text = "\n".join(lines)
    md = render(document_from_text(text), text, "md").decode("utf-8")
    back = [b.text for b in plain_blocks(md)]
    assert back == [line.strip() for line in lines if line.strip()]


@BUDGET
@given(st.text(max_size=80), st.text(max_size=80))
def test_char_opcodes_cover_both_texts(old: str, new: str) -> None:
    from proofdesk.core.io.docx_writer import char_opcodes

    pos_a = pos_b = 0
    for tag, i1, i2, j1, j2 in char_opcodes(old, new):
        assert (i1, j1) == (pos_a, pos_b)
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        pos_a, pos_b = i2, j2
    assert (pos_a, pos_b) == (len(old), len(new))


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "<iframe src=//x>",
        "![p](data:text/html,x)",
        "<a href='javascript:x'>y</a>",
        "&lt;script&gt;",
        "[e](&#106;avascript:alert(1))",
        "[t](java&#x09;script:x)",
        "<http://ok.example>",
        "\n\n",
    ]
)


SAFE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "body",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "br",
    "hr",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))


@BUDGET
@given(st.lists(st.one_of(MD_PIECES, WORDS, HOSTILE), max_size=40).map("".join))
def test_html_export_of_any_markdown_has_no_live_markup(source: str) -> None:
    html = render(markdown_document(source), source, "html").decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.seen:
        assert tag in SAFE_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), value
