"""Turn one Vale rule body (YAML nodes) into a compiled :class:`Rule`, reporting every problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from proofdesk.core.findings import Category
from proofdesk.core.style import regexes
from proofdesk.core.style.vale.base import (
    LEVELS,
    NONWORD_TEMPLATE,
    WORD_TEMPLATE,
    Action,
    ExceptionMatcher,
    Rule,
    Scope,
    scope_selector_ok,
)
from proofdesk.core.style.vale.capitalization import Capitalization
from proofdesk.core.style.vale.conditional import Conditional
from proofdesk.core.style.vale.consistency import Consistency
from proofdesk.core.style.vale.existence import Existence, existence_pattern
from proofdesk.core.style.vale.occurrence import Occurrence
from proofdesk.core.style.vale.repetition import Repetition
from proofdesk.core.style.vale.substitution import Substitution
from proofdesk.core.style.yamlsrc import Source, as_bool, as_float, as_int, as_str, as_str_list, items, kind_name

COMMON_KEYS = frozenset(
    # ``category`` is ProofDesk's own; ``code`` and ``vocab`` are Vale keys we accept.
    {"extends", "message", "description", "level", "scope", "link", "limit", "action", "vocab", "category", "code"}
)
TYPE_KEYS: dict[str, frozenset[str]] = {
    "existence": frozenset({"tokens", "raw", "append", "ignorecase", "nonword", "exceptions"}),
    "substitution": frozenset({"swap", "ignorecase", "nonword", "exceptions", "pos", "capitalize"}),
    "occurrence": frozenset({"token", "max", "min", "ignorecase"}),
    "repetition": frozenset({"tokens", "alpha", "ignorecase", "exceptions", "max"}),
    "consistency": frozenset({"either", "ignorecase", "nonword"}),
    "capitalization": frozenset({"match", "style", "exceptions", "indicators", "threshold", "prefix"}),
    "conditional": frozenset({"first", "second", "ignorecase", "exceptions", "in"}),
}
# Vale types that need Vale's NLP, dictionaries or a script engine.
UNSUPPORTED_TYPES = frozenset({"spelling", "readability", "sequence", "metric", "script"})
ACTIONS = frozenset({"replace", "remove", "edit", "suggest", "convert"})
CASE_MATCHES = ("$title", "$sentence", "$lower", "$upper")


@dataclass
class RuleBody:
    """A rule's YAML as found, before compiling (compiling needs the merged vocabulary)."""

    name: str
    node: yaml.MappingNode
    src: Source
    origin: str = "house style"


@dataclass
class Compiled:
    rules: list[Rule] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _expected(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys))


def compile_rule(body: RuleBody, vocab: Sequence[str], notices: list[str]) -> Rule | None:
    """Compile ``body``; problems go to ``body.src.problems``, skipped rules to ``notices``."""
    src, name, node = body.src, body.name, body.node
    what = f"rule {name}"
    fields: dict[str, tuple[Any, yaml.Node]] = {}
    key_nodes: dict[str, yaml.Node] = {}
    for key, key_node, value_node in items(src, node, what):
        fields[key] = (value_node, value_node)
        key_nodes[key] = key_node
    if not isinstance(node, yaml.MappingNode):
        return None

    extends_node = fields.get("extends", (None, None))[1]
    if extends_node is None:
        src.problem(node, f"{what}: missing 'extends' (expected one of: {_expected(TYPE_KEYS)})")
        return None
    extends = as_str(src, extends_node, f"{what}: 'extends'")
    if extends is None:
        return None
    if extends in UNSUPPORTED_TYPES:
        notices.append(
            f"{src.label}:{extends_node.start_mark.line + 1}: {name} skipped: ProofDesk does not run "
            f"'{extends}' rules (supported: {_expected(TYPE_KEYS)})"
        )
        return None
    if extends not in TYPE_KEYS:
        hint = difflib.get_close_matches(extends, list(TYPE_KEYS) + list(UNSUPPORTED_TYPES), n=1)
        src.problem(
            extends_node,
            f"{what}: unknown rule type '{extends}'"
            + (f" (did you mean '{hint[0]}'?)" if hint else f" (expected one of: {_expected(TYPE_KEYS)})"),
        )
        return None

    allowed = COMMON_KEYS | TYPE_KEYS[extends]
    before = len(src.problems)
    for key, key_node in key_nodes.items():
        if key not in allowed:
            hint = difflib.get_close_matches(key, list(allowed), n=1)
            suffix = f" (did you mean '{hint[0]}'?)" if hint else f" (expected one of: {_expected(allowed)})"
            src.problem(key_node, f"{what}: unknown key '{key}' for a {extends} rule{suffix}")

    def get(key: str) -> yaml.Node | None:
        entry = fields.get(key)
        return None if entry is None else entry[1]

    def text(key: str, default: str = "") -> str:
        n = get(key)
        if n is None:
            return default
        return as_str(src, n, f"{what}: '{key}'") or default

    def flag(key: str, default: bool = False) -> bool:
        n = get(key)
        if n is None:
            return default
        v = as_bool(src, n, f"{what}: '{key}'")
        return default if v is None else v

    def strings(key: str) -> list[tuple[str, yaml.Node]]:
        n = get(key)
        return [] if n is None else as_str_list(src, n, f"{what}: '{key}'")

    message = text("message")
    if get("message") is None:
        src.problem(node, f"{what}: missing 'message' (the text shown to the writer; '%s' takes the match)")
    level_name = text("level", "suggestion")
    if level_name not in LEVELS:
        src.problem(get("level"), f"{what}: 'level' must be suggestion, warning or error (found '{level_name}')")
        level_name = "suggestion"
    scope_items = strings("scope")
    for sel, sel_node in scope_items:
        for part in sel.split("&"):
            part = part.strip()
            if part and not scope_selector_ok(part):
                src.problem(
                    sel_node,
                    f"{what}: unknown scope '{part}' (expected text, paragraph, sentence, heading[.hN], list, "
                    "blockquote, summary, title, raw, optionally negated with '~')",
                )
    scope = Scope.parse([s for s, _ in scope_items] or None)
    category = Category.STYLE
    if get("category") is not None:
        cat = text("category")
        try:
            category = Category(cat)
        except ValueError:
            src.problem(
                get("category"),
                f"{what}: unknown category '{cat}' (expected one of: {_expected([c.value for c in Category])})",
            )
    limit = 0
    if get("limit") is not None:
        limit = as_int(src, get("limit"), f"{what}: 'limit'") or 0  # type: ignore[arg-type]
    action = _action(src, what, get("action"))
    use_vocab = flag("vocab", True)
    ignorecase = flag("ignorecase")
    nonword = flag("nonword")
    common: dict[str, Any] = {
        "name": name,
        "level": LEVELS[level_name],
        "message": message,
        "scope": scope,
        "description": text("description"),
        "link": text("link"),
        "action": action,
        "category": category,
        "limit": limit,
        "source": f"{src.label}:{node.start_mark.line + 1}",
    }
    vocab_terms = list(vocab) if use_vocab else []

    def pattern(p: str, pnode: yaml.Node | None, ic: bool = False) -> Any:
        try:
            return regexes.compile_pattern(p, ignorecase=ic)
        except regexes.RegexProblem as exc:
            src.problem(pnode, f"{what}: {exc}")
            return None

    def check_each(pairs: list[tuple[str, yaml.Node]]) -> None:
        for tok, tnode in pairs:
            pattern(tok, tnode)

    def combined(full: str, pairs: list[tuple[str, yaml.Node]], list_node: yaml.Node | None, ic: bool) -> Any:
        """Compile the assembled pattern; if it fails, point at the token to blame (or the list)."""
        try:
            return regexes.compile_pattern(full, ignorecase=ic)
        except regexes.RegexProblem as exc:
            marker = len(src.problems)
            check_each(pairs)
            if len(src.problems) == marker:
                src.problem(list_node, f"{what}: {exc}")
            return None

    def exceptions_matcher() -> ExceptionMatcher:
        exc_items = strings("exceptions")
        try:
            return ExceptionMatcher.build([e for e, _ in exc_items], vocab_terms)
        except regexes.RegexProblem as exc:
            marker = len(src.problems)
            check_each(exc_items)
            if len(src.problems) == marker:
                src.problem(get("exceptions"), f"{what}: {exc}")
            return ExceptionMatcher()

    rule: Rule | None = None
    if extends == "existence":
        tokens, raw = strings("tokens"), strings("raw")
        if not tokens and not raw:
            src.problem(node, f"{what}: an existence rule needs 'tokens' or 'raw' (a list of patterns)")
        # Vale: accepted vocabulary only excuses word-based matches.
        exc = exceptions_matcher() if not nonword else _exceptions_no_vocab(src, what, strings("exceptions"))
        full = existence_pattern([t for t, _ in tokens], [r for r, _ in raw], nonword=nonword, append=flag("append"))
        compiled = combined(full, tokens + raw, get("tokens") or get("raw"), ignorecase)
        if compiled is not None:
            rule = Existence(**common, pattern=compiled, exceptions=exc)
    elif extends == "substitution":
        rule = _substitution(
            src, what, node, get("swap"), common, ignorecase, nonword, flag("capitalize"), exceptions_matcher(), pattern
        )
        if get("pos") is not None:
            notices.append(f"{common['source']}: {name}: 'pos' (part-of-speech filter) is ignored")
    elif extends == "occurrence":
        tok_node = get("token")
        if tok_node is None:
            src.problem(node, f"{what}: an occurrence rule needs 'token' (the pattern to count)")
        else:
            tok = as_str(src, tok_node, f"{what}: 'token'")
            mx = as_int(src, get("max"), f"{what}: 'max'") if get("max") is not None else 0  # type: ignore[arg-type]
            mn = as_int(src, get("min"), f"{what}: 'min'") if get("min") is not None else 0  # type: ignore[arg-type]
            if not mx and not mn:
                src.problem(node, f"{what}: an occurrence rule needs 'max' or 'min' (a positive number)")
            compiled = combined(f"(?:{tok})", [(tok, tok_node)], tok_node, ignorecase) if tok is not None else None
            if compiled is not None:
                rule = Occurrence(**common, pattern=compiled, max=mx or 0, min=mn or 0)
    elif extends == "repetition":
        tokens = strings("tokens")
        if not tokens:
            src.problem(node, f"{what}: a repetition rule needs 'tokens' (a list of patterns)")
        mx = as_int(src, get("max"), f"{what}: 'max'") if get("max") is not None else 0  # type: ignore[arg-type]
        joined = "(" + "|".join(t for t, _ in tokens) + ")"
        compiled = combined(joined, tokens, get("tokens"), ignorecase) if tokens else None
        if compiled is not None:
            rule = Repetition(
                **common,
                pattern=compiled,
                ignorecase=ignorecase,
                alpha=flag("alpha"),
                max=mx or 0,
                exceptions=exceptions_matcher(),
            )
    elif extends == "consistency":
        rule = _consistency(src, what, node, get("either"), common, ignorecase, nonword, pattern)
    elif extends == "capitalization":
        match = text("match", "")
        if get("match") is None:
            src.problem(
                node, f"{what}: a capitalization rule needs 'match' ($title, $sentence, $lower, $upper or a pattern)"
            )
        style = text("style", "AP")
        if style not in ("AP", "Chicago"):
            src.problem(get("style"), f"{what}: 'style' must be AP or Chicago (found '{style}')")
        threshold = 0.8
        if get("threshold") is not None:
            threshold = as_float(src, get("threshold"), f"{what}: 'threshold'") or 0.8  # type: ignore[arg-type]
        custom = None
        if match and match not in CASE_MATCHES:
            custom = pattern(match, get("match"))
        indicators = tuple(s for s, _ in strings("indicators"))
        if get("prefix") is not None:
            notices.append(f"{common['source']}: {name}: 'prefix' is ignored")
        rule = Capitalization(
            **common,
            match=match or "$title",
            style=style,
            threshold=threshold,
            indicators=indicators,
            custom=custom,
            exceptions=exceptions_matcher(),
        )
    elif extends == "conditional":
        first_node, second_node = get("first"), get("second")
        if first_node is None or second_node is None:
            src.problem(node, f"{what}: a conditional rule needs 'first' and 'second' (two patterns)")
        else:
            first = as_str(src, first_node, f"{what}: 'first'")
            second = as_str(src, second_node, f"{what}: 'second'")
            fp = pattern(first, first_node, ignorecase) if first is not None else None
            sp = pattern(second, second_node, ignorecase) if second is not None else None
            if fp is not None and sp is not None:
                rule = Conditional(
                    **common, first=fp, second=sp, second_has_group=sp.groups > 0, exceptions=exceptions_matcher()
                )
        if get("in") is not None:
            notices.append(f"{common['source']}: {name}: 'in' (Views) is ignored; 'second' is looked for in the scope")
    if len(src.problems) > before:
        return None
    return rule


def _exceptions_no_vocab(src: Source, what: str, exc_items: list[tuple[str, yaml.Node]]) -> ExceptionMatcher:
    for e, enode in exc_items:
        try:
            regexes.compile_pattern(e)
        except regexes.RegexProblem as exc:
            src.problem(enode, f"{what}: {exc}")
    try:
        return ExceptionMatcher.build([e for e, _ in exc_items])
    except regexes.RegexProblem:
        return ExceptionMatcher()


def _action(src: Source, what: str, node: yaml.Node | None) -> Action:
    if node is None:
        return Action()
    name: str = ""
    params: tuple[str, ...] = ()
    for key, key_node, value_node in items(src, node, f"{what}: 'action'"):
        if key == "name":
            name = as_str(src, value_node, f"{what}: action 'name'") or ""
            if name and name not in ACTIONS:
                src.problem(value_node, f"{what}: unknown action '{name}' (expected one of: {_expected(ACTIONS)})")
        elif key == "params":
            params = tuple(s for s, _ in as_str_list(src, value_node, f"{what}: action 'params'"))
        else:
            src.problem(key_node, f"{what}: unknown action key '{key}' (expected name, params)")
    return Action(name, params)


def _substitution(
    src: Source,
    what: str,
    rule_node: yaml.Node,
    swap_node: yaml.Node | None,
    common: dict[str, Any],
    ignorecase: bool,
    nonword: bool,
    capitalize: bool,
    exc: ExceptionMatcher,
    pattern: Any,
) -> Rule | None:
    if swap_node is None:
        src.problem(rule_node, f"{what}: a substitution rule needs 'swap' (pairs of 'observed: expected')")
        return None
    pairs: list[tuple[str, str, yaml.Node]] = []
    for key, key_node, value_node in items(src, swap_node, f"{what}: 'swap'"):
        repl = as_str(src, value_node, f"{what}: swap value for '{key}'")
        if repl is None:
            continue
        pairs.append((key, repl, key_node))
    if not pairs:
        if isinstance(swap_node, yaml.MappingNode) and not swap_node.value:
            src.problem(swap_node, f"{what}: 'swap' is empty (expected 'observed: expected' pairs)")
        return None
    # Vale sorts keys longest first so the longest alternative wins.
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    template = NONWORD_TEMPLATE if nonword else WORD_TEMPLATE
    names = [f"s{i}" for i in range(len(pairs))]
    body = "|".join(f"(?P<{n}>{key})" for n, (key, _, _) in zip(names, pairs, strict=True))
    try:
        compiled = regexes.compile_pattern(template.format(body), ignorecase=ignorecase)
    except regexes.RegexProblem as problem:
        marker = len(src.problems)
        for key, _, key_node in pairs:
            pattern(key, key_node, ignorecase)
        if len(src.problems) == marker:
            src.problem(swap_node, f"{what}: {problem}")
        return None
    group_of = {i: compiled.groupindex[n] for i, n in enumerate(names)}
    # A key's own groups sit between its wrapping group and the next key's.
    bounds = [*group_of.values(), compiled.groups + 1]
    swaps = [(bounds[i + 1] - bounds[i] - 1, repl) for i, (_, repl, _) in enumerate(pairs)]
    return Substitution(
        **common,
        pattern=compiled,
        swaps=swaps,
        group_of=group_of,
        ignorecase=ignorecase,
        capitalize=capitalize,
        exceptions=exc,
    )


def _consistency(
    src: Source,
    what: str,
    rule_node: yaml.Node,
    either_node: yaml.Node | None,
    common: dict[str, Any],
    ignorecase: bool,
    nonword: bool,
    pattern: Any,
) -> Rule | None:
    if either_node is None:
        src.problem(rule_node, f"{what}: a consistency rule needs 'either' (pairs of forms)")
        return None
    template = NONWORD_TEMPLATE if nonword else WORD_TEMPLATE
    steps = []
    for key, key_node, value_node in items(src, either_node, f"{what}: 'either'"):
        other = as_str(src, value_node, f"{what}: either value for '{key}'")
        if other is None:
            continue
        compiled = pattern(template.format(f"(?P<a>{key})|(?P<b>{other})"), key_node, ignorecase)
        if compiled is not None:
            steps.append((compiled, key, other))
    if not steps:
        if not isinstance(either_node, yaml.MappingNode):
            return None
        src.problem(either_node, f"{what}: 'either' is empty (expected 'form: other form' pairs)")
        return None
    return Consistency(**common, steps=steps)


__all__ = ["Compiled", "RuleBody", "compile_rule", "kind_name"]
