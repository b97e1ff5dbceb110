"""The fact model: every fact table declared once.

Each table is a list of :class:`Column` (name, dtype, meaning). Every other module,
the JSON export, the store and the notebooks use these declarations rather than
repeating column names. :func:`empty_frame` makes a typed empty table,
:func:`to_frame` turns records into a typed table and :func:`validate` checks one.

Examples
--------
>>> from sahel_analysis import schema
>>> list(schema.columns("movements"))[:8]
['doc_id', 'sentence', 'start', 'end', 'evidence', 'confidence', 'text', 'actor']
>>> schema.empty_frame("troops").dtypes["low"]
Int64Dtype()
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sahel_analysis.errors import SchemaError

__all__ = [
    "FACT_KINDS",
    "PROVENANCE",
    "TABLES",
    "Column",
    "columns",
    "empty_frame",
    "to_frame",
    "validate",
]


@dataclass(frozen=True)
class Column:
    """One column of a fact table.

    Parameters
    ----------
    name : str
        Column name.
    dtype : str
        pandas dtype: ``"string"``, ``"Int64"``, ``"float64"`` or ``"boolean"``.
    doc : str
        What the column means, in one line.
    """

    name: str
    dtype: str
    doc: str


PROVENANCE: tuple[Column, ...] = (
    Column("doc_id", "string", "id of the article the fact comes from"),
    Column("sentence", "Int64", "index of the sentence, from 0"),
    Column("start", "Int64", "start character offset of the surface text in the article"),
    Column("end", "Int64", "end character offset (exclusive); text == article[start:end]"),
    Column("evidence", "string", "the sentence the fact was read from"),
    Column("confidence", "float64", "confidence of the extraction, 0-1"),
)

_TEXT = Column("text", "string", "surface text of the mention (article[start:end])")

TABLES: dict[str, tuple[Column, ...]] = {
    "places": (
        _TEXT,
        Column("name", "string", "gazetteer name of the place"),
        Column("kind", "string", "country, city, admin1, region or base"),
        Column("iso3", "string", "ISO 3166-1 alpha-3 code of the country it lies in"),
        Column("geonames_id", "Int64", "GeoNames id, where the place comes from GeoNames"),
        Column("lat", "float64", "latitude (WGS84); a representative point for areas"),
        Column("lon", "float64", "longitude (WGS84)"),
        Column("geo_precision", "string", "point, centroid (country/region) or unresolved"),
        Column("resolved", "boolean", "False when the name was not found in the gazetteer"),
    ),
    "actors": (
        _TEXT,
        Column("actor", "string", "canonical English name (France, Wagner Group, ...)"),
        Column("actor_kind", "string", "state, armed force, organisation, person or group"),
        Column("iso3", "string", "country the actor belongs to, if any"),
        Column("role", "string", "for persons: role or title as the article gives it"),
    ),
    "troops": (
        _TEXT,
        Column("actor", "string", "canonical actor the force belongs to"),
        Column("location_iso3", "string", "country where the force is, or goes to"),
        Column("value", "Int64", "the stated figure, when the article gives one exactly"),
        Column("low", "Int64", "lower bound of the strength (null: unknown)"),
        Column("high", "Int64", "upper bound of the strength (null: open-ended)"),
        Column("qualifier", "string", "exact, about, more_than, up_to, at_least or vague"),
        Column("unit", "string", "what is counted: troops, soldiers, personnel, ..."),
        Column("as_of", "string", "ISO date the figure refers to, if the article dates it"),
    ),
    "timexes": (
        _TEXT,
        Column("value", "string", "TIMEX3 value: 2022-02-16, 2022-02, 2025, P9Y, PXM ..."),
        Column("kind", "string", "date, month, year, decade, season, interval or duration"),
        Column("precision", "string", "day, month, season, year, decade or duration"),
        Column("interval", "string", "ISO interval a period covers (2013/2022), if known"),
        Column("resolved", "boolean", "False when it needed a publication date and had none"),
    ),
    "events": (
        Column("text", "string", "the words that signal the event (its trigger)"),
        Column("type", "string", "withdrawal, deployment, redeployment, coup, election, ..."),
        Column("actor", "string", "canonical actor who does it, if stated"),
        Column("location_iso3", "string", "country where it happens"),
        Column("location", "string", "place name where it happens"),
        Column("date", "string", "TIMEX3 value of its date, if stated"),
        Column("status", "string", "completed, under_way, announced, planned or pledged"),
    ),
    "movements": (
        Column("text", "string", "the words that signal the movement (its trigger)"),
        Column("actor", "string", "canonical actor whose force moves"),
        Column("origin_iso3", "string", "country the force leaves (null: unknown)"),
        Column("destination_iso3", "string", "country the force goes to (null: unknown)"),
        Column("origin", "string", "place name of the origin"),
        Column("destination", "string", "place name of the destination"),
        Column("troops_low", "Int64", "lower bound of the force moving"),
        Column("troops_high", "Int64", "upper bound of the force moving"),
        Column("status", "string", "announced, planned, under_way or completed"),
        Column("date_start", "string", "TIMEX3 value of when it starts, if stated"),
        Column("date_end", "string", "TIMEX3 value of when it ends, if stated"),
    ),
    "quotes": (
        Column("text", "string", "the quotation, without its quote marks"),
        Column("speaker", "string", "full name of the speaker, where the article allows"),
        Column("speaker_role", "string", "role or title of the speaker"),
    ),
}
"""Columns of each fact table after the provenance columns."""

FACT_KINDS: tuple[str, ...] = tuple(TABLES)


def _all_columns(kind: str) -> tuple[Column, ...]:
    if kind not in TABLES:
        raise SchemaError(f"unknown fact table '{kind}'; expected one of {', '.join(FACT_KINDS)}")
    return PROVENANCE + TABLES[kind]


def columns(kind: str) -> dict[str, Column]:
    """Return the columns of fact table ``kind`` in order, provenance first.

    Parameters
    ----------
    kind : str
        One of :data:`FACT_KINDS`.

    Returns
    -------
    dict of str to Column
        Column name to its declaration.

    Examples
    --------
    >>> "iso3" in columns("places")
    True
    """
    return {c.name: c for c in _all_columns(kind)}


def empty_frame(kind: str) -> pd.DataFrame:
    """Return an empty table of ``kind`` with the declared columns and dtypes.

    Examples
    --------
    >>> empty_frame("quotes").empty
    True
    """
    return pd.DataFrame({c.name: pd.Series(dtype=c.dtype) for c in _all_columns(kind)})


def to_frame(kind: str, records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a typed table of ``kind`` from records; missing fields become null.

    Fields that are not declared are dropped.

    Examples
    --------
    >>> df = to_frame("troops", [{"text": "2,400 troops", "low": 2400, "high": 2400}])
    >>> int(df.loc[0, "low"]), df.loc[0, "actor"] is pd.NA
    (2400, True)
    """
    rows = list(records)
    if not rows:
        return empty_frame(kind)
    data = {c.name: _array([r.get(c.name) for r in rows], c.dtype) for c in _all_columns(kind)}
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)), copy=False)


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _array(values: list, dtype: str) -> object:
    if dtype == "float64":
        return np.array([np.nan if _missing(v) else float(v) for v in values], dtype="float64")
    if dtype == "Int64":
        return pd.array(
            [
                None if _missing(v) or not _INT64_MIN <= int(v) <= _INT64_MAX else int(v)
                for v in values
            ],
            dtype="Int64",
        )
    if dtype == "boolean":
        return pd.array([None if _missing(v) else bool(v) for v in values], dtype="boolean")
    return pd.array([None if _missing(v) else str(v) for v in values], dtype=dtype)


def validate(kind: str, frame: pd.DataFrame, text: str | None = None) -> list[str]:
    """Check a fact table against its declaration.

    Parameters
    ----------
    kind : str
        Fact table name.
    frame : pandas.DataFrame
        The table to check.
    text : str, optional
        The article text; when given, every row's ``text`` must equal
        ``text[start:end]`` (quotes: lie within it).

    Returns
    -------
    list of str
        Readable problems, empty when the table is valid.

    Examples
    --------
    >>> validate("places", empty_frame("places"))
    []
    >>> validate("places", empty_frame("places").drop(columns="iso3"))
    ["places: missing column 'iso3'"]
    """
    problems: list[str] = []
    declared = columns(kind)
    for name, col in declared.items():
        if name not in frame.columns:
            problems.append(f"{kind}: missing column '{name}'")
        elif str(frame[name].dtype) != col.dtype:
            problems.append(f"{kind}: column '{name}' is {frame[name].dtype}, expected {col.dtype}")
    if problems or frame.empty:
        return problems
    for i, row in frame.iterrows():
        start, end = row["start"], row["end"]
        if pd.isna(start) or pd.isna(end) or not 0 <= start <= end:
            problems.append(f"{kind} row {i}: bad offsets {start}..{end}")
            continue
        if text is not None:
            if end > len(text):
                problems.append(f"{kind} row {i}: end {end} past the text ({len(text)} chars)")
            elif kind != "quotes" and text[start:end] != row["text"]:
                problems.append(
                    f"{kind} row {i}: text {row['text']!r} != article[{start}:{end}] "
                    f"{text[start:end]!r}"
                )
        conf = row["confidence"]
        if not pd.isna(conf) and not 0.0 <= conf <= 1.0:
            problems.append(f"{kind} row {i}: confidence {conf} outside 0-1")
    for low, high in (("low", "high"), ("troops_low", "troops_high")):
        if low in frame.columns and high in frame.columns:
            both = frame[low].notna() & frame[high].notna()
            for i in frame.index[both & (frame[low] > frame[high])]:
                problems.append(f"{kind} row {i}: {low} > {high}")
    return problems
