"""How web furniture is worded: one line, judged on its own.

Each pattern must match the *whole* line (bullets and closing arrows aside),
so body copy that merely contains "read more" or mentions a newsletter is
never caught; looser, shape-based judgements that need the line's position
live in :mod:`proofdesk.core.checks._newsroom.scan`.
"""

from __future__ import annotations

import re
import re._constants as _ops
from collections.abc import Sequence
from itertools import pairwise
from re._parser import parse as _parse
from typing import Any

from proofdesk.core.checks._newsroom.lazyre import lazy
from proofdesk.core.checks._newsroom.shapes import is_headline_shaped, is_title_case
from proofdesk.core.checks._newsroom.text import folded, word_set

_F = re.IGNORECASE
_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|telegram|pinterest|messenger|bluesky|threads|"
    r"instagram|youtube|tiktok|flipboard|mastodon|google news|print|copy link|sms|snapchat"
)
_REPORTING = lazy(r"\b(?:said|says|say|told|according|added|announced|reported|wrote|argued|insisted)\b", _F)
_QUOTE_MARKS = lazy('["“”«»]')
_SECOND_PERSON = lazy(r"\b(?:you|your|yours|you're|you’re|you'll|you’ll)\b", _F)

SEARCH = lazy(
    r"(?:(?:type|enter|start typing|press enter)\s+(?:here\s+|your\s+\w+\s+)?(?:to|and press enter to)\s+search"
    r"|search(?:\s+(?:this|the|our)\s+(?:site|website|archive|page|news|blog))?(?:\s+(?:for|here))?"
    r"|(?:enter|type)\s+(?:your\s+)?(?:search\s+)?(?:keywords?|search\s+terms?|query|search)(?:\s+here)?"
    r"|what are you looking for\??|site search|search (?:articles|stories|news|results)"
    r"|search\s+(?:\w+\s+){0,2}(?:news|archive))",
    _F,
)
CHROME = lazy(
    r"(?:skip to (?:main )?(?:content|navigation|search)|(?:main |open |close )?menu|close|home|log ?in|log ?out"
    r"|sign ?in|register|my account|account|subscribe(?: now| today)?|back to top|go to top|top of page"
    r"|loading(?:\.\.\.|…)?|listen to (?:this )?(?:article|story)(?:\s*[-–—:]?\s*\d+\s*min(?:ute)?s?)?"
    r"|listen(?:\s*[·:|-]?\s*\d{1,2}:\d{2}(?:\s*mins?)?)?"
    r"|\d+\s*min(?:ute)?s?\s+read|print(?: this (?:page|article|story))?|(?:view |show |jump to |leave a )?comments?"
    r"|comments?\s*\(\d+\)|\d+\s+comments?|toggle navigation|breaking news|edition\s*:?\s*\w+(?: \w+)?"
    r"|all rights reserved\.?|(?:©|\(c\)|copyright)\s*\d{4}\s*[\w .,&'’-]{1,50}|(?:©|\(c\)|copyright)[\w .,&'’-]{1,50}"
    r"all rights reserved\.?"
    r"|(?:home|news)\s*[>›»/|]\s*[\w &'’-]+(?:\s*[>›»/|]\s*[\w &'’-]+)*"
    r"|(?:updated|published|posted|last updated|first published)(?: on| at)?\s*:?\s*(?:[A-Z][a-z]{2,8},?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|\d{1,2}[:.]\d{2})"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\.?"
    r"|(?:updated\s+)?(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago"
    r"|jump to (?:comments?(?: section)?|content|navigation|section)|back to (?:menu|top|home|homepage)"
    r"|close(?: dialog| window| banner| pop-?up)?|(?:log ?in|sign ?in)\s*(?:/|\||or)\s*(?:register|sign ?up|subscribe)"
    r"|sections|newsletters|contact us|about us|terms (?:of use|and conditions|& conditions)|(?:our )?privacy policy"
    r"|report an error|editorial (?:standards|guidelines)|corrections(?: and clarifications)?|advertise with us"
    r"|our standards\s*:.{0,80}|reuse this content|licensing rights|purchase licensing rights|https?://\S+"
    r"|(?:sign|log) ?in(?: or register)? to (?:comment|reply|post comments|continue reading|read more|save)"
    r"|\((?:updates|adds|recasts|corrects|changes|refiles|repeats|releads|writes through)\b[^()]{0,150}\)"
    r"|image|photo|video|gallery|audio|(?:image|video) caption|watch|listen|play video|\d+ photos?|"
    r"(?:enlarge|expand|view) (?:this )?(?:image|photo|gallery)|click to enlarge|fullscreen)",
    _F,
)
ADVERT = lazy(
    r"(?:advertisement|advertising|advert|ads?|sponsored(?: content| post| links?| stories)?"
    r"|paid (?:post|content|partner content)|promoted(?: content| stories)?|partner content"
    r"|(?:story|article|content|text) continues (?:below|after (?:the )?(?:advertisement|ad|advert))"
    r"(?: advertisement)?|continue reading (?:below|the main story)"
    r"|(?:advertisement\s*[-–—:·|•]?\s*)?scroll (?:down )?to continue(?: (?:reading|with content))?"
    r"|skip (?:advert|advertisement|ad)|report (?:this )?ad|ad feedback|remove ads"
    r"|(?:sponsored|presented|promoted|brought to you|supported|paid for) by [\w &'’.-]{1,40}|supported by)",
    _F,
)
SHARE = lazy(
    r"(?:share(?: this)?(?: article| story| post| page| on| via)?"
    r"|(?:share|tweet|email|print|save)(?:\s+(?:share|tweet|email|print|save)){1,5}"
    rf"|share (?:on|via|to|with) (?:{_SOCIAL})(?:\s*(?:[,/|·•]|or|and)\s*(?:{_SOCIAL}))*"
    rf"|(?:{_SOCIAL})(?:\s*[,/|·•]?\s*(?:{_SOCIAL}))+"
    r"|tweet(?: this)?|email(?: this)?(?: article| story| link)?|copy (?:link|url)|link copied"
    r"|save(?: (?:article|story|for later|this article))?|bookmark(?: this)?|gift(?: this)? article"
    r"|click (?:here )?to (?:share|email|print)(?: on [\w ]+)?(?: \(opens in new window\))?|opens in (?:a )?new window"
    r"|follow(?: us)?|follow (?:us|@\w+|[\w .'’-]{2,40}) on "
    rf"(?:{_SOCIAL})(?: (?:@\w+|for [\w ,'’-]{{3,60}}))?"
    rf"|follow (?:us|@\w+) (?:for|to) [\w ,'’-]{{3,60}}|like us on facebook|find us on (?:{_SOCIAL})"
    r"|follow [\w .'’-]{2,60} coverage (?:of|on|at) .{1,120}"
    r"|join (?:us|the conversation|the discussion)(?: on [\w ]+)?|connect with us|share your (?:views|thoughts))",
    _F,
)
_CTA_START = lazy(
    r"^(?:sign[ -]?up|subscribe|get (?:our|the|all|your|breaking|exclusive|more|every|free)|join (?:our|the|\d)"
    r"|enter your e-?mail|don'?t miss|do not miss|never miss|stay (?:informed|up to date|up-to-date|in the know|ahead)"
    r"|want (?:more|the latest|to know)|like (?:this|what you(?:'|’)?re reading)|enjoy(?:ed)? (?:this|reading)"
    r"|keep up(?: to date)?|receive|click here|become a (?:member|subscriber)|already (?:a subscriber|have an account)"
    r"|support (?:our|independent|quality) journalism|unlock|start your (?:free )?trial|try (?:it )?(?:for )?free"
    r"|thank you for (?:subscribing|signing up|reading)|you(?:'|’)re (?:all set|subscribed)"
    r"|by (?:signing up|subscribing|clicking)|sign up (?:here|now|today)|newsletter|get the latest)\b",
    _F,
)
_CTA_TOPIC = lazy(
    r"newsletter|inbox|e-?mail|subscri|sign[ -]?up|alerts?|briefing|digest|updates|journalism|account|trial"
    r"|free|member|bulletin|podcast|app\b|notifications",
    _F,
)
_COOKIE = lazy(r"\bcookies?\b", _F)
_COOKIE_ACTOR = lazy(
    r"\b(?:we|our|us|this (?:web)?site|this page|you|your|accept(?: all)?|reject all|manage (?:preferences|settings)"
    r"|allow all)\b",
    _F,
)
COOKIE_ONLY = lazy(
    r"(?:(?:accept|agree)\s*(?:&|and)\s*(?:continue|close)|your privacy (?:choices|options|settings)"
    r"|do not sell or share my personal information|accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?"
    r"|allow all(?: cookies)?|manage (?:cookie )?"
    r"(?:preferences|settings|consent)|cookie (?:policy|settings|preferences|notice|consent)|privacy settings"
    r"|(?:i )?agree|got it|ok,? (?:i )?understand)",
    _F,
)
_PHOTO_LABEL = lazy(
    r"^\(?(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|file photo|main (?:image|photo)"
    r"|top (?:image|photo)|header image|(?:photo|image|picture|video) credit|credits?|image source|source)"
    r"\s*(?:by\b|:|-|–|—|/|,)\s*(?P<who>.{1,90}?)\)?\s*$",
    _F,
)
_PHOTO_AGENCY = lazy(
    r"^\(?(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|Getty Images|Getty|Shutterstock|Alamy|PA|PA Wire|PA Media|Xinhua"
    r"|Bloomberg|Handout|iStock|iStockphoto|Unsplash|ANP|dpa|Anadolu|Sipa|Zuma|Supplied|Courtesy)"
    r"(?:\s*(?:/|via|via\s+)\s*[\w .,'’&()-]{1,60})?\)?\s*$"
)
_PHOTO_BY = lazy(
    r"^\(?(?:photo|picture|image|photograph) by [\w .'’-]{2,40}(?: (?:on|via|for) [\w .'’/-]{2,40})?\)?$", _F
)
_NAME_SLASH = lazy(
    r"^\(?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}"
    r"(?:\s*/\s*[\w .'’-]{2,30})?\)?$"
)
_COURTESY = lazy(r"^\(?courtesy(?: of)?\s+(?P<who>[\w .,'’&/-]{2,60}?)\.?\)?$", _F)
_SMALL = word_set("via and of for the on by courtesy file photo handout in at images image pool")

PROMO_LABEL = (
    r"also on [^:|»›>]{1,40}|also read|read also|also see|see also|read more|more(?: news| stories)?"
    r"|related(?: stories| articles| news| content| coverage| reading| story| article)?"
    r"|recommended(?: reading| for you| stories| articles)?|don'?t miss|do not miss|must read|editor'?s picks?"
    r"|trending(?: now)?|popular(?: now)?|most read|top stories?|latest(?: news| stories)?|watch(?: now)?|video"
    r"|listen(?: now)?|podcast|in (?:other|related) news|more (?:from|on|about|in) [^:|»›>]{1,40}"
    r"|you (?:may|might) also (?:like|enjoy|be interested in)|explore more|keep reading|further reading|read next"
    r"|what to read next|up next|read(?: this)?|see|click here|opinion|also"
)
PROMO = lazy(r"(?:" + PROMO_LABEL + r")\s*(?::|\||»|›|>|→|-|–|—)\s*(?P<rest>\S.*)", _F)
_UPPER_LABEL = lazy(r"(?P<label>[A-Z][A-Z'’ ]{2,30})\s*(?::|\||»|›|→)\s*(?P<rest>\S.*)")
RELATED_LABEL = lazy(
    r"(?:read more|more|related|related (?:stories|articles|news|content|coverage|links|reading|topics|posts|story)"
    r"|recommended(?: for you| reading| stories| articles)?|you (?:may|might) also (?:like|be interested in|enjoy)"
    r"|more (?:from|on|about|in) [^\n:|–—]{1,40}"
    r"|more (?:stories|news|articles|coverage|to explore|on this (?:story|topic))"
    r"|most (?:read|popular|viewed|shared)(?: (?:from|on|in) [^\n:|–—]{1,30})?"
    r"|trending(?: now| stories)?|top stories|latest(?: news| stories| headlines)?"
    r"|further reading|see also|also read|read next|what to read next|editor'?s (?:picks?|choice)"
    r"|in (?:other|related) news|explore more|keep reading|popular(?: now| stories| articles)?|don'?t miss|must read"
    r"|around the web|from (?:the|our) (?:web|partners|network)|(?:sponsored|promoted|partner) stories"
    r"|also on [^\n:|–—]{1,30}|other stories|recent (?:posts|stories|articles)|similar (?:stories|articles)"
    r"|(?:more )?stories you (?:may|might) (?:like|have missed)|you may have missed|elsewhere(?: on [\w ]{1,30})?)",
    _F,
)
TAGS = lazy(
    r"(?:tags?|topics?|filed under|categor(?:y|ies)|posted in|keywords|related topics|subjects?|sections?)"
    r"\s*(?::|\||-|–)\s*\S.{0,200}|(?:#\w+\s*){1,12}",
    _F,
)

_EDGE = "•·*-–—>»›|→ \t"


_NEW_TAB = lazy(r",?\s*\(?opens (?:in )?(?:a )?new (?:tab|window)\)?\s*$", _F)


def bare(text: str) -> str:
    """The line without bullets, arrows, "opens new tab" notes and trailing colons around it."""
    s = text.strip()
    # n, e and w have no odd case-blind twins, so without "new" the note cannot be there.
    if "new" in s.lower():
        s = _NEW_TAB.sub("", s)
    s = s.strip(_EDGE).strip()
    return s.rstrip(":…").rstrip(". ").strip() if s.endswith((":", "…", "...")) else s


def _name_like(who: str) -> bool:
    words = [w for w in re.split(r"[\s/,()]+", who) if w and re.match(r"[^\W\d]", w)]
    if not words or len(words) > 10:
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    return not big or sum(1 for w in big if w[0].isupper()) / len(big) >= 0.7


# A call to action opening a clause: "Be the first to know – sign up for alerts".
_CTA_CLAUSE = lazy(
    r"(?:^|[–—:?!.]\s+|\s-\s)(?:sign[ -]?up|subscribe|download|get|join|share (?:it|this)|tell a friend"
    r"|forward (?:it|this))\b",
    _F,
)
_APP = lazy(r"^(?:download|get|install|try)\s+(?:our|the)\s+(?:[\w'’ ]{1,30}\s)?app\b", _F)


def _is_prompt(text: str, n: int | None = None) -> bool:
    """Newsletter / subscription / app prompts, by form: a call to action about subscribing.

    ``n`` is ``len(text.split())`` when the caller has counted it already.
    """
    if n is None:
        n = len(text.split())
    if n > 35:
        return False
    # The call to action first: it is rare and its tests are anchored or short, while the quote and
    # reporting-verb tests that veto it must scan every line (measured: 3.9 -> 0.6 ms per corpus run).
    if not (
        (_CTA_START.match(text) and _CTA_TOPIC.search(text))
        or _APP.match(text)
        or (
            n <= 20
            and _may_call_to_action(text)
            and _CTA_CLAUSE.search(text)
            and (_CTA_TOPIC.search(text) or _SECOND_PERSON.search(text) or re.search(r"\bshare\b", text, _F))
        )
        or (n <= 30 and _mentions_subscribing(text) and _SECOND_PERSON.search(text))
    ):
        return False
    return not (_QUOTE_MARKS.search(text) or _REPORTING.search(text))


_CTA_VERBS = ("sign", "subscribe", "download", "get", "join", "share", "tell", "forward")


def _may_call_to_action(text: str) -> bool:
    """False when no verb _CTA_CLAUSE needs is in ``text``: its search tries every position, this does not."""
    low = folded(text)
    # Spelled out: a generator over _CTA_VERBS cost more than the tests themselves.
    return low is None or (
        "sign" in low
        or "subscribe" in low
        or "download" in low
        or "get" in low
        or "join" in low
        or "share" in low
        or "tell" in low
        or "forward" in low
    )


_SUBSCRIBING = lazy(r"newsletter|inbox|subscri", _F)


def _mentions_subscribing(text: str) -> bool:
    low = folded(text)
    if low is None:
        return _SUBSCRIBING.search(text) is not None
    return "newsletter" in low or "inbox" in low or "subscri" in low


def _is_cookie(text: str) -> bool:
    # "cook" has no odd case-blind twins (the Kelvin sign lowers to k), so without it there is no cookie.
    if "cook" not in text.lower() or len(text.split()) > 50 or not _COOKIE.search(text):
        return False
    return not (_QUOTE_MARKS.search(text) or _REPORTING.search(text)) and _COOKIE_ACTOR.search(text) is not None


def photo_credit(text: str) -> bool:
    s = text.strip()
    if len(s.split()) > 14:
        return False
    m = _PHOTO_LABEL.match(s)
    if m:
        who = m.group("who").rstrip(".")
        return _name_like(who)
    courtesy = _COURTESY.match(s)
    if courtesy:
        return _name_like(courtesy.group("who"))
    return bool(
        _PHOTO_AGENCY.match(s)
        or _PHOTO_BY.match(s)
        or _NAME_SLASH.match(s)
        or re.match(r"^(?:©|\(c\))\s*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}$", s)
    )


_PROMO_SEPARATOR = lazy(r"[:|»›>→\-–—]")


def _may_be_promo(text: str) -> bool:
    """False when ``text`` has none of the separators PROMO and _UPPER_LABEL need after the label."""
    return _PROMO_SEPARATOR.search(text) is not None


def promo(text: str) -> bool:
    """A promo line: a cross-promotion label followed by a headline on the same line."""
    s = text.strip().strip(_EDGE)
    if len(s.split()) > 30:
        return False
    m = PROMO.match(s)
    if m:
        label = s[: m.start("rest")]
        rest = m.group("rest")
        # Generic labels ("Watch:", "Latest –") need a headline after them, not a sentence.
        strong = re.match(
            r"(?:also on|read more|related|see also|also read|read also|more from|recommended|"
            r"don'?t miss|do not miss|must read|you (?:may|might)|further reading|read next|"
            r"what to read next|in (?:other|related) news|editor)",
            label,
            _F,
        )
        return bool(strong) or is_headline_shaped(rest) or (is_title_case(rest) and not rest.endswith("."))
    m2 = _UPPER_LABEL.fullmatch(s)
    if m2 and len(m2.group("label").split()) <= 4:
        rest = m2.group("rest")
        return is_title_case(rest) and is_headline_shaped(rest)
    return False


# The whole-line patterns as one, each in a named group, in the order classify tries them: the first that
# fits the line is the group that matched. Most lines fit none, which now costs one test instead of seven
# (and one compilation instead of seven).
_WORDED_PARTS = (
    ("search", SEARCH),
    ("advert", ADVERT),
    ("share", SHARE),
    ("cookie", COOKIE_ONLY),
    ("chrome", CHROME),
    ("related", RELATED_LABEL),
    ("tags", TAGS),
)
_WORDED = lazy("|".join(f"(?P<{name}>{p.pattern})" for name, p in _WORDED_PARTS), _F)


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``, with one group wrapping the whole pattern opened."""
    bars, first_close = _scan_pattern(pattern)
    if not bars and pattern.startswith("(?:") and first_close == len(pattern) - 1:
        return _branches(pattern[3:-1])
    edges = [-1, *bars, len(pattern)]
    return [pattern[a + 1 : b] for a, b in pairwise(edges)]


def _scan_pattern(pattern: str) -> tuple[list[int], int]:
    """Where ``pattern`` has a top-level "|", and where the group it opens with closes (-1 if none)."""
    bars: list[int] = []
    first_close = -1
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            # A "]" right after "[" or "[^" is a member, not the end of the class.
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and first_close < 0:
                first_close = i
        elif ch == "|" and depth == 0:
            bars.append(i)
        i += 1
    return bars, first_close


def _may_end_with(items: Any, ch: str) -> tuple[bool, bool]:
    """(whether a match of the parsed ``items`` may end with ``ch``, whether it may be empty).

    Conservative: anything not understood may end with ``ch`` and may be empty. ``ch`` must have no
    case-blind twins (see _END_CHARS), so a literal or a range matches it only as itself.
    """
    last = False
    for op, av in reversed(list(items)):
        may, empty = _node_may_end_with(op, av, ch)
        last = last or may
        if not empty:
            return last, False
    return last, True


def _node_may_end_with(op: Any, av: Any, ch: str) -> tuple[bool, bool]:
    c = _ops
    if op is c.LITERAL:
        return av == ord(ch), False
    if op is c.NOT_LITERAL:
        return av != ord(ch), False
    if op is c.ANY:
        return ch != "\n", False
    if op is c.IN:
        return _in_set(av, ch), False
    if op is c.AT:
        return False, True
    if op is c.BRANCH:
        results = [_may_end_with(b, ch) for b in av[1]]
        return any(m for m, _ in results), any(e for _, e in results)
    if op is c.SUBPATTERN:
        return _may_end_with(av[3], ch)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = av
        may, empty = _may_end_with(body, ch)
        return may and high != 0, empty or low == 0
    return True, True


_CATEGORY_CLASSES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def _in_set(items: Any, ch: str) -> bool:
    c = _ops
    found = False
    negate = False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            found = found or av == ord(ch)
        elif op is c.RANGE:
            found = found or av[0] <= ord(ch) <= av[1]
        elif op is c.CATEGORY and str(av) in _CATEGORY_CLASSES:
            found = found or re.fullmatch(_CATEGORY_CLASSES[str(av)], ch) is not None
        else:
            return True
    return found != negate


# Last characters of a line (no case-blind twins: a test checks every code point) for which classify
# tries only the alternatives that can end with them: body paragraphs end with these, and most furniture
# patterns cannot, so a paragraph is turned away by 17 alternatives instead of 159 (measured: classify
# 3.7 -> 2.7 ms for the corpus's 390 new paragraphs). Each ending costs a compilation on first use
# (about 10 ms for the first, with the parse, 1.6 ms for another), so only the common two are here,
# and only once a run has read enough such lines (_BUILD_AFTER).
_END_CHARS = ".”"
_WORDED_ENDING: dict[str, re.Pattern[str] | None] = {}


_PARSED: list[tuple[str, list[tuple[str, Any]]]] | None = None


def _parsed_branches() -> list[tuple[str, list[tuple[str, Any]]]]:
    """Each _WORDED part's alternatives, as text and parsed, read once for every ending."""
    global _PARSED
    parsed = _PARSED
    if parsed is None:
        # Built whole, then published: two checking threads may both build it, never see half of it.
        parsed = [(name, [(b, _parse(b, _F)) for b in _branches(part.pattern)]) for name, part in _WORDED_PARTS]
        _PARSED = parsed
    return parsed


def worded_for_ending(ch: str) -> re.Pattern[str] | None:
    """_WORDED with only the alternatives whose match may end with ``ch`` (None if there are none)."""
    if ch in _WORDED_ENDING:
        return _WORDED_ENDING[ch]
    parts = []
    for name, branches in _parsed_branches():
        kept = [b for b, tree in branches if _may_end_with(tree, ch)[0]]
        if kept:
            parts.append(f"(?P<{name}>{'|'.join(kept)})")
    pattern = re.compile("|".join(parts), _F) if parts else None
    _WORDED_ENDING[ch] = pattern
    return pattern


# Lines with an ending read by the full pattern before that ending's own is built (about 11 ms, worth
# about 4,000 lines): a one-off check of a 2,000-word draft from the command line (about 100 such lines)
# never builds it, while a batch or an editing session builds it early and keeps it.
_BUILD_AFTER = 300
_ending_uses: dict[str, int] = {}


def _worded(s: str) -> str | None:
    """The name of the first _WORDED alternative that fits all of ``s``, or None."""
    ch = s[-1]
    if ch in _END_CHARS:
        if ch in _WORDED_ENDING:
            reduced = _WORDED_ENDING[ch]
            m = reduced.fullmatch(s) if reduced is not None else None
            return m.lastgroup if m is not None else None
        uses = _ending_uses[ch] = _ending_uses.get(ch, 0) + 1
        if uses >= _BUILD_AFTER:
            worded_for_ending(ch)
    m = _WORDED.fullmatch(s)
    return m.lastgroup if m is not None else None


def classify(text: str, extra: Sequence[str] = ()) -> str | None:
    """The furniture rule a line's wording alone decides, or None."""
    s = bare(text)
    if not s:
        return None
    low = s.casefold() if extra else ""
    for phrase in extra:
        p = phrase.strip().rstrip(".:").casefold()
        if p and low.startswith(p) and len(low) <= len(p) + 60:
            return "furniture.house-line"
    n = len(s.split())
    if n > 50:
        return None
    worded = _worded(s)
    if worded == "search":
        return "furniture.search-box"
    if worded == "advert":
        return "furniture.advertisement"
    if worded in ("share", "cookie") or _is_cookie(s) or _is_prompt(s, n):
        return "furniture.prompt"
    if worded == "chrome":
        return "furniture.page-chrome"
    # ``s`` is a piece of ``text`` (and of the piece promo reads), so neither has fewer words than ``s``:
    # past their word limits they cannot fit, and a promo needs one of its separators.
    if n <= 14 and photo_credit(text):
        return "furniture.photo-credit"
    if worded == "related":
        return "furniture.related-label"
    if n <= 30 and _may_be_promo(text) and promo(text):
        return "furniture.promo"
    if worded == "tags":
        return "furniture.tag-line"
    return None
