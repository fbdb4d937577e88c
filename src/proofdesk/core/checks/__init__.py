"""The registry of check families.

Each module in this package that defines ``CHECKS: list[type[Check]]`` is a
family module; the registry finds them, so adding a family needs no edit here.
Rule ids must be unique across all families: a duplicate is an error at load,
never a silent override.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from proofdesk.core.checks.base import Check, RuleInfo


class RegistryError(RuntimeError):
    pass


@cache
def available_checks() -> tuple[type[Check], ...]:
    found: list[type[Check]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "CHECKS", ()))
    _verify(found)
    return tuple(found)


def _verify(checks: list[type[Check]]) -> None:
    families: dict[str, str] = {}
    rules: dict[str, str] = {}
    for check in checks:
        owner = f"{check.__module__}.{check.__name__}"
        if check.family in families:
            raise RegistryError(f"check family {check.family!r} defined twice: {families[check.family]}, {owner}")
        families[check.family] = owner
        for rule in check.rules:
            if rule.id in rules:
                raise RegistryError(f"rule id {rule.id!r} declared twice: {rules[rule.id]}, {owner}")
            rules[rule.id] = owner


def all_rules() -> dict[str, RuleInfo]:
    return {rule.id: rule for check in available_checks() for rule in check.rules}


__all__ = ["Check", "RegistryError", "RuleInfo", "all_rules", "available_checks"]
