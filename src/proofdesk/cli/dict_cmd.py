"""``proofdesk dict add WORD | list | remove WORD``: the personal dictionary from the command line."""

from __future__ import annotations

import argparse
import sys

from proofdesk.cli.common import UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "dict",
        help="add, list or remove personal dictionary words",
        description="The personal dictionary: words never reported as spelling mistakes. It lives in the data "
        "folder (--data or PROOFDESK_DATA_DIR).",
    )
    actions = parser.add_subparsers(dest="dict_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add words", description="Add words to the personal dictionary.")
    add.add_argument("words", nargs="+", metavar="WORD")
    add.set_defaults(func=run_add)
    remove = actions.add_parser("remove", help="remove words", description="Remove words from it.")
    remove.add_argument("words", nargs="+", metavar="WORD")
    remove.set_defaults(func=run_remove)
    show = actions.add_parser("list", help="print the words, one per line", description="Print every word.")
    show.set_defaults(func=run_list)


def _dictionary(args: argparse.Namespace) -> object:
    from proofdesk.core.paths import resolve_paths
    from proofdesk.core.vocabulary import PersonalDictionary

    paths = getattr(args, "paths", None) or resolve_paths(getattr(args, "config", None), getattr(args, "data", None))
    return PersonalDictionary(paths.personal_dictionary)


def _notices(d: object) -> None:
    for notice in getattr(d, "notices", ()):
        print(f"proofdesk: {notice}", file=sys.stderr)


def run_add(args: argparse.Namespace) -> int:
    from proofdesk.core.vocabulary import PersonalDictionary, VocabularyError

    d = _dictionary(args)
    assert isinstance(d, PersonalDictionary)
    try:
        for word in args.words:
            if d.add(word):
                print(f"added {word}")
            else:
                print(f"{word} is already in the dictionary")
    except VocabularyError as exc:
        raise UsageError(str(exc)) from None
    finally:
        _notices(d)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from proofdesk.core.vocabulary import PersonalDictionary, VocabularyError

    d = _dictionary(args)
    assert isinstance(d, PersonalDictionary)
    missing = 0
    try:
        for word in args.words:
            if d.remove(word):
                print(f"removed {word}")
            else:
                print(f"proofdesk: {word} is not in the dictionary", file=sys.stderr)
                missing += 1
    except VocabularyError as exc:
        raise UsageError(str(exc)) from None
    finally:
        _notices(d)
    return 1 if missing else 0


def run_list(args: argparse.Namespace) -> int:
    from proofdesk.core.vocabulary import PersonalDictionary

    d = _dictionary(args)
    assert isinstance(d, PersonalDictionary)
    words = d.words()
    _notices(d)
    for word in sorted(words, key=lambda w: (w.casefold(), w)):
        print(word)
    return 0
