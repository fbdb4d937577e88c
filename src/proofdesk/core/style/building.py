"""Build a house style: YAML file(s), Vale style folders and a team's .vale.ini, merged and compiled.

:mod:`.loader` is the public entry point (it answers from the style cache when
it can); this module does the real work, and notes every file and folder it
looked at so the cache can tell when a built style has gone stale.

Reading order: ``extends`` first (in order, later wins), then the file
itself; rule bodies are compiled only once the vocabulary is final, because
Vale adds accepted words to every rule's exceptions. Every problem is
collected with its file, line and column and raised together as a
:class:`StyleError`; nothing half-loaded is ever returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from proofdesk.core.style.errors import Problem, StyleError
from proofdesk.core.style.loader import DEFAULT_LANGUAGE, styles_dir
from proofdesk.core.style.model import HouseStyle
from proofdesk.core.style.vale.base import Rule
from proofdesk.core.style.vale.builtin import vale_builtin_rules
from proofdesk.core.style.vale.compile import RuleBody, compile_rule
from proofdesk.core.style.vale_ini import ValeConfig, parse_vale_ini
from proofdesk.core.style.yamlsrc import Source, as_str, as_str_list, items, read_yaml, value

TOP_KEYS = ("name", "description", "language", "extends", "vocabulary", "vale", "rules", "checks")
LANGUAGES = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
RULE_NAME = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
MAX_VOCAB_LINES = 100_000


@dataclass
class _Layer:
    """What one style file (with its own extends) contributes."""

    name: str | None = None
    language: str | None = None
    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    bodies: dict[str, RuleBody] = field(default_factory=dict)


@dataclass
class _Loading:
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # Files and folders read, listed or looked for (present or not) besides ``sources``: what the cache watches.
    watched: list[Path] = field(default_factory=list)

    def source(self, path: Path) -> Source:
        src = Source(path)
        self.sources.append(src)
        return src

    def all_problems(self) -> list[Problem]:
        ordered = [p for s in self.sources for p in sorted(s.problems, key=lambda p: (p.line, p.column))]
        return self.problems + ordered


def build_house_style(
    path: Path, *, language: str | None = None, vale_config: Path | None = None
) -> tuple[HouseStyle, list[Path]]:
    """The house style at ``path``, compiled, and every path its result depends on.

    Raises :class:`StyleError` listing every problem found.
    """
    state = _Loading()
    path = Path(path)
    # A bare ``extends: name`` prefers a bundled style: one added there would change what the name means.
    state.watched.append(styles_dir())
    layer = _load_file(path, _root_for(path), state, stack=[])
    style = _finish(state, layer, path, language, vale_config)
    return style, [*(s.path for s in state.sources), *state.watched]


def load_vale_config(vale_config: Path, *, language: str | None = None) -> HouseStyle:
    """Only what a ``.vale.ini`` names (its StylesPath styles and vocabularies), as a house style."""
    state = _Loading()
    layer = _Layer(name=Path(vale_config).name)
    return _finish(state, layer, Path(vale_config), language, Path(vale_config))


def load_vale_folder(folder: Path, *, language: str | None = None) -> HouseStyle:
    """Every rule in a Vale style folder (``Style/*.yml``) or a StylesPath holding several styles."""
    state = _Loading()
    layer = _Layer(name=Path(folder).name)
    folder = Path(folder)
    if not folder.is_dir():
        raise StyleError([f"{folder}:1:1: no such folder (expected a folder of Vale .yml rules)"])
    layer.bodies.update(_load_vale_folder(folder, folder.resolve(), state, "house style"))
    if not layer.bodies and not state.all_problems():
        state.problems.append(Problem(str(folder), 1, 1, "no Vale rules (*.yml) found in this folder"))
    return _finish(state, layer, folder, language, None)


def _finish(state: _Loading, layer: _Layer, path: Path, language: str | None, vale_config: Path | None) -> HouseStyle:
    ini: ValeConfig | None = None
    accept, reject = list(layer.accept), list(layer.reject)
    bodies = dict(layer.bodies)
    builtin: list[Rule] = []
    if vale_config is not None:
        state.watched.append(Path(vale_config))
        ini = parse_vale_ini(Path(vale_config), state.problems)
        state.notices.extend(ini.notices)
        ini_bodies, ini_accept, ini_reject = _load_ini_styles(ini, state)
        accept.extend(ini_accept)
        reject.extend(ini_reject)
        for name, body in ini_bodies.items():
            if name in bodies:
                body.src.problem(
                    body.node, f"rule {name} is also defined in {bodies[name].src.label} (rule names must be unique)"
                )
            bodies[name] = body
        if "Vale" in ini.based_on:
            builtin = vale_builtin_rules(accept, reject)
    rules: list[Rule] = []
    for body in bodies.values():
        rule = compile_rule(body, accept, state.notices)
        if rule is not None:
            rule.from_ini = body.origin == "vale.ini"
            rules.append(rule)
    for rule in builtin:
        rule.from_ini = True
        rules.append(rule)
    problems = state.all_problems()
    if problems:
        raise StyleError([str(p) for p in problems])
    return HouseStyle(
        name=layer.name or path.stem,
        language=language or layer.language or DEFAULT_LANGUAGE,
        accept=frozenset(accept),
        reject=frozenset(reject),
        checks=layer.checks,
        rules=rules,
        path=path,
        notices=state.notices,
        vale_config=ini,
    )


def _root_for(path: Path) -> Path:
    """The folder a style file may read from: its own (and below)."""
    try:
        return path.resolve().parent
    except OSError:
        return path.parent


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _resolve_ref(src: Source, node: yaml.Node, ref: str, base: Path, root: Path, what: str) -> Path | None:
    """A path named inside a style file, refused if it leaves the folder the user named."""
    if ref.startswith("~") or "\0" in ref:
        src.problem(node, f"{what} '{ref}' must be a path relative to this style file")
        return None
    target = base / ref
    bundled = styles_dir()
    if not _inside(root, target) and not _inside(bundled, target):
        src.problem(
            node, f"{what} '{ref}' points outside {root} (style files may only use files in their own folder or below)"
        )
        return None
    return target.resolve()


def _load_file(path: Path, root: Path, state: _Loading, stack: list[Path]) -> _Layer:
    layer = _Layer()
    src = state.source(path)
    resolved = path.resolve() if path.exists() else path
    if resolved in stack:
        chain = " → ".join(p.name for p in [*stack, resolved])
        src.problems.append(Problem(str(path), 1, 1, f"'extends' goes round in a circle: {chain}"))
        return layer
    if not path.exists():
        src.problems.append(Problem(str(path), 1, 1, "no such file (expected a house-style .yaml file)"))
        return layer
    if path.is_dir():
        src.problems.append(Problem(str(path), 1, 1, "this is a folder; name the house-style .yaml file itself"))
        return layer
    doc = read_yaml(src)
    if doc is None:
        if not src.problems:
            src.problems.append(Problem(str(path), 1, 1, "the file is empty (expected at least 'name:')"))
        return layer
    if not isinstance(doc, yaml.MappingNode):
        src.problem(doc, "a house style must be a mapping of keys (name, language, rules, …)")
        return layer
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, key_node, value_node in items(src, doc, "house style"):
        if key not in TOP_KEYS:
            import difflib

            hint = difflib.get_close_matches(key, TOP_KEYS, n=1)
            suffix = f" (did you mean '{hint[0]}'?)" if hint else f" (expected one of: {', '.join(TOP_KEYS)})"
            src.problem(key_node, f"unknown key '{key}'{suffix}")
            continue
        fields[key] = (key_node, value_node)

    base = path.resolve().parent
    if "extends" in fields:
        for ref, ref_node in as_str_list(src, fields["extends"][1], "'extends'"):
            target = _extends_target(src, ref_node, ref, base, root)
            if target is None:
                continue
            if not target.exists():
                src.problem(ref_node, f"'extends': no such style file '{ref}' (looked for {target})")
                continue
            sub_root = styles_dir().resolve() if _inside(styles_dir(), target) else root
            parent = _load_file(target, sub_root, state, [*stack, resolved])
            _merge(layer, parent)

    own = _Layer()
    if "name" in fields:
        own.name = as_str(src, fields["name"][1], "'name'")
    if "language" in fields:
        lang = as_str(src, fields["language"][1], "'language'")
        if lang is not None and not LANGUAGES.match(lang):
            src.problem(fields["language"][1], f"'language' must look like en-GB or en-US (found '{lang}')")
        else:
            own.language = lang
    if "description" in fields:
        as_str(src, fields["description"][1], "'description'")
    if "vocabulary" in fields:
        for key, key_node, value_node in items(src, fields["vocabulary"][1], "'vocabulary'"):
            if key not in ("accept", "reject"):
                src.problem(key_node, f"'vocabulary': unknown key '{key}' (expected accept, reject)")
                continue
            words = [w for w, _ in as_str_list(src, value_node, f"'vocabulary.{key}'", allow_single=False)]
            (own.accept if key == "accept" else own.reject).extend(words)
    if "checks" in fields:
        for key, key_node, value_node in items(src, fields["checks"][1], "'checks'"):
            if not re.match(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$", key):
                src.problem(key_node, f"'checks': '{key}' is not a check id (expected e.g. typography.quotes)")
                continue
            settings = value(value_node)
            if not isinstance(settings, dict):
                src.problem(value_node, f"'checks.{key}' must be a mapping of settings (e.g. {{style: curly}})")
                continue
            if key == "style" and not _style_settings_ok(src, value_node):
                continue
            own.checks[key] = settings
    if "vale" in fields:
        for ref, ref_node in as_str_list(src, fields["vale"][1], "'vale'"):
            target = _resolve_ref(src, ref_node, ref, base, root, "'vale' folder")
            if target is None:
                continue
            if not target.is_dir():
                src.problem(ref_node, f"'vale': no such folder '{ref}' (expected a folder of Vale styles)")
                continue
            for name, body in _load_vale_folder(target, target, state, "house style").items():
                _add_body(own, name, body)
    if "rules" in fields:
        for name, key_node, value_node in items(src, fields["rules"][1], "'rules'"):
            if not RULE_NAME.match(name):
                src.problem(key_node, f"rule name '{name}' must be Style.Rule (letters, digits, '-' or '_', one dot)")
                continue
            if not isinstance(value_node, yaml.MappingNode):
                src.problem(value_node, f"rule {name} must be a mapping (extends, message, level, …)")
                continue
            _add_body(own, name, RuleBody(name, value_node, src))
    _merge(layer, own)
    return layer


def _style_settings_ok(src: Source, node: yaml.Node) -> bool:
    """The house-rule runner's own settings (``checks: style:``)."""
    ok = True
    for key, key_node, value_node in items(src, node, "'checks.style'"):
        v = value(value_node) if isinstance(value_node, yaml.ScalarNode) else None
        if key == "timeout-ms":
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 1 <= v <= 60_000:
                src.problem(value_node, "'checks.style.timeout-ms' must be a number of milliseconds from 1 to 60000")
                ok = False
        elif key == "skip-quotes":
            if not isinstance(v, bool) and not isinstance(value_node, yaml.SequenceNode):
                src.problem(value_node, "'checks.style.skip-quotes' must be true, false or a list of rule ids")
                ok = False
            elif isinstance(value_node, yaml.SequenceNode):
                ok = len(as_str_list(src, value_node, "'checks.style.skip-quotes'")) == len(value_node.value) and ok
        else:
            src.problem(key_node, f"'checks.style': unknown setting '{key}' (expected skip-quotes, timeout-ms)")
            ok = False
    return ok


def _extends_target(src: Source, node: yaml.Node, ref: str, base: Path, root: Path) -> Path | None:
    if "/" not in ref and "\\" not in ref and not ref.endswith((".yaml", ".yml")):
        # A bare name is one of the bundled styles (``extends: newsroom-en-GB``).
        bundled = styles_dir() / f"{ref}.yaml"
        if bundled.is_file():
            return bundled.resolve()
    return _resolve_ref(src, node, ref, base, root, "'extends'")


def _add_body(layer: _Layer, name: str, body: RuleBody) -> None:
    existing = layer.bodies.get(name)
    if existing is not None:
        line = existing.node.start_mark.line + 1
        body.src.problem(body.node, f"duplicate rule name {name} (already defined at {existing.src.label}:{line})")
        return
    layer.bodies[name] = body


def _merge(into: _Layer, later: _Layer) -> None:
    """Later wins: names, settings and same-named rules from ``later`` replace earlier ones."""
    into.name = later.name or into.name
    into.language = later.language or into.language
    into.accept.extend(w for w in later.accept if w not in into.accept)
    into.reject.extend(w for w in later.reject if w not in into.reject)
    for key, settings in later.checks.items():
        into.checks[key] = {**into.checks.get(key, {}), **settings}
    into.bodies.update(later.bodies)


def _load_vale_folder(folder: Path, root: Path, state: _Loading, origin: str) -> dict[str, RuleBody]:
    """Rules from a Vale style folder (``Style/*.yml``) or a StylesPath holding several."""
    bodies: dict[str, RuleBody] = {}
    state.watched.append(folder)
    direct = sorted(folder.glob("*.yml"))
    subdirs = [] if direct else sorted(d for d in folder.iterdir() if d.is_dir())
    state.watched.extend(subdirs)
    style_dirs = (
        [folder] if direct else [d for d in subdirs if d.name not in ("config", "Vocab") and any(d.glob("*.yml"))]
    )
    for style_dir in style_dirs:
        bodies.update(_load_style_dir(style_dir, root, state, origin))
    return bodies


def _load_style_dir(style_dir: Path, root: Path, state: _Loading, origin: str) -> dict[str, RuleBody]:
    bodies: dict[str, RuleBody] = {}
    state.watched.append(style_dir)
    for file in sorted(style_dir.glob("*.yml")):
        if not _inside(root, file):
            state.problems.append(Problem(str(file), 1, 1, f"links outside {root}; not read"))
            continue
        src = state.source(file)
        node = read_yaml(src)
        if node is None:
            if not src.problems:
                src.problems.append(Problem(str(file), 1, 1, "the rule file is empty (expected extends, message…)"))
            continue
        if not isinstance(node, yaml.MappingNode):
            src.problem(node, "a Vale rule file must be a mapping (extends, message, level, …)")
            continue
        name = f"{style_dir.name}.{file.stem}"
        bodies[name] = RuleBody(name, node, src, origin)
    return bodies


def _load_ini_styles(ini: ValeConfig, state: _Loading) -> tuple[dict[str, RuleBody], list[str], list[str]]:
    label = str(ini.path)
    bodies: dict[str, RuleBody] = {}
    accept: list[str] = []
    reject: list[str] = []
    styles_path = ini.styles_path
    wanted = [s for s in ini.based_on if s != "Vale"]
    for section in ini.sections:
        for key, setting in section.settings:
            style = key.split(".")[0]
            if setting != "NO" and "." in key and style not in wanted and style != "Vale":
                wanted.append(style)
    if styles_path is not None:
        state.watched.append(styles_path)
    if styles_path is None:
        if wanted or ini.vocab:
            state.problems.append(Problem(label, 1, 1, "StylesPath is not set (expected StylesPath = <folder>)"))
        return bodies, accept, reject
    if not _inside(ini.path.resolve().parent, styles_path):
        state.problems.append(
            Problem(
                label,
                1,
                1,
                f"StylesPath {styles_path} is outside the folder of the "
                ".vale.ini; ProofDesk only reads styles below it",
            )
        )
        return bodies, accept, reject
    if not styles_path.is_dir():
        state.problems.append(Problem(label, 1, 1, f"StylesPath {styles_path} is not a folder"))
        return bodies, accept, reject
    for style in wanted:
        style_dir = styles_path / style
        if not style_dir.is_dir() or not _inside(styles_path, style_dir):
            state.problems.append(Problem(label, 1, 1, f"BasedOnStyles names {style!r} but {style_dir} does not exist"))
            continue
        bodies.update(_load_style_dir(style_dir, styles_path, state, "vale.ini"))
    for vocab in ini.vocab:
        candidates = [styles_path / "config" / "vocabularies" / vocab, styles_path / "Vocab" / vocab]
        state.watched.extend(candidates)
        found = next((c for c in candidates if c.is_dir() and _inside(styles_path, c)), None)
        if found is None:
            state.problems.append(
                Problem(label, 1, 1, f"Vocab {vocab!r} not found (looked in {candidates[0]} and {candidates[1]})")
            )
            continue
        accept.extend(_vocab_lines(found / "accept.txt", state))
        reject.extend(_vocab_lines(found / "reject.txt", state))
    return bodies, accept, reject


def _vocab_lines(path: Path, state: _Loading) -> list[str]:
    state.watched.append(path)
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        state.problems.append(Problem(str(path), 1, 1, f"cannot read the vocabulary: {exc}"))
        return []
    lines = [line.strip() for line in text.splitlines()[:MAX_VOCAB_LINES]]
    return [line for line in lines if line and not line.startswith("#")]
