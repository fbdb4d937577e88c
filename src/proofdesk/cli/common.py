"""What the check, fix and export commands share: options, the check context, reading drafts.

Heavy modules (the engine, readers, writers) are imported inside functions so
that ``proofdesk --help`` and the app launcher start quickly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from proofdesk.core.checks.base import CheckContext
    from proofdesk.core.document import Document
    from proofdesk.core.findings import Finding
    from proofdesk.core.paths import AppPaths

LANGUAGES = ("en-GB", "en-US")
FORMAT_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit 2)."""


def warn(message: str) -> None:
    print(f"proofdesk: {message}", file=sys.stderr)


def add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--style", type=Path, metavar="PATH", help="house-style YAML file")
    parser.add_argument("--vale-config", type=Path, metavar="PATH", help="a team's existing .vale.ini")
    parser.add_argument("--lang", choices=LANGUAGES, help="spelling variant (default: the house style's, or en-GB)")
    parser.add_argument(
        "--languagetool",
        default="auto",
        metavar="auto|off|URL",
        help="grammar checks: a local LanguageTool if available (auto), none (off), or this server URL",
    )


def context_from_args(args: argparse.Namespace) -> CheckContext:
    from proofdesk.core.config import build_context

    for option, path in (("--style", args.style), ("--vale-config", args.vale_config)):
        if path is not None and not path.is_file():
            reason = "is a folder, not a file" if path.is_dir() else "no such file"
            raise UsageError(f"{option} {path}: {reason}")
    paths: AppPaths = args.paths
    ctx = build_context(
        language=args.lang,
        style_path=args.style,
        vale_config=args.vale_config,
        languagetool=args.languagetool,
        paths=paths,
    )
    for notice in ctx.notices:
        warn(notice)
    return ctx


def read_drafts(files: Sequence[Path]) -> list[Document]:
    """Read every draft, or raise one InputError after reporting all the unreadable ones."""
    from proofdesk.core.io.errors import InputError
    from proofdesk.core.io.readers import read_document

    docs: list[Document] = []
    failed: list[InputError] = []
    for path in files:
        try:
            docs.append(read_document(path))
        except InputError as exc:
            failed.append(exc)
    for problem in failed[:-1]:
        warn(str(problem))
    if failed:
        raise failed[-1]
    for path, doc in zip(files, docs, strict=True):
        for notice in doc.notices:
            warn(f"{path}: {notice}")
    return docs


EXIT_INTERNAL = 3


def tune_gc_for_batch() -> None:
    """Collect garbage less often while checking (benchmarks/engine_bench.py measures with this too).

    A check allocates tens of thousands of small objects that live until it ends; default
    thresholds run a collection every 700 of them for nothing (100k words: 1.17 s -> 1.09 s).
    """
    import gc

    gc.set_threshold(20_000, 20, 20)


def run_checks(
    ctx: CheckContext, docs: Sequence[Document], only: frozenset[str] | None = None
) -> tuple[list[list[Finding]], bool]:
    """Findings per draft, and whether every check family ran.

    A family that crashes is reported on stderr and the others still run, so one
    bug costs its own findings, not the whole report; callers exit with 3.
    """
    from proofdesk.core.engine import Engine, EngineConfig

    tune_gc_for_batch()
    engine = Engine(EngineConfig(context=ctx, only=only, isolate_failures=True))
    results = []
    complete = True
    for doc in docs:
        results.append(engine.check(doc))
        for failure in engine.failures:
            complete = False
            where = doc.path if doc.path is not None else "draft"
            warn(
                f"{where}: the {failure.family} checks failed ({failure.error}); their findings are missing "
                "(please report it)"
            )
    # Grammar problems (server down, timed out) are queued as notices, not raised; say them once.
    lt_status = sys.modules.get("proofdesk.core.languagetool.status")
    if lt_status is not None:
        for notice in lt_status.take_notices():
            warn(notice)
    return results, complete


def format_for_suffix(path: Path, option: str) -> str:
    fmt = FORMAT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(set(FORMAT_SUFFIXES)))
        raise UsageError(f"{option} {path}: cannot tell the format from {path.suffix or 'no extension'} ({known})")
    return fmt


def refuse_same_file(source: Path, target: Path, hint: str) -> None:
    try:
        same = source.resolve() == target.resolve()
    except OSError:
        same = False
    if same:
        raise UsageError(f"{target} is the draft itself; {hint}")
