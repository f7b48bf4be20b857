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

from .crf import Vocabulary
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
    context: tuple     # per offset of _CONTEXT_WINDOW (-2, -1, +1, +2): the features it shows a neighbour there
    key: str           # gazetteer key
    bare: object       # ``key`` written like the features: the word as the second of a word pair
    pair_head: object  # the word pair feature up to the second word ("bb=<key>|")
    titled: bool       # a title head or honorific


class TaggerVocabulary(Vocabulary):
    """The entity tagger's features, written for training (all, as str) or for a model; the
    features of each word it has seen are kept in ``words``."""

    def __init__(self, known: frozenset[bytes] | None = None):
        super().__init__(known)
        self.edge = tuple(self.optional(_EDGE[o]) for o in _CONTEXT_WINDOW)
        tags = [prefix + tag for tag in _GAZ_TAG.values() for prefix in ("B-", "I-")]
        self.gazetteer = {(o, g): self.spell(f"g[{o}]={g}") for o in (-1, 0, 1) for g in tags}
        self.after_title = self.spell("after_title")

    def pair(self, head, bare):
        """The word-pair feature (``head`` + ``bare`` of WordFeatures), None if unknown."""
        pair = head + bare
        return pair if self.known is None or pair in self.known else None


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
        self.text = TaggerVocabulary()   # every feature, as str: what training sees

    def word_features(self, tok: Token, vocabulary: TaggerVocabulary | None = None) -> WordFeatures:
        vocabulary = vocabulary or self.text
        cached = vocabulary.words.get(tok.text)
        if cached is None:
            own, flags = self._word_features(tok)
            key = tok.bare or tok.norm
            # what this word shows a neighbour at each offset, as ready-made features
            context = tuple(vocabulary.spell_all([f"b[{o}]={key}"] + ([f"f[{o}]={f}" for f in flags] if -1 <= o <= 1 else []))
                            for o in _CONTEXT_WINDOW)
            cached = vocabulary.words.put(tok.text, WordFeatures(
                vocabulary.spell_all(["bias", *own]), context, key, vocabulary.write(key),
                vocabulary.write(f"bb={key}|"), "title" in flags or "hon" in flags))
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

    def sentence_features(self, tokens: list[Token], vocabulary: TaggerVocabulary | None = None) -> list[list]:
        """One feature list per token: every feature as str (training), or those of a model's
        ``vocabulary``."""
        vocabulary = vocabulary or self.text
        words = [vocabulary.words.get(t.text) or self.word_features(t, vocabulary) for t in tokens]
        gazetteer = self._gazetteer_features(words, vocabulary)
        # what the words two before, one before, one after and two after show each word
        edge_before2, edge_before1, edge_after1, edge_after2 = vocabulary.edge
        before2 = [edge_before2, edge_before2] + [w.context[0] for w in words]
        before1 = [edge_before1] + [w.context[1] for w in words]
        after1 = [w.context[2] for w in words[1:]] + [edge_after1]
        after2 = [w.context[3] for w in words[2:]] + [edge_after2, edge_after2]
        after_title, pair = vocabulary.after_title, vocabulary.pair
        out = []
        last_titled = -4
        previous = None
        for i, (word, b2, b1, a1, a2) in enumerate(zip(words, before2, before1, after1, after2)):
            # the order of features is the order the model adds their weights in: kept as trained
            feats = [*word.own, *b2, *b1, *a1, *a2]
            if gazetteer and i in gazetteer:
                feats += gazetteer[i]
            if previous is not None:
                feature = pair(previous.pair_head, word.bare)
                if feature is not None:
                    feats.append(feature)
                # a title or honorific up to three words back: a name often follows
                if after_title is not None and last_titled >= i - 3:
                    feats.append(after_title)
            if word.titled:
                last_titled = i
            previous = word
            out.append(feats)
        return out

    def _gazetteer_features(self, words: list[WordFeatures], vocabulary: TaggerVocabulary) -> dict[int, list]:
        """Token index → the gazetteer phrase tags (B-/I-) of the word before it, its own and
        those of the word after it, in that order."""
        tags: dict[int, list[str]] = {}
        for m in self.gaz.phrases.match([w.key for w in words]):
            tag = _GAZ_TAG[m.label]
            for k in range(m.first, m.last):
                tags.setdefault(k, []).append(("B-" if k == m.first else "I-") + tag)
        features: dict[int, list] = {}
        written = vocabulary.gazetteer
        for i in sorted({k - o for k in tags for o in (-1, 0, 1)}):
            features[i] = [f for o in (-1, 0, 1) for g in tags.get(i + o, ()) if (f := written[o, g]) is not None]
        return features


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
        # only the features the model knows are written when tagging
        self.vocabulary = TaggerVocabulary.of_model(crf_tagger)
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
        features = self.features.sentence_features(tokens, self.vocabulary)
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
