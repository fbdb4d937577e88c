"""``proofdesk style validate PATH``: check a house style (or Vale styles) and point at every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_INVALID = 0, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "style",
        help="work with house styles",
        description="House-style tools. 'validate' checks a house-style YAML file, a .vale.ini, a Vale style "
        "folder or one Vale rule file, printing file:line:col: problem lines (exit 2) or a summary (exit 0).",
    )
    actions = parser.add_subparsers(dest="style_action", metavar="ACTION", required=True)
    validate = actions.add_parser(
        "validate",
        help="check a style file or folder",
        description="Check a house style, .vale.ini or Vale style folder. Exit 0 if valid, 2 if not.",
    )
    validate.add_argument("path", type=Path, metavar="PATH")
    validate.set_defaults(func=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from proofdesk.core.style.validate import validate_path

    path: Path = args.path
    if not path.exists():
        print(f"{path}:1:1: no such file or folder", file=sys.stdout)
        return EXIT_INVALID
    result = validate_path(path)
    for problem in result.problems:
        print(problem)
    if not result.ok:
        count = len(result.problems)
        print(f"{path}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return EXIT_INVALID
    for notice in result.notices:
        print(f"note: {notice}")
    print(f"{path}: {result.summary}")
    return EXIT_OK
