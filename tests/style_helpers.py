"""Build documents with real block kinds and run only the house-style family over them."""

from __future__ import annotations

from pathlib import Path

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.housestyle import HouseStyleCheck
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.style.model import HouseStyle

Part = tuple[BlockKind, str] | tuple[BlockKind, str, int] | str


def make_doc(*parts: Part, source_format: str = "txt", path: Path | None = None) -> Document:
    """Blocks joined by blank lines; a bare string is a paragraph, (kind, text[, level]) anything else."""
    blocks: list[Block] = []
    pieces: list[str] = []
    pos = 0
    for part in parts:
        if isinstance(part, str):
            kind, text, level = BlockKind.PARAGRAPH, part, 0
        elif len(part) == 3:
            kind, text, level = part  # type: ignore[misc]
        else:
            kind, text = part  # type: ignore[misc]
            level = 1 if kind == BlockKind.HEADING else 0
        if pieces:
            pieces.append("\n\n")
            pos += 2
        blocks.append(Block(kind, pos, pos + len(text), text, level=level))
        pieces.append(text)
        pos += len(text)
    return Document(text="".join(pieces), blocks=blocks, source_format=source_format, path=path)


def run_style(style: HouseStyle, doc: Document, timeout_ms: float | None = None) -> list[Finding]:
    if timeout_ms is not None:
        style.checks = {**style.checks, "style": {"timeout-ms": timeout_ms}}
    engine = Engine(EngineConfig(CheckContext(language=style.language, style=style)), checks=[HouseStyleCheck])
    return engine.check(doc)


def brief(findings: list[Finding], rule_prefix: str = "") -> list[tuple[str, str, str]]:
    return [(f.rule, f.text, f.message) for f in findings if f.rule.startswith(rule_prefix)]
