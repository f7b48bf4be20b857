"""The archive backfill on a real Dask LocalCluster, and loading its output into the store.

References are the library's own CLI (``python -m extractors --jsonl``) and ``POST /events``
on the same articles, so these tests hold whatever the extractor finds."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from conftest import ROOT
from distributed import WorkerPlugin

GOLD = ("train.jsonl", "dev.jsonl", "seeds.jsonl")
POISON = "[[this article kills the worker]]"


class PoisonedArticles(WorkerPlugin):
    """Fault injection: the worker process dies at once (as on a crash in native code) when it
    extracts a text carrying ``POISON``; restarted workers get it again."""

    name = "poisoned-articles"

    def setup(self, worker=None):
        from extractors import get_pipeline

        pipeline = get_pipeline()
        extract = pipeline.extract

        def extract_or_die(text, **options):
            if POISON in text:
                os._exit(70)
            return extract(text, **options)

        pipeline.extract = extract_or_die


@pytest.fixture(scope="module")
def dask_client():
    """Two single-threaded worker processes, each with its pipeline loaded once."""
    from distributed import Client

    from extractors.backfill import PipelinePreload, local_cluster

    cluster = local_cluster(2, dashboard_address=None)
    client = Client(cluster)
    client.register_plugin(PipelinePreload())
    yield client
    client.close()
    cluster.close()


def cli_events(*paths) -> dict:
    """``python -m extractors --jsonl`` on the files: events by article id."""
    done = subprocess.run([sys.executable, "-m", "extractors", "--jsonl", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return {row["id"]: row["events"] for row in map(json.loads, done.stdout.splitlines())}


def backfilled_events(out) -> dict:
    from extractors.archive import read_output

    return {article["source_id"]: article["events"] for article in read_output(str(out))}


def written_keys(out) -> Counter:
    """How many times each article key was committed, over every article list of the output."""
    return Counter(key for path in (out / "articles").glob("part-*.parquet")
                   for key in pq.read_table(path, columns=["article_key"]).column(0).to_pylist())


def event_rows(out) -> int:
    return sum(pq.read_metadata(path).num_rows for path in (out / "events").glob("month=*/part-*.parquet"))


def files(out) -> dict:
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def run_cli(inputs, out, *options):
    done = subprocess.run([sys.executable, "-m", "extractors.backfill", *map(str, inputs), "--output", str(out),
                           "--workers", "2", *options], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


def test_backfill_on_two_workers_equals_the_cli_and_a_rerun_writes_nothing(shared_dir, tmp_path):
    inputs = [shared_dir / "eval" / name for name in GOLD]
    out = tmp_path / "out"
    summary, log = run_cli(inputs, out, "--partition-words", "3000")
    expected = cli_events(*inputs)
    assert "dask: 2 workers, dashboard http://127.0.0.1:" in log and "100%" in log
    assert summary["articles"] == len(expected) == 140 and summary["failed"] == 0 and summary["partitions"] >= 5
    assert backfilled_events(out) == expected
    assert set(written_keys(out).values()) == {1}
    assert event_rows(out) == summary["events"] == sum(map(len, expected.values())) > 100
    months = {path.name for path in (out / "events").iterdir()}
    assert "month=2020-05" in months and all(m == "month=undated" or m[6:10].isdigit() for m in months)
    rows = pq.read_table(next((out / "events").glob("month=2020-05/*.parquet"))).to_pylist()
    import extractors
    assert {row["extractor_version"] for row in rows} == {extractors.__version__}
    row = rows[0]
    assert row["evidence_start"] == [span["start"] for span in json.loads(row["event"])["evidence"]]

    before = files(out)
    again, _ = run_cli(inputs, out)
    assert again["articles"] == 0 and again["skipped"] == 140 and again["events"] == 0
    assert files(out) == before


def test_bad_records_go_to_the_error_file_and_the_run_goes_on(dask_client, tmp_path, shared_dir, pipeline):
    from extractors.backfill import run_backfill

    dev = [json.loads(line) for line in (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    good = [{"key": row["id"], "text": row["text"], "title": row["title"], "published_at": row["published_at"],
             "url": row["source_url"]} for row in dev[:3]]
    bad_date = {"key": "bad-date", "text": "التقى الوزير نظيره في القاهرة.", "title": None,
                "published_at": "2020-02-30", "url": None}
    no_text = {"key": "no-text", "text": " ", "title": None, "published_at": None, "url": None}
    pq.write_table(pa.Table.from_pylist(good + [bad_date, no_text]), tmp_path / "articles.parquet")
    (tmp_path / "more.jsonl").write_text('{"id": "broken", "text": \n', encoding="utf-8")
    inputs, out = [str(tmp_path / "articles.parquet"), str(tmp_path / "more.jsonl")], tmp_path / "out"

    summary = run_backfill(dask_client, inputs, str(out), partition_words=500)
    assert (summary.articles, summary.failed) == (4, 3)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["source_id"] or e["input"].rsplit("/", 1)[-1] for e in errors) == \
        ["bad-date", "more.jsonl:1", "no-text"]
    assert "published_at" in next(e["error"] for e in errors if e["source_id"] == "bad-date")
    events = backfilled_events(out)
    for row in good:
        assert events[row["key"]] == pipeline.extract(row["text"], title=row["title"], url=row["url"],
                                                      published_at=row["published_at"])["events"]
    assert events["bad-date"] == []

    before = files(out)
    again = run_backfill(dask_client, inputs, str(out), partition_words=500)
    assert (again.articles, again.skipped) == (0, 4)
    assert files(out) == before

    # A run stopped mid-batch (events written, article list not) and before logging errors.
    (out / "errors.jsonl").unlink()
    orphan = out / "events" / "month=2020-01" / "part-0123456789abcdef.parquet"
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"PAR1 half written")
    (out / "articles" / "part-fedcba9876543210.parquet.1a2b.tmp").write_bytes(b"PAR1 half written")
    resumed = run_backfill(dask_client, inputs, str(out), partition_words=500)
    assert (resumed.articles, resumed.removed_orphans) == (0, 2)
    after = files(out)
    assert sorted(after.pop("errors.jsonl").splitlines()) == sorted(before.pop("errors.jsonl").splitlines())
    assert after == before


def test_workers_on_another_extractor_version_are_refused(dask_client, tmp_path, shared_dir):
    from extractors.backfill import WorkerVersionMismatch, run_backfill

    def set_version(version):
        import extractors

        previous, extractors.__version__ = extractors.__version__, version
        return previous

    previous = next(iter(dask_client.run(set_version, "0.0.0-elsewhere").values()))
    try:
        with pytest.raises(WorkerVersionMismatch, match="0.0.0-elsewhere"):
            run_backfill(dask_client, [str(shared_dir / "eval" / "dev.jsonl")], str(tmp_path / "out"))
    finally:
        dask_client.run(set_version, previous)
    assert not (tmp_path / "out" / "articles").exists()


def test_a_worker_killed_mid_run_loses_and_repeats_no_article(dask_client, tmp_path):
    from bench.archive import synthetic_archive, write_jsonl
    from extractors.archive import read_articles
    from extractors.backfill import run_backfill

    archive = write_jsonl(synthetic_archive(700), tmp_path / "archive.jsonl")
    out = tmp_path / "out"
    pids = dask_client.run(os.getpid)
    result, killed = {}, []
    run = threading.Thread(target=lambda: result.update(
        summary=run_backfill(dask_client, [str(archive)], str(out), partition_words=1000)))
    run.start()
    deadline = time.monotonic() + 120
    while run.is_alive() and not killed and time.monotonic() < deadline:
        if len(list(out.glob("articles/part-*.parquet"))) >= 3:
            busy = [address for address, tasks in dask_client.processing().items() if tasks and address in pids]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append((busy[0], run.is_alive()))
        time.sleep(0.005)
    run.join(300)
    assert killed and killed[0][1], "the worker was killed while the run was going on"
    assert pids[killed[0][0]] not in dask_client.run(os.getpid).values()

    keys = {article["key"] for article in read_articles([str(archive)])}
    assert result["summary"].articles == len(keys) == 700
    assert written_keys(out) == Counter({key: 1 for key in keys})
    assert backfilled_events(out) == cli_events(archive)


def test_an_article_that_kills_every_worker_is_isolated_and_logged(tmp_path, shared_dir, pipeline):
    import dask
    from distributed import Client

    from extractors.backfill import PipelinePreload, local_cluster, run_backfill

    rows = [json.loads(line) for line in (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = [{"id": row["id"], "text": row["text"], "published_at": row["published_at"]} for row in rows[:6]]
    articles.insert(4, {"id": "poisoned", "text": f"استقبل الوزير سفير اليابان في مكتبه. {POISON}"})
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                                             encoding="utf-8")
    out = tmp_path / "out"
    # No retries on other workers: a batch fails at its first death and is halved at once; one
    # task per worker at a time, so no innocent task shares a worker with the poisoned one.
    settings = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(settings), \
            local_cluster(2, dashboard_address=None) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePreload())
        client.register_plugin(PoisonedArticles())
        summary = run_backfill(client, [str(tmp_path / "articles.jsonl")], str(out), partition_words=100_000)

    assert (summary.articles, summary.failed) == (7, 1)
    assert set(written_keys(out).values()) == {1} and len(written_keys(out)) == 7
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["source_id"], e["error"].split(":")[0]) for e in errors] == [("poisoned", "KilledWorker")]
    events = backfilled_events(out)
    assert events.pop("poisoned") == []
    assert events == {a["id"]: pipeline.extract(a["text"], published_at=a["published_at"])["events"]
                      for a in articles if a["id"] != "poisoned"}


def test_loading_a_backfill_equals_posting_its_articles_one_by_one(dask_client, tmp_path, shared_dir, make_app,
                                                                     database):
    from api.load import load_archive, publication_order
    from extractors.archive import read_output
    from extractors.backfill import run_backfill

    client = make_app(RATE_LIMIT_STORE="off").test_client()  # 140 posts, faster than any client may send

    out = tmp_path / "out"
    run_backfill(dask_client, [str(shared_dir / "eval" / name) for name in GOLD], str(out))
    for article in sorted(read_output(str(out)), key=publication_order):
        body = {key: article[key] for key in ("text", "title", "published_at", "url") if article[key]}
        assert client.post("/events", json=body).status_code == 201
    posted = store_contents(database)
    assert len(posted["articles"]) == 140
    assert any(len(event["reports"]) > 1 for event in posted["events"]), "some articles report one event"

    empty(database)
    summary = load_archive(database, str(out), per_transaction=50)
    assert summary.stored == 140
    loaded = store_contents(database)
    for part in ("articles", "events", "people"):
        differ = [(a, b) for a, b in zip(loaded[part], posted[part]) if a != b]
        assert len(loaded[part]) == len(posted[part]) and not differ, (part, differ[:1])
    again = subprocess.run([sys.executable, "-m", "api.load", str(out)], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "DATABASE_URL": database.url.render_as_string(hide_password=False)})
    assert again.returncode == 0, again.stderr[-2000:]
    assert json.loads(again.stdout) == {"stored": 0, "already_stored": 140, "failed_extraction": 0,
                                        "events_reported": 0}


def empty(database):
    from api.models import Base

    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def store_contents(database) -> dict:
    """Articles, merged events with their reports, and people, with row ids replaced by what
    they stand for (article keys, people's names), so two stores built apart compare equal."""
    from api import repository
    from api.models import Article, Participant
    from api.people import list_people

    with database.session() as session:
        keys = dict(session.execute(select(Article.id, Article.key)).all())
        names = dict(session.execute(select(Participant.id, Participant.name_key)).all())
        articles = sorted(
            (a.key, a.url, a.title, a.published_at, a.text_hash, a.extractor_version)
            for a in session.scalars(select(Article)))
        events, _ = repository.list_events(session, repository.EventFilters(), 100_000, 0)
        people, _ = list_people(session, None, None, 100_000, 0)

    def plain(value, field=None):
        if isinstance(value, dict):
            return {k: plain(v, k) for k, v in value.items() if k not in ("id", "created_at")}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return {"article_id": keys, "person_id": names}.get(field, {}).get(value, value)

    return {"articles": articles, "events": sorted(map(plain, events), key=lambda e: json.dumps(e, default=str)),
            "people": sorted(map(plain, people), key=lambda p: json.dumps(p, default=str))}
