"""`make bench`: every benchmark script in this folder, one after another, output as it comes.

Each script prints its own table and writes JSON under benchmarks/results/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The GUI benchmark goes first so engine_bench.py's table of every issue-10 target quotes this run's GUI figures.
ORDER = [
    "gui_bench.py",
    "engine_bench.py",
    "cli_startup.py",
    "spelling_bench.py",
    "newsroom_bench.py",
    "attribution_bench.py",
    "style_bench.py",
    "html_extraction.py",
    "languagetool_bench.py",
]


def main() -> int:
    scripts = [HERE / n for n in ORDER if (HERE / n).exists()]
    scripts += sorted(p for p in HERE.glob("*_bench.py") if p not in scripts)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        t = time.perf_counter()
        rc = subprocess.run([sys.executable, str(script)], env=env).returncode
        print(f"--- {script.name}: exit {rc}, {time.perf_counter() - t:.1f} s", flush=True)
        if rc:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
