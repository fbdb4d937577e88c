"""Agency credit lines: which lines are one, whether one is in a house form, and how to mend it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from proofdesk.core.checks._newsroom.lazyre import lazy

if TYPE_CHECKING:
    import regex

_AGENCIES = (
    r"(?:Reuters|AFP|AP|Bloomberg|Agencies|The Associated Press|Associated Press|Agence France-Presse|Xinhua|dpa"
    r"|PA Media|PA|Press Association|Kyodo|Yonhap|ANI|PTI)"
)
# Names may carry lower-case particles: Stephanie van den Berg, Nidal al-Mughrabi.
_PARTICLE = r"(?:de|da|van|von|der|den|del|di|le|la|al|bin|ibn|abu|el|du|dos|ter)"
_NAME = rf"(?:{_PARTICLE}-)?\p{{Lu}}[\p{{L}}’'.-]*(?: (?:{_PARTICLE} )*(?:{_PARTICLE}-)?\p{{Lu}}[\p{{L}}’'.-]*)*"
_PLACE = rf"(?:the )?{_NAME}"
_PERSON = rf"{_NAME}(?: (?:in|at) {_PLACE}(?:(?:, | and ){_PLACE})*)?"
_PEOPLE = rf"{_PERSON}(?:(?:, | and | & ){_PERSON})*"
_ROLES = (
    "Additional reporting",
    "Additional writing",
    "Reporting and writing",
    "Writing and editing",
    "Reporting",
    "Writing",
    "Editing",
    "Compiled",
    "Compiling",
    "Graphics",
    "Research",
)
_ROLE = "(?:" + "|".join(_ROLES) + ")"
_SEGMENT = rf"{_ROLE} by {_PEOPLE}"

DEFAULT_PATTERNS: tuple[str, ...] = (
    # Reuters: Reporting by A in London and B in Paris; Additional reporting by C; Editing by D and E
    rf"^\(?{_SEGMENT}(?:; {_SEGMENT})*\)?\.?$",
    # Reuters with additional editing by Sean Bell
    rf"^{_AGENCIES}(?:(?:, | and | ?/ ?){_AGENCIES})* with additional (?:editing|reporting|writing)"
    rf"(?: and (?:editing|reporting|writing))? by {_PEOPLE}\.?$",
    # Reuters / — AFP / With AFP / Source: Agencies
    rf"^(?:[—–-]{{1,2}} ?)?(?:(?:With|Source:|Sources:|Additional reporting by) )?{_AGENCIES}"
    rf"(?:(?:, | and | ?/ ?){_AGENCIES})*\.?$",
    # AP: Associated Press writer A in London contributed to this report.
    rf"^(?:The )?(?:Associated Press|AP) (?:writers?|reporters?|correspondents?|journalists?|photographers?"
    rf"|videographers?|producers?) {_PEOPLE} contributed(?: to this (?:report|story))?\.$",
    # Bloomberg: --With assistance from A and B.
    rf"^--\s?With assistance from {_PEOPLE}\.?$",
)

# The built-in forms are large: compiling all five took 44 ms of every start-up (88 ms under a profiler).
# Each is compiled the first time a line passes its cheap test below (a test every match must pass), and
# the common forms are first tried with plain-letter names, which `re` compiles in a fraction of that.
_N = r"[A-Z][A-Za-z’'.-]*(?: [A-Z][A-Za-z’'.-]*)*"  # a _NAME with no particles, in plain letters only
_PLAIN_PERSON = rf"{_N}(?: (?:in|at) (?:the )?{_N}(?:(?:, | and )(?:the )?{_N})*)?"
_PLAIN_PEOPLE = rf"{_PLAIN_PERSON}(?:(?:, | and | & ){_PLAIN_PERSON})*"


def _plain(pattern: str) -> str:
    """``pattern`` (anchored at the start) with plain names only: every line it matches, the pattern matches."""
    # `re` counts \x1c-\x1f as white space and `regex` does not: the plain form must match no more.
    plain = pattern.removeprefix("^").replace(_PEOPLE, _PLAIN_PEOPLE).replace(r"\s", r"[^\S\x1c-\x1f]")
    assert "\\p{" not in plain, pattern
    return plain


class _DefaultForm:
    """One of DEFAULT_PATTERNS, compiled when first needed; ``gate`` must match wherever it does."""

    def __init__(self, pattern: str, gate: str, needs: str = "", plain: str | None = None, exact: bool = False) -> None:
        self.pattern = pattern
        self.gate = gate
        self.needs = needs
        self.plain = plain  # a smaller pattern whose every match is one of this form's
        self.exact = exact  # ``plain`` matches exactly the lines this form does
        self._gate: re.Pattern[str] | None = None
        self._plain: re.Pattern[str] | None = None
        self._full: regex.Pattern[str] | None = None

    def search(self, line: str) -> bool:
        if self._gate is None:
            self._gate = re.compile(self.gate)
        if (self.needs and self.needs not in line) or self._gate.match(line) is None:
            return False
        if self.plain is not None:
            if self._plain is None:
                self._plain = re.compile(self.plain)
            if self._plain.match(line) is not None:
                return True
            if self.exact:
                return False
        if self._full is None:
            self._full = _compile(self.pattern)
        return self._full.search(line) is not None


# DEFAULT_PATTERNS[0] with its segment written once, not twice: the same lines match (a "; " must be
# followed by another segment, and the loop ends only where the line does), and it compiles in half the time.
_ONE_SEGMENT_LOOP = rf"^\(?(?:{_SEGMENT}(?:; (?={_ROLE} by )|(?=\)?\.?$)))+\)?\.?$"


def _default_forms() -> tuple[_DefaultForm, ...]:
    p = DEFAULT_PATTERNS
    return (
        _DefaultForm(_ONE_SEGMENT_LOOP, rf"\(?{_ROLE} by ", plain=_plain(p[0])),
        _DefaultForm(p[1], _AGENCIES, needs=" with additional ", plain=_plain(p[1])),
        # No \p{...} classes: `re` compiles it at once and matches the same lines.
        _DefaultForm(
            p[2],
            r"(?:[—–-]{1,2} ?)?(?:(?:With|Source:|Sources:|Additional reporting by) )?" + _AGENCIES,
            plain=_plain(p[2]),
            exact=True,
        ),
        _DefaultForm(
            p[3],
            r"(?:The )?(?:Associated Press|AP) (?=.* contributed(?: to this (?:report|story))?\.$)",
            plain=_plain(p[3]),
        ),
        _DefaultForm(p[4], "--", plain=_plain(p[4])),
    )


_DEFAULT_FORMS = _default_forms()
_ANY_GATE = lazy("|".join(f"(?:{f.gate})" for f in _DEFAULT_FORMS))

_LEAD_JUNK = "\u00a0\t •·▪●◦‣■□►▸*|"
_ROLE_WORDS = (
    r"(?:additional reporting|additional writing|reporting and writing|writing and editing|reporting|writing"
    r"|editing|compiled|compiling|graphics|research)"
)
_CANDIDATE = lazy(
    rf"^[\s•·▪●◦‣■□►▸*|–—-]*\(?(?:{_ROLE_WORDS}\s+by\b"
    r"|with\s+assistance\s+from\b"
    rf"|{_AGENCIES}\s+with\s+additional\s+\w+\s+by\b"
    rf"|(?:(?:with|source:|sources:)\s+)?{_AGENCIES}(?:\s*(?:,|and|/)\s*{_AGENCIES})*\W*$"
    r"|(?:the\s+)?(?:associated press|ap)\s+\w+\s.*\bcontributed\b)",
    re.IGNORECASE,
)
_MISSING_SEMICOLON = lazy(
    rf"(?<![;\s])(?<!\badditional)(?<!\bwith)(?<!\band)\s*[,.|/–—-]?\s+(?={_ROLE_WORDS}\s+by\b)", re.IGNORECASE
)
_SEGMENT_ROLE = lazy(rf"^(\(?)({_ROLE_WORDS})\s+by\b", re.IGNORECASE)
_ROLE_BY = lazy(rf"\b({_ROLE_WORDS})\s+by\b", re.IGNORECASE)
_DATELINE = lazy(r"\((Reuters|AP|AFP|Bloomberg|Xinhua|dpa|Kyodo|Yonhap|PA)\)\s*[-–—]{1,2}")
_SOURCE_LINE = lazy(
    rf"^[ \t]*(?:By|Source:|Via)[ \t]+({_AGENCIES})[ \t]*$",
    re.MULTILINE,
)
_MAX_WORDS = 60
_CACHE_LIMIT = 50_000


class CreditLinePatternError(ValueError):
    """A house credit-line pattern that is not a valid regular expression."""


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    message: str = ""
    fix: str | None = None


def _canonical_role(role: str) -> str:
    role = re.sub(r"\s+", " ", role).lower()
    return role[:1].upper() + role[1:]


def normalise(line: str) -> tuple[str, list[str]]:
    """The line mended in the usual ways, and what was mended."""
    problems: list[str] = []
    s = line.strip(" \t\u00a0")
    stripped = s.lstrip(_LEAD_JUNK)
    if s.startswith("- ") and not s.startswith("--"):
        stripped = s[2:].lstrip()
    if stripped != s:
        problems.append("stray bullet")
    s = stripped
    spaced = re.sub(r"[ \t\u00a0]{2,}", " ", s)
    if spaced != s:
        problems.append("extra spaces")
    s = spaced
    semi = re.sub(r"\s*;\s*", "; ", s)
    semi = _MISSING_SEMICOLON.sub("; ", semi)
    if semi != s:
        problems.append("segments should be separated by '; '")
    s = semi
    lowered = _ROLE_BY.sub(lambda m: f"{m.group(1)} by", s)
    if lowered != s:
        problems.append("'by' is lower case")
    s = lowered
    segments = []
    for seg in s.split("; "):
        m = _SEGMENT_ROLE.match(seg)
        if m:
            seg = f"{m.group(1)}{_canonical_role(m.group(2))} by" + seg[m.end() :]
        segments.append(seg)
    fixed = "; ".join(segments)
    if fixed != s:
        problems.append("each part starts with a capital ('Editing by')")
    return fixed, problems


_VERDICTS: dict[tuple[str, ...], dict[str, Verdict | None]] = {}


class CreditLines:
    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        forms: tuple[_DefaultForm, ...] | list[regex.Pattern[str]]
        # A house's own patterns are compiled at once, so a bad one is reported when the style is loaded.
        forms = _DEFAULT_FORMS if patterns == DEFAULT_PATTERNS else [_compile(p) for p in patterns]
        self._forms = forms
        # Verdicts by line text: the document pass asks again for every unchanged paragraph on each re-check.
        # Shared by every check with the same patterns, as a new engine for the same house style is common.
        self._verdicts = _VERDICTS.setdefault(patterns, {})

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> CreditLines:
        raw = options.get("patterns")
        if not raw:
            return cls(DEFAULT_PATTERNS)
        if isinstance(raw, str) or not all(isinstance(p, str) for p in raw):
            raise CreditLinePatternError("attribution.credit-line: 'patterns' must be a list of strings")
        return cls(tuple(raw))

    def matches(self, line: str) -> bool:
        if isinstance(self._forms, tuple):
            # One test for every form's gate first: most lines pass none.
            return _ANY_GATE.match(line) is not None and any(f.search(line) for f in self._forms)
        return any(p.search(line) is not None for p in self._forms)

    def judge(self, line: str) -> Verdict | None:
        """None if ``line`` is not a credit line at all; otherwise whether it is in a house form."""
        if line in self._verdicts:
            return self._verdicts[line]
        if len(self._verdicts) > _CACHE_LIMIT:
            self._verdicts.clear()
        verdict = self._judge(line)
        self._verdicts[line] = verdict
        return verdict

    def _judge(self, line: str) -> Verdict | None:
        # A line no built-in form could fit and that does not start like a credit is none: two anchored
        # tests settle most paragraphs before anything reads the whole line.
        if isinstance(self._forms, tuple) and _ANY_GATE.match(line) is None and _CANDIDATE.match(line) is None:
            return None
        if len(line.split()) > _MAX_WORDS:
            return None
        if line == line.strip(" \t\u00a0") and self.matches(line):
            return Verdict(True)
        if not _CANDIDATE.match(line) or _reads_like_prose(line):
            return None
        fixed, problems = normalise(line)
        if self.matches(fixed):
            detail = ", ".join(problems) or "spacing"
            return Verdict(False, f"Credit line not in house form ({detail}).", fixed)
        if self.matches(line.strip(" \t\u00a0")):
            return Verdict(False, "Credit line has spaces at the start or end.", line.strip(" \t\u00a0"))
        return Verdict(False, "Credit line does not match any house form (e.g. 'Reporting by …; Editing by …').")


_CONNECTORS = frozenset(
    "by in at and the with additional reporting writing editing research graphics compiled compiling from for "  # noqa: SIM905
    "to this report story contributed assistance de da van von der den del di le la al bin ibn abu el du dos "
    "ter".split()
)


def _reads_like_prose(line: str) -> bool:
    """A body sentence that merely starts like a credit ("Reporting by the Guardian revealed that…")."""
    words = re.findall(r"[\w’'-]+", line)
    lower = [w for w in words if w[:1].islower() and w.lower() not in _CONNECTORS]
    return len(words) > 8 and len(lower) >= 3


def _compile(pattern: str) -> regex.Pattern[str]:
    import regex  # imported when a pattern needs it: it takes about 7 ms to import

    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise CreditLinePatternError(f"attribution.credit-line: bad pattern {pattern!r}: {exc}") from None


def find_agency_source(text: str) -> tuple[int, int, str] | None:
    """Where the story says it comes from an agency: a dateline "(Reuters) -" or a "By AFP" line."""
    m = _DATELINE.search(text) or _SOURCE_LINE.search(text)
    if m is None:
        return None
    return m.start(), m.end(), m.group(1)
