"""Helpers shared by the reader/writer tests: sample drafts, a fixed set of corrections, docx dumps."""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from pathlib import Path

from proofdesk.core.document import Document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "drafts"
GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "io"
UPDATE = os.environ.get("PROOFDESK_UPDATE_GOLDEN") == "1"

sys.path.insert(0, str(FIXTURES))
from make_docx import build_story_docx  # noqa: E402

# What an editor accepts in each sample: (wrong, right) pairs, each applied once.
CORRECTIONS = {
    "story.md": [("the the decision", "the decision"), ("shortage of  drivers", "shortage of drivers")],
    "story.html": [("every morning for twenty", "every morning for 20")],
    "story.docx": [("and and asked", "and asked"), ("nine to four", "9-4")],
}


def sample(name: str, tmp_path: Path) -> Path:
    if name.endswith(".docx"):
        return build_story_docx(tmp_path / name)
    return FIXTURES / name


def corrected(doc: Document, name: str) -> str:
    text = doc.text
    for wrong, right in CORRECTIONS[name]:
        assert wrong in text, wrong
        text = text.replace(wrong, right, 1)
    return text


def docx_dump(path: Path) -> str:
    """Paragraph styles, run formatting and text: what must survive a .docx round trip."""
    import docx

    d = docx.Document(str(path))
    lines = []
    for p in d.paragraphs:
        runs = "|".join(f"{'b' if r.bold else ''}{'i' if r.italic else ''}:{r.text}" for r in p.runs)
        lines.append(f"[{p.style.name if p.style is not None else '?'}] {runs}")
    for t in d.tables:
        for row in t.rows:
            lines.append("[cell] " + " / ".join(c.text for c in row.cells))
    return "\n".join(lines) + "\n"


class TextOf(HTMLParser):
    """Text content of an HTML document's body, one entry per block element."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.tags: list[str] = []
        self._buf: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "title":
            self.in_title = True
        if tag in self.BLOCKS:
            self._flush()
        if tag == "br":
            self._buf.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._flush()
        if tag == "title":
            self.in_title = False
            self.blocks.clear()

    def handle_data(self, data: str) -> None:
        # Source line breaks are just white space in HTML; only <br> breaks a line.
        self._buf.append(data.replace("\n", " "))

    def _flush(self) -> None:
        text = "".join(self._buf)
        self._buf = []
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        if text:
            self.blocks.append(text)


def html_blocks(html: str) -> tuple[list[str], list[str]]:
    parser = TextOf()
    parser.feed(html)
    parser.close()
    return parser.blocks, parser.tags


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with PROOFDESK_UPDATE_GOLDEN=1 and review the diff"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
