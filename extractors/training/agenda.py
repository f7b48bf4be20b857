"""Train the agenda tagger from the gold agenda phrases: ``python -m extractors.training.agenda``.

Each gold agenda phrase is found in its article's text (it is copied from it); the tokens it
covers are labelled B/I, every other token of the sentences that hold a trigger or a gold
phrase O (features: see ``extractors.agenda``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extractors.agenda import LABEL_BEGIN, LABEL_INSIDE, LABEL_OUTSIDE, MODEL_PATH, AgendaTagger

from .assembly import DEFAULT_SHARED
from .splits import development_articles

# Chosen by cross-validation (``make eval``).
SETTINGS = {"c1": 0.5, "c2": 0.01, "max_iterations": 1000, "feature.possible_transitions": True}


def _gold_spans(article) -> list[tuple[int, int]]:
    text = article["text"]
    spans = []
    for event in article["events"]:
        for phrase in event.get("agenda") or []:
            at = text.find(phrase)
            while at >= 0:
                spans.append((at, at + len(phrase)))
                at = text.find(phrase, at + 1)
    return spans


_PIPELINE = []


def _rules_pipeline():
    from extractors.pipeline import Pipeline

    if not _PIPELINE:
        _PIPELINE.append(Pipeline(participant_model=None, merge_model=None, agenda_model=None))
    return _PIPELINE[0]


def sequences(articles, pipeline=None):
    """(features, labels) per sentence that holds a trigger or a gold agenda phrase."""
    pipeline = pipeline or _rules_pipeline()
    builder = pipeline._stages[-1]
    out = []
    for article in articles:
        doc = pipeline(article["text"], title=article.get("title"), published_at=article.get("published_at"))
        gold = _gold_spans(article)
        for s_index, sentence in enumerate(doc.sentences):
            labels = []
            for k in range(sentence.first, sentence.last):
                tok = doc.tokens[k]
                inside = next((g for g in gold if g[0] < tok.end and tok.start < g[1]), None)
                if inside is None:
                    labels.append(LABEL_OUTSIDE)
                elif labels and labels[-1] != LABEL_OUTSIDE and doc.tokens[k - 1].end > inside[0]:
                    labels.append(LABEL_INSIDE)
                else:
                    labels.append(LABEL_BEGIN)
            has_trigger = any(sentence.first <= k < sentence.last for k in doc.trigger_tokens)
            if has_trigger or LABEL_BEGIN in labels:
                out.append((builder.agenda_features(doc, s_index), labels))
    return out


def train(seqs, path: Path = MODEL_PATH, settings=None) -> AgendaTagger:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in seqs:
        trainer.append(features, labels)
    trainer.set_params(settings or SETTINGS)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return AgendaTagger.load(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractors.training.agenda", description=__doc__)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = ap.parse_args(argv)
    seqs = sequences(development_articles(args.shared))
    train(seqs)
    print(f"agenda tagger: {len(seqs)} sentences, "
          f"{sum(l.count(LABEL_BEGIN) for _, l in seqs)} phrases → {MODEL_PATH.relative_to(MODEL_PATH.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
