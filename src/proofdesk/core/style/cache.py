"""The style cache: a built house style kept on disk, used only while nothing it was built from has changed.

Building the bundled style (YAML, 363 patterns validated and compiled, each
read again by the prefilter) cost 100-150 ms of every ``proofdesk check``;
unpickling it costs about 3 ms. A cache entry holds:

* a key: the style, language and .vale.ini as named (and the working folder
  when a name is relative), ProofDesk's version, the Python, ``regex`` and
  PyYAML builds, and the size and modification time of every module of the
  style compiler, so neither an upgrade nor an edited checkout can reuse it;
* every file and folder the build read, listed or looked for, with its size,
  modification time and inode (or "missing"): one changed byte, one rule file
  added to a folder or one vocabulary file created makes the entry stale;
* the built :class:`HouseStyle` (patterns pickle without their compiled form,
  see :class:`..regexes.LazyPattern`) and the prefilter's analysis of its patterns.

Only styles that loaded without a problem are stored, so a broken rule is
always reported: its file differs from what was cached, and the full build
runs again. Entries are written atomically; an unreadable, corrupt or foreign
entry is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import importlib.machinery
import os
import pickle
import sys
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

from proofdesk import __version__
from proofdesk.core.paths import cache_dir
from proofdesk.core.style import prefilter
from proofdesk.core.style.model import HouseStyle
from proofdesk.core.style.regexes import LazyPattern

FORMAT = 1
# Files changed this recently are not trusted to show their next change in their modification time.
_RACY_NS = 2_000_000_000
_HERE = Path(__file__).resolve().parent
# Stat of a path as the cache compares it; None for a path that does not exist.
Stamp = tuple[int, int, int] | None


def _stamp(path: str) -> Stamp:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _code_stamps() -> tuple[tuple[str, Stamp], ...]:
    """The style compiler's own modules: an edited checkout must not reuse styles its old code built."""
    stamps: list[tuple[str, Stamp]] = []
    for folder in (_HERE, _HERE / "vale"):
        try:
            names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".py"))
        except OSError:
            continue
        stamps.extend((name, _stamp(str(folder / name))) for name in names)
    return tuple(stamps)


def _yaml_stamp() -> Stamp:
    # Not imported on a cache hit; its installed files stand in for its version.
    spec = importlib.machinery.PathFinder.find_spec("yaml")  # importlib.util would cost 3.8 ms to import
    return _stamp(spec.origin) if spec is not None and spec.origin else None


def _named(path: Path | None) -> tuple[str, str] | None:
    if path is None:
        return None
    text = str(path)
    return (text, "" if os.path.isabs(text) else os.getcwd())


def key_for(path: Path, language: str | None, vale_config: Path | None) -> tuple[Any, ...]:
    """What must be equal for a cached build of this style to be the build a fresh load would give."""
    return (
        FORMAT,
        __version__,
        sys.version,
        regex.__version__,
        _yaml_stamp(),
        _code_stamps(),
        _named(path),
        language,
        _named(vale_config),
    )


def _entry_path(key: tuple[Any, ...]) -> Path:
    # Only names the file (the key inside is compared in full); zlib is already loaded, hashlib costs 2.5 ms.
    named = repr(key[6:]).encode("utf-8")
    digest = f"{zlib.crc32(named):08x}{zlib.adler32(named):08x}"
    return cache_dir() / "styles" / f"{digest}.pickle"


def fetch(key: tuple[Any, ...]) -> HouseStyle | None:
    """The cached build for ``key`` if it exists and nothing it depends on has changed, else None."""
    try:
        with open(_entry_path(key), "rb") as fh:
            header = pickle.load(fh)
            if not isinstance(header, dict) or header.get("key") != key:
                return None
            if any(_stamp(p) != stamp for p, stamp in header["depends_on"]):
                return None
            style, needs = pickle.load(fh)
    except Exception:
        # Missing, unreadable, truncated or written by other code: build instead.
        return None
    if not isinstance(style, HouseStyle) or not isinstance(needs, dict):
        return None
    prefilter.remember_needs(needs)
    return style


def store(key: tuple[Any, ...], style: HouseStyle, depends_on: Iterable[Path]) -> None:
    """Keep ``style`` for later processes; any failure only means the next load builds again."""
    try:
        stamps = [(str(p), _stamp(str(p))) for p in dict.fromkeys(depends_on)]
        recent = time.time_ns() - _RACY_NS
        if any(stamp is not None and stamp[1] > recent for _, stamp in stamps):
            # Written moments ago: it may change again within the file system's clock tick unseen.
            return
        needs = {source: prefilter.needs_for(source) for source in _pattern_sources(style)}
        header = {"key": key, "depends_on": stamps}
        target = _entry_path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        from proofdesk.core.io.atomic import atomic_write_bytes

        # Two pickles back to back: a load reads the header alone to see whether the entry is current.
        payload = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL) + pickle.dumps(
            (style, needs), protocol=pickle.HIGHEST_PROTOCOL
        )
        atomic_write_bytes(target, payload, durable=False)
    except Exception:
        return


def _pattern_sources(style: HouseStyle) -> list[str]:
    """Every pattern the prefilter may be asked about: rules' own sources and all their patterns."""
    sources: list[str] = []
    for rule in style.rules:
        source = getattr(rule, "prefilter_source", lambda: None)()
        if isinstance(source, str):
            sources.append(source)
        sources.extend(p.pattern for p in _patterns(vars(rule) if hasattr(rule, "__dict__") else {}))
    return list(dict.fromkeys(sources))


def _patterns(value: Any) -> Iterable[LazyPattern]:
    if isinstance(value, LazyPattern):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _patterns(item)
