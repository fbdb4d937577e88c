"""Words that tie a quote to a speaker, and words that hide one.

Kept apart from the rule logic so a desk can read (and argue about) the lists.
"""

from __future__ import annotations

import re

from proofdesk.core.checks._newsroom.lazyre import lazy, lazy_regex
from proofdesk.core.checks._newsroom.text import folded

_VERBS = (  # noqa: SIM905 - a word list reads better as one string
    # Bare forms that are mostly nouns in news copy (post, note, claim, text) are left out on purpose.
    "say says said saying tell tells told add adds added ask asks asked writes wrote insist insists insisted "
    "warn warns warned explain explains explained noted argue argues argued stressed acknowledge acknowledges "
    "acknowledged admit admits admitted concede concedes conceded recalled replied respond responds responded "
    "continued declare declares declared announced claimed complained cautioned urged predicted observed remarked "
    "testified tweeted quipped joked countered lamented suggest suggests suggested emphasise emphasises emphasised "
    "emphasize emphasizes emphasized confirmed denied boasted shouted whispered yelled sighed mused vowed pledged "
    "contended reiterated commented recounted wondered texted emailed asserted retorted interjected chimed beamed "
    "fumed snapped grumbled concluded laughed smiled adding insisting noting arguing explaining stressing claiming "
    "urging vowing telling asking replying recalls notes continues remembers remembered jokes laughs sighs "
    "chanted chanting sang singing reading titled entitled headlined dubbed"
).split()

# ``said`` and friends, plus the set phrases agency copy uses instead of a verb.
CUE = lazy(
    r"\b(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r")\b"
    r"|\b[Aa]ccording to\b"
    r"|\bquoted as saying\b"
    r"|\bposted (?:on|to|in)\b|\bknown as\b"
    r"|\bspeaking (?:to|at|on|in|after|before|from|during)\b|\bin (?:remarks|comments|testimony|evidence)\b"
    # Characterising a quoted phrase: described it as "…", called the plan "…".
    r"|\bdescrib(?:ed|es|ing)\b|\b(?:called|calls|calling|branded|labelled|labeled|termed) (?:it|them|this|that|the)\b"
    r"|\bpoints? out\b|\bpointed out\b|\bwent on\b|\bgoes on\b"
    r"|\bin (?:a|an|his|her|their|its|the|one) (?:\w+ )?(?:statement|interview|e-?mail|letter|speech|post|tweet"
    r"|blog|video|note|podcast|briefing|address|message|testimony|filing|report|op-ed|column|memo)\b"
    r"|\b(?:statement|letter|note|notice|message|post|sign|placard|banner|memo|ruling|judgment|tweet|email)s? reads?\b"
    r"|\b(?:[Ss]o|[Tt]hus) said\b"
    r"|\b(?:words|message|verdict|view|reaction|response|reply|warning|comment|remarks|assessment|plea) "
    r"(?:of|from)\b",
    re.IGNORECASE,
)

# CUE for text lowered by ``folded``: its alternatives then open with plain letters, which the regex engine
# skips past a position on one comparison each, while case-blind letters must each be folded and compared
# (measured: 17.7 -> 5.2 ms to search every paragraph of the corpus). The pattern has no upper-case escape
# (``\B``, ``\W``…) for lower() to change; a test checks that, and that lowering keeps word characters.
_CUE_LOWER = lazy(CUE.pattern.lower())


def has_cue(text: str, low: str | None, start: int, end: int) -> bool:
    """``CUE.search(text, start, end) is not None``; ``low`` is ``folded(text)``."""
    if low is None:
        return CUE.search(text, start, end) is not None
    return _CUE_LOWER.search(low, start, end) is not None


# The opening of a paragraph that points back at the quote above it: "So said…", "Those were the words of…",
# or a bare "Smith added." standing for the attribution.
BACK_REFERENCE = lazy_regex(
    r"^\W*(?:(?:So|Thus) (?:said|says|wrote|argued|insisted|warned)\b"
    r"|(?:That|This|Those|These|Such) (?:was|were|is|are) (?:the |a |an )?(?:\w+ )?(?:words?|verdict|message|view"
    r"|warning|assessment|reaction|response|comment|plea|promise|reply|answer|claim)\b"
    r"|(?:The )?words (?:were|came from|of)\b"
    r"|Said \p{Lu}"
    r"|(?:He|She|They|\p{Lu}[\p{L}’'-]+(?: \p{Lu}[\p{L}’'-]+)*) (?:said|added|told \w+|wrote|insisted|warned|explained"
    r"|argued|replied|continued)(?: later| afterwards| on \w+)?[.:,;])"
)

# The first word that starts in lower case (ASCII) at the start or after a space. In a BACK_REFERENCE
# match every word before its verb is capitalised or punctuation, so this word is that verb (or "was",
# "words"…): a paragraph whose first such word is none of these needs no match of the big pattern.
_FIRST_LOWER_WORD = lazy(r"(?:^| )([a-z]+)")
_BACK_REFERENCE_WORDS = frozenset(
    "said says wrote argued insisted warned was were is are words added told explained replied continued".split()  # noqa: SIM905
)


def may_refer_back(text: str) -> bool:
    """False only where BACK_REFERENCE cannot match ``text``: a cheap test first (measured: 1 -> 0.2 ms per run)."""
    if "Said " in text:
        return True
    m = _FIRST_LOWER_WORD.search(text)
    return m is not None and m.group(1) in _BACK_REFERENCE_WORDS


WEAK_SOURCING = lazy(
    r"\b(?:(?:some |many |other |several |unnamed |anonymous |informed |senior |local )?"
    r"(?:sources|experts|critics|analysts|observers|insiders|commentators|pundits|onlookers)"
    r"|(?:a|one|another) (?:source|insider|expert|critic))"
    r"(?: close to [\w\s]{1,40}?)?"
    r"\s+(?:say|says|said|believe|believes|believed|argue|argues|argued|claim|claims|claimed|warn|warns|warned"
    r"|suggest|suggests|suggested|think|thinks|thought|told|tell|insist|insisted|fear|feared|note|noted)\b"
    r"|\bit is (?:understood|believed|thought|claimed|said|rumoured|rumored|reported|alleged)\b"
    r"|\bit was (?:understood|believed|rumoured|rumored)\b"
    r"|\b[Aa]ccording to (?:sources|experts|critics|insiders|observers|analysts|reports)\b"
    r"|\b(?:many|some) (?:say|believe|argue|claim)\b",
    re.IGNORECASE,
)

# Words every WEAK_SOURCING match contains (same flags, so the same case folding): a cheap first test.
WEAK_SOURCING_HINT = lazy(
    r"source|insider|expert|critic|analyst|observer|commentator|pundit|onlooker|it is |it was |according to "
    r"|(?:many|some) (?:say|believe|argue|claim)",
    re.IGNORECASE,
)

_HINT_WORDS = (
    "source", "insider", "expert", "critic", "analyst", "observer", "commentator", "pundit", "onlooker", "it is ",
    "it was ", "according to ",
)  # fmt: skip
# The hint's "many …"/"some …" phrases, each tried only after its first word is found.
_MANY_WORDS = ("many say", "many believe", "many argue", "many claim")
_SOME_WORDS = ("some say", "some believe", "some argue", "some claim")


def may_have_weak_sourcing(text: str) -> bool:
    """``WEAK_SOURCING_HINT.search(text)``, by plain substring tests where they decide it.

    The hint has no fixed first letter, so its search tries every position of every paragraph
    (measured: 5.3 ms of the 7 ms per-block pass per corpus run).
    """
    low = folded(text)
    if low is None:
        return WEAK_SOURCING_HINT.search(text) is not None
    return (
        any(map(low.__contains__, _HINT_WORDS))
        or ("many " in low and any(map(low.__contains__, _MANY_WORDS)))
        or ("some " in low and any(map(low.__contains__, _SOME_WORDS)))
    )


# Two capitalised words in a row, or a title and a surname: a named person or body.
NAME = lazy_regex(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Judge|President|Minister|Senator)\.? \p{Lu}[\p{L}’'-]+"
    r"|\b\p{Lu}[\p{Ll}’'-]+(?: (?:de|da|van|von|der|al|bin|el|le|la|du) )?(?: \p{Lu}[\p{L}’'-]+)+"
)

# Words a title-case quote (a book or a slogan) is made of that stay lower case.
TITLE_SMALL_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "or", "nor", "but", "by", "with", "from", "as")
)
