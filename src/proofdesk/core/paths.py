"""Where ProofDesk keeps settings and data, with overrides for tests and portable use.

Order of precedence: an explicit override (``--config``/``--data``), the
environment (``PROOFDESK_CONFIG_DIR``/``PROOFDESK_DATA_DIR``/``PROOFDESK_CACHE_DIR``),
then the platform's folders from platformdirs. Nothing is created until asked for.
The cache holds only files ProofDesk can rebuild from its own resources, so it may
be deleted at any time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "ProofDesk"
APP_ID = "org.proofdesk.ProofDesk"


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def ui_state_file(self) -> Path:
        return self.config / "ui-state.json"

    @property
    def personal_dictionary(self) -> Path:
        return self.data / "personal-dictionary.txt"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def autosave(self) -> Path:
        return self.data / "autosave"


def resolve_paths(config: str | os.PathLike[str] | None = None, data: str | os.PathLike[str] | None = None) -> AppPaths:
    cfg = config or os.environ.get("PROOFDESK_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME, appauthor=False)
    dat = data or os.environ.get("PROOFDESK_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    cache = os.environ.get("PROOFDESK_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    return AppPaths(Path(cfg).expanduser(), Path(dat).expanduser(), Path(cache).expanduser())


def cache_dir() -> Path:
    """Where rebuildable artefacts (prepared word lists, compiled style data) are kept between runs."""
    return resolve_paths().cache


def resources_dir() -> Path:
    """The bundled ``resources/`` folder: inside the package when installed or frozen."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "resources"
