"""Which exceptions are the user's to fix, and the one line each that tells them how."""

from __future__ import annotations

from proofdesk.cli.common import UsageError


def describe_user_error(exc: BaseException) -> list[str] | None:
    """Lines to print for a mistake in the input or options, or None for a bug in ProofDesk."""
    from proofdesk.core.backups import BackupError
    from proofdesk.core.config import ConfigError
    from proofdesk.core.io.errors import InputError, OutputError

    if isinstance(exc, UsageError | InputError | OutputError | BackupError):
        return [str(exc)]
    if isinstance(exc, ConfigError):
        return list(exc.problems)
    style_error = _style_error_type()
    if style_error is not None and isinstance(exc, style_error):
        problems = getattr(exc, "problems", None) or [str(exc)]
        return [str(p) for p in problems]
    if isinstance(exc, OSError):
        # Writing next to the draft can still fail (disk full, read-only folder) after all checks passed.
        where = f"{exc.filename}: " if exc.filename else ""
        return [f"{where}{exc.strerror or exc}"]
    return None


def _style_error_type() -> type[BaseException] | None:
    try:
        from proofdesk.core.style.errors import StyleError
    except ImportError:
        return None
    return StyleError
