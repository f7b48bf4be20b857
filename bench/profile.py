"""Where the pipeline spends its time: cProfile over warm passes of the benchmark corpus.

    python -m bench.profile [--passes 5] [--top 25] [--cold] [--out FILE.prof]

Prints the functions with the most own time (tottime) and the most cumulative time
inside ``extractors/`` and the Farasa package, with file:function names.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys

from .corpus import corpus
from .inprocess import forget_words


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--cold", action="store_true", help="forget every word the pipeline and segmenter learned before each pass")
    parser.add_argument("--out", help="also save the raw profile (for snakeviz, pstats)")
    args = parser.parse_args(argv)

    from extractors import get_pipeline

    pipeline = get_pipeline()
    articles = corpus()
    for article in articles:  # warm-up outside the profile
        pipeline.extract(article.text, title=article.title, published_at=article.published_at)
    profiler = cProfile.Profile()
    for _ in range(args.passes):
        if args.cold:
            forget_words(pipeline)
        profiler.enable()
        for article in articles:
            pipeline.extract(article.text, title=article.title, published_at=article.published_at)
        profiler.disable()
    if args.out:
        profiler.dump_stats(args.out)
    print(stage_times(pipeline, articles, args.passes, args.cold))
    words = sum(a.words for a in articles) * args.passes
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer)
        stats.sort_stats(key).print_stats(args.top)
        print(f"== top {args.top} by {title} ({args.passes} passes, {words:,} words, "
              f"{'cold' if args.cold else 'warm'} memo)")
        print(_shorten(buffer.getvalue()))
    return 0


def stage_times(pipeline, articles, passes: int, cold: bool) -> str:
    """Wall time per pipeline step (unprofiled), from the steps ``Pipeline.make_doc`` runs."""
    import time

    from extractors.doc import Doc, split_sentences
    from extractors.pipeline import parse_published_at

    steps = ["tokenize+segment", "sentences"] + [type(s).__name__ for s in pipeline._stages]
    spent = dict.fromkeys(steps, 0.0)
    for _ in range(passes):
        if cold:
            forget_words(pipeline)
        for a in articles:
            doc = Doc(a.text, a.title, parse_published_at(a.published_at), a.url)
            t0 = time.perf_counter()
            pipeline.segment(doc)   # tokens, with their segments
            t1 = time.perf_counter()
            doc.sentences = split_sentences(a.text, doc.tokens)
            t2 = time.perf_counter()
            doc.engine_info = pipeline.engine.info
            spent["tokenize+segment"] += t1 - t0
            spent["sentences"] += t2 - t1
            for stage in pipeline._stages:
                t = time.perf_counter()
                stage(doc)
                spent[type(stage).__name__] += time.perf_counter() - t
    total = sum(spent.values())
    lines = [f"== time per step, unprofiled ({passes} passes, {'cold' if cold else 'warm'} memo)"]
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        lines.append(f"{name:>16} {seconds * 1000:9.1f} ms {100 * seconds / total:5.1f} %")
    return "\n".join(lines)


def _shorten(text: str) -> str:
    """Paths relative to the package roots, so lines read extractors/entities.py:123(fn)."""
    out = []
    for line in text.splitlines():
        for marker in ("/site-packages/", "/work/main/", "/lib/python3"):
            if marker in line:
                head, _, tail = line.partition(marker)
                # keep the leading columns, drop the directory part of the path
                cols = head.rsplit(" ", 1)
                line = (cols[0] + " " if len(cols) > 1 else "") + (tail if marker != "/lib/python3" else "python3" + tail)
                break
        out.append(line)
    return "\n".join(l for l in out if l.strip())


if __name__ == "__main__":
    sys.exit(main())
