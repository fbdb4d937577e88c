"""Turning user choices (house style, language, LanguageTool, data folders) into a CheckContext.

Shared by the command line and the app so both check a draft the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.paths import AppPaths
from proofdesk.core.style.model import HouseStyle

LANGUAGES = ("en-GB", "en-US")
LANGUAGETOOL_MODES = ("auto", "off")


class ConfigError(Exception):
    """A setting the user gave that cannot be used; ``problems`` are one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ConfigError([f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}"])
    return language


def check_languagetool(value: str) -> str:
    """``auto``, ``off`` or an http(s) server URL; anything else is a typo we should not guess at."""
    if value in LANGUAGETOOL_MODES:
        return value
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.hostname:
        return value
    raise ConfigError(
        [f"--languagetool must be 'auto', 'off' or a server URL such as http://localhost:8081, not {value!r}"]
    )


def load_style(style_path: Path | None, *, language: str | None, vale_config: Path | None) -> HouseStyle:
    from proofdesk.core.style.loader import load_house_style

    return load_house_style(style_path, language=language, vale_config=vale_config)


def personal_words(paths: AppPaths) -> tuple[frozenset[str], list[str]]:
    """The personal dictionary's words and what the user must be told about it (a corrupt file set aside)."""
    from proofdesk.core.vocabulary import PersonalDictionary

    dictionary = PersonalDictionary(paths.personal_dictionary)
    words = frozenset(dictionary.words())
    return words, [f"personal dictionary: {n}" for n in dictionary.notices]


def build_context(
    *,
    language: str | None,
    style_path: Path | None,
    vale_config: Path | None,
    languagetool: str,
    paths: AppPaths,
    public_languagetool: bool = False,
) -> CheckContext:
    """The context for one run. Raises ConfigError, or the style loader's StyleError."""
    if language is not None:
        check_language(language)
    languagetool = check_languagetool(languagetool)
    style = load_style(style_path, language=language, vale_config=vale_config)
    words, dictionary_notices = personal_words(paths)
    style_notices = [f"{style.path or 'house style'}: {n}" for n in getattr(style, "notices", ())]
    return CheckContext(
        language=language or style.language,
        style=style,
        personal_words=words,
        languagetool=languagetool,
        # The public LanguageTool API is refused unless the user opted in (drafts are embargoed).
        extra={"languagetool_public_opt_in": public_languagetool},
        notices=(*style_notices, *dictionary_notices),
    )


def known_selectors(ctx: CheckContext) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(categories, rule ids, open prefixes) a selector may name.

    Rule ids are the built-in ones plus the house style's own; a family that
    makes up rule ids as it runs (LanguageTool's) is an open prefix: any
    ``grammar.X`` may exist.
    """
    from proofdesk.core.checks import all_rules, available_checks
    from proofdesk.core.findings import Category

    checks = available_checks()
    rules = set(all_rules()) | {c.family for c in checks}
    open_prefixes = {c.family for c in checks if getattr(c, "dynamic_rules", False)}
    for rule in ctx.style.rules:
        rule_id = getattr(rule, "id", None) or getattr(rule, "name", None)
        if isinstance(rule_id, str):
            rules.add(rule_id)
    return frozenset(str(c) for c in Category), frozenset(rules), frozenset(open_prefixes)


def parse_selectors(value: str, ctx: CheckContext, *, option: str, allow_all: bool = False) -> frozenset[str] | None:
    """Parse ``a,b.c`` into selectors, rejecting names that select nothing (a typo would hide findings).

    Returns None for ``all`` when ``allow_all`` is set.
    """
    items = [item.strip() for item in value.split(",")]
    if allow_all and items == ["all"]:
        return None
    if not any(items) or "" in items:
        raise ConfigError([f"{option} needs a comma-separated list of categories or rule ids, got {value!r}"])
    categories, rules, open_prefixes = known_selectors(ctx)
    unknown = [item for item in items if not _selects_something(item, categories, rules, open_prefixes)]
    if unknown:
        listed = ", ".join(sorted(categories))
        raise ConfigError(
            [f"{option}: {', '.join(repr(u) for u in unknown)} names no category or rule (categories: {listed})"]
        )
    return frozenset(items)


def _selects_something(
    selector: str, categories: Iterable[str], rules: Iterable[str], open_prefixes: Iterable[str]
) -> bool:
    if selector in categories:
        return True
    if any(selector.startswith(prefix + ".") for prefix in open_prefixes):
        return True
    return any(rule == selector or rule.startswith(selector + ".") for rule in rules)
