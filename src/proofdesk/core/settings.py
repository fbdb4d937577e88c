"""Typed user settings (config dir, JSON) kept apart from UI state (geometry, recent files).

Both files are written atomically; a file that cannot be parsed is renamed aside
(``settings.json.corrupt-<time>``) and reported, so a bad file never stops the app.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar, cast

from proofdesk.core.io.atomic import atomic_write_text

LANGUAGES = ("en-GB", "en-US")
THEMES = ("system", "light", "dark")
# "auto" starts a local server; "url" uses languagetool_url; the public API needs public_api_opt_in.
LANGUAGETOOL_MODES = ("off", "auto", "url")
MAX_RECENT = 10


@dataclass
class Settings:
    language: str = "en-GB"
    house_style: str = ""
    vale_config: str = ""
    # Check families (or any selector) switched off: ``["grammar", "typography.quotes"]``.
    disabled_checks: list[str] = field(default_factory=list)
    # "auto": a LanguageTool installed on this machine if there is one, otherwise off (DESIGN.md §3.6).
    languagetool_mode: str = "auto"
    languagetool_url: str = ""
    languagetool_public_opt_in: bool = False
    editor_font: str = ""
    editor_font_size: int = 11
    theme: str = "system"

    def validated(self) -> Settings:
        """A copy with out-of-range values replaced by defaults (hand-edited files)."""
        d = Settings()
        return Settings(
            language=self.language if self.language in LANGUAGES else d.language,
            house_style=str(self.house_style),
            vale_config=str(self.vale_config),
            disabled_checks=[str(s) for s in self.disabled_checks if str(s).strip()],
            languagetool_mode=self.languagetool_mode if self.languagetool_mode in LANGUAGETOOL_MODES else "off",
            languagetool_url=str(self.languagetool_url),
            languagetool_public_opt_in=bool(self.languagetool_public_opt_in),
            editor_font=str(self.editor_font),
            editor_font_size=min(max(int(self.editor_font_size), 6), 48),
            theme=self.theme if self.theme in THEMES else d.theme,
        )

    @property
    def languagetool(self) -> str:
        """The CheckContext spelling of the grammar setting: ``off``, ``auto`` or a URL."""
        if "grammar" in self.disabled_checks or self.languagetool_mode == "off":
            return "off"
        if self.languagetool_mode == "url" and self.languagetool_url.strip():
            return self.languagetool_url.strip()
        return "auto" if self.languagetool_mode == "auto" else "off"


@dataclass
class UiState:
    geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""
    splitter: str = ""
    recent_files: list[str] = field(default_factory=list)

    def add_recent(self, path: Path) -> None:
        p = str(path)
        self.recent_files = [p] + [r for r in self.recent_files if r != p]
        del self.recent_files[MAX_RECENT:]


T = TypeVar("T", Settings, UiState)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to ``path`` all-or-nothing (temp file in the same folder, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _load(cls: type[T], path: Path) -> tuple[T, list[str]]:
    if not path.exists():
        return cls(), []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("top level is not an object")
        known = {f.name for f in fields(cls)}
        obj = cls(**{k: v for k, v in raw.items() if k in known})
        if isinstance(obj, Settings):
            return cast(T, obj.validated()), []
        return obj, []
    except (OSError, UnicodeDecodeError, ValueError, TypeError, RecursionError) as exc:
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(aside)
            where = f"it was moved to {aside.name}"
        except OSError:
            where = "it could not be moved aside"
        return cls(), [f"{path} could not be read ({exc}); defaults are in use and {where}."]


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The saved settings, or defaults plus messages saying why."""
    return _load(Settings, path)


def save_settings(path: Path, settings: Settings) -> None:
    write_json_atomic(path, asdict(settings))


def load_ui_state(path: Path) -> tuple[UiState, list[str]]:
    return _load(UiState, path)


def save_ui_state(path: Path, state: UiState) -> None:
    write_json_atomic(path, asdict(state))
