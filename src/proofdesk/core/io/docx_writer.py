"""Writing .docx: corrections go back into the original document's runs; other drafts get a fresh document."""

from __future__ import annotations

import bisect
import copy
import difflib
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from proofdesk.core.document import BlockKind

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

    from proofdesk.core.io.docx_reader import DocxSource
    from proofdesk.core.io.writers import OutBlock

# XML 1.0 cannot hold these; python-docx would raise on them.
_MAX_DIFF_CHARS = 50_000
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("", text)


def build_docx(blocks: Sequence[OutBlock], title: str | None = None) -> bytes:
    """A new Word document with one styled paragraph per block."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    if title:
        document.core_properties.title = xml_safe(title)
    for block in blocks:
        text = xml_safe(block.text)
        if block.kind is BlockKind.HEADING:
            document.add_heading(text, level=min(max(block.level, 1), 9))
        elif block.kind is BlockKind.CAPTION:
            document.add_paragraph(text, style="Caption")
        elif block.kind is BlockKind.LIST_ITEM:
            depth = min(max(block.level, 1), 3)
            document.add_paragraph(text, style="List Bullet" if depth == 1 else f"List Bullet {depth}")
        elif block.kind is BlockKind.QUOTE:
            document.add_paragraph(text, style="Quote")
        elif block.kind is BlockKind.CODE:
            run = document.add_paragraph(style="No Spacing").add_run(text)
            run.font.name = "Courier New"
            run.font.size = Pt(10)
        else:
            document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def patch_docx(source: DocxSource, new_texts: dict[int, str | None], inserted: dict[int, list[str]]) -> bytes:
    """The original .docx with changed paragraphs rewritten in place.

    ``new_texts`` maps a paragraph index (as read) to its new text, or None to delete it;
    ``inserted`` maps a paragraph index to new paragraphs that follow it (-1: before the first one).
    A pristine copy is parsed from the original bytes so the Document that was read stays untouched.
    """
    import docx

    from proofdesk.core.io.docx_reader import docx_paragraphs

    document = docx.Document(io.BytesIO(source.data))
    paragraphs = docx_paragraphs(document)
    for index, texts in sorted(inserted.items(), reverse=True):
        anchor = paragraphs[index] if index >= 0 else paragraphs[0] if paragraphs else None
        if anchor is None:
            for text in texts:
                document.add_paragraph(xml_safe(text))
            continue
        after = index >= 0
        # Each insertion lands right next to the anchor, so after it they go in reverse, before it in order.
        for text in reversed(texts) if after else texts:
            _insert_paragraph(anchor, xml_safe(text), after=after)
    for index, replacement in new_texts.items():
        para = paragraphs[index]
        if replacement is None:
            _delete_paragraph(para)
        else:
            rewrite_paragraph(para, xml_safe(replacement))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rewrite_paragraph(para: Paragraph, new: str) -> None:
    """Give ``para`` the text ``new``, keeping each surviving character in the run (and formatting) it had."""
    from proofdesk.core.io.docx_reader import text_runs

    runs = [(run, run.text) for run in text_runs(para)]
    old = "".join(text for _, text in runs)
    if old == new:
        return
    if not runs:
        _replace_all_runs(para, new)
        return
    if len(old) > _MAX_DIFF_CHARS:
        # Diffs are quadratic at worst; a paragraph this long is pasted data, not styled prose.
        _replace_all_runs(para, new)
        return
    bounds: list[int] = []
    pos = 0
    for _, text in runs:
        pos += len(text)
        bounds.append(pos)
    last = len(runs) - 1
    pieces: list[list[str]] = [[] for _ in runs]

    def run_of(i: int) -> int:
        return min(bisect.bisect_right(bounds, i), last)

    for tag, i1, i2, j1, j2 in char_opcodes(old, new):
        if tag == "equal":
            i = i1
            while i < i2:
                k = run_of(i)
                stop = min(i2, bounds[k])
                pieces[k].append(new[j1 + (i - i1) : j1 + (stop - i1)])
                i = stop
        elif tag == "replace" or (tag == "insert" and i1 == 0):
            pieces[run_of(i1)].append(new[j1:j2])
        elif tag == "insert":
            # Inserted text joins the run before it (a word typed after bold text stays bold).
            pieces[run_of(i1 - 1)].append(new[j1:j2])
    for (run, text), chunk in zip(runs, pieces, strict=True):
        joined = "".join(chunk)
        if joined != text:
            run.text = joined


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def char_opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes in character offsets, from a diff of words, spaces and punctuation.

    The common start and end are cut off first (most corrections touch a word or two); the rest is
    diffed as tokens, because corrections change whole words and a character diff of a long paragraph
    costs tens of milliseconds.
    """
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    # Grow the cut back to token edges so a changed word is diffed whole.
    while head > 0 and old[head - 1].isalnum():
        head -= 1
    while tail > 0 and old[len(old) - tail].isalnum():
        tail -= 1
    a = _TOKEN.findall(old[head : len(old) - tail])
    b = _TOKEN.findall(new[head : len(new) - tail])
    out: list[tuple[str, int, int, int, int]] = []
    if head:
        out.append(("equal", 0, head, 0, head))
    a_pos = [head]
    for tok in a:
        a_pos.append(a_pos[-1] + len(tok))
    b_pos = [head]
    for tok in b:
        b_pos.append(b_pos[-1] + len(tok))
    # Spaces are the commonest token; as junk they only extend matches found on words, which keeps a
    # long, repetitive middle from going quadratic.
    matcher = difflib.SequenceMatcher(str.isspace, a, b, autojunk=len(b) >= 200)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append((tag, a_pos[i1], a_pos[i2], b_pos[j1], b_pos[j2]))
    if tail:
        out.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return out


def _replace_all_runs(para: Paragraph, new: str) -> None:
    runs = para.runs
    if not runs:
        para.add_run(new)
        return
    runs[0].text = new
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _delete_paragraph(para: Paragraph) -> None:
    p = para._p
    parent = p.getparent()
    if parent is None:
        return
    # A table cell must keep at least one paragraph; empty it instead.
    if parent.tag.endswith("}tc") and len(parent.findall(p.tag)) == 1:
        _replace_all_runs(para, "")
        return
    parent.remove(p)


def _insert_paragraph(anchor: Paragraph, text: str, after: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    new_p = OxmlElement("w:p")
    if anchor._p.pPr is not None:
        new_p.append(copy.deepcopy(anchor._p.pPr))
    if after:
        anchor._p.addnext(new_p)
    else:
        anchor._p.addprevious(new_p)
    Paragraph(new_p, anchor._parent).add_run(text)
