"""Vale's own style (``BasedOnStyles = Vale``): Vale.Repetition, Vale.Terms and Vale.Avoid.

Vale.Spelling is ProofDesk's spelling check's job, so it is not repeated here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from proofdesk.core.style.vale.base import Rule
from proofdesk.core.style.vale.compile import RuleBody, compile_rule
from proofdesk.core.style.yamlsrc import Source


def _definitions(accept: Sequence[str], reject: Sequence[str]) -> dict[str, dict[str, Any]]:
    defs: dict[str, dict[str, Any]] = {
        "Vale.Repetition": {
            "extends": "repetition",
            "level": "error",
            "message": "'%s' is repeated!",
            "scope": "text",
            "alpha": True,
            "action": {"name": "edit", "params": ["truncate", " "]},
            "tokens": [r"[^\s]+"],
        }
    }
    if accept:
        defs["Vale.Terms"] = {
            "extends": "substitution",
            "level": "error",
            "message": "Use '%s' instead of '%s'.",
            "scope": "text",
            "ignorecase": True,
            "vocab": False,
            "swap": {term: term for term in accept},
        }
    if reject:
        defs["Vale.Avoid"] = {
            "extends": "existence",
            "level": "error",
            "message": "Avoid using '%s'.",
            "scope": "text",
            "ignorecase": False,
            "vocab": False,
            "tokens": list(reject),
        }
    return defs


def vale_builtin_rules(accept: Sequence[str], reject: Sequence[str]) -> list[Rule]:
    rules: list[Rule] = []
    notices: list[str] = []
    for name, definition in _definitions(accept, reject).items():
        src = Source(Path(f"<{name}>"))
        node = yaml.compose(yaml.safe_dump(definition), Loader=yaml.SafeLoader)
        assert isinstance(node, yaml.MappingNode)
        rule = compile_rule(RuleBody(name, node, src, "vale.ini"), (), notices)
        if rule is not None:
            rules.append(rule)
    return rules
