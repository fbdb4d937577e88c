"""The word lists prepared for quick loading, kept in the user's cache folder between runs.

Parsing ``resources/dictionaries`` (321,000 frequencies, 108,000 suggestion words per dictionary)
and asking Hunspell about the house typo list cost about 0.2 s at every start, and even
unmarshalling a ready-made 321,000-entry dict costs 60 ms. So the prepared file holds the words
sorted in one byte string with their offsets and values in flat arrays: loading is a few memory
copies, and a lookup bisects the byte string (a few microseconds; callers memoise).

The file is keyed by the size and mtime of every source it is made from, the list format,
ProofDesk's version and Python's marshal version, and written atomically. A file with another
key, a corrupt or unreadable one, or a cache folder that cannot be written only means building
from the sources again: slower, the same answers.

The tables also tell, for most words, what Hunspell would say without loading it (70 ms for
en_GB): the stored lists were made by asking the dictionary about every alphabetic word of the
frequency list, in lower case and then capitalised (see :mod:`proofdesk.core.spelling.wordlists`),
so for those words absence from a list is as exact an answer as presence.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import math
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import accumulate, chain, compress, repeat
from operator import eq, ne
from pathlib import Path
from typing import Any

from proofdesk import __version__
from proofdesk.core.paths import cache_dir, resources_dir
from proofdesk.core.spelling import wordlists

# Bumped whenever the prepared layout or what goes into it changes.
FORMAT = 5
_MAGIC = "proofdesk-spelling-prepared"
_MISSING = -1.0  # frequency of a word only the suggestion lists have (real frequencies are > 0)

# Flags per word and dictionary: how the stored form reads (none, the word itself, capitalised, listed),
# and whether the dictionary accepts the word itself (LOW) or its capitalised form (CAP).
_FORM_MASK = 3
_FORM_SAME = 1
_FORM_CAP = 2
_FORM_LISTED = 3
_LOW = 4
_CAP = 8
# The generator stores forms by their lower case: where another listed word capitalises to something
# that lower-cases to this one (ın → In → in), the list may have lost this word's own form.
_BLURRED = 16

# (first letter, length) -> lower-case words in the stored order.
Buckets = dict[tuple[str, int], list[str]]
# Common buckets, rare buckets, the stored form of each word whose form is not the word (london → London),
# and the zipf of every bucket word in bucket order (array bytes).
SuggestData = tuple[Buckets, Buckets, dict[str, str], bytes]
# A word this far below 1 per billion is treated as unseen (zipf scale: log10 of per-billion frequency).
MIN_ZIPF = 0.0


def zipf_of(frequency: float | None) -> float:
    """The zipf figure of a frequency (a proportion of all words): log10 of the rate per billion words."""
    return MIN_ZIPF if not frequency else math.log10(frequency) + 9.0


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


class WordTable:
    """Lower-case words in code-point order, each with a frequency and per-dictionary flags."""

    __slots__ = ("_asked", "_blob", "_flags", "_freq", "_listed", "_memo", "_n", "_offsets", "_plain")

    def __init__(
        self,
        blob: bytes,
        offsets: array[int],
        freq: array[float],
        flags: dict[str, bytes],
        listed: dict[str, dict[str, str]],
        plain: dict[str, bool],
        asked: dict[str, dict[str, bool]],
    ) -> None:
        n = len(offsets) - 1
        if n < 0 or len(freq) != n or any(len(f) != n for f in flags.values()) or offsets[n] != len(blob):
            raise ValueError("inconsistent word table")
        if set(plain) != set(flags) or set(listed) != set(flags) or set(asked) != set(flags):
            raise ValueError("inconsistent word table")
        self._blob = blob
        self._offsets = offsets
        self._n = n
        self._freq = freq
        self._flags = flags
        self._listed = listed
        self._plain = plain
        # Hunspell's own answers, asked when the tables were built, for the words the lists blur.
        self._asked = asked
        self._memo: dict[str, int] = {}

    def __len__(self) -> int:
        return self._n

    def index(self, word: str) -> int:
        """Position of ``word`` (exactly as given), or -1."""
        hit = self._memo.get(word)
        if hit is None:
            hit = self._bisect(word)
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[word] = hit
        return hit

    def _bisect(self, word: str) -> int:
        try:
            key = word.encode("utf-8")
        except UnicodeEncodeError:
            return -1
        blob, off = self._blob, self._offsets
        lo, hi = 0, self._n
        # UTF-8 byte order is code-point order, so the byte string bisects like the sorted words did.
        while lo < hi:
            mid = (lo + hi) >> 1
            if blob[off[mid] : off[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and blob[off[lo] : off[lo + 1]] == key:
            return lo
        return -1

    def word(self, i: int) -> str:
        return self._blob[self._offsets[i] : self._offsets[i + 1]].decode("utf-8")

    def frequency(self, i: int) -> float | None:
        f = self._freq[i]
        return None if f == _MISSING else f

    def form(self, dictionary: str, i: int) -> str | None:
        """The stored form of word ``i`` in ``dictionary``'s list (``london`` → ``London``), or None."""
        kind = self._flags[dictionary][i] & _FORM_MASK
        if kind == 0:
            return None
        w = self.word(i)
        if kind == _FORM_SAME:
            return w
        if kind == _FORM_CAP:
            return _cap(w)
        return self._listed[dictionary][w]

    def has_form(self, dictionary: str, i: int) -> bool:
        return bool(self._flags[dictionary][i] & _FORM_MASK)

    def spelled(self, dictionary: str, word: str) -> bool | None:
        """Hunspell's verdict on ``word`` where the stored lists settle it, else None.

        The generator asked the dictionary about every alphabetic word of the frequency list, in
        lower case and then capitalised, and stored each form it accepted: for those two forms,
        absence is as exact as presence. Where the dictionary's affix file has no case or break
        rules of its own (``plain``), Hunspell also takes any accepted word capitalised or in
        capitals, and hyphenated runs of accepted words (checked against both dictionaries for
        every listed word and 40,000 random compounds).
        """
        if "-" in word:
            return self._spelled_compound(dictionary, word)
        low = word.lower()
        i = self.index(low)
        if i < 0:
            return None
        flags = self._flags[dictionary][i]
        if flags & _BLURRED:
            return self._asked[dictionary].get(word)
        processed = self._freq[i] != _MISSING and low.isalpha()
        if word == low:
            if flags & _LOW:
                return True
            return False if processed else None
        if word == _cap(low):
            if flags & _CAP:
                return True
            if not flags & _LOW:
                return False if processed else None
            return True if self._plain[dictionary] else None
        if word.isupper() and flags & (_LOW | _CAP) and self._plain[dictionary]:
            return True
        return None

    def _spelled_compound(self, dictionary: str, word: str) -> bool | None:
        # Hunspell rejects words of 100 bytes or more, and words with ten or more break points.
        if not self._plain[dictionary] or len(word.encode("utf-8", "replace")) >= 100:
            return None
        parts = word.split("-")
        if len(parts) > 10:
            return None
        for p in parts:
            if not p or self.spelled(dictionary, p) is not True:
                return None  # a part it rejects may still be in a listed compound (sign-off)
        return True

    def iter_forms(self, dictionary: str) -> Iterator[str]:
        flags = self._flags[dictionary]
        for i in range(self._n):
            if flags[i] & _FORM_MASK:
                yield self.word(i)


_ABSENT = object()


class Forms(Mapping[str, str]):
    """A dictionary's stored form of each suggestible lower-case word (``london`` → ``London``).

    Read-only and memoised: the same answers as the dict :func:`wordlists.read_wordlist` returns.
    """

    _MEMO_LIMIT = 200_000

    def __init__(self, table: WordTable, dictionary: str, data: Prepared | None = None) -> None:
        self._table = table
        self._dictionary = dictionary
        # The house dictionary's prepared data, whose word set (once loaded) answers without bisecting.
        self._data = data
        # Also holds misses (None): most lookups are the same few thousand words of a story.
        self.memo: dict[str, str | None] = {}
        self._len: int | None = None

    def lookup(self, word: str) -> str | None:
        hit = self.memo.get(word, _ABSENT)
        if hit is _ABSENT:
            data = self._data
            if data is not None and data.members is not None:
                hit = data.displays.get(word, word) if word in data.members else None
            else:
                i = self._table.index(word)
                hit = None if i < 0 else self._table.form(self._dictionary, i)
            if len(self.memo) > self._MEMO_LIMIT:
                self.memo.clear()
            self.memo[word] = hit
        return hit  # type: ignore[return-value]

    def get(self, key: object, default: Any = None) -> Any:
        if not isinstance(key, str):
            return default
        hit = self.lookup(key)
        return default if hit is None else hit

    def __getitem__(self, key: str) -> str:
        hit = self.lookup(key) if isinstance(key, str) else None
        if hit is None:
            raise KeyError(key)
        return hit

    def __contains__(self, key: object) -> bool:
        data = self._data
        if data is not None and data.members is not None:
            return key in data.members  # the suggestion search asks this about thousands of strings
        return isinstance(key, str) and self.lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        return self._table.iter_forms(self._dictionary)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(1 for _ in self)
        return self._len


class Prepared:
    """Everything one language's lexicon loads: the word table, its typo list and (on demand) the buckets."""

    def __init__(self, table: WordTable, typos: dict[str, str], suggest: Callable[[], SuggestData]) -> None:
        self.table = table
        self.typos = typos
        self._load_suggest = suggest
        self._buckets: tuple[Buckets, Buckets] | None = None
        # Once the buckets are loaded: every suggestible word with its zipf, and the forms that differ from
        # their word. The suggestion search asks about thousands of strings; a dict answers without bisecting.
        self.members: dict[str, float] | None = None
        self.displays: dict[str, str] = {}
        # The first letters of the suggestible words of each length.
        self.firsts_by_length: dict[int, str] = {}
        self._lock = threading.Lock()

    def buckets(self) -> tuple[Buckets, Buckets]:
        """(common, rare) suggestion buckets; only a word needing suggestions pays for them."""
        got = self._buckets
        if got is None:
            with self._lock:
                if self._buckets is None:
                    common, rare, displays, zipfs_b = self._load_suggest()
                    zipfs = array("d")
                    zipfs.frombytes(zipfs_b)
                    self.displays = displays
                    words = chain.from_iterable(chain(common.values(), rare.values()))
                    self.members = dict(zip(words, zipfs, strict=True))
                    firsts: dict[int, set[str]] = {}
                    for first, length in chain(common, rare):
                        firsts.setdefault(length, set()).add(first)
                    self.firsts_by_length = {n: "".join(sorted(f)) for n, f in firsts.items()}
                    self._buckets = (common, rare)
                got = self._buckets
        return got


# Building ------------------------------------------------------------------


def _read_shown(hunspell_name: str) -> list[str] | None:
    """Every stored form of a suggestion list, in file order."""
    try:
        text = wordlists.wordlist_path(hunspell_name).read_text(encoding="utf-8")
    except OSError:
        return None
    shown: list[str] = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            shown.extend(line.split("\t", 3)[3].split(" "))
    return shown


def _flags(
    index: dict[str, int], freq: array[float], shown: list[str], blurred: list[int]
) -> tuple[bytes, dict[str, str]]:
    # Built with C-level maps and filters, and as few lookups in the big index as can be: this runs on
    # every cold start (measured: 0.29 s -> 0.18 s for both dictionaries).
    out = bytearray(len(index))
    listed: dict[str, str] = {}
    forms = dict(zip(map(str.lower, shown), shown, strict=True))  # later entries win, as in read_wordlist
    lows, shows = list(forms), list(forms.values())
    where = list(map(index.__getitem__, lows))
    for i in compress(where, map(eq, lows, shows)):
        # Stored as it is: the dictionary takes the word itself, which counts if the frequency list has it.
        out[i] = _FORM_SAME | _LOW if freq[i] != _MISSING else _FORM_SAME
    capitalised = set(compress(shown, map(ne, shown, map(str.lower, shown))))
    also_lower = set(shown)
    for low, form, i in compress(zip(lows, shows, where, strict=True), map(ne, lows, shows)):
        out[i] = _FORM_CAP if form == _cap(low) else _FORM_LISTED
        if out[i] == _FORM_LISTED:
            listed[low] = form
        if low in also_lower and freq[i] != _MISSING:
            out[i] |= _LOW  # stored in lower case too, before a later form took its place
    # Only a word whose capitalised form lower-cases back to it is ever asked about capitalised.
    for form in capitalised:
        low = form.lower()
        i = index[low]
        if freq[i] != _MISSING and _cap(low) == form:
            out[i] |= _CAP
    for i in blurred:
        out[i] |= _BLURRED
    return bytes(out), listed


def _blurred(index: dict[str, int], words: Iterable[str]) -> list[int]:
    """Positions of the words another word of the list turns into when capitalised and lower-cased again."""
    odd = {c for c in {w[:1] for w in words} if c.upper().lower() != c}
    out: list[int] = []
    for w in words:
        if w[:1] in odd and w.isalpha():
            i = index.get(_cap(w).lower())
            if i is not None:
                out.append(i)
    return out


def build(
    language: str, hunspell_names: tuple[str, str], main_spell: Callable[[str], bool], typos: dict[str, str]
) -> tuple[WordTable, dict[str, str], SuggestData]:
    """Build one language's tables from the sources (``hunspell_names``: house dictionary first)."""
    freq = wordlists.read_frequencies() or wordlists.wordfreq_frequencies()
    shown_by: dict[str, list[str]] = {}
    for name in hunspell_names:
        shown = _read_shown(name)
        if shown is None:
            # No stored list: ask the dictionary now, as the generator does (slow, same answers).
            from proofdesk.core.spelling.lexicon import _Hunspell

            spell = main_spell if name == hunspell_names[0] else _Hunspell(name).spell
            shown = wordlists.accepted_words(list(freq), spell)
        shown_by[name] = shown
    keys_set = set(freq)
    for shown in shown_by.values():
        keys_set.update(map(str.lower, shown))
    keys = sorted(keys_set)
    encoded = list(map(str.encode, keys))
    offsets = array("I", [0])
    offsets.extend(accumulate(map(len, encoded)))
    freq_arr = array("d", map(freq.get, keys, repeat(_MISSING)))
    flags: dict[str, bytes] = {}
    listed: dict[str, dict[str, str]] = {}
    index = dict(zip(keys, range(len(keys)), strict=True))
    blurred = _blurred(index, freq)
    for name, shown in shown_by.items():
        flags[name], listed[name] = _flags(index, freq_arr, shown, blurred)
    plain = {name: _plain_case(name) for name in hunspell_names}
    asked: dict[str, dict[str, bool]] = {}
    for name in hunspell_names:
        from proofdesk.core.spelling.lexicon import _Hunspell

        spell = main_spell if name == hunspell_names[0] else _Hunspell(name).spell
        asked[name] = {w: spell(w) for i in blurred for w in (keys[i], _cap(keys[i]))}
    table = WordTable(b"".join(encoded), offsets, freq_arr, flags, listed, plain, asked)
    main_shown = shown_by[hunspell_names[0]]
    stored = wordlists.read_wordlist(hunspell_names[0])
    if stored is None:
        stored = wordlists.bucket_words(main_shown, freq)
    forms, common, rare = stored
    kept = {k: v for k, v in typos.items() if not main_spell(k)}
    zipfs = array("d", [zipf_of(freq.get(w)) for w in chain.from_iterable(chain(common.values(), rare.values()))])
    return table, kept, (common, rare, {k: v for k, v in forms.items() if k != v}, zipfs.tobytes())


# Affix-file options that change how Hunspell treats case or breaks words at hyphens.
_CASE_OPTIONS = ("KEEPCASE", "FORCEUCASE", "BREAK", "FORBIDDENWORD", "CHECKSHARPS", "LANG")


def _plain_case(hunspell_name: str) -> bool:
    """Whether the dictionary follows Hunspell's default case and hyphen rules (see WordTable.spelled)."""
    try:
        aff = _hunspell_files(hunspell_name)[1].read_text(encoding="latin-1")
    except (OSError, ImportError, RuntimeError):
        return False
    return not any(line.split(maxsplit=1)[:1] == [opt] for line in aff.splitlines() for opt in _CASE_OPTIONS)


# The cache file ----------------------------------------------------------------


def _hunspell_files(hunspell_name: str) -> list[Path]:
    from proofdesk.core.spelling.lexicon import hunspell_folder

    folder = hunspell_folder(hunspell_name)
    return [folder / f"{hunspell_name}.dic", folder / f"{hunspell_name}.aff"]


def _key(language: str, hunspell_names: tuple[str, str]) -> tuple[Any, ...] | None:
    """What the prepared file depends on, or None if a source is missing (then nothing is cached)."""
    sources = [wordlists.freq_path(), resources_dir() / "dictionaries" / "en-typos.txt"]
    sources += [wordlists.wordlist_path(n) for n in hunspell_names]
    try:
        for name in hunspell_names:
            sources += _hunspell_files(name)
        stats = tuple((str(p), (s := p.stat()).st_size, s.st_mtime_ns) for p in sources)
    except (OSError, ImportError, RuntimeError):
        return None
    return (
        _MAGIC,
        FORMAT,
        wordlists.FORMAT,
        __version__,
        sys.version_info[:2],
        marshal.version,
        sys.byteorder,
        array("I").itemsize,
        language,
        stats,
    )


def cache_path(language: str) -> Path:
    return cache_dir() / f"spelling-{language}.v{FORMAT}.bin"


def _from_file(path: Path, key: tuple[Any, ...]) -> Prepared | None:
    try:
        data = marshal.loads(path.read_bytes())
        if not isinstance(data, tuple) or len(data) != 10 or data[0] != key:
            return None
        _, blob, offsets_b, freq_b, flags, listed, plain, asked, typos, buckets_b = data
        offsets = array("I")
        offsets.frombytes(offsets_b)
        freq = array("d")
        freq.frombytes(freq_b)
        table = WordTable(blob, offsets, freq, flags, listed, plain, asked)
        if not (isinstance(typos, dict) and isinstance(buckets_b, bytes)):
            return None
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return None

    def suggest() -> SuggestData:
        common, rare, displays, zipfs = marshal.loads(buckets_b)
        return common, rare, displays, zipfs

    return Prepared(table, typos, suggest)


def _write(path: Path, payload: bytes, stale: str | None = None) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one.

    ``stale`` is a glob for files an older layout left in the folder, removed once the new file is in.
    """
    from proofdesk.core.io.atomic import atomic_write_bytes  # only when writing: it imports tempfile
    from proofdesk.core.io.errors import OutputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, payload, durable=False)
        for old in path.parent.glob(stale) if stale else ():
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, OutputError):
        pass  # a read-only or full cache folder only costs the next start the same rebuild


def load(
    language: str,
    hunspell_names: tuple[str, str],
    main_spell: Callable[[str], bool],
    typos: Callable[[], dict[str, str]],
) -> Prepared:
    """One language's prepared tables, from the cache file if it is current, else built (and cached)."""
    key = _key(language, hunspell_names)
    path = cache_path(language)
    if key is not None:
        got = _from_file(path, key)
        if got is not None:
            return got
    table, kept, suggest = build(language, hunspell_names, main_spell, typos())
    buckets_b = marshal.dumps(suggest)
    if key is not None:
        payload = marshal.dumps(
            (
                key,
                table._blob,
                table._offsets.tobytes(),
                table._freq.tobytes(),
                table._flags,
                table._listed,
                table._plain,
                table._asked,
                kept,
                buckets_b,
            )
        )
        _write(path, payload, f"spelling-{language}.v*.bin")
    return Prepared(table, kept, lambda: suggest)


# Hunspell's verdicts between runs -------------------------------------------------


def _verdict_key(hunspell_name: str) -> tuple[Any, ...] | None:
    try:
        files = _hunspell_files(hunspell_name)
        spec = importlib.util.find_spec("hunspell")
        if spec is None or spec.origin is None:
            return None
        # The library's own files: an upgraded Hunspell may judge words differently.
        files += [Path(spec.origin), Path(spec.origin).with_name("_version.py")]
        stats = tuple((str(p), (s := p.stat()).st_size, s.st_mtime_ns) for p in files)
    except (OSError, ImportError, ValueError, RuntimeError):
        return None
    return (_MAGIC, FORMAT, __version__, sys.version_info[:2], marshal.version, hunspell_name, stats)


class Verdicts:
    """Hunspell's answers on words the stored lists cannot settle, kept between runs in the cache folder.

    A story's rare names and typos are the only words that make a check load Hunspell (70 ms for
    en_GB, 30 ms for en_US); checking the same story again, as sub-editors do, then needs neither.
    Keyed by the dictionary's and the library's files, so another dictionary never sees them;
    written at exit (atomically, merged with what other runs wrote), newest :data:`LIMIT` kept.
    """

    LIMIT = 20_000

    def __init__(self, hunspell_name: str) -> None:
        self._name = hunspell_name
        self._path = cache_dir() / f"spelling-verdicts-{hunspell_name}.v{FORMAT}.bin"
        self._key = _verdict_key(hunspell_name)
        self._fresh: dict[str, bool] = {}
        self._registered = False
        self.known: dict[str, bool] = self._read()

    def _read(self) -> dict[str, bool]:
        if self._key is None:
            return {}
        try:
            data = marshal.loads(self._path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == self._key and isinstance(data[1], dict)):
            return {}
        known: dict[str, bool] = data[1]
        if not all(type(k) is str and type(v) is bool for k, v in known.items()):
            return {}
        return known

    def add(self, word: str, ok: bool) -> None:
        if self._key is None:
            return
        if len(self.known) > 4 * self.LIMIT:
            self.known.clear()
        self.known[word] = ok
        self._fresh.pop(word, None)
        self._fresh[word] = ok
        if len(self._fresh) > 2 * self.LIMIT:
            # Trimmed in one go: deleting the oldest one at a time makes each next deletion slower.
            self._fresh = dict(list(self._fresh.items())[-self.LIMIT :])
        if not self._registered:
            self._registered = True
            atexit.register(self.save)

    def forget(self) -> None:
        self.known.clear()

    def save(self) -> None:
        """Add this run's verdicts to the file (called at exit)."""
        if self._key is None or not self._fresh:
            return
        merged = self._read()
        for word in self._fresh:
            merged.pop(word, None)  # re-inserted below, as the newest
        merged.update(self._fresh)
        if len(merged) > self.LIMIT:
            merged = dict(list(merged.items())[-self.LIMIT :])
        self._fresh = {}
        _write(self._path, marshal.dumps((self._key, merged)), f"spelling-verdicts-{self._name}.v*.bin")
