"""Reading any supported draft into a Document, with clear errors for everything else."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from proofdesk.core.document import Document
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.plaintext import read_plaintext

# Drafts are articles, not books; 20 MB of text is ~3 million words.
MAX_BYTES = 20 * 1024 * 1024

Reader = Callable[[Path, bytes], Document]


SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")


def read_document(path: str | os.PathLike[str]) -> Document:
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except OSError as exc:
        raise InputError(p, exc.strerror or str(exc)) from None
    if p.is_dir():
        raise InputError(p, "is a folder, not a draft")
    if st.st_size > MAX_BYTES:
        raise InputError(
            p, f"is {st.st_size / 1e6:.1f} MB; drafts over {MAX_BYTES // (1024 * 1024)} MB are not supported"
        )
    suffix = p.suffix.lower()
    reader = reader_for(suffix)
    if reader is None:
        raise InputError(
            p, f"unsupported file type {suffix or '(no extension)'}; ProofDesk reads {', '.join(SUPPORTED)}"
        )
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except OSError as exc:
        raise InputError(p, exc.strerror or str(exc)) from None
    if not data.strip():
        raise InputError(p, "is empty")
    doc = reader(p, data)
    if not doc.text.strip():
        raise InputError(p, "contains no text to check")
    return doc


def reader_for(suffix: str) -> Reader | None:
    if suffix in (".txt", ".text"):
        return read_plaintext
    if suffix in (".md", ".markdown"):
        from proofdesk.core.io.markdown_reader import read_markdown

        return read_markdown
    if suffix in (".html", ".htm"):
        from proofdesk.core.io.html_reader import read_html

        return read_html
    if suffix == ".docx":
        from proofdesk.core.io.docx_reader import read_docx

        return read_docx
    return None
