"""Memory flood: unique random Arabic-letter words through the pipeline, RSS before and after.

Every word is new to the segmenter, so each one would stay in an unbounded memo;
with the bounded memo (``FARASA_MEMO_LIMIT``) resident memory should level off.
Runs in its own process so the figures are that process's alone:

    python -m bench.flood --tokens 200000 [--json]
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time

from .corpus import shared_articles
from .stats import hwm_kib, mib, rss_kib

# The 28 base letters plus hamza forms, ta marbuta and alef maqsura.
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى"
WORDS_PER_ARTICLE = 1000
WORDS_PER_SENTENCE = 15


def unique_words(count: int, seed: int = 20201227):
    """``count`` distinct random words of 3 to 9 letters (a generator; bounded attempts)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    attempts = 0
    while len(seen) < count and attempts < count * 20:
        attempts += 1
        word = "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 9)))
        if word not in seen:
            seen.add(word)
            yield word


def articles_of(words, per_article: int = WORDS_PER_ARTICLE):
    batch: list[str] = []
    for word in words:
        batch.append(word)
        if len(batch) % WORDS_PER_SENTENCE == 0:
            batch[-1] += "."
        if len(batch) == per_article:
            yield " ".join(batch), len(batch)
            batch = []
    if batch:
        yield " ".join(batch), len(batch)


def module_containers(prefixes=("farasa", "extractors")) -> dict[str, int]:
    """Sizes of the dicts, lists and sets held at module level by the NLP packages."""
    sizes = {}
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(prefixes):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, (dict, list, set)) or type(value).__name__ == "BoundedMemo":
                try:
                    sizes[f"{name}.{attr}"] = len(value)
                except TypeError:
                    pass
    return sizes


def _limit_of(qualified: str):
    """The bound of a module-level BoundedMemo (None for a plain, unbounded container)."""
    module, _, attr = qualified.rpartition(".")
    return getattr(getattr(sys.modules.get(module), attr, None), "limit", None)


def run(tokens: int, checkpoints: int = 4) -> dict:
    from extractors import get_pipeline

    pipeline = get_pipeline()
    for article in shared_articles():  # warm-up: the service's steady state
        pipeline.extract(article.text, title=article.title, published_at=article.published_at)
    gc.collect()
    containers_before = module_containers()
    before = rss_kib()
    memo = getattr(pipeline.engine, "memo", None)
    step = max(1, tokens // checkpoints)
    curve = []
    fed = 0
    next_mark = step
    start = time.perf_counter()
    for text, n in articles_of(unique_words(tokens)):
        pipeline.extract(text)
        fed += n
        if fed >= next_mark:
            curve.append({"tokens": fed, "rss_mib": round(mib(rss_kib()), 1)})
            next_mark += step
    elapsed = time.perf_counter() - start
    gc.collect()
    after = rss_kib()
    containers_after = module_containers()
    # module-level caches that grew by more than a tenth of the words fed: unbounded suspects
    grown = {name: [containers_before.get(name, 0), size, _limit_of(name)] for name, size in containers_after.items()
             if size - containers_before.get(name, 0) > fed / 10}
    return {
        "tokens": fed, "elapsed_s": round(elapsed, 2), "tokens_per_s": round(fed / elapsed, 1) if elapsed else None,
        "rss_before_mib": round(mib(before), 1), "rss_after_mib": round(mib(after), 1),
        "growth_mib": round(mib(after - before), 1), "peak_rss_mib": round(mib(hwm_kib()), 1),
        "memo_learned": len(memo.recent) if memo is not None and hasattr(memo, "recent") else None,
        "memo_limit": getattr(memo, "limit", None), "curve": curve, "grown_module_caches": grown,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.flood", description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=200_000)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    result = run(args.tokens)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>16}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
