"""A team's ``.vale.ini``: where its styles live, which apply to which files, and its vocabularies."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from proofdesk.core.findings import Severity
from proofdesk.core.style.errors import Problem
from proofdesk.core.style.vale.base import LEVELS

GLOBAL_KEYS = {
    "StylesPath",
    "MinAlertLevel",
    "Vocab",
    "Packages",
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
    "WordTemplate",
    "NLPEndpoint",
}
SECTION_KEYS = {"BasedOnStyles", "BlockIgnores", "TokenIgnores", "Transform", "Lang", "CommentDelimiters"}
_RULE_SETTING = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_.-]+)?$")
SETTING_VALUES = {"YES", "NO", *LEVELS}


@dataclass
class Section:
    glob: str
    based_on: list[str] = field(default_factory=list)
    # ``Style.Rule`` or ``Style`` → YES | NO | suggestion | warning | error, in file order.
    settings: list[tuple[str, str]] = field(default_factory=list)

    def matches(self, filename: str) -> bool:
        return any(fnmatch.fnmatchcase(filename, g) for g in expand_braces(self.glob))


@dataclass
class ValeConfig:
    path: Path
    styles_path: Path | None = None
    min_alert_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def based_on(self) -> list[str]:
        seen: list[str] = []
        for section in self.sections:
            seen.extend(s for s in section.based_on if s not in seen)
        return seen


def expand_braces(glob: str) -> list[str]:
    """``*.{md,txt}`` → ``*.md``, ``*.txt`` (fnmatch has no braces; Vale's globs do)."""
    m = re.search(r"\{([^{}]*)\}", glob)
    if m is None:
        return [glob]
    out: list[str] = []
    for option in m.group(1).split(","):
        out.extend(g for g in expand_braces(glob[: m.start()] + option.strip() + glob[m.end() :]) if g not in out)
    return out


def _strip_comment(value: str) -> str:
    for marker in (" #", " ;"):
        cut = value.find(marker)
        if cut >= 0:
            value = value[:cut]
    return value.strip().strip('"').strip("'").strip()


def parse_vale_ini(path: Path, problems: list[Problem]) -> ValeConfig:
    """Read ``path``; problems (with line numbers) go to ``problems``."""
    label = str(path)
    cfg = ValeConfig(path=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(label, 1, 1, "no such file (expected a .vale.ini)"))
        return cfg
    except IsADirectoryError:
        problems.append(Problem(label, 1, 1, "this is a folder; name the .vale.ini file itself"))
        return cfg
    except UnicodeDecodeError:
        problems.append(Problem(label, 1, 1, "not UTF-8 text; save the .vale.ini as UTF-8"))
        return cfg
    except OSError as exc:
        problems.append(Problem(label, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
        return cfg
    section: Section | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            if not line.endswith("]") or len(line) < 3:
                problems.append(Problem(label, number, 1, f"bad section header {line!r} (expected e.g. [*.md])"))
                continue
            section = Section(glob=line[1:-1].strip())
            cfg.sections.append(section)
            continue
        key, eq, value = line.partition("=")
        if not eq:
            problems.append(Problem(label, number, 1, f"expected 'Key = value', found {line!r}"))
            continue
        key, value = key.strip(), _strip_comment(value)
        col = raw.find(key) + 1
        if section is None:
            _global(cfg, key, value, label, number, col, problems)
        else:
            _section_key(cfg, section, key, value, label, number, col, problems)
    return cfg


def _global(cfg: ValeConfig, key: str, value: str, label: str, number: int, col: int, problems: list[Problem]) -> None:
    if key == "StylesPath":
        cfg.styles_path = (cfg.path.parent / value).resolve() if value else None
    elif key == "MinAlertLevel":
        if value not in LEVELS:
            problems.append(
                Problem(label, number, col, f"MinAlertLevel must be suggestion, warning or error (found {value!r})")
            )
        else:
            cfg.min_alert_level = value
    elif key == "Vocab":
        cfg.vocab = [v.strip() for v in value.split(",") if v.strip()]
    elif key in GLOBAL_KEYS:
        cfg.notices.append(f"{label}:{number}: {key} is not used by ProofDesk")
    else:
        problems.append(
            Problem(
                label,
                number,
                col,
                f"unknown setting {key!r} before any [section] (expected one of: {', '.join(sorted(GLOBAL_KEYS))})",
            )
        )


def _section_key(
    cfg: ValeConfig, section: Section, key: str, value: str, label: str, number: int, col: int, problems: list[Problem]
) -> None:
    if key == "BasedOnStyles":
        section.based_on.extend(v.strip() for v in value.split(",") if v.strip())
    elif key in SECTION_KEYS or key == "Vocab":
        if key == "Vocab":
            cfg.vocab.extend(v.strip() for v in value.split(",") if v.strip() and v.strip() not in cfg.vocab)
        else:
            cfg.notices.append(f"{label}:{number}: {key} is not used by ProofDesk")
    elif _RULE_SETTING.match(key):
        if value not in SETTING_VALUES:
            problems.append(
                Problem(
                    label,
                    number,
                    col + len(key),
                    f"{key} must be YES, NO, suggestion, warning or error (found {value!r})",
                )
            )
        else:
            section.settings.append((key, value))
    else:
        problems.append(
            Problem(
                label,
                number,
                col,
                f"unknown setting {key!r} in [{section.glob}] (expected BasedOnStyles or Style.Rule = NO|YES|level)",
            )
        )


def resolve_level(
    rule_name: str, base: Severity, from_ini: bool, cfg: ValeConfig | None, filename: str
) -> Severity | None:
    """The rule's level for ``filename`` under ``cfg`` (None: off). Later sections win, as in Vale."""
    if cfg is None:
        return base
    style = rule_name.split(".")[0]
    level: Severity | None = None if from_ini else base
    for section in cfg.sections:
        if not section.matches(filename):
            continue
        if style in section.based_on:
            level = base
        for key, value in section.settings:
            if key not in (rule_name, style):
                continue
            if value == "NO":
                level = None
            elif value == "YES":
                level = base
            else:
                level = LEVELS[value]
    if level is not None and level.rank < LEVELS[cfg.min_alert_level].rank:
        return None
    return level
