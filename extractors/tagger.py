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

import numpy as np

from .cache import WordCache
from .crf import CrfModel, WordVectors
from .doc import PROCLITICS, PRONOUN_SUFFIXES, Doc, Token
from .gazetteers import COUNTRY, CITY, ORG, PERSON, PLACE, Gazetteers, load_gazetteers
from .lexicon import Lexicons, load_lexicons
from .normalize import DIACRITIC_MARKS

MODEL_PATH = Path(__file__).parent / "models" / "entities.crfsuite"
LABELS = ("PER", "ORG", "LOC")
_GAZ_TAG = {COUNTRY: "cty", CITY: "city", PLACE: "plc", PERSON: "per", ORG: "org"}
# Short flags of a word's own lexicon classes, shown to its neighbours too.
_CONTEXT_WINDOW = (-2, -1, 1, 2)
_EDGE = {o: f"edge[{o}]" for o in _CONTEXT_WINDOW}
# What a word shows its neighbour at each offset: its key, and its lexicon flags next to it
# only; the prefixes are made once (a new word's features are made by the thousand, cold).
_WORD_SHOWN = {o: f"b[{o}]=" for o in _CONTEXT_WINDOW}
_FLAGS_SHOWN = {o: f"f[{o}]=" for o in _CONTEXT_WINDOW if -1 <= o <= 1}
# the features a word's key names, in the order of its groups: its own, then those it shows
# its neighbours (``WordVectors`` looks them up by the key)
_KEYED = ("b=", *_WORD_SHOWN.values())
# the groups that are the key's feature alone: what a word shows the words two before and after
_KEY_ONLY_GROUPS = (1, 4)


class WordFeatures(NamedTuple):
    own: list          # features of the word itself
    context: tuple     # per offset of _CONTEXT_WINDOW (-2, -1, +1, +2): the features it shows a neighbour there
    key: str           # gazetteer key
    pair_head: str     # the word pair feature up to the second word ("bb=<key>|")
    titled: bool       # a title head or honorific


_LENGTHS = [f"len={n}" for n in range(9)]


def _flag_features(flag: str) -> tuple[str, str, str]:
    """A lexicon flag as the word's own feature, and as shown one word before and after it."""
    return "f=" + flag, _FLAGS_SHOWN[-1] + flag, _FLAGS_SHOWN[1] + flag


# the flags' features made once (a new word's features are made by the thousand, cold), in the
# order a word's features list them
_FLAGS = tuple(map(_flag_features, (
    "fn", "title", "hon", "dtitle", "inst", "given", "family", "country", "demonym", "city", "place_head", "delegation")))
# each flag is a bit (1 << its place in _FLAGS); the forms of a word each flag tests
(_FN, _TITLE, _HON, _DTITLE, _INST, _GIVEN, _FAMILY, _COUNTRY, _DEMONYM, _CITY, _PLACE_HEAD,
 _DELEGATION) = (1 << k for k in range(len(_FLAGS)))
_BY_BARE = (1 << len(_FLAGS)) - 1 - _DEMONYM
_BY_STEM = _TITLE | _INST | _FAMILY | _COUNTRY | _DEMONYM
_BY_NORM = _FN | _HON
# the flags of each set of bits, in order, and their own features
_FLAG_SETS = [tuple(flags for k, flags in enumerate(_FLAGS) if bits >> k & 1) for bits in range(1 << len(_FLAGS))]
_FLAG_OWN = [tuple(own for own, _, _ in flags) for flags in _FLAG_SETS]
# and as shown the word before and after (a new word's are read, not made by ``zip``)
_FLAGS_BEFORE = [tuple(before for _, before, _ in flags) for flags in _FLAG_SETS]
_FLAGS_AFTER = [tuple(after for _, _, after in flags) for flags in _FLAG_SETS]
_AR = "ar"
_SHAPE_FLAGS = {sh: _flag_features("sh=" + sh) for sh in (_AR, "num", "Lat", "lat")}
_GAZETTEER_FEATURES = {(o, prefix + tag): f"g[{o}]={prefix}{tag}"
                       for o in (-1, 0, 1) for tag in _GAZ_TAG.values() for prefix in ("B-", "I-")}


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
        self.words = WordCache()
        # every word of the sets the flags test → the bits of the flags it is in (a new word's
        # forms are looked up once each, not once per set)
        lex, gaz = lexicons, gazetteers
        self.flag_bits: dict[str, int] = {}
        for bit, words in ((_FN, lex.function_words), (_TITLE, lex.title_heads), (_HON, lex.honorifics),
                           (_DTITLE, lex.definite_name_titles), (_INST, lex.institutional_nouns),
                           (_GIVEN, lex.first_names | gaz.given_names), (_FAMILY, gaz.family_names),
                           (_COUNTRY, lex.country_names), (_DEMONYM, lex.demonyms), (_CITY, lex.cities),
                           (_PLACE_HEAD, lex.region_words | lex.venue_heads), (_DELEGATION, lex.delegation_nouns)):
            for word in words:
                self.flag_bits[word] = self.flag_bits.get(word, 0) | bit

    def word_features(self, tok: Token) -> WordFeatures:
        """The features of a written word, and those it shows its neighbours (cached)."""
        cached = self.words.get(tok.text)
        if cached is None:
            cached = self.words.put(tok.text, self.describe(tok))
        return cached

    def describe(self, tok: Token) -> WordFeatures:
        own, flags, titled = self.own_features(tok)
        key = tok.bare or tok.norm
        # at each offset of _CONTEXT_WINDOW (-2, -1, +1, +2): its key, and next to it its flags too
        # (written out: a new word's features are made by the thousand, cold)
        _, before, after = zip(*flags)
        context = ([_WORD_SHOWN[-2] + key], [_WORD_SHOWN[-1] + key, *before], [_WORD_SHOWN[1] + key, *after],
                   [_WORD_SHOWN[2] + key])
        return WordFeatures(own, context, key, "bb=" + key + "|", titled)

    def own_features(self, tok: Token) -> tuple[list[str], tuple[tuple[str, str, str], ...], bool]:
        """The word's own features (the bias first, "b=<key>" next), its lexicon flags (as
        ``_flag_features``), and whether it is a title head or honorific."""
        own, bits, shape_flag = self.word_flags(tok)
        own[1] = "b=" + (tok.bare or tok.norm)
        return own, (*_FLAG_SETS[bits], shape_flag), bits & (_TITLE | _HON) != 0

    def word_flags(self, tok: Token) -> tuple[list[str], int, tuple[str, str, str]]:
        """``own_features``'s features, but None for "b=<key>" (the tagger finds it by the key),
        with the lexicon flags as their bits (``_FLAG_SETS``) and the shape's flag apart: a new
        word's flags are then read from tables made once."""
        bare, stem, norm = tok.bare or tok.norm, tok.stem or tok.norm, tok.norm
        in_sets = self.flag_bits.get(bare, 0)
        if stem == bare:
            bits = in_sets & (_BY_BARE | _BY_STEM)
        else:
            bits = in_sets & _BY_BARE | self.flag_bits.get(stem, 0) & _BY_STEM
        if norm != bare:
            bits |= self.flag_bits.get(norm, 0) & _BY_NORM
        text = tok.text
        # (an Arabic word's shape, the commonest, without the call)
        shape_flag = _SHAPE_FLAGS.get(_AR if "\u0621" <= text[0] <= "\u06ff" else shape(text))
        if shape_flag is None:
            shape_flag = _flag_features("sh=" + shape(text))
        own = ["bias", None]
        if norm != bare:
            own.append("n=" + norm)
        if stem != bare:
            own.append("s=" + stem)
        own += ("p2=" + stem[:2], "p3=" + stem[:3], "x2=" + stem[-2:], "x3=" + stem[-3:], _LENGTHS[min(len(stem), 8)],
                *_FLAG_OWN[bits], shape_flag[0])
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
            # normalised, as the word's other features: outlets differ in writing hamza (most
            # words are one segment: no call)
            own.append("seg=" + (segs[0] if len(segs) == 1 else max(segs, key=len)))
        # ta marbuta as written (normalisation hides it), past any marks after it
        last = text[-1]
        if last == "\u0629" or last in DIACRITIC_MARKS and text.rstrip(DIACRITIC_MARKS).endswith("\u0629"):
            own.append("tm")
        return own, bits, shape_flag

    def sentence_features(self, tokens: list[Token]) -> list[list[str]]:
        """One feature list per token, as the model was trained on (every feature)."""
        words = [self.word_features(t) for t in tokens]
        gazetteer = self.gazetteer_tags([w.key for w in words])
        # what the words two before, one before, one after and two after show each word
        edge = [[_EDGE[o]] for o in _CONTEXT_WINDOW]
        before2 = [edge[0], edge[0]] + [w.context[0] for w in words]
        before1 = [edge[1]] + [w.context[1] for w in words]
        after1 = [w.context[2] for w in words[1:]] + [edge[2]]
        after2 = [w.context[3] for w in words[2:]] + [edge[3], edge[3]]
        out = []
        last_titled = -4
        previous = None
        for i, (word, b2, b1, a1, a2) in enumerate(zip(words, before2, before1, after1, after2)):
            # the order of features is the order the model adds their weights in: kept as trained
            feats = [*word.own, *b2, *b1, *a1, *a2]
            feats += [_GAZETTEER_FEATURES[o, g] for o in (-1, 0, 1) for g in gazetteer.get(i + o, ())]
            if previous is not None:
                feats.append(previous.pair_head + word.key)
                # a title or honorific up to three words back: a name often follows
                if last_titled >= i - 3:
                    feats.append("after_title")
            if word.titled:
                last_titled = i
            previous = word
            out.append(feats)
        return out

    def gazetteer_tags(self, keys: list[str], starts: list[int] | None = None) -> dict[int, list[str]]:
        """Token index → the gazetteer phrase tags (B-/I-) it falls in (``starts``: where a
        phrase may begin, if known)."""
        tags: dict[int, list[str]] = {}
        for m in self.gaz.phrases.match(keys, starts=starts):
            tag = _GAZ_TAG[m.label]
            for k in range(m.first, m.last):
                tags.setdefault(k, []).append(("B-" if k == m.first else "I-") + tag)
        return tags


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
    """Tags with the weights of the crfsuite model (``crf.CrfModel``): per token, the weight
    vectors of its word and of what its neighbours show it, kept per word (``WordVectors``),
    plus the few features of word pairs, gazetteer phrases and titles; then Viterbi over the
    document's sentences at once. The labels are those crfsuite gives for ``sentence_features``
    (a test checks it)."""

    def __init__(self, model: CrfModel, features: FeatureExtractor):
        self.model = model
        self.features = features
        # a word's own key feature and those it shows its neighbours are found by its key, at
        # once; the word pairs are never looked up by name
        # (what a word shows the words two before and two after it is its key's feature alone)
        self.words = WordVectors(model, 1 + len(_CONTEXT_WINDOW), keyed=_KEYED, unread=("bb=",), key_only=_KEY_ONLY_GROUPS)
        # row 0 is the sentence edge: what it shows a word at each offset is the edge feature
        self.words.table[0, 1:] = model.sums([[_EDGE[o]] for o in _CONTEXT_WINDOW])
        # a gazetteer phrase's label → the rows of what its first word (B-) and each later word
        # (I-) show the word before, the word itself and the word after (None: the model lacks it)
        self.gazetteer = {label: tuple(tuple(model.row(_GAZETTEER_FEATURES[o, prefix + tag]) for o in (-1, 0, 1))
                                       for prefix in ("B-", "I-"))
                          for label, tag in _GAZ_TAG.items()}
        self.after_title = model.row("after_title")
        # the model's word pairs ("bb=<key>|<key>"), by first word and then second: the second
        # word's key, whose hash Python keeps, is looked up without a new string per pair of
        # tokens; most words start none
        pairs: dict[str, dict[str, int]] = {}
        for name, row in model.index.items():
            if name.startswith("bb="):
                for k in range(3, len(name)):
                    if name[k] == "|":
                        pairs.setdefault(name[3:k], {})[name[k + 1:]] = row
        # what a new word's key tells, found by one look-up: the rows of the features it names,
        # the word pairs it begins, whether a gazetteer phrase begins with it
        by_key, begins = self.words.by_key, features.gaz.phrases.first_words()
        self.unknown_key = (self.words.unknown_key, None, False)
        self.by_key: dict[str, tuple] = {
            key: (by_key.get(key, self.unknown_key[0]), pairs.get(key), False) for key in {*by_key, *pairs}}
        for key in begins:
            self.by_key[key] = self.by_key.get(key, self.unknown_key)[:2] + (True,)
        # the table of word vectors is shared: one document at a time
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path=None, lexicons: Lexicons | None = None,
             gazetteers: Gazetteers | None = None) -> "EntityTagger":
        return cls(CrfModel.load(path or MODEL_PATH),
                   FeatureExtractor(lexicons or load_lexicons(), gazetteers or load_gazetteers()))

    def tag_tokens(self, tokens: list[Token]) -> list[str]:
        """The labels of one sentence's tokens."""
        if not tokens:
            return []
        with self._lock:
            return self.model.viterbi_joined(*self._scores([tokens]))[0]

    def tag(self, doc: Doc, sentences=None) -> list[tuple[int, int, str]]:
        """Entity spans over ``doc.tokens``: (first_token, last_token_exclusive, PER|ORG|LOC),
        in every sentence or in those of ``sentences`` (indices)."""
        chosen = [s for k, s in enumerate(doc.sentences)
                  if (sentences is None or k in sentences) and s.last > s.first]
        if not chosen:
            return []
        with self._lock:
            labels = self.model.viterbi_joined(*self._scores([doc.tokens[s.first:s.last] for s in chosen]))
        spans = []
        for s, sentence_labels in zip(chosen, labels):
            spans += spans_from_bio(sentence_labels, s.first)
        return spans

    def _scores(self, sentences: list[list[Token]]) -> list:
        """The summed state weights of the sentences' tokens (tokens × labels), one sentence
        after another, and the sentences' lengths."""
        words, state = self.words, self.model.state
        words.make_room(sum(map(len, sentences)))
        extra = words.extra
        # the words' rows, two edges before and after each sentence
        padded = [0, 0]
        # features beyond a word's own and its neighbours': the tokens' places in ``padded``
        # (some twice) and the features' model rows
        at, weighed = [], []
        for tokens in sentences:
            base = len(padded)     # the place of the sentence's first token
            rows = self._rows(tokens)
            padded += rows
            padded += (0, 0)
            keys, pairs, titled, begins = zip(*[extra[row] for row in rows])
            # word pairs: the word before, this one ("bb=<key>|<key>")
            for i, seconds in enumerate(pairs[:-1], start=1):
                if seconds is not None:
                    pair = seconds.get(keys[i])
                    if pair is not None:
                        at.append(base + i)
                        weighed.append(pair)
            # a title or honorific up to three words back: a name often follows
            if self.after_title is not None and True in titled:
                after = {k for j, title in enumerate(titled) if title for k in range(j + 1, min(j + 4, len(rows)))}
                at += [base + i for i in after]
                weighed += [self.after_title] * len(after)
            if True in begins:
                # as ``FeatureExtractor.gazetteer_tags`` tags the words, with the rows of the tags
                tags = self._gazetteer_rows(keys, [i for i, b in enumerate(begins) if b])
                for i, phrase_rows in tags.items():
                    for o in (-1, 0, 1):
                        if 0 <= i - o < len(rows):
                            for row in phrase_rows:
                                row = row[o + 1]
                                if row is not None:
                                    at.append(base + i - o)
                                    weighed.append(row)
        words.settle()
        scores, where = words.window_sums(padded)
        if at:
            np.add.at(scores, where.searchsorted(at), state[weighed])
        return scores, [len(t) for t in sentences]

    def _gazetteer_rows(self, keys: list[str], starts: list[int]) -> dict[int, list[tuple]]:
        """Token index → for each gazetteer phrase tag it has, in ``gazetteer_tags``'s order, the
        rows of what it shows the word before, itself and the word after (``starts``: where a
        phrase may begin): no tag's string is made, nor a ``Match``."""
        phrases, tags, end = self.features.gaz.phrases, {}, 0
        for k in starts:
            if k < end:
                continue
            stop, entries = phrases.longest_at(keys, k)
            if stop > k:
                for label, _ in entries:
                    begin, inside = self.gazetteer[label]
                    tags.setdefault(k, []).append(begin)
                    for j in range(k + 1, stop):
                        tags.setdefault(j, []).append(inside)
                end = stop
        return tags

    def _rows(self, tokens: list[Token]) -> list[int]:
        """The rows of these words, those of new words added."""
        rows = list(map(self.words.rows.get, [t.text for t in tokens]))
        if None in rows:
            for j, (tok, row) in enumerate(zip(tokens, rows)):
                if row is None:
                    row = self.words.rows.get(tok.text)   # a new word seen earlier in the sentence
                    rows[j] = self._add_word(tok) if row is None else row
        return rows

    def _add_word(self, tok: Token) -> int:
        """A new word's row: ``FeatureExtractor.describe``'s features, with None for those its
        key names (``_KEYED``: "b=<key>" after the bias, and "b[<offset>]=<key>" first of what
        it shows each neighbour; ``WordVectors`` finds them by the key), but for the groups
        that are the key's feature alone (``_KEY_ONLY_GROUPS``)."""
        own, bits, shape_flag = self.features.word_flags(tok)
        key = tok.bare or tok.norm
        key_rows, pairs, begins = self.by_key.get(key, self.unknown_key)
        return self.words.add(tok.text, [own, (None, *_FLAGS_BEFORE[bits], shape_flag[1]),
                                         (None, *_FLAGS_AFTER[bits], shape_flag[2])],
                              (key, pairs, bits & (_TITLE | _HON) != 0, begins), key_rows=key_rows)
