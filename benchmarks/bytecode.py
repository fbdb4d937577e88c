"""Compile ProofDesk's bytecode before timing a process start, as pip does when it installs a wheel.

With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), an editable
checkout recompiles every module on each start: about 70 ms that no installed copy pays.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import proofdesk


def ensure_bytecode() -> None:
    compileall.compile_dir(str(Path(proofdesk.__file__).parent), quiet=1)
