"""Spelling (``spelling.*``): unknown words, house variants, names spelt two ways, repeats, house rejects.

The dictionaries load on the first ``check_block`` (once per process, under a
lock); see :mod:`proofdesk.core.spelling.lexicon`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Hashable, Iterable, Iterator, Sequence
from enum import Enum
from itertools import compress, count, islice
from operator import eq, not_

from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.document import Block, Document
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.spelling.judge import Judge, Kind
from proofdesk.core.spelling.lexicon import get_judge, normalise_language
from proofdesk.core.spelling.names import (
    BlockWords,
    DocumentWords,
    block_words,
    capital_indices,
    column_positions,
    column_words,
    find_slips,
    strip_possessive,
)
from proofdesk.core.spelling.suggest import match_case
from proofdesk.core.spelling.tokens import (
    SOFT_HYPHEN,
    Columns,
    Token,
    iter_words,
    maybe_non_word,
    normalise,
    plain_columns,
    word_columns,
)
from proofdesk.core.spelling.variants import ize_alternative

UNKNOWN = "spelling.unknown-word"
VARIANT = "spelling.variant"
NAME = "spelling.name-consistency"
REPEATED = "spelling.repeated-word"
REJECTED = "spelling.rejected-word"

# Fragments that stand before a hyphen in ordinary compounds (co-operate, ex-minister, e-commerce).
_PREFIXES = frozenset(
    [
        "a",
        "anti",
        "bi",
        "co",
        "counter",
        "cross",
        "de",
        "e",
        "ex",
        "extra",
        "hyper",
        "inter",
        "intra",
        "macro",
        "mega",
        "micro",
        "mid",
        "mini",
        "multi",
        "neo",
        "non",
        "over",
        "pan",
        "post",
        "pre",
        "pro",
        "quasi",
        "re",
        "semi",
        "sub",
        "super",
        "trans",
        "tri",
        "ultra",
        "un",
        "under",
        "vice",
        "x",
    ]
)
# Repeats that are grammatical ("that that", "had had") or set phrases.
_GOOD_REPEATS = frozenset({"had", "that", "bye", "no", "so", "ha", "tut", "yeah", "very", "really", "many", "far"})
_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t\u00a0]+|\n)(\1)(?![\w'’-])", re.IGNORECASE)
# "Program" is British for software; flag it only where a schedule is meant.
_COMPUTING = re.compile(r"\b(?:computer|software|code|coding|app|run|runs|ran|install|malware|programming|AI)\b", re.I)
_PROGRAM = re.compile(r"\bprograms?\b")
_DIGIT = re.compile(r"\d")
_WORD_START = re.compile(r"[^\W\d_]+")
_WORD_END = re.compile(r"[^\W\d_]+$")
# Lower-case words inside names (Gare du Nord, Ludwig van Beethoven, Bashar al-Assad).
_PARTICLES = frozenset(
    {"al", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el", "la", "le", "van", "von"}
    | {"y", "zu"}
)
# A capitalised word at least this common in English text (zipf) is judged as a name would be.
NAME_ZIPF = 1.5


class _Plain(Enum):
    """What a token needs, by its text alone (:meth:`SpellingCheck._plain_kind`)."""

    NO = 0  # a full check where it stands, every time
    CHECK_THEN_FINE = 1  # a full check; if that finds nothing, it is fine wherever it stands
    HERE = 2  # nothing to find here (plain), yet not known fine everywhere
    ANYWHERE = 3  # nothing to find wherever it stands


# _plain_word verdicts by (language, typo list, house rejects, -ise/-ize choice): they depend on nothing else.
_PLAIN_MEMOS: dict[Hashable, tuple[dict[str, _Plain], set[str]]] = {}


def _vocab_words(entries: Iterable[str]) -> frozenset[str]:
    """Single words of vocabulary entries; multi-word entries ("Xi Jinping") contribute each word."""
    out: set[str] = set()
    for entry in entries:
        entry = normalise(entry.strip())
        if not entry:
            continue
        out.add(entry)
        if " " in entry:
            out.update(entry.split())
    return frozenset(out)


class SpellingCheck(Check):
    family = "spelling"
    rules = (
        RuleInfo(UNKNOWN, Category.SPELLING, Severity.ERROR, "A word that is not in the dictionary"),
        RuleInfo(
            VARIANT, Category.SPELLING, Severity.WARNING, "The other variety of English's spelling (color/colour)"
        ),
        RuleInfo(NAME, Category.SPELLING, Severity.ERROR, "A name spelt two ways in one story"),
        RuleInfo(REPEATED, Category.SPELLING, Severity.ERROR, "The same word twice in a row"),
        RuleInfo(REJECTED, Category.SPELLING, Severity.ERROR, "A word the house style rejects"),
    )

    # check_document reads only the document and options fixed at start: the engine may reuse it.
    cacheable_document_pass = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.language = normalise_language(ctx.language or ctx.style.language)
        self.accept = _vocab_words(ctx.style.accept)
        self.accept_folded = frozenset(w[4:].lower() for w in ctx.style.accept if w.startswith("(?i)"))
        self.reject = frozenset(normalise(w.strip()) for w in ctx.style.reject if w.strip() and " " not in w.strip())
        phrases = [w.strip() for w in ctx.style.reject if " " in w.strip()]
        self._reject_phrases = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)") if phrases else None
        )
        self.personal = frozenset(normalise(w) for w in ctx.personal_words)
        ize = ctx.options(VARIANT).get("ize")
        # en-GB accepts both -ise and -ize unless the house picks one; American spelling is -ize.
        self.prefer_ize: bool | None = bool(ize) if ize is not None else (True if self.language == "en-US" else None)
        # ``checks: {spelling: {typo-list: false}}`` turns off the house list of known misspellings.
        self.use_typos = bool(ctx.options("spelling").get("typo-list", True))
        self._judge: Judge | None = None
        # The story's capitalised-word counts, updated paragraph by paragraph as the draft changes.
        self._words = DocumentWords()
        self._synced: Document | None = None
        self._synced_text = ""
        self._starts: list[int] = []
        # Tokens already found fine wherever they stand: the fast path for most of a story.
        self._clean: set[str] = set()
        # _plain_word's verdicts, shared by every check with the same dictionary, rejects and -ise/-ize choice:
        # the other kinds, and the set of words fine wherever they stand (most of a story, skipped in C).
        memo_key = (self.language, self.use_typos, self.reject, self.prefer_ize)
        self._plain = _PLAIN_MEMOS.setdefault(memo_key, ({}, set()))
        # Per block text: the words the document pass needs, so it need not tokenise again.
        self._block_words: dict[tuple[str, tuple[tuple[int, int], ...]], BlockWords] = {}

    def fingerprint(self) -> Hashable:
        return (
            super().fingerprint(),
            self.language,
            frozenset(self.ctx.style.accept),
            frozenset(self.ctx.style.reject),
            self.personal,
            self.prefer_ize,
            self.use_typos,
        )

    @property
    def judge(self) -> Judge:
        if self._judge is None:
            self._judge = get_judge(self.language, use_typos=self.use_typos)
        return self._judge

    # Vocabularies -----------------------------------------------------------

    def _accepted(self, word: str) -> bool:
        if word in self.accept or word.lower() in self.accept_folded:
            return True
        if word in self.personal:
            return True
        # A personal entry in lower case also covers the word at the start of a sentence.
        return word[:1].isupper() and (word[:1].lower() + word[1:]) in self.personal

    def _rejected(self, word: str, sentence_start: bool) -> bool:
        if word in self.reject:
            return True
        return sentence_start and word[:1].isupper() and (word[:1].lower() + word[1:]) in self.reject

    # Block pass -------------------------------------------------------------

    def check_block(self, block: Block) -> Iterable[Finding]:
        text = block.text
        findings: list[Finding] = []
        skipped: list[str] = []
        simple = not block.skips and not maybe_non_word(text)
        cols = plain_columns(text) if simple else word_columns(text, block.skips, skipped)
        words = cols.words
        caps = capital_indices(words)
        positions = column_positions(cols, text, caps)
        self._remember(block, cols, positions, skipped, caps)
        # Token objects only for a block with a word to look at closely: about a third of them (measured: 1.8 ms
        # to make them for all 549 blocks of 47 stories).
        tokens: list[Token] | None = None
        clean = self._clean
        plain, fine = self._plain
        # Only words not yet found fine need a look: picked out in C, most of a story is skipped here.
        for i in compress(count(), map(not_, map(fine.__contains__, words))):
            raw = words[i]
            if raw in clean:
                continue
            kind = plain.get(raw)
            if kind is None:
                kind = self._plain_kind(raw)
                if kind is _Plain.ANYWHERE:
                    if len(fine) > 200_000:
                        fine.clear()
                    fine.add(raw)
                    continue
                if len(plain) > 200_000:
                    plain.clear()
                plain[raw] = kind
            if kind is _Plain.HERE:
                continue
            if tokens is None:
                tokens = cols.tokens()
            found = list(self._check_token(text, tokens, i, positions[i]))
            if found:
                findings.extend(found)
                continue
            if kind is _Plain.NO:
                continue
            if len(clean) > 200_000:
                clean.clear()
            clean.add(raw)
        if self._may_repeat(text, simple, words):
            findings.extend(self._repeats(block))
        if self._reject_phrases is not None:
            for m in self._reject_phrases.finditer(text):
                if not block.is_skipped(m.start(), m.end()):
                    findings.append(
                        self.finding(REJECTED, text, m.start(), m.end(), f"The house style rejects '{m.group()}'.")
                    )
        if self.language == "en-GB" and "program" in text and not _COMPUTING.search(text):
            for m in _PROGRAM.finditer(text):
                if not block.is_skipped(m.start(), m.end()) and not self._accepted(m.group()):
                    fix = "programmes" if m.group().endswith("s") else "programme"
                    findings.append(
                        self.finding(
                            VARIANT,
                            text,
                            m.start(),
                            m.end(),
                            f"British spelling is '{fix}' (keep '{m.group()}' only for computer programs).",
                            [fix],
                        )
                    )
        return findings

    def _fine_anywhere(self, raw: str) -> bool:
        """A token with no findings here has none anywhere: lower case never depends on position, and a
        dictionary word never does."""
        return raw.islower() or (raw[:1].isupper() and self.judge.is_known(normalise(raw)))

    def _plain_kind(self, raw: str) -> _Plain:
        if _DIGIT.search(raw) and "-" not in raw:
            return _Plain.ANYWHERE  # _check_token never looks at it, wherever it stands
        if not self._plain_word(raw):
            return _Plain.CHECK_THEN_FINE if self._fine_anywhere(raw) else _Plain.NO
        return _Plain.ANYWHERE if self._fine_anywhere(raw) else _Plain.HERE

    def _plain_word(self, raw: str) -> bool:
        """A dictionary word as the dictionary writes it (or capitalised), which no rule can object to.

        The fast path for most of a story: such a word is never a variant, a name slip or unknown, so
        only the house's reject list and its -ise/-ize choice could flag it, and those words take the
        full path.
        """
        if not raw.isalpha():
            return False
        form = self.judge.lex.forms.get(raw.lower())
        if form is None or (raw != form and raw != form[:1].upper() + form[1:]):
            return False
        if raw in self.reject or (raw[:1].lower() + raw[1:]) in self.reject:
            return False
        return self.prefer_ize is None or ("is" not in raw and "iz" not in raw)

    def _remember(
        self, block: Block, cols: Columns, positions: list[bool], skipped: list[str], caps: list[int]
    ) -> None:
        if len(self._block_words) > 50_000:
            self._block_words.clear()
        self._block_words[(block.text, block.skips)] = column_words(cols, skipped, positions, block.text, caps)

    def _beside_name(self, tokens: list[Token], i: int) -> bool:
        """Joined to a capitalised word that is no ordinary word: Mirga Gražinytė, Oluwaseun Adebayo."""
        known = self.judge.is_known
        if tokens[i].joined_prev and i > 0:
            prev = tokens[i - 1].text
            if prev[:1].isupper() and not known(normalise(prev).lower()):
                return True
        if i + 1 < len(tokens) and tokens[i + 1].joined_prev:
            nxt = tokens[i + 1].text
            if nxt[:1].isupper() and not known(normalise(nxt).lower()):
                return True
        return False

    def _check_token(self, text: str, tokens: list[Token], i: int, name_pos: bool) -> Iterator[Finding]:
        tok = tokens[i]
        raw = tok.text
        if _DIGIT.search(raw) and "-" not in raw:
            return
        word = normalise(raw)
        if "\n" in word:
            yield from self._check_broken(text, tok, word)
            return
        if "-" in word and not self._accepted(word) and not self._rejected(word, tok.sentence_start):
            if self.judge.is_known(word) and not any(ch.isdigit() for ch in word):
                return
            pos = 0
            for n, part in enumerate(word.split("-")):
                start = tok.start + pos
                pos += len(part) + 1
                if (n == 0 and part.lower() in _PREFIXES) or any(ch.isdigit() for ch in part):
                    continue
                part_name_pos = part[:1].isupper() and (n > 0 or name_pos)
                yield from self._check_word(text, start, part, tok.sentence_start and n == 0, part_name_pos)
            return
        lex = self.judge.lex
        if (
            not name_pos
            and word[:1].isupper()
            and lex.zipf(word) >= NAME_ZIPF
            # Capitals after the first letter (NHS, McAllister) are fine in either position: no need to ask.
            and not any(ch.isupper() for ch in word[1:])
            # A word the house dictionary has is fine wherever it stands, so the other variety's dictionary
            # (loaded only when first asked) need not be consulted for it.
            and not lex.known(word)
            and not lex.known_other(word.lower())  # "Color returns…" is a variant, not a name
        ):
            # A capitalised word English text knows (a name, mostly) starting a sentence: only a clear slip counts.
            name_pos = True
        elif word in _PARTICLES and self._between_capitals(tokens, i):
            return  # Gare du Nord, Ludwig van Beethoven
        yield from self._check_word(text, tok.start, word, tok.sentence_start, name_pos, (tokens, i))

    @staticmethod
    def _between_capitals(tokens: list[Token], i: int) -> bool:
        return (
            0 < i < len(tokens) - 1
            and tokens[i].joined_prev
            and tokens[i + 1].joined_prev
            and tokens[i - 1].text[:1].isupper()
            and tokens[i + 1].text[:1].isupper()
        )

    def _check_word(
        self,
        text: str,
        start: int,
        word: str,
        sentence_start: bool,
        name_pos: bool,
        context: tuple[list[Token], int] | None = None,
    ) -> Iterator[Finding]:
        end = start + len(word)
        if self._accepted(word):
            return
        if self._rejected(word, sentence_start):
            yield self.finding(
                REJECTED, text, start, end, f"The house style rejects '{word}'.", self._reject_fixes(word)
            )
            return
        if name_pos:
            verdict = self.judge.name_verdict(word)
            if (
                verdict.kind is not Kind.OK
                and not verdict.strong
                and context is not None
                and (not sentence_start or self.judge.lex.zipf(word) > 0.0)
                and self._beside_name(*context)
            ):
                # A run of names (Javier Milei, Mirga Gražinytė-Tyla); a sentence may still open with a slip
                # before a name ("Propertions Greek …") if English text has never seen the word.
                return
        else:
            verdict = self.judge.judge(word)
        if verdict.kind is Kind.UNKNOWN:
            yield self.finding(
                UNKNOWN, text, start, end, f"Possible spelling mistake: '{text[start:end]}'", verdict.suggestions
            )
        elif verdict.kind is Kind.VARIANT:
            fix = verdict.suggestions[0]
            yield self.finding(VARIANT, text, start, end, f"{self._variety()} spelling is '{fix}'.", [fix])
        elif self.prefer_ize is not None and ("is" in word or "iz" in word):
            lex = self.judge.lex
            alt = ize_alternative(word.lower(), self.prefer_ize, lex.known, lex.known_other)
            if alt is not None and not self._accepted(word):
                fix = match_case(word, alt)
                yield self.finding(
                    VARIANT,
                    text,
                    start,
                    end,
                    f"House style spells it with -{'ize' if self.prefer_ize else 'ise'}: '{fix}'.",
                    [fix],
                )

    def _variety(self) -> str:
        return "British" if self.language == "en-GB" else "American"

    def _reject_fixes(self, word: str) -> tuple[str, ...]:
        from proofdesk.core.spelling.suggest import candidates

        lex = self.judge.lex
        out = []
        for c in candidates(lex, word.lower()):
            if c.word.lower() != word.lower() and c.word not in self.reject and c.cost <= 1.0:
                out.append(match_case(word, c.word))
        return tuple(out[:3])

    def _check_broken(self, text: str, tok: Token, word: str) -> Iterator[Finding]:
        """A word broken over a line with a hyphen: fine if it reads as one word or as a real compound."""
        joined = word.replace("-\n", "")
        judge = self.judge
        if self._accepted(joined) or judge.is_known(joined):
            return
        parts = word.replace("-\n", "-").split("-")
        if all(self._accepted(p) or judge.is_known(p) or p.lower() in _PREFIXES for p in parts):
            return
        verdict = judge.judge(joined)
        if verdict.kind is not Kind.OK:
            yield self.finding(
                UNKNOWN, text, tok.start, tok.end, f"Possible spelling mistake: '{joined}'", verdict.suggestions
            )

    @staticmethod
    def _may_repeat(text: str, simple: bool, words: Sequence[str]) -> bool:
        """False only where :data:`_REPEAT` surely finds nothing (measured over 47 stories: 2.6 ms -> 1.0 ms).

        Where the tokens are the plain kind (``simple``: nothing to skip; no soft or line-break hyphens), each
        repeat the pattern can find is two neighbouring tokens that are equal ignoring case. The
        regex folds case letter by letter, which str.lower matches for ASCII; a word with other
        letters is compared by length only.
        """
        if not simple or SOFT_HYPHEN in text or "-\n" in text:
            return True
        lengths = list(map(len, words))
        for i in compress(count(), map(eq, lengths, islice(lengths, 1, None))):
            a, b = words[i], words[i + 1]
            if a.lower() == b.lower() or not (a.isascii() and b.isascii()):
                return True
        return False
        last = len(words) - 1
        for i in compress(count(), map(not_, map(str.isascii, words))):
            n = len(words[i])
            if (i > 0 and len(words[i - 1]) == n) or (i < last and len(words[i + 1]) == n):
                return True
        return False

    def _repeats(self, block: Block) -> Iterator[Finding]:
        text = block.text
        for m in _REPEAT.finditer(text):
            first, second = m.group(1), m.group(3)
            if first.lower() in _GOOD_REPEATS or block.is_skipped(m.start(), m.end()):
                continue
            if first[:1].isupper() and second[:1].isupper() and not self.judge.lex.known(first.lower()):
                continue  # Bora Bora, Duran Duran — but "The The" is a slip
            yield self.finding(REPEATED, text, m.start(), m.end(), f"'{second}' is repeated.", [first])

    # Document pass ----------------------------------------------------------

    def _words_of(self, block: Block) -> BlockWords:
        bw = self._block_words.get((block.text, block.skips))
        if bw is None:
            skipped: list[str] = []
            bw = block_words(iter_words(block.text, block.skips, skipped), skipped, text=block.text)
        return bw

    def _sync(self, doc: Document) -> DocumentWords:
        """The story's word counts, brought up to date with ``doc`` paragraph by paragraph."""
        if self._synced is not doc or self._synced_text != doc.text:
            blocks = doc.blocks
            self._words.update([(b.text, b.skips) for b in blocks], lambda i: self._words_of(blocks[i]))
            self._synced, self._synced_text = doc, doc.text
            self._starts = [b.start for b in blocks]
        return self._words

    def _slip(self, word: str) -> tuple[str, bool] | None:
        judge = self.judge
        return self._words.slip(word, judge.is_known, self._accepted, judge.lex.zipf)

    def _is_slip(self, doc: Document, f: Finding) -> bool:
        """Whether a capitalised word the document pass reports as a slip overlaps ``f``."""
        blocks = doc.blocks
        words = self._words
        j = bisect_left(self._starts, f.end) - 1
        while j >= 0 and blocks[j].end > f.start:
            block = blocks[j]
            bw = words.block((block.text, block.skips)) or self._words_of(block)
            for word, start, _name_pos in bw.words:
                s = block.start + start
                if s < f.end and f.start < s + len(word) and self._slip(word) is not None:
                    return True
            j -= 1
        return False

    def _slips(self, doc: Document) -> list[Finding]:
        words = self._sync(doc)
        judge = self.judge

        def blocks() -> Iterator[tuple[int, BlockWords]]:
            for b in doc.blocks:
                yield b.start, words.block((b.text, b.skips)) or self._words_of(b)

        findings: list[Finding] = []
        for s in find_slips(words, blocks, judge.is_known, self._accepted, judge.lex.zipf):
            if s.majority_is_word:
                findings.append(
                    self.finding(
                        UNKNOWN,
                        doc.text,
                        s.start,
                        s.end,
                        f"Possible spelling mistake: '{s.text}' (the story has '{s.majority}' {s.majority_count} "
                        f"time{'s' if s.majority_count != 1 else ''})",
                        [s.majority],
                    )
                )
            else:
                findings.append(
                    self.finding(
                        NAME,
                        doc.text,
                        s.start,
                        s.end,
                        f"'{s.text}' appears {s.count} time{'s' if s.count != 1 else ''}, '{s.majority}' "
                        f"{s.majority_count} times: is this name spelt consistently?",
                        [s.majority],
                    )
                )
        return findings

    def review(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        if not any(f.rule == UNKNOWN for f in findings):
            return findings  # only unknown words are judged again with the whole story in view
        words: DocumentWords | None = None
        kept: list[Finding] = []
        whole: list[tuple[int, int]] = []
        for f in findings:
            if f.rule == UNKNOWN:
                # Only a word with a capital can be a name, or a slip of one, in the document pass.
                if not f.text.islower():
                    if words is None:
                        words = self._sync(doc)
                    if self._is_slip(doc, f):
                        continue  # the document pass reports it with the story's own spelling as the fix
                if self._joins_across_lines(doc.text, f):
                    continue
                merged = self._merge_across_lines(doc.text, f)
                if merged is not None:
                    f = merged
                word = strip_possessive(normalise(f.text))
                if word[:1].isupper():
                    verdict = self.judge.judge(normalise(f.text))
                    if not verdict.strong:
                        if words is None:
                            words = self._sync(doc)
                        # The story uses it again, or where only a name would be capitalised: a name, not a slip.
                        if words.counts[word] >= 2 or (words.name_evidence[word] >= 1 and not verdict.unseen_slip):
                            continue
                        if words.in_handles(word):
                            continue
            if f.rule == UNKNOWN and any(s <= f.start and f.end <= e for s, e in whole):
                continue  # the second half of a word already reported whole
            if f.rule == UNKNOWN and "\n" in f.text:
                whole.append((f.start, f.end))
            kept.append(f)
        return kept

    def _joins_across_lines(self, text: str, f: Finding) -> bool:
        """Half of a word hyphenated across two lines (and so two blocks): "encour-⏎aged"."""
        if text[f.end : f.end + 2] == "-\n":
            m = _WORD_START.match(text, f.end + 2)
            if m is not None:
                return self.judge.is_known(normalise(f.text) + m.group())
        if text[max(0, f.start - 2) : f.start] == "-\n":
            m = _WORD_END.search(text, 0, f.start - 2)
            if m is not None:
                return self.judge.is_known(m.group() + normalise(f.text))
        return False

    def _merge_across_lines(self, text: str, f: Finding) -> Finding | None:
        """One finding over both halves of a misspelt word hyphenated across two lines, fixed whole."""
        if text[f.end : f.end + 2] != "-\n":
            return None
        m = _WORD_START.match(text, f.end + 2)
        if m is None:
            return None
        joined = normalise(f.text) + m.group()
        verdict = self.judge.judge(joined)
        return self.finding(
            UNKNOWN, text, f.start, m.end(), f"Possible spelling mistake: '{joined}'", verdict.suggestions
        )

    def check_document(self, doc: Document) -> Iterable[Finding]:
        return self._slips(doc)


CHECKS = [SpellingCheck]
