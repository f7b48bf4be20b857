"""Fixed data splits, so every trainer and every report agree on what was held out.

The validation split is a fifth of ``train.jsonl`` chosen by a hash of the article id: it
never enters training and is only ever scored in aggregate. Cross-validation folds over the
rest (train minus validation, plus dev) are chosen the same way, so they never change when
articles are added.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

FOLDS = 5


def _bucket(article_id: str, salt: str, n: int) -> int:
    digest = hashlib.sha1(f"{salt}:{article_id}".encode("utf-8")).hexdigest()
    return int(digest, 16) % n


def is_validation(article_id: str) -> bool:
    """True for the train.jsonl articles kept aside (about one in five); callers pass train ids only."""
    return _bucket(str(article_id), "validation", 5) == 0


def fold_of(article_id: str, folds: int = FOLDS) -> int:
    return _bucket(str(article_id), "fold", folds)


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def development_articles(shared: Path) -> list[dict]:
    """train.jsonl minus the validation split, plus dev.jsonl: what learned parts train on."""
    train = [a for a in read_jsonl(shared / "eval" / "train.jsonl") if not is_validation(a["id"])]
    return train + read_jsonl(shared / "eval" / "dev.jsonl")


def validation_articles(shared: Path) -> list[dict]:
    return [a for a in read_jsonl(shared / "eval" / "train.jsonl") if is_validation(a["id"])]
