"""How well the attribution checks find unattributed quotes without crying wolf.

Corpus: tests/fixtures/attribution/{dev,heldout}/*.txt — our own agency-style
stories. A marker in the text labels what a careful sub-editor would flag:
``⟦U⟧`` before a quote with no speaker, ``⟦W⟧`` before unnamed sourcing,
``⟦B⟧`` before an unbalanced quote mark, ``⟦C⟧`` at the start of a faulty or
missing credit line. Markers are stripped before checking. ``heldout`` was
written before the rules were tuned and is never used to tune them.

Run: .venv/bin/python benchmarks/attribution_bench.py
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from proofdesk.core.checks.attribution import AttributionCheck
from proofdesk.core.checks.base import CheckContext
from proofdesk.core.document import count_words, document_from_text
from proofdesk.core.engine import Engine, EngineConfig

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "attribution"
_MARKER = re.compile(r"⟦([UWBC])⟧")
_RULES = {
    "U": "attribution.unattributed-quote",
    "W": "attribution.weak-sourcing",
    "B": "attribution.unbalanced-quotes",
    "C": "attribution.credit-line",
}


@dataclass
class Tally:
    words: int = 0
    expected_quotes: int = 0
    found_quotes: int = 0
    flags: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def strip_markers(marked: str) -> tuple[str, list[tuple[str, int]]]:
    """The clean text and (rule, offset) for every marker."""
    out: list[str] = []
    labels: list[tuple[str, int]] = []
    pos = 0
    length = 0
    for m in _MARKER.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        labels.append((_RULES[m.group(1)], length))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), labels


def score(paths: list[Path], engine: Engine) -> Tally:
    tally = Tally()
    for path in paths:
        text, labels = strip_markers(path.read_text(encoding="utf-8"))
        doc = document_from_text(text)
        tally.words += count_words(text)
        findings = [f for f in engine.check(doc) if f.rule.startswith("attribution.")]
        matched: set[int] = set()
        for f in findings:
            tally.flags += 1
            hit = next(
                (
                    i
                    for i, (rule, at) in enumerate(labels)
                    if rule == f.rule and f.start <= at <= max(f.start, f.end - 1)
                ),
                None,
            )
            if hit is None:
                tally.wrong.append(f"{path.name}:{doc.line_col(f.start)[0]} {f.rule} {f.text[:60]!r}")
            else:
                tally.right += 1
                matched.add(hit)
        for i, (rule, at) in enumerate(labels):
            if rule != "attribution.unattributed-quote":
                continue
            tally.expected_quotes += 1
            if i in matched:
                tally.found_quotes += 1
            else:
                tally.missed.append(f"{path.name}:{doc.line_col(at)[0]} {text[at : at + 60]!r}")
    return tally


def report(name: str, t: Tally) -> None:
    found = t.found_quotes / t.expected_quotes if t.expected_quotes else 1.0
    false_rate = len(t.wrong) / t.words * 1000 if t.words else 0.0
    precision = t.right / t.flags if t.flags else 1.0
    print(f"[{name}] {t.words} words, {t.expected_quotes} unattributed quotes labelled")
    print(f"  unattributed quotes found:           {found:.3f}  (target >= 0.95)")
    print(f"  false attribution flags / 1000 words: {false_rate:.2f}  (target <= 0.5)")
    print(f"  attribution flags right:             {precision:.3f}  ({t.right}/{t.flags}, target >= 0.8)")
    for line in t.missed:
        print(f"    missed: {line}")
    for line in t.wrong:
        print(f"    false:  {line}")


# "…,” she said." at the end of a quote paragraph: removing it leaves a quote with no speaker.
_TAIL_ATTRIBUTION = re.compile(
    r"([,?!])([\"”]) ((?:[A-Z][\w’'-]+ ){0,4}(?:he|she|they|[A-Z][\w’'-]+)(?: [\w’'-]+){0,3} "
    r"(?:said|says|added|told [\w ]+?|warned|insisted|asked)(?:[^.”\"]*?))\.(?=\s|$)"
)
_STILL_ATTRIBUTED = re.compile(r"\b(?:said|says|added|told|according)\b")


def newsroom_articles() -> list[list[str]]:
    """Paragraphs of the clean articles another helper wrote for the furniture benchmark (H:/P: lines)."""
    articles: list[list[str]] = []
    for path in sorted((ROOT / "benchmarks").glob("newsroom_articles_*.txt")):
        for chunk in path.read_text(encoding="utf-8").split("==="):
            lines = [ln[3:] for ln in chunk.strip().split("\n") if len(ln) > 2 and ln[1:3] == ": "]
            if lines:
                articles.append(lines)
    return articles


def own_articles() -> list[list[str]]:
    out: list[list[str]] = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        text, _ = strip_markers(path.read_text(encoding="utf-8"))
        out.append([p for p in text.split("\n\n") if p.strip()])
    return out


def removal_recall(articles: list[list[str]], engine: Engine) -> tuple[int, int]:
    """Strip the attribution from each attributed quote paragraph in turn: how many of those quotes are flagged?"""
    total = flagged = 0
    for paras in articles:
        for i, para in enumerate(paras):
            m = _TAIL_ATTRIBUTION.search(para)
            if m is None or not para.lstrip().startswith(("“", '"', "‘", "'")):
                continue
            end = "." if m.group(1) == "," else m.group(1)
            stripped = para[: m.start()] + end + m.group(2) + para[m.end() + 1 :]
            outside = re.sub(r"[\"“][^\"”]*[\"”]", "", stripped)
            if _STILL_ATTRIBUTED.search(outside):
                continue
            text = "\n\n".join([*paras[:i], stripped, *paras[i + 1 :]])
            start = len("\n\n".join(paras[:i])) + (2 if i else 0)
            total += 1
            findings = engine.check(document_from_text(text))
            if any(
                f.rule == "attribution.unattributed-quote" and start <= f.start < start + len(stripped)
                for f in findings
            ):
                flagged += 1
    return flagged, total


def clean_copy_flags(articles: list[list[str]], engine: Engine) -> tuple[int, dict[str, int]]:
    words = 0
    by_rule: dict[str, int] = {}
    for paras in articles:
        text = "\n\n".join(paras)
        words += count_words(text)
        for f in engine.check(document_from_text(text)):
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return words, by_rule


def main() -> None:
    engine = Engine(EngineConfig(CheckContext()), checks=[AttributionCheck])
    splits = {name: sorted((CORPUS / name).glob("*.txt")) for name in ("dev", "heldout")}
    start = time.perf_counter()
    tallies = {name: score(paths, engine) for name, paths in splits.items()}
    elapsed = time.perf_counter() - start
    total = Tally()
    for name, t in tallies.items():
        report(f"{name}, {len(splits[name])} stories", t)
        total.words += t.words
        total.expected_quotes += t.expected_quotes
        total.found_quotes += t.found_quotes
        total.flags += t.flags
        total.right += t.right
        total.wrong += t.wrong
    print()
    report("all", Tally(total.words, total.expected_quotes, total.found_quotes, total.flags, total.right, total.wrong))
    print(f"\nchecked {sum(len(p) for p in splits.values())} stories in {elapsed * 1000:.1f} ms")

    # A long draft of unique paragraphs, so neither the engine's nor the rules' caches flatter the cold figure.
    big = "\n\n".join(f"{para} ({n})" for n, para in enumerate(p for _ in range(30) for a in own_articles() for p in a))
    doc = document_from_text(big)
    cold_engine = Engine(EngineConfig(CheckContext()), checks=[AttributionCheck])
    t0 = time.perf_counter()
    cold_engine.check(doc)
    t1 = time.perf_counter()
    cold_engine.check(doc)
    t2 = time.perf_counter()
    print(f"long draft, {count_words(big)} words: cold {(t1 - t0) * 1000:.0f} ms, re-check {(t2 - t1) * 1000:.0f} ms")

    others = newsroom_articles()
    if others:
        words, by_rule = clean_copy_flags(others, engine)
        print(f"\n[independent clean copy: {len(others)} articles by another helper, {words} words]")
        rate = by_rule.get("attribution.unattributed-quote", 0) / words * 1000
        print(f"  unattributed-quote flags / 1000 words: {rate:.2f}")
        print(f"  all attribution flags by rule: {dict(sorted(by_rule.items()))}")
    for name, articles in (("our corpus", own_articles()), ("independent copy", others)):
        flagged, cut = removal_recall(articles, engine)
        if cut:
            print(f"[attribution removed, {name}] {flagged}/{cut} quotes flagged = {flagged / cut:.3f}")


if __name__ == "__main__":
    main()
