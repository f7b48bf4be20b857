"""The document model: one ``Doc`` of offset-preserving tokens, sentences and spans.

Every span carries character offsets into the original text, so
``doc.text[span.start:span.end] == span.text`` holds for anything the pipeline emits.
"""
from __future__ import annotations

import bisect
import re
from itertools import count, repeat
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Iterator

from .cache import WordCache
from .normalize import normalize_word

# Arabic letters with their diacritics and tatweel; Latin words; numbers; any other visible char
# (bidi marks and zero-width characters a CMS leaves between words are not tokens).
TOKEN_RE = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\u0610-\u061a\u064b-\u065f\u0670\u0640]+"
    r"|[A-Za-z][A-Za-z'\-]*"
    r"|[0-9\u0660-\u0669]+(?:[.,/:\-][0-9\u0660-\u0669]+)*"
    r"|[^\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
SENTENCE_END = {".", "!", "?", "؟", "…"}
# Proclitics Farasa splits off that never belong to a name (ال is kept: it is part of names).
UNSEEN_WORD_LOGPROB = -99.0   # the log-probability of a word Farasa's counts never saw
PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س"}
FUTURE_MARKER = "س"
# The future marker only comes before an imperfect verb, which starts with one of these.
IMPERFECT_PREFIXES = ("ا", "أ", "ن", "ي", "ت")
PRONOUN_SUFFIXES = {"ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "نا"}


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    i: int = 0
    norm: str = ""
    segments: tuple[str, ...] = ()
    clitic_len: int = 0      # original characters of و/ف/ب/ل/ك/س before the word
    suffix_len: int = 0      # original characters of an attached pronoun after it
    has_article: bool = False
    sentence: int = 0
    bare: str = ""           # normalised word without proclitics or pronoun suffix (ال kept)
    stem: str = ""           # ``bare`` without the article
    is_arabic: bool = False
    classes: int = 0         # the word classes the rules' scans look for (``wordclasses``), as bits

    @property
    def core_start(self) -> int:
        return self.start + self.clitic_len

    @property
    def core_end(self) -> int:
        return self.end - self.suffix_len

    @property
    def article_elided(self) -> bool:
        """للقاهرة: after the preposition ل the article loses its alif (ل + القاهرة)."""
        core = self.text[self.clitic_len:]
        return self.has_article and self.clitic_len > 0 and core[:1] == "ل" and core[:2] != "ال"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    label: str = ""
    attrs: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    first: int   # index of the first token
    last: int    # one past the last token


class Doc:
    def __init__(self, text: str, title: str | None = None, published_at=None, url: str | None = None):
        self.text = text
        self.title = title
        self.published_at = published_at
        self.url = url
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.entities: list[Span] = []
        self.times: list = []
        self.events: list = []
        self.engine_info: dict = {}
        # values the stages derive from the document once and read many times (by name)
        self.derived: dict = {}

    def derive(self, name, make):
        """The value ``make()`` gives, worked out once per document and kept in ``derived``."""
        value = self.derived.get(name)
        if value is None:
            value = self.derived[name] = make()
        return value

    def with_class(self, bit: int) -> list[int]:
        """The positions of the tokens of a word class (a bit of ``Token.classes``), in order:
        one pass over the tokens serves every class the rules' scans start from (most tokens
        are in none). The list is shared: read it, do not change it."""
        by_class = self.derived.get(_BY_CLASS)
        if by_class is None:
            by_class = self.derived[_BY_CLASS] = _positions_by_class(self.tokens)
        return by_class.get(bit, _NO_POSITIONS)

    def reclassify(self, tok: Token, word_classes) -> None:
        """A token the rules cut again: its classes are found again (``word_classes.of``), and
        the positions of the classes it left or joined with them."""
        classes = word_classes.of(tok)
        if classes == tok.classes:
            return
        by_class = self.derived.get(_BY_CLASS)
        changed, tok.classes = classes ^ tok.classes, classes
        while by_class is not None and changed:
            bit = changed & -changed
            # a new list (a scan may be reading the one it replaces)
            positions = [k for k in by_class.get(bit, _NO_POSITIONS) if k != tok.i]
            if classes & bit:
                bisect.insort(positions, tok.i)
            if positions:
                by_class[bit] = positions
            else:
                by_class.pop(bit, None)
            changed ^= bit

    def positions_in(self, positions: list[int], first: int, last: int) -> list[int]:
        """Those of the sorted token ``positions`` in [first, last)."""
        return positions[bisect.bisect_left(positions, first):bisect.bisect_left(positions, last)]

    def span(self, start: int, end: int, label: str = "", **attrs) -> Span:
        return Span(start, end, self.text[start:end], label, attrs)

    def token_span(self, first: int, last: int, label: str = "", **attrs) -> Span:
        """Span over tokens[first:last], clitics of the first and suffix of the last trimmed."""
        start = self.tokens[first].core_start
        end = self.tokens[last - 1].core_end
        return self.span(start, end, label, **attrs)

    def written_name(self, first: int, last: int) -> str:
        """The text of tokens[first:last] as a name is written alone: للقاهرة names القاهرة."""
        text = self.token_span(first, last).text
        return "ا" + text if self.tokens[first].article_elided else text

    def sentence_tokens(self, s: Sentence) -> list[Token]:
        return self.tokens[s.first: s.last]

    def sentence_of(self, offset: int) -> int:
        for k, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return k
        return len(self.sentences) - 1

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)


_BY_CLASS = "positions by class"
_NO_POSITIONS = ()


def _positions_by_class(tokens: list[Token]) -> dict[int, list[int]]:
    """Each class bit → the positions of the tokens that have it."""
    by_class: dict[int, list[int]] = {}
    for k, classes in [(k, t.classes) for k, t in enumerate(tokens) if t.classes]:
        while classes:
            bit = classes & -classes    # the lowest bit set
            by_class.setdefault(bit, []).append(k)
            classes ^= bit
    return by_class


_NORMALIZED = WordCache()
_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


def tokenize(text: str, fields_of=None) -> list[Token]:
    """The tokens of ``text``. ``fields_of``: a function from the words (as written) to their
    analysis, as ``pipeline.Segment.fields_of`` gives it (per word, a tuple of norm, segments,
    clitic_len, suffix_len, has_article, bare, stem, is_arabic, classes); without it, a token
    carries its normalised form only."""
    matches = list(TOKEN_RE.finditer(text))
    words = list(map(_GROUP, matches))
    if fields_of is not None:
        # a token per word, its analysis given at once (not written over the defaults later)
        return list(map(_analysed_token, words, matches, count(), fields_of(words)))
    keys = list(map(_NORMALIZED.get, words))
    if None in keys:
        for k, (word, key) in enumerate(zip(words, keys)):
            if key is None:
                keys[k] = normalized(word)
    arabic = ["\u0621" <= word[0] <= "\u06ff" for word in words]
    # a token per word of every article: made by map, with positional arguments (keywords cost a third more)
    return list(map(Token, words, map(_START, matches), map(_END, matches), count(), keys, repeat(()), repeat(0),
                    repeat(0), repeat(False), repeat(0), keys, keys, arabic))


_new_object = object.__new__


def _analysed_token(word: str, match: re.Match, i: int, fields: tuple) -> Token:
    """The token of a word with its analysis (``tokenize``), its fields set from the tuple at
    once: a quarter faster than ``Token``'s own constructor given the analysis as columns."""
    tok = _new_object(Token)
    tok.text, tok.start, tok.end, tok.i, tok.sentence = word, match.start(), match.end(), i, 0
    tok.norm, tok.segments, tok.clitic_len, tok.suffix_len, tok.has_article, tok.bare, tok.stem, tok.is_arabic, \
        tok.classes = fields
    return tok


def other_spellings(word: str) -> list[str]:
    """The standard spellings a word may stand for: ى at the end for ي (Egyptian), and a bare
    alif that starts the word (after proclitics and the article) for أ or إ."""
    spellings = [word[:-1] + "\u064a"] if word.endswith("\u0649") else []
    return spellings + hamza_spellings(word)


def hamza_spellings(word: str) -> list[str]:
    """The word with أ or إ for a bare alif that starts it (after proclitics and the article):
    outlets that drop the hamza write الاخبار for الأخبار."""
    k = 0
    while k < 2 and k < len(word) - 1 and word[k] in PROCLITICS:
        k += 1
    if word.startswith("\u0627\u0644", k) and len(word) > k + 3:
        k += 2
    if word[k:k + 1] != "\u0627":
        return []
    return [word[:k] + hamza + word[k + 1:] for hamza in ("\u0623", "\u0625")]


def normalized(word: str) -> str:
    """``normalize_word(word)``, remembered (the words of the next articles are mostly the same)."""
    return _NORMALIZED.get(word) or _NORMALIZED.put(word, normalize_word(word))


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Sentences end at sentence punctuation and at a paragraph break (even without punctuation)."""
    if not tokens:
        return []
    # "د. مريم": a period after a one-letter abbreviation (د. for دكتور، م. for مهندس) ends nothing
    ends = {k for k, tok in enumerate(tokens)
            if tok.text in SENTENCE_END and not (tok.text == "." and k and _abbreviation(tokens[k - 1]))}
    if "\n" in text:
        starts = [tok.start for tok in tokens]
        for line_break in re.finditer("\n", text):
            before = bisect.bisect_right(starts, line_break.start()) - 1   # the token before the break
            if before >= 0:
                ends.add(before)
    ends.add(len(tokens) - 1)
    sentences, first = [], 0
    for k in sorted(ends):
        number = len(sentences)
        for tok in tokens[first:k + 1]:
            tok.sentence = number
        sentences.append(Sentence(tokens[first].start, tokens[k].end, first, k + 1))
        first = k + 1
    return sentences


def headline_line(doc: "Doc", s: Sentence) -> bool:
    """Sentence ``s`` is a line of its own that no sentence punctuation ends (a headline, a link's title)."""
    toks, text = doc.tokens, doc.text
    starts_line = s.first == 0 or "\n" in text[toks[s.first - 1].end:toks[s.first].start]
    ends_line = s.last >= len(toks) or "\n" in text[toks[s.last - 1].end:toks[s.last].start]
    return starts_line and ends_line and toks[s.last - 1].text not in SENTENCE_END


def _abbreviation(tok: Token) -> bool:
    return tok.is_arabic and len(tok.text) == 1


def covered_tokens(doc: Doc, spans) -> set[int]:
    """Indices of the tokens that overlap any of ``spans`` (sorted or not)."""
    covered = set()
    if not spans:
        return covered
    toks = doc.tokens
    for span in spans:
        # tokens are in text order: the first one ending after the span's start, by bisection
        j = bisect.bisect_right(toks, span.start, key=_token_end)
        while j < len(toks) and toks[j].start < span.end:
            covered.add(j)
            j += 1
    return covered


_token_end = attrgetter("end")   # (a key bisection calls in C, not a Python function)


def original_length(text: str, letters: int) -> int:
    """How many characters of ``text`` hold its first ``letters`` base letters (diacritics ride along)."""
    if letters <= 0:
        return 0
    seen = 0
    for k, ch in enumerate(text):
        if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"):
            seen += 1
            if seen == letters:
                # include diacritics that follow the last counted letter
                j = k + 1
                while j < len(text) and ("\u064b" <= text[j] <= "\u065f" or text[j] in "\u0670\u0640"):
                    j += 1
                return j
    return len(text)


def _committed_entity_tagger(lexicons):
    from .tagger import MODEL_PATH, EntityTagger

    return EntityTagger.load(lexicons=lexicons) if MODEL_PATH.exists() else None
