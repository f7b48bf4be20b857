"""The service under load: gunicorn on a free loopback port, ``POST /extract`` at several
concurrencies, then an open-loop run at half the best throughput, then memory per process."""
from __future__ import annotations

import runpy
import time
from pathlib import Path

from .corpus import Article
from .loadgen import closed_loop, encode, open_loop
from .service import ROOT, Service
from .stats import cpu_seconds, machine_busy_seconds, mib, rss_kib, smaps_rollup_kib


def gunicorn_setting(name: str, default=None):
    try:
        return runpy.run_path(str(Path(ROOT) / "gunicorn.conf.py")).get(name, default)
    except Exception:  # a config that cannot be read is reported as unknown, not fatal
        return default


def process_memory(pid: int) -> dict:
    rollup = smaps_rollup_kib(pid)
    shared = None
    if rollup:
        shared = rollup.get("Shared_Clean", 0) + rollup.get("Shared_Dirty", 0)
    return {"pid": pid, "rss_mib": mib(rss_kib(pid)), "pss_mib": mib(rollup.get("Pss")),
            "shared_mib": mib(shared),
            "private_mib": mib(rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)) if rollup else None}


def memory_report(service: Service) -> dict:
    master = process_memory(service.master_pid)
    workers = [process_memory(pid) for pid in service.worker_pids()]
    rss = [w["rss_mib"] for w in workers if w["rss_mib"] is not None]
    shared = [w["shared_mib"] for w in workers if w["shared_mib"] is not None]
    pss = [w["pss_mib"] for w in workers if w["pss_mib"] is not None]
    preload_setting = gunicorn_setting("preload_app")
    mean_rss = sum(rss) / len(rss) if rss else None
    mean_shared = sum(shared) / len(shared) if shared else None
    # Preloaded: the master holds the model, and workers share much of it with the master.
    model_in_master = master["rss_mib"] is not None and mean_rss and master["rss_mib"] >= 0.5 * mean_rss
    shares = mean_shared is not None and mean_rss and mean_shared >= 0.3 * mean_rss
    return {
        "master": master, "workers": workers,
        "worker_rss_mib_mean": mean_rss, "worker_rss_mib_max": max(rss) if rss else None,
        "worker_shared_mib_mean": mean_shared, "worker_pss_mib_mean": sum(pss) / len(pss) if pss else None,
        "total_pss_mib": (sum(pss) + (master["pss_mib"] or 0)) if pss else None,
        "preload_app_setting": preload_setting,
        "preloaded_evidence": bool(model_in_master and (shares if mean_shared is not None else True)),
    }


def _service_cpu(service: Service) -> float:
    return sum(cpu_seconds(pid) or 0.0 for pid in [service.master_pid, *service.worker_pids()])


def measured(service: Service, step, *args, **kwargs) -> dict:
    """Run a load step and add the CPU cores the service and this client used meanwhile."""
    machine0 = machine_busy_seconds()
    server0, client0, wall0 = _service_cpu(service), time.process_time(), time.perf_counter()
    result = step(*args, **kwargs)
    wall = time.perf_counter() - wall0
    server = (_service_cpu(service) - server0) / wall
    client = (time.process_time() - client0) / wall
    machine1 = machine_busy_seconds()
    summary = result.summary()
    summary["server_cpu_cores"] = round(server, 2)
    summary["client_cpu_cores"] = round(client, 2)
    # CPU taken by anything else on the machine meanwhile: a noisy neighbour shows here
    summary["other_cpu_cores"] = (round(max(0.0, (machine1 - machine0) / wall - server - client), 2)
                                  if machine0 is not None and machine1 is not None else None)
    return summary


def run(article_1000: Article, corpus: list[Article], *, concurrencies=(1, 2, 4, 8), duration_s: float = 6.0,
        open_duration_s: float = 10.0, workers: int | None = None, warmup_rounds: int = 3, log=print) -> dict:
    body_1000 = [encode(article_1000.payload())]
    corpus_bodies = [encode(a.payload()) for a in corpus]
    corpus_words = [a.words for a in corpus]
    with Service(workers=workers) as service:
        n_workers = len(service.worker_pids())
        log(f"  service: gunicorn pid {service.master_pid}, {n_workers} workers on 127.0.0.1:{service.port}")
        # warm-up: each worker sees the corpus about ``warmup_rounds`` times (workers take
        # requests as they come, so a few rounds leave none of them cold), then the 1,000-word article
        closed_loop(service.port, corpus_bodies, n_workers, max_requests=warmup_rounds * n_workers * len(corpus),
                    duration_s=max(10.0, duration_s * 2))
        closed_loop(service.port, body_1000, n_workers, max_requests=n_workers * 4, duration_s=duration_s)

        sweep = []
        for c in concurrencies:
            sweep.append(measured(service, closed_loop, service.port, body_1000, c, max_requests=100_000,
                                  duration_s=duration_s))
            s = sweep[-1]
            log(f"  c={c:<3} {s['throughput_rps']:8.1f} req/s  p50 {s['p50_ms']} ms  p99 {s['p99_ms']} ms  "
                f"errors {s['non_2xx'] + s['connection_errors']}  "
                f"CPU: service {s['server_cpu_cores']} client {s['client_cpu_cores']} "
                f"other {s['other_cpu_cores']} cores")
        best = max(sweep, key=lambda s: s["throughput_rps"])
        half_rate = best["throughput_rps"] / 2
        half = measured(service, open_loop, service.port, body_1000, half_rate, duration_s=open_duration_s,
                        max_requests=100_000)
        log(f"  open loop at {half_rate:.1f} req/s: p50 {half['p50_ms']} ms  p99 {half['p99_ms']} ms")

        mix = closed_loop(service.port, corpus_bodies, best["concurrency"], max_requests=100_000,
                          duration_s=duration_s)
        # every body is sent in turn, so words per second follow from the bodies answered
        answered = mix.ok
        mix_words = sum(corpus_words[k % len(corpus_words)] for k in range(answered))
        mix_summary = mix.summary()
        mix_summary["words_per_s"] = mix_words / mix.elapsed_s if mix.elapsed_s else None
        memory = memory_report(service)
    return {"workers": n_workers, "article_words": article_1000.words, "sweep": sweep, "best": best,
            "half_rate": half, "mix": mix_summary, "memory": memory}
