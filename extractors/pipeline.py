"""The extraction pipeline: small components run in order over one ``Doc``.

normalise/tokenise → Farasa segmentation → sentences → times → entities →
triggers → event templates → in-article merge → JSON.
"""
from __future__ import annotations

import datetime as dt
import threading

from . import __version__
from .doc import Doc, PROCLITICS, PRONOUN_SUFFIXES, split_sentences, tokenize
from .normalize import normalize_word, strip_diacritics
from .segmenter import load_engine


def parse_published_at(value) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` or an ISO datetime (or a date object); None if absent."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"published_at is not a date: {value!r}") from exc


class Segment:
    """Attach Farasa segments to Arabic tokens and measure clitics in original characters."""

    def __init__(self, engine, protected=frozenset()):
        self.engine = engine
        # Words Farasa might wrongly split (names, places beginning with و/ب/ف/ل/ك).
        self.protected = protected

    def __call__(self, doc: Doc) -> Doc:
        arabic = [t for t in doc.tokens if t.is_arabic]
        # Farasa's model knows real orthography (ة، أ، ى): give it the word minus diacritics only.
        words = [strip_diacritics(t.text) for t in arabic]
        for tok, parts in zip(arabic, self.engine.segment_words(words)):
            tok.segments = tuple(parts)
            if tok.norm not in self.protected:
                self._measure(tok, parts)
        return doc

    @staticmethod
    def _measure(tok, parts) -> None:
        k = 0
        while k < len(parts) - 1 and parts[k] in PROCLITICS:
            k += 1
        end = len(parts)
        if end - k > 1 and parts[-1] in PRONOUN_SUFFIXES:
            end -= 1
            tok.suffix_len = _original_length(tok.text[::-1], len(parts[-1]))
        tok.clitic_len = _original_length(tok.text, k)
        tok.bare = normalize_word("".join(parts[k:end]))
        tok.has_article = end - k > 1 and parts[k] == "ال"
        tok.stem = tok.bare[2:] if tok.has_article else tok.bare


def _original_length(text: str, letters: int) -> int:
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


class Pipeline:
    """Loads the segmenter and lexicons once; ``extract()`` is safe to call from many threads."""

    def __init__(self, engine=None, lexicons=None):
        from .lexicon import load_lexicons

        self.engine = engine or load_engine()
        self.lexicons = lexicons or load_lexicons()
        self.segment = Segment(self.engine, self.lexicons.protected_words)
        self._stages = self._build_stages()
        self._lock = threading.Lock()

    def _build_stages(self):
        from .entities import EntityRecognizer
        from .events import EventBuilder
        from .temporal import TimeTagger

        return [
            TimeTagger(),
            EntityRecognizer(self.lexicons, self.engine),
            EventBuilder(self.lexicons),
        ]

    def make_doc(self, text: str, title=None, published_at=None, url=None) -> Doc:
        doc = Doc(text, title, parse_published_at(published_at), url)
        doc.tokens = tokenize(text)
        self.segment(doc)
        doc.sentences = split_sentences(text, doc.tokens)
        doc.engine_info = self.engine.info
        return doc

    def __call__(self, text: str, title=None, published_at=None, url=None) -> Doc:
        doc = self.make_doc(text, title, published_at, url)
        for stage in self._stages:
            stage(doc)
        return doc

    def extract(self, text: str, title=None, published_at=None, url=None) -> dict:
        """Events of one article as JSON-ready data (see ``README.md`` for the shape)."""
        doc = self(text, title, published_at, url)
        return {
            "events": [event.as_dict() for event in doc.events],
            "document": {
                "title": title,
                "url": url,
                "published_at": doc.published_at.isoformat() if doc.published_at else None,
                "characters": len(text),
                "tokens": len(doc.tokens),
                "sentences": len(doc.sentences),
            },
            "engine": {**self.engine.info, "extractor_version": __version__},
        }
