"""Spelling machinery behind ``proofdesk.core.checks.spelling``: tokens, dictionaries, suggestions, names.

The app should call :func:`preload` on a worker thread at start-up so the first
check never waits for the dictionaries.
"""

from proofdesk.core.spelling.lexicon import get_judge, get_lexicon, preload

__all__ = ["get_judge", "get_lexicon", "preload"]
