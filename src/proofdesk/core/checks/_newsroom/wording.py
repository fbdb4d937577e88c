"""How web furniture is worded: one line, judged on its own.

Each pattern must match the *whole* line (bullets and closing arrows aside),
so body copy that merely contains "read more" or mentions a newsletter is
never caught; looser, shape-based judgements that need the line's position
live in :mod:`proofdesk.core.checks._newsroom.scan`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from proofdesk.core.checks._newsroom.shapes import is_headline_shaped, is_title_case
from proofdesk.core.checks._newsroom.text import word_set

_F = re.IGNORECASE
_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|telegram|pinterest|messenger|bluesky|threads|"
    r"instagram|youtube|tiktok|flipboard|mastodon|google news|print|copy link|sms|snapchat"
)
_REPORTING = re.compile(r"\b(?:said|says|say|told|according|added|announced|reported|wrote|argued|insisted)\b", _F)
_QUOTE_MARKS = re.compile('["“”«»]')
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you'll|you’ll)\b", _F)

SEARCH = re.compile(
    r"(?:(?:type|enter|start typing|press enter)\s+(?:here\s+|your\s+\w+\s+)?(?:to|and press enter to)\s+search"
    r"|search(?:\s+(?:this|the|our)\s+(?:site|website|archive|page|news|blog))?(?:\s+(?:for|here))?"
    r"|(?:enter|type)\s+(?:your\s+)?(?:search\s+)?(?:keywords?|search\s+terms?|query|search)(?:\s+here)?"
    r"|what are you looking for\??|site search|search (?:articles|stories|news|results)"
    r"|search\s+(?:\w+\s+){0,2}(?:news|archive))",
    _F,
)
CHROME = re.compile(
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
ADVERT = re.compile(
    r"(?:advertisement|advertising|advert|ads?|sponsored(?: content| post| links?| stories)?"
    r"|paid (?:post|content|partner content)|promoted(?: content| stories)?|partner content"
    r"|(?:story|article|content|text) continues (?:below|after (?:the )?(?:advertisement|ad|advert))"
    r"(?: advertisement)?|continue reading (?:below|the main story)"
    r"|(?:advertisement\s*[-–—:·|•]?\s*)?scroll (?:down )?to continue(?: (?:reading|with content))?"
    r"|skip (?:advert|advertisement|ad)|report (?:this )?ad|ad feedback|remove ads"
    r"|(?:sponsored|presented|promoted|brought to you|supported|paid for) by [\w &'’.-]{1,40}|supported by)",
    _F,
)
SHARE = re.compile(
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
_CTA_START = re.compile(
    r"^(?:sign[ -]?up|subscribe|get (?:our|the|all|your|breaking|exclusive|more|every|free)|join (?:our|the|\d)"
    r"|enter your e-?mail|don'?t miss|do not miss|never miss|stay (?:informed|up to date|up-to-date|in the know|ahead)"
    r"|want (?:more|the latest|to know)|like (?:this|what you(?:'|’)?re reading)|enjoy(?:ed)? (?:this|reading)"
    r"|keep up(?: to date)?|receive|click here|become a (?:member|subscriber)|already (?:a subscriber|have an account)"
    r"|support (?:our|independent|quality) journalism|unlock|start your (?:free )?trial|try (?:it )?(?:for )?free"
    r"|thank you for (?:subscribing|signing up|reading)|you(?:'|’)re (?:all set|subscribed)"
    r"|by (?:signing up|subscribing|clicking)|sign up (?:here|now|today)|newsletter|get the latest)\b",
    _F,
)
_CTA_TOPIC = re.compile(
    r"newsletter|inbox|e-?mail|subscri|sign[ -]?up|alerts?|briefing|digest|updates|journalism|account|trial"
    r"|free|member|bulletin|podcast|app\b|notifications",
    _F,
)
_COOKIE = re.compile(r"\bcookies?\b", _F)
_COOKIE_ACTOR = re.compile(
    r"\b(?:we|our|us|this (?:web)?site|this page|you|your|accept(?: all)?|reject all|manage (?:preferences|settings)"
    r"|allow all)\b",
    _F,
)
COOKIE_ONLY = re.compile(
    r"(?:(?:accept|agree)\s*(?:&|and)\s*(?:continue|close)|your privacy (?:choices|options|settings)"
    r"|do not sell or share my personal information|accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?"
    r"|allow all(?: cookies)?|manage (?:cookie )?"
    r"(?:preferences|settings|consent)|cookie (?:policy|settings|preferences|notice|consent)|privacy settings"
    r"|(?:i )?agree|got it|ok,? (?:i )?understand)",
    _F,
)
_PHOTO_LABEL = re.compile(
    r"^\(?(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|file photo|main (?:image|photo)"
    r"|top (?:image|photo)|header image|(?:photo|image|picture|video) credit|credits?|image source|source)"
    r"\s*(?:by\b|:|-|–|—|/|,)\s*(?P<who>.{1,90}?)\)?\s*$",
    _F,
)
_PHOTO_AGENCY = re.compile(
    r"^\(?(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|Getty Images|Getty|Shutterstock|Alamy|PA|PA Wire|PA Media|Xinhua"
    r"|Bloomberg|Handout|iStock|iStockphoto|Unsplash|ANP|dpa|Anadolu|Sipa|Zuma|Supplied|Courtesy)"
    r"(?:\s*(?:/|via|via\s+)\s*[\w .,'’&()-]{1,60})?\)?\s*$"
)
_PHOTO_BY = re.compile(
    r"^\(?(?:photo|picture|image|photograph) by [\w .'’-]{2,40}(?: (?:on|via|for) [\w .'’/-]{2,40})?\)?$", _F
)
_NAME_SLASH = re.compile(
    r"^\(?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}"
    r"(?:\s*/\s*[\w .'’-]{2,30})?\)?$"
)
_COURTESY = re.compile(r"^\(?courtesy(?: of)?\s+(?P<who>[\w .,'’&/-]{2,60}?)\.?\)?$", _F)
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
PROMO = re.compile(r"(?:" + PROMO_LABEL + r")\s*(?::|\||»|›|>|→|-|–|—)\s*(?P<rest>\S.*)", _F)
_UPPER_LABEL = re.compile(r"(?P<label>[A-Z][A-Z'’ ]{2,30})\s*(?::|\||»|›|→)\s*(?P<rest>\S.*)")
RELATED_LABEL = re.compile(
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
TAGS = re.compile(
    r"(?:tags?|topics?|filed under|categor(?:y|ies)|posted in|keywords|related topics|subjects?|sections?)"
    r"\s*(?::|\||-|–)\s*\S.{0,200}|(?:#\w+\s*){1,12}",
    _F,
)

_EDGE = "•·*-–—>»›|→ \t"


_NEW_TAB = re.compile(r",?\s*\(?opens (?:in )?(?:a )?new (?:tab|window)\)?\s*$", _F)


def bare(text: str) -> str:
    """The line without bullets, arrows, "opens new tab" notes and trailing colons around it."""
    s = _NEW_TAB.sub("", text.strip()).strip(_EDGE).strip()
    return s.rstrip(":…").rstrip(". ").strip() if s.endswith((":", "…", "...")) else s


def _full(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.fullmatch(text) is not None


def _name_like(who: str) -> bool:
    words = [w for w in re.split(r"[\s/,()]+", who) if w and re.match(r"[^\W\d]", w)]
    if not words or len(words) > 10:
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    return not big or sum(1 for w in big if w[0].isupper()) / len(big) >= 0.7


# A call to action opening a clause: "Be the first to know – sign up for alerts".
_CTA_CLAUSE = re.compile(
    r"(?:^|[–—:?!.]\s+|\s-\s)(?:sign[ -]?up|subscribe|download|get|join|share (?:it|this)|tell a friend"
    r"|forward (?:it|this))\b",
    _F,
)
_APP = re.compile(r"^(?:download|get|install|try)\s+(?:our|the)\s+(?:[\w'’ ]{1,30}\s)?app\b", _F)


def _is_prompt(text: str) -> bool:
    """Newsletter / subscription / app prompts, by form: a call to action about subscribing."""
    if len(text.split()) > 35 or _QUOTE_MARKS.search(text) or _REPORTING.search(text):
        return False
    if _CTA_START.match(text) and _CTA_TOPIC.search(text):
        return True
    if _APP.match(text):
        return True
    if (
        len(text.split()) <= 20
        and _CTA_CLAUSE.search(text)
        and (_CTA_TOPIC.search(text) or _SECOND_PERSON.search(text) or re.search(r"\bshare\b", text, _F))
    ):
        return True
    return (
        bool(re.search(r"newsletter|inbox|subscri", text, _F) and _SECOND_PERSON.search(text))
        and len(text.split()) <= 30
    )


def _is_cookie(text: str) -> bool:
    if len(text.split()) > 50 or _QUOTE_MARKS.search(text) or _REPORTING.search(text):
        return False
    return bool(_COOKIE.search(text) and _COOKIE_ACTOR.search(text))


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


def classify(text: str, extra: Sequence[str] = ()) -> str | None:
    """The furniture rule a line's wording alone decides, or None."""
    s = bare(text)
    if not s:
        return None
    low = s.casefold()
    for phrase in extra:
        p = phrase.strip().rstrip(".:").casefold()
        if p and low.startswith(p) and len(low) <= len(p) + 60:
            return "furniture.house-line"
    if len(s.split()) > 50:
        return None
    if _full(SEARCH, s):
        return "furniture.search-box"
    if _full(ADVERT, s):
        return "furniture.advertisement"
    if _full(SHARE, s):
        return "furniture.prompt"
    if _full(COOKIE_ONLY, s) or _is_cookie(s):
        return "furniture.prompt"
    if _is_prompt(s):
        return "furniture.prompt"
    if _full(CHROME, s):
        return "furniture.page-chrome"
    if photo_credit(text):
        return "furniture.photo-credit"
    if _full(RELATED_LABEL, s):
        return "furniture.related-label"
    if promo(text):
        return "furniture.promo"
    if _full(TAGS, s):
        return "furniture.tag-line"
    return None
