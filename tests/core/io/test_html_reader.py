"""Saved article pages: the story's structure kept, page furniture dropped, entities decoded."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from proofdesk.core.document import BlockKind
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.html_reader import extract_pieces
from proofdesk.core.io.readers import read_document

REPO = Path(__file__).resolve().parents[3]


def test_sample_page(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "drafts" / "story.html")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.CAPTION,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.QUOTE,
        BlockKind.PARAGRAPH,
    ]
    assert doc.blocks[1].text.startswith("The Victorian pier was closed for eight months after December’s storm")
    assert doc.blocks[8].text == "Cost of repairs: £2.1m"
    assert doc.blocks[10].text.endswith("<script> tags stay text.")
    assert doc.text == "\n\n".join(b.text for b in doc.blocks)
    for gone in ("Share on Facebook", "Seafront lights", "All rights reserved", "Buy a season ticket", "Sport"):
        assert gone not in doc.text
    code = doc.blocks[6]
    assert [code.text[s:e] for s, e in code.skips] == ["TRAM-7"]


def _benchmark() -> object:
    spec = importlib.util.spec_from_file_location("html_extraction", REPO / "benchmarks" / "html_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extraction_bar_on_saved_pages() -> None:
    bench = _benchmark()
    pages = json.loads((bench.PAGES / "pages.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    hmean, right, _recall, _precision, _notes = bench.score(bench.proofdesk_text, pages)  # type: ignore[attr-defined]
    assert hmean >= 0.93
    assert right >= 0.75


@pytest.mark.parametrize("name", ["page03.html", "page06.html", "page08.html", "page10.html"])
def test_hard_layouts_fully_right(name: str) -> None:
    pages = {p["file"]: p for p in json.loads((REPO / "tests/fixtures/drafts/html_pages/pages.json").read_text())}
    html = (REPO / "tests/fixtures/drafts/html_pages" / name).read_text(encoding="utf-8")
    text = " ".join(" ".join(p.text.split()) for p in extract_pieces(html))
    page = pages[name]
    assert [k for k in page["keep"] if " ".join(k.split()) not in text] == []
    assert [d for d in page["drop"] if " ".join(d.split()) in text] == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>AT&amp;T &lt;b&gt; &eacute; &#8212; &#x2019;</p>", ["AT&T <b> é — ’"]),
        ("<p>one<br>two</p>", ["one\ntwo"]),
        ("<p>  spaced \n\t out   words </p>", ["spaced out words"]),
        ("<h3>Sub</h3><p>Body text here</p>", ["Sub", "Body text here"]),
        (
            "<div>Loose text in a div<p>and a paragraph</p>tail text</div>",
            ["Loose text in a div", "and a paragraph", "tail text"],
        ),
        ("<p>x</p><pre>  code\n  block</pre>", ["x", "code\n  block"]),
        ("<ul><li>a<ul><li>nested</li></ul></li></ul>", ["a", "nested"]),
    ],
)
def test_text_rules(html: str, expected: list[str]) -> None:
    assert [p.text for p in extract_pieces(f"<html><body>{html}</body></html>")] == expected


def test_nested_list_levels() -> None:
    pieces = extract_pieces("<ul><li>top one here<ul><li>nested item</li></ul></li></ul>")
    assert [(p.kind, p.level) for p in pieces] == [(BlockKind.LIST_ITEM, 1), (BlockKind.LIST_ITEM, 2)]


def test_legacy_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes(
        '<html><head><meta charset="windows-1252"></head><body><p>Café “quotes” £5</p></body></html>'.encode("cp1252")
    )
    assert read_document(path).text == "Café “quotes” £5"


def test_page_with_only_furniture_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_document(path)
