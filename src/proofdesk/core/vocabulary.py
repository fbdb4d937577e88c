"""The personal dictionary: words a sub-editor has added ("Add to dictionary", ``proofdesk dict add``).

Stored as UTF-8 text in the data folder, one word per line, sorted, written
atomically. A file that cannot be read as that (binary junk, a wrong encoding)
is moved aside to ``<name>.corrupt-<n>`` with a notice and an empty dictionary
takes its place: losing a word list must never stop a check.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from pathlib import Path

from proofdesk.core.io.atomic import atomic_write_text

HEADER = "# ProofDesk personal dictionary: one word per line; lines starting with # are ignored.\n"
MAX_WORD_LENGTH = 100


class VocabularyError(ValueError):
    """A word that cannot go into the dictionary (empty, spaces, too long)."""


def clean_word(word: str) -> str:
    """The stored form of ``word``: NFC, trimmed, curly apostrophes straightened. Raises VocabularyError."""
    w = unicodedata.normalize("NFC", word).strip().replace("’", "'")
    if not w:
        raise VocabularyError("an empty word cannot be added to the dictionary")
    if any(ch.isspace() for ch in w):
        raise VocabularyError(f"{word!r}: add one word at a time (no spaces); use the house style for phrases")
    if len(w) > MAX_WORD_LENGTH:
        raise VocabularyError(f"{word[:20]!r}…: longer than {MAX_WORD_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in w):
        raise VocabularyError(f"{word!r}: contains control characters")
    return w


class PersonalDictionary:
    """One personal dictionary file. Safe to share between threads of one process."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.notices: list[str] = []
        self._lock = threading.Lock()

    def words(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._read())

    def add(self, word: str) -> bool:
        """Add ``word``; False if it was already there."""
        w = clean_word(word)
        with self._lock:
            words = self._read()
            if w in words:
                return False
            words.add(w)
            self._write(words)
            return True

    def remove(self, word: str) -> bool:
        """Remove ``word``; False if it was not there."""
        w = clean_word(word)
        with self._lock:
            words = self._read()
            if w not in words:
                return False
            words.discard(w)
            self._write(words)
            return True

    def _read(self) -> set[str]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return set()
        except IsADirectoryError:
            self._set_aside("it is a folder")
            return set()
        except OSError as exc:
            # Unreadable (permissions): check without it rather than fail, and say so.
            self.notices.append(f"personal dictionary {self.path} cannot be read: {exc.strerror or exc}")
            return set()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._set_aside("it is not UTF-8 text")
            return set()
        if "\x00" in text:
            self._set_aside("it contains binary data")
            return set()
        words: set[str] = set()
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                words.add(clean_word(line))
            except VocabularyError:
                continue  # a hand-edited line with spaces: skip it, keep the rest
        return words

    def _set_aside(self, reason: str) -> None:
        n = 1
        while True:
            target = self.path.with_name(f"{self.path.name}.corrupt-{n}")
            if not target.exists():
                break
            n += 1
        try:
            os.replace(self.path, target)
            self.notices.append(
                f"personal dictionary {self.path} was unreadable ({reason}); moved it to {target} and started afresh"
            )
        except OSError as exc:
            self.notices.append(
                f"personal dictionary {self.path} is unreadable ({reason}) and could not be moved: {exc}"
            )

    def _write(self, words: set[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(f"{w}\n" for w in sorted(words, key=lambda w: (w.casefold(), w)))
        atomic_write_text(self.path, HEADER + body)
