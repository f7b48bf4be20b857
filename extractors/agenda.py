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
from pathlib import Path

from .crf import Vocabulary, model_attributes

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


class AgendaVocabulary(Vocabulary):
    """The agenda tagger's features, written for training (all, as str) or for a model."""

    def __init__(self, known: frozenset[bytes] | None = None):
        super().__init__(known)
        self.time, self.before_trigger = map(self.spell, ("time", "before_trigger"))
        # per offset of _OFFSETS, each a tuple of none or one feature
        self.edge = tuple(self.optional(f"edge{offset:+d}") for offset in _OFFSETS)
        # the distance after the last trigger, 0 to 16 and then one bucket ("far")
        self.after_trigger = [self.spell("after_trigger=" + _bucket(d)) for d in range(18)]
        self._kinds: dict[str, object] = {}

    def entity(self, kind: str):
        """The feature of a token in an entity mention of this kind (remembered)."""
        try:
            return self._kinds[kind]
        except KeyError:
            return self._kinds.setdefault(kind, self.spell("entity=" + kind))

    def word(self, t, cues) -> tuple[list, tuple]:
        """The features a written word always has, and those it shows its neighbours at each
        offset (cached: the words of news repeat)."""
        cached = self.words.get(t.text)
        if cached is None:
            word = t.bare or t.norm
            own = ["w=" + word, "stem=" + t.stem, "suf=" + word[-2:], "pre=" + word[:2]]
            if not t.is_arabic:
                own.append("punct=" + t.text if len(t.text) == 1 else "nonarabic")
            if t.has_article:
                own.append("article")
            if t.clitic_len:
                own.append("clitic=" + t.text[0])
            if t.bare in cues or t.norm in cues:
                own.append("cue")
            cached = self.words.put(t.text, (self.spell_all(own),
                                             tuple(self.optional(f"w{offset:+d}={word}") for offset in _OFFSETS)))
        return cached


TEXT = AgendaVocabulary()   # every feature, as str: what training sees


def sentence_features(doc, sentence, trigger_tokens: set[int], cues,
                      vocabulary: AgendaVocabulary = TEXT) -> list[list]:
    """One feature list per token of ``sentence`` (crfsuite's string attributes); with a
    model's ``vocabulary``, only the features that model knows."""
    toks = doc.tokens
    index = doc.mention_index
    times = doc.time_tokens
    triggers = sorted(trigger_tokens)
    any_trigger = bool(triggers)
    first, last = sentence.first, sentence.last
    words = [vocabulary.word(toks[k], cues) for k in range(first, last)]
    time, before_trigger = vocabulary.time, vocabulary.before_trigger
    entity, after_trigger = vocabulary.entity, vocabulary.after_trigger
    # what the neighbours two before, one before, one after and two after show each word
    edges = vocabulary.edge
    shown = [neighbour for _, neighbour in words]
    before2 = [edges[0], edges[0]] + [fs[0] for fs in shown]
    before1 = [edges[1]] + [fs[1] for fs in shown]
    after1 = [fs[2] for fs in shown[1:]] + [edges[2]]
    after2 = [fs[3] for fs in shown[2:]] + [edges[3], edges[3]]
    rows = []
    last_trigger = None
    for k, word, b2, b1, a1, a2 in zip(range(first, last), words, before2, before1, after1, after2):
        f = word[0].copy()
        hit = index.get(k)
        if hit is not None:
            feature = entity(hit[0].kind)
            if feature is not None:
                f.append(feature)
        if time is not None and k in times:
            f.append(time)
        if any_trigger:
            while triggers and triggers[0] <= k:
                last_trigger = triggers.pop(0)
            feature = before_trigger if last_trigger is None else after_trigger[min(k - last_trigger, 17)]
            if feature is not None:
                f.append(feature)
        f += b2
        f += b1
        f += a1
        f += a2
        rows.append(f)
    return rows


class AgendaTagger:
    def __init__(self, tagger, threshold: float = THRESHOLD):
        self._tagger = tagger
        self.threshold = threshold
        self._lock = threading.Lock()  # a crfsuite tagger holds one sequence at a time
        # the features this model knows (about a thousand): only those are written when tagging
        self.vocabulary = AgendaVocabulary(model_attributes(tagger))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "AgendaTagger | None":
        if not Path(path).exists():
            return None
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return cls(tagger)

    def spans(self, features: list[list], first: int) -> list[tuple[int, int]]:
        """Token ranges tagged as agenda phrases; ``first`` is the sentence's first token.

        A token is inside a phrase when the model's marginal probability of B or I reaches
        ``threshold`` (below 0.5 it finds more of the topics a best-path tagging leaves out)."""
        with self._lock:
            self._tagger.set(features)
            labels = []
            marginal = self._tagger.marginal
            # the three marginals sum to 1: most words are plainly outside, and one call says so
            # (the slack keeps a word near the threshold to the exact test below)
            plainly_outside = 1.0 - self.threshold + 1e-9
            for k in range(len(features)):
                if marginal(LABEL_OUTSIDE, k) > plainly_outside:
                    labels.append(LABEL_OUTSIDE)
                    continue
                begin, inside = marginal(LABEL_BEGIN, k), marginal(LABEL_INSIDE, k)
                if begin + inside < self.threshold:
                    labels.append(LABEL_OUTSIDE)
                else:
                    labels.append(LABEL_BEGIN if begin > inside or not labels or labels[-1] == LABEL_OUTSIDE
                                  else LABEL_INSIDE)
        out, start = [], None
        for k, label in enumerate(labels + [LABEL_OUTSIDE]):
            if start is not None and label != LABEL_INSIDE:
                out.append((first + start, first + k))
                start = None
            if label == LABEL_BEGIN or label == LABEL_INSIDE and start is None:
                start = k
        return out
