"""Speed of the papermill reports, side by side with a bare papermill + nbconvert baseline.

Measured in one run, interleaved so that machine load affects both sides alike:

1. one article report against a bare papermill execution of a one-cell notebook that
   only imports geopandas and matplotlib, plus its nbconvert HTML export; twice:

   a. from the command line, as a user runs them: ``sahel-analysis report`` on the
      seed (start-up, loading the language pipeline, parameter checks, papermill
      execution of ``article_report.ipynb``, HTML export, data files, index) against
      ``papermill`` then ``jupyter nbconvert --to html``;
   b. in this process, with everything imported: ``reports.run_reports`` (its
      per-process caches cleared first, the language pipeline warm) against
      ``papermill.execute_notebook`` plus an ``HTMLExporter``.

   Target: the report costs at most 1.5x the baseline.
2. twenty reports (the development and held-out articles) with ``jobs=2`` against
   ``jobs=1``. Target: at least 1.7x faster.

Usage: python benchmarks/bench_report.py [--quick] [--repeat N] [--json out.json]
``--quick`` runs 6 reports and one repetition.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "agg")

import nbformat
import papermill
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sahel_analysis import reports  # noqa: E402
from sahel_analysis.article import METADATA_KEYS  # noqa: E402

BIN = Path(sys.executable).parent
SOURCES = [ROOT / "tests" / "data" / "dev", ROOT / "benchmarks" / "heldout"]


def baseline(work: Path) -> float:
    """Papermill-execute a one-cell notebook importing geopandas and matplotlib, export it."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import geopandas\nimport matplotlib")],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    source = work / "baseline.ipynb"
    nbformat.write(nb, source)
    start = time.perf_counter()
    executed = papermill.execute_notebook(
        str(source), str(work / "baseline.out.ipynb"), kernel_name="python3", progress_bar=False
    )
    body, _ = HTMLExporter().from_notebook_node(executed)
    (work / "baseline.html").write_text(body)
    return time.perf_counter() - start


def one_report(work: Path) -> float:
    reports._html_exporter.cache_clear()  # as in a new process
    reports._inspect.cache_clear()
    start = time.perf_counter()
    reports.run_reports(out_dir=work / "seed", jobs=1, progress=False)
    return time.perf_counter() - start


def _command(*args: str | Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(a) for a in args], check=True, capture_output=True)
    return time.perf_counter() - start


def baseline_cli(work: Path) -> float:
    """``papermill`` then ``jupyter nbconvert --to html`` on the one-cell notebook."""
    out = work / "baseline.cli.ipynb"
    return _command(BIN / "papermill", "--no-progress-bar", work / "baseline.ipynb", out) + (
        _command(BIN / "jupyter", "nbconvert", "--to", "html", out)
    )


def one_report_cli(work: Path) -> float:
    """``sahel-analysis report`` on the embedded seed, one job."""
    return _command(BIN / "sahel-analysis", "report", "--out", work / "seed-cli", "--jobs", "1")


def corpus(work: Path, n: int) -> list[Path]:
    """Copy n articles with metadata-only sidecars (the gold files hold facts too)."""
    texts = sorted(p for d in SOURCES for p in d.glob("*.txt"))
    if len(texts) < n:
        texts = (texts * (n // len(texts) + 1))[:n]
    out = work / "articles"
    out.mkdir(exist_ok=True)
    paths = []
    for i, text in enumerate(texts[:n]):
        gold = json.loads(text.with_suffix(".json").read_text())
        meta = {k: gold.get(k) for k in METADATA_KEYS}
        meta["id"] = f"{i:02d}_{meta.get('id') or text.stem}"
        target = out / f"{meta['id']}.txt"
        target.write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
        target.with_suffix(".json").write_text(json.dumps(meta))
        paths.append(target)
    return paths


def many(work: Path, paths: list[Path], jobs: int) -> float:
    start = time.perf_counter()
    run = reports.run_reports(
        paths, out_dir=work / f"jobs{jobs}", jobs=jobs, progress=False, check=False
    )
    seconds = time.perf_counter() - start
    if not run.ok:
        print(run, file=sys.stderr)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 reports, one repetition")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of part 1")
    parser.add_argument("--reports", type=int, default=20, help="reports in part 2")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    n = 6 if args.quick else args.reports

    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        work = Path(tmp)
        base, report, base_cli, report_cli = [], [], [], []
        baseline(work)  # warm the file system caches and the kernel spec lookup
        for _ in range(repeat):
            base_cli.append(baseline_cli(work))
            report_cli.append(one_report_cli(work))
            base.append(baseline(work))
            report.append(one_report(work))
        bc, rc = statistics.median(base_cli), statistics.median(report_cli)
        b, r = statistics.median(base), statistics.median(report)
        print(f"one report vs baseline ({repeat} runs, median)")
        print("  a. command line")
        print(f"  baseline papermill + jupyter nbconvert, one-cell notebook: {bc:6.2f} s")
        print(f"  sahel-analysis report (seed, --jobs 1):                    {rc:6.2f} s")
        print(f"  ratio {rc / bc:.2f}x (target <= 1.5x)")
        print("  b. in one process, everything imported")
        print(f"  baseline papermill + nbconvert, one-cell notebook: {b:6.2f} s")
        print(f"  article report (run_reports, seed, jobs=1):         {r:6.2f} s")
        print(f"  ratio {r / b:.2f}x")

        paths = corpus(work, n)
        serial = many(work, paths, 1)
        parallel = many(work, paths, 2)
        print(f"{n} reports on {os.cpu_count()} CPUs")
        print(f"  jobs=1: {serial:6.1f} s ({serial / n:.2f} s/report)")
        print(f"  jobs=2: {parallel:6.1f} s ({parallel / n:.2f} s/report)")
        print(f"  speed-up {serial / parallel:.2f}x (target >= 1.7x)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "baseline_cli_s": base_cli,
                    "report_cli_s": report_cli,
                    "ratio_cli": rc / bc,
                    "baseline_s": base,
                    "report_s": report,
                    "ratio": r / b,
                    "reports": n,
                    "jobs1_s": serial,
                    "jobs2_s": parallel,
                    "speedup": serial / parallel,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
