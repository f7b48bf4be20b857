"""Concurrent writes to a real gunicorn, with a worker SIGKILLed mid-run: every acknowledged
write stored exactly once, no duplicates from idempotent re-posts, no 5xx.

A small run of ``python -m bench.load`` (see bench/README.md): 4 clients, 160 POST /events
(80 distinct articles, each posted one to three times, some copies racing), on the test
session's database (SQLite, or CI's PostgreSQL through TEST_DATABASE_URL).
"""
import time

from bench import load


def test_acknowledged_writes_survive_a_worker_kill(database_url):
    started = time.monotonic()
    report = load.run(database_url=database_url, clients=4, requests=160, workers=2, phases=("kill",),
                      kill_at=0.4, retries=2, time_limit=40.0)
    elapsed = time.monotonic() - started
    assert report["phases"], report["service_log_tail"]
    figures = report["phases"][0]
    # Connection errors from the kill are allowed (and retried), but reported.
    print(f"\nload with a worker kill on {report['backend']}: {figures['requests']} requests, "
          f"{figures['2xx']} 2xx, {figures['4xx']} 4xx, {figures['5xx']} 5xx, "
          f"{figures['connection_errors']} connection errors, {figures['duplicates']} duplicates, "
          f"{figures['lost_writes']} lost, recovery {figures['kill'].get('recovery_s')} s, {elapsed:.1f} s")
    problems = figures.get("problems")
    assert figures["not_sent"] == 0
    assert figures["lost_writes"] == 0, problems
    assert figures["duplicates"] == 0, problems
    assert figures["5xx"] == 0, report["service_log_tail"]
    assert figures["4xx"] == 0, report["service_log_tail"]
    # every planned article was answered with a 2xx in the end (retries cover the kill)
    assert figures["acknowledged_articles"] == figures["distinct_articles"]
    assert figures["kill"]["killed_pids"], figures["kill"]
    assert figures["kill"]["recovery_s"] is not None and figures["kill"]["recovery_s"] < 10, figures["kill"]
    assert elapsed < 50
