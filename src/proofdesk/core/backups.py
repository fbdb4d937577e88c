"""Keeping the untouched original of a draft before ProofDesk overwrites it, and restoring it.

Layout: ``<data>/backups/<name>-<key>/<stamp>-<sha8><suffix>`` with a JSON
sidecar ``….json`` beside each copy. ``key`` hashes the draft's resolved path
so two ``story.txt`` in different folders never share backups. The sidecar is
written last: a copy without one is an interrupted backup and is ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from proofdesk.core.io.atomic import atomic_write_bytes
from proofdesk.core.io.errors import OutputError
from proofdesk.core.paths import AppPaths

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class BackupError(Exception):
    """A backup that cannot be made, found or trusted; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    original: Path
    created: datetime
    sha256: str
    size: int
    reason: str

    @property
    def metadata_path(self) -> Path:
        return _metadata_path(self.path)


def _metadata_path(copy: Path) -> Path:
    return copy.with_name(copy.name + ".json")


def _folder(path: Path, paths: AppPaths) -> Path:
    resolved = path.resolve()
    key = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = _SAFE.sub("_", resolved.name)[:60] or "draft"
    return paths.backups / f"{stem}-{key}"


def keep_original(path: Path, paths: AppPaths, *, reason: str = "original") -> Path:
    """Copy ``path`` into the backups folder (once per content) and return the copy's path.

    Asking again for unchanged content returns the existing copy, so calling
    this before every save of a session keeps one backup, not one per save.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"{path}: cannot read it to keep a backup ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    for existing in list_backups(path, paths):
        if existing.sha256 == digest and existing.size == len(data):
            return existing.path
    folder = _folder(path, paths)
    now = datetime.now(UTC)
    copy = folder / f"{now.strftime('%Y%m%dT%H%M%S_%fZ')}-{digest[:8]}{path.suffix}"
    meta = {
        "original": str(path.resolve()),
        "created": now.isoformat(),
        "sha256": digest,
        "size": len(data),
        "reason": reason,
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(copy, data)
        _write_atomically(_metadata_path(copy), json.dumps(meta, indent=2).encode("utf-8"))
    except OSError as exc:
        raise BackupError(f"cannot keep a backup of {path} in {folder}: {exc.strerror or exc}") from None
    except OutputError as exc:
        raise BackupError(f"cannot keep a backup of {path}: {exc}") from None
    return copy


def list_backups(path: Path, paths: AppPaths) -> list[Backup]:
    """Backups kept for ``path``, newest first. Incomplete or unreadable ones are left out."""
    folder = _folder(Path(path), paths)
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    for meta_file in folder.glob("*.json"):
        copy = meta_file.with_name(meta_file.name[: -len(".json")])
        backup = _load(copy, meta_file)
        if backup is not None:
            found.append(backup)
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def _load(copy: Path, meta_file: Path) -> Backup | None:
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if not copy.is_file():
            return None
        return Backup(
            path=copy,
            original=Path(meta["original"]),
            created=datetime.fromisoformat(meta["created"]),
            sha256=str(meta["sha256"]),
            size=int(meta["size"]),
            reason=str(meta.get("reason", "original")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def restore_backup(backup: Backup, target: Path) -> None:
    """Atomically replace ``target`` with the backup's bytes, after checking they are intact."""
    try:
        data = backup.path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read backup {backup.path}: {exc.strerror or exc}") from None
    if hashlib.sha256(data).hexdigest() != backup.sha256 or len(data) != backup.size:
        raise BackupError(f"backup {backup.path} is damaged (its contents no longer match its checksum)")
    try:
        _write_atomically(Path(target), data)
    except OSError as exc:
        raise BackupError(f"cannot restore {target}: {exc.strerror or exc}") from None
    except OutputError as exc:
        # One exception type for callers (the app shows it in a dialog): the target was left as it was.
        raise BackupError(f"cannot restore {exc}") from None


def _write_atomically(target: Path, data: bytes) -> None:
    atomic_write_bytes(target, data)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


__all__ = ["Backup", "BackupError", "keep_original", "list_backups", "restore_backup", "sha256_of"]
