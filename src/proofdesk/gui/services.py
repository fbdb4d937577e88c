"""The core services the desk calls: context from settings, saving, export, backups, dictionary.

Kept in one place so the window code reads as UI, and so each call into a core
module sits behind one function with the error types the UI must handle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from proofdesk.core.checks.base import Check, CheckContext
from proofdesk.core.document import Block, Document, line_blocks
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.paths import AppPaths
from proofdesk.core.settings import Settings

if TYPE_CHECKING:
    from proofdesk.core.fixing import Change as FixChange

# Formats a draft can be written back as, by reader ``source_format``.
FORMATS = {"txt": "txt", "md": "md", "markdown": "md", "html": "html", "docx": "docx"}
EXPORT_SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx"}


class SettingsError(Exception):
    """Settings that cannot be used as they are; ``problems`` are one line each (file:line:col for styles)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def build_context(settings: Settings, paths: AppPaths) -> CheckContext:
    from proofdesk.core.config import ConfigError
    from proofdesk.core.config import build_context as core_build_context

    try:
        from proofdesk.core.style.errors import StyleError
    except ImportError:  # pragma: no cover - the style package ships with the core
        StyleError = ConfigError  # type: ignore[misc,assignment]
    try:
        return core_build_context(
            language=settings.language,
            style_path=Path(settings.house_style) if settings.house_style else None,
            vale_config=Path(settings.vale_config) if settings.vale_config else None,
            languagetool=settings.languagetool,
            paths=paths,
            public_languagetool=settings.languagetool_public_opt_in,
        )
    except (ConfigError, StyleError) as exc:
        raise SettingsError(list(getattr(exc, "problems", [str(exc)]))) from None


def engine_config(ctx: CheckContext, settings: Settings) -> EngineConfig:
    return EngineConfig(context=ctx, disabled=frozenset(settings.disabled_checks))


def check_families() -> list[str]:
    from proofdesk.core.checks import available_checks

    return sorted({c.family for c in available_checks()})


class DocumentMaker:
    """Turns edited text back into a Document shaped like ``source``.

    Lines whose text is unchanged keep their block kind, level and skips (a heading
    stays a heading); new lines become paragraphs. Picklable, so the checker process
    can build the documents it checks.
    """

    def __init__(self, source: Document) -> None:
        self.source = source
        self._by_text: dict[str, Block] | None = None

    def __getstate__(self) -> dict[str, object]:
        # The reader's own data (a parsed .docx) is for writers only and may not pickle.
        return {"source": replace(self.source, source=None)}

    def __setstate__(self, state: dict[str, object]) -> None:
        source = state["source"]
        assert isinstance(source, Document)
        self.__init__(source)  # type: ignore[misc]

    def __call__(self, text: str) -> Document:
        source = self.source
        if text == source.text:
            return source
        by_text = self._by_text
        if by_text is None:
            by_text = self._by_text = {b.text: b for b in source.blocks}
        blocks = []
        for b in line_blocks(text):
            old = by_text.get(b.text)
            if old is not None and (old.kind != b.kind or old.level or old.skips):
                b = Block(old.kind, b.start, b.end, b.text, old.level, old.skips, old.source_index)
            blocks.append(b)
        return Document(text=text, blocks=blocks, source_format=source.source_format, path=source.path)


def document_factory(source: Document) -> Callable[[str], Document]:
    """A function turning edited text back into a Document shaped like ``source`` (see DocumentMaker)."""
    return DocumentMaker(source)


def make_engine(config: EngineConfig, checks: Sequence[type[Check]] | None = None) -> Engine:
    return Engine(config, checks)


@dataclass(frozen=True)
class EngineSpec:
    """How to build a draft's engine; picklable (check classes by reference), so the checker process builds it."""

    config: EngineConfig
    checks: tuple[type[Check], ...] | None = None

    def __call__(self) -> Engine:
        return make_engine(self.config, self.checks)


def engine_spec(config: EngineConfig, checks: Sequence[type[Check]] | None = None) -> EngineSpec:
    return EngineSpec(config, None if checks is None else tuple(checks))


@dataclass
class SaveOutcome:
    backup: Path | None


def save_document(source: Document, text: str, out: Path, paths: AppPaths, keep_backup: bool) -> SaveOutcome:
    """Write ``text`` to ``out`` in the source's format, atomically; keep the untouched original first."""
    from proofdesk.core.backups import keep_original
    from proofdesk.core.io.writers import write_document

    backup = None
    if keep_backup and out.exists():
        backup = keep_original(out, paths)
    fmt = FORMATS.get(source.source_format, "txt")
    if out.suffix.lower() in (".txt", ".text") and fmt != "txt":
        fmt = "txt"
    # Saving over the draft is the point here; the original is in the backups by now.
    write_document(source, text, out, fmt, allow_overwrite_input=True)
    return SaveOutcome(backup)


def export_clean_copy(
    source: Document,
    text: str,
    findings: Sequence[Finding],
    out: Path,
    fmt: str,
    report: Path | None,
    accepted: Sequence[FixChange] = (),
) -> int:
    """Clean copy of the draft as it stands: accepted fixes are already in ``text``; pending furniture and
    duplicate findings are removed. The report lists the session's accepts, then those removals.
    Returns the number of removals."""
    from proofdesk.core.fixing import CLEAN_COPY_ACCEPT, apply_fixes
    from proofdesk.core.io.writers import write_document

    doc = Document(text=text, blocks=line_blocks(text), source_format=source.source_format, path=source.path)
    result = apply_fixes(doc, list(findings), CLEAN_COPY_ACCEPT)
    write_document(source, result.new_text, out, fmt)
    if report is not None:
        from proofdesk.core.io.report import write_report

        name = source.path.name if source.path else "draft"
        write_report([*accepted, *result.applied], report, name)
    return len(result.applied)


def add_to_dictionary(word: str, paths: AppPaths) -> None:
    from proofdesk.core.vocabulary import PersonalDictionary

    PersonalDictionary(paths.personal_dictionary).add(word)


def grammar_status(settings: Settings) -> str:
    lt = settings.languagetool
    if lt == "off":
        return "Grammar: off"
    if lt == "auto":
        return "Grammar: local LanguageTool"
    return "Grammar: server"
