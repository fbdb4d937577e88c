"""``proofdesk``: open the app, or run a command (check, fix, export, restore and contributed ones).

Commands live in ``proofdesk/cli/*_cmd.py`` modules, each exposing
``register(subparsers)``; they are found with pkgutil so a new command needs no
edit here. A command sets ``func`` with ``parser.set_defaults(func=handler)``;
``handler(args) -> int`` receives ``args.paths`` (the resolved AppPaths).

User mistakes (bad options, unreadable drafts, invalid styles) print one line
per problem on stderr and exit 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from proofdesk import __version__

if TYPE_CHECKING:
    from proofdesk.core.paths import AppPaths

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_GLOBAL_VALUE_OPTIONS = ("--config", "--data")


class ProofdeskParser(argparse.ArgumentParser):
    """argparse with one-line errors: the problem, then where to look for help."""

    commands: Mapping[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument("--config", metavar="DIR", default=default, help="folder for settings (PROOFDESK_CONFIG_DIR)")
    parser.add_argument(
        "--data", metavar="DIR", default=default, help="folder for the dictionary and backups (PROOFDESK_DATA_DIR)"
    )


def command_modules() -> list[str]:
    import proofdesk.cli as package

    return sorted(
        f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_cmd")
    )


def build_parser() -> ProofdeskParser:
    parser = ProofdeskParser(
        prog="proofdesk",
        usage="proofdesk [--config DIR] [--data DIR] [FILE ...]\n"
        "       proofdesk [--config DIR] [--data DIR] COMMAND ...",
        description="Proof newspaper and website drafts. With no command, open the app with the given drafts.",
    )
    parser.add_argument("--version", action="version", version=f"proofdesk {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog="proofdesk")
    parser.commands = sub.choices
    for name in command_modules():
        try:
            module = importlib.import_module(name)
            module.register(sub)
        except Exception as exc:  # one broken contributed command must not take the others down
            print(f"proofdesk: command module {name} failed to load: {exc}", file=sys.stderr)
    for subparser in sub.choices.values():
        # A command that defines its own --config/--data keeps them.
        with contextlib.suppress(argparse.ArgumentError):
            _add_global_options(subparser, default=argparse.SUPPRESS)
    return parser


def _app_parser() -> ProofdeskParser:
    parser = ProofdeskParser(prog="proofdesk", description="Open the ProofDesk app with the given drafts.")
    parser.add_argument("--version", action="version", version=f"proofdesk {__version__}")
    _add_global_options(parser)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    return parser


def _first_positional(argv: Sequence[str]) -> str | None:
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return None
        if arg in _GLOBAL_VALUE_OPTIONS:
            i += 2
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help"):
                return arg
            i += 1
            continue
        return arg
    return None


def _paths(args: argparse.Namespace) -> AppPaths:
    from proofdesk.core.paths import resolve_paths

    return resolve_paths(getattr(args, "config", None), getattr(args, "data", None))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("proofdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``proofdesk check … | head``); nothing left to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _main(argv: list[str]) -> int:
    parser = build_parser()
    first = _first_positional(argv)
    if first is None or (first not in parser.commands and first not in ("-h", "--help")):
        app_args = _app_parser().parse_args(argv)
        return open_app(app_args.files, _paths(app_args))
    args = parser.parse_args(argv)
    handler = getattr(args, "func", None)
    if handler is None:
        # A command group (``proofdesk style``) given without its sub-command.
        prog = f"proofdesk {args.command}"
        print(f"{prog}: say what to do (see '{prog} --help')", file=sys.stderr)
        return EXIT_USAGE
    args.paths = _paths(args)
    return run_handler(handler, args)


Handler = Callable[[argparse.Namespace], "int | None"]


def run_handler(handler: Handler, args: argparse.Namespace) -> int:
    from proofdesk.cli.errors import describe_user_error

    try:
        result = handler(args)
    except Exception as exc:
        lines = describe_user_error(exc)
        if lines is None:
            if os.environ.get("PROOFDESK_DEBUG"):
                raise
            print(
                f"proofdesk: internal error: {type(exc).__name__}: {exc} "
                "(please report it; set PROOFDESK_DEBUG=1 for details)",
                file=sys.stderr,
            )
            return EXIT_INTERNAL
        for line in lines:
            print(f"proofdesk: {line}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if result is None else int(result)


def open_app(files: list[Path], paths: AppPaths) -> int:
    try:
        from proofdesk.gui.app import run
    except ImportError as exc:
        hint = "install PySide6, or use" if "PySide6" in str(exc) else "use"
        print(
            f"proofdesk: the desktop app cannot start ({exc}); {hint} the command line: proofdesk check FILE",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return int(run(files, paths))


if __name__ == "__main__":
    sys.exit(main())
