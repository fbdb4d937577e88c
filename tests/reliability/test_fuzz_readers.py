"""Structure-aware fuzzing of the readers (issue 8 item 7).

Random bytes (test_readers_bad_input.py) mostly stop at the first check — "not a zip", "binary". These
drafts are well-formed enough to reach the parsers: tag soup for HTML, block and inline syntax for
Markdown, and real .docx packages whose document.xml is random WordprocessingML (runs, tabs, breaks,
hyperlinks, fields, tables, stray characters). A reader either returns a Document whose blocks are exact
slices of its text, or raises InputError; anything else is a bug.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofdesk.core.document import Document
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.readers import read_document

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_words = st.sampled_from(
    ["harbour", "ferry", "Council", "said", "“quoted”", "'", '"', "🎉", "مرحبا", "𝐀", "&", "<", ">", " ", "  ", "\t"]
)
_text = st.lists(_words, max_size=8).map(" ".join)


def assert_tiles(doc: Document) -> None:
    last = 0
    for b in doc.blocks:
        assert last <= b.start <= b.end <= len(doc.text)
        assert doc.text[b.start : b.end] == b.text
        for s, e in b.skips:
            assert 0 <= s <= e <= len(b.text)
        last = b.end


def read_or_refuse(path: Path) -> None:
    try:
        doc = read_document(path)
    except InputError as exc:
        assert str(path) in str(exc)
        return
    assert_tiles(doc)


# --- HTML tag soup ---------------------------------------------------------------------------------------------

_TAGS = ["p", "div", "b", "i", "a", "span", "h1", "h2", "li", "ul", "ol", "blockquote", "table", "td", "tr"]
_TAGS += ["figure", "figcaption", "article", "main", "nav", "footer", "script", "style", "br", "pre", "code"]
_html_piece = st.one_of(
    _text,
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<!--", "-->", "&amp;", "&bogus;", "&#0;", "&#x1F389;", "<![CDATA[", "]]>", "<?xml ?>"]),
    st.sampled_from(['<a href="javascript:x">', '<p class="related">', '<div role="navigation">', "<meta charset=x>"]),
)


@FUZZ
@given(st.lists(_html_piece, min_size=1, max_size=60).map("".join))
def test_fuzz_html_tag_soup(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "soup.html"
    path.write_text(markup, encoding="utf-8")
    read_or_refuse(path)


# --- Markdown block and inline syntax ---------------------------------------------------------------------------

_md_piece = st.one_of(
    _text,
    st.sampled_from(["\n", "\n\n", "# ", "## ", "> ", "- ", "* ", "1. ", "    ", "```", "~~~", "---\n", "***"]),
    st.sampled_from(["`", "**", "_", "[", "](", ")", "![", "<", ">", "|", "\\", "<!-- vale off -->", "<div>"]),
    st.sampled_from(["---\ntitle: x\n---\n", "[^1]", "[^1]: note", "| a | b |\n|---|---|\n", "<https://x.y>"]),
)


@FUZZ
@given(st.lists(_md_piece, min_size=1, max_size=60).map("".join))
def test_fuzz_markdown_syntax(tmp_path: Path, source: str) -> None:
    path = tmp_path / "fuzz.md"
    path.write_text(source, encoding="utf-8")
    read_or_refuse(path)


# --- .docx packages with random WordprocessingML -----------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@cache
def _template() -> dict[str, bytes]:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Template.", style="Heading 1")
    d.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


_run_bits = st.one_of(
    _text.map(lambda t: f'<w:t xml:space="preserve">{escape(t)}</w:t>'),
    st.sampled_from(
        ["<w:tab/>", "<w:br/>", '<w:br w:type="page"/>', "<w:cr/>", "<w:noBreakHyphen/>", "<w:softHyphen/>"]
    ),
    st.sampled_from(['<w:fldChar w:fldCharType="begin"/>', '<w:instrText> HYPERLINK "x" </w:instrText>']),
    st.sampled_from(['<w:fldChar w:fldCharType="end"/>', '<w:sym w:char="F0E0"/>', "<w:delText>gone</w:delText>"]),
)
_run = st.lists(_run_bits, max_size=4).map(lambda bits: "<w:r>" + "".join(bits) + "</w:r>")
_style = st.sampled_from(["", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', '<w:pPr><w:pStyle w:val="Nope"/></w:pPr>'])
_para = st.builds(
    lambda style, runs, link: f"<w:p>{style}{''.join(runs)}{link}</w:p>",
    _style,
    st.lists(_run, max_size=4),
    st.sampled_from(["", '<w:hyperlink r:id="rIdMissing"><w:r><w:t>link</w:t></w:r></w:hyperlink>']),
)
_table = st.lists(_para, min_size=1, max_size=3).map(
    lambda ps: "<w:tbl><w:tr><w:tc>" + "".join(ps) + "</w:tc></w:tr></w:tbl>"
)
_body = st.lists(st.one_of(_para, _table), max_size=10)


@FUZZ
@given(_body)
def test_fuzz_docx_wordprocessingml(tmp_path: Path, body: list[str]) -> None:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
    xml += "".join(body) + "</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _template().items():
            zf.writestr(name, xml.encode("utf-8") if name == "word/document.xml" else data)
    path = tmp_path / "fuzz.docx"
    path.write_bytes(buf.getvalue())
    read_or_refuse(path)
