"""Wall time and peak memory of ``proofdesk check --format json`` on 2,000- and 100,000-word drafts.

Each command runs as its own process (os.wait4 gives that child's peak RSS);
``python -c pass`` and ``proofdesk --version`` show how much is interpreter
and import start-up. Drafts are generated from the bundled sample's own words
in a temporary folder, so no real copy is involved.

    .venv/bin/python benchmarks/cli_startup.py [--runs 3] [--languagetool off]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from proofdesk.core.paths import resources_dir

SAMPLE = resources_dir() / "samples" / "scraped-story.txt"


def make_draft(words: int, seed: int = 7) -> str:
    """Paragraphs of sentences drawn from the sample's vocabulary (its typos included), no two alike."""
    vocab = re.findall(r"[A-Za-z][A-Za-z’'-]*", SAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            n = rng.randint(8, 22)
            sentence = " ".join(rng.choice(vocab) for _ in range(n))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            total += n
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def measure(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) over ``runs`` runs."""
    walls: list[float] = []
    peak_kb = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
        peak_kb = max(peak_kb, usage.ru_maxrss)  # kilobytes on Linux
    return statistics.median(walls), peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languagetool", default="off", help="passed to proofdesk check (default: off)")
    args = parser.parse_args()

    exe = Path(sys.executable).with_name("proofdesk")
    proofdesk = [str(exe)] if exe.exists() else [sys.executable, "-m", "proofdesk.cli.main"]
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        env_dirs = ["--config", str(Path(tmp) / "config"), "--data", str(Path(tmp) / "data")]
        rows.append(("python -c pass", *measure([sys.executable, "-c", "pass"], args.runs)))
        rows.append(("proofdesk --version", *measure([*proofdesk, "--version"], args.runs)))
        for words in (2_000, 100_000):
            draft = Path(tmp) / f"draft-{words}.txt"
            draft.write_text(make_draft(words), encoding="utf-8")
            cmd = [*proofdesk, *env_dirs, "check", str(draft), "--format", "json", "--languagetool", args.languagetool]
            rows.append((f"check --format json, {words:,} words", *measure(cmd, args.runs)))

    base = rows[0][1]
    print(f"{'command':<40} {'wall s':>8} {'beyond python':>14} {'peak RSS MB':>12}")
    for name, wall, rss in rows:
        print(f"{name:<40} {wall:>8.3f} {wall - base:>14.3f} {rss:>12.1f}")
    print(
        f"(median of {args.runs} runs; languagetool={args.languagetool}; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
