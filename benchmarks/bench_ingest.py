"""Benchmark ``sahel_analysis.batch.ingest`` on a generated corpus.

Measures articles/s with 1 and 2 local Dask workers (workers warmed up first, so the
figure is the steady rate; cluster start-up is reported apart), the peak memory of
each worker, the store's size per 1,000 articles and the time to re-run on the
unchanged corpus.

    python benchmarks/make_corpus.py /tmp/bench_corpus --n 2000
    python benchmarks/bench_ingest.py /tmp/bench_corpus [--speed-n 500] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from sahel_analysis.batch import ingest
from sahel_analysis.store import open_store


def _warm() -> int:
    from sahel_analysis.facts import extract

    extract("French troops left Mali for Niger on Monday.", published="2022-08-17")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(files: list[Path], store: Path, workers: int) -> dict:
    """Ingest ``files`` into a fresh ``store`` on a warmed local cluster of ``workers``."""
    from distributed import Client, LocalCluster

    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm)
        startup = time.perf_counter() - started
        cpu_before = client.run(_cpu_s)
        load_before = os.getloadavg()[0]
        report = ingest(
            [str(f) for f in files], store, scheduler=cluster.scheduler_address, progress=False
        )
        load_after = os.getloadavg()[0]
        cpu = {k: v - cpu_before[k] for k, v in client.run(_cpu_s).items()}
        peaks = sorted(client.run(_peak_rss_mb).values())
    n = len(report.added) + len(report.replaced)
    return {
        "workers": workers,
        "articles": n,
        "failed": len(report.failed),
        "seconds": round(report.seconds, 1),
        "articles_per_s": round(n / report.seconds, 2),
        "cluster_startup_s": round(startup, 1),
        "peak_rss_mb_per_worker": [round(p) for p in peaks],
        "worker_cpu_ms_per_article": round(sum(cpu.values()) / max(n, 1) * 1000, 1),
        "load_avg_1min_before_after": [round(load_before, 2), round(load_after, 2)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="directory made by make_corpus.py")
    parser.add_argument(
        "--speed-n", type=int, default=500, help="articles for the 1- vs 2-worker comparison"
    )
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    work = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    results: dict = {"corpus_articles": len(files)}

    subset = files[: args.speed_n]
    one = run(subset, work / "one", 1)
    two = run(subset, work / "two", 2)
    results["speed"] = {"1_worker": one, "2_workers": two}
    results["speedup_2_vs_1"] = round(two["articles_per_s"] / one["articles_per_s"], 2)
    print(json.dumps(results, indent=1), flush=True)

    full = run(files, work / "full", 2)
    store = open_store(work / "full")
    size = store.size_bytes()
    du = subprocess.run(["du", "-sb", str(work / "full")], capture_output=True, text=True)
    du_k = subprocess.run(["du", "-sk", str(work / "full")], capture_output=True, text=True)
    results["full"] = full
    results["store"] = {
        "articles": len(store.documents),
        "parquet_bytes_per_1000_articles": round(size / len(store.documents) * 1000),
        "du_bytes": int(du.stdout.split()[0]),
        "du_disk_kb_per_1000_articles": round(
            int(du_k.stdout.split()[0]) / len(store.documents) * 1000
        ),
        "files": sum(1 for _ in (work / "full").rglob("*.parquet")),
    }
    started = time.perf_counter()
    again = ingest([str(args.corpus)], work / "full", progress=False)
    results["rerun_unchanged"] = {
        "seconds": round(time.perf_counter() - started, 2),
        "skipped": len(again.skipped),
        "added": len(again.added),
        "fraction_of_first_run": round((time.perf_counter() - started) / full["seconds"], 4),
    }
    started = time.perf_counter()
    s = open_store(work / "full")
    s.summary()
    reconciled = s.movements_reconciled()
    results["read_and_reconcile_s"] = round(time.perf_counter() - started, 2)
    results["reconciled_movements"] = len(reconciled)
    results["movement_mentions"] = len(s.movements)
    print(json.dumps(results, indent=1))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
