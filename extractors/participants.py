"""Who took part in a reported interaction: rules propose candidates, a trained model decides.

For each report (a trigger and its clause) every person, delegation, organisation and country
named in its sentence, or the subject of the sentence before, is a candidate. The rules'
own choice is one feature among many (distance, side of the trigger, the particles in
between, kind of entity, title, mention kind, clause membership…); a logistic model trained
on the gold events (``make model``) weighs them. Its weights are a small JSON file read at
start-up, so serving needs no machine-learning library.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from itertools import repeat
from operator import mul
from pathlib import Path

from .normalize import normalize
from .wordclasses import COMMA, PARTY_CUE

MODELS_DIR = Path(__file__).parent / "models"
MODEL_PATH = MODELS_DIR / "participants.json"
MERGE_MODEL_PATH = MODELS_DIR / "merge.json"
PARTY_KINDS = ("person", "delegation", "org", "country")


@dataclass
class Candidate:
    entity: object
    mention: object
    chosen_by_rules: bool
    features: dict


class LinearModel:
    """A logistic model over named features; ``probability`` is its decision score."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5, meta: dict | None = None,
                 keep_threshold: float | None = None):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        # what the rules already chose stays unless the model is surer than this that it is wrong
        self.keep_threshold = threshold if keep_threshold is None else keep_threshold
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "LinearModel | None":
        if not Path(path).exists():
            return None
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(data["weights"], data["bias"], data.get("threshold", 0.5), data.get("meta"),
                   data.get("keep_threshold"))

    def save(self, path: Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        data = {"bias": self.bias, "threshold": self.threshold, "keep_threshold": self.keep_threshold, "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=0, sort_keys=False)
            fh.write("\n")

    def probability(self, features: dict) -> float:
        # the same products summed in the same order as a generator would, without its frames
        z = self.bias + sum(map(mul, map(self.weights.get, features, repeat(0.0)), features.values()))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, features: dict, chosen_by_rules: bool = False) -> bool:
        return self.admits(self.probability(features), chosen_by_rules)

    def admits(self, probability: float, chosen_by_rules: bool = False) -> bool:
        """``accepts`` for features whose probability the caller has."""
        return probability >= (self.keep_threshold if chosen_by_rules else self.threshold)


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8, 12, 20)) -> str:
    """The first of the (ascending) ``edges`` that ``n`` does not pass, "far" past the last."""
    at = bisect_left(edges, n)
    return str(edges[at]) if at < len(edges) else "far"


def candidate_features(doc, report, entity, mention, chosen_by_rules: bool, cues) -> dict:
    """Features of one (report, entity) pair; ``cues`` holds the word classes the rules use."""
    toks = doc.tokens
    trig = report.trigger.i
    f = {"bias_kind=" + entity.kind: 1.0, "rules": 1.0 if chosen_by_rules else 0.0,
         "type=" + report.type: 1.0, "verb" if report.verb else "noun": 1.0}
    f[f"rules&kind={entity.kind}"] = f["rules"]
    f[f"rules&type={report.type}"] = f["rules"]
    side = "before" if mention.first < trig else "after"
    gap = (trig - mention.last) if side == "before" else (mention.first - trig - 1)
    f["side=" + side] = 1.0
    f[f"dist={_bucket(max(0, gap))}"] = 1.0
    f[f"side&kind={side}&{entity.kind}"] = 1.0
    sentence = doc.sentences[report.sentence]
    if mention.first < sentence.first:
        f["previous_sentence"] = 1.0
    elif report.first <= mention.first < report.last:
        f["in_clause"] = 1.0
        if mention.first >= report.party_first:
            f["in_party_zone"] = 1.0
    else:
        f["other_clause"] = 1.0
    f["mention=" + mention.kind] = 1.0
    if entity.kind == "person":
        f["titled" if entity.title else "untitled"] = 1.0
        if entity.country:
            f["has_country"] = 1.0
        if entity.speaker_only:
            f["speaker"] = 1.0
    first_tok = toks[mention.first]
    if first_tok.clitic_len:
        f["clitic=" + first_tok.text[: first_tok.clitic_len][:2]] = 1.0
    for offset in (1, 2):
        k = mention.first - offset
        if k >= 0:
            f[f"prev{offset}=" + (toks[k].bare or toks[k].text)] = 1.0
    lo, hi = (mention.last, trig) if side == "before" else (trig + 1, mention.first)
    # the words between are read where the document's indexes say something stands (most
    # words between name no one and set no flag)
    starts, people = _people_starts(doc)
    people_between = sum(1 for other in people[bisect_left(starts, lo):bisect_left(starts, hi)] if other is not entity)
    f[f"people_between={_bucket(people_between, (0, 1, 2))}"] = 1.0
    # a country or body is a party mostly when no person of it is named (وقعت مصر والسعودية)
    people_here = _people_in_sentence(doc, report.sentence)
    f[f"kind&people_in_sentence={entity.kind}&{_bucket(people_here, (0, 1, 2))}"] = 1.0
    # the words of class PARTY_CUE are those of the cue sets (bare or as written) and colons
    for k in doc.positions_in(doc.with_class(PARTY_CUE), lo, hi):
        t = toks[k]
        if t.norm in cues.with_words or t.bare in cues.with_words:
            f["with_between"] = 1.0
        if t.bare in cues.party_boundary or t.norm in cues.party_boundary:
            f["boundary_between"] = 1.0
        if t.bare in cues.attendance or t.norm in cues.attendance:
            f["attendance_between"] = 1.0
        if t.bare in cues.subordinators:
            f["subordinator_between"] = 1.0
        if t.text in "؛:":
            f["colon_between"] = 1.0
    f[f"commas_between={_bucket(len(doc.positions_in(doc.with_class(COMMA), lo, hi)), (0, 1, 2, 4))}"] = 1.0
    f["trigger=" + report.trigger.bare] = 1.0
    mentions = len(entity.mentions)
    f[f"mentions={_bucket(mentions, (1, 2, 3, 5))}"] = 1.0
    if doc.title and entity.kind == "person":
        if entity.key.split()[-1] in _headline_words(doc):
            f["in_headline"] = 1.0
    return f


def _people_starts(doc) -> tuple[list[int], list]:
    """Where the mentions of people and delegations start, in order, and their entities (once
    per document)."""
    def find():
        found = sorted((k, hit[0]) for k, hit in doc.mention_index.items()
                       if hit[1].first == k and hit[0].kind in ("person", "delegation"))
        return [k for k, _ in found], [entity for _, entity in found]
    return doc.derive("people starts", find)


def _people_in_sentence(doc, s_index: int) -> int:
    """How many people (or delegations) a sentence names, each once (asked for every candidate)."""
    key = ("people_in_sentence", s_index)
    count = doc.derived.get(key)
    if count is None:
        sentence, starts = doc.sentences[s_index], _people_starts(doc)[0]
        count = doc.derived[key] = bisect_left(starts, sentence.last) - bisect_left(starts, sentence.first)
    return count


def _headline_words(doc) -> list[str]:
    """The normalised words of the document's title (computed once per document)."""
    words = doc.derived.get("headline_words")
    if words is None:
        words = doc.derived["headline_words"] = normalize(doc.title).split()
    return words


def merge_features(r, e, shared: int, mine: int, theirs: int, chosen_by_rules: bool, recency: int = 0) -> dict:
    """Features of "report ``r`` is another account of event ``e``" (same article); ``recency``
    ranks ``e`` among the events ``r`` may join, the latest reported first."""
    last = e.reports[-1]
    f = {"rules": 1.0 if chosen_by_rules else 0.0, "type=" + r.type: 1.0, f"recency={min(recency, 2)}": 1.0,
         f"shared={_bucket(shared, (0, 1, 2))}": 1.0, f"mine={_bucket(mine, (0, 1, 2))}": 1.0,
         f"theirs={_bucket(theirs, (0, 1, 2, 3))}": 1.0,
         f"gap={_bucket(r.sentence - last.sentence, (0, 1, 2, 4, 6))}": 1.0}
    if mine and shared == mine:
        f["mine_within_theirs"] = 1.0
    f["verb" if r.verb else "noun"] = 1.0
    if r.verb and any(x.verb for x in e.reports):
        f["both_verbs"] = 1.0
    if r.trigger.has_article:
        f["definite_trigger"] = 1.0
    if any(x.trigger.bare == r.trigger.bare for x in e.reports):
        f["same_trigger_word"] = 1.0
    if r.sentence == last.sentence:
        f["same_sentence"] = 1.0
    if r.time is not None and e.time is not None:
        f["same_date" if r.time.date == e.time.date else "other_date"] = 1.0
    mine_place = (r.location or {}).get("name")
    their_place = (e.location or {}).get("name")
    if mine_place and their_place:
        f["same_place" if mine_place == their_place else "other_place"] = 1.0
    return f
