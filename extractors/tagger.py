"""A CRF entity tagger (PER / ORG / LOC) over the pipeline's Farasa-segmented tokens.

``EntityTagger.load()`` reads the committed model (``extractors/models/entities.crfsuite``,
built by ``make model``); ``tagger.tag(doc)`` returns ``(first, last, label)`` token spans
(``doc.tokens[first:last]``) per sentence of a ``Doc`` made by ``Pipeline.make_doc``.

Features are the word's own (normalised form, Farasa prefix/stem/suffix, shape, affixes,
lexicon and gazetteer membership), computed once per written word and cached, plus those
of its neighbours and the gazetteer phrase (B/I) it falls in.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

from .cache import WordCache
from .doc import PROCLITICS, PRONOUN_SUFFIXES, Doc, Token
from .gazetteers import COUNTRY, CITY, ORG, PERSON, PLACE, Gazetteers, load_gazetteers
from .lexicon import Lexicons, load_lexicons

MODEL_PATH = Path(__file__).parent / "models" / "entities.crfsuite"
LABELS = ("PER", "ORG", "LOC")
_GAZ_TAG = {COUNTRY: "cty", CITY: "city", PLACE: "plc", PERSON: "per", ORG: "org"}
# Short flags of a word's own lexicon classes, shown to its neighbours too.
_CONTEXT_WINDOW = (-2, -1, 1, 2)
_EDGE = {o: f"edge[{o}]" for o in _CONTEXT_WINDOW}


class WordFeatures(NamedTuple):
    own: list          # features of the word itself
    context: dict      # offset of the word seen from its neighbour → features it shows there
    bare: str          # gazetteer key
    titled: bool       # a title head or honorific


def shape(text: str) -> str:
    ch = text[0]
    if "\u0621" <= ch <= "\u06ff":
        return "ar"
    if ch.isdigit() or "\u0660" <= ch <= "\u0669":
        return "num"
    if ch.isalpha():
        return "Lat" if ch.isupper() else "lat"
    return "p:" + text[:1]


class FeatureExtractor:
    """Turns the tokens of one sentence into crfsuite feature lists."""

    def __init__(self, lexicons: Lexicons, gazetteers: Gazetteers):
        self.lex = lexicons
        self.gaz = gazetteers
        self._words = WordCache()   # written word → (own features, flags shown to neighbours)

    def word_features(self, tok: Token) -> WordFeatures:
        cached = self._words.get(tok.text)
        if cached is None:
            own, flags = self._word_features(tok)
            bare = tok.bare or tok.norm
            # what this word shows a neighbour at each offset, as ready-made strings
            context = {o: [f"b[{o}]={bare}"] + ([f"f[{o}]={f}" for f in flags] if -1 <= o <= 1 else [])
                       for o in _CONTEXT_WINDOW}
            cached = self._words.put(tok.text, WordFeatures(
                ["bias", *own], context, bare, "title" in flags or "hon" in flags))
        return cached

    def _word_features(self, tok: Token) -> tuple[list[str], list[str]]:
        lex, gaz = self.lex, self.gaz
        bare, stem = tok.bare or tok.norm, tok.stem or tok.norm
        flags = []
        if bare in lex.function_words or tok.norm in lex.function_words:
            flags.append("fn")
        if bare in lex.title_heads or stem in lex.title_heads:
            flags.append("title")
        if tok.norm in lex.honorifics or bare in lex.honorifics:
            flags.append("hon")
        if bare in lex.definite_name_titles:
            flags.append("dtitle")
        if stem in lex.institutional_nouns or bare in lex.institutional_nouns:
            flags.append("inst")
        if bare in lex.first_names or bare in gaz.given_names:
            flags.append("given")
        if bare in gaz.family_names or stem in gaz.family_names:
            flags.append("family")
        if stem in lex.country_names or bare in lex.country_names:
            flags.append("country")
        if stem in lex.demonyms:
            flags.append("demonym")
        if bare in lex.cities:
            flags.append("city")
        if bare in lex.region_words or bare in lex.venue_heads:
            flags.append("place_head")
        if bare in lex.delegation_nouns:
            flags.append("delegation")
        sh = shape(tok.text)
        flags.append("sh=" + sh)
        own = ["b=" + bare] + (["n=" + tok.norm] if tok.norm != bare else []) + (
            ["s=" + stem] if stem != bare else [])
        own += ["p2=" + stem[:2], "p3=" + stem[:3], "x2=" + stem[-2:], "x3=" + stem[-3:],
                "len=" + str(min(len(stem), 8))]
        own += ["f=" + f for f in flags]
        segs = tok.segments
        if segs:
            k = 0
            while k < len(segs) - 1 and segs[k] in PROCLITICS:
                k += 1
            if k:
                own.append("pre=" + "+".join(segs[:k]))
            if tok.has_article:
                own.append("art")
            if len(segs) - k > 1:
                own.append("last=" + segs[-1])
                if segs[-1] in PRONOUN_SUFFIXES:
                    own.append("pron")
            own.append("seg=" + max(segs, key=len))
        if tok.text.endswith("\u0629"):    # ta marbuta as written (normalisation hides it)
            own.append("tm")
        return own, flags

    def sentence_features(self, tokens: list[Token]) -> list[list[str]]:
        n = len(tokens)
        words = [self.word_features(t) for t in tokens]
        gaz: dict[int, list[str]] = {}
        for m in self.gaz.phrases.match([w.bare for w in words]):
            tag = _GAZ_TAG[m.label]
            for k in range(m.first, m.last):
                gaz.setdefault(k, []).append(("B-" if k == m.first else "I-") + tag)
        out = []
        for i, word in enumerate(words):
            feats = list(word.own)
            for o in _CONTEXT_WINDOW:
                j = i + o
                if 0 <= j < n:
                    feats += words[j].context[o]
                else:
                    feats.append(_EDGE[o])
            if gaz:
                for o in (-1, 0, 1):
                    for g in gaz.get(i + o, ()):
                        feats.append(f"g[{o}]={g}")
            if i > 0:
                feats.append(f"bb={words[i - 1].bare}|{word.bare}")
                # a title or honorific up to three words back: a name often follows
                if any(w.titled for w in words[max(0, i - 3):i]):
                    feats.append("after_title")
            out.append(feats)
        return out


def spans_from_bio(labels: list[str], offset: int = 0) -> list[tuple[int, int, str]]:
    """(first, last, type) spans of a BIO label sequence; a stray I- starts a span."""
    spans, start, kind = [], None, None
    for k, label in enumerate(labels + ["O"]):
        if label == "O" or label.startswith("B-") or (label.startswith("I-") and label[2:] != kind):
            if start is not None:
                spans.append((offset + start, offset + k, kind))
                start, kind = None, None
            if label != "O":
                start, kind = k, label[2:]
    return spans


class EntityTagger:
    def __init__(self, crf_tagger, features: FeatureExtractor):
        self._crf = crf_tagger
        self.features = features
        # a crfsuite Tagger holds the sequence being tagged: one sequence at a time
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path=None, lexicons: Lexicons | None = None,
             gazetteers: Gazetteers | None = None) -> "EntityTagger":
        import pycrfsuite

        crf = pycrfsuite.Tagger()
        crf.open(str(path or MODEL_PATH))
        return cls(crf, FeatureExtractor(lexicons or load_lexicons(), gazetteers or load_gazetteers()))

    def tag_tokens(self, tokens: list[Token]) -> list[str]:
        if not tokens:
            return []
        features = self.features.sentence_features(tokens)
        with self._lock:
            return self._crf.tag(features)

    def tag(self, doc: Doc, sentences=None) -> list[tuple[int, int, str]]:
        """Entity spans over ``doc.tokens``: (first_token, last_token_exclusive, PER|ORG|LOC),
        in every sentence or in those of ``sentences`` (indices)."""
        spans = []
        for k, s in enumerate(doc.sentences):
            if sentences is None or k in sentences:
                spans += spans_from_bio(self.tag_tokens(doc.tokens[s.first:s.last]), s.first)
        return spans
