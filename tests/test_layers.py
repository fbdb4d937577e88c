"""The core and the command line must never import Qt (DESIGN.md §2)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import proofdesk.core, proofdesk.cli
for pkg in (proofdesk.core, proofdesk.cli):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(m.name)
bad = sorted(n for n in sys.modules if n.split(".")[0] == "PySide6")
print(",".join(bad))
"""


def test_core_and_cli_import_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"PySide6 modules imported by core/cli: {out.stdout}"


def test_the_guard_would_notice_qt() -> None:
    # The same probe, with a Qt import slipped in, must report it: the test above can fail.
    code = CODE.replace("import proofdesk.core, proofdesk.cli", "import proofdesk.core, proofdesk.cli, PySide6.QtCore")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "PySide6.QtCore" in out.stdout
