"""The prepared word tables in the cache folder: same answers as the sources, and safe when cold, stale or broken."""

from __future__ import annotations

import marshal
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from proofdesk.core.spelling import prepared
from proofdesk.core.spelling.lexicon import LANGUAGES, _Hunspell, _load_typos, get_lexicon
from proofdesk.core.spelling.wordlists import read_frequencies, read_wordlist

NAMES = ("en_GB", "en_US")


def _load(language: str = "en-GB") -> prepared.Prepared:
    info = LANGUAGES[language]
    main = _Hunspell(info.hunspell_name)
    return prepared.load(language, (info.hunspell_name, LANGUAGES[info.other].hunspell_name), main.spell, _load_typos)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The prepared en-GB file, built once for the module (a build takes about a second)."""
    folder = tmp_path_factory.mktemp("prepared")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROOFDESK_CACHE_DIR", str(folder))
        _load()
        return prepared.cache_path("en-GB").read_bytes()


@pytest.fixture
def warm(built: bytes) -> Path:
    """This test's cache folder, holding a current prepared file."""
    path = prepared.cache_path("en-GB")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(built)
    return path


def _refuse_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("a current prepared file must be read, not rebuilt")

    monkeypatch.setattr(prepared, "build", refuse)


def test_a_cold_start_writes_the_file_and_a_warm_one_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _load()
    path = prepared.cache_path("en-GB")
    assert path.is_file()
    _refuse_building(monkeypatch)
    warm = _load()
    assert warm.typos == cold.typos
    assert warm.buckets() == cold.buckets()
    for word in ("colour", "london", "zymurgy", "goverment", "qzxv"):
        i, j = cold.table.index(word), warm.table.index(word)
        assert i == j
        if i >= 0:
            assert warm.table.frequency(i) == cold.table.frequency(i)
            assert warm.table.form("en_GB", i) == cold.table.form("en_GB", i)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal data at all",
        marshal.dumps(("some other key", b"", b"", b"", {}, {}, {}, {}, {}, b"")),
        marshal.dumps([1, 2, 3]),
    ],
)
def test_a_corrupt_or_stale_file_is_rebuilt_with_the_same_answers(damage: bytes, warm: Path, built: bytes) -> None:
    good = _load()
    path = warm
    path.write_bytes(damage)
    again = _load()
    assert again.typos == good.typos
    assert again.table.form("en_GB", again.table.index("london")) == "London"
    assert path.read_bytes() == built  # rewritten, the same as ever


def test_files_of_an_older_layout_are_cleared_away(warm: Path) -> None:
    older = warm.with_name("spelling-en-GB.v0.bin")
    older.write_bytes(b"an older layout")
    warm.unlink()
    _load()
    assert warm.is_file() and not older.exists()


def test_a_truncated_file_is_rebuilt(warm: Path) -> None:
    path = warm
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _load().table.index("colour") >= 0
    assert path.read_bytes() == data


def test_a_changed_source_makes_the_file_stale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copy = tmp_path / "en-freq.txt.gz"
    copy.write_bytes(prepared.wordlists.freq_path().read_bytes())
    monkeypatch.setattr(prepared.wordlists, "freq_path", lambda: copy)
    _load()
    builds: list[str] = []
    real_build = prepared.build

    def counting(*args: object) -> object:
        builds.append("built")
        return real_build(*args)

    monkeypatch.setattr(prepared, "build", counting)
    _load()
    assert builds == []
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    _load()
    assert builds == ["built"]
    _load()
    assert builds == ["built"]


def test_an_unwritable_cache_folder_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("PROOFDESK_CACHE_DIR", str(blocker))
    loaded = _load()
    assert loaded.table.index("colour") >= 0 and loaded.typos
    assert blocker.is_file()


@pytest.mark.parametrize("name", NAMES)
def test_stored_forms_are_the_word_lists_own(name: str) -> None:
    language = "en-GB" if name == "en_GB" else "en-US"
    lex = get_lexicon(language)
    stored = read_wordlist(name)
    assert stored is not None
    forms = stored[0]
    assert len(lex.forms) == len(forms)
    sample = random.Random(7).sample(sorted(forms), 3000)
    lex.forms.memo.clear()
    for word in sample:  # read from the table
        assert lex.forms[word] == forms[word]
    lex._data.buckets()
    lex.forms.memo.clear()
    lex._zipf.clear()
    freq = read_frequencies()
    assert freq is not None
    for word in sample:  # read from the word set the buckets bring
        assert lex.forms.get(word) == forms[word]
        f = freq.get(word)
        assert lex.zipf(word) == (math.log10(f) + 9.0 if f else 0.0)
    assert "qzxvq" not in lex.forms and lex.forms.get("qzxvq") is None
    with pytest.raises(KeyError):
        _ = lex.forms["qzxvq"]


def test_frequencies_are_the_stored_ones_to_the_last_bit() -> None:
    freq = read_frequencies()
    assert freq is not None
    lex = get_lexicon("en-GB")
    for word in [*random.Random(11).sample(sorted(freq), 3000), "qzxvq", "London"]:
        f = freq.get(word.lower())
        assert lex.zipf(word) == (math.log10(f) + 9.0 if f else 0.0)


def _samples(freq: dict[str, float], rng: random.Random) -> list[str]:
    """Words to ask both the tables and Hunspell about: listed words in every case, compounds, slips, names."""
    alpha = [w for w in freq if w.isalpha()]
    words: list[str] = []
    for w in rng.sample(alpha, 4000):
        words += [w, w[:1].upper() + w[1:], w.upper(), w[:-1] or w, w + "s", w[::-1]]
    for _ in range(3000):
        parts = [rng.choice(alpha) for _ in range(rng.choice((2, 2, 3, 4)))]
        if rng.random() < 0.3:
            parts = [p[:1].upper() + p[1:] for p in parts]
        words.append("-".join(parts))
    words += ["Kelmarsh", "Porthallow", "NHS", "iPhone", "don't", "estuary's", "ı", "İstanbul", "a" * 120]
    return words


@pytest.mark.parametrize("name", NAMES)
def test_every_settled_verdict_is_hunspells(name: str) -> None:
    lex = get_lexicon("en-GB")
    freq = read_frequencies()
    assert freq is not None
    hunspell = _Hunspell(name)
    settled = 0
    for word in _samples(freq, random.Random(5)):
        verdict = lex._table.spelled(name, word)
        if verdict is not None:
            settled += 1
            assert verdict == hunspell.spell(word), word
    assert settled > 10_000  # the listed words, in every case, never need Hunspell


def test_a_story_of_listed_words_never_loads_hunspell(warm: Path) -> None:
    # Warm: building the file asks Hunspell about the typo list.
    code = (
        "from proofdesk.core.checks.base import CheckContext\n"
        "from proofdesk.core.checks.spelling import SpellingCheck\n"
        "from proofdesk.core.document import document_from_text\n"
        "from proofdesk.core.engine import Engine, EngineConfig\n"
        "e = Engine(EngineConfig(CheckContext(languagetool='off')), checks=[SpellingCheck])\n"
        "text = 'The council said the new bridge would open in March. Its colour was debated at length.'\n"
        "found = e.check(document_from_text(text))\n"
        "lex = e.checks[0].judge.lex\n"
        "print(len(found), lex.main.loaded, lex.other.loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["0", "False", "False"]


def test_hunspell_verdicts_are_kept_for_the_next_run(warm: Path) -> None:
    code = (
        "from proofdesk.core.checks.base import CheckContext\n"
        "from proofdesk.core.checks.spelling import SpellingCheck\n"
        "from proofdesk.core.document import document_from_text\n"
        "from proofdesk.core.engine import Engine, EngineConfig\n"
        "e = Engine(EngineConfig(CheckContext(languagetool='off')), checks=[SpellingCheck])\n"
        "text = 'Anwen Prydderch of Llanfrothen said the goverment was wrong about Cwmtirmynach.'\n"
        "found = e.check(document_from_text(text))\n"
        "lex = e.checks[0].judge.lex\n"
        "print(sorted((f.rule, f.text) for f in found), lex.main.loaded)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert first.stdout.endswith("True\n")
    assert second.stdout.endswith("False\n")
    assert first.stdout.removesuffix("True\n") == second.stdout.removesuffix("False\n")
    assert "goverment" in first.stdout


def test_verdicts_with_another_key_or_broken_are_ignored() -> None:
    store = prepared.Verdicts("en_GB")
    store.add("Cwmtirmynach", False)
    store.save()
    assert prepared.Verdicts("en_GB").known == {"Cwmtirmynach": False}
    path = prepared.cache_dir() / f"spelling-verdicts-en_GB.v{prepared.FORMAT}.bin"
    path.write_bytes(marshal.dumps((("another", "key"), {"Cwmtirmynach": True})))
    assert prepared.Verdicts("en_GB").known == {}
    path.write_bytes(b"\x00garbage")
    assert prepared.Verdicts("en_GB").known == {}
    path.write_bytes(marshal.dumps((store._key, {"Cwmtirmynach": "yes"})))
    assert prepared.Verdicts("en_GB").known == {}
