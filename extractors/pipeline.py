"""The extraction pipeline: small components run in order over one ``Doc``.

normalise/tokenise → Farasa segmentation → sentences → times → entities →
triggers → event templates → in-article merge → JSON.
"""
from __future__ import annotations

import datetime as dt

from . import __version__
from .doc import (FUTURE_MARKER, IMPERFECT_PREFIXES, PROCLITICS, PRONOUN_SUFFIXES, UNSEEN_WORD_LOGPROB, Doc,
                  hamza_spellings, original_length, split_sentences, tokenize)
from .cache import WordCache
from .normalize import PERSIAN_KAF, PERSIAN_YEH, normalize_word, written_form
from .segmenter import load_engine
from .wordclasses import WordClasses


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




# how much likelier (in Farasa's log-probabilities) a hamza spelling must be than the word as
# written for Farasa to be given it instead
HAMZA_SPELLING_MARGIN = 1.0


def farasa_form(word: str, word_counts=None, unmarked: bool = False) -> str:
    """A word as Farasa is given it: without diacritics, in Arabic letters, and the final ى
    of a word with the article written ي. Egyptian spelling writes every final ي as ى
    (الإيطالى، الذى), whose article Farasa leaves on or splits wrongly; where ى is right
    (التقى، المستوى) the ي form splits the same. A word written without its initial hamza
    (الانباء، الامين، اسمرا) is given with it when Farasa's counts know that spelling much
    better: Farasa left the article on الانباء and split الامين as ال+ام+ين. ``unmarked``: the
    word is known to carry no diacritics (its normalised form is as long)."""
    # (a word without marks is its written form but for a Persian letter: most new words)
    if not unmarked or PERSIAN_KAF in word or PERSIAN_YEH in word:
        word = written_form(word)
    if word.endswith("\u0649") and "\u0627\u0644" in word[:4]:
        word = word[:-1] + "\u064a"
    # only a word with a hamza spelling may change: its counts are not looked up otherwise
    # (a look-up in Farasa's 600,000 words, cold in the memory caches, for most new words)
    spellings = hamza_spellings(word) if word_counts and "\u0627" in word[:5] else None
    if not spellings:
        return word
    written = word_counts.get(word, UNSEEN_WORD_LOGPROB)
    # after the article, or where Farasa never saw the word as written (اسمرا): a name it knows
    # without hamza (احمد) keeps the analysis its tagger features were learned on
    article = word.find("\u0627\u0644", 0, 4)
    after_article = 0 <= article and word[article + 2:article + 3] == "\u0627"
    if after_article or written <= UNSEEN_WORD_LOGPROB:
        best = max(spellings, key=lambda w: word_counts.get(w, UNSEEN_WORD_LOGPROB))
        if word_counts.get(best, UNSEEN_WORD_LOGPROB) > written + HAMZA_SPELLING_MARGIN:
            return best
    return word


class Segment:
    """Tokenise a text and attach Farasa segments to its Arabic tokens, with their clitics
    measured in original characters."""

    def __init__(self, engine, protected=frozenset(), word_classes=None):
        self.engine = engine
        # Words Farasa might wrongly split (names, places beginning with و/ب/ف/ل/ك).
        self.protected = protected
        # the classes the rules' scans look for (``wordclasses.WordClasses``); without it, none
        self.word_classes = word_classes
        # The analysis of a written word never changes: each is done once (bounded), and kept
        # as the token's fields (``fields_of``).
        self.analyses = WordCache()
        self.word_counts = getattr(engine, "word_counts", None)

    def __call__(self, doc: Doc) -> Doc:
        doc.tokens = tokenize(doc.text, self.fields_of)
        return doc

    def fields_of(self, words: list[str]):
        """The analysis of each word, as ``tokenize`` takes it: a tuple of norm, segments,
        clitic_len, suffix_len, has_article, bare, stem, is_arabic, classes."""
        found = list(map(self.analyses.get, words))
        if None in found:
            new = dict.fromkeys(word for word, fields in zip(words, found) if fields is None)
            arabic = {}
            for word in new:
                norm = normalize_word(word)   # (a new word: the analyses remember it)
                if "\u0621" <= word[0] <= "\u06ff":
                    arabic[word] = norm
                else:
                    new[word] = self.analyses.put(word, self._with_classes(word, (norm, (), 0, 0, False, norm, norm, False)))
            if arabic:
                # Farasa's model knows real orthography (ة، أ): give it the word minus diacritics, each
                # new word once
                forms = [farasa_form(w, self.word_counts, len(w) == len(norm)) for w, norm in arabic.items()]
                for (word, norm), form, parts in zip(arabic.items(), forms, self.engine.segment_words(forms)):
                    new[word] = self.analyses.put(word, self._analyse(word, norm, form, tuple(parts)))
            found = [new[word] if fields is None else fields for word, fields in zip(words, found)]
        return found

    def _with_classes(self, word: str, fields: tuple) -> tuple:
        """A word's fields and, last, its classes (those of a token of the word as analysed)."""
        if self.word_classes is None:
            return (*fields, 0)
        norm, segments, clitic_len, suffix_len, has_article, bare, stem, arabic = fields
        return (*fields, self.word_classes.of_word(word, norm, bare, stem, arabic, has_article, clitic_len, suffix_len))

    def _analyse(self, text: str, norm: str, form: str, parts: tuple) -> tuple:
        """The fields of an Arabic written word, as ``fields_of`` gives them (``norm``:
        normalised, ``form``: as Farasa was given it, ``parts``: its segments)."""
        if norm in self.protected:
            return self._with_classes(text, (norm, parts, 0, 0, False, norm, norm, True))
        k = first = 0
        while k < len(parts) - 1 and parts[k] in PROCLITICS:
            if parts[k] == FUTURE_MARKER and not parts[k + 1].startswith(IMPERFECT_PREFIXES):
                break  # سراج، سعد: a name's first letter, not the future marker
            first += len(parts[k])
            k += 1
        end, last = len(parts), len(norm)
        # a word as long as its normalised form has no marks: its letters are its characters
        unmarked = len(text) == last
        suffix_len = 0
        if end - k > 1 and parts[-1] in PRONOUN_SUFFIXES:
            end -= 1
            suffix = len(parts[-1])
            last -= suffix
            suffix_len = suffix if unmarked and suffix <= len(text) else original_length(text[::-1], suffix)
        if len(form) == len(norm) and "".join(parts) == form:
            # the segments spell the word, and normalising a word changes letters one for one:
            # its bare form is that part of the word's normalised form
            bare = norm[first:last]
        else:   # (Farasa wrote a letter of the word otherwise: للأمن → ل + ال + أمن)
            bare = normalize_word("".join(parts[k:end]))
        has_article = end - k > 1 and parts[k] == "ال"
        stem = bare[2:] if has_article else bare
        clitic_len = k if unmarked and k <= len(text) else original_length(text, k)
        classes = self.word_classes.of_word(text, norm, bare, stem, True, has_article, clitic_len, suffix_len) \
            if self.word_classes is not None else 0
        return norm, parts, clitic_len, suffix_len, has_article, bare, stem, True, classes


def _committed_entity_tagger(lexicons):
    from .tagger import MODEL_PATH, EntityTagger

    return EntityTagger.load(lexicons=lexicons) if MODEL_PATH.exists() else None


class Pipeline:
    """Loads the segmenter and lexicons once; ``extract()`` is safe to call from many threads."""

    def __init__(self, engine=None, lexicons=None, participant_model="committed", collect=False,
                 disabled=frozenset(), merge_model="committed", agenda_model="committed",
                 entity_tagger="committed"):
        """``participant_model``: a ``participants.LinearModel``, ``None`` (rules only) or "committed" (the
        model file shipped in ``extractors/models``); ``collect`` records candidate participants
        for training; ``disabled`` names rule families and models to switch off (ablations)."""
        from .lexicon import load_lexicons
        from .agenda import AgendaTagger
        from .participants import MERGE_MODEL_PATH, MODEL_PATH, LinearModel

        self.engine = engine or load_engine()
        self.lexicons = lexicons or load_lexicons()
        self.participant_model = LinearModel.load(MODEL_PATH) if participant_model == "committed" else participant_model
        self.merge_model = LinearModel.load(MERGE_MODEL_PATH) if merge_model == "committed" else merge_model
        self.agenda_model = AgendaTagger.load() if agenda_model == "committed" else agenda_model
        self.entity_tagger = _committed_entity_tagger(self.lexicons) if entity_tagger == "committed" else entity_tagger
        self.collect = collect
        self.disabled = frozenset(disabled)
        self.word_classes = WordClasses(self.lexicons)
        self.segment = Segment(self.engine, self.lexicons.protected_words, self.word_classes)
        self._stages = self._build_stages()

    def _build_stages(self):
        from .entities import EntityRecognizer
        from .events import EventBuilder
        from .temporal import TimeTagger

        return [
            TimeTagger(),
            EntityRecognizer(self.lexicons, self.engine, disabled=self.disabled, tagger=self.entity_tagger,
                             word_classes=self.word_classes),
            EventBuilder(self.lexicons, self.participant_model, collect=self.collect, disabled=self.disabled,
                         merge_model=self.merge_model, agenda_model=self.agenda_model, word_classes=self.word_classes),
        ]

    def make_doc(self, text: str, title=None, published_at=None, url=None) -> Doc:
        doc = Doc(text, title, parse_published_at(published_at), url)
        self.segment(doc)
        doc.sentences = split_sentences(text, doc.tokens)
        doc.engine_info = self.engine.info
        return doc

    def __call__(self, text: str, title=None, published_at=None, url=None) -> Doc:
        doc = self.make_doc(text, title, published_at, url)
        for stage in self._stages:
            stage(doc)
        return doc

    @staticmethod
    def events_of(doc: Doc) -> list:
        """The typed events (``extractors.model.Event``) of a processed ``Doc``."""
        return [draft.to_event() for draft in doc.events]

    def events(self, text: str, title=None, published_at=None, url=None) -> list:
        """Events of one article as typed ``extractors.model.Event`` objects."""
        return self.events_of(self(text, title, published_at, url))

    def extract(self, text: str, title=None, published_at=None, url=None) -> dict:
        """Events of one article as JSON-ready data (see ``README.md`` for the shape)."""
        doc = self(text, title, published_at, url)
        return {
            "events": [event.as_dict() for event in self.events_of(doc)],
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
