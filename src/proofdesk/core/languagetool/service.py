"""Grammar settings, and turning a mode into a working client while keeping the user told.

Settings come from the house style (``checks: {grammar: {...}}``) and, for the
app, from ``CheckContext.extra`` (``languagetool_public_opt_in``,
``languagetool_path``). Keys, all optional::

    enabled-rules / disabled-rules: [EN_A_VS_AN, …]   (``grammar.`` prefix allowed)
    enabled-categories / disabled-categories: [STYLE, …]
    enabled-only: false      only the enabled rules and categories
    picky: false             LanguageTool's picky level
    mother-tongue: de        extra false-friend rules
    spelling: false          keep LanguageTool's own spelling rules
    public-api: false        allow api.languagetool.org (drafts leave the machine)
    timeout: 15              seconds per request
    max-in-flight: 4         requests at once to one server
    max-request-chars: 10000 characters per request
    startup-timeout: 90      seconds to wait for a local server to start
    local-path: DIR          a LanguageTool folder to use as the local install
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofdesk.core.languagetool import status
from proofdesk.core.languagetool.backends import (
    DEFAULT_STARTUP_TIMEOUT,
    Kind,
    Plan,
    ServerStartError,
    local_server,
    plan,
)
from proofdesk.core.languagetool.client import (
    DEFAULT_IN_FLIGHT,
    DEFAULT_MAX_CHARS,
    DEFAULT_TIMEOUT,
    Limits,
    LTClient,
    normalise_base_url,
)
from proofdesk.core.languagetool.mapping import RULE_PREFIX

# After a failure, skip the server for this long rather than wait for it again on every keystroke.
RETRY_AFTER = 30.0
PUBLIC_IN_FLIGHT = 1
PUBLIC_MAX_CHARS = 18_000


@dataclass(frozen=True)
class GrammarOptions:
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False
    mother_tongue: str = ""
    spelling: bool = False
    public_api: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_in_flight: int = DEFAULT_IN_FLIGHT
    max_request_chars: int = DEFAULT_MAX_CHARS
    startup_timeout: float = DEFAULT_STARTUP_TIMEOUT
    local_path: str = ""

    def limits(self, kind: Kind) -> Limits:
        if kind is Kind.PUBLIC:
            # The public API allows 20 requests and 20,000 characters per request a minute.
            return Limits(self.timeout, PUBLIC_IN_FLIGHT, min(self.max_request_chars, PUBLIC_MAX_CHARS))
        return Limits(self.timeout, self.max_in_flight, self.max_request_chars)

    def params(self, language: str) -> dict[str, str]:
        """The /v2/check form fields (everything but the text)."""
        out = {"language": language}
        disabled = list(self.disabled_rules)
        if not self.spelling:
            # Also filtered after the fact; disabling here saves the server the work.
            disabled += [f"MORFOLOGIK_RULE_{language.replace('-', '_').upper()}", "HUNSPELL_RULE"]
        fields = {
            "enabledRules": self.enabled_rules,
            "disabledRules": tuple(dict.fromkeys(disabled)),
            "enabledCategories": self.enabled_categories,
            "disabledCategories": self.disabled_categories,
        }
        for name, values in fields.items():
            if values:
                out[name] = ",".join(values)
        if self.enabled_only and (self.enabled_rules or self.enabled_categories):
            out["enabledOnly"] = "true"
        if self.picky:
            out["level"] = "picky"
        if self.mother_tongue:
            out["motherTongue"] = self.mother_tongue
        return out


_LISTS = {
    "enabled-rules": "enabled_rules",
    "disabled-rules": "disabled_rules",
    "enabled-categories": "enabled_categories",
    "disabled-categories": "disabled_categories",
}
_BOOLS = {"enabled-only": "enabled_only", "picky": "picky", "spelling": "spelling", "public-api": "public_api"}
_NUMBERS: dict[str, tuple[str, type, float, float]] = {
    "timeout": ("timeout", float, 0.05, 600.0),
    "max-in-flight": ("max_in_flight", int, 1, 64),
    "max-request-chars": ("max_request_chars", int, 200, 1_000_000),
    "startup-timeout": ("startup_timeout", float, 1.0, 900.0),
}
_STRINGS = {"mother-tongue": "mother_tongue", "local-path": "local_path"}


def parse_options(raw: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> tuple[GrammarOptions, list[str]]:
    """Options from the house style's grammar settings; problems are sentences, and the value is ignored."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key in _LISTS:
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
                problems.append(f"grammar: {key} must be a list of LanguageTool rule or category ids")
                continue
            values[_LISTS[key]] = tuple(v.strip().removeprefix(RULE_PREFIX) for v in items)
        elif key in _BOOLS:
            if not isinstance(value, bool):
                problems.append(f"grammar: {key} must be true or false, not {value!r}")
                continue
            values[_BOOLS[key]] = value
        elif key in _NUMBERS:
            name, kind, lo, hi = _NUMBERS[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
                problems.append(f"grammar: {key} must be a number from {lo:g} to {hi:g}, not {value!r}")
                continue
            values[name] = kind(value)
        elif key in _STRINGS:
            if not isinstance(value, str):
                problems.append(f"grammar: {key} must be text, not {value!r}")
                continue
            values[_STRINGS[key]] = value.strip()
        # Other keys belong to other grammar.* prefixes or to later versions; not ours to reject.
    if extra:
        if extra.get("languagetool_public_opt_in") is True:
            values["public_api"] = True
        path = extra.get("languagetool_path")
        if isinstance(path, str) and path.strip() and "local_path" not in values:
            values["local_path"] = path.strip()
    return GrammarOptions(**values), problems


@dataclass(frozen=True)
class Connection:
    client: LTClient
    kind: Kind
    description: str


_lock = threading.Lock()
_down_until: dict[str, float] = {}


def describe(p: Plan, url: str) -> str:
    if p.kind is Kind.LOCAL and p.installation is not None:
        return f"LanguageTool {p.installation.version} on this computer ({url.removeprefix('http://')})"
    if p.kind is Kind.PUBLIC:
        return f"the public LanguageTool service ({url})"
    return f"LanguageTool at {url}"


def connect(mode: str, options: GrammarOptions) -> Connection | None:
    """A client for ``mode``, or None with the status and a notice saying why.

    Starts the local server the first time (it may take seconds; callers run on
    worker threads). Never raises.
    """
    try:
        p = plan(
            mode, public_opt_in=options.public_api, local_path=Path(options.local_path) if options.local_path else None
        )
    except Exception as exc:  # a broken Java or file system must not take the other checks down
        p = Plan(Kind.OFF, reason=f"Grammar checking is off: could not look for LanguageTool ({exc}).")
    if p.kind is Kind.OFF:
        status.set_status(status.State.OFF, p.reason, mode)
        status.notify("lt.off:" + p.reason, p.reason)
        return None
    if p.kind is Kind.LOCAL:
        assert p.installation is not None and p.java is not None and p.java.path is not None
        server = local_server(p.installation, p.java.path)
        if not server.alive():
            restarting = server.starts > 0
            verb = "Restarting" if restarting else "Starting"
            status.set_status(status.State.STARTING, f"{verb} LanguageTool {p.installation.version}…", mode)
        try:
            url = server.ensure(options.startup_timeout)
        except ServerStartError as exc:
            message = f"Grammar checking is off: {exc}."
            status.set_status(status.State.FAILED, message, mode)
            status.notify("lt.fail:local:" + str(exc), message)
            return None
    else:
        url = p.url
        if p.kind is Kind.PUBLIC:
            status.notify(
                "lt.public",
                f"Grammar: sending drafts to the public LanguageTool service ({url}) as opted in; "
                "they leave this computer.",
            )
    with _lock:
        down = _down_until.get(normalise_base_url(url), 0.0)
    if time.monotonic() < down:
        return None  # already reported; the status still says so
    try:
        client = LTClient(url, options.limits(p.kind))
    except ValueError as exc:
        message = f"Grammar checking is off: {exc}."
        status.set_status(status.State.OFF, message, mode)
        status.notify("lt.off:" + message, message)
        return None
    return Connection(client, p.kind, describe(p, url))


def report_success(conn: Connection, mode: str) -> None:
    with _lock:
        _down_until.pop(conn.client.base_url, None)
    if status.current().state is not status.State.READY or status.current().backend != mode:
        status.forget("lt.fail:")
    status.set_status(status.State.READY, f"Grammar: {conn.description}.", mode)


def report_failure(conn: Connection, mode: str, message: str) -> None:
    with _lock:
        _down_until[conn.client.base_url] = time.monotonic() + RETRY_AFTER
    text = f"Grammar check failed: {message}; grammar findings are missing, the other checks are complete."
    status.set_status(status.State.FAILED, text, mode)
    status.notify("lt.fail:" + conn.client.base_url, text)


def reset() -> None:
    """Forget failures (tests, or the user asked to retry now)."""
    with _lock:
        _down_until.clear()
