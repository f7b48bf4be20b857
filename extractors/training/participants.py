"""Train the participant model from the gold events: ``python -m extractors.training.participants``.

Each report's candidates (see ``extractors.participants``) are labelled by aligning the report
with the gold event whose participants it names most (the shared scorer's name matching):
candidates naming one of that event's participants are positive, the others negative; a
report that names no gold event's participants teaches the model to drop its parties. Reports
aligned with an optional (planned, denied) gold event teach nothing: the scorer ignores them.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

from extractors.participants import MODEL_PATH, ParticipantModel

from .splits import development_articles

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = 13


@lru_cache(maxsize=1)
def scorer(shared: Path = DEFAULT_SHARED):
    """The shared scorer, imported from ``../shared/eval/score.py`` (training time only)."""
    spec = importlib.util.spec_from_file_location("shared_score", Path(shared) / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collecting_pipeline():
    from extractors.pipeline import Pipeline

    return Pipeline(participant_model=None, collect=True)


def _names(candidate) -> list[str]:
    return [candidate.entity.name] + [m.text for m in candidate.entity.mentions]


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


def examples(articles, pipeline=None, score=None):
    """(features, label, article id) for every candidate of every report."""
    pipeline = pipeline or collecting_pipeline()
    score = score or scorer()
    out = []
    for article in articles:
        doc = pipeline(article["text"], title=article.get("title"), published_at=article.get("published_at"))
        for report, candidates in doc.candidates:
            labels = label_report(score, candidates, article["events"])
            if labels is None:
                continue
            out += [(c.features, y, article["id"]) for c, y in zip(candidates, labels)]
    return out


def fit(rows, c: float = 1.0, threshold: float = 0.5) -> ParticipantModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _, _ in rows])
    y = [label for _, label, _ in rows]
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) > 1e-5}
    return ParticipantModel(weights, round(float(model.intercept_[0]), 5), threshold,
                            {"examples": len(rows), "positives": int(sum(y)), "C": c})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractors.training.participants", description=__doc__)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("-C", type=float, default=1.0)
    args = ap.parse_args(argv)
    rows = examples(development_articles(args.shared), score=scorer(args.shared))
    model = fit(rows, args.C)
    model.save(args.out)
    print(f"participant model: {len(rows)} candidates ({model.meta['positives']} positive), "
          f"{len(model.weights)} weights → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
