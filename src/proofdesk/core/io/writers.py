"""Writing corrected drafts as .txt, .md, .html or .docx — atomically, and never over the draft by accident.

``new_text`` follows the source Document's conventions: for .txt and .md it is the whole file's text,
for .docx and .html the extracted paragraphs joined by blank lines. To carry block kinds (headings,
captions, list items) into the output, the new paragraphs are aligned with the source blocks by a
paragraph-level diff (difflib): unchanged and edited paragraphs keep their kind, new ones are plain.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from proofdesk.core.document import BlockKind, Document, line_blocks
from proofdesk.core.io.atomic import atomic_write_bytes
from proofdesk.core.io.errors import OutputError

FORMATS = ("txt", "md", "html", "docx")
_ALIASES = {"text": "txt", "markdown": "md", "htm": "html"}
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class OutBlock:
    """A paragraph of the corrected draft: its kind, level and text, and the source block it came from."""

    kind: BlockKind
    level: int
    text: str
    source_block: int | None = None


def write_document(
    source: Document,
    new_text: str,
    out: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    allow_overwrite_input: bool = False,
) -> None:
    """Write ``new_text`` (the corrected ``source.text``) to ``out`` as ``fmt`` (default: the source's format)."""
    target = Path(out)
    kind = _format(fmt or source.source_format, target)
    if source.path is not None and not allow_overwrite_input and _same_file(source.path, target):
        raise OutputError(target, "is the draft that was read; write the corrected copy to another file")
    atomic_write_bytes(target, render(source, new_text, kind, target))


def render(source: Document, new_text: str, fmt: str, out: Path | None = None) -> bytes:
    """The bytes ``write_document`` would write."""
    fmt = _format(fmt, out or Path("output"))
    src = source.source_format
    if fmt == "txt":
        return _txt(source, new_text).encode("utf-8")
    if fmt == "md":
        text = new_text if src == "md" else blocks_to_markdown(aligned_blocks(source, new_text))
        return _with_final_newline(text).encode("utf-8")
    if fmt == "html":
        from proofdesk.core.io.html_writer import markdown_to_html

        title = _title(source, new_text, out)
        if src == "md":
            from proofdesk.core.io.markdown_reader import front_matter_lines

            lines = new_text.split("\n")
            # Front matter is for the site generator, not the reader of the page.
            return markdown_to_html("\n".join(lines[front_matter_lines(lines) :]), title).encode("utf-8")
        body = blocks_to_python_markdown(aligned_blocks(source, new_text))
        return markdown_to_html(body, title, decode_entities=False).encode("utf-8")
    return _docx(source, new_text, out)


def aligned_blocks(source: Document, new_text: str) -> list[OutBlock]:
    """The corrected text's paragraphs with the kinds of the source blocks they descend from."""
    if source.source_format == "md":
        from proofdesk.core.io.markdown_reader import plain_blocks

        return [OutBlock(b.kind, b.level, b.text) for b in plain_blocks(new_text)]
    if source.source_format not in ("docx", "html"):
        # Plain text: one paragraph per non-blank line, kinds follow the source line by line.
        old = [(i, b.text) for i, b in enumerate(source.blocks)]
        new = [b.text for b in line_blocks(new_text)]
    else:
        old = [(i, piece) for i, b in enumerate(source.blocks) for piece in b.text.split(_SEPARATOR)]
        new = new_text.split(_SEPARATOR)
    out: list[OutBlock] = []
    for old_i, new_j in pair_paragraphs([t for _, t in old], new):
        if new_j is None or not new[new_j].strip():
            continue
        if old_i is None:
            out.append(OutBlock(BlockKind.PARAGRAPH, 0, new[new_j]))
            continue
        bi = old[old_i][0]
        block = source.blocks[bi]
        if out and out[-1].source_block == bi and source.source_format != "txt":
            # Pieces of one source paragraph (it held a blank line) go back together.
            out[-1] = OutBlock(block.kind, block.level, out[-1].text + _SEPARATOR + new[new_j], bi)
        else:
            out.append(OutBlock(block.kind, block.level, new[new_j], bi))
    return out


def pair_paragraphs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Old/new paragraph pairs in order: (i, j) kept or edited, (i, None) deleted, (None, j) inserted."""
    pairs: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if len(old) == len(new) and all(a == b or _similar(a, b) for a, b in zip(old, new, strict=True)):
        # Every paragraph still looks like an edit of the one in its place: keep them in place. The diff
        # alone would misread an edit that made a paragraph equal to its neighbour as a delete plus insert.
        return [(i, i) for i in range(len(old))]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        if tag == "replace":
            # An edited paragraph is paired with its most similar replacement, in order.
            pairs.extend(_pair_by_similarity(old, new, olds, news))
            continue
        pairs.extend((i, None) for i in olds)
        pairs.extend((None, j) for j in news)
    return pairs


def _similar(a: str, b: str) -> bool:
    """Does ``b`` look like an edit of ``a``? Short paragraphs fail a ratio test after a word is added,
    so a shared start and end covering half of the shorter one also counts."""
    if difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio() >= 0.5:
        return True
    shorter = min(len(a), len(b))
    head = 0
    while head < shorter and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shorter - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head + tail >= shorter / 2


def _pair_by_similarity(
    old: list[str], new: list[str], olds: list[int], news: list[int]
) -> list[tuple[int | None, int | None]]:
    out: list[tuple[int | None, int | None]] = []
    j_pos = 0
    for i in olds:
        best, best_ratio = None, 0.5
        for k in range(j_pos, min(len(news), j_pos + 8)):
            ratio = difflib.SequenceMatcher(None, old[i], new[news[k]], autojunk=False).quick_ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            out.append((i, None))
            continue
        out.extend((None, news[k]) for k in range(j_pos, best))
        out.append((i, news[best]))
        j_pos = best + 1
    out.extend((None, news[k]) for k in range(j_pos, len(news)))
    return out


def _join(parts: list[tuple[BlockKind, str]]) -> str:
    # Consecutive list items form one tight list; every other block is its own paragraph.
    out: list[str] = []
    for n, (kind, text) in enumerate(parts):
        if n:
            out.append("\n" if kind is BlockKind.LIST_ITEM and parts[n - 1][0] is BlockKind.LIST_ITEM else "\n\n")
        out.append(text)
    return "".join(out) + "\n"


def blocks_to_markdown(blocks: list[OutBlock]) -> str:
    """CommonMark for the blocks, with every character of their text escaped so it reads back literally."""
    parts: list[tuple[BlockKind, str]] = []
    for b in blocks:
        if b.kind is BlockKind.CODE:
            fence = "`" * max(3, _longest_run(b.text, "`") + 1)
            parts.append((b.kind, f"{fence}\n{b.text}\n{fence}"))
            continue
        text = escape_commonmark(b.text)
        if not text:
            continue
        if b.kind is BlockKind.HEADING:
            text = "#" * min(max(b.level, 1), 6) + " " + text.replace("\\\n", " ")
        elif b.kind is BlockKind.LIST_ITEM:
            indent = "  " * (max(b.level, 1) - 1)
            text = indent + "- " + text.replace("\n", "\n" + indent + "  ")
        elif b.kind is BlockKind.QUOTE:
            text = "> " + text.replace("\n", "\n> ")
        elif b.kind is BlockKind.CAPTION:
            text = f"*{text}*"
        parts.append((b.kind, text))
    return _join(parts)


_CM_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
# Only what would start a heading, list, rule or underline at the start of a line needs escaping there.
_CM_LINE_START = re.compile(r"^(?:(#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|-+[ \t]*$|=+[ \t]*$)|(\d{1,9})([.)])(?=[ \t]|$))")


def escape_commonmark(text: str) -> str:
    lines = []
    for raw in text.split("\n"):
        line = _CM_INLINE.sub(r"\\\1", raw.strip())
        m = _CM_LINE_START.match(line)
        if m:
            line = "\\" + line if m.group(1) else f"{m.group(2)}\\{line[m.end(2) :]}"
        lines.append(line)
    # A backslash at the end of a line is CommonMark's hard line break.
    return "\\\n".join(x for x in lines if x)


def blocks_to_python_markdown(blocks: list[OutBlock]) -> str:
    """Python-Markdown source for the blocks (HTML export), escaped so the draft's text renders literally."""
    from proofdesk.core.io.html_writer import escape_for_python_markdown

    parts: list[tuple[BlockKind, str]] = []
    for b in blocks:
        if b.kind is BlockKind.CODE:
            parts.append((b.kind, "\n".join("    " + line for line in b.text.split("\n"))))
            continue
        text = escape_for_python_markdown(b.text)
        if not text:
            continue
        if b.kind is BlockKind.HEADING:
            text = "#" * min(max(b.level, 1), 6) + " " + text.replace("  \n", " ")
        elif b.kind is BlockKind.LIST_ITEM:
            text = "* " + text.replace("\n", "\n    ")
        elif b.kind is BlockKind.QUOTE:
            text = "> " + text.replace("\n", "\n> ")
        elif b.kind is BlockKind.CAPTION:
            text = f"*{text}*"
        parts.append((b.kind, text))
    return _join(parts)


def _txt(source: Document, new_text: str) -> str:
    if source.source_format == "md":
        from proofdesk.core.io.markdown_reader import plain_blocks

        return "\n\n".join(b.text for b in plain_blocks(new_text)) + "\n"
    if source.source_format == "txt":
        return new_text
    return _with_final_newline(new_text)


def _docx(source: Document, new_text: str, out: Path | None) -> bytes:
    from proofdesk.core.io.docx_reader import DocxSource
    from proofdesk.core.io.docx_writer import build_docx

    if source.source_format == "docx" and isinstance(source.source, DocxSource):
        return _patch(source, source.source, new_text)
    return build_docx(aligned_blocks(source, new_text), title=_title(source, new_text, out))


def _patch(source: Document, docx_source: object, new_text: str) -> bytes:
    from proofdesk.core.io.docx_reader import DocxSource
    from proofdesk.core.io.docx_writer import patch_docx

    assert isinstance(docx_source, DocxSource)
    old = [(b.source_index, piece) for b in source.blocks for piece in b.text.split(_SEPARATOR)]
    new = new_text.split(_SEPARATOR)
    assigned: dict[int, list[str]] = {}
    touched: set[int] = set()
    inserted: dict[int, list[str]] = {}
    previous = -1
    for old_i, new_j in pair_paragraphs([t for _, t in old], new):
        if old_i is None:
            assert new_j is not None
            if new[new_j].strip():
                inserted.setdefault(previous, []).append(new[new_j])
            continue
        index = old[old_i][0]
        assert index is not None
        previous = index
        assigned.setdefault(index, [])
        if new_j is None:
            touched.add(index)
            continue
        assigned[index].append(new[new_j])
        if new[new_j] != old[old_i][1]:
            touched.add(index)
    new_texts: dict[int, str | None] = {}
    for index in touched:
        text = _SEPARATOR.join(assigned.get(index, []))
        new_texts[index] = text if text.strip() else None
    return patch_docx(docx_source, new_texts, inserted)


def _title(source: Document, new_text: str, out: Path | None) -> str:
    for block in source.blocks:
        if block.kind is BlockKind.HEADING:
            return block.text.strip()
    if source.path is not None:
        return source.path.stem
    return out.stem if out is not None else "Clean copy"


def _format(fmt: str, out: Path) -> str:
    key = fmt.lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise OutputError(out, f"cannot write format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return key


def _same_file(a: Path, b: Path) -> bool:
    try:
        if b.exists() and a.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _with_final_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _longest_run(text: str, ch: str) -> int:
    return max((len(m.group(0)) for m in re.finditer(re.escape(ch) + "+", text)), default=0)
