"""In-process benchmarks: Farasa segmentation alone, then the full extraction pipeline.

Both run over the same corpus and count the same words (whitespace-separated words
of the article texts), so their rates compare directly. The segmenter is fed what
the pipeline feeds it: the Arabic tokens of ``extractors.doc.tokenize``, diacritics
stripped. "Cold" passes start with the segmenter's learned memo emptied (the
model's own pre-segmented words stay), and the pipeline's cold passes with every memo of
its own emptied too (``forget_words``): each meets the corpus as a running service meets
words it has never seen; "warm" passes run after a pass over the same text.
"""
from __future__ import annotations

import gc
import time

from .corpus import Article, joined_article
from .stats import median, percentile


def _engine_memo(engine):
    memo = getattr(engine, "memo", None)
    return memo if memo is not None and hasattr(memo, "recent") else None


def clear_memo(engine) -> bool:
    """Forget every word the segmenter learned at run time; False if the engine has no memo."""
    memo = _engine_memo(engine)
    if memo is None:
        return False
    with memo._lock:
        memo.recent.clear()
    return True


def forget_words(pipeline) -> None:
    """Empty every memo of words the pipeline and its segmenter learned at run time."""
    from extractors.cache import forget_every_word

    clear_memo(pipeline.engine)
    forget_every_word()


def segmenter_input(articles: list[Article]) -> list[list[str]]:
    from extractors.doc import tokenize
    from extractors.normalize import strip_diacritics

    return [[strip_diacritics(t.text) for t in tokenize(a.text) if t.is_arabic] for a in articles]


def _segment_line_seconds(engine, articles: list[Article], passes: int) -> float | None:
    """Warm time of Farasa's own entry point, ``segmentLine(text)`` on whole article texts
    (it tokenises and strips diacritics itself): what calling the segmenter directly costs."""
    segmentation = getattr(engine, "_segmentation", None)
    if segmentation is None:
        return None
    texts = [a.text for a in articles]
    for text in texts:
        segmentation.segmentLine(text)
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            segmentation.segmentLine(text)
        times.append(time.perf_counter() - start)
    return median(times)


def bench_segmentation(engine, articles: list[Article], passes: int = 3, cold_passes: int = 3) -> dict:
    words = sum(a.words for a in articles)
    inputs = segmenter_input(articles)
    tokens = sum(len(w) for w in inputs)

    def one_pass() -> float:
        start = time.perf_counter()
        for batch in inputs:
            engine.segment_words(batch)
        return time.perf_counter() - start

    cold = []
    for _ in range(cold_passes):
        clear_memo(engine)
        cold.append(one_pass())
    one_pass()
    warm = [one_pass() for _ in range(passes)]
    cold_s, warm_s = median(cold), median(warm)
    memo = _engine_memo(engine)
    line_s = _segment_line_seconds(engine, articles, passes)
    return {
        "segment_line_s": line_s,
        "segment_line_words_per_s": words / line_s if line_s else None,
        "engine": engine.info.get("segmenter"),
        "articles": len(articles), "words": words, "tokens": tokens, "passes": passes, "cold_passes": cold_passes,
        "cold_s": cold_s, "warm_s": warm_s,
        "cold_words_per_s": words / cold_s, "warm_words_per_s": words / warm_s,
        "cold_tokens_per_s": tokens / cold_s, "warm_tokens_per_s": tokens / warm_s,
        "memo_learned": len(memo.recent) if memo is not None else None,
        "memo_limit": memo.limit if memo is not None else None,
    }


def _extract(pipeline, article: Article) -> float:
    start = time.perf_counter()
    pipeline.extract(article.text, title=article.title, published_at=article.published_at, url=article.url)
    return (time.perf_counter() - start) * 1000


def bench_pipeline(pipeline, articles: list[Article], passes: int = 3, runs_600: int = 30,
                   size_runs: int = 5, sizes=(200, 600, 1000, 2000, 3000), cold_passes: int = 3) -> dict:
    words = sum(a.words for a in articles)

    # cold: the median of passes each after every learned word is forgotten (one pass is
    # noisy on a shared machine; the first pass of a new pipeline also pays one-time costs)
    cold = []
    for _ in range(cold_passes):
        forget_words(pipeline)
        start = time.perf_counter()
        for article in articles:
            _extract(pipeline, article)
        cold.append(time.perf_counter() - start)
    cold_s = median(cold)

    # warm: several passes, every article's time kept
    latencies, pass_times = [], []
    for _ in range(passes):
        start = time.perf_counter()
        for article in articles:
            latencies.append(_extract(pipeline, article))
        pass_times.append(time.perf_counter() - start)
    warm_s = median(pass_times)

    # the 600-word article after warm-up
    article_600 = joined_article(600)
    for _ in range(3):
        _extract(pipeline, article_600)
    times_600 = [_extract(pipeline, article_600) for _ in range(runs_600)]

    # how time grows with length
    by_size = []
    for size in sizes:
        article = joined_article(size)
        _extract(pipeline, article)
        times = [_extract(pipeline, article) for _ in range(size_runs)]
        by_size.append({"size": size, "words": article.words, "median_ms": median(times),
                        "words_per_s": article.words / (median(times) / 1000)})
    gc.collect()
    return {
        "articles": len(articles), "words": words, "passes": passes, "cold_passes": cold_passes,
        "cold_s": cold_s, "warm_s": warm_s,
        "cold_words_per_s": words / cold_s, "warm_words_per_s": words / warm_s,
        "warm_articles_per_s": len(articles) / warm_s,
        "median_ms": median(latencies), "p99_ms": percentile(latencies, 99), "max_ms": max(latencies),
        "article_600": {"words": article_600.words, "runs": runs_600, "median_ms": median(times_600),
                        "p99_ms": percentile(times_600, 99)},
        "by_size": by_size,
    }


def article_rate(pipeline, article: Article, runs: int = 10) -> dict:
    """Articles per second for one article, single thread, warm."""
    for _ in range(2):
        _extract(pipeline, article)
    times = [_extract(pipeline, article) for _ in range(runs)]
    ms = median(times)
    return {"words": article.words, "runs": runs, "median_ms": ms, "articles_per_s": 1000 / ms}
