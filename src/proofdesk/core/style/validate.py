"""``proofdesk style validate``: check a house style, a .vale.ini or Vale style folders without running them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from proofdesk.core.style.errors import StyleError
from proofdesk.core.style.loader import load_house_style, load_vale_config, load_vale_folder
from proofdesk.core.style.model import HouseStyle
from proofdesk.core.style.vale.base import Rule


@dataclass
class Validation:
    path: Path
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_path(path: Path) -> Validation:
    """Load whatever ``path`` is (style YAML, .vale.ini, Vale folder or one rule .yml) and report on it."""
    result = Validation(path)
    try:
        style = _load(path)
    except StyleError as exc:
        result.problems = list(exc.problems)
        return result
    result.notices = list(style.notices)
    result.summary = summarise(style)
    return result


def _load(path: Path) -> HouseStyle:
    if path.is_dir():
        return load_vale_folder(path)
    if path.suffix.lower() == ".ini" or path.name == ".vale.ini":
        return load_vale_config(path)
    if path.suffix.lower() == ".yml" and path.parent.is_dir() and not _looks_like_house_style(path):
        # One Vale rule file: validate it as part of its style folder.
        style = load_vale_folder(path.parent)
        wanted = f"{path.parent.name}.{path.stem}"
        style.rules = [r for r in style.rules if getattr(r, "name", "") == wanted]
        return style
    # Validate what is on disk now, compiling every pattern, never a cached build.
    return load_house_style(path, use_cache=False)


def _looks_like_house_style(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return True
    return "\nrules:" in f"\n{head}" or "\nvale:" in f"\n{head}" or "\nvocabulary:" in f"\n{head}"


def summarise(style: HouseStyle) -> str:
    rules = [r for r in style.rules if isinstance(r, Rule)]
    kinds = Counter(r.extends for r in rules)
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    vocab = (
        f"; vocabulary: {len(style.accept)} accepted, {len(style.reject)} rejected"
        if (style.accept or style.reject)
        else ""
    )
    return f"valid: '{style.name}' ({style.language}), {len(rules)} rules" + (f" ({parts})" if parts else "") + vocab
