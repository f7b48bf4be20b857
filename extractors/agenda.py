"""What was discussed or agreed: a CRF tags agenda phrases, with the rules' phrases as features.

The rules (``events.find_agenda``) find phrases after cue words (بحث، تناول، لبحث…); the tagger
reads them as one feature among the words, their neighbours, the trigger's distance, people
and times, and learns from the gold agenda spans (``make model``) where phrases are; an event
gets the rules' phrases and the tagger's. Each sentence is tagged once per document.
"""
from __future__ import annotations

import threading
from pathlib import Path

MODEL_PATH = Path(__file__).parent / "models" / "agenda.crfsuite"
LABEL_BEGIN, LABEL_INSIDE, LABEL_OUTSIDE = "B", "I", "O"


def _bucket(n: int) -> str:
    for edge in (0, 1, 2, 4, 8, 16):
        if n <= edge:
            return str(edge)
    return "far"


def sentence_features(doc, sentence, rule_tokens: set[int], trigger_tokens: set[int], cues) -> list[list[str]]:
    """One feature list per token of ``sentence`` (crfsuite's string attributes)."""
    toks = doc.tokens
    index = doc.mention_index
    times = doc.time_tokens
    triggers = sorted(trigger_tokens)
    rows = []
    for k in range(sentence.first, sentence.last):
        t = toks[k]
        word = t.bare or t.norm
        f = ["w=" + word, "stem=" + t.stem, "suf=" + word[-2:], "pre=" + word[:2]]
        if not t.is_arabic:
            f.append("punct=" + t.text if len(t.text) == 1 else "nonarabic")
        if t.has_article:
            f.append("article")
        if t.clitic_len:
            f.append("clitic=" + t.text[0])
        if k in rule_tokens:
            f.append("rule_agenda")
        if t.bare in cues or t.norm in cues:
            f.append("cue")
        hit = index.get(k)
        if hit is not None:
            f.append("entity=" + hit[0].kind)
        if k in times:
            f.append("time")
        if triggers:
            before = [j for j in triggers if j <= k]
            if before:
                f.append("after_trigger=" + _bucket(k - before[-1]))
            else:
                f.append("before_trigger")
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if sentence.first <= j < sentence.last:
                f.append(f"w{offset:+d}=" + (toks[j].bare or toks[j].norm))
                if j in rule_tokens:
                    f.append(f"rule{offset:+d}")
            else:
                f.append(f"edge{offset:+d}")
        rows.append(f)
    return rows


class AgendaTagger:
    def __init__(self, tagger):
        self._tagger = tagger
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
        """Token ranges tagged as agenda phrases; ``first`` is the sentence's first token."""
        with self._lock:
            labels = self._tagger.tag(features)
        out, start = [], None
        for k, label in enumerate(labels + [LABEL_OUTSIDE]):
            if start is not None and label != LABEL_INSIDE:
                out.append((first + start, first + k))
                start = None
            if label == LABEL_BEGIN or label == LABEL_INSIDE and start is None:
                start = k
        return out
