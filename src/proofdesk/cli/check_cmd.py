"""``proofdesk check FILE…``: print findings as compiler-style lines or JSON (DESIGN.md §3.1/§3.2)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proofdesk.cli.common import EXIT_INTERNAL, add_check_options, context_from_args, read_drafts, run_checks

EXIT_OK, EXIT_ERRORS = 0, 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="print findings for drafts",
        description="Check drafts and print findings. Exit status: 0 no error-level finding, 1 at least one, "
        "2 usage or input error.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".txt, .md, .html or .docx drafts")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_check_options(parser)
    parser.add_argument(
        "--only",
        metavar="CATEGORY,…",
        help="report only these categories, rule ids or rule-id prefixes (e.g. spelling,typography.double-space)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from proofdesk.cli.output import FileReport, format_json, format_text
    from proofdesk.core.config import parse_selectors

    ctx = context_from_args(args)
    only = parse_selectors(args.only, ctx, option="--only") if args.only is not None else None
    docs = read_drafts(args.files)
    results, complete = run_checks(ctx, docs, only)
    reports = [
        FileReport(path=str(path), language=ctx.language, doc=doc, findings=findings)
        for path, doc, findings in zip(args.files, docs, results, strict=True)
    ]
    if args.format == "json":
        encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
        sys.stdout.write(format_json(reports, ascii_only=encoding != "utf8"))
    else:
        _write_text(format_text(reports))
    sys.stdout.flush()
    if not complete:
        return EXIT_INTERNAL
    return EXIT_ERRORS if any(r.errors for r in reports) else EXIT_OK


def _write_text(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        # A console that cannot show curly quotes or arrows still gets every finding.
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
