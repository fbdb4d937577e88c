"""LanguageTool for ProofDesk: backends, HTTP client, match mapping and the grammar status.

What the command line and the app call:

* :func:`status_line` — one line for the status bar or ``check`` stderr saying
  whether grammar checking is on, where, or why not and how to turn it on.
* :func:`take_notices` — the notices (grammar off, server failed, public API in
  use, bad settings) not yet shown; each is given once per episode.
* :func:`drop_shadowed` — drop LanguageTool findings that repeat one of
  ProofDesk's own findings (same span and category); run on the merged result.
* :func:`stop_all` — stop the local server now (also done at exit).
"""

from __future__ import annotations

from pathlib import Path

from proofdesk.core.languagetool import status
from proofdesk.core.languagetool.backends import Kind, plan, stop_all
from proofdesk.core.languagetool.mapping import drop_shadowed
from proofdesk.core.languagetool.status import take_notices


def status_line(mode: str = "auto", *, public_opt_in: bool = False, local_path: Path | None = None) -> str:
    """What grammar checking does for ``mode`` (``auto``, ``off`` or a URL), in one sentence.

    After a check has run with this mode, this is what actually happened
    (ready, failed, starting); before, it is what will happen. Starts nothing.
    """
    current = status.current()
    if current.backend == mode:
        return current.message
    p = plan(mode, public_opt_in=public_opt_in, local_path=local_path)
    if p.kind is Kind.OFF:
        return p.reason
    if p.kind is Kind.LOCAL and p.installation is not None:
        return f"Grammar: LanguageTool {p.installation.version} on this computer (starts with the first check)."
    if p.kind is Kind.PUBLIC:
        return f"Grammar: the public LanguageTool service ({p.url}); drafts leave this computer."
    return f"Grammar: LanguageTool at {p.url}."


__all__ = ["drop_shadowed", "status", "status_line", "stop_all", "take_notices"]
