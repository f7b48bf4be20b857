"""Backfill an archive on Dask: ``python -m extractors.backfill ARTICLES... --output OUT``.

Articles come from JSONL or Parquet files (local paths, globs or any fsspec URL) with the
fields of ``POST /events`` (``text``, ``title``, ``published_at``, ``url``; ``source_url`` is
read as ``url``) and an optional ``id`` or ``key`` kept as ``source_id``. The driver reads
them, cuts them into partitions of about ``--partition-words`` words and submits those as
tasks; each Dask worker process builds the pipeline once (``PipelinePreload``), extracts,
and writes its partition into the output folder itself (so on a cluster the output must be
a place every worker can write: a shared folder or an fsspec URL such as ``s3://``).

The output folder (``OUT``, local or fsspec) is described in ``extractors.archive``: events
by month, the finished articles of each batch (the batch's commit) and ``errors.jsonl``. A
re-run skips articles finished by the running ``extractors.__version__`` and removes event
files of batches that never committed, so output is never duplicated; one bad article is
logged and the run goes on.

A worker that dies mid-task has its partitions run again elsewhere by Dask; a partition that
kills every worker it runs on (Dask's ``KilledWorker``) is halved until the article doing it
is alone, and that article is logged as failed.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import uuid
from dataclasses import asdict, dataclass

from distributed import WorkerPlugin

from .archive import ArchiveOutput, ReadError, error_line, read_articles

DEFAULT_PARTITION_WORDS = 50_000
MAX_PARTITION_ARTICLES = 2_000
TASKS_IN_FLIGHT_PER_WORKER = 3


# --- partitions ------------------------------------------------------------


def partitions(articles, words: int, max_articles: int = MAX_PARTITION_ARTICLES):
    """Lists of articles of about ``words`` words each (an article is never split)."""
    batch, total = [], 0
    for article in articles:
        batch.append(article)
        total += article["words"]
        if total >= words or len(batch) >= max_articles:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


# --- on the workers ------------------------------------------------------------------------


class PipelinePreload(WorkerPlugin):
    """Dask worker plugin: build the process's pipeline when the worker starts, so the Farasa
    model and lexicons load once per worker process, not per task, and not inside the first
    task's time."""

    name = "extractors-pipeline"
    idempotent = True

    def setup(self, worker=None):
        from . import get_pipeline

        importlib.import_module("pyarrow.parquet")   # tasks write Parquet: load it before the first one
        get_pipeline()


def worker_version() -> str:
    """The extractor version this process runs (read at call time: it changes with the code)."""
    import extractors

    return extractors.__version__


def extract_partition(batch: str, articles: list[dict], output: str) -> dict:
    """Run on a worker: extract each article (an error is that article's outcome, never the
    task's), then write the batch into ``output``. Returns what the driver reports."""
    import extractors

    pipeline = extractors.get_pipeline()
    started, cpu_started = time.perf_counter(), time.process_time()
    results = []
    for article in articles:
        try:
            answer = pipeline.extract(article["text"], title=article["title"],
                                      published_at=article["published_at"], url=article["url"])
            results.append({"key": article["key"], "events": answer["events"], "error": None})
        except Exception as exc:   # one bad article never stops the run
            results.append({"key": article["key"], "events": [], "error": f"{type(exc).__name__}: {exc}"})
    extracted = time.perf_counter()
    events, errors = ArchiveOutput(output).write_batch(
        batch, articles, {"version": extractors.__version__, "results": results})
    return {"events": events, "errors": errors, "words": sum(a["words"] for a in articles),
            "extract_seconds": extracted - started, "write_seconds": time.perf_counter() - extracted,
            "cpu_seconds": time.process_time() - cpu_started, "pid": os.getpid()}


# --- the run ----------------------------------------------------------------------------------------


@dataclass
class Summary:
    articles: int = 0          # extracted in this run
    skipped: int = 0           # already done by this extractor version (or repeated in the input)
    failed: int = 0            # errors, unreadable records included
    events: int = 0
    words: int = 0
    partitions: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0     # summed over workers
    write_seconds: float = 0.0
    cpu_seconds: float = 0.0         # CPU the workers' tasks used (contention does not inflate it)
    removed_orphans: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


class Progress:
    """A one-line progress bar on stderr (redrawn in a terminal, a line per tenth otherwise)."""

    def __init__(self, stream=sys.stderr, enabled: bool = True):
        self.stream, self.enabled = stream, enabled
        self.tty = enabled and stream.isatty()
        self.started = time.monotonic()
        self.last_tenth = -1

    def update(self, summary: Summary, read_all: bool, words_read: int) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        share = summary.words / words_read if words_read else 0.0
        rate = summary.words / elapsed if elapsed else 0.0
        bar = "#" * int(share * 30)
        total = f"{words_read:,}" if read_all else f"{words_read:,}+"
        line = (f"[{bar:<30}] {share:4.0%} {summary.words:,}/{total} words, {summary.articles:,} articles, "
                f"{summary.events:,} events, {summary.failed:,} failed, {rate:,.0f} words/s")
        if self.tty:
            self.stream.write("\r" + line)
        elif int(share * 10) != self.last_tenth or not read_all:
            self.last_tenth = int(share * 10)
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


class WorkerVersionMismatch(RuntimeError):
    """Workers run another extractor version than the driver: skipping by version would lie."""


def run_backfill(client, inputs: list[str], output: str, partition_words: int = DEFAULT_PARTITION_WORDS,
                 progress: Progress | None = None) -> Summary:
    """Extract every article of ``inputs`` not yet done by this extractor version, on the
    workers of ``client``, into ``output``. Returns what this run did."""
    return BackfillRun(client, inputs, output, partition_words, progress or Progress(enabled=False)).run()


class BackfillRun:
    """One run: reads the input lazily and keeps a few tasks per worker in flight, so the
    driver holds only those partitions whatever the archive's size."""

    def __init__(self, client, inputs: list[str], output: str, partition_words: int, progress: Progress):
        import extractors

        self.client, self.inputs, self.output, self.progress = client, inputs, output, progress
        self.version = extractors.__version__
        _check_worker_versions(client, self.version)
        self.store = ArchiveOutput(output)
        self.summary = Summary(removed_orphans=self.store.remove_uncommitted())
        self.done, failed_before = self.store.finished(self.version)
        self.logged = self.store.logged_errors(self.version)
        self.store.log_errors(failed_before, self.logged)
        self.batches = partitions(self._fresh_articles(), partition_words)
        self.pending: dict[str, list[dict]] = {}     # task key -> its articles
        self.words_read, self.read_all = 0, False

    def run(self) -> Summary:
        from distributed import KilledWorker, as_completed

        started = time.perf_counter()
        running = as_completed()
        self._submit_more(running)
        for future in running:
            batch = self.pending.pop(future.key)
            try:
                outcome = future.result()
            except KilledWorker:
                self._isolate(batch, running)
                continue
            self._record(len(batch), outcome)
            self._submit_more(running)
        self.progress.close()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _fresh_articles(self):
        """Input articles not yet done; unreadable records are logged as they are met."""
        for article in read_articles(self.inputs):
            if isinstance(article, ReadError):
                self.summary.failed += 1
                self.store.log_errors([error_line(article.key, article.source_id, article.locator, self.version,
                                                  article.error)], self.logged)
            elif article["key"] in self.done:
                self.summary.skipped += 1
            else:
                self.done.add(article["key"])
                self.words_read += article["words"]
                yield article

    def _submit_more(self, running) -> None:
        workers = max(1, len(self.client.scheduler_info()["workers"]))
        while not self.read_all and len(self.pending) < TASKS_IN_FLIGHT_PER_WORKER * workers:
            batch = next(self.batches, None)
            if batch is None:
                self.read_all = True
                return
            self._submit(batch, running)

    def _submit(self, batch: list[dict], running) -> None:
        batch_id = uuid.uuid4().hex
        # The articles travel inside the task, so the scheduler can run it again on
        # another worker if this one dies (scattered data would die with the worker).
        future = self.client.submit(extract_partition, batch_id, batch, self.output,
                                    key=f"extract-{batch_id}", pure=False)
        self.pending[future.key] = batch
        running.add(future)

    def _isolate(self, batch: list[dict], running) -> None:
        """A task killed every worker that ran it: some article in it kills the process
        (a crash in native code, memory). Halve the batch until that article is alone, then
        record it as failed and go on."""
        if len(batch) > 1:
            middle = len(batch) // 2
            self._submit(batch[:middle], running)
            self._submit(batch[middle:], running)
            return
        error = "KilledWorker: the worker process died on this article each time it ran"
        outcome = {"version": self.version, "results": [{"key": batch[0]["key"], "events": [], "error": error}]}
        _, errors = self.store.write_batch(uuid.uuid4().hex, batch, outcome)
        self._record(1, {"events": 0, "errors": errors, "words": batch[0]["words"], "extract_seconds": 0.0,
                         "write_seconds": 0.0, "cpu_seconds": 0.0})
        self._submit_more(running)

    def _record(self, articles: int, outcome: dict) -> None:
        self.store.log_errors(outcome["errors"], self.logged)
        summary = self.summary
        summary.partitions += 1
        summary.articles += articles
        summary.events += outcome["events"]
        summary.failed += len(outcome["errors"])
        summary.words += outcome["words"]
        summary.extract_seconds += outcome["extract_seconds"]
        summary.write_seconds += outcome["write_seconds"]
        summary.cpu_seconds += outcome["cpu_seconds"]
        self.progress.update(summary, self.read_all, self.words_read)


def _check_worker_versions(client, version: str) -> None:
    versions = client.run(worker_version)
    wrong = sorted({v for v in versions.values() if v != version})
    if wrong:
        raise WorkerVersionMismatch(f"workers run extractor version(s) {wrong}, this machine {version}: "
                                    "install the same code on every worker")


# --- command line -------------------------------------------------------------------------------------


def local_cluster(workers: int | None = None, dashboard_address: str | None = "127.0.0.1:0"):
    """A LocalCluster of one single-threaded worker process per core (the pipeline is
    CPU-bound Python: processes, not threads)."""
    from distributed import LocalCluster

    workers = workers or os.cpu_count() or 1
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=dashboard_address, memory_limit=None)


def connect(client_class, scheduler: str | None, workers: int | None):
    """``(client, cluster)``: a new LocalCluster, or the existing scheduler at ``scheduler``."""
    if scheduler:
        return client_class(scheduler), None
    cluster = local_cluster(workers)
    return client_class(cluster), cluster


def prepare_workers(client) -> None:
    """Load the pipeline on every worker (and on workers that join later); say where to watch."""
    try:
        client.register_plugin(PipelinePreload())
    except ModuleNotFoundError as exc:
        raise SystemExit(f"the Dask workers cannot import this project ({exc}): start `dask scheduler` and "
                         "`dask worker` with PYTHONPATH set to the project folder") from None
    workers = len(client.scheduler_info()["workers"])
    print(f"dask: {workers} workers, dashboard {client.dashboard_link}", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractors.backfill", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="JSONL or Parquet files: paths, globs or fsspec URLs")
    ap.add_argument("--output", "-o", required=True, help="output folder (path or fsspec URL)")
    ap.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://host:8786 "
                                        "(default: a LocalCluster on this machine)")
    ap.add_argument("--workers", type=int, help="LocalCluster worker processes (default: one per core)")
    ap.add_argument("--partition-words", type=int, default=DEFAULT_PARTITION_WORDS,
                    help=f"words per task (default {DEFAULT_PARTITION_WORDS:,})")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)

    from distributed import Client

    client, cluster = connect(Client, args.scheduler, args.workers)
    try:
        prepare_workers(client)
        summary = run_backfill(client, args.inputs, args.output, args.partition_words,
                               Progress(enabled=not args.quiet))
    except WorkerVersionMismatch as exc:
        raise SystemExit(str(exc)) from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    figures = {name: round(value, 2) if isinstance(value, float) else value for name, value in asdict(summary).items()}
    print(json.dumps({**figures, "words_per_second": round(summary.words_per_second), "output": args.output}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
