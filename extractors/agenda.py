"""What was discussed or agreed: a CRF tags agenda phrases beside the rules.

The rules (``events.find_agenda``) find phrases after cue words (بحث، تناول، لبحث…); the tagger
reads the words, their neighbours, cue words, the trigger's distance, people and times, and
learns from the gold agenda spans (``make model``) where phrases are; an event gets the rules'
phrases and the tagger's. The tagger does not read the rules' phrases: it then finds more of
what they miss, and a change of the rules does not change what it learns (cross-validated:
agenda F1 0.546 without them, 0.539 with them). Each sentence is tagged once per document.
"""
from __future__ import annotations

import threading
from bisect import bisect_left
from pathlib import Path

import numpy as np

from .cache import WordCache
from .crf import CrfModel, WordVectors
from .normalize import ARABIC_PUNCTUATION

MODEL_PATH = Path(__file__).parent / "models" / "agenda.crfsuite"
LABEL_BEGIN, LABEL_INSIDE, LABEL_OUTSIDE = "B", "I", "O"
# The marginal probability of B or I that makes a token part of a phrase (cross-validated).
THRESHOLD = 0.4


def _bucket(n: int) -> str:
    for edge in (0, 1, 2, 4, 8, 16):
        if n <= edge:
            return str(edge)
    return "far"


_OFFSETS = (-2, -1, 1, 2)
# what a word shows its neighbour at each offset, before the word (made once: a new word's
# features are made by the thousand when the words are new)
_SHOWN = tuple(f"w{offset:+d}=" for offset in _OFFSETS)


class AgendaFeatures:
    """The agenda tagger's features, as the model was trained on them: those a written word
    always has, and those it shows its neighbours, kept per word (the words of news repeat)."""

    def __init__(self):
        self.words = WordCache()

    def word(self, t, cues) -> tuple[list[str], tuple]:
        cached = self.words.get(t.text)
        if cached is None:
            cached = self.words.put(t.text, describe(t, cues))
        return cached


def describe(t, cues) -> tuple[list[str], tuple[str, ...]]:
    """A word's own features, and the feature it shows the neighbour at each offset of _OFFSETS."""
    own = own_features(t, cues)
    word = own[0][2:]
    # written out: a new word's features are made by the thousand, cold
    return own, (_SHOWN[0] + word, _SHOWN[1] + word, _SHOWN[2] + word, _SHOWN[3] + word)


def own_features(t, cues) -> list[str]:
    """A word's own features, "w=<word>" first."""
    word, own = keyed_features(t, cues)
    own[0] = "w=" + word
    return own


def keyed_features(t, cues) -> tuple[str, list]:
    """A word's key, and its own features with None first, where "w=<key>" stands (the
    tagger finds the features a word names by its key)."""
    word = t.bare or t.norm
    if not t.is_arabic:
        word = word.translate(ARABIC_PUNCTUATION)
    own = [None, "stem=" + t.stem, "suf=" + word[-2:], "pre=" + word[:2]]
    if not t.is_arabic:
        own.append("punct=" + word if len(t.text) == 1 else "nonarabic")
    if t.has_article:
        own.append("article")
    if t.clitic_len:
        own.append("clitic=" + t.text[0])
    if t.bare in cues or t.norm in cues:
        own.append("cue")
    return word, own


def after_trigger(distance: int) -> str:
    return "after_trigger=" + _bucket(min(distance, 17))


TEXT = AgendaFeatures()   # every feature, as str: what training sees


def sentence_features(doc, sentence, trigger_tokens: set[int], cues,
                      features: AgendaFeatures = TEXT) -> list[list[str]]:
    """One feature list per token of ``sentence`` (crfsuite's string attributes)."""
    toks = doc.tokens
    index = doc.mention_index
    times = doc.time_tokens
    triggers = sorted(trigger_tokens)
    first, last = sentence.first, sentence.last
    words = [features.word(toks[k], cues) for k in range(first, last)]
    # what the neighbours two before, one before, one after and two after show each word
    shown = [tuple([f] for f in neighbour) for _, neighbour in words]
    before2 = [_EDGE_AT[0], _EDGE_AT[0]] + [fs[0] for fs in shown]
    before1 = [_EDGE_AT[1]] + [fs[1] for fs in shown]
    after1 = [fs[2] for fs in shown[1:]] + [_EDGE_AT[2]]
    after2 = [fs[3] for fs in shown[2:]] + [_EDGE_AT[3], _EDGE_AT[3]]
    rows = []
    any_trigger, last_trigger = bool(triggers), None
    for k, word, b2, b1, a1, a2 in zip(range(first, last), words, before2, before1, after1, after2):
        f = word[0].copy()
        hit = index.get(k)
        if hit is not None:
            f.append("entity=" + hit[0].kind)
        if k in times:
            f.append("time")
        if any_trigger:
            while triggers and triggers[0] <= k:
                last_trigger = triggers.pop(0)
            f.append("before_trigger" if last_trigger is None else after_trigger(k - last_trigger))
        f += b2
        f += b1
        f += a1
        f += a2
        rows.append(f)
    return rows


_EDGE_AT = tuple([f"edge{offset:+d}"] for offset in _OFFSETS)


class AgendaTagger:
    """Tags with the weights of the crfsuite model (``crf.CrfModel``): per token, the weight
    vectors of its word and of what its neighbours show it, kept per word, plus those of
    entities, times and triggers; then the marginals of every sentence asked
    at once. The phrases are those crfsuite's marginals give for ``sentence_features`` (a test
    checks it)."""

    def __init__(self, model: CrfModel, threshold: float = THRESHOLD):
        self.model = model
        self.threshold = threshold
        self.begin, self.inside = model.labels.index(LABEL_BEGIN), model.labels.index(LABEL_INSIDE)
        # row 0 is the sentence edge: what it shows a word at each offset is the edge feature
        # a word's own "w=<word>" and what it shows its neighbours are found by the word, at once
        # what a word shows its neighbours is its key's feature alone ("w<offset>=<word>")
        self.words = WordVectors(model, 1 + len(_OFFSETS), keyed=("w=", *_SHOWN), key_only=range(1, 1 + len(_OFFSETS)))
        self.words.table[0, 1:] = model.sums(_EDGE_AT)
        # the rows of the features tokens may have (a feature the model lacks: the zero row)
        self.time, self.before_trigger = map(self._row, ("time", "before_trigger"))
        # the distance after the last trigger, 0 to 16 and then one bucket ("far")
        self.after_trigger = [self._row(after_trigger(d)) for d in range(18)]
        self._kinds: dict[str, int] = {}
        # the table of word vectors is shared: one document at a time
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "AgendaTagger | None":
        if not Path(path).exists():
            return None
        return cls(CrfModel.load(path))

    def spans(self, doc, sentences: list, cues) -> list[list[tuple[int, int]]]:
        """Token ranges tagged as agenda phrases, per sentence of ``sentences`` (each
        ``(sentence, trigger_tokens)``).

        A token is inside a phrase when the model's marginal probability of B or I reaches
        ``threshold`` (below 0.5 it finds more of the topics a best-path tagging leaves out)."""
        if not all(s.last > s.first for s, _ in sentences):   # (a sentence holds a token at least)
            found = iter(self.spans(doc, [s for s in sentences if s[0].last > s[0].first], cues))
            return [next(found) if s.last > s.first else [] for s, _ in sentences]
        if not sentences:
            return []
        with self._lock:
            marginals = self.model.marginals_joined(*self._scores(doc, sentences, cues))
        begin, inside = marginals[:, self.begin], marginals[:, self.inside]
        within = (begin + inside >= self.threshold).nonzero()[0].tolist()
        # a phrase starts where B is likelier than I, or after a word outside any
        opens = (begin > inside).tolist()
        out, k, sentence_at = [], 0, 0
        for sentence, _ in sentences:
            spans, start, previous = [], None, None
            end = sentence_at + sentence.last - sentence.first
            while k < len(within) and within[k] < end:
                at = within[k]
                if start is not None and (at != previous + 1 or opens[at]):
                    spans.append((sentence.first + start - sentence_at, sentence.first + previous + 1 - sentence_at))
                    start = None
                if start is None:
                    start = at
                previous = at
                k += 1
            if start is not None:
                spans.append((sentence.first + start - sentence_at, sentence.first + previous + 1 - sentence_at))
            out.append(spans)
            sentence_at = end
        return out

    def _scores(self, doc, sentences: list, cues) -> list:
        """The summed state weights of the sentences' tokens (tokens × labels), one sentence
        after another, and the sentences' lengths."""
        words, toks = self.words, doc.tokens
        words.make_room(sum(s.last - s.first for s, _ in sentences))
        # the document's mentions and times, in order (sorted once per document, not per call)
        mentioned = doc.derive("mentioned tokens", lambda: sorted(doc.mention_index))
        timed = doc.derive("timed tokens", lambda: sorted(doc.time_tokens))
        kinds = self._kinds   # (the rows of the mentions' kinds seen so far)
        # the words' rows, two edges before and after each sentence
        padded = [0, 0]
        # features beyond a word's own and its neighbours': their model rows, and the tokens'
        # places in ``padded`` (``distance``: one per token; ``other``: some tokens, some twice)
        distance_at, distance_rows, other_at, other_rows = [], [], [], []
        for sentence, trigger_tokens in sentences:
            first, last = sentence.first, sentence.last
            base = len(padded) - first     # the place of token k is base + k
            padded += self._rows(toks[first:last], cues)
            for k in mentioned[bisect_left(mentioned, first):bisect_left(mentioned, last)]:
                other_at.append(base + k)
                kind = doc.mention_index[k][0].kind
                other_rows.append(kinds[kind] if kind in kinds else self._kind(kind))
            for k in timed[bisect_left(timed, first):bisect_left(timed, last)]:
                other_at.append(base + k)
                other_rows.append(self.time)
            if trigger_tokens:
                # before the first trigger, then the distance after the last one
                triggers = sorted(trigger_tokens)
                distance_at += range(base + first, base + last)
                distance_rows += [self.before_trigger] * (triggers[0] - first)
                for k, end in zip(triggers, triggers[1:] + [last]):
                    distance_rows += self.after_trigger[:end - k] + [self.after_trigger[-1]] * (end - k - 18)
            padded += (0, 0)
        words.settle()
        scores, where = words.window_sums(padded)
        state = self.model.state
        if distance_at:
            scores[where.searchsorted(distance_at)] += state[distance_rows]
        if other_at:
            np.add.at(scores, where.searchsorted(other_at), state[other_rows])
        return scores, [s.last - s.first for s, _ in sentences]

    def _rows(self, tokens, cues) -> list[int]:
        """The rows of these words, those of new words added."""
        words = self.words
        rows = list(map(words.rows.get, [t.text for t in tokens]))
        if None in rows:
            for j, (t, row) in enumerate(zip(tokens, rows)):
                if row is None:
                    row = words.rows.get(t.text)   # a new word seen earlier in the sentence
                    if row is None:
                        # None for the features the word names (own[0] stands for "w=<word>",
                        # and "w<offset>=<word>" what it shows each neighbour), found by the word
                        key, own = keyed_features(t, cues)
                        row = words.add(t.text, [own], key=key)
                    rows[j] = row
        return rows

    def _kind(self, kind: str) -> int:
        """The model row of a token in an entity mention of this kind (remembered)."""
        try:
            return self._kinds[kind]
        except KeyError:
            return self._kinds.setdefault(kind, self._row("entity=" + kind))

    def _row(self, feature: str) -> int:
        row = self.model.row(feature)
        return self.model.zero if row is None else row
