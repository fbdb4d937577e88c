"""Wall time and peak memory of ``proofdesk check --format json`` on 2,000- and 100,000-word drafts.

Each command runs as its own process (os.wait4 gives that child's peak RSS);
``python -c pass`` and ``proofdesk --version`` show how much is interpreter
and import start-up. Drafts are generated from the bundled sample's own words
in a temporary folder, so no real copy is involved.

    .venv/bin/python benchmarks/cli_startup.py [--runs 3] [--languagetool off]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import ensure_bytecode

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


GNU_TIME = Path("/usr/bin/time")


def measure(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) over ``runs`` runs.

    A child forked from this (already large) Python starts with our pages
    counted in its peak RSS, so small commands would all show this script's
    size; GNU time forks them from a tiny process instead, when it is there.
    """
    walls: list[float] = []
    peak_kb = 0
    report_fd, write_fd = os.pipe()
    prefix = [str(GNU_TIME), "-f", "%M", "-o", f"/dev/fd/{write_fd}"] if GNU_TIME.exists() else []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [*prefix, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=(write_fd,)
        )
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
        # Both in kilobytes on Linux.
        child_kb = int(os.read(report_fd, 64).split()[-1]) if prefix else usage.ru_maxrss
        peak_kb = max(peak_kb, child_kb)
    os.close(report_fd)
    os.close(write_fd)
    return statistics.median(walls), peak_kb / 1024


_STAGES = """
import json, sys, time
from pathlib import Path
t = [time.perf_counter()]
from proofdesk.cli.common import read_drafts
from proofdesk.cli.output import FileReport, format_json
from proofdesk.core.config import build_context
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.paths import resolve_paths
t.append(time.perf_counter())
ctx = build_context(language=None, style_path=None, vale_config=None, languagetool=sys.argv[2],
                    paths=resolve_paths(sys.argv[3], sys.argv[4]))
t.append(time.perf_counter())
(doc,) = read_drafts([Path(sys.argv[1])])
t.append(time.perf_counter())
engine = Engine(EngineConfig(context=ctx))
t.append(time.perf_counter())
findings = engine.check(doc)
t.append(time.perf_counter())
out = format_json([FileReport(sys.argv[1], ctx.language, doc, findings)])
t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])] + [len(findings)]))
"""
STAGE_NAMES = ("imports", "house style + dictionary", "read draft", "load checks", "run checks", "format JSON")


def stages(draft: Path, languagetool: str, tmp: str) -> list[float]:
    """Seconds spent in each stage of one check, measured inside a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _STAGES, str(draft), languagetool, f"{tmp}/config", f"{tmp}/data"],
        capture_output=True,
        text=True,
        check=True,
    )
    values: list[float] = json.loads(out.stdout)
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languagetool", default="off", help="passed to proofdesk check (default: off)")
    args = parser.parse_args()

    ensure_bytecode()
    exe = Path(sys.executable).with_name("proofdesk")
    proofdesk = [str(exe)] if exe.exists() else [sys.executable, "-m", "proofdesk.cli.main"]
    rows: list[tuple[str, float, float]] = []
    breakdown: list[tuple[int, list[float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        env_dirs = ["--config", str(Path(tmp) / "config"), "--data", str(Path(tmp) / "data")]
        rows.append(("python -c pass", *measure([sys.executable, "-c", "pass"], args.runs)))
        rows.append(("proofdesk --version", *measure([*proofdesk, "--version"], args.runs)))
        for words in (2_000, 100_000):
            draft = Path(tmp) / f"draft-{words}.txt"
            draft.write_text(make_draft(words), encoding="utf-8")
            cmd = [*proofdesk, *env_dirs, "check", str(draft), "--format", "json", "--languagetool", args.languagetool]
            rows.append((f"check --format json, {words:,} words", *measure(cmd, args.runs)))
            breakdown.append((words, stages(draft, args.languagetool, tmp)))

    base = rows[0][1]
    print(f"{'command':<40} {'wall s':>8} {'beyond python':>14} {'peak RSS MB':>12}")
    for name, wall, rss in rows:
        print(f"{name:<40} {wall:>8.3f} {wall - base:>14.3f} {rss:>12.1f}")
    print(
        f"(median of {args.runs} runs; languagetool={args.languagetool}; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})"
    )
    print()
    print(f"{'stage (one run, in-process)':<28}" + "".join(f"{f'{w:,} words':>16}" for w, _ in breakdown))
    for i, name in enumerate(STAGE_NAMES):
        print(f"{name:<28}" + "".join(f"{values[i]:>15.3f}s" for _, values in breakdown))
    print(f"{'findings':<28}" + "".join(f"{int(values[-1]):>16}" for _, values in breakdown))


if __name__ == "__main__":
    main()
