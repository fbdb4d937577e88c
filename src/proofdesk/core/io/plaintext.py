"""Decoding plain-text drafts: BOMs, UTF-8, a visible Windows-1252 fallback, line endings."""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from pathlib import Path

from proofdesk.core.document import Block, Document, line_blocks
from proofdesk.core.io.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Web and mail addresses: checks must not spell-check or re-punctuate them.
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def url_skips(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _URL.finditer(text))


def with_url_skips(blocks: list[Block]) -> list[Block]:
    return [replace(b, skips=skips) if (skips := url_skips(b.text)) else b for b in blocks]


_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    # Text drafts carry tabs, line and page breaks, and now and then a stray control character from a
    # paste; images, archives and executables are full of them.
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 50)


def _utf8_or_cp1252(data: bytes, path: Path, notices: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # cp1252 leaves five bytes undefined; map them through latin-1 so no byte is lost.
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text:
            text = "".join(
                ch if ch != "\ufffd" else bytes([b]).decode("latin-1") for ch, b in zip(text, data, strict=True)
            )
        notices.append(
            f"not valid UTF-8 (first bad byte at offset {exc.start}); "
            "it was read as Windows-1252. Check accented letters and quotes before saving."
        )
        return text


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for text saved as UTF-16 without a byte-order mark (mostly ASCII, so every
    other byte is NUL), None otherwise. Binary files have NULs too, but not in that strict rhythm."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    odd, even = sample[1::2], sample[0::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and notices the user must see."""
    notices: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                where = exc.start + len(bom)
                reason = f"has a {encoding} byte-order mark but is not valid {encoding} ({exc.reason}, byte {where})"
                raise InputError(path, reason) from None
            break
    else:
        bomless = _bomless_utf16(data)
        if bomless is not None:
            text = data.decode(bomless, errors="replace")
            notices.append(f"no byte-order mark but looks like {bomless.upper()}; it was read as such")
        elif b"\x00" in data:
            raise InputError(path, "looks like a binary file (it contains NUL bytes), not a text draft")
        else:
            text = _utf8_or_cp1252(data, path, notices)
    if "\x00" in text:
        raise InputError(path, "contains NUL characters; it looks like a binary file, not a text draft")
    if _looks_binary(text):
        raise InputError(path, "looks like a binary file (it is full of control characters), not a text draft")
    if "\r" in text:
        crlf = text.count("\r\n")
        lone_cr = text.count("\r") - crlf
        lone_lf = text.count("\n") - crlf
        if sum(1 for n in (crlf, lone_cr, lone_lf) if n) > 1:
            notices.append("the file mixed Windows, Unix and/or old Mac line endings; all were read as line breaks")
        text = normalise_newlines(text)
    return text, notices


def read_plaintext(path: Path, data: bytes) -> Document:
    text, notices = decode_text(data, path)
    blocks = with_url_skips(line_blocks(text))
    return Document(text=text, blocks=blocks, source_format="txt", path=path, notices=notices)
