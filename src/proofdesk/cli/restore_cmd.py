"""``proofdesk restore FILE``: list the backups kept for a draft and put one back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proofdesk.cli.common import UsageError, warn


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="list or restore backups of a draft",
        description="Restore a draft from the backups ProofDesk kept before overwriting it (newest unless "
        "--pick). The current file is backed up first, so a restore can itself be undone.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--list", action="store_true", help="list the backups, newest first, and change nothing")
    parser.add_argument("--pick", type=_positive, metavar="N", help="restore backup number N from --list")
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a backup number from --list, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"backup numbers start at 1, got {n}")
    return n


def run(args: argparse.Namespace) -> int:
    from proofdesk.core.backups import keep_original, list_backups, restore_backup, sha256_of

    target: Path = args.file
    if target.is_dir():
        raise UsageError(f"{target}: is a folder, not a draft")
    backups = list_backups(target, args.paths)
    if args.list:
        if not backups:
            print(f"no backups kept for {target}")
        for n, b in enumerate(backups, 1):
            when = b.created.strftime("%Y-%m-%d %H:%M:%S %Z")
            print(f"{n:>3}  {when}  {b.size:>10,} bytes  {b.reason:<16}  {b.path}")
        return 0
    if not backups:
        raise UsageError(f"{target}: no backups kept for this file in {args.paths.backups}")
    pick = args.pick or 1
    if pick > len(backups):
        raise UsageError(f"--pick {pick}: there {'is' if len(backups) == 1 else 'are'} only {len(backups)} backup(s)")
    chosen = backups[pick - 1]
    if target.exists():
        if target.is_file() and sha256_of(target) == chosen.sha256:
            print(f"{target} already matches backup {pick} ({chosen.created:%Y-%m-%d %H:%M:%S %Z}); nothing to do")
            return 0
        kept = keep_original(target, args.paths, reason="before restore")
        warn(f"the current {target} was kept as a backup too: {kept}")
    restore_backup(chosen, target)
    print(f"restored {target} from backup {pick} ({chosen.created:%Y-%m-%d %H:%M:%S %Z})")
    sys.stdout.flush()
    return 0
