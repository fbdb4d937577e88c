"""Spelling benchmark: ProofDesk against bare Hunspell and bare pyspellchecker, on the same data, in one run.

Data (all offline):
- clean news copy we wrote ourselves, full of names, places, companies, acronyms, figures, currencies,
  URLs, handles and quotes: ``tests/core/spelling/data/news-clean.txt`` and ``news-mixed.txt`` (used
  while tuning) and ``news-heldout.txt`` (written before tuning, not used for it);
- real misspelling → correction pairs from codespell's dictionary (GPL-2.0 data from the installed
  dev package, used here as test data only; never shipped or loaded by ProofDesk), kept where the
  correction is an ordinary news word and the misspelling is in neither Hunspell dictionary. Pairs
  are split by a hash of the misspelling into a tuning half and a held-out half; pairs already in
  ProofDesk's own typo list are dropped so the list cannot flatter the result.

Each misspelling replaces a random ordinary word of the clean copy at about one per 40 words, keeping
its capitalisation, so sentence starts and headline words get capitalised misspellings. Words that are
part of a name ("Mel Stride", "Bank of England") or of an address are never replaced: misspelling
lists hold misspellings of ordinary words, and a checker cannot know how a name should be spelt.
Prints recall, top-1, top-3, false flags per 1,000 words of clean copy and words per second.

    .venv/bin/python benchmarks/spelling_bench.py [--split heldout|tune|all] [--baseline-sample N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "core" / "spelling" / "data"
sys.path.insert(0, str(ROOT / "src"))

from proofdesk.core.checks.base import CheckContext  # noqa: E402
from proofdesk.core.checks.spelling import SpellingCheck  # noqa: E402
from proofdesk.core.document import document_from_text  # noqa: E402
from proofdesk.core.engine import Engine, EngineConfig  # noqa: E402
from proofdesk.core.spelling.lexicon import _load_typos, get_judge, get_lexicon  # noqa: E402
from proofdesk.core.style.model import HouseStyle  # noqa: E402

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
DENSITY = 40  # one misspelling per this many words


@dataclass(frozen=True)
class Injected:
    start: int
    end: int
    typo: str
    expected: str


@dataclass
class Score:
    name: str
    found: int = 0
    top1: int = 0
    top3: int = 0
    total: int = 0
    false_flags: int = 0
    clean_words: int = 0
    seconds: float = 0.0
    words: int = 0

    def row(self) -> str:
        t = max(self.total, 1)
        ff = 1000 * self.false_flags / max(self.clean_words, 1)
        wps = self.words / self.seconds if self.seconds else 0.0
        return (
            f"{self.name:<28} {self.total:>6} {self.found / t:>7.3f} {self.top1 / t:>7.3f} {self.top3 / t:>7.3f} "
            f"{ff:>10.2f} {wps:>11,.0f}"
        )


def codespell_pairs() -> list[tuple[str, str]]:
    try:
        import codespell_lib
    except ImportError:
        sys.exit("spelling_bench: install the dev extra (pip install -e .[dev]) for codespell's test data")
    path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        typo, _, fixes = line.partition("->")
        fixes = fixes.strip().rstrip(",")
        if not fixes or "," in fixes:
            continue  # ambiguous: codespell itself cannot pick one
        if typo.isalpha() and typo.islower() and fixes.isalpha() and fixes.islower():
            pairs.append((typo, fixes))
    return pairs


def usable_pairs(language: str) -> list[tuple[str, str]]:
    lex = get_lexicon(language)
    house = _load_typos()
    out = []
    for typo, fix in codespell_pairs():
        if typo in house or len(fix) < 3:
            continue
        # A misspelling that is itself a word (form/from) is a grammar problem, invisible to a word list.
        if lex.known(typo) or lex.known_other(typo) or lex.known(typo.capitalize()):
            continue
        if not lex.known(fix) or lex.zipf(fix) < 3.0:
            continue
        out.append((typo, fix))
    return out


def split_of(typo: str) -> str:
    return "tune" if hashlib.sha1(typo.encode()).digest()[0] % 2 == 0 else "heldout"


_ADDRESS = re.compile(r"\S*[@#/.]\w\S*")  # URLs, e-mail addresses, handles, tags, domains


def _is_headline(line: str) -> bool:
    line = line.strip()
    return bool(line) and line[-1] not in ".!?”\"’'" and len(line.split()) < 20


def injection_slots(text: str) -> list[re.Match[str]]:
    """Ordinary words a reporter might misspell: dictionary words in lower case, or capitalised only
    because they start a sentence or stand in a headline — never part of a name or an address."""
    lex = get_lexicon("en-GB")
    covered = [m.span() for m in _ADDRESS.finditer(text)]
    slots = []
    for m in WORD.finditer(text):
        word = m.group()
        if len(word) < 3 or not lex.known(word.lower()) or any(s <= m.start() < e for s, e in covered):
            continue
        if not word.islower():
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            before = text[line_start : m.start()].rstrip(" “\"‘'")
            if not (_is_headline(line) or not before or before[-1] in ".!?:"):
                continue
        slots.append(m)
    return slots


def inject(text: str, pairs: Sequence[tuple[str, str]], rng: random.Random) -> tuple[str, list[Injected]]:
    """Replace random ordinary words of ``text`` with the misspellings, one per DENSITY words."""
    slots = injection_slots(text)
    chosen = sorted(rng.sample(slots, min(len(pairs), len(slots))), key=lambda m: m.start())
    out: list[str] = []
    found: list[Injected] = []
    pos = shift = 0
    for m, (typo, fix) in zip(chosen, pairs, strict=False):
        original = m.group()
        if original.isupper():
            continue
        if original[:1].isupper():
            typo, fix = typo.capitalize(), fix.capitalize()
        out.append(text[pos : m.start()])
        start = m.start() + shift
        out.append(typo)
        found.append(Injected(start, start + len(typo), typo, fix))
        shift += len(typo) - len(original)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), found


def load_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("news-*.txt"))]


# Checkers: each maps a text to [(start, end, suggestions)] ------------------------------------------------

Flags = list[tuple[int, int, list[str]]]


def proofdesk_checker(language: str, use_typos: bool = True) -> Callable[[str], Flags]:
    style = HouseStyle(language=language, checks={"spelling": {"typo-list": use_typos}})
    ctx = CheckContext(language=language, style=style)
    judge = get_judge(language, use_typos=use_typos)

    def run(text: str) -> Flags:
        # Every document starts cold: the stories here share most of their words, real ones less so.
        judge.forget()
        engine = Engine(EngineConfig(ctx), checks=[SpellingCheck])
        return [(f.start, f.end, list(f.suggestions)) for f in engine.check(document_from_text(text))]

    return run


def hunspell_checker(language: str) -> Callable[[str], Flags]:
    from proofdesk.core.spelling.lexicon import LANGUAGES, _Hunspell

    h = _Hunspell(LANGUAGES[language].hunspell_name)._h

    def run(text: str) -> Flags:
        out: Flags = []
        for m in WORD.finditer(text):
            word = m.group().replace("’", "'")
            if not h.spell(word):
                out.append((m.start(), m.end(), list(h.suggest(word))))
        return out

    return run


def pyspell_checker() -> Callable[[str], Flags]:
    from spellchecker import SpellChecker

    sc = SpellChecker(language="en")

    def run(text: str) -> Flags:
        out: Flags = []
        for m in WORD.finditer(text):
            word = m.group().replace("’", "'")
            if word.lower() in sc:
                continue
            cands = sc.candidates(word.lower()) or set()
            ranked = sorted(cands, key=lambda c: -sc.word_usage_frequency(c))
            if ranked and word[:1].isupper():
                ranked = [r.capitalize() for r in ranked]
            out.append((m.start(), m.end(), ranked))
        return out

    return run


def evaluate(
    name: str, check: Callable[[str], Flags], docs: list[tuple[str, list[Injected]]], clean: list[str]
) -> Score:
    score = Score(name)
    for text in clean:
        score.false_flags += len(check(text))
        score.clean_words += len(WORD.findall(text))
    for text, injected in docs:
        # CPU time of this process: one core's work, whatever else the machine is doing.
        t0 = time.process_time()
        flags = check(text)
        score.seconds += time.process_time() - t0
        score.words += len(WORD.findall(text))
        for inj in injected:
            score.total += 1
            hit = next((f for f in flags if f[0] <= inj.start and inj.end <= f[1]), None)
            if hit is None:
                continue
            score.found += 1
            sugg = hit[2]
            if sugg[:1] == [inj.expected]:
                score.top1 += 1
            if inj.expected in sugg[:3]:
                score.top3 += 1
    return score


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("heldout", "tune", "all"), default="heldout")
    parser.add_argument("--baseline-sample", type=int, default=4, help="documents the slow baselines check")
    parser.add_argument("--misses", type=int, default=0, help="print this many ProofDesk misses/wrong top-1")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    language = "en-GB"
    t0 = time.process_time()
    get_judge(language)
    load = time.process_time() - t0
    pairs = [p for p in usable_pairs(language) if args.split == "all" or split_of(p[0]) == args.split]
    rng = random.Random(args.seed)
    rng.shuffle(pairs)
    texts = load_texts()
    docs: list[tuple[str, list[Injected]]] = []
    i = 0
    while i < len(pairs):
        for _name, text in texts:
            n = max(1, len(WORD.findall(text)) // DENSITY)
            doc, injected = inject(text, pairs[i : i + n], rng)
            docs.append((doc, injected))
            i += n
            if i >= len(pairs):
                break
    clean = [text for _n, text in texts]
    clean_words = sum(len(WORD.findall(t)) for t in clean)
    print(
        f"ProofDesk spelling benchmark ({language}): {len(pairs)} codespell pairs ({args.split} split), "
        f"{len(docs)} documents, clean copy {clean_words} words; dictionary load {load:.2f} s CPU"
    )
    print(f"{'checker':<28} {'typos':>6} {'recall':>7} {'top-1':>7} {'top-3':>7} {'ff/1000w':>10} {'words/s':>11}")

    proofdesk = evaluate("ProofDesk", proofdesk_checker(language), docs, clean)
    print(proofdesk.row())
    no_list = evaluate("ProofDesk (no typo list)", proofdesk_checker(language, use_typos=False), docs, clean)
    print(no_list.row())
    sample = docs[: args.baseline_sample]
    if sample:
        print(evaluate("Hunspell en_GB (bare)", hunspell_checker(language), sample, clean).row())
        print(evaluate("pyspellchecker (bare)", pyspell_checker(), sample, clean).row())
        print(f"(baselines on the first {len(sample)} documents: Hunspell suggestions take ~0.1 s per word)")
    common_misspellings()
    if args.misses:
        show_misses(proofdesk_checker(language), docs, args.misses)
    return 0


def common_misspellings() -> None:
    """Everyday misspellings by people, not keyboards (our own list), with that list switched off."""
    from proofdesk.core.spelling.judge import Kind
    from proofdesk.core.spelling.suggest import candidates

    judge = get_judge("en-GB", use_typos=False)
    lex = judge.lex
    pairs = [(a, b) for a, b in _load_typos().items() if not lex.known(a) and " " not in b]
    found = top1 = top3 = 0
    for typo, fix in pairs:
        found += judge.judge(typo).kind is not Kind.OK
        ranked = [c.word for c in candidates(lex, typo)[:3]]
        top1 += ranked[:1] == [fix]
        top3 += fix in ranked
    n = max(len(pairs), 1)
    print(
        f"Everyday misspellings (resources/dictionaries/en-typos.txt, {len(pairs)} pairs, list switched off): "
        f"recall {found / n:.3f}, top-1 {top1 / n:.3f}, top-3 {top3 / n:.3f}"
    )


def show_misses(check: Callable[[str], Flags], docs: list[tuple[str, list[Injected]]], limit: int) -> None:
    shown = 0
    for text, injected in docs:
        flags = check(text)
        for inj in injected:
            hit = next((f for f in flags if f[0] <= inj.start and inj.end <= f[1]), None)
            if hit is None or hit[2][:1] != [inj.expected]:
                ctx = text[max(0, inj.start - 30) : inj.end + 10].replace("\n", " ")
                got = "MISSED" if hit is None else hit[2][:3]
                print(f"  {inj.typo!r} → {inj.expected!r}: {got}   …{ctx}…")
                shown += 1
                if shown >= limit:
                    return


if __name__ == "__main__":
    raise SystemExit(main())
