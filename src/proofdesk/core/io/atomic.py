"""All-or-nothing file writes: a reader of the target sees the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from proofdesk.core.io.errors import OutputError


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder, fsynced, then renamed over it.

    The temp file must live in the target's folder: ``os.replace`` is only atomic within one file system.
    An existing target keeps its permission bits (a group-writable desk folder stays group-writable).
    ``durable=False`` skips the fsyncs, for files that can be rebuilt (the cache): after a power cut such
    a file may be old or empty, never a mix, and its reader rebuilds it.
    """
    target = Path(path)
    if target.is_symlink():
        # Replace the file the link points at; renaming over the link would turn it into a plain copy.
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(target, "is a folder; choose a file name to write to")
    if not folder.is_dir():
        raise OutputError(target, f"the folder {folder} does not exist")
    mode: int | None = None
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    if mode is not None and not os.access(target, os.W_OK):
        # The rename would succeed (it needs only the folder), but a read-only file was made so on purpose.
        raise OutputError(target, "is read-only; make it writable or choose another file")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise OutputError(target, f"permission denied: cannot create files in {folder}") from None
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is None:
            # mkstemp creates 0600; a new file should get the usual umask-based mode instead.
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, PermissionError):
            raise OutputError(target, "permission denied") from None
        raise OutputError(target, exc.strerror or str(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        _fsync_folder(folder)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` atomically; line breaks are written as ``\\n`` whatever the platform."""
    atomic_write_bytes(path, text.encode(encoding))


def _fsync_folder(folder: Path) -> None:
    # The rename itself is only durable once the directory entry is on disk (POSIX); Windows cannot open folders.
    if os.name != "posix":
        return
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
