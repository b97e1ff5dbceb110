"""The fact store: the fact tables of a whole corpus, incremental and safe to share.

A store is a directory holding one Parquet dataset per fact table of
:mod:`sahel_analysis.schema` plus a documents table::

    STORE/
      documents/<id>.parquet      one row per ingested article (the commit record)
      failures/<path>.parquet     one row per article that could not be ingested
      places/<id>.parquet         GeoParquet (points, EPSG:4326)
      events/<id>.parquet         GeoParquet (points)
      movements/<id>.parquet      GeoParquet (lines origin -> destination)
      actors/ troops/ timexes/ quotes/<id>.parquet   Parquet
      .lock                       fcntl lock taken while an article is committed

``<id>`` is :func:`sahel_analysis.naming.safe_name` of the article id. Each table is
an ordinary Parquet dataset: ``geopandas.read_parquet("STORE/places")``,
``pyarrow.dataset.dataset("STORE/troops")`` or DuckDB's
``read_parquet('STORE/troops/*.parquet')`` read it directly. Files whose names start
with ``.`` (temporary files of a write in progress) are ignored by all three.

How writes stay whole
---------------------
An article is committed by :func:`write_article`: its tables are written to
temporary files beside their targets, then, holding ``STORE/.lock``, renamed into place
with the document row last. A reader therefore sees an article's old facts or its
new ones, never a half-written file, and :class:`Store` only shows facts of articles
that have a document row. Two ingests writing into one store at once serialise on the
lock for the (millisecond) renames only; an article id is one file per table, so the
same article ingested twice is still there once.

Examples
--------
>>> import tempfile
>>> from sahel_analysis import schema
>>> root = tempfile.mkdtemp()
>>> tables = {"troops": schema.to_frame("troops", [{"doc_id": "a1", "text": "2,400 troops",
...     "actor": "France", "location_iso3": "MLI", "low": 2400, "high": 2400}])}
>>> write_tables(root, "a1", tables, {"source": "Sahel Wire", "published": "2022-02-17"})
'added'
>>> store = open_store(root)
>>> store.troops[["doc_id", "actor", "low"]].values.tolist()
[['a1', 'France', 2400]]
>>> store.documents[["id", "source", "status"]].values.tolist()
[['a1', 'Sahel Wire', 'ok']]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import html
import json
import os
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from sahel_analysis import schema
from sahel_analysis.atomic import atomic_path
from sahel_analysis.errors import ArticleError, ParameterError, StoreError
from sahel_analysis.naming import safe_name

__all__ = [
    "ACLED_COLUMNS",
    "DOCUMENT_COLUMNS",
    "GEO_KINDS",
    "ReconciledFacts",
    "Store",
    "open_report_store",
    "open_store",
    "pipeline_version",
    "record_failure",
    "write_article",
    "write_tables",
]

CRS = "EPSG:4326"
GEO_KINDS: tuple[str, ...] = ("places", "events", "movements")
"""Fact tables stored as GeoParquet with a geometry column."""

DOCUMENT_COLUMNS: dict[str, str] = {
    "id": "article id (``doc_id`` in every fact table)",
    "source": "outlet that published the article",
    "published": "publication date",
    "title": "headline",
    "url": "where the article was published",
    "path": "file the article was read from",
    "content_hash": "SHA-256 of the article text (same text under another id)",
    "source_hash": "SHA-256 of the file name, file and metadata sidecar (skip test)",
    "ingested_at": "when the facts were written (UTC)",
    "pipeline_version": "sahel_analysis version that extracted the facts",
    "run_id": "id of the ingest run that wrote the row",
    "status": "ok, or failed",
    "error": "why the article failed, for failures",
}
"""Columns of the documents table and what they mean."""

_DOC_DTYPES = {name: "string" for name in DOCUMENT_COLUMNS}
_DOC_DTYPES.update({"published": "datetime64[ms]", "ingested_at": "datetime64[ms, UTC]"})

ACLED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
)
"""Columns of :meth:`Store.to_acled_csv`, in the order ACLED analysts expect."""

# ACLED event type and sub-event type for each event type of the fact model.
_ACLED_TYPES: dict[str, tuple[str, str]] = {
    "attack": ("Battles", "Armed clash"),
    "agreement": ("Strategic developments", "Agreement"),
    "handover": ("Strategic developments", "Non-violent transfer of territory"),
}
_ACLED_DEFAULT = ("Strategic developments", "Change to group/activity")
_ACLED_OTHER = {"election", "meeting", "sanction"}

# where each fact table says in which country a fact happens (for filters); the
# actors table's iso3 is the actor's nationality, so actors are filtered per article
_COUNTRY_COLUMNS: dict[str, tuple[str, ...]] = {
    "places": ("iso3",),
    "troops": ("location_iso3",),
    "events": ("location_iso3",),
    "movements": ("origin_iso3", "destination_iso3"),
}


def pipeline_version() -> str:
    """Return the version of sahel_analysis that extracts facts (recorded per article)."""
    from sahel_analysis import __version__

    return __version__


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold the store's exclusive lock (``STORE/.lock``, ``fcntl.flock``)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@functools.cache
def _document_schema() -> Any:
    import pyarrow as pa

    types = {"published": pa.timestamp("ms"), "ingested_at": pa.timestamp("ms", tz="UTC")}
    return pa.schema([(name, types.get(name, pa.string())) for name in DOCUMENT_COLUMNS])


def _document_table(row: Mapping[str, Any]) -> Any:
    """Return one document row as a ``pyarrow.Table`` with the documents schema."""
    import pyarrow as pa

    values = {name: row.get(name) for name in DOCUMENT_COLUMNS}
    published = values["published"]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    if isinstance(published, dt.date) and not isinstance(published, dt.datetime):
        published = dt.datetime.combine(published, dt.time())
    values["published"] = published
    return pa.Table.from_pylist([values], schema=_document_schema())


def _document_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame({name: [r.get(name) for r in rows] for name in DOCUMENT_COLUMNS})
    for name, dtype in _DOC_DTYPES.items():
        if dtype.startswith("datetime"):
            frame[name] = pd.to_datetime(frame[name], utc=dtype.endswith("UTC]")).astype(dtype)
        else:
            frame[name] = frame[name].astype("string")
    return frame


@functools.cache
def _geo_metadata() -> str:
    """GeoParquet 1.0 metadata of a table whose ``geometry`` column is WKB in EPSG:4326."""
    from pyproj import CRS as ProjCRS

    column = {"encoding": "WKB", "geometry_types": [], "crs": ProjCRS(CRS).to_json_dict()}
    meta = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": column}}
    return json.dumps(meta)


def _write_parquet(frame: Any, path: Path, geo: bool = False) -> None:
    """Write ``frame`` as a small Parquet file (GeoParquet when ``geo``).

    Written with pyarrow directly: zstd, no column statistics and no pandas/arrow
    schema copies in the footer, which would otherwise be most of a one-article file.
    Readers get the declared dtypes back from :mod:`sahel_analysis.schema`.
    ``frame`` is a DataFrame or a ``pyarrow.Table``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(frame, pa.Table):
        table = frame
    else:
        columns = [c for c in frame.columns if c != "geometry"]
        table = pa.Table.from_pandas(frame, columns=columns, preserve_index=False)
    table = table.replace_schema_metadata(None)
    if geo:
        geometry = frame["geometry"] if "geometry" in frame else [None] * len(frame)
        wkb = gpd.GeoSeries(geometry, index=frame.index).to_wkb()
        table = table.append_column("geometry", pa.array(wkb.tolist(), type=pa.binary()))
    with pq.ParquetWriter(
        path, table.schema, compression="zstd", store_schema=False, write_statistics=False
    ) as writer:
        if geo:
            writer.add_key_value_metadata({"geo": _geo_metadata()})
        writer.write_table(table)


def write_tables(
    store: str | os.PathLike[str],
    article_id: str,
    tables: Mapping[str, pd.DataFrame],
    document: Mapping[str, Any],
    *,
    run_id: str | None = None,
) -> str:
    """Commit one article's fact tables and its document row to ``store``.

    Tables not given, or empty, are removed for this article, so the store holds
    exactly the facts passed. Each file is written to a temporary name and renamed
    into place while ``STORE/.lock`` is held, the document row last.

    Parameters
    ----------
    store : path
        Store directory; created if needed.
    article_id : str
        The article id (``doc_id`` of its facts).
    tables : mapping of str to DataFrame
        Fact kind to table with the columns of :mod:`sahel_analysis.schema`.
    document : mapping
        Document fields (see :data:`DOCUMENT_COLUMNS`); ``id``, ``status``,
        ``ingested_at`` and ``pipeline_version`` are filled in.
    run_id : str, optional
        Id of the ingest run. When the store already holds ``article_id`` from the
        same run but from another file, the article is refused (two files share an id).

    Returns
    -------
    str
        ``"added"`` or ``"replaced"``.

    Raises
    ------
    StoreError
        If ``tables`` has an unknown kind or a file cannot be written (the store is
        left as it was).
    ArticleError
        If another file of the same ingest run already stored this article id.
    """
    root = Path(store)
    unknown = sorted(set(tables) - set(schema.FACT_KINDS))
    if unknown:
        raise StoreError(f"unknown fact table(s) {unknown}; expected {schema.FACT_KINDS}")
    stem = safe_name(article_id)
    row = {
        **document,
        "id": article_id,
        "status": "ok",
        "error": None,
        "ingested_at": dt.datetime.now(dt.UTC),
        "pipeline_version": document.get("pipeline_version") or pipeline_version(),
        "run_id": run_id,
    }
    doc_target = root / "documents" / f"{stem}.parquet"
    try:
        with contextlib.ExitStack() as renames:
            # entered first, so renamed last: the document row commits the article
            doc_tmp = renames.enter_context(atomic_path(doc_target))
            _write_parquet(_document_table(row), doc_tmp)
            for kind in schema.FACT_KINDS:
                table = tables.get(kind)
                if table is None or table.empty:
                    continue
                tmp = renames.enter_context(atomic_path(root / kind / f"{stem}.parquet"))
                _write_parquet(table, tmp, geo=kind in GEO_KINDS)
            with _locked(root):
                previous = _read_one(doc_target)
                if previous is not None and previous.get("id") != article_id:
                    raise StoreError(
                        f"article ids {article_id!r} and {previous.get('id')!r} map to the "
                        f"same store file {doc_target.name}; give one of them another id "
                        "(an 'id' in its metadata sidecar or front matter)"
                    )
                if (
                    run_id is not None
                    and previous is not None
                    and previous.get("run_id") == run_id
                    and previous.get("path") != row.get("path")
                ):
                    raise ArticleError(
                        row.get("path"),
                        f"article id {article_id!r} is already used by {previous.get('path')} "
                        "in this ingest; give one of them its own id (an 'id' in its "
                        "metadata sidecar or front matter)",
                    )
                for kind in schema.FACT_KINDS:
                    table = tables.get(kind)
                    if table is None or table.empty:
                        (root / kind / f"{stem}.parquet").unlink(missing_ok=True)
                renames.close()  # the renames, document last
                _clear_failure(root, row.get("path"))
    except OSError as exc:
        raise StoreError(f"cannot write article {article_id!r} to store {root}: {exc}") from exc
    return "replaced" if previous is not None else "added"


def write_article(
    store: str | os.PathLike[str],
    facts: Any,
    *,
    source_hash: str | None = None,
    run_id: str | None = None,
) -> str:
    """Commit an :class:`~sahel_analysis.facts.ArticleFacts` to ``store``.

    Parameters
    ----------
    store : path
        Store directory.
    facts : ArticleFacts
        The article's facts (from :func:`sahel_analysis.extract`).
    source_hash : str, optional
        Hash of the input file, used by :func:`sahel_analysis.batch.ingest` to skip
        unchanged files.
    run_id : str, optional
        See :func:`write_tables`.

    Returns
    -------
    str
        ``"added"`` or ``"replaced"``.
    """
    a = facts.article
    document = {
        "source": a.source,
        "published": a.published,
        "title": a.title,
        "url": a.url,
        "path": a.path,
        "content_hash": a.content_hash,
        "source_hash": source_hash,
    }
    return write_tables(store, a.id, dict(facts.tables()), document, run_id=run_id)


def _failure_target(root: Path, path: object) -> Path:
    return root / "failures" / f"{safe_name(str(path))}.parquet"


def _clear_failure(root: Path, path: object) -> None:
    if path:
        _failure_target(root, path).unlink(missing_ok=True)


def record_failure(
    store: str | os.PathLike[str],
    path: object,
    error: str,
    *,
    source_hash: str | None = None,
    run_id: str | None = None,
) -> None:
    """Record that the article at ``path`` could not be ingested, and why.

    Failures are kept apart from the ingested articles (``STORE/failures``), one row
    per input file, so a failing new version of an article does not remove the facts
    of its last good version. A later successful ingest of the file clears the row.
    """
    root = Path(store)
    row = {
        "id": None,
        "path": str(path),
        "source_hash": source_hash,
        "status": "failed",
        "error": error,
        "ingested_at": dt.datetime.now(dt.UTC),
        "pipeline_version": pipeline_version(),
        "run_id": run_id,
    }
    try:
        with atomic_path(_failure_target(root, path)) as tmp:
            _write_parquet(_document_table(row), tmp)
    except OSError as exc:
        raise StoreError(f"cannot record the failure of {path} in store {root}: {exc}") from exc


def _read_one(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    return pd.read_parquet(path).iloc[0].to_dict()


# --------------------------------------------------------------------------- reading


def _read_dataset(directory: Path) -> pd.DataFrame | None:
    """Read every ``*.parquet`` in ``directory`` (hidden temporary files excluded)."""
    import pyarrow.dataset as ds

    if not directory.is_dir():
        return None
    try:
        dataset = ds.dataset(directory, format="parquet")
        if not dataset.files:
            return None
        return dataset.to_table().to_pandas()
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError)
        raise StoreError(
            f"cannot read {directory}: {exc}; run Store.vacuum() or re-ingest with --force"
        ) from exc


def _conform_documents(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a documents table read from Parquet to the declared columns and dtypes."""
    out = pd.DataFrame(index=frame.index)
    for name, dtype in _DOC_DTYPES.items():
        column = frame[name] if name in frame else pd.Series(None, index=frame.index)
        if dtype.startswith("datetime"):
            column = pd.to_datetime(column, utc=dtype.endswith("UTC]"))
        out[name] = column.astype(dtype)
    return out


def _empty_documents() -> pd.DataFrame:
    return _document_frame([])


def _conform(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a table read from Parquet to the declared columns and dtypes."""
    cols = schema.columns(kind)
    out = pd.DataFrame(index=frame.index)
    for name, col in cols.items():
        series = frame[name] if name in frame else pd.Series(pd.NA, index=frame.index)
        out[name] = series.astype(col.dtype) if str(series.dtype) != col.dtype else series
    if kind in GEO_KINDS:
        if "geometry" not in frame:
            geometry = gpd.GeoSeries([None] * len(frame), index=frame.index, crs=CRS)
        elif isinstance(frame["geometry"], gpd.GeoSeries):
            geometry = frame["geometry"]
        else:  # WKB as read from the store
            geometry = gpd.GeoSeries.from_wkb(frame["geometry"], index=frame.index, crs=CRS)
        out = gpd.GeoDataFrame(out, geometry=geometry, crs=CRS)
    return out


def _parse_list(values: Iterable[str] | str | None) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = values.split(",")
    items = [str(v).strip() for v in values if str(v).strip()]
    if not items:
        return None
    return items


def _parse_date(value: object, name: str) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value).normalize().tz_localize(None)
    except (ValueError, TypeError):
        raise ParameterError(name, f"expected a date YYYY-MM-DD, got {value!r}") from None


class Store:
    """The fact tables of every article in a store, like :class:`ArticleFacts` for a corpus.

    Use :func:`open_store`. Tables are read on first use and cached; :meth:`refresh`
    forgets them. Only articles with a document row (``status == "ok"``) are shown.

    Attributes
    ----------
    path : pathlib.Path
        The store directory.
    documents : pandas.DataFrame
        One row per article (see :data:`DOCUMENT_COLUMNS`).
    failures : pandas.DataFrame
        Input files that could not be ingested: ``path``, ``error``, ``ingested_at``.
    places, actors, troops, timexes, events, movements, quotes : DataFrame
        The fact tables (:mod:`sahel_analysis.schema`) of every article; ``places``,
        ``events`` and ``movements`` are GeoDataFrames (EPSG:4326).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        _tables: Mapping[str, pd.DataFrame] | None = None,
        _filters: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = Path(path)
        self._cache: dict[str, pd.DataFrame] = dict(_tables or {})
        self.filters: dict[str, Any] = dict(_filters or {})

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.summary().items())
        where = f", filters={self.filters}" if self.filters else ""
        return f"Store({str(self.path)!r}, documents={len(self.documents)}, {counts}{where})"

    def refresh(self) -> Store:
        """Forget cached tables, so the next access reads the store again."""
        if self.filters:
            raise StoreError(
                "refresh() applies to the whole store; call "
                "open_store(path).filter(...) again instead"
            )
        self._cache.clear()
        return self

    # -- tables
    @property
    def documents(self) -> pd.DataFrame:
        """One row per ingested article (see :data:`DOCUMENT_COLUMNS`)."""
        if "documents" not in self._cache:
            frame = _read_dataset(self.path / "documents")
            frame = _empty_documents() if frame is None else _conform_documents(frame)
            self._cache["documents"] = frame.sort_values("id", ignore_index=True)
        return self._cache["documents"]

    @property
    def failures(self) -> pd.DataFrame:
        """Input files that could not be ingested, with the reason."""
        if "failures" not in self._cache:
            frame = _read_dataset(self.path / "failures")
            frame = _empty_documents() if frame is None else _conform_documents(frame)
            self._cache["failures"] = frame[["path", "error", "ingested_at", "run_id"]]
        return self._cache["failures"]

    def table(self, kind: str) -> pd.DataFrame:
        """Return fact table ``kind`` across the corpus (see :mod:`sahel_analysis.schema`).

        Examples
        --------
        >>> import tempfile
        >>> open_store(tempfile.mkdtemp()).table("movements").crs.to_string()
        'EPSG:4326'
        """
        if kind not in schema.FACT_KINDS:
            raise ParameterError("kind", f"{kind!r} is not one of {', '.join(schema.FACT_KINDS)}")
        if kind not in self._cache:
            frame = _read_dataset(self.path / kind)
            if frame is None:
                frame = schema.empty_frame(kind)
            ok = set(self.documents["id"].dropna())
            frame = frame[frame["doc_id"].isin(ok)]
            frame = frame.sort_values(["doc_id", "start", "end"], ignore_index=True)
            self._cache[kind] = _conform(kind, frame)
        return self._cache[kind]

    def tables(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """Yield ``(kind, table)`` for every fact kind, in schema order."""
        for kind in schema.FACT_KINDS:
            yield kind, self.table(kind)

    def summary(self) -> dict[str, int]:
        """Return the number of rows per fact kind."""
        return {kind: len(table) for kind, table in self.tables()}

    # -- filtering
    def filter(
        self,
        date_from: object = None,
        date_to: object = None,
        countries: Iterable[str] | str | None = None,
        actors: Iterable[str] | str | None = None,
        sources: Iterable[str] | str | None = None,
    ) -> Store:
        """Return a view of the store restricted to some articles and facts.

        Parameters
        ----------
        date_from, date_to : date or "YYYY-MM-DD", optional
            Keep articles published in this range (both ends included).
        countries : list of str or comma-separated str, optional
            ISO3 codes or country names as they appear in the places table
            (case-insensitive). Rows of tables that name a country (places, actors,
            troops, events, movements: origin or destination) are kept when they name
            one of these; time expressions and quotes are kept for the articles that
            still have facts.
        actors : list of str or comma-separated str, optional
            Canonical actor names (``"France"``, ``"Wagner Group"``), case-insensitive;
            filters the tables with an ``actor`` column the same way.
        sources : list of str or comma-separated str, optional
            Outlet names (case-insensitive): keep their articles.

        Returns
        -------
        Store
            A filtered view with the same tables and exports.

        Raises
        ------
        ParameterError
            If a date is not a date or ``date_from`` is after ``date_to``.
        """
        start = _parse_date(date_from, "date_from")
        end = _parse_date(date_to, "date_to")
        if start is not None and end is not None and start > end:
            raise ParameterError("date_from", f"{start.date()} is after date_to {end.date()}")
        countries_ = _parse_list(countries)
        actors_ = _parse_list(actors)
        sources_ = _parse_list(sources)

        docs = self.documents
        keep = pd.Series(True, index=docs.index)
        if start is not None:
            keep &= docs["published"].notna() & (docs["published"] >= start)
        if end is not None:
            keep &= docs["published"].notna() & (docs["published"] <= end)
        if sources_:
            wanted = {s.casefold() for s in sources_}
            keep &= docs["source"].fillna("").str.casefold().isin(wanted)
        docs = docs[keep].reset_index(drop=True)
        ids = set(docs["id"])

        iso3 = self._country_codes(countries_) if countries_ else None
        wanted_actors = {a.casefold() for a in actors_} if actors_ else None
        tables: dict[str, pd.DataFrame] = {}
        matched: set[str] = set(ids)  # articles with a fact passing each filter given
        for kind, table in self.tables():
            tables[kind] = table[table["doc_id"].isin(ids)]
        if iso3 is not None:
            hits: set[str] = set()
            for kind, cols in _COUNTRY_COLUMNS.items():
                table = tables[kind]
                tables[kind] = table = table[table[list(cols)].isin(iso3).any(axis=1)]
                hits.update(table["doc_id"])
            matched &= hits
        if wanted_actors is not None:
            hits = set()
            for kind, table in tables.items():
                if "actor" in table:
                    table = table[table["actor"].fillna("").str.casefold().isin(wanted_actors)]
                    tables[kind] = table
                    hits.update(table["doc_id"])
            matched &= hits
        tables = {k: t[t["doc_id"].isin(matched)] for k, t in tables.items()}
        docs = docs[docs["id"].isin(matched)].reset_index(drop=True)
        tables = {k: t.reset_index(drop=True) for k, t in tables.items()}
        filters = {
            k: v
            for k, v in {
                "date_from": start and str(start.date()),
                "date_to": end and str(end.date()),
                "countries": countries_,
                "actors": actors_,
                "sources": sources_,
            }.items()
            if v
        }
        return Store(
            self.path,
            {**tables, "documents": docs, "failures": self.failures},
            {**self.filters, **filters},
        )

    def _country_codes(self, countries: list[str]) -> set[str]:
        places = self.table("places")
        named = places[places["kind"] == "country"]
        by_name = {
            str(n).casefold(): str(c)
            for n, c in zip(named["name"], named["iso3"], strict=True)
            if pd.notna(n) and pd.notna(c)
        }
        return {by_name.get(c.casefold(), c.upper()) for c in countries}

    def country_names(self) -> dict[str, str]:
        """Return ISO3 -> country name, as the places table names them."""
        places = self.table("places")
        named = places[(places["kind"] == "country") & places["iso3"].notna()]
        return dict(zip(named["iso3"], named["name"], strict=True))

    # -- cross-article tables
    def movements_reconciled(self, window_days: int = 120) -> gpd.GeoDataFrame:
        """Movements reported by several articles merged into one record each.

        See :func:`sahel_analysis.reconcile.reconcile_movements`.
        """
        from sahel_analysis import reconcile

        return reconcile.reconcile_movements(
            self.movements, self.documents, window_days=window_days
        )

    def troop_levels(self) -> pd.DataFrame:
        """Each actor's reported strength per country and date, one row per report group.

        See :func:`sahel_analysis.reconcile.troop_levels`.
        """
        from sahel_analysis import reconcile

        return reconcile.troop_levels(self.troops, self.documents)

    def conflicts(self) -> pd.DataFrame:
        """Reconciled movements and troop levels whose sources disagree, with their figures.

        See :func:`sahel_analysis.reconcile.conflicts`.
        """
        from sahel_analysis import reconcile

        return reconcile.conflicts(self.movements_reconciled(), self.troop_levels())

    def source_counts(self) -> pd.DataFrame:
        """Return articles and facts per source (outlet)."""
        docs = self.documents[["id", "source"]].rename(columns={"id": "doc_id"})
        docs["source"] = docs["source"].fillna("(unknown)")
        out = docs.groupby("source").size().rename("articles").to_frame()
        for kind in ("movements", "troops", "events"):
            merged = self.table(kind)[["doc_id"]].merge(docs, on="doc_id")
            out[kind] = merged.groupby("source").size()
        return out.fillna(0).astype("int64").sort_values("articles", ascending=False)

    def reconciled(self) -> ReconciledFacts:
        """Return the corpus reduced to one row per movement, event and place, for maps.

        The result has ``places``, ``movements`` (reconciled) and ``events`` tables, so
        :func:`sahel_analysis.maps.movement_map` and :func:`~sahel_analysis.maps.timeline`
        draw a corpus the way they draw an article.
        """
        from sahel_analysis import reconcile

        places = self.places.drop_duplicates(subset=["name", "iso3", "kind"])
        return ReconciledFacts(
            places=places.reset_index(drop=True),
            movements=self.movements_reconciled(),
            events=reconcile.reconcile_events(self.events, self.documents),
        )

    def header_html(self) -> str:
        """Return an HTML paragraph describing the corpus and its filters (text escaped)."""
        docs = self.documents
        dates = docs["published"].dropna()
        span = (
            f"published {dates.min().date()} to {dates.max().date()}"
            if not dates.empty
            else "no publication dates"
        )
        where = "; ".join(
            f"{k.replace('_', ' ')}: {', '.join(v) if isinstance(v, list) else v}"
            for k, v in self.filters.items()
        )
        counts = ", ".join(f"{v:,} {k}" for k, v in self.summary().items())
        failed = f"; {len(self.failures)} input file(s) failed" if len(self.failures) else ""
        return (
            f"<p><b>{len(docs):,} articles</b> from {docs['source'].nunique():,} sources, "
            f"{html.escape(span)}{html.escape(failed)}.<br>Facts: {html.escape(counts)}."
            + (f"<br>Filters: {html.escape(where)}." if where else "")
            + f"<br>Store: <code>{html.escape(str(self.path))}</code></p>"
        )

    def write_report_data(self, output_dir: str | os.PathLike[str]) -> list[Path]:
        """Write the corpus report's data files to ``output_dir``, each atomically.

        ``corpus.gpkg`` (:meth:`to_gpkg`), ``acled.csv`` (:meth:`to_acled_csv`),
        ``movements_reconciled.csv``, ``troop_levels.csv``, ``conflicts.csv``,
        ``sources.csv`` and ``documents.csv``.
        """
        from sahel_analysis import reconcile

        out = Path(output_dir)
        written = [self.to_gpkg(out / "corpus.gpkg"), self.to_acled_csv(out / "acled.csv")]
        tables = {
            "movements_reconciled": self.movements_reconciled(),
            "troop_levels": self.troop_levels(),
            "conflicts": self.conflicts(),
            "sources": self.source_counts().reset_index(),
            "documents": self.documents,
        }
        for name, frame in tables.items():
            frame = pd.DataFrame(reconcile.flatten(frame)).drop(columns="geometry", errors="ignore")
            with atomic_path(out / f"{name}.csv") as tmp:
                frame.to_csv(tmp, index=False)
            written.append(out / f"{name}.csv")
        return written

    # -- exports
    def to_gpkg(self, path: str | os.PathLike[str]) -> Path:
        """Write the store as one GeoPackage (opens in QGIS), written atomically.

        Layers: every fact table, ``documents``, ``movements_reconciled`` and
        ``troop_levels``. List columns (sources, figures) are written as JSON text.
        """
        from sahel_analysis import reconcile

        path = Path(path)
        layers: dict[str, pd.DataFrame] = dict(self.tables())
        layers["documents"] = self.documents
        layers["movements_reconciled"] = self.movements_reconciled()
        layers["troop_levels"] = self.troop_levels()
        with atomic_path(path) as tmp, warnings.catch_warnings():
            # the temporary file is renamed to *.gpkg once every layer is written
            warnings.filterwarnings("ignore", ".*extension", RuntimeWarning)
            for name, frame in layers.items():
                frame = reconcile.flatten(frame)
                if not isinstance(frame, gpd.GeoDataFrame):
                    frame = gpd.GeoDataFrame(frame)
                for col in frame.columns:
                    if str(frame[col].dtype).startswith("datetime64") and col != "geometry":
                        frame[col] = frame[col].astype("string")
                try:
                    frame.to_file(tmp, layer=name, driver="GPKG")
                except Exception as exc:  # pyogrio raises its own DataSourceError
                    raise StoreError(f"cannot write layer {name!r} to {path}: {exc}") from exc
        return path

    def to_acled_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the events as an ACLED-like CSV (one row per event), atomically.

        Columns are :data:`ACLED_COLUMNS`. ``event_date`` is the event's date where the
        article gives a day, else the publication date; ``time_precision`` follows ACLED
        (1 day, 2 week, 3 month or vaguer); ``geo_precision`` is 1 for a named town or
        base, 3 for a country; ``notes`` holds the fact type, status and the evidence
        sentence with the article id.
        """
        path = Path(path)
        with atomic_path(path) as tmp:
            self.acled().to_csv(tmp, index=False)
        return path

    def acled(self) -> pd.DataFrame:
        """Return the events as an ACLED-like table (see :meth:`to_acled_csv`)."""
        events = self.events
        docs = self.documents.set_index("id")
        names = self.country_names()
        rows = []
        for i, ev in events.iterrows():
            published = docs["published"].get(ev["doc_id"])
            date, precision = _event_date(ev["date"], published)
            geom = events.geometry.iloc[events.index.get_loc(i)]
            event_type, sub_type = _ACLED_TYPES.get(
                ev["type"],
                ("Strategic developments", "Other")
                if ev["type"] in _ACLED_OTHER
                else _ACLED_DEFAULT,
            )
            country = names.get(ev["location_iso3"], ev["location_iso3"])
            has_place = pd.notna(ev["location"])
            notes = f"{ev['type']}" + (f" ({ev['status']})" if pd.notna(ev["status"]) else "")
            rows.append(
                {
                    "event_date": date,
                    "event_type": event_type,
                    "sub_event_type": sub_type,
                    "actor1": ev["actor"],
                    "actor2": None,
                    "country": country,
                    "location": ev["location"] if has_place else country,
                    "latitude": None if geom is None else round(geom.y, 4),
                    "longitude": None if geom is None else round(geom.x, 4),
                    "geo_precision": None if geom is None else (1 if has_place else 3),
                    "time_precision": precision,
                    "source": docs["source"].get(ev["doc_id"]),
                    "notes": f"{notes}: {ev['evidence']} [{ev['doc_id']}]",
                }
            )
        frame = pd.DataFrame(rows, columns=list(ACLED_COLUMNS))
        for col in ("geo_precision", "time_precision"):
            frame[col] = frame[col].astype("Int64")
        return frame.sort_values(["event_date", "country"], ignore_index=True, na_position="last")

    # -- maintenance
    def vacuum(self, min_age: float = 3600.0) -> list[Path]:
        """Remove leftovers of interrupted writes and return the paths removed.

        Removes temporary files older than ``min_age`` seconds (younger ones may belong
        to an ingest still running) and fact files of articles without a document row.
        """
        removed = []
        now = time.time()
        with _locked(self.path):
            ok = {safe_name(i) for i in self.refresh().documents["id"].dropna()}
            for kind in (*schema.FACT_KINDS, "documents", "failures"):
                directory = self.path / kind
                if not directory.is_dir():
                    continue
                for file in directory.iterdir():
                    stale_tmp = (
                        file.name.startswith(".tmp-") and now - file.stat().st_mtime > min_age
                    )
                    orphan = (
                        kind in schema.FACT_KINDS
                        and file.suffix == ".parquet"
                        and not file.name.startswith(".")
                        and file.stem not in ok
                    )
                    if stale_tmp or orphan:
                        file.unlink(missing_ok=True)
                        removed.append(file)
        self.refresh()
        return removed

    def size_bytes(self) -> int:
        """Return the bytes the store's files take on disk."""
        return sum(f.stat().st_size for f in self.path.rglob("*.parquet"))


# one property per fact kind, taken from the schema declaration
for _kind in schema.FACT_KINDS:
    setattr(
        Store,
        _kind,
        property(
            lambda self, _k=_kind: self.table(_k), doc=f"The {_kind} table across the corpus."
        ),
    )


@dataclass
class ReconciledFacts:
    """A corpus reduced to one row per place, reconciled movement and event.

    Has the ``places``, ``movements`` and ``events`` tables the map and timeline
    functions of :mod:`sahel_analysis.maps` draw.
    """

    places: pd.DataFrame
    movements: pd.DataFrame
    events: pd.DataFrame
    article: Any = None


def open_report_store(
    store: str | os.PathLike[str] | Sequence[str],
    date_from: str | None = "",
    date_to: str | None = "",
    countries: Iterable[str] | str | None = (),
    actors: Iterable[str] | str | None = (),
    sources: Iterable[str] | str | None = (),
) -> Store:
    """Open a store and filter it as the corpus report's parameters say.

    Empty values mean "no filter"; ``store`` may be a one-item list, as
    :func:`sahel_analysis.reports.run_reports` passes it to corpus templates.

    Examples
    --------
    >>> import tempfile
    >>> open_report_store([tempfile.mkdtemp()], date_from="2022-01-01").filters
    {'date_from': '2022-01-01'}
    """
    if isinstance(store, list | tuple):
        if len(store) != 1:
            raise ParameterError("store", f"expected one store directory, got {list(store)!r}")
        store = store[0]
    if not store:
        raise ParameterError("store", "give the fact store directory written by ingest")
    return open_store(store).filter(
        date_from=date_from or None,
        date_to=date_to or None,
        countries=countries or None,
        actors=actors or None,
        sources=sources or None,
    )


def open_store(path: str | os.PathLike[str], create: bool = False) -> Store:
    """Open a fact store written by :func:`sahel_analysis.batch.ingest`.

    Parameters
    ----------
    path : path
        The store directory.
    create : bool, default False
        Create an empty store when ``path`` does not exist.

    Returns
    -------
    Store

    Raises
    ------
    StoreError
        If ``path`` is not a directory (or does not exist and ``create`` is False).

    Examples
    --------
    >>> import tempfile
    >>> store = open_store(tempfile.mkdtemp())
    >>> len(store.documents), store.summary()["movements"]
    (0, 0)
    """
    p = Path(path)
    if create:
        p.mkdir(parents=True, exist_ok=True)
    if not p.is_dir():
        raise StoreError(
            f"{p}: no fact store here; create one with "
            f"'sahel-analysis ingest ARTICLES --store {p}' or open_store(path, create=True)"
        )
    return Store(p)


def _event_date(value: object, published: object) -> tuple[str | None, int | None]:
    """Return an event's ISO date and ACLED time precision."""
    from sahel_analysis.reconcile import timex_interval

    interval = timex_interval(value)
    if interval is not None:
        start, end = interval
        days = (end - start).days
        precision = 1 if days == 0 else 2 if days <= 7 else 3
        if days <= 31:
            return start.date().isoformat(), precision
    if published is not None and not pd.isna(published):
        return pd.Timestamp(published).date().isoformat(), 3
    return None, None
