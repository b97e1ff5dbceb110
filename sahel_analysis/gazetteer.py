"""Place look-up: names to places, disambiguated in context.

The gazetteer is the shipped table :func:`sahel_analysis.data.gazetteer` (countries,
named regions, world capitals, GeoNames cities, curated towns and military bases).
:class:`Gazetteer` answers three questions for the language pipeline:

* which strings are worth looking for in text (:meth:`Gazetteer.surface_forms`);
* which places a name may denote (:meth:`Gazetteer.candidates`, best first);
* which one it most likely denotes here (:meth:`Gazetteer.resolve`), preferring a
  country, then a named region, a capital, a curated base, a place in a country the
  article is about, and finally the most populous place.

Names are compared by :func:`normalize`, so accents, apostrophes and dashes do not matter.

Examples
--------
>>> from sahel_analysis.gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> gao = gaz.resolve("Gao")
>>> gao.iso3, round(gao.lat, 1), round(gao.lon, 1)
('MLI', 16.3, -0.0)
>>> gaz.resolve("Menaka").name
'Ménaka'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sahel_analysis import data

__all__ = ["Gazetteer", "Place", "normalize", "normalize_array"]

# Character classes written with literal characters, valid both for re and pyarrow's RE2.
_APOSTROPHE_CLASS = "[\u2018\u2019\u201b\u02bc\u02bb\u2032`\u00b4]"
_DASH_CLASS = "[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]"
_APOSTROPHES = re.compile(_APOSTROPHE_CLASS)
_DASHES = re.compile(_DASH_CLASS)
_ASCII_TABLE = str.maketrans({"`": "'"})

#: Names that are frequent English words (or surnames in the news) when capitalised,
#: typically at the start of a sentence. A place named so is not matched in text
#: unless it is a country. Compared after :func:`normalize`.
_COMMON_WORDS_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    however independence liberty hope unity union center centre mission police victory
    progress concord harmony friendship peace freedom justice paradise providence faith
    charity patience welcome hero heroes golden grand holiday spring mine forest reservoir
    of along bar best man male split nice reading mobile bath sale hull normal orange colon
    marks hook bad save share pen rich deal come van gap hit goes say manage media boom
    logo lens bend bear jam god salt date time same than more most many much make made
    cat pop green delta central dual roman peer zebra ode mango can no so go me put
    army navy marine marines general president sergeant colonel captain major minister
    prime security defence defense force forces troops soldiers base camp airport capital
    city state region province district republic government parliament national federal
    royal border junta rebels attack convoy operation camps bases village town country
    north south east west northern southern eastern western mid midland
    christmas easter ramadan eid
    obama newton walker anderson kendall darwin austin keita toure ali hassan bah awa conde
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())

#: Place kinds a curated or administrative row may have; cities are the GeoNames rows.
_KIND_ORDER = {"country": 0, "region": 1}


def normalize(name: str) -> str:
    """Return the match key of a place name.

    Case-folded, accents stripped (NFKD), apostrophes (’ ‘ ` ´) unified to ``'``,
    hyphens and dashes unified to ``-`` and runs of white space collapsed to one space.

    Parameters
    ----------
    name : str
        A place name as written.

    Returns
    -------
    str
        The key under which the gazetteer indexes the name.

    Examples
    --------
    >>> normalize("N’Djaména")
    "n'djamena"
    >>> normalize("  Port–Bouët ") == normalize("port-bouet")
    True
    """
    if name.isascii():
        return " ".join(name.translate(_ASCII_TABLE).lower().split())
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DASHES.sub("-", _APOSTROPHES.sub("'", text))
    return " ".join(text.split())


def normalize_array(names: pa.Array) -> pa.Array:
    """Apply :func:`normalize` to a whole pyarrow string array at once.

    Parameters
    ----------
    names : pyarrow.Array
        Strings (nulls stay null).

    Returns
    -------
    pyarrow.Array
        The normalised strings, equal to ``[normalize(n) for n in names]``.

    Examples
    --------
    >>> import pyarrow as pa
    >>> normalize_array(pa.array(["N’Djaména", "Port–Bouët"])).to_pylist()
    ["n'djamena", 'port-bouet']
    """
    text = pc.utf8_normalize(names, "NFKD")
    text = pc.replace_substring_regex(text, r"\p{Mn}", "")
    text = pc.replace_substring(pc.utf8_lower(text), "ß", "ss")
    text = pc.replace_substring_regex(text, _APOSTROPHE_CLASS, "'")
    text = pc.replace_substring_regex(text, _DASH_CLASS, "-")
    text = pc.replace_substring_regex(text, r"[\s\x{a0}\x{2000}-\x{200a}\x{3000}]+", " ")
    return pc.utf8_trim_whitespace(text)


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer.

    Parameters
    ----------
    place_id : str
        Stable identifier: ``"country:MLI"``, ``"region:sahel"``, ``"gn:2457163"``
        (a GeoNames id) or ``"cur:..."`` (a curated row).
    name : str
        Preferred name.
    kind : str
        ``country``, ``region``, ``admin1``, ``city`` or ``base``.
    iso3 : str or None
        Country the place lies in (None for multi-country regions).
    geonames_id : int or None
        GeoNames identifier, if any.
    lat, lon : float
        Coordinates in degrees (EPSG:4326); a representative point for areas.
    population : int
        Population, 0 when unknown.
    capital : bool
        Whether the place is a national capital.
    """

    place_id: str
    name: str
    kind: str
    iso3: str | None
    geonames_id: int | None
    lat: float
    lon: float
    population: int
    capital: bool


class Gazetteer:
    """Look places up by name.

    Parameters
    ----------
    table : pandas.DataFrame
        A table with the columns of :func:`sahel_analysis.data.gazetteer`.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "place_id": ["gn:1", "gn:2"], "name": ["Gao", "Gao"], "alt_names": ["Gawo", ""],
    ...     "kind": ["city", "city"], "iso3": ["MLI", "BFA"], "geonames_id": [1, 2],
    ...     "lat": [16.27, 11.65], "lon": [-0.04, -2.18], "population": [133110, 26453],
    ...     "capital": [False, False]})
    >>> gaz = Gazetteer(table)
    >>> gaz.resolve("Gawo").iso3, gaz.resolve("Gao", context_iso3=["BFA"]).iso3
    ('MLI', 'BFA')
    """

    def __init__(self, table: pd.DataFrame) -> None:
        self._ids: list[str] = table["place_id"].tolist()
        self._names: list[str] = table["name"].tolist()
        self._alts: list[str] = table["alt_names"].fillna("").tolist()
        self._kinds: list[str] = table["kind"].tolist()
        self._iso3: list[str | None] = table["iso3"].astype(object).fillna("").tolist()
        self._gnids: list[int] = table["geonames_id"].fillna(0).astype("int64").tolist()
        self._lat: list[float] = table["lat"].astype("float64").tolist()
        self._lon: list[float] = table["lon"].astype("float64").tolist()
        self._pop: list[int] = table["population"].fillna(0).astype("int64").tolist()
        self._capital: list[bool] = table["capital"].fillna(False).astype(bool).tolist()
        self._places: dict[int, Place] = {}

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """Return the shipped gazetteer, loaded once and cached.

        Returns
        -------
        Gazetteer
            Built from :func:`sahel_analysis.data.gazetteer`.

        Examples
        --------
        >>> Gazetteer.default() is Gazetteer.default()
        True
        """
        return cls(data.gazetteer())

    def __len__(self) -> int:
        return len(self._ids)

    # ------------------------------------------------------------------ index
    def _row_names(self, row: int) -> list[str]:
        alts = self._alts[row]
        return [self._names[row], *alts.split("|")] if alts else [self._names[row]]

    @cached_property
    def _keyed_names(self) -> tuple[list[str], list[int], list[str]]:
        """Every name and alternate name, its row and its normalised key (vectorised)."""
        split = pc.split_pattern(pa.array(self._alts, pa.string()), "|")
        names = pa.concat_arrays([pa.array(self._names, pa.string()), pc.list_flatten(split)])
        rows = np.concatenate([np.arange(len(self._ids)), pc.list_parent_indices(split)])
        keys = normalize_array(names)
        keep = pc.not_equal(names, "")
        return (
            names.filter(keep).to_pylist(),
            rows[keep.to_numpy(zero_copy_only=False)].tolist(),
            keys.filter(keep).to_pylist(),
        )

    @cached_property
    def _index(self) -> dict[str, list[int]]:
        """Normalised name -> rows, built on first use."""
        index: dict[str, list[int]] = {}
        _, rows, keys = self._keyed_names
        for key, row in zip(keys, rows, strict=True):
            hits = index.setdefault(key, [])
            if row not in hits:
                hits.append(row)
        return index

    @cached_property
    def _country_rows(self) -> dict[str, int]:
        return {
            self._iso3[row]: row
            for row, kind in enumerate(self._kinds)
            if kind == "country" and self._iso3[row]
        }

    def _place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            place = Place(
                place_id=self._ids[row],
                name=self._names[row],
                kind=self._kinds[row],
                iso3=self._iso3[row] or None,
                geonames_id=self._gnids[row] or None,
                lat=self._lat[row],
                lon=self._lon[row],
                population=self._pop[row],
                capital=self._capital[row],
            )
            self._places[row] = place
        return place

    def _rank(self, row: int, context: Collection[str], key: str = "") -> tuple:
        kind = self._kinds[row]
        return (
            _KIND_ORDER.get(kind, 2),
            not self._capital[row],
            kind != "base",
            (self._iso3[row] or None) not in context,
            -self._pop[row],
            # among equals, the place the name is the main name of ("Lake Chad", the
            # lake) wins over one it is an alternate name of (the Lake Chad basin)
            normalize(self._names[row]) != key,
            self._ids[row],
        )

    # ------------------------------------------------------------------ public API
    def surface_forms(self) -> Iterator[str]:
        """Yield every name and alternate name worth looking for in text.

        Names keep their original spelling and casing; each is yielded once. Left out:
        names shorter than three characters unless all capitals ("US" stays), names
        that are frequent English words or surnames (:data:`COMMON_WORDS`, e.g.
        "March", "Independence", "Keita") unless they name a country, and names of
        non-capital cities that are also actor patterns (a town called "Holland" is
        not the Netherlands). A name with an apostrophe is also yielded with ``’``.

        Yields
        ------
        str
            A surface form.

        Examples
        --------
        >>> forms = set(Gazetteer.default().surface_forms())
        >>> "Ndjamena" in forms, "Niger" in forms, "Independence" in forms
        (True, True, False)
        """
        actor_patterns = {normalize(p) for p in data.actors()["pattern"]}
        seen: set[str] = set()
        for name, row, key in zip(*self._keyed_names, strict=True):
            if name in seen:
                continue
            seen.add(name)
            kind = self._kinds[row]
            if len(name) < 3 and not name.isupper():
                continue
            if kind != "country":
                if key in COMMON_WORDS:
                    continue
                if kind == "city" and not self._capital[row] and key in actor_patterns:
                    continue
            yield name
            if "'" in name:
                curly = name.replace("'", "’")
                if curly not in seen:
                    seen.add(curly)
                    yield curly

    def candidates(self, name: str) -> list[Place]:
        """Return the places a name may denote, best first.

        Parameters
        ----------
        name : str
            A place name in any spelling the gazetteer knows (compared by
            :func:`normalize`).

        Returns
        -------
        list of Place
            Countries first, then named regions, capitals, curated bases and the
            rest by decreasing population; empty if the name is unknown.

        Examples
        --------
        >>> [p.iso3 for p in Gazetteer.default().candidates("Gao")][:2]
        ['MLI', 'BFA']
        """
        key = normalize(name)
        rows = self._index.get(key, [])
        return [self._place(r) for r in sorted(rows, key=lambda r: self._rank(r, (), key))]

    def resolve(self, name: str, context_iso3: Collection[str] = ()) -> Place | None:
        """Return the place a name most likely denotes.

        Parameters
        ----------
        name : str
            A place name as written.
        context_iso3 : collection of str, optional
            ISO3 codes of the countries the text is about; among otherwise equal
            candidates (not a country, region, capital or base) a place in one of
            them wins over a more populous place elsewhere.

        Returns
        -------
        Place or None
            None if the name is unknown.

        Examples
        --------
        >>> gaz = Gazetteer.default()
        >>> gaz.resolve("Niger").kind, gaz.resolve("Paris").iso3
        ('country', 'FRA')
        >>> gaz.resolve("Timbuktu") == gaz.resolve("Tombouctou")
        True
        """
        key = normalize(name)
        rows = self._index.get(key)
        if not rows:
            return None
        if len(rows) == 1:
            return self._place(rows[0])
        context = frozenset(context_iso3)
        return self._place(min(rows, key=lambda r: self._rank(r, context, key)))

    def country(self, iso3: str) -> Place | None:
        """Return the country with ISO 3166 alpha-3 code ``iso3``.

        Parameters
        ----------
        iso3 : str
            Upper- or lower-case code, e.g. ``"MLI"``.

        Returns
        -------
        Place or None
            The country (its point is a representative point of its polygon), or None.

        Examples
        --------
        >>> Gazetteer.default().country("TCD").name
        'Chad'
        """
        row = self._country_rows.get(iso3.upper())
        return None if row is None else self._place(row)

    def country_by_name(self, name: str) -> Place | None:
        """Return the country a name denotes, ignoring places of other kinds.

        Parameters
        ----------
        name : str
            A country name or variant ("Ivory Coast", "Tchad", "U.S.").

        Returns
        -------
        Place or None
            The country, or None if no country has that name.

        Examples
        --------
        >>> Gazetteer.default().country_by_name("Ivory Coast").iso3
        'CIV'
        """
        for place in self.candidates(name):
            if place.kind == "country":
                return place
        return None
