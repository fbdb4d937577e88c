"""``proofdesk export FILE --to FMT -o OUT``: clean copy, and optionally a report of every change made."""

from __future__ import annotations

import argparse
from pathlib import Path

from proofdesk.cli.common import (
    EXIT_INTERNAL,
    UsageError,
    add_check_options,
    context_from_args,
    read_drafts,
    refuse_same_file,
    run_checks,
    warn,
)

FORMATS = ("txt", "md", "html", "docx")
REPORT_SUFFIXES = (".html", ".htm", ".json", ".csv")
_SUFFIXES = {"txt": (".txt", ".text"), "md": (".md", ".markdown"), "html": (".html", ".htm"), "docx": (".docx",)}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a clean copy (and a change report)",
        description="Write a clean copy: web furniture and duplicated captions removed (or the fixes chosen "
        "with --accept), in the format of --to. --report lists every change: rule, before, after, position.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--to", choices=FORMATS, required=True, help="format of the clean copy")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="where to write it")
    parser.add_argument("--report", type=Path, metavar="OUT.html|.json|.csv", help="also write a change report")
    parser.add_argument(
        "--accept",
        default="duplicate,furniture",
        metavar="all|LIST",
        help="fixes to apply: categories, rule ids or prefixes (default: duplicate,furniture), or all",
    )
    add_check_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from proofdesk.core.config import parse_selectors
    from proofdesk.core.fixing import apply_fixes

    source: Path = args.file
    out: Path = args.output
    report: Path | None = args.report
    refuse_same_file(source, out, "export writes a new file; choose another -o")
    if report is not None:
        if report.suffix.lower() not in REPORT_SUFFIXES:
            raise UsageError(f"--report {report}: a report is written as {', '.join(REPORT_SUFFIXES)}")
        refuse_same_file(source, report, "choose another --report file")
        if report.resolve() == out.resolve():
            raise UsageError(f"--report {report} is the same file as -o; choose another name")
    if out.suffix.lower() not in _SUFFIXES[args.to]:
        warn(f"-o {out}: the file name does not end in {_SUFFIXES[args.to][0]}, but it will hold {args.to}")
    ctx = context_from_args(args)
    accept = parse_selectors(args.accept, ctx, option="--accept", allow_all=True)
    (doc,) = read_drafts([source])
    # Only the accepted families need to run: nothing else can change the text.
    ([findings], complete) = run_checks(ctx, [doc], only=accept)
    result = apply_fixes(doc, findings, accept)

    from proofdesk.core.io.writers import write_document

    write_document(doc, result.new_text, out, args.to)
    if report is not None:
        from proofdesk.core.io.report import write_report

        write_report(result.applied, report, source.name)
    written = f"{out} and {report}" if report is not None else str(out)
    count = len(result.applied)
    warn(f"{source}: {count} change{'s' if count != 1 else ''} made; wrote {written}")
    return 0 if complete else EXIT_INTERNAL
