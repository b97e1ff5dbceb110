"""Data files shipped with sahel_analysis, behind one accessor.

Every file here is listed, with its origin, licence and the command that rebuilds it,
in ``sahel_analysis/data/README.md``. :func:`get_path` finds a file by name and the
cached loaders read the ones the library uses:

* :func:`countries` - Natural Earth admin-0 polygons (``iso3``, ``name``, ``geometry``);
* :func:`regions` - named regions such as the Sahel or the Lake Chad basin;
* :func:`gazetteer` - one row per place (countries, regions, cities, bases);
* :func:`country_names`, :func:`country_points`, :func:`capitals` - small extracts of
  those for maps and reports, read without loading the whole gazetteer;
* :func:`actors` - surface forms of actors and their canonical names.

Examples
--------
>>> from sahel_analysis import data
>>> data.get_path("gazetteer.parquet").name
'gazetteer.parquet'
>>> data.countries().set_index("iso3").loc["MLI", "name"]
'Mali'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from sahel_analysis.errors import DataError

__all__ = [
    "actors",
    "available",
    "capitals",
    "countries",
    "country_names",
    "country_points",
    "gazetteer",
    "get_path",
    "regions",
]

_HERE = Path(__file__).resolve().parent
_SUFFIXES = (".parquet", ".csv")


def available() -> list[str]:
    """List the data files shipped with the package.

    Returns
    -------
    list of str
        Names relative to the data directory, with ``/`` separators, sorted.

    Examples
    --------
    >>> from sahel_analysis.data import available
    >>> "curated/places.csv" in available()
    True
    """
    return sorted(
        p.relative_to(_HERE).as_posix()
        for p in _HERE.rglob("*")
        if p.is_file() and p.suffix in _SUFFIXES
    )


def get_path(name: str) -> Path:
    """Return the path of a data file shipped with the package.

    Parameters
    ----------
    name : str
        File name relative to the data directory, e.g. ``"countries.parquet"`` or
        ``"curated/actors.csv"``.

    Returns
    -------
    pathlib.Path
        Absolute path of the file.

    Raises
    ------
    DataError
        If there is no such file; the message lists the available ones.

    Examples
    --------
    >>> from sahel_analysis.data import get_path
    >>> get_path("curated/actors.csv").exists()
    True
    """
    path = _HERE / name
    if not name or not path.is_file() or path.suffix not in _SUFFIXES:
        raise DataError(
            f"{path}: no data file named {name!r} in sahel_analysis.data; available: "
            f"{', '.join(available())}. If a generated file is missing, rebuild it with "
            "'python scripts/build_data.py'."
        )
    return path


def _read(name: str, reader: Callable[[Path], pd.DataFrame]) -> pd.DataFrame:
    """Read a shipped file with ``reader``, turning any failure into a DataError."""
    path = get_path(name)
    try:
        return reader(path)
    except Exception as exc:  # pyarrow and pandas raise many types for damaged files
        raise DataError(
            f"{path}: cannot read {name!r} ({exc}); rebuild it with 'python scripts/build_data.py'."
        ) from exc


@cache
def countries() -> gpd.GeoDataFrame:
    """Return country polygons from Natural Earth 1:10m admin-0, simplified to ~2 km.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``iso3``, ``name`` (English short name) and ``geometry``, EPSG:4326,
        one row per country or territory, sorted by ``iso3``. Cached: do not modify.

    Examples
    --------
    >>> from sahel_analysis.data import countries
    >>> frame = countries()
    >>> frame.crs.to_epsg(), frame.set_index("iso3").loc["FRA", "name"]
    (4326, 'France')
    """
    return _read("countries.parquet", gpd.read_parquet)


@cache
def regions() -> gpd.GeoDataFrame:
    """Return named regions (Sahel, West Africa, Lake Chad basin...) with their geometry.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``name``, ``alt_names`` (``|``-separated), ``iso3s`` (``|``-separated
        ISO3 codes of the countries it spans), ``geometry`` and ``source``, EPSG:4326.
        Cached: do not modify.

    Examples
    --------
    >>> from sahel_analysis.data import regions
    >>> sorted(regions().set_index("name").loc["Central Sahel", "iso3s"].split("|"))
    ['BFA', 'MLI', 'NER']
    """
    return _read("regions.parquet", gpd.read_parquet)


@cache
def gazetteer() -> pd.DataFrame:
    """Return the gazetteer table: one row per place.

    Returns
    -------
    pandas.DataFrame
        Columns ``place_id``, ``name``, ``alt_names`` (``|``-separated), ``kind``
        (country/city/admin1/region/base), ``iso3``, ``geonames_id`` (Int64),
        ``lat``, ``lon``, ``population`` (Int64), ``feature_code``, ``capital`` and
        ``source``. Cached: do not modify.

    Examples
    --------
    >>> from sahel_analysis.data import gazetteer
    >>> row = gazetteer().set_index("place_id").loc["country:MLI"]
    >>> row["name"], row["kind"]
    ('Mali', 'country')
    """
    frame = _read("gazetteer.parquet", pd.read_parquet)
    return frame.astype({"geonames_id": "Int64", "population": "Int64"})


@cache
def country_names() -> dict[str, str]:
    """Return the English short name of every country by ISO3, without the polygons.

    Examples
    --------
    >>> from sahel_analysis.data import country_names
    >>> country_names()["BFA"]
    'Burkina Faso'
    """
    frame = _read("countries.parquet", lambda path: pd.read_parquet(path, columns=["iso3", "name"]))
    return dict(zip(frame["iso3"], frame["name"], strict=True))


@cache
def country_points() -> pd.DataFrame:
    """Return each country's representative point from the gazetteer, indexed by ISO3.

    Reads only the gazetteer's country rows: reports and maps need these, not the
    40,000 towns.

    Returns
    -------
    pandas.DataFrame
        Index ``iso3``; columns ``name``, ``lat``, ``lon``. Cached: do not modify.

    Examples
    --------
    >>> from sahel_analysis.data import country_points
    >>> round(country_points().loc["NER", "lat"])
    18
    """
    frame = _read(
        "gazetteer.parquet",
        lambda path: pd.read_parquet(
            path, columns=["iso3", "name", "lat", "lon"], filters=[("kind", "==", "country")]
        ),
    )
    return frame.drop_duplicates("iso3").set_index("iso3")


@cache
def capitals() -> pd.DataFrame:
    """Return each country's capital city from the gazetteer.

    Where a country has several capitals, the most populous one is kept.

    Returns
    -------
    pandas.DataFrame
        Index ``iso3``; columns ``name``, ``lat``, ``lon``, ``population``.
        Cached: do not modify.

    Examples
    --------
    >>> from sahel_analysis.data import capitals
    >>> capitals().loc["MLI", "name"]
    'Bamako'
    """
    frame = _read(
        "gazetteer.parquet",
        lambda path: pd.read_parquet(
            path,
            columns=["iso3", "name", "lat", "lon", "population"],
            filters=[("kind", "==", "city"), ("capital", "==", True)],
        ),
    )
    frame = frame.sort_values("population", ascending=False, kind="stable")
    return frame.drop_duplicates("iso3").set_index("iso3")


@cache
def actors() -> pd.DataFrame:
    """Return actor surface forms and the canonical actor each one stands for.

    Returns
    -------
    pandas.DataFrame
        Columns ``pattern`` (case-sensitive text as it appears in articles),
        ``actor`` (canonical English name), ``actor_kind`` (state, armed force,
        organisation, person, group), ``iso3`` (may be missing) and ``source``.
        Cached: do not modify.

    Examples
    --------
    >>> from sahel_analysis.data import actors
    >>> actors().set_index("pattern").loc["Takuba", "actor"]
    'European allies'
    """
    return _read(
        "curated/actors.csv",
        lambda path: pd.read_csv(path, dtype=str, keep_default_na=False, na_values={"iso3": [""]}),
    )
