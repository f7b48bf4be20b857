"""Performance benchmark: ``python -m bench [--quick] [--json OUT] [--skip-service]``.

One run measures, on the shared articles plus longer joined ones:
1. Farasa segmentation alone (words/s, cold and warm memo);
2. the extraction pipeline in-process (words/s, articles/s, median/p99 ms, 600-word median);
3. the service under gunicorn, ``POST /extract`` at several concurrencies, and p99 of the
   1,000-word article at half the best throughput;
4. memory: RSS of the gunicorn master and workers, and a 200,000-word flood in one process;
5. the archive backfill on Dask: words/s with 1 and 2 workers on a synthetic archive.
See bench/README.md for how to read the table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from . import corpus as corpus_mod
from .inprocess import article_rate, bench_pipeline, bench_segmentation

ROOT = Path(__file__).resolve().parents[1]

TARGETS = {
    "ms_600": 20.0,           # median ms, 600-word article, in-process, warm
    "p99_1000_half": 100.0,   # ms, 1,000-word article through the service at half the best throughput
    "pipe_over_seg": 0.5,     # pipeline words/s ÷ segmentation words/s
    "service_over_inproc": 0.7,  # service req/s ÷ (in-process req/s × worker cores)
    "flood_growth_mib": 50.0,
    "backfill_scaling": 1.6,        # backfill words/s, 2 workers ÷ 1 worker
    "backfill_per_worker": 0.8,     # backfill words/s on 1 worker ÷ in-process pipeline words/s
}

PROFILES = {
    # quick: a smoke run in well under a minute
    "quick": dict(seg_passes=1, pipe_passes=1, runs_600=10, size_runs=2, rate_runs=5, concurrencies=(1, 4),
                  warmup_rounds=1, duration_s=2.0, open_duration_s=3.0, flood_tokens=20_000,
                  backfill_articles=2_000),
    "full": dict(seg_passes=3, pipe_passes=5, runs_600=50, size_runs=5, rate_runs=20, concurrencies=(1, 2, 4, 8),
                 warmup_rounds=3, duration_s=8.0, open_duration_s=15.0, flood_tokens=200_000,
                 backfill_articles=20_000),
}


def _fmt(value, digits=1, unit=""):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        text = f"{value:,.{digits}f}"
    else:
        text = f"{value:,}"
    return f"{text}{unit}"


def _verdict(value, target, higher_is_better: bool) -> str:
    if value is None:
        return "n/a"
    good = value >= target if higher_is_better else value <= target
    return "PASS" if good else "MISS"


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def section(self, title: str) -> None:
        self.rows.append((f"[{title}]", "", "", ""))

    def row(self, label: str, value: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((label, value, target, verdict))

    def render(self) -> str:
        table = [r for r in self.rows if not (r[0].startswith("[") and not r[1])]
        widths = [max(len(r[i]) for r in table + [("metric", "value", "target", "")]) for i in range(4)]
        head = ("metric", "value", "target", "")
        lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip(),
                 "  ".join("-" * w for w in widths[:3])]
        for label, value, target, verdict in self.rows:
            if label.startswith("[") and not value:
                lines.append(label)
                continue
            lines.append("  ".join([label.ljust(widths[0]), value.rjust(widths[1]), target.ljust(widths[2]),
                                    verdict]).rstrip())
        return "\n".join(lines)


def run_flood(tokens: int, log) -> dict | None:
    log(f"- memory flood: {tokens:,} unique random words through the pipeline (own process)")
    try:
        done = subprocess.run([sys.executable, "-m", "bench.flood", "--tokens", str(tokens), "--json"], cwd=ROOT,
                              capture_output=True, text=True, timeout=max(120, tokens / 1000 * 2))
    except subprocess.TimeoutExpired:
        log("  flood timed out")
        return None
    if done.returncode != 0:
        log(f"  flood failed:\n{done.stderr[-2000:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_table(r: dict) -> Table:
    t = Table()
    env = r["environment"]
    t.section(f"environment: {env['cpus']} CPUs, load {env['loadavg']}, Python {env['python']}, "
              f"engine {env['engine']}, profile {r['profile']}")
    c = r["corpus"]
    t.row("corpus articles / words", f"{c['articles']} / {c['words']:,}")
    t.row("joined article sizes (words)", ", ".join(str(w) for w in c["joined_words"]))

    s = r["segmentation"]
    t.section("1. segmentation alone (Farasa, pre-tokenised words)")
    t.row("words/s, cold memo", _fmt(s["cold_words_per_s"], 0))
    t.row("words/s, warm memo", _fmt(s["warm_words_per_s"], 0))
    t.row("Arabic tokens/s, cold / warm", f"{_fmt(s['cold_tokens_per_s'], 0)} / {_fmt(s['warm_tokens_per_s'], 0)}")
    if s.get("segment_line_words_per_s"):
        t.row("words/s, Farasa's segmentLine(text), warm", _fmt(s["segment_line_words_per_s"], 0))

    p = r["pipeline"]
    t.section("2. extraction pipeline in-process (one thread)")
    t.row("words/s, cold memo", _fmt(p["cold_words_per_s"], 0))
    t.row("words/s, warm", _fmt(p["warm_words_per_s"], 0))
    t.row("articles/s, warm", _fmt(p["warm_articles_per_s"], 1))
    t.row("per article median / p99 / max ms", f"{_fmt(p['median_ms'], 2)} / {_fmt(p['p99_ms'], 2)} / "
                                               f"{_fmt(p['max_ms'], 2)}")
    a6 = p["article_600"]
    t.row(f"600-word article ({a6['words']} w) median ms", _fmt(a6["median_ms"], 2), f"<= {TARGETS['ms_600']:.0f}",
          _verdict(a6["median_ms"], TARGETS["ms_600"], False))
    t.row(f"600-word article p99 ms ({a6['runs']} runs)", _fmt(a6["p99_ms"], 2))
    for row in p["by_size"]:
        t.row(f"  {row['words']:>5}-word article median ms", f"{_fmt(row['median_ms'], 2)}",
              f"{_fmt(row['words_per_s'], 0)} words/s")
    r1 = r["rate_1000"]
    t.row(f"1,000-word article ({r1['words']} w) articles/s", _fmt(r1["articles_per_s"], 1))

    ratios = r["ratios"]
    t.section("ratios")
    t.row("pipeline ÷ segmentation, warm", _fmt(ratios["pipe_over_seg_warm"], 2),
          f">= {TARGETS['pipe_over_seg']}", _verdict(ratios["pipe_over_seg_warm"], TARGETS["pipe_over_seg"], True))
    t.row("pipeline ÷ segmentation, cold", _fmt(ratios["pipe_over_seg_cold"], 2),
          f">= {TARGETS['pipe_over_seg']}", _verdict(ratios["pipe_over_seg_cold"], TARGETS["pipe_over_seg"], True))
    if ratios.get("pipe_over_segment_line") is not None:
        t.row("pipeline ÷ Farasa segmentLine(text), warm", _fmt(ratios["pipe_over_segment_line"], 2),
              f">= {TARGETS['pipe_over_seg']}",
              _verdict(ratios["pipe_over_segment_line"], TARGETS["pipe_over_seg"], True))
    if ratios.get("service_over_inproc") is not None:
        t.row(f"service ÷ in-process per worker core ({ratios['worker_cores']} cores)",
              _fmt(ratios["service_over_inproc"], 2), f">= {TARGETS['service_over_inproc']}",
              _verdict(ratios["service_over_inproc"], TARGETS["service_over_inproc"], True))
        t.row("service ÷ in-process per CPU-second the service used", _fmt(ratios["service_over_inproc_cpu"], 2))

    svc = r.get("service")
    if svc:
        t.section(f"3. service: POST /extract, 1,000-word article ({svc['article_words']} w), "
                  f"{svc['workers']} gunicorn workers")
        for s_ in svc["sweep"]:
            t.row(f"concurrency {s_['concurrency']}: req/s", _fmt(s_["throughput_rps"], 1),
                  f"p50 {_fmt(s_['p50_ms'], 1)} / p99 {_fmt(s_['p99_ms'], 1)} ms",
                  f"{s_['requests']} req, {s_['non_2xx']} non-2xx, {s_['connection_errors']} conn err; "
                  f"CPU cores: service {s_['server_cpu_cores']}, client {s_['client_cpu_cores']}, "
                  f"other {s_['other_cpu_cores']}")
        best = svc["best"]
        t.row("max throughput req/s", _fmt(best["throughput_rps"], 1), f"at concurrency {best['concurrency']}")
        half = svc["half_rate"]
        t.row(f"open loop at {half['target_rps']:.1f} req/s: achieved", _fmt(half["throughput_rps"], 1),
              f"{half['requests']} req, {half['non_2xx'] + half['connection_errors']} errors",
              f"CPU cores: service {half['server_cpu_cores']}, client {half['client_cpu_cores']}, "
              f"other {half['other_cpu_cores']}")
        t.row("  p50 ms at half max throughput", _fmt(half["p50_ms"], 1))
        t.row("  p99 ms at half max throughput", _fmt(half["p99_ms"], 1), f"<= {TARGETS['p99_1000_half']:.0f}",
              _verdict(half["p99_ms"], TARGETS["p99_1000_half"], False))
        others = [x.get("other_cpu_cores") or 0.0 for x in [*svc["sweep"], half]]
        if max(others, default=0.0) > 0.2:
            t.row("WARNING: other programs used CPU during the load steps",
                  f"up to {max(others):.2f} cores", "service figures are low: rerun on a quiet machine")
        mix = svc["mix"]
        t.row(f"corpus mix at concurrency {mix['concurrency']}: req/s", _fmt(mix["throughput_rps"], 1),
              f"{_fmt(mix.get('words_per_s'), 0)} words/s, p99 {_fmt(mix['p99_ms'], 1)} ms")

        m = svc["memory"]
        t.section("4. memory (after warm-up and load)")
        t.row("gunicorn master RSS / PSS MiB", f"{_fmt(m['master']['rss_mib'])} / {_fmt(m['master']['pss_mib'])}")
        t.row("worker RSS MiB mean / max", f"{_fmt(m['worker_rss_mib_mean'])} / {_fmt(m['worker_rss_mib_max'])}")
        t.row("worker shared / PSS MiB mean", f"{_fmt(m['worker_shared_mib_mean'])} / {_fmt(m['worker_pss_mib_mean'])}")
        t.row("all processes PSS MiB", _fmt(m["total_pss_mib"]))
        t.row("app preloaded (preload_app / evidence)",
              f"{m['preload_app_setting']} / {'yes' if m['preloaded_evidence'] else 'no'}")
    f = r.get("flood")
    if f:
        if not svc:
            t.section("4. memory")
        t.row(f"flood: {f['tokens']:,} unique words, RSS before / after MiB",
              f"{_fmt(f['rss_before_mib'])} / {_fmt(f['rss_after_mib'])}")
        t.row("flood: RSS growth MiB", _fmt(f["growth_mib"]), f"<= {TARGETS['flood_growth_mib']:.0f}",
              _verdict(f["growth_mib"], TARGETS["flood_growth_mib"], False))
        t.row("flood: memo learned / limit", f"{_fmt(f['memo_learned'])} / {_fmt(f['memo_limit'])}",
              f"{_fmt(f['tokens_per_s'], 0)} words/s cold")
        t.row("flood: RSS along the way MiB", " ".join(_fmt(p_["rss_mib"]) for p_ in f["curve"]))
        for name, (was, now, limit) in (f.get("grown_module_caches") or {}).items():
            t.row(f"flood: module cache {name}", f"{was:,} -> {now:,} entries",
                  f"bounded: {limit:,} learned at most" if limit else "UNBOUNDED")
    b = r.get("backfill")
    if b:
        t.section(f"5. archive backfill on Dask: {b['articles']:,} synthetic articles, "
                  f"{b['partition_words']:,} words per task, load {b['loadavg_before']}")
        inproc = b["in_process"]
        t.row("in-process pipeline words/s (own process)", _fmt(inproc["words_per_s"], 0),
              f"{_fmt(inproc['words_per_cpu_s'], 0)} per CPU-s")
        for run in b["runs"]:
            t.row(f"{run['workers']} worker(s): words/s", _fmt(run["words_per_s"], 0),
                  f"{_fmt(run['articles_per_s'], 0)} articles/s, {_fmt(run['words_per_worker_cpu_s'], 0)} "
                  f"words per worker CPU-s; CPU-s: driver {_fmt(run['driver_cpu_s'])}, workers "
                  f"{_fmt(run['worker_cpu_s'])}", f"peak RSS per worker MiB "
                  f"{' / '.join(_fmt(x) for x in run['peak_rss_mib_per_worker'])}; load after {run['loadavg_after']}")
        if b.get("scaling_2_over_1") is not None:
            t.row("scaling, 2 workers ÷ 1", _fmt(b["scaling_2_over_1"], 2), f">= {TARGETS['backfill_scaling']}",
                  _verdict(b["scaling_2_over_1"], TARGETS["backfill_scaling"], True))
        if b.get("per_worker_over_in_process") is not None:
            t.row("1 worker ÷ in-process, words/s", _fmt(b["per_worker_over_in_process"], 2),
                  f">= {TARGETS['backfill_per_worker']}",
                  _verdict(b["per_worker_over_in_process"], TARGETS["backfill_per_worker"], True))
            t.row("1 worker ÷ in-process, words per CPU-second", _fmt(b["per_worker_cpu_over_in_process"], 2))
            t.row("hours per million articles per worker", _fmt(b["hours_per_million_articles_per_worker"], 2))
    return t


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (small counts, short load)")
    parser.add_argument("--json", metavar="OUT", help="also write all results as JSON to OUT")
    parser.add_argument("--skip-service", action="store_true", help="in-process benchmarks and flood only")
    parser.add_argument("--skip-flood", action="store_true", help="leave out the memory flood")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's choice)")
    parser.add_argument("--concurrency", help="comma-separated client counts for the sweep, e.g. 1,2,4,8")
    parser.add_argument("--duration", type=float, help="seconds per load step")
    parser.add_argument("--flood-tokens", type=int, help="unique words in the memory flood")
    parser.add_argument("--skip-backfill", action="store_true", help="leave out the Dask backfill")
    parser.add_argument("--backfill-articles", type=int, help="articles in the synthetic backfill archive")
    args = parser.parse_args(argv)

    profile_name = "quick" if args.quick else "full"
    cfg = dict(PROFILES[profile_name])
    if args.concurrency:
        cfg["concurrencies"] = tuple(int(c) for c in args.concurrency.split(",") if c.strip())
    if args.duration:
        cfg["duration_s"] = args.duration
        cfg["open_duration_s"] = max(args.duration, cfg["open_duration_s"])
    if args.flood_tokens:
        cfg["flood_tokens"] = args.flood_tokens
    if args.backfill_articles:
        cfg["backfill_articles"] = args.backfill_articles

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.time()
    from extractors import get_pipeline

    log("- loading the pipeline")
    pipeline = get_pipeline()
    articles = corpus_mod.corpus()
    joined = [a for a in articles if a.id.startswith("joined-")]
    results: dict = {
        "profile": profile_name,
        "environment": {"cpus": os.cpu_count(), "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
                        "python": platform.python_version(), "engine": pipeline.engine.info.get("segmenter")},
        "corpus": {"articles": len(articles), "words": sum(a.words for a in articles),
                   "joined_words": [a.words for a in joined]},
        "targets": TARGETS,
    }
    log("- segmentation alone")
    results["segmentation"] = bench_segmentation(pipeline.engine, articles, passes=cfg["seg_passes"])
    log("- pipeline in-process")
    results["pipeline"] = bench_pipeline(pipeline, articles, passes=cfg["pipe_passes"], runs_600=cfg["runs_600"],
                                         size_runs=cfg["size_runs"])
    article_1000 = corpus_mod.joined_article(1000)
    results["rate_1000"] = article_rate(pipeline, article_1000, runs=cfg["rate_runs"])

    seg, pipe = results["segmentation"], results["pipeline"]
    ratios = {"pipe_over_seg_warm": pipe["warm_words_per_s"] / seg["warm_words_per_s"],
              "pipe_over_seg_cold": pipe["cold_words_per_s"] / seg["cold_words_per_s"]}
    if seg.get("segment_line_words_per_s"):
        ratios["pipe_over_segment_line"] = pipe["warm_words_per_s"] / seg["segment_line_words_per_s"]
    if not args.skip_service:
        from . import servicebench

        log("- service under gunicorn")
        svc = servicebench.run(article_1000, articles, concurrencies=cfg["concurrencies"],
                               duration_s=cfg["duration_s"], open_duration_s=cfg["open_duration_s"],
                               workers=args.workers, warmup_rounds=cfg["warmup_rounds"], log=log)
        results["service"] = svc
        cores = min(svc["workers"], os.cpu_count() or 1)
        ratios["worker_cores"] = cores
        inproc = results["rate_1000"]["articles_per_s"]
        ratios["service_over_inproc"] = svc["best"]["throughput_rps"] / (inproc * cores)
        used = svc["best"].get("server_cpu_cores") or None
        ratios["service_over_inproc_cpu"] = svc["best"]["throughput_rps"] / (inproc * used) if used else None
    results["ratios"] = ratios
    if not args.skip_flood:
        results["flood"] = run_flood(cfg["flood_tokens"], log)
    if not args.skip_backfill:
        from . import backfill

        log("- archive backfill on Dask")
        results["backfill"] = backfill.run(cfg["backfill_articles"], log=log)
    results["elapsed_s"] = round(time.time() - started, 1)

    print(build_table(results).render())
    print(f"(run took {results['elapsed_s']} s; details: bench/README.md)")
    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        log(f"- results written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
