"""The entity tagger alone: ``python -m bench.tagger [--runs N]``.

Prints the model file's size, its load time (model, lexicons and gazetteers, in a fresh
process), and the median time of ``EntityTagger.tag`` on the joined 600-word article after
``Pipeline.make_doc`` (segmentation not counted): cold (word-feature cache empty) and warm.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time

from .corpus import ROOT, by_size
from .stats import median

LOAD_SNIPPET = (
    "import time; t = time.perf_counter(); from extractors.tagger import EntityTagger; "
    "EntityTagger.load(); print(time.perf_counter() - t)"
)


def load_seconds() -> float:
    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)

    from extractors.pipeline import Pipeline
    from extractors.tagger import MODEL_PATH, EntityTagger

    pipeline = Pipeline()
    tagger = EntityTagger.load()
    article = by_size(600)
    doc = pipeline.make_doc(article.text)
    start = time.perf_counter()
    spans = tagger.tag(doc)
    cold_ms = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(args.runs):
        start = time.perf_counter()
        tagger.tag(doc)
        warm.append((time.perf_counter() - start) * 1000)
    print(f"model            {MODEL_PATH.stat().st_size / 1e6:.1f} MB")
    print(f"load             {load_seconds():.2f} s (model, lexicons, gazetteers; fresh process)")
    print(f"600-word article {article.words} words, {len(doc.tokens)} tokens, {len(spans)} entities")
    print(f"tag, cold        {cold_ms:.1f} ms (word-feature cache empty)")
    print(f"tag, warm        {median(warm):.1f} ms median of {args.runs}")


if __name__ == "__main__":
    main()
