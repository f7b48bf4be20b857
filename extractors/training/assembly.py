"""Train the event-assembly models from the gold events: ``python -m extractors.training.assembly``.

Participants: each report's candidates (see ``extractors.participants``) are labelled by aligning the report
with the gold event whose participants it names most (the shared scorer's name matching):
candidates naming one of that event's participants are positive, the others negative; a
report that names no gold event's participants teaches the model to drop its parties. Reports
aligned with an optional (planned, denied) gold event teach nothing: the scorer ignores them.

Merging: each report is aligned with the gold event its rule-chosen parties name most; a
(report, event so far) pair is positive when the event's reports are aligned with the same
gold event, negative when with another; unaligned reports teach nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

from extractors.participants import MERGE_MODEL_PATH, MODEL_PATH, LinearModel

from .splits import development_articles

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = 13
# Chosen by cross-validation (``make eval``), never on the validation split.
PARTICIPANT_SETTINGS = {"c": 0.3, "threshold": 1.01, "keep_threshold": 0.05}
MERGE_SETTINGS = {"c": 0.3, "threshold": 0.3}


@lru_cache(maxsize=1)
def scorer(shared: Path = DEFAULT_SHARED):
    """The shared scorer, imported from ``../shared/eval/score.py`` (training time only)."""
    spec = importlib.util.spec_from_file_location("shared_score", Path(shared) / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collecting_pipeline():
    from extractors.pipeline import Pipeline

    return Pipeline(participant_model=None, merge_model=None, agenda_model=None, collect=True)


def _names(candidate) -> list[str]:
    """Forms that may match a gold participant: a delegation stands for its named members."""
    entity = candidate.entity
    return [entity.name] + [m.text for m in entity.mentions] + [m.name for m in entity.members]


def _matches(score, candidate, aliases) -> bool:
    return any(score.name_match(n, aliases) for n in _names(candidate))


def label_report(score, candidates, gold_events) -> list[int] | None:
    """0/1 per candidate, or None when the report should teach nothing."""
    best, best_hits = None, 0
    for g in gold_events:
        hits = sum(any(_matches(score, c, aliases) for c in candidates) for aliases in g["participants"])
        if hits > best_hits:
            best, best_hits = g, hits
    if best is None or best_hits < 2 and best["type"] != "visit":
        return [0] * len(candidates)
    if best.get("optional"):
        return None
    return [int(any(_matches(score, c, aliases) for aliases in best["participants"])) for c in candidates]


def align_report(score, report, entities, gold_events):
    """Index of the gold event the report's parties name most (type breaks ties), or None."""
    names = [[entities[e].name] + [m.text for m in entities[e].mentions] for e in report.order]
    best, best_key = None, (0, False)
    for k, g in enumerate(gold_events):
        hits = sum(any(any(score.name_match(n, aliases) for n in forms) for forms in names)
                   for aliases in g["participants"])
        key = (hits, g["type"] == report.type)
        if hits and key > best_key:
            best, best_key = k, key
    return best


def examples(articles, pipeline=None, score=None):
    """Participant rows and merge rows: (features, label, article id)."""
    pipeline = pipeline or collecting_pipeline()
    score = score or scorer()
    participants, merges = [], []
    for article in articles:
        doc = pipeline(article["text"], title=article.get("title"), published_at=article.get("published_at"))
        for report, candidates in doc.candidates:
            labels = label_report(score, candidates, article["events"])
            if labels is None:
                continue
            participants += [(c.features, y, article["id"]) for c, y in zip(candidates, labels)]
        entities = {e.id: e for e in doc.entities}
        aligned = {}
        for report, options in doc.merge_candidates:
            aligned[id(report)] = align_report(score, report, entities, article["events"])
        for report, options in doc.merge_candidates:
            mine = aligned[id(report)]
            if mine is None:
                continue
            for event_reports, features in options:
                theirs = [aligned[id(x)] for x in event_reports if aligned.get(id(x)) is not None]
                if theirs:
                    merges.append((features, int(max(set(theirs), key=theirs.count) == mine), article["id"]))
    return participants, merges


def fit(rows, c: float = 1.0, threshold: float = 0.5, keep_threshold: float | None = None) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _, _ in rows])
    y = [label for _, label, _ in rows]
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) > 1e-5}
    return LinearModel(weights, round(float(model.intercept_[0]), 5), threshold,
                       {"examples": len(rows), "positives": int(sum(y)), "C": c}, keep_threshold)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractors.training.assembly", description=__doc__)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = ap.parse_args(argv)
    participant_rows, merge_rows = examples(development_articles(args.shared), score=scorer(args.shared))
    for name, rows, path, settings in (("participant", participant_rows, MODEL_PATH, PARTICIPANT_SETTINGS),
                                       ("merge", merge_rows, MERGE_MODEL_PATH, MERGE_SETTINGS)):
        model = fit(rows, **settings)
        model.save(path)
        print(f"{name} model: {len(rows)} examples ({model.meta['positives']} positive), "
              f"{len(model.weights)} weights → {path.relative_to(path.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
