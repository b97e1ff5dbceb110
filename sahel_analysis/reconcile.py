"""Reconciliation: facts reported by several articles merged into one record each.

Outlets repeat, update and contradict each other. :func:`reconcile_movements` merges
movements about the same thing — same actor, origin and destination country, dates
within a window of each other — into one record that lists its sources, the first and
last date it was reported and the figures each source gave. When the sources' troop
ranges cannot all be true at once (no number lies in every range) the record is
flagged ``conflict`` and the figures are kept side by side, never averaged.
:func:`troop_levels` does the same for stated strengths, per actor, country and date.

Examples
--------
>>> from sahel_analysis import schema
>>> moves = schema.to_frame("movements", [
...     {"doc_id": "a", "actor": "France", "origin_iso3": "MLI", "destination_iso3": "NER",
...      "troops_low": 2400, "troops_high": 2400},
...     {"doc_id": "b", "actor": "France", "origin_iso3": "MLI", "destination_iso3": "NER",
...      "troops_low": 1000, "troops_high": 1000}])
>>> docs = pd.DataFrame({"id": ["a", "b"], "source": ["Wire", "Post"],
...                      "published": pd.to_datetime(["2022-02-17", "2022-03-01"])})
>>> merged = reconcile_movements(moves, docs)
>>> merged[["actor", "n_reports", "sources", "conflict"]].values.tolist()
[['France', 2, ['Post', 'Wire'], True]]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import pandas as pd

__all__ = [
    "RECONCILED_COLUMNS",
    "TROOP_LEVEL_COLUMNS",
    "conflicts",
    "flatten",
    "reconcile_events",
    "reconcile_movements",
    "timex_interval",
    "troop_levels",
    "troop_levels_chart",
]

CRS = "EPSG:4326"


def timex_interval(value: object) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return the first and last day a TIMEX3 value covers, as Timestamps, or None.

    A thin wrapper over :func:`sahel_analysis.maps.parse_timex`: ``2022-02-16``,
    ``2022-02``, ``2022``, ``2023-SU``, ``201X`` (the 2010s) and intervals
    ``2013/2022`` are on the calendar; durations (``P9Y``) and unknowns give None.

    Examples
    --------
    >>> [d.date().isoformat() for d in timex_interval("2022-02")]
    ['2022-02-01', '2022-02-28']
    >>> [d.year for d in timex_interval("2013/2022")]
    [2013, 2022]
    >>> timex_interval("P9Y") is None
    True
    """
    from sahel_analysis.maps import parse_timex

    parsed = parse_timex(value)
    if parsed is None:
        return None
    return pd.Timestamp(parsed[0]), pd.Timestamp(parsed[1])


def _with_documents(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    docs = documents[["id", "source", "published"]].rename(columns={"id": "doc_id"})
    docs = docs.drop_duplicates("doc_id")
    merged = pd.DataFrame(table).merge(docs, on="doc_id", how="left")
    merged["published"] = pd.to_datetime(merged["published"])
    return merged


def _bound(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def _merge_figures(lows: Sequence[object], highs: Sequence[object]) -> tuple[Any, Any, bool]:
    """Return (low, high, conflict) for figures given as ranges by several reports.

    When every range shares a number the result is their intersection; when they do
    not (in one dimension: the largest low exceeds the smallest high) the result is
    the span of all of them and ``conflict`` is True.
    """
    pairs = [(_bound(lo), _bound(hi)) for lo, hi in zip(lows, highs, strict=True)]
    pairs = [
        (lo if lo is not None else 0.0, hi) for lo, hi in pairs if lo is not None or hi is not None
    ]
    if not pairs:
        return pd.NA, pd.NA, False
    max_low = max(lo for lo, _ in pairs)
    closed = [hi for _, hi in pairs if hi is not None]
    min_high = min(closed) if closed else None
    if min_high is None or max_low <= min_high:
        return int(max_low), (pd.NA if min_high is None else int(min_high)), False
    max_high = None if len(closed) < len(pairs) else max(closed)
    return (int(min(lo for lo, _ in pairs)), pd.NA if max_high is None else int(max_high), True)


def _figure_map(table: pd.DataFrame, low: str, high: str) -> dict[Any, dict[str, Any]]:
    """Return, per row label of ``table``, the figure that row reports (rows with one)."""

    def values(column: str) -> list[Any]:
        series = table[column].astype(object)
        return series.where(series.notna(), None).tolist()

    published = [None if pd.isna(p) else p.date().isoformat() for p in table["published"]]
    out = {}
    rows = zip(
        table.index,
        values("source"),
        values("doc_id"),
        published,
        values(low),
        values(high),
        values("evidence"),
        strict=True,
    )
    for label, source, doc_id, date, lo, hi, evidence in rows:
        if lo is None and hi is None:
            continue
        out[label] = {
            "source": source,
            "doc_id": doc_id,
            "published": date,
            "low": None if lo is None else int(lo),
            "high": None if hi is None else int(hi),
            "evidence": evidence,
        }
    return out


def _figures(rows: pd.DataFrame, figures: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    return [figures[label] for label in rows.index if label in figures]


def _reports(rows: pd.DataFrame, figures: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """Return who reported a merged record: counts, sources, articles and figures."""
    sources = _sources(rows)
    return {
        "n_reports": len(rows),
        "n_sources": len(sources),
        "sources": sources,
        "doc_ids": sorted(set(rows["doc_id"])),
        "figures": _figures(rows, figures),
    }


def _sources(group: pd.DataFrame) -> list[str]:
    return sorted({s for s in group["source"] if isinstance(s, str)})


def _mode(values: pd.Series) -> Any:
    values = values.dropna()
    return values.mode().iloc[0] if not values.empty else pd.NA


def _spans(movements: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return when each movement happens: its dates, else its article's publication."""
    starts, ends = [], []
    for row in movements.itertuples(index=False):
        first = timex_interval(row.date_start)
        last = timex_interval(row.date_end)
        start = first[0] if first else (last[0] if last else row.published)
        end = last[1] if last else (first[1] if first else row.published)
        starts.append(start)
        ends.append(end)
    return (
        pd.to_datetime(pd.Series(starts, index=movements.index)),
        pd.to_datetime(pd.Series(ends, index=movements.index)),
    )


def _clusters(starts: pd.Series, ends: pd.Series, window: pd.Timedelta) -> list[list[int]]:
    """Group rows whose [start, end] spans lie within ``window`` of each other."""
    order = starts.sort_values(na_position="last").index
    clusters: list[list[int]] = []
    cluster_end = None
    for i in order:
        start, end = starts[i], ends[i]
        if pd.isna(start):  # undated reports of a movement: one record
            if not clusters or cluster_end is not None:
                clusters.append([])
                cluster_end = None
            clusters[-1].append(i)
            continue
        if clusters and cluster_end is not None and start <= cluster_end + window:
            clusters[-1].append(i)
            cluster_end = max(cluster_end, end)
        else:
            clusters.append([i])
            cluster_end = end
    return clusters


def _key(*parts: object) -> str:
    text = "|".join("" if pd.isna(p) else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


RECONCILED_COLUMNS: dict[str, str] = {
    "movement_id": "stable id of the reconciled movement",
    "actor": "canonical actor whose force moves",
    "origin_iso3": "country the force leaves",
    "destination_iso3": "country the force goes to",
    "origin": "place name of the origin most reports give",
    "destination": "place name of the destination most reports give",
    "status": "status in the latest report",
    "date_start": "earliest start date reported (TIMEX3)",
    "date_end": "latest end date reported (TIMEX3)",
    "first_reported": "publication date of the first report",
    "last_reported": "publication date of the latest report",
    "n_reports": "number of movement mentions merged",
    "n_sources": "number of distinct outlets",
    "sources": "outlets that reported it",
    "doc_ids": "articles that reported it",
    "figures": "troop figures per report: source, doc_id, published, low, high, evidence",
    "troops_low": "common lower bound, or the lowest figure when reports conflict",
    "troops_high": "common upper bound, or the highest figure when reports conflict",
    "conflict": "True when the reported troop ranges cannot all be true",
}
"""Columns of :func:`reconcile_movements`."""


def reconcile_movements(
    movements: pd.DataFrame, documents: pd.DataFrame, window_days: int = 120
) -> gpd.GeoDataFrame:
    """Merge movements that several articles report into one record each.

    Movements with the same actor, origin country and destination country are the
    same movement when their dates (``date_start``/``date_end``, else the article's
    publication date) lie within ``window_days`` of each other.

    Parameters
    ----------
    movements : DataFrame
        The movements table of :mod:`sahel_analysis.schema` (with geometry or not).
    documents : DataFrame
        Documents with ``id``, ``source`` and ``published``.
    window_days : int, default 120
        How far apart two reports of one movement may be dated.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`RECONCILED_COLUMNS` and a line geometry, one row per movement.
    """
    has_geometry = isinstance(movements, gpd.GeoDataFrame) and "geometry" in movements
    table = _with_documents(movements, documents)
    if has_geometry:
        table["geometry"] = movements.geometry.to_numpy()
    records = []
    if not table.empty:
        starts, ends = _spans(table)
        figures = _figure_map(table, "troops_low", "troops_high")
        keys = ["actor", "origin_iso3", "destination_iso3"]
        for _, group in table.groupby(keys, dropna=False, sort=True):
            for members in _clusters(
                starts[group.index], ends[group.index], pd.Timedelta(days=window_days)
            ):
                rows = table.loc[members]
                low, high, conflict = _merge_figures(
                    list(rows["troops_low"]), list(rows["troops_high"])
                )
                latest = rows.sort_values("published", na_position="first").iloc[-1]
                first_start = starts[members].min()
                starts_given = rows["date_start"].dropna()
                ends_given = rows["date_end"].dropna()
                geometry = None
                if has_geometry:
                    geoms = rows["geometry"].dropna()
                    geometry = geoms.iloc[0] if not geoms.empty else None
                first = rows.iloc[0]
                records.append(
                    {
                        "movement_id": _key(
                            first["actor"],
                            first["origin_iso3"],
                            first["destination_iso3"],
                            first_start,
                        ),
                        "actor": first["actor"],
                        "origin_iso3": first["origin_iso3"],
                        "destination_iso3": first["destination_iso3"],
                        "origin": _mode(rows["origin"]),
                        "destination": _mode(rows["destination"]),
                        "status": latest["status"],
                        "date_start": min(starts_given) if not starts_given.empty else pd.NA,
                        "date_end": max(ends_given) if not ends_given.empty else pd.NA,
                        "first_reported": rows["published"].min(),
                        "last_reported": rows["published"].max(),
                        **_reports(rows, figures),
                        "troops_low": low,
                        "troops_high": high,
                        "conflict": conflict,
                        "geometry": geometry,
                    }
                )
    frame = pd.DataFrame(records, columns=[*RECONCILED_COLUMNS, "geometry"])
    frame = _typed(frame)
    return gpd.GeoDataFrame(
        frame.drop(columns="geometry"), geometry=gpd.GeoSeries(frame["geometry"], crs=CRS)
    )


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("troops_low", "troops_high", "low", "high", "n_reports", "n_sources"):
        if col in frame:
            frame[col] = frame[col].astype("Int64")
    for col in ("first_reported", "last_reported", "date"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col])
    if "conflict" in frame:
        frame["conflict"] = frame["conflict"].astype("boolean")
    for col in (
        "movement_id",
        "actor",
        "origin_iso3",
        "destination_iso3",
        "origin",
        "destination",
        "status",
        "date_start",
        "date_end",
        "country",
    ):
        if col in frame:
            frame[col] = frame[col].astype("string")
    return frame


TROOP_LEVEL_COLUMNS: dict[str, str] = {
    "actor": "canonical actor the force belongs to",
    "country": "ISO3 code of the country where the force is",
    "date": "date the figure refers to (its as_of day or month, else the publication)",
    "low": "common lower bound, or the lowest figure when reports conflict",
    "high": "common upper bound, or the highest figure when reports conflict",
    "n_reports": "number of figures merged",
    "n_sources": "number of distinct outlets",
    "sources": "outlets that gave a figure",
    "doc_ids": "articles that gave a figure",
    "figures": "figures per report: source, doc_id, published, low, high, evidence",
    "conflict": "True when the reported ranges cannot all be true",
}
"""Columns of :func:`troop_levels`."""


def troop_levels(troops: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return each actor's reported strength per country over time.

    Figures about the same actor, country and date (the ``as_of`` date when it names
    a day or month, else the article's publication date) are merged like movements.

    Parameters
    ----------
    troops : DataFrame
        The troops table of :mod:`sahel_analysis.schema`.
    documents : DataFrame
        Documents with ``id``, ``source`` and ``published``.

    Returns
    -------
    DataFrame
        Columns :data:`TROOP_LEVEL_COLUMNS`, sorted by actor, country and date.

    Examples
    --------
    >>> from sahel_analysis import schema
    >>> troops = schema.to_frame("troops", [
    ...     {"doc_id": "a", "actor": "France", "location_iso3": "NER", "low": 1000,
    ...      "high": 1500},
    ...     {"doc_id": "b", "actor": "France", "location_iso3": "NER", "low": 1400,
    ...      "high": 1400}])
    >>> docs = pd.DataFrame({"id": ["a", "b"], "source": ["Wire", "Post"],
    ...                      "published": pd.to_datetime(["2023-08-01", "2023-08-01"])})
    >>> troop_levels(troops, docs)[["actor", "country", "low", "high", "conflict"]].values.tolist()
    [['France', 'NER', 1400, 1400, False]]
    """
    table = _with_documents(troops, documents)
    table = table[table["low"].notna() | table["high"].notna()]
    records = []
    if not table.empty:
        dates = []
        for row in table.itertuples(index=False):
            span = timex_interval(row.as_of)
            precise = span is not None and (span[1] - span[0]).days <= 31
            dates.append(span[0] if precise else row.published)
        table = table.assign(date=pd.to_datetime(pd.Series(dates, index=table.index)))
        figures = _figure_map(table, "low", "high")
        for (actor, country, date), rows in table.groupby(
            ["actor", "location_iso3", "date"], dropna=False, sort=True
        ):
            low, high, conflict = _merge_figures(list(rows["low"]), list(rows["high"]))
            records.append(
                {
                    "actor": actor,
                    "country": country,
                    "date": date,
                    "low": low,
                    "high": high,
                    **_reports(rows, figures),
                    "conflict": conflict,
                }
            )
    frame = _typed(pd.DataFrame(records, columns=list(TROOP_LEVEL_COLUMNS)))
    return frame.reset_index(drop=True)


def _range(low: object, high: object) -> str:
    lo = "?" if low is None or pd.isna(low) else f"{int(low):,}"
    if high is None or pd.isna(high):
        return f"{lo}+"
    return lo if lo == f"{int(high):,}" else f"{lo}–{int(high):,}"


def conflicts(reconciled: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """Return the reconciled movements and troop levels whose sources disagree.

    Parameters
    ----------
    reconciled : DataFrame
        Output of :func:`reconcile_movements`.
    levels : DataFrame
        Output of :func:`troop_levels`.

    Returns
    -------
    DataFrame
        Columns ``kind`` (movement or troop level), ``actor``, ``where``, ``date``,
        ``sources`` and ``figures`` (readable: ``Wire: 2,400; Post: 1,000``), one row
        per conflicting record.
    """
    rows = []
    for rec in reconciled[reconciled["conflict"].fillna(False)].itertuples(index=False):
        rows.append(
            {
                "kind": "movement",
                "actor": rec.actor,
                "where": f"{_text(rec.origin_iso3)} → {_text(rec.destination_iso3)}",
                "date": rec.first_reported,
                "sources": ", ".join(rec.sources),
                "figures": _readable(rec.figures),
            }
        )
    for rec in levels[levels["conflict"].fillna(False)].itertuples(index=False):
        rows.append(
            {
                "kind": "troop level",
                "actor": rec.actor,
                "where": _text(rec.country),
                "date": rec.date,
                "sources": ", ".join(rec.sources),
                "figures": _readable(rec.figures),
            }
        )
    return pd.DataFrame(rows, columns=["kind", "actor", "where", "date", "sources", "figures"])


def _text(value: object) -> str:
    return value if isinstance(value, str) and value else "?"


def _readable(figures: Sequence[dict[str, Any]]) -> str:
    return "; ".join(
        f"{f['source'] or f['doc_id']}: {_range(f['low'], f['high'])}" for f in figures
    )


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with list and dict columns as JSON text (for GPKG and CSV).

    Examples
    --------
    >>> flatten(pd.DataFrame({"sources": [["Wire", "Post"]]}))["sources"].tolist()
    ['["Wire", "Post"]']
    """
    out = frame.copy()
    for col in out.columns:
        if col == "geometry" or out[col].dtype != object:
            continue
        if out[col].map(lambda v: isinstance(v, list | dict)).any():
            out[col] = (
                out[col]
                .map(
                    lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                )
                .astype("string")
            )
    return out


def reconcile_events(events: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return one row per distinct event (type, actor, place, date) with its sources.

    The first report's row is kept, with ``n_reports`` and ``sources`` added; the
    geometry, if any, is kept.

    Examples
    --------
    >>> from sahel_analysis import schema
    >>> ev = schema.to_frame("events", [
    ...     {"doc_id": d, "type": "coup", "location_iso3": "NER", "date": "2023-07-26"}
    ...     for d in ("a", "b")])
    >>> docs = pd.DataFrame({"id": ["a", "b"], "source": ["Wire", "Post"],
    ...                      "published": pd.to_datetime(["2023-07-27", "2023-07-28"])})
    >>> reconcile_events(ev, docs)[["type", "n_reports", "sources"]].values.tolist()
    [['coup', 2, ['Post', 'Wire']]]
    """
    table = _with_documents(events, documents)
    keys = ["type", "actor", "location_iso3", "location", "date"]
    if table.empty:
        out = events.iloc[0:0].copy()
        out["n_reports"] = pd.Series(dtype="Int64")
        out["sources"] = pd.Series(dtype=object)
        return out
    group = table.groupby(keys, dropna=False, sort=False).ngroup()
    first = ~group.duplicated()
    sources = {g: _sources(rows) for g, rows in table.groupby(group)}
    out = events[first.to_numpy()].copy()
    out["n_reports"] = group.value_counts()[group[first]].to_numpy()
    out["n_reports"] = out["n_reports"].astype("Int64")
    out["sources"] = [sources[g] for g in group[first]]
    return out.reset_index(drop=True)


def troop_levels_chart(levels: pd.DataFrame, ax: Any = None, max_series: int = 12) -> Any:
    """Draw reported troop strengths over time as steps, one series per actor and country.

    Each series is a band from the low to the high figure, held until the next report
    (a step chart); conflicting reports are marked with a red cross.

    Parameters
    ----------
    levels : DataFrame
        Output of :func:`troop_levels`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure otherwise.
    max_series : int, default 12
        Draw the series with the most reports, at most this many.

    Returns
    -------
    matplotlib.axes.Axes
        Lines have ``gid`` ``"troops:<actor>:<ISO3>"``, conflict markers ``"conflict"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("agg")
    >>> levels = pd.DataFrame({"actor": ["France", "France"], "country": ["NER", "NER"],
    ...     "date": pd.to_datetime(["2022-01-01", "2023-01-01"]), "low": [1500, 1000],
    ...     "high": [1500, 1100], "n_reports": [1, 1], "conflict": [False, False]})
    >>> [line.get_gid() for line in troop_levels_chart(levels).lines]
    ['troops:France:NER']
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _fig, ax = plt.subplots(figsize=(11, 5))
    data = levels.dropna(subset=["date"])
    data = data[data["low"].notna() | data["high"].notna()]
    if data.empty:
        ax.text(
            0.5, 0.5, "No dated troop figures", ha="center", va="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return ax
    keys = ["actor", "country"]
    sizes = data.groupby(keys, dropna=False)["n_reports"].sum().sort_values(ascending=False)
    for actor, country in sizes.index[:max_series]:
        series = data[
            (data["actor"].fillna("") == (actor if isinstance(actor, str) else ""))
            & (data["country"].fillna("") == (country if isinstance(country, str) else ""))
        ].sort_values("date")
        low = series["low"].astype("float64")
        high = series["high"].astype("float64").fillna(low)
        low = low.fillna(high)
        label = f"{actor if isinstance(actor, str) else '?'} in "
        label += country if isinstance(country, str) else "?"
        (line,) = ax.step(
            series["date"],
            (low + high) / 2,
            where="post",
            label=label,
            gid=f"troops:{actor}:{country}",
        )
        ax.fill_between(series["date"], low, high, step="post", alpha=0.2, color=line.get_color())
        clash = series[series["conflict"].fillna(False).astype(bool)]
        if not clash.empty:
            ax.scatter(
                clash["date"],
                (
                    clash["low"].astype("float64")
                    + clash["high"].astype("float64").fillna(clash["low"].astype("float64"))
                )
                / 2,
                marker="x",
                color="red",
                zorder=3,
                gid="conflict",
            )
    ax.set_ylabel("troops reported")
    ax.set_title("Reported troop strength by actor and country")
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    ax.grid(axis="y", alpha=0.3)
    ax.figure.tight_layout()
    return ax
