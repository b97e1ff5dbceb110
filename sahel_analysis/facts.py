"""Facts: an article's fact tables with provenance, and their exports.

:func:`extract` runs the language pipeline on an article and returns
:class:`ArticleFacts`, one typed table per fact kind (see :mod:`sahel_analysis.schema`),
every row citing its sentence and character span.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import html
import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_analysis import schema
from sahel_analysis.article import Article, read_article
from sahel_analysis.atomic import atomic_path, write_text
from sahel_analysis.errors import ParameterError

__all__ = ["EXPORT_FORMATS", "ArticleFacts", "extract"]

EXPORT_FORMATS = ("json", "csv", "parquet", "geojson", "gpkg")
_COLOURS = {
    "places": "#8dd3c7",
    "actors": "#ffffb3",
    "troops": "#fb8072",
    "timexes": "#80b1d3",
    "quotes": "#d9d9d9",
    "events": "#fdb462",
    "movements": "#b3de69",
}


class ArticleFacts:
    """The facts of one article: a table per fact kind, plus the article itself.

    Tables are built on first access from the records the pipeline produced, so
    extracting many articles for JSON export or counting pays no DataFrame cost.

    Parameters
    ----------
    article : Article
        The text and metadata the facts were read from.
    records : dict of str to list of dict
        Records per fact kind, with the columns of :mod:`sahel_analysis.schema`.

    Attributes
    ----------
    places, actors, troops, timexes, events, movements, quotes : pandas.DataFrame
        One table per fact kind with the columns of :mod:`sahel_analysis.schema`.
        ``places``, ``events`` and ``movements`` are GeoDataFrames (EPSG:4326).
    """

    def __init__(self, article: Article, records: dict[str, list[dict]]) -> None:
        self.article = article
        self._records = {kind: list(records.get(kind, [])) for kind in schema.FACT_KINDS}
        self._tables: dict[str, pd.DataFrame] = {}

    def _table(self, kind: str) -> pd.DataFrame:
        if kind not in self._tables:
            from sahel_analysis import geo

            frame = schema.to_frame(kind, self._records[kind])
            if kind == "places":
                frame = geo.places_geoframe(frame)
            elif kind in {"events", "movements"}:
                make = geo.events_geoframe if kind == "events" else geo.movements_geoframe
                frame = make(frame, self._table("places"))
            self._tables[kind] = frame
        return self._tables[kind]

    places = property(lambda self: self._table("places"), doc="Place mentions (points).")
    actors = property(lambda self: self._table("actors"), doc="Actor mentions.")
    troops = property(lambda self: self._table("troops"), doc="Stated force strengths.")
    timexes = property(lambda self: self._table("timexes"), doc="Time expressions.")
    events = property(lambda self: self._table("events"), doc="Events (points).")
    movements = property(lambda self: self._table("movements"), doc="Movements (lines).")
    quotes = property(lambda self: self._table("quotes"), doc="Direct quotations.")

    def records(self, kind: str) -> list[dict]:
        """Return the records of fact table ``kind`` as JSON-ready dicts in column order."""
        names = list(schema.columns(kind))
        return [{n: _json_value(r.get(n)) for n in names} for r in self._records[kind]]

    def tables(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """Yield ``(kind, table)`` for every fact kind, in schema order."""
        for kind in schema.FACT_KINDS:
            yield kind, self._table(kind)

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Return the fact tables as a dict of plain DataFrames (no geometry)."""
        return {kind: pd.DataFrame(_plain(table)) for kind, table in self.tables()}

    def validate(self) -> list[str]:
        """Return every problem found by :func:`sahel_analysis.schema.validate`."""
        problems = []
        for kind, table in self.tables():
            problems += schema.validate(kind, _plain(table), self.article.text)
        return problems

    def to_dict(self) -> dict[str, Any]:
        """Return the facts in the JSON export's shape.

        Keys ``id, source, published, title, url, text`` (the article text, so the
        export cites itself) and one list of records per fact kind, each record holding
        the table's columns. :meth:`from_dict` reads it back.
        """
        a = self.article
        out: dict[str, Any] = {
            "id": a.id,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "title": a.title,
            "url": a.url,
            "text": a.text,
        }
        for kind in schema.FACT_KINDS:
            out[kind] = self.records(kind)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFacts:
        """Rebuild facts from :meth:`to_dict` output (the JSON export), without spaCy.

        Raises
        ------
        ParameterError
            If ``data`` lacks the article ``text`` or ``id``.

        Examples
        --------
        >>> facts = extract("French troops left Mali for Niger.", id="a1")
        >>> ArticleFacts.from_dict(facts.to_dict()).movements["destination_iso3"].tolist()
        ['NER']
        """
        if not isinstance(data, dict) or not data.get("text") or not data.get("id"):
            raise ParameterError(
                "data", "expected the JSON export of ArticleFacts with its 'id' and 'text'"
            )
        article = Article(
            data["text"],
            id=data["id"],
            source=data.get("source"),
            published=data.get("published"),
            title=data.get("title"),
            url=data.get("url"),
        )
        return cls(article, {kind: list(data.get(kind) or []) for kind in schema.FACT_KINDS})

    @classmethod
    def read_json(cls, path: str | os.PathLike[str]) -> ArticleFacts:
        """Read facts written by ``write(dir, "json")`` or ``sahel-analysis extract``."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ParameterError(
                "path", f"{path}: not a readable facts JSON file ({exc})"
            ) from None
        return cls.from_dict(data)

    def to_json(self, indent: int | None = 1) -> str:
        """Return :meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def write(self, out_dir: str | os.PathLike[str], fmt: str = "json") -> list[Path]:
        """Write the facts to ``out_dir`` in format ``fmt`` and return the paths written.

        Parameters
        ----------
        out_dir : path
            Directory; created if needed. Files are named after the article id.
        fmt : {"json", "csv", "parquet", "geojson", "gpkg"}
            ``json``: ``<id>.json``; ``csv``/``parquet``: ``<id>.<kind>.csv`` per table;
            ``geojson``: ``<id>.places.geojson`` and ``<id>.movements.geojson``;
            ``gpkg``: ``<id>.gpkg`` with one layer per table (places, events and
            movements with geometry). Every file is written atomically.
        """
        from sahel_analysis.naming import safe_name

        if fmt not in EXPORT_FORMATS:
            raise ParameterError("format", f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
        out = Path(out_dir)
        stem = safe_name(self.article.id)
        if fmt == "json":
            return [write_text(out / f"{stem}.json", self.to_json())]
        if fmt == "gpkg":
            return [self.to_gpkg(out / f"{stem}.gpkg")]
        written = []
        for kind, table in self.tables():
            if fmt == "csv":
                with atomic_path(out / f"{stem}.{kind}.csv") as tmp:
                    _plain(table).to_csv(tmp, index=False)
                written.append(out / f"{stem}.{kind}.csv")
            elif fmt == "parquet":
                with atomic_path(out / f"{stem}.{kind}.parquet") as tmp:
                    table.to_parquet(tmp, index=False)
                written.append(out / f"{stem}.{kind}.parquet")
            elif fmt == "geojson" and "geometry" in table:
                target = out / f"{stem}.{kind}.geojson"
                with atomic_path(target) as tmp:
                    _geo_only(table).to_file(tmp, driver="GeoJSON")
                written.append(target)
        return written

    def to_gpkg(self, path: str | os.PathLike[str]) -> Path:
        """Write every table as a layer of one GeoPackage (opens in QGIS)."""
        import geopandas as gpd

        path = Path(path)
        # SQLite need not sync a temporary file to disk after every layer: it is renamed
        # into place once whole (a tenfold speed-up on a busy disk)
        with atomic_path(path) as tmp, _gdal_config(OGR_SQLITE_SYNCHRONOUS="OFF"):
            for kind, table in self.tables():
                if "geometry" in table:
                    frame = _geo_only(table)
                    if frame.empty:
                        continue
                else:
                    frame = gpd.GeoDataFrame(_plain(table))
                    if frame.empty:
                        continue
                frame.to_file(tmp, layer=kind, driver="GPKG")
            if not tmp.exists():  # no facts at all: an empty places layer keeps it valid
                gpd.GeoDataFrame(_plain(self.places), geometry=[], crs="EPSG:4326").to_file(
                    tmp, layer="places", driver="GPKG"
                )
        return path

    def explore(self, **kwargs: Any) -> Any:
        """Return an interactive folium map of places and movements (needs web tiles)."""
        m = None
        for table in (self.places, self.movements):
            geo = _geo_only(table)
            if not geo.empty:
                m = geo.explore(m=m, **kwargs) if m is not None else geo.explore(**kwargs)
        return m

    def summary(self) -> dict[str, int]:
        """Return the number of rows per fact kind."""
        return {kind: len(self._records[kind]) for kind in schema.FACT_KINDS}

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.summary().items())
        return f"ArticleFacts(id={self.article.id!r}, {counts})"

    def highlighted_html(self) -> str:
        """Return the article as HTML with recognised spans highlighted by kind.

        The article text is escaped: it is untrusted input.
        """
        text = self.article.text
        spans = []
        for kind in ("places", "actors", "troops", "timexes", "quotes"):
            table = getattr(self, kind)
            for start, end in zip(table["start"], table["end"], strict=True):
                spans.append((int(start), int(end), kind))
        spans.sort(key=lambda s: (s[0], -s[1]))
        parts, pos = [], 0
        for start, end, kind in spans:
            if start < pos:
                continue
            parts.append(html.escape(text[pos:start]))
            parts.append(
                f'<mark class="sa-{kind}" title="{kind}" style="background:{_COLOURS[kind]};'
                f'padding:0 2px;border-radius:3px">{html.escape(text[start:end])}</mark>'
            )
            pos = end
        parts.append(html.escape(text[pos:]))
        body = "".join(parts).replace("\n", "<br>\n")
        return f'<div class="sa-article" style="line-height:1.6">{body}</div>'

    def _repr_html_(self) -> str:
        a = self.article
        head = html.escape(
            f"{a.title or a.id} — {a.source or 'unknown source'}, {a.published or 'undated'}"
        )
        counts = " · ".join(f"{k}: {v}" for k, v in self.summary().items())
        tables = []
        for kind in ("movements", "troops", "events", "places", "timexes", "quotes"):
            table = _plain(getattr(self, kind))
            if table.empty:
                continue
            shown = table.drop(columns=["doc_id", "evidence", "sentence"], errors="ignore")
            tables.append(f"<h4>{kind}</h4>" + shown.to_html(index=False, escape=True, na_rep=""))
        return (
            f"<div><h3>{head}</h3><p>{html.escape(counts)}</p>"
            f"{self.highlighted_html()}{''.join(tables)}</div>"
        )


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(table.drop(columns="geometry", errors="ignore"))


@contextlib.contextmanager
def _gdal_config(**options: str) -> Iterator[None]:
    """Set GDAL configuration options for the duration of a block."""
    import pyogrio

    before = {name: pyogrio.get_gdal_config_option(name) for name in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)


def _geo_only(table: pd.DataFrame) -> Any:
    geo = table[table.geometry.notna()] if "geometry" in table else table
    return geo


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def extract(
    article_or_text: Article | str | os.PathLike[str],
    published: dt.date | str | None = None,
    source: str | None = None,
    id: str | None = None,
    model: str | None = None,
) -> ArticleFacts:
    """Extract the facts of one article.

    Parameters
    ----------
    article_or_text : Article, str or path
        An :class:`~sahel_analysis.article.Article`, the article text, or a
        :class:`pathlib.Path` to a file :func:`~sahel_analysis.article.read_article`
        reads.
    published : date or "YYYY-MM-DD", optional
        Publication date that relative time expressions are resolved against;
        overrides the article's. Without one, relative dates stay unresolved.
    source, id : str, optional
        Outlet name and article id; override the article's.
    model : str, optional
        An installed spaCy pipeline to add under the rule components.

    Returns
    -------
    ArticleFacts

    Examples
    --------
    >>> facts = extract("French troops left Mali for Niger on Monday.", published="2022-08-17")
    >>> facts.movements[["actor", "origin_iso3", "destination_iso3"]].values.tolist()
    [['France', 'MLI', 'NER']]
    >>> facts.timexes["value"].tolist()
    ['2022-08-15']
    """
    from sahel_analysis.language import load_pipeline  # spaCy loads only when extracting

    article = _as_article(article_or_text, published=published, source=source, id=id)
    nlp = load_pipeline(model)
    records: dict[str, list[dict]] = {kind: [] for kind in schema.FACT_KINDS}
    sentences = 0
    for offset, end in _chunks(article.text):
        doc = nlp.make_doc(article.text[offset:end])
        doc._.published = article.published
        doc._.doc_id = article.id
        doc._.source = article.source
        for _name, component in nlp.pipeline:
            doc = component(doc)
        sentences += _records_from_doc(article, doc, records, offset, sentences)
    for rows in records.values():
        rows.sort(key=lambda r: (r["start"], r["end"]))
    return ArticleFacts(article, records)


#: Articles longer than this many characters are analysed in pieces of at most this
#: size, cut at paragraph breaks: some rule components compare each mention with the
#: others of its document, so one huge document would take quadratic time. News
#: articles are far shorter (the longest development article has under 10,000).
CHUNK_CHARS = 50_000


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    r"""Return ``(start, end)`` pieces of ``text`` of at most ``size`` characters.

    Cuts fall after a paragraph break, else a line break, else a sentence end, else
    a space, in the second half of the piece; a piece without any is cut hard.

    Examples
    --------
    >>> _chunks("one.\n\ntwo.\n\nthree.", size=12)
    [(0, 12), (12, 18)]
    """
    pieces, start = [], 0
    while len(text) - start > size:
        end = start + size
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, start + size // 2, end)
            if cut >= 0:
                end = cut + len(sep)
                break
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _as_article(obj: Any, *, published: Any, source: str | None, id: str | None) -> Article:
    overrides = {
        k: v
        for k, v in {"published": published, "source": source, "id": id}.items()
        if v is not None
    }
    if isinstance(obj, Article):
        return dataclasses.replace(obj, **overrides) if overrides else obj
    if isinstance(obj, os.PathLike):
        return read_article(obj, **overrides)
    if isinstance(obj, str):
        return Article.from_text(obj, **overrides)
    raise ParameterError(
        "article_or_text",
        f"expected an Article, a str of text or a pathlib.Path, got {type(obj).__name__}",
    )


def _records_from_doc(
    article: Article, doc: Any, records: dict[str, list[dict]], offset: int, first: int
) -> int:
    """Add the facts of ``doc`` (the article text from ``offset``) to ``records``.

    Offsets are shifted by ``offset`` and sentence numbers by ``first``; returns the
    number of sentences of ``doc``.
    """
    from sahel_analysis.language.extensions import sentences_of, text_of

    text = text_of(doc)
    sents = sentences_of(doc)
    sent_starts = [s.start_char for s in sents]
    sent_texts = [text[s.start_char : s.end_char].strip() for s in sents]
    for kind in schema.FACT_KINDS:
        rows = records.setdefault(kind, [])
        for record in doc._.facts.get(kind, []):
            index = max(bisect.bisect_right(sent_starts, record["start"]) - 1, 0)
            evidence = sent_texts[index] if sent_texts else ""
            rows.append(
                {
                    **record,
                    "start": record["start"] + offset,
                    "end": record["end"] + offset,
                    "doc_id": article.id,
                    "sentence": first + index,
                    "evidence": evidence,
                }
            )
    return len(sents)
