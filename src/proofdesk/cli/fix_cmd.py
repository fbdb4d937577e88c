"""``proofdesk fix FILE``: apply the first suggestion of the chosen findings, to a new file or in place."""

from __future__ import annotations

import argparse
from pathlib import Path

from proofdesk.cli.common import (
    EXIT_INTERNAL,
    add_check_options,
    context_from_args,
    format_for_suffix,
    read_drafts,
    refuse_same_file,
    run_checks,
    warn,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "fix",
        help="apply suggested fixes",
        description="Apply the first suggestion of each selected finding. --in-place keeps a backup of the "
        "original in the data folder first (see 'proofdesk restore').",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--accept",
        default="all",
        metavar="all|LIST",
        help="which findings to fix: all (default) or categories, rule ids, rule-id prefixes, comma-separated",
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the fixed draft here")
    target.add_argument("--in-place", action="store_true", help="overwrite FILE, keeping a backup of the original")
    add_check_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from proofdesk.core.config import parse_selectors
    from proofdesk.core.fixing import apply_fixes

    source: Path = args.file
    out: Path = source if args.in_place else args.output
    if not args.in_place:
        refuse_same_file(source, out, "use --in-place to overwrite it (a backup is kept)")
    ctx = context_from_args(args)
    accept = parse_selectors(args.accept, ctx, option="--accept", allow_all=True)
    (doc,) = read_drafts([source])
    fmt = doc.source_format if args.in_place else format_for_suffix(out, "-o")
    # Only the accepted families need to run: nothing else can change the text.
    ([findings], complete) = run_checks(ctx, [doc], only=accept)
    result = apply_fixes(doc, findings, accept)
    skipped = f"; {len(result.skipped)} left for a person (no automatic fix, or overlapping)" if result.skipped else ""
    if args.in_place and not result.changed:
        warn(f"{source}: nothing to fix{skipped}; the file was not touched")
        return 0 if complete else EXIT_INTERNAL
    from proofdesk.core.io.writers import write_document

    if args.in_place:
        from proofdesk.core.backups import keep_original

        backup = keep_original(source, args.paths, reason="fix --in-place")
        write_document(doc, result.new_text, out, fmt, allow_overwrite_input=True)
        warn(f"{source}: applied {_fixes(len(result.applied))}{skipped}; original kept in {backup}")
    else:
        write_document(doc, result.new_text, out, fmt)
        warn(f"{source}: applied {_fixes(len(result.applied))}{skipped}; wrote {out}")
    return 0 if complete else EXIT_INTERNAL


def _fixes(n: int) -> str:
    return "1 fix" if n == 1 else f"{n} fixes"
