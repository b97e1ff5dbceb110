"""Build a benchmark corpus by varying the development articles.

Each generated article starts from one of ``tests/data/dev/*.txt`` (its metadata from
the gold ``.json`` beside it) and varies, with a seeded random generator:

- the outlet (``source``) and the article id;
- the figures: troop numbers scaled by 0.7-1.3 and rounded, so outlets disagree;
- the publication date, shifted by up to two months (relative dates move with it);
- the order of the paragraphs after the lead;
- names: some persons' first names are swapped for others.

About a third of the articles are re-reports of another generated article by a
different outlet with the same figures, so reconciliation has real duplicates.
Articles are written as ``.txt`` files with front matter (id, source, published,
title).

    python benchmarks/make_corpus.py OUT_DIR [--n 2000] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev"

OUTLETS = [
    "Sahel Wire",
    "Bamako Hebdo",
    "Niamey Tribune",
    "Le Messager du Sahel",
    "Lake Chad Monitor",
    "Europe Defence Brief",
    "Africa Rights Monitor",
    "Global Affairs Daily",
    "Faso Quotidien",
    "The Continental Ledger",
    "Dakar Dispatch",
    "Sahara Observer",
    "West Africa Weekly",
    "Ouaga Matin",
    "Nouakchott Post",
    "Desert Line",
    "Gao Chronicle",
    "Agadez Herald",
]
FIRST_NAMES = ["Emmanuel", "Sébastien", "Florence", "Christophe", "Annalena", "Boris", "Jean"]

_THOUSANDS = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{3})+)(?![\d,])")
_HUNDREDS = re.compile(
    r"(?<![\d,.])([1-9]\d{2})(?=\s+(?:troops|soldiers|personnel|men|"
    r"peacekeepers|instructors|mercenaries|fighters))"
)
_FIRST = re.compile(r"\b(" + "|".join(FIRST_NAMES) + r")\b")


def _scale(match: re.Match[str], factor: float) -> str:
    value = int(match.group(1).replace(",", ""))
    step = 100 if value >= 1000 else 10
    new = max(step, round(value * factor / step) * step)
    return f"{new:,}"


def vary(text: str, rng: random.Random) -> str:
    """Return ``text`` with figures, names and paragraph order varied."""
    factor = rng.uniform(0.7, 1.3)
    text = _THOUSANDS.sub(lambda m: _scale(m, factor), text)
    text = _HUNDREDS.sub(lambda m: _scale(m, factor), text)
    if rng.random() < 0.3:
        text = _FIRST.sub(lambda m: rng.choice(FIRST_NAMES), text)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 2:
        body = paragraphs[1:]
        rng.shuffle(body)
        paragraphs = [paragraphs[0], *body]
    return "\n\n".join(paragraphs)


def _front_matter(meta: dict[str, str]) -> str:
    lines = [
        "---",
        *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v),
        "---",
        "",
    ]
    return "\n".join(lines)


def make_corpus(out: Path, n: int = 2000, seed: int = 0) -> list[Path]:
    """Write ``n`` varied articles to ``out`` and return their paths."""
    rng = random.Random(seed)
    bases = []
    for txt in sorted(DEV.glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        bases.append((txt.stem, txt.read_text(encoding="utf-8"), meta))
    if not bases:
        raise SystemExit(f"no development articles in {DEV}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    made: list[tuple[str, str, dt.date]] = []  # (base stem, text, published) to re-report
    for i in range(n):
        if made and rng.random() < 0.33:
            stem, text, published = rng.choice(made)
            published = published + dt.timedelta(days=rng.randint(0, 3))
            title = None
        else:
            stem, base_text, meta = rng.choice(bases)
            text = vary(base_text, rng)
            published = dt.date.fromisoformat(meta["published"]) + dt.timedelta(
                days=rng.randint(-60, 60)
            )
            title = meta.get("title")
            made.append((stem, text, published))
        article_id = f"bench_{i:05d}_{stem}"
        meta = {
            "id": article_id,
            "source": rng.choice(OUTLETS),
            "published": published.isoformat(),
            "title": title,
        }
        path = out / f"{article_id}.txt"
        path.write_text(_front_matter(meta) + text + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write the articles to")
    parser.add_argument("--n", type=int, default=2000, help="number of articles (2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    args = parser.parse_args()
    paths = make_corpus(args.out, args.n, args.seed)
    print(f"{len(paths)} articles in {args.out}")


if __name__ == "__main__":
    main()
