"""Word drafts: paragraph and table-cell text joined by blank lines, with enough kept to write the file back."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.plaintext import url_skips

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A real draft's XML is a few MB at most; this stops a zip bomb from filling memory.
MAX_UNZIPPED = 200 * 1024 * 1024
_HEADING = re.compile(r"heading\s*(\d)", re.IGNORECASE)
SEPARATOR = "\n\n"


@dataclass(slots=True)
class DocxSource:
    """The original bytes (so a writer can re-open a pristine copy) and the parsed document's paragraphs."""

    data: bytes
    document: Any
    paragraphs: list[Paragraph]


def read_docx(path: Path, data: bytes) -> Document:
    document = open_docx(path, data)
    paragraphs = docx_paragraphs(document)
    names = style_names(document)
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for index, para in enumerate(paragraphs):
        text = paragraph_text(para)
        if not text.strip():
            continue
        if parts:
            pos += len(SEPARATOR)
        kind, level = paragraph_kind(para, names)
        blocks.append(Block(kind, pos, pos + len(text), text, level=level, skips=url_skips(text), source_index=index))
        parts.append(text)
        pos += len(text)
    source = DocxSource(data=data, document=document, paragraphs=paragraphs)
    return Document(text=SEPARATOR.join(parts), blocks=blocks, source_format="docx", path=path, source=source)


def open_docx(path: Path, data: bytes) -> Any:
    """Parse ``data`` with python-docx, turning every way a .docx can be broken into a specific InputError."""
    if data.startswith(_OLE_MAGIC):
        # Word saves a password-protected .docx as an OLE container with these two streams.
        if any(name.encode("utf-16-le") in data for name in ("EncryptionInfo", "EncryptedPackage")):
            raise InputError(path, "is password-protected (encrypted); save an unprotected copy from Word first")
        raise InputError(path, "is an old Word 97-2003 (.doc) file with a .docx name; save it as .docx from Word")
    if not data.startswith(b"PK"):
        raise InputError(path, "is not a Word document (a .docx is a zip archive; this file is not one)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                what = "an OpenDocument file" if "content.xml" in names else "a zip archive of something else"
                raise InputError(path, f"is not a Word document: it is {what} (no word/document.xml inside)")
            if sum(i.file_size for i in zf.infolist()) > MAX_UNZIPPED:
                raise InputError(path, f"unpacks to more than {MAX_UNZIPPED // (1024 * 1024)} MB; refusing to open it")
            bad = zf.testzip()
            if bad is not None:
                raise InputError(path, f"is damaged: the part {bad} fails its checksum")
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise InputError(path, f"is corrupt or truncated (not a readable zip archive: {exc})") from None
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise InputError(path, "is not a Word document (python-docx finds no document package)") from None
    except KeyError as exc:
        raise InputError(path, f"is damaged: the part {exc} is missing") from None
    except ValueError as exc:
        # python-docx raises ValueError for a wrong main content type, e.g. a template or a macro file.
        raise InputError(path, f"is not a plain Word document ({exc})") from None
    except Exception as exc:  # lxml syntax errors and friends: the XML inside the zip is broken
        raise InputError(path, f"is damaged: its XML cannot be read ({type(exc).__name__}: {exc})") from None


def docx_paragraphs(document: Any) -> list[Paragraph]:
    """Every paragraph of the body in reading order: table cells (merged cells once) and content controls
    included. python-docx's own iteration skips content controls (``w:sdt``), which templates use a lot."""
    return list(_iter_paragraphs(document.element.body, document._body))


def _iter_paragraphs(element: Any, parent: Any) -> Iterator[Paragraph]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            seen: set[int] = set()
            for row in Table(child, parent).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _iter_paragraphs(cell._tc, cell)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _iter_paragraphs(content, parent)


# Runs whose text Word shows: plain, in links, in tracked insertions, in inline content controls and fields.
# Tracked deletions hold w:delText, which Run.text does not read, so they add nothing.
_RUN_PATHS = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:ins/w:hyperlink/w:r | ./w:smartTag/w:r"
    " | ./w:sdt/w:sdtContent/w:r | ./w:sdt/w:sdtContent/w:hyperlink/w:r | ./w:fldSimple/w:r"
)


def text_runs(para: Paragraph) -> list[Any]:
    """The paragraph's visible runs in order; their texts joined are the paragraph's text as read."""
    from docx.text.run import Run

    return [Run(r, para) for r in para._p.xpath(_RUN_PATHS)]


def paragraph_text(para: Paragraph) -> str:
    return "".join(run.text for run in text_runs(para))


def style_names(document: Any) -> dict[str, str]:
    """Style id → name. python-docx's ``Paragraph.style`` rescans every style for each unstyled paragraph."""
    names: dict[str, str] = {}
    for style in document.styles:
        try:
            if style.style_id:
                names[style.style_id] = style.name or ""
        except (KeyError, ValueError):
            continue
    return names


def paragraph_kind(para: Paragraph, names: dict[str, str]) -> tuple[BlockKind, int]:
    ppr = para._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    lowered = (names.get(style_id, style_id) or "").lower() if style_id else ""
    if lowered == "title":
        return BlockKind.HEADING, 1
    m = _HEADING.fullmatch(lowered)
    if m:
        return BlockKind.HEADING, int(m.group(1))
    if lowered.startswith("caption"):
        return BlockKind.CAPTION, 0
    if "quote" in lowered:
        return BlockKind.QUOTE, 0
    numpr: Any = ppr.numPr if ppr is not None else None
    if lowered.startswith("list") or numpr is not None:
        level = 1
        if numpr is not None and numpr.ilvl is not None and numpr.ilvl.val is not None:
            level = int(numpr.ilvl.val) + 1
        else:
            m2 = re.search(r"(\d)$", lowered)
            level = int(m2.group(1)) if m2 else 1
        return BlockKind.LIST_ITEM, level
    return BlockKind.PARAGRAPH, 0
