"""British and American spellings of the same word, and the house's -ise/-ize choice.

A word one dictionary accepts and the other lacks is a variant when a regular
spelling change (colour/color, centre/center, travelled/traveled,
analyse/analyze, catalogue/catalog, defence/defense, aeon/eon…) turns it into a
word the house dictionary accepts. The irregular pairs are listed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# British → American spellings that no regular change produces.
_IRREGULAR_GB_US = {
    "aluminium": "aluminum",
    "cheque": "check",
    "cheques": "checks",
    "grey": "gray",
    "greys": "grays",
    "kerb": "curb",
    "kerbs": "curbs",
    "mould": "mold",
    "moulds": "molds",
    "mouldy": "moldy",
    "moult": "molt",
    "plough": "plow",
    "ploughs": "plows",
    "ploughed": "plowed",
    "programme": "program",
    "programmes": "programs",
    "programmed": "programmed",
    "pyjamas": "pajamas",
    "moustache": "mustache",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "manoeuvred": "maneuvered",
    "sceptic": "skeptic",
    "sceptics": "skeptics",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "tyre": "tire",
    "tyres": "tires",
    "storey": "story",
    "storeys": "stories",
    "gaol": "jail",
    "draught": "draft",
    "draughts": "drafts",
    "sulphur": "sulfur",
    "jewellery": "jewelry",
    "doughnut": "donut",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "cosy": "cozy",
    "ageing": "aging",
    "judgement": "judgment",
    "judgements": "judgments",
    "licence": "license",
    "licences": "licenses",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "axe": "ax",
    "whisky": "whiskey",
    "furore": "furor",
    "programme's": "program's",
}
_IRREGULAR_US_GB = {v: k for k, v in _IRREGULAR_GB_US.items() if k not in ("judgement", "enquiry", "whisky")}

# Regular changes, written British → American; applied in reverse for American houses.
_RULES_GB_US: tuple[tuple[str, str], ...] = (
    ("our", "or"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("tred", "tered"),
    ("bre", "ber"),
    ("bres", "bers"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("yses", "yzes"),
    ("ysing", "yzing"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("llers", "lers"),
    ("fil", "fill"),
    ("fils", "fills"),
    ("rol", "roll"),
    ("rols", "rolls"),
    ("lment", "llment"),
    ("lments", "llments"),
    ("ae", "e"),
    ("oe", "e"),
)

# Words whose -ise is not the -ise/-ize suffix (advise, surprise…), or where both spellings are different words.
_NOT_IZE = frozenset(
    [
        "advise",
        "apprise",
        "arise",
        "chastise",
        "circumcise",
        "comprise",
        "compromise",
        "concise",
        "demise",
        "despise",
        "devise",
        "disguise",
        "enfranchise",
        "enterprise",
        "excise",
        "exercise",
        "expertise",
        "franchise",
        "improvise",
        "incise",
        "merchandise",
        "noise",
        "otherwise",
        "paradise",
        "poise",
        "praise",
        "precise",
        "premise",
        "prise",
        "promise",
        "raise",
        "revise",
        "rise",
        "seize",
        "size",
        "supervise",
        "surmise",
        "surprise",
        "televise",
        "treatise",
        "wise",
        "capsize",
        "prize",
        "baptise",
    ]
)
_IZE_ENDINGS = re.compile(r"(i|y)(z|s)(e|es|ed|ing|ation|ations|er|ers|able)$")


def _swaps(word: str, rules: tuple[tuple[str, str], ...], reverse: bool) -> Iterator[str]:
    for gb, us in rules:
        src, dst = (us, gb) if reverse else (gb, us)
        if len(src) <= 4 and src in ("our", "or", "ae", "oe", "e"):
            # Inner changes (colour, favourite, anaemia, foetus) may sit anywhere in the word.
            start = 0
            while (i := word.find(src, start)) != -1:
                yield word[:i] + dst + word[i + len(src) :]
                start = i + 1
        elif word.endswith(src):
            yield word[: len(word) - len(src)] + dst


def house_form(
    word: str, language: str, known: Callable[[str], bool], known_other: Callable[[str], bool]
) -> str | None:
    """The house spelling of ``word`` if it is the other variant's spelling, else None.

    ``word`` is lower case, accepted by the other variant's dictionary and not by the house's.
    """
    british = language == "en-GB"
    irregular = _IRREGULAR_US_GB if british else _IRREGULAR_GB_US
    if word in irregular and known(irregular[word]):
        return irregular[word]
    for cand in _swaps(word, _RULES_GB_US, reverse=british):
        if cand != word and known(cand) and not known_other(cand):
            return cand
    for cand in _swaps(word, _RULES_GB_US, reverse=british):
        if cand != word and known(cand):
            return cand
    return None


def ize_alternative(
    word: str, prefer_ize: bool, known: Callable[[str], bool], other_known: Callable[[str], bool]
) -> str | None:
    """The house's -ise/-ize form of ``word`` if ``word`` uses the other one (both must be real words)."""
    m = _IZE_ENDINGS.search(word)
    if m is None or (m.group(1) != "i" and m.group(1) != "y"):
        return None
    have = m.group(2)
    want = "z" if prefer_ize else "s"
    if have == want:
        return None
    if m.group(1) == "y":
        # analyse/analyze is a variant pair, not an -ise/-ize house choice.
        return None
    stem = word[: m.start(1)]
    forms = (stem + "ise", stem + "ize")
    # Short bases must match whole (``categorise`` ends in "rise"); longer ones may carry a prefix (unadvised).
    if any(f == base or (len(base) > 5 and f.endswith(base)) for f in forms for base in _NOT_IZE):
        return None
    cand = word[: m.start(2)] + want + word[m.end(2) :]
    # Both spellings must exist so ``size``/``advise``/``exercise`` are never touched.
    if (known(cand) or other_known(cand)) and (known(word) or other_known(word)):
        return cand
    return None
