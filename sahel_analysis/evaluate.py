"""Evaluation: precision, recall and F1 of extracted facts against gold files.

A gold directory holds ``<id>.json`` files in the JSON export's shape (as
``../shared/gold/``) with the article ``<id>.txt`` beside each. Facts are matched as
the design's conventions say:

- places: countries by ISO3; regions by name; towns and bases by name or within
  25 km, in the right country (every distinct place once per article; places the
  extractor flags unresolved are not scored);
- troops: canonical actor, location ISO3 and range (exact figures exactly, vague
  bounds within 35 %);
- movements: (actor, origin ISO3, destination ISO3), a missing end being null;
- timexes: overlapping surface text and the exact value;
- events: (type, place ISO3), each pair once per article;
- quotes: opening words, and the speaker's surname (or both speakers null).

``coordinates`` counts the matched towns and bases whose predicted point lies within
25 km of the gold point.
"""

from __future__ import annotations

import json
import math
import os
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_analysis.article import Article
from sahel_analysis.errors import ParameterError

__all__ = [
    "EVALUATED_KINDS",
    "evaluate",
    "load_gold",
    "mismatches",
    "score_article",
    "summarize",
]

EVALUATED_KINDS = ("places", "troops", "movements", "timexes", "events", "quotes")
_TOLERANCE = 0.35
_RADIUS_KM = 25.0


def _fold(text: object) -> str:
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _km(a: dict, b: dict) -> float:
    try:
        lat1, lon1, lat2, lon2 = (
            math.radians(float(v)) for v in (a["lat"], a["lon"], b["lat"], b["lon"])
        )
    except (KeyError, TypeError, ValueError):
        return math.inf
    if any(math.isnan(v) for v in (lat1, lon1, lat2, lon2)):
        return math.inf
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _place_match(g: dict, p: dict) -> bool:
    kind = g.get("kind")
    if kind == "country":
        return p.get("kind") == "country" and p.get("iso3") == g.get("iso3")
    if kind == "region" or not g.get("iso3"):
        return _fold(p.get("name")) in {_fold(g.get("name")), _fold(g.get("text"))}
    if p.get("iso3") != g.get("iso3") or p.get("kind") == "country":
        return False
    names = {_fold(g.get("name")), _fold(g.get("text"))}
    return _fold(p.get("name")) in names or _fold(p.get("text")) in names or _km(g, p) <= _RADIUS_KM


def _close(gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(float(pred) - float(gold)) <= _TOLERANCE * max(abs(float(gold)), 1.0)


def _troop_match(g: dict, p: dict) -> bool:
    if g.get("actor") != p.get("actor") or g.get("location_iso3") != p.get("location_iso3"):
        return False
    if g.get("low") is not None and g.get("low") == g.get("high"):
        return p.get("low") == g["low"] and p.get("high") == g["high"]
    return _close(g.get("low"), p.get("low")) and _close(g.get("high"), p.get("high"))


def _movement_match(g: dict, p: dict) -> bool:
    return all(g.get(k) == p.get(k) for k in ("actor", "origin_iso3", "destination_iso3"))


def _event_match(g: dict, p: dict) -> bool:
    return g.get("type") == p.get("type") and g.get("location_iso3") == p.get("location_iso3")


def _quote_match(g: dict, p: dict) -> bool:
    opening = _fold(g.get("text_start") or g.get("text"))
    if not opening or not _fold(p.get("text")).startswith(opening[:40]):
        return False
    gs, ps = g.get("speaker"), p.get("speaker")
    if not gs or not ps:
        return not gs and not ps
    return _fold(gs).split()[-1] in _fold(ps).split()


def _timex_matcher(text: str) -> Callable[[dict, dict], bool]:
    def occurrences(surface: str) -> list[tuple[int, int]]:
        spans, pos = [], text.find(surface)
        while surface and pos >= 0:
            spans.append((pos, pos + len(surface)))
            pos = text.find(surface, pos + 1)
        return spans

    def match(g: dict, p: dict) -> bool:
        if g.get("value") != p.get("value"):
            return False
        p_start, p_end = p.get("start"), p.get("end")
        if p_start is None or p_end is None:
            return _fold(g.get("text")) in _fold(p.get("text")) or _fold(p.get("text")) in _fold(
                g.get("text")
            )
        return any(s < p_end and p_start < e for s, e in occurrences(g.get("text", "")))

    return match


def _unique(records: Iterable[dict], key: Callable[[dict], Any]) -> list[dict]:
    seen, out = set(), []
    for r in records:
        k = key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


_PRED_KEYS: dict[str, Callable[[dict], Any]] = {
    "places": lambda r: (r.get("kind"), r.get("iso3"), _fold(r.get("name"))),
    "troops": lambda r: (
        _fold(r.get("text")),
        r.get("actor"),
        r.get("location_iso3"),
        r.get("low"),
        r.get("high"),
    ),
    "movements": lambda r: (r.get("actor"), r.get("origin_iso3"), r.get("destination_iso3")),
    "timexes": lambda r: (_fold(r.get("text")), r.get("value")),
    "events": lambda r: (r.get("type"), r.get("location_iso3")),
    "quotes": lambda r: _fold(r.get("text"))[:40],
}


def _predictions(pred: dict, kind: str) -> list[dict]:
    """Predicted facts of ``kind``, each once; places flagged unresolved are left out.

    An unresolved place is a name the gazetteer does not know, kept for the analyst
    to check; it has no country or coordinates to score.
    """
    records = pred.get(kind) or []
    if kind == "places":
        records = [r for r in records if r.get("resolved") is not False]
    return _unique(records, _PRED_KEYS[kind])


def _greedy(gold: list[dict], pred: list[dict], match: Callable[[dict, dict], bool]) -> list:
    pairs, used = [], set()
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and match(g, p):
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def _matchers(text: str) -> dict[str, Callable[[dict, dict], bool]]:
    return {
        "places": _place_match,
        "troops": _troop_match,
        "movements": _movement_match,
        "timexes": _timex_matcher(text),
        "events": _event_match,
        "quotes": _quote_match,
    }


def mismatches(gold: dict, pred: dict, text: str, kind: str) -> tuple[list[dict], list[dict]]:
    """Return the gold facts of ``kind`` that were missed and the predicted ones that are wrong.

    Examples
    --------
    >>> g = {"events": [{"type": "coup", "location_iso3": "MLI"}]}
    >>> p = {"events": [{"type": "coup", "location_iso3": "NER"}]}
    >>> missed, wrong = mismatches(g, p, "", "events")
    >>> missed[0]["location_iso3"], wrong[0]["location_iso3"]
    ('MLI', 'NER')
    """
    g_records = list(gold.get(kind) or [])
    p_records = _predictions(pred, kind)
    pairs = _greedy(g_records, p_records, _matchers(text)[kind])
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    return (
        [g for g in g_records if id(g) not in matched_g],
        [p for p in p_records if id(p) not in matched_p],
    )


def score_article(gold: dict, pred: dict, text: str) -> list[dict]:
    """Score one article's predicted facts against its gold facts.

    Parameters
    ----------
    gold, pred : dict
        Facts in the JSON export's shape.
    text : str
        The article text (time expressions are matched by overlapping spans).

    Returns
    -------
    list of dict
        One row per fact kind (and ``coordinates``): ``id, kind, tp, fp, fn``.

    Examples
    --------
    >>> g = {"id": "a", "places": [{"text": "Mali", "kind": "country", "iso3": "MLI"}]}
    >>> p = {"places": [{"text": "Mali", "name": "Mali", "kind": "country", "iso3": "MLI"}]}
    >>> [r["tp"] for r in score_article(g, p, "Mali")][:1]
    [1]
    """
    matchers = _matchers(text)
    rows = []
    for kind in EVALUATED_KINDS:
        g_records = list(gold.get(kind) or [])
        p_records = _predictions(pred, kind)
        pairs = _greedy(g_records, p_records, matchers[kind])
        rows.append(
            {
                "id": gold.get("id"),
                "kind": kind,
                "tp": len(pairs),
                "fp": len(p_records) - len(pairs),
                "fn": len(g_records) - len(pairs),
            }
        )
        if kind == "places":
            located = [
                (g, p)
                for g, p in pairs
                if g.get("kind") in {"city", "base"} and g.get("lat") is not None
            ]
            good = sum(_km(g, p) <= _RADIUS_KM for g, p in located)
            rows.append(
                {
                    "id": gold.get("id"),
                    "kind": "coordinates",
                    "tp": good,
                    "fp": len(located) - good,
                    "fn": 0,
                }
            )
    return rows


def load_gold(gold_dir: str | os.PathLike[str]) -> list[tuple[dict, Path]]:
    """Return ``(gold facts, article path)`` for every ``<id>.json`` with a ``<id>.txt``.

    Raises
    ------
    ParameterError
        If the directory does not exist or holds no gold file with its article.
    """
    directory = Path(gold_dir)
    if not directory.is_dir():
        raise ParameterError("gold_dir", f"{directory} is not a directory of <id>.json files")
    pairs = []
    for path in sorted(directory.glob("*.json")):
        text_path = path.with_suffix(".txt")
        if text_path.exists():
            pairs.append((json.loads(path.read_text(encoding="utf-8")), text_path))
    if not pairs:
        raise ParameterError("gold_dir", f"{directory} holds no <id>.json beside an <id>.txt")
    return pairs


def evaluate(
    gold_dir: str | os.PathLike[str],
    pred_dir: str | os.PathLike[str] | None = None,
    model: str | None = None,
) -> pd.DataFrame:
    """Score extraction on a gold directory; one row per article and fact kind.

    Parameters
    ----------
    gold_dir : path
        Directory of ``<id>.json`` gold files, each with its ``<id>.txt`` article.
    pred_dir : path, optional
        Directory of predicted ``<id>.json`` files; by default the articles are
        extracted now, with the gold file's ``published`` and ``source``.
    model : str, optional
        spaCy pipeline to extract with (see :func:`sahel_analysis.extract`).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, kind, tp, fp, fn, precision, recall, f1``;
        :func:`summarize` gives the micro-averaged scores per kind.
    """
    from sahel_analysis.facts import extract

    rows = []
    for gold, text_path in load_gold(gold_dir):
        text = text_path.read_text(encoding="utf-8")
        article = Article.from_text(
            text,
            id=gold.get("id") or text_path.stem,
            published=gold.get("published"),
            source=gold.get("source"),
        )
        if pred_dir is not None:
            pred_path = Path(pred_dir) / f"{article.id}.json"
            pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        else:
            pred = extract(article, model=model).to_dict()
        rows += score_article(gold, pred, article.text)
    return _with_scores(pd.DataFrame(rows))


def _with_scores(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    tp, fp, fn = frame["tp"], frame["fp"], frame["fn"]
    frame["precision"] = (tp / (tp + fp)).where(tp + fp > 0, 1.0)
    frame["recall"] = (tp / (tp + fn)).where(tp + fn > 0, 1.0)
    p, r = frame["precision"], frame["recall"]
    frame["f1"] = (2 * p * r / (p + r)).where(p + r > 0, 0.0)
    return frame


def summarize(scores: pd.DataFrame) -> pd.DataFrame:
    """Micro-average per-article scores into one row per fact kind.

    Examples
    --------
    >>> rows = pd.DataFrame([{"id": "a", "kind": "places", "tp": 3, "fp": 1, "fn": 0}])
    >>> float(summarize(rows).loc["places", "precision"])
    0.75
    """
    totals = scores.groupby("kind", sort=False)[["tp", "fp", "fn"]].sum()
    return _with_scores(totals.reset_index()).set_index("kind")
