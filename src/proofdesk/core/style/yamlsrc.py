"""Safe YAML with positions: every value keeps the line and column it came from.

Validation walks ``yaml.compose`` nodes rather than loaded values so each
problem can name the exact place in the file. Nothing is ever constructed
beyond plain scalars, lists and mappings (SafeLoader semantics).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from proofdesk.core.style.errors import Problem

# libyaml's composer when present: several times faster, same nodes and marks.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_STYLE_BYTES = 2_000_000
MAX_NODES = 200_000


@dataclass
class Source:
    """One file being read, and the problems found in it so far."""

    path: Path
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.path)

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        self.problems.append(Problem(self.label, line, col, message))


def read_yaml(src: Source) -> yaml.Node | None:
    """Compose ``src.path`` or record why not (unreadable, too big, malformed)."""
    try:
        size = src.path.stat().st_size
    except OSError as exc:
        src.problems.append(Problem(src.label, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    if size > MAX_STYLE_BYTES:
        src.problems.append(Problem(src.label, 1, 1, f"file is {size:,} bytes; a style file may be at most 2 MB"))
        return None
    try:
        text = src.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        src.problems.append(Problem(src.label, 1, 1, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8"))
        return None
    except OSError as exc:
        src.problems.append(Problem(src.label, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    return compose_text(src, text)


def compose_text(src: Source, text: str) -> yaml.Node | None:
    if "\0" in text:
        src.problems.append(Problem(src.label, 1, 1, "the file contains NUL bytes; it is not a YAML text file"))
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "malformed YAML"
        src.problems.append(Problem(src.label, line, col, f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as exc:
        src.problems.append(Problem(src.label, 1, 1, f"YAML syntax error: {exc}"))
        return None
    except RecursionError:
        src.problems.append(Problem(src.label, 1, 1, "the file is too deeply nested to be a style"))
        return None
    if node is None:
        return None
    # Only anchors and aliases can make the loaded size outgrow the text.
    if "&" in text and _expanded_size(node) > MAX_NODES:
        src.problems.append(Problem(src.label, 1, 1, "the file is too deeply nested or aliased to be a style"))
        return None
    unsafe = _unsafe_tag(node)
    if unsafe is not None:
        src.problem(
            unsafe,
            f"unsupported YAML tag {unsafe.tag} (a style holds only text, numbers, true/false, lists and mappings)",
        )
        return None
    return node


def _expanded_size(node: yaml.Node) -> int:
    """How many nodes the document has once aliases are expanded (what loading it would build)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        n, done = stack.pop()
        if id(n) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(n, yaml.MappingNode):
            children = [c for pair in n.value for c in pair]
        elif isinstance(n, yaml.SequenceNode):
            children = list(n.value)
        if done:
            sizes[id(n)] = min(MAX_NODES + 1, 1 + sum(sizes.get(id(c), 0) for c in children))
            continue
        stack.append((n, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(node)]


SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
)


def _unsafe_tag(node: yaml.Node) -> yaml.Node | None:
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if n.tag not in SAFE_TAGS:
            return n
        if isinstance(n, yaml.MappingNode):
            stack.extend(c for pair in n.value for c in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return None


_STR_TAG = "tag:yaml.org,2002:str"


def value(node: yaml.Node) -> Any:
    """The plain Python value of ``node`` (safe constructors only)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
        return node.value
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def kind_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    v = value(node)
    if v is None:
        return "nothing"
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(type(v), type(v).__name__)


def items(src: Source, node: yaml.Node, what: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """Key/value pairs of a mapping with text keys; reports duplicates and non-text keys."""
    if not isinstance(node, yaml.MappingNode):
        src.problem(node, f"{what} must be a mapping of names to values (found {kind_name(node)})")
        return
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            src.problem(key_node, f"{what}: keys must be text (found {kind_name(key_node)})")
            continue
        if key in seen:
            line = seen[key].start_mark.line + 1
            src.problem(key_node, f"{what}: duplicate key '{key}' (first defined on line {line})")
            continue
        seen[key] = key_node
        yield key, key_node, value_node


def as_str(src: Source, node: yaml.Node, what: str) -> str | None:
    v = value(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(node, yaml.ScalarNode):
        return str(node.value)
    src.problem(node, f"{what} must be text (found {kind_name(node)})")
    return None


def as_bool(src: Source, node: yaml.Node, what: str) -> bool | None:
    v = value(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(v, bool):
        return v
    src.problem(node, f"{what} must be true or false (found {kind_name(node)})")
    return None


def as_int(src: Source, node: yaml.Node, what: str, minimum: int = 0) -> int | None:
    v = value(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(v, int) and not isinstance(v, bool) and v >= minimum:
        return v
    src.problem(node, f"{what} must be a whole number of at least {minimum} (found {kind_name(node)})")
    return None


def as_float(src: Source, node: yaml.Node, what: str) -> float | None:
    v = value(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    src.problem(node, f"{what} must be a number (found {kind_name(node)})")
    return None


def as_str_list(src: Source, node: yaml.Node, what: str, *, allow_single: bool = True) -> list[tuple[str, yaml.Node]]:
    """A list of text items (or one text item, as Vale allows), each with its node."""
    if isinstance(node, yaml.ScalarNode) and allow_single:
        s = as_str(src, node, what)
        return [] if s is None else [(s, node)]
    if not isinstance(node, yaml.SequenceNode):
        src.problem(node, f"{what} must be a list of text items (found {kind_name(node)})")
        return []
    out = []
    for item in node.value:
        s = as_str(src, item, f"{what} item")
        if s is not None:
            out.append((s, item))
    return out
