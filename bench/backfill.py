"""Backfill throughput: ``python -m bench.backfill [--articles 20000] [--workers 1,2]``.

A synthetic archive (``bench.archive``) goes through ``extractors.backfill`` on a LocalCluster
of 1 then 2 workers, each run into a new output folder; the same archive goes through the
pipeline in one plain process (own interpreter, cold like a new worker) for comparison.
Prints JSON; ``python -m bench`` shows it as a table section.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extractors.backfill import DEFAULT_PARTITION_WORDS

from .archive import synthetic_archive, write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mib() -> float:
    """This process's peak resident memory: ``VmHWM`` of its own address space. Not
    ``ru_maxrss``, which Linux carries over exec from the parent: a worker started by a big
    nanny would report the nanny's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def in_process(path: Path) -> dict:
    """The pipeline on every article of ``path`` in this process, timed after loading it."""
    from extractors import get_pipeline

    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pipeline = get_pipeline()
    started, cpu_started = time.perf_counter(), time.process_time()
    for article in articles:
        pipeline.extract(article["text"], title=article["title"], published_at=article["published_at"],
                         url=article["url"])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    words = sum(len(a["text"].split()) for a in articles)
    return {"words_per_s": words / seconds, "words_per_cpu_s": words / cpu, "seconds": seconds,
            "peak_rss_mib": peak_rss_mib()}


def on_cluster(path: Path, workers: int, partition_words: int) -> dict:
    """One backfill of ``path`` on a new LocalCluster of ``workers`` processes."""
    from distributed import Client

    from extractors.backfill import PipelinePreload, local_cluster, run_backfill

    with tempfile.TemporaryDirectory() as out, local_cluster(workers, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.register_plugin(PipelinePreload())
        driver_cpu = time.process_time()
        summary = run_backfill(client, [str(path)], out, partition_words)
        driver_cpu = time.process_time() - driver_cpu
        rss = sorted(client.run(peak_rss_mib).values())
    return {"workers": workers, "words_per_s": summary.words_per_second, "seconds": summary.seconds,
            "articles": summary.articles, "words": summary.words, "events": summary.events,
            "partitions": summary.partitions, "failed": summary.failed,
            "articles_per_s": summary.articles / summary.seconds, "peak_rss_mib_per_worker": rss,
            "words_per_worker_cpu_s": summary.words / summary.cpu_seconds,
            "driver_cpu_s": driver_cpu, "worker_cpu_s": summary.cpu_seconds,
            "write_share": summary.write_seconds / (summary.extract_seconds + summary.write_seconds)}


def load_average() -> str:
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(articles: int = 20_000, worker_counts=(1, 2), partition_words: int | None = None, log=print) -> dict:
    """Figures of the in-process pipeline and of backfills on each worker count. Tasks default to
    the backfill's 50,000 words, smaller for small archives so 2 workers get 16 tasks each."""
    archive = synthetic_archive(articles)
    words = sum(len(a["text"].split()) for a in archive)
    partition_words = partition_words or max(2_000, min(DEFAULT_PARTITION_WORDS, words // (16 * max(worker_counts))))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(archive, Path(tmp) / "archive.jsonl")
        log(f"  synthetic archive: {len(archive):,} articles, {words:,} words")
        log("  in-process pipeline (own process)")
        done = subprocess.run([sys.executable, "-m", "bench.backfill", "--in-process", str(path)], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        result = {"articles": len(archive), "partition_words": partition_words, "loadavg_before": load_average(),
                  "in_process": json.loads(done.stdout.splitlines()[-1]), "runs": []}
        for workers in worker_counts:
            log(f"  backfill on {workers} worker(s)")
            result["runs"].append({**on_cluster(path, workers, partition_words), "loadavg_after": load_average()})
    by_workers = {r["workers"]: r for r in result["runs"]}
    if 1 in by_workers:
        one = by_workers[1]
        result["per_worker_over_in_process"] = one["words_per_s"] / result["in_process"]["words_per_s"]
        result["per_worker_cpu_over_in_process"] = \
            one["words_per_worker_cpu_s"] / result["in_process"]["words_per_cpu_s"]
        result["hours_per_million_articles_per_worker"] = 1e6 / one["articles_per_s"] / 3600
        if 2 in by_workers:
            result["scaling_2_over_1"] = by_workers[2]["words_per_s"] / one["words_per_s"]
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.backfill", description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--partition-words", type=int, help="words per task (default: see run())")
    ap.add_argument("--in-process", metavar="JSONL", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.in_process:
        print(json.dumps(in_process(Path(args.in_process))))
        return 0
    counts = tuple(int(n) for n in args.workers.split(",") if n.strip())
    result = run(args.articles, counts, args.partition_words, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
