"""Time and memory of reading and extracting one very large article.

Builds articles of 0.5, 1, 2.5 and 5 MB from the development articles (repeated) and
runs ``read_article`` + ``extract`` on each in a fresh interpreter, reporting seconds,
characters per second and peak memory (max RSS). Long articles are analysed in pieces
of ``facts.CHUNK_CHARS`` characters, so both should grow linearly with the size.

Usage: python benchmarks/bench_large.py [--sizes 0.5 1 2.5 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev"

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
import sahel_analysis as sa
sa.extract("French troops left Mali.", published="2022-08-15")  # load the pipeline
base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t1 = time.perf_counter()
article = sa.read_article(sys.argv[1], published="2023-01-02")
t2 = time.perf_counter()
facts = sa.extract(article)
t3 = time.perf_counter()
assert facts.validate() == []
print(json.dumps({
    "chars": len(article.text),
    "read_s": t2 - t1,
    "extract_s": t3 - t2,
    "rows": sum(facts.summary().values()),
    "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "baseline_rss_mb": base_rss / 1024,
}))
"""


def make_article(megabytes: float, folder: Path) -> Path:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt")))
    size = int(megabytes * 1_000_000)
    text = ((base + "\n\n") * (size // len(base) + 1))[:size]
    path = folder / f"large_{megabytes:g}MB.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2.5, 5])
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in args.sizes:
            path = make_article(mb, Path(folder))
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
            )
            row = {"megabytes": mb, **json.loads(done.stdout)}
            row["chars_per_s"] = row["chars"] / row["extract_s"]
            results.append(row)
            print(
                f"{mb:>4g} MB  read {row['read_s']:5.2f} s  extract {row['extract_s']:7.1f} s "
                f"({row['chars_per_s'] / 1000:6.1f} k chars/s)  {row['rows']:>7} rows  "
                f"peak RSS {row['max_rss_mb']:6.0f} MB (pipeline loaded: "
                f"{row['baseline_rss_mb']:.0f} MB)",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
