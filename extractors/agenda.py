"""What was discussed or agreed: a CRF tags agenda phrases, with the rules' phrases as features.

The rules (``events.find_agenda``) find phrases after cue words (بحث، تناول، لبحث…); the tagger
reads them as one feature among the words, their neighbours, the trigger's distance, people
and times, and learns from the gold agenda spans (``make model``) where phrases are; an event
gets the rules' phrases and the tagger's. Each sentence is tagged once per document.
"""
from __future__ import annotations

import threading
from pathlib import Path

from .cache import WordCache

MODEL_PATH = Path(__file__).parent / "models" / "agenda.crfsuite"
LABEL_BEGIN, LABEL_INSIDE, LABEL_OUTSIDE = "B", "I", "O"
# The marginal probability of B or I that makes a token part of a phrase (cross-validated).
THRESHOLD = 0.3


def _bucket(n: int) -> str:
    for edge in (0, 1, 2, 4, 8, 16):
        if n <= edge:
            return str(edge)
    return "far"


_WORD_FEATURES = WordCache()
_NEIGHBOUR = {offset: f"w{offset:+d}=" for offset in (-2, -1, 1, 2)}
_RULE_AT = {offset: f"rule{offset:+d}" for offset in (-2, -1, 1, 2)}
_EDGE = {offset: f"edge{offset:+d}" for offset in (-2, -1, 1, 2)}


def _word_features(t, cues) -> tuple[list[str], str]:
    """The features a written word always has, and its key as a neighbour (cached: the words
    of news repeat)."""
    cached = _WORD_FEATURES.get(t.text)
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
        cached = _WORD_FEATURES.put(t.text, (own, word))
    return cached


def sentence_features(doc, sentence, rule_tokens: set[int], trigger_tokens: set[int], cues) -> list[list[str]]:
    """One feature list per token of ``sentence`` (crfsuite's string attributes)."""
    toks = doc.tokens
    index = doc.mention_index
    times = doc.time_tokens
    triggers = sorted(trigger_tokens)
    any_trigger = bool(triggers)
    words = [_word_features(toks[k], cues) for k in range(sentence.first, sentence.last)]
    rows = []
    last_trigger = None
    for n, k in enumerate(range(sentence.first, sentence.last)):
        f = list(words[n][0])
        if k in rule_tokens:
            f.append("rule_agenda")
        hit = index.get(k)
        if hit is not None:
            f.append("entity=" + hit[0].kind)
        if k in times:
            f.append("time")
        if any_trigger:
            while triggers and triggers[0] <= k:
                last_trigger = triggers.pop(0)
            f.append("before_trigger" if last_trigger is None else "after_trigger=" + _bucket(k - last_trigger))
        for offset in (-2, -1, 1, 2):
            j = n + offset
            if 0 <= j < len(words):
                f.append(_NEIGHBOUR[offset] + words[j][1])
                if sentence.first + j in rule_tokens:
                    f.append(_RULE_AT[offset])
            else:
                f.append(_EDGE[offset])
        rows.append(f)
    return rows


class AgendaTagger:
    def __init__(self, tagger, threshold: float = THRESHOLD):
        self._tagger = tagger
        self.threshold = threshold
        self._lock = threading.Lock()  # a crfsuite tagger holds one sequence at a time

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "AgendaTagger | None":
        if not Path(path).exists():
            return None
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return cls(tagger)

    def spans(self, features: list[list[str]], first: int) -> list[tuple[int, int]]:
        """Token ranges tagged as agenda phrases; ``first`` is the sentence's first token.

        A token is inside a phrase when the model's marginal probability of B or I reaches
        ``threshold`` (below 0.5 it finds more of the topics a best-path tagging leaves out)."""
        with self._lock:
            self._tagger.set(features)
            labels = []
            for k in range(len(features)):
                begin, inside = self._tagger.marginal(LABEL_BEGIN, k), self._tagger.marginal(LABEL_INSIDE, k)
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
