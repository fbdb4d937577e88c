"""What newsroom lines look like: credit lines, headlines, bylines and bios.

Shared by the furniture and duplicate scans so both agree on where the story
ends and which lines are page furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from proofdesk.core.checks._newsroom.lazyre import lazy
from proofdesk.core.checks._newsroom.text import ends_sentence, folded, word_set

_AGENCIES = (
    r"Reuters|REUTERS|AP|Associated Press|AFP|Agence France-Presse|Bloomberg|Bloomberg News|PA|PA Media|"
    r"Press Association|dpa|DPA|Xinhua|Kyodo|Yonhap|ANSA|EFE|UPI|CNA|ANI|PTI|IANS|AAP|NZPA|CP|"
    r"The Canadian Press|Anadolu|Tass|TASS|Interfax|Asia Financial|AF"
)
_BULLET = r"[\s•·*\-–—]*\(?"

# Lines that credit the story's writers and editors. Furniture never touches
# them: their form is the attribution and typography checks' business.
CREDIT_LINE = lazy(
    _BULLET + r"(?:"
    r"(?:additional\s+)?(?:reporting|writing|editing|compiled|compilation|research|graphics|production|"
    r"reported|written|edited|translated|translation)(?:\s+and\s+\w+)?\s+by\b"
    r"|(?:" + _AGENCIES + r")(?:\s+(?:and|with|/)\s+[^\n]{0,80})?\s+(?:with|and)\s+(?:additional\s+)?"
    r"(?:editing|reporting|writing)\s+by\b"
    r"|(?:" + _AGENCIES + r")\)?\s*$"
    r"|(?:with\s+)?(?:additional\s+)?(?:reporting|input|contributions?)\s+from\b"
    r"|(?:(?:" + _AGENCIES + r")\s+)?(?:writers?|reporters?|correspondents?|journalists?|staff)\b[^\n]{0,160}"
    r"\bcontributed(?: to)?(?: this)?(?: report| story| article)?\.?\s*$"
    r"|©\s*(?:" + _AGENCIES + r")\b[^\n]{0,20}$"
    r")",
    re.IGNORECASE,
)
# The bare-agency alternative above must not catch photo credits such as
# "REUTERS/Jane Doe"; those are furniture.
_PHOTO_SLASH = lazy(r"^\s*\(?(?:" + _AGENCIES + r")\s*/\s*\w", re.IGNORECASE)

_TITLE_SMALL = word_set(
    "a an and as at but by for from in into nor of on onto or over per the to up upon via vs with is are "
    "was be after amid over off out than that"
)
_NAME_PART = r"(?:[A-Z][a-zà-ÿ]+(?:[-'’][A-Z]?[a-zà-ÿ]+)*|[A-Z]\.|[A-Z][a-z]?[’'][A-Z][a-z]+|Mc[A-Z][a-z]+)"
NAME_LINE = lazy(rf"^\s*(?:By\s+)?{_NAME_PART}(?:\s+(?:{_NAME_PART}|de|da|van|von|der|bin|al|le|la)){{1,3}}\s*$")

_PROFESSION = (
    r"editor|sub-editor|correspondent|reporter|journalist|writer|columnist|contributor|producer|presenter|"
    r"analyst|author|freelance|freelancer|newspaper\s*man|newswoman|newsman|photographer|broadcaster|critic|"
    r"bureau chief|blogger|commentator|news(?:room|desk)"
)
_BIO = lazy(
    r"^(?:About the author\b[^\n]*|(?:(?:He|She|They)|(?!(?:The|A|An|This|That|His|Her|Its|Their|Our)\b)"
    + _NAME_PART
    + r"(?:\s+"
    + _NAME_PART
    + r"){1,3})"
    r"\s+(?:is|has been|joined|covers|writes|reports)\b[^.\n]{0,70}?\b(?i:" + _PROFESSION + r")s?\b"
    r"[^\n]*)$",
)


_BIO_BEAT = lazy(
    r"^(?:(?:He|She|They)|" + _NAME_PART + r"(?:\s+" + _NAME_PART + r"){1,3})"
    r"\s+(?:covers|writes about|reports on|has reported|has been|has worked)\b[^\n]{0,80}?"
    r"\b(?:for|at|with|on)\s+(?:the\s+)?[A-Z][^\n]*$"
    r"|^(?:Contact|Email|E-mail|Follow)\s+(?:him|her|them|the author|[A-Z]\w+)\s+(?:at|on|via)\b[^\n]{0,80}$"
)


_BARE_AGENCY = lazy(_BULLET + r"(?:" + _AGENCIES + r")\)?\s*$")


def is_bare_agency(text: str) -> bool:
    """A line naming only an agency: the credit under a story, or a photo credit under a caption."""
    return _BARE_AGENCY.match(text) is not None


# The furniture scan, its layout passes and the duplicate check all ask this of the same lines.
# CREDIT_LINE's one alternative that needs none of the words "by", "from", "contributed" or a "©".
_AGENCY_ALONE = lazy(_BULLET + r"(?:" + _AGENCIES + r")\)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=16384)
def is_credit_line(text: str) -> bool:
    # _PHOTO_SLASH needs a "/": most lines have none and skip its search.
    return len(text) < 300 and not ("/" in text and _PHOTO_SLASH.match(text)) and _credit_match(text)


def _credit_match(text: str) -> bool:
    """``CREDIT_LINE.match(text) is not None``, with a cheap test first for the body lines every scan reads."""
    low = folded(text)
    if low is None or "by" in low or "from" in low or "contributed" in low or "©" in text:
        return CREDIT_LINE.match(text) is not None
    return _AGENCY_ALONE.match(text) is not None


def word_list(text: str) -> list[str]:
    return re.findall(r"[\w’'&$£€%.,-]+", text)


def is_title_case(text: str) -> bool:
    """Headline-style capitals: most significant words start with a capital."""
    words = [w.strip(".,:;'’\"“”()") for w in text.split()]
    words = [w for w in words if w and w[0].isalpha()]
    significant = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _TITLE_SMALL]
    if len(significant) < 2:
        return False
    caps = sum(1 for w in significant if w[0].isupper())
    return caps / len(significant) >= 0.75


def is_headline_shaped(text: str, max_words: int = 22) -> bool:
    """A short line that reads like a headline: no sentence-final full stop."""
    stripped = text.strip().lstrip("•·*-–— ").strip()
    # The end first: every story paragraph the scans ask about is settled without counting its words.
    if stripped.endswith((".", ";", ",")) and not stripped.endswith("..."):
        return False
    n = len(stripped.split())
    if n == 0 or n > max_words or not re.search(r"[A-Za-z]", stripped):
        return False
    return not (stripped.endswith(":") and n <= 5)


def is_name_line(text: str) -> bool:
    return len(text) <= 60 and NAME_LINE.match(text) is not None


@lru_cache(maxsize=16384)
def is_bio(text: str) -> bool:
    t = text.strip()
    return (_BIO.match(t) is not None or _BIO_BEAT.match(t) is not None) and ends_sentence(t)


@lru_cache(maxsize=16384)
def is_body_paragraph(text: str, min_words: int = 15) -> bool:
    return ends_sentence(text) and len(text.split()) >= min_words
