"""Hatch build hook: compile the Qt Designer forms in ui/*.ui into src/proofdesk/gui/forms/ui_*.py.

The .ui files are the source of truth; the generated modules are git-ignored and
never edited by hand. Runs for wheels and editable installs alike, so an
installed ProofDesk and a checkout both have the forms. pyside6-uic comes from
the hook's own build dependency (pyside6-essentials), not from the user's env.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_UIC = "import sys; from PySide6.scripts.pyside_tool import uic; sys.argv = ['pyside6-uic', *sys.argv[1:]]; uic()"


def compile_forms(root: Path) -> list[Path]:
    """Compile every ui/*.ui under ``root`` whose output is missing or older; return all outputs."""
    forms_dir = root / "src" / "proofdesk" / "gui" / "forms"
    forms_dir.mkdir(parents=True, exist_ok=True)
    init = forms_dir / "__init__.py"
    if not init.exists():
        init.write_text('"""Python forms generated from ui/*.ui by pyside6-uic at build time."""\n', encoding="utf-8")
    outputs = []
    for ui in sorted((root / "ui").glob("*.ui")):
        out = forms_dir / f"ui_{ui.stem}.py"
        outputs.append(out)
        if out.exists() and out.stat().st_mtime >= ui.stat().st_mtime:
            continue
        result = subprocess.run(
            [sys.executable, "-c", _UIC, str(ui), "-o", str(out)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"pyside6-uic failed on {ui}:\n{result.stdout}{result.stderr}")
    return outputs


class FormsBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        outputs = compile_forms(root)
        if version == "editable":
            return  # the source tree is on sys.path: the files are where the package looks
        # The generated files are git-ignored, which hatch would otherwise leave out of the wheel.
        for out in outputs:
            build_data["force_include"][str(out)] = str(out.relative_to(root / "src"))


if __name__ == "__main__":
    for path in compile_forms(Path(__file__).resolve().parent.parent):
        print(path)
