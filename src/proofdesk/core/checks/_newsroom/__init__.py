"""Shared machinery of the newsroom checks (duplicates, furniture).

Private to ``proofdesk.core.checks``: the registry skips ``_``-prefixed
modules, so nothing here is mistaken for a check family.
"""
