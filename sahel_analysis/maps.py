"""Maps and timelines of an article's facts, for reports and for print.

:func:`movement_map` draws a publication-style static map: Natural Earth countries
shaded by their role in the article (origin, destination, mentioned), capitals and
named places as labelled points whose labels do not overlap, one curved arrow per
troop movement labelled with the actor and troop range (line width by troops), a
legend, a graticule, a north arrow, a scale bar, the source credit and an inset
locating the map in Africa. :func:`timeline` puts the dated events and movements on
a time axis with their precision. :func:`save_figure` writes PNG and SVG atomically.

The functions accept an :class:`~sahel_analysis.facts.ArticleFacts` or anything with
``places``, ``movements`` and ``events`` tables in the schema's columns (a corpus store
can pass its own), or ``None`` for an empty map that says so. For a zoomable web map
in JupyterLab use ``facts.explore()`` (it needs map tiles from the internet).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("agg")
>>> from sahel_analysis import maps, schema
>>> class Facts:  # any object with the three tables will do
...     places = schema.to_frame("places", [])
...     events = schema.to_frame("events", [])
...     movements = schema.to_frame("movements", [{
...         "actor": "France", "origin_iso3": "MLI", "destination_iso3": "NER",
...         "troops_low": 2400, "troops_high": 2400, "status": "announced"}])
>>> ax = maps.movement_map(Facts())
>>> maps.country_roles(Facts())
{'MLI': 'origin', 'NER': 'destination'}
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

from sahel_analysis import schema
from sahel_analysis.atomic import atomic_path
from sahel_analysis.errors import ParameterError

__all__ = [
    "CREDIT",
    "ROLE_COLOURS",
    "country_roles",
    "map_extent",
    "movement_map",
    "parse_timex",
    "save_figure",
    "timeline",
    "troop_range",
]

#: Source credit printed on every map.
CREDIT = "Sources: Natural Earth; GeoNames"

#: Fill colour of a country by its role in the article (colour-blind safe).
ROLE_COLOURS: dict[str, str] = {
    "origin": "#f1a340",
    "destination": "#7fb2d9",
    "origin and destination": "#b8a2d0",
    "mentioned": "#dcd3c2",
}
_LAND = "#f6f3ec"
_SEA = "#e3eef6"
_BORDER = "#8c8170"
_ARROW = "#9e1b32"
_INK = "#222222"
_STATUS = {"under_way": "under way"}
_ROLE_ORDER = ("origin", "destination", "origin and destination", "mentioned")
#: Fallback extent when there is nothing to fit: the western and central Sahel.
_DEFAULT_EXTENT = (-18.0, 7.0, 25.0, 26.0)
_AFRICA = (-19.0, -36.0, 53.0, 38.5)


# --------------------------------------------------------------------------- inputs
@dataclass
class _Tables:
    places: pd.DataFrame
    movements: pd.DataFrame
    events: pd.DataFrame
    title: str | None = None


def _tables(facts: Any) -> _Tables:
    if facts is None:
        return _Tables(*(schema.empty_frame(k) for k in ("places", "movements", "events")))
    missing = [k for k in ("places", "movements", "events") if not hasattr(facts, k)]
    if missing:
        raise ParameterError(
            "facts",
            f"expected an ArticleFacts or an object with places, movements and events "
            f"tables; {type(facts).__name__} has no {', '.join(missing)}",
        )
    article = getattr(facts, "article", None)
    title = getattr(article, "title", None) if article is not None else None
    return _Tables(facts.places, facts.movements, facts.events, title)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: object) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def country_roles(facts: Any) -> dict[str, str]:
    """Return the role of each country the facts involve, keyed by ISO3.

    A country is an ``origin`` or a ``destination`` of a movement (or both), else
    ``mentioned`` when a place in it or an event located in it appears.

    Parameters
    ----------
    facts : ArticleFacts or object with ``places``, ``movements``, ``events``

    Returns
    -------
    dict of str to str
        ISO3 code to one of the keys of :data:`ROLE_COLOURS`, sorted by role then code.

    Examples
    --------
    >>> from sahel_analysis import schema
    >>> class Facts:
    ...     places = schema.to_frame("places", [{"name": "Paris", "iso3": "FRA"}])
    ...     events = schema.to_frame("events", [])
    ...     movements = schema.to_frame("movements", [
    ...         {"actor": "France", "origin_iso3": "MLI", "destination_iso3": "NER"}])
    >>> country_roles(Facts())
    {'MLI': 'origin', 'NER': 'destination', 'FRA': 'mentioned'}
    """
    t = _tables(facts)
    origins = {i for i in t.movements["origin_iso3"] if _str(i)}
    destinations = {i for i in t.movements["destination_iso3"] if _str(i)}
    mentioned = {i for i in t.places["iso3"] if _str(i)}
    mentioned |= {i for i in t.events["location_iso3"] if _str(i)}
    roles: dict[str, str] = {}
    for iso3 in origins | destinations | mentioned:
        if iso3 in origins and iso3 in destinations:
            roles[iso3] = "origin and destination"
        elif iso3 in origins:
            roles[iso3] = "origin"
        elif iso3 in destinations:
            roles[iso3] = "destination"
        else:
            roles[iso3] = "mentioned"
    return dict(sorted(roles.items(), key=lambda kv: (_ROLE_ORDER.index(kv[1]), kv[0])))


# --------------------------------------------------------------------------- geometry
def _countries() -> Any:
    from sahel_analysis import data

    return data.countries()


def _main_part(geom: Any) -> Any:
    """Return the largest polygon of a country (France without its overseas regions)."""
    if isinstance(geom, MultiPolygon):
        return max(geom.geoms, key=lambda g: g.area)
    return geom


def _country_point(iso3: str) -> Point | None:
    """Capital-independent anchor of a country: the gazetteer's representative point."""
    from sahel_analysis.geo import country_point

    point = country_point(iso3)
    if point is not None:
        return point
    frame = _countries()
    rows = frame[frame["iso3"] == iso3]
    return None if rows.empty else _main_part(rows.geometry.iloc[0]).representative_point()


def _movement_ends(row: Any) -> tuple[Point, Point] | None:
    geom = getattr(row, "geometry", None)
    if isinstance(geom, LineString) and not geom.is_empty:
        coords = list(geom.coords)
        return Point(coords[0]), Point(coords[-1])
    a, b = _str(row.origin_iso3), _str(row.destination_iso3)
    if a is None or b is None:
        return None
    pa, pb = _country_point(a), _country_point(b)
    return None if pa is None or pb is None else (pa, pb)


def _place_points(t: _Tables) -> list[tuple[float, float, str, str]]:
    """Named towns and bases of the article: (lon, lat, name, kind)."""
    out, seen = [], set()
    places = t.places
    if places.empty:
        return out
    rows = places[places["kind"].isin(["city", "base"])]
    for row in rows.itertuples(index=False):
        name = _str(row.name) or _str(row.text)
        if name is None or name in seen or pd.isna(row.lat) or pd.isna(row.lon):
            continue
        seen.add(name)
        out.append((float(row.lon), float(row.lat), name, str(row.kind)))
    return out


def _capitals(iso3s: Iterable[str]) -> list[tuple[float, float, str, str]]:
    from sahel_analysis import data

    capitals = data.capitals()
    rows = capitals[capitals.index.isin(set(iso3s))].sort_values("population", ascending=False)
    return [
        (float(r.lon), float(r.lat), str(r.name), "capital") for r in rows.itertuples(index=False)
    ]


def _polygons(geom: Any) -> Iterator[Polygon]:
    if isinstance(geom, Polygon):
        if not geom.is_empty:
            yield geom
    elif hasattr(geom, "geoms"):  # MultiPolygon, or what clipping left of one
        for part in geom.geoms:
            yield from _polygons(part)


def _path(geom: Any) -> MplPath | None:
    """One compound path of a (multi)polygon, holes included (non-zero winding)."""
    verts, codes = [], []
    for poly in _polygons(geom):
        poly = orient(poly, 1.0)
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 3:
                continue
            verts.append(xy)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY])
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _add_polygons(ax: Axes, geoms: Iterable[Any], gid: str, **style: Any) -> PatchCollection:
    """Draw polygons as one collection (faster than GeoSeries.plot, which redraws)."""
    patches = [PathPatch(path) for path in map(_path, geoms) if path is not None]
    collection = PatchCollection(patches, match_original=False, **style)
    collection.set_gid(gid)
    ax.add_collection(collection, autolim=False)
    return collection


# --------------------------------------------------------------------------- extent
def _parse_extent(extent: Any) -> tuple[float, float, float, float] | str:
    if isinstance(extent, str):
        text = extent.strip()
        if "," in text:
            try:
                values = [float(v) for v in text.split(",")]
            except ValueError:
                raise ParameterError(
                    "extent", f"{extent!r} is not four numbers 'minx,miny,maxx,maxy'"
                ) from None
            return _check_bbox(values, extent)
        return text
    if isinstance(extent, Sequence) and not isinstance(extent, bytes):
        return _check_bbox(list(extent), extent)
    raise ParameterError(
        "extent",
        f"expected 'auto', a region name or (minx, miny, maxx, maxy), got {type(extent).__name__}",
    )


def _check_bbox(values: list[Any], original: Any) -> tuple[float, float, float, float]:
    try:
        minx, miny, maxx, maxy = (float(v) for v in values)
    except (TypeError, ValueError):
        raise ParameterError(
            "extent", f"{original!r} is not four numbers (minx, miny, maxx, maxy) in degrees"
        ) from None
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise ParameterError(
            "extent",
            f"{original!r} is not a bounding box (minx, miny, maxx, maxy) in degrees with "
            "-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90",
        )
    return minx, miny, maxx, maxy


def _region_bounds(name: str) -> tuple[float, float, float, float]:
    from sahel_analysis import data

    regions = data.regions()
    wanted = name.casefold()
    for row in regions.itertuples(index=False):
        names = [row.name, *(str(row.alt_names or "").split("|"))]
        if wanted in {n.casefold() for n in names if n}:
            return tuple(row.geometry.bounds)  # type: ignore[return-value]
    countries = _countries()
    hit = countries[
        (countries["name"].str.casefold() == wanted) | (countries["iso3"].str.casefold() == wanted)
    ]
    if not hit.empty:
        return tuple(_main_part(hit.geometry.iloc[0]).bounds)  # type: ignore[return-value]
    raise ParameterError(
        "extent",
        f"unknown region {name!r}; use 'auto', a bounding box 'minx,miny,maxx,maxy', a "
        f"country name or one of: {', '.join(regions['name'])}",
    )


def map_extent(
    facts: Any, extent: Any = "auto", margin: float = 0.12
) -> tuple[float, float, float, float]:
    """Return the (minx, miny, maxx, maxy) extent in degrees a map of ``facts`` shows.

    Parameters
    ----------
    facts : ArticleFacts, object with ``places``/``movements``/``events``, or None
    extent : "auto", str or sequence of 4 floats
        ``"auto"`` fits the origin and destination countries of the movements (else the
        places and event locations) with a margin; a region name from
        :func:`sahel_analysis.data.regions` or a country name uses its bounds; four
        numbers (or a string ``"minx,miny,maxx,maxy"``) are used as they are.
    margin : float
        Fraction of the larger side added around an ``"auto"`` or named extent.

    Returns
    -------
    tuple of float

    Raises
    ------
    ParameterError
        For a malformed bounding box or an unknown region, naming the choices.

    Examples
    --------
    >>> map_extent(None, (-5, 10, 5, 20))
    (-5.0, 10.0, 5.0, 20.0)
    >>> [round(v) for v in map_extent(None, "Central Sahel", margin=0)]
    [-12, 9, 16, 25]
    >>> map_extent(None, "Atlantis")
    Traceback (most recent call last):
    ...
    sahel_analysis.errors.ParameterError: parameter 'extent': unknown region 'Atlantis'; ...
    """
    parsed = _parse_extent(extent)
    if isinstance(parsed, tuple):
        return parsed
    if parsed.casefold() != "auto":
        return _pad(_region_bounds(parsed), margin)
    t = _tables(facts)
    roles = country_roles(t)
    boxes: list[tuple[float, float, float, float]] = []
    moving = [i for i, r in roles.items() if r != "mentioned"]
    countries = _countries().set_index("iso3")
    for iso3 in moving:
        if iso3 in countries.index:
            boxes.append(_main_part(countries.geometry[iso3]).bounds)
    if not boxes:
        for lon, lat, _name, _kind in _place_points(t):
            boxes.append((lon, lat, lon, lat))
        for iso3 in roles:
            if iso3 in countries.index:
                boxes.append(_main_part(countries.geometry[iso3]).bounds)
    if not boxes:
        return _DEFAULT_EXTENT
    arr = np.array(boxes, dtype=float)
    bounds = (arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max())
    return _pad(bounds, margin)


def _is_bbox(extent: Any) -> bool:
    return isinstance(_parse_extent(extent), tuple)


def _fit_box(
    ax: Axes, bounds: Sequence[float], aspect: float, grow: bool
) -> tuple[float, float, float, float]:
    """Grow ``bounds`` (about their centre) to the shape of the axes box.

    The map then fills its axes; an explicit bounding box is kept as given (the axes
    box shrinks to its shape instead).
    """
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if not grow:
        return minx, miny, maxx, maxy
    fig_w, fig_h = ax.figure.get_size_inches()
    pos = ax.get_position()
    target = (pos.height * fig_h) / max(pos.width * fig_w, 1e-9)  # box height / width
    dx, dy = maxx - minx, maxy - miny
    if dy * aspect / dx < target:  # too wide: add latitude
        extra = (target * dx / aspect - dy) / 2
        miny, maxy = max(miny - extra, -90.0), min(maxy + extra, 90.0)
    else:  # too tall: add longitude
        extra = (dy * aspect / target - dx) / 2
        minx, maxx = max(minx - extra, -180.0), min(maxx + extra, 180.0)
    return minx, miny, maxx, maxy


def _pad(bounds: Sequence[float], margin: float) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    pad = max(max(maxx - minx, maxy - miny) * margin, 0.5 if margin else 0.0)
    return (
        max(minx - pad, -180.0),
        max(miny - pad, -90.0),
        min(maxx + pad, 180.0),
        min(maxy + pad, 90.0),
    )


# --------------------------------------------------------------------------- labels
def troop_range(low: Any, high: Any) -> str | None:
    """Return a troop range as words, or None when neither bound is known.

    Parameters
    ----------
    low, high : int or None
        Bounds of the force (``troops_low``/``troops_high``, or ``low``/``high``);
        a missing ``high`` is open-ended.

    Returns
    -------
    str or None

    Examples
    --------
    >>> troop_range(2400, 2400), troop_range(200, 900), troop_range(1001, None)
    ('2,400 troops', '200–900 troops', 'more than 1,000 troops')
    >>> troop_range(None, 5000), troop_range(None, None)
    ('up to 5,000 troops', None)
    """
    low, high = _int(low), _int(high)
    if low is None and high is None:
        return None
    if high is None:
        return f"more than {low - 1:,} troops" if low else "troops"
    if low is None:
        return f"up to {high:,} troops"
    return f"{high:,} troops" if low == high else f"{low:,}–{high:,} troops"


def _troop_size(low: int | None, high: int | None) -> int | None:
    if low is not None and high is not None:
        return (low + high) // 2
    return high if high is not None else low


def _line_width(size: int | None) -> float:
    if size is None:
        return 1.6
    return 1.6 + 6.0 * min(math.sqrt(max(size, 0) / 5000.0), 1.3)


_OFFSETS = [
    (6, 5, "left", "bottom"),
    (6, -5, "left", "top"),
    (-6, 5, "right", "bottom"),
    (-6, -5, "right", "top"),
    (8, 0, "left", "center"),
    (-8, 0, "right", "center"),
    (0, 9, "center", "bottom"),
    (0, -9, "center", "top"),
    (14, 12, "left", "bottom"),
    (-14, 12, "right", "bottom"),
    (14, -12, "left", "top"),
    (-14, -12, "right", "top"),
]


def _renderer(ax: Axes, draw: bool = False) -> Any:
    """Return the renderer; with ``draw``, lay the figure out first (nothing is rasterised)."""
    fig = ax.figure
    if not hasattr(fig.canvas, "get_renderer"):  # a figure made without pyplot
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    if draw:
        fig.draw_without_rendering()
    return fig.canvas.get_renderer()


def _free(bb: Bbox, taken: list[Bbox], frame: Bbox) -> bool:
    inside = bb.x0 >= frame.x0 and bb.x1 <= frame.x1 and bb.y0 >= frame.y0 and bb.y1 <= frame.y1
    return inside and not any(bb.overlaps(o) for o in taken)


def _place_labels(
    ax: Axes, points: list[tuple[float, float, str, str]], taken: list[Bbox]
) -> list[str]:
    """Greedy label placement: try positions around each point, keep the first free one.

    Returns the names whose label did not fit (their point is still drawn).
    """
    renderer = _renderer(ax)
    frame = ax.get_window_extent(renderer)
    dropped = []
    for lon, lat, name, kind in points:
        bold = kind == "capital"
        for dx, dy, ha, va in _OFFSETS:
            text = ax.annotate(
                name,
                (lon, lat),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=9.5,
                fontweight="bold" if bold else "normal",
                color=_INK,
                zorder=8,
                gid=f"label:{name}",
                bbox={"boxstyle": "round,pad=0.15", "fc": (1, 1, 1, 0.65), "ec": "none"},
            )
            bb = text.get_window_extent(renderer).expanded(1.04, 1.08)
            if _free(bb, taken, frame):
                taken.append(bb)
                break
            text.remove()
        else:
            dropped.append(name)
    return dropped


def _point_box(ax: Axes, lon: float, lat: float, size: float = 5.0) -> Bbox:
    x, y = ax.transData.transform((lon, lat))
    return Bbox.from_extents(x - size, y - size, x + size, y + size)


def _arc(ax: Axes, a: Point, b: Point, rad: float) -> np.ndarray:
    """Display coordinates of the arc3 curve matplotlib draws from a to b."""
    (x1, y1), (x2, y2) = ax.transData.transform([(a.x, a.y), (b.x, b.y)])
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    t = np.linspace(0, 1, 25)[:, None]
    p0, p1, p2 = np.array([x1, y1]), np.array([cx, cy]), np.array([x2, y2])
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2


# --------------------------------------------------------------------------- the map
#: Axes rectangle of a new map (figure fractions): room for the title above, the
#: graticule labels on the left and the credit line below.
_MAP_RECT = (0.05, 0.07, 0.93, 0.87)


def movement_map(
    facts: Any,
    ax: Axes | None = None,
    extent: Any = "auto",
    *,
    margin: float = 0.12,
    title: str | None = None,
    inset: bool = True,
    capitals: bool = True,
    figsize: tuple[float, float] = (11.0, 8.0),
) -> Axes:
    """Draw the troop movements and places of ``facts`` on a map of the region.

    Parameters
    ----------
    facts : ArticleFacts, object with ``places``/``movements``/``events``, or None
        The facts to draw. With no movements the places are mapped; with no facts at
        all an empty map of the Sahel says so.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure of ``figsize`` otherwise.
    extent : "auto", str or sequence of 4 floats
        See :func:`map_extent`: fit the facts, a region or country name, or a bounding
        box ``(minx, miny, maxx, maxy)`` in degrees (also as ``"minx,miny,maxx,maxy"``).
    margin : float
        Margin around an automatic or named extent, as a fraction of its larger side.
    title : str, optional
        Map title; default the article title when there is one.
    inset : bool
        Draw the locator inset (the extent as a red box on a map of Africa).
    capitals : bool
        Mark and label the capitals of the countries involved.
    figsize : (float, float)
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The map. Country patches have ``gid`` ``"country:<ISO3>"``, arrows
        ``"movement:<n>"``, labels ``"label:<name>"``, the inset ``"inset"``.

    Raises
    ------
    ParameterError
        For a bad ``extent`` or an object without the three tables.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("agg")
    >>> ax = movement_map(None)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "empty"]
    ['No places or movements were found']
    """
    t = _tables(facts)
    bounds = map_extent(t, extent, margin=margin)
    if ax is None:
        # A fixed layout, not constrained_layout: the labels are placed in display space,
        # so the axes must not move afterwards, and every draw stays one pass.
        ax = plt.figure(figsize=figsize).add_axes(_MAP_RECT)
    roles = country_roles(t)
    minx, miny, maxx, maxy = bounds
    mid_lat = (miny + maxy) / 2
    aspect = 1 / max(math.cos(math.radians(mid_lat)), 0.2)
    minx, miny, maxx, maxy = _fit_box(ax, bounds, aspect, grow=not _is_bbox(extent))
    ax.set_aspect(aspect, adjustable="box")
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_facecolor(_SEA)
    view = box(minx, miny, maxx, maxy)

    countries = _countries()
    clip_box = view.buffer(max(maxx - minx, maxy - miny) * 0.1, join_style="mitre")
    near = countries[countries.intersects(clip_box)].clip(clip_box)
    _add_polygons(
        ax, near.geometry, "countries", facecolor=_LAND, edgecolor=_BORDER, linewidth=0.5, zorder=1
    )
    for iso3, role in roles.items():
        rows = near[near["iso3"] == iso3]
        if not rows.empty:
            _add_polygons(
                ax,
                rows.geometry,
                f"country:{iso3}",
                facecolor=ROLE_COLOURS[role],
                edgecolor=_BORDER,
                linewidth=0.7,
                zorder=2,
            )
    _graticule(ax, (minx, miny, maxx, maxy))
    heading = title if title is not None else t.title
    if heading:
        ax.set_title(heading, fontsize=13, loc="left", fontweight="bold")
    ax.annotate(
        CREDIT,
        xy=(1, 0),
        xycoords="axes fraction",
        xytext=(0, -24),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=8,
        color="#555555",
        gid="credit",
    )
    ax.apply_aspect()  # arcs are measured in display space; the final layout only scales it

    # Movements: curved arrows, wider for more troops, labelled on their curve.
    drawn, undrawn, pair_count = [], 0, {}
    for i, row in enumerate(t.movements.itertuples(index=False)):
        ends = _movement_ends(row)
        if ends is None or ends[0].equals(ends[1]):
            undrawn += 1
            continue
        a, b = ends
        key = (round(a.x, 3), round(a.y, 3), round(b.x, 3), round(b.y, 3))
        k = pair_count.get(key, 0)
        pair_count[key] = k + 1
        rad = (0.28 + 0.14 * (k // 2)) * (1 if k % 2 == 0 else -1)
        low, high = _int(row.troops_low), _int(row.troops_high)
        width = _line_width(_troop_size(low, high))
        head = f"head_length={0.6 + width * 0.1:.2f},head_width={0.35 + width * 0.06:.2f}"
        ax.add_patch(
            FancyArrowPatch(
                (a.x, a.y),
                (b.x, b.y),
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle=f"-|>,{head}",
                mutation_scale=14,
                linewidth=width,
                color=_ARROW,
                alpha=0.85,
                zorder=6,
                shrinkA=4,
                shrinkB=6,
                linestyle="-" if (low or high) else (0, (4, 2)),
                gid=f"movement:{i}",
                label="_movement",
            )
        )
        status = _STATUS.get(str(row.status), _str(row.status))
        actor = _str(row.actor) or "unknown force"
        strength = troop_range(low, high) or "strength not stated"
        label = f"{actor}: {strength}" + (f"\n({status})" if status else "")
        drawn.append((a, b, rad, width, label, i))
    for a, b, rad, _width, label, i in drawn:
        x, y = _arc(ax, a, b, rad)[12]
        lon, lat = ax.transData.inverted().transform((x, y))
        ax.text(
            lon,
            lat,
            label,
            ha="center",
            va="center",
            fontsize=9,
            color=_ARROW,
            zorder=9,
            fontweight="bold",
            gid=f"movement-label:{i}",
            bbox={
                "boxstyle": "round,pad=0.3",
                "fc": "white",
                "ec": _ARROW,
                "lw": 0.6,
                "alpha": 0.92,
            },
        )
    if undrawn:
        ax.annotate(
            f"Not drawn: {undrawn} movement(s) with an unknown origin or destination",
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -24),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=8,
            color="#555555",
            gid="note",
        )

    # Places: named towns and bases, then capitals of the countries involved.
    points = [p for p in _place_points(t) if view.contains(Point(p[0], p[1]))]
    names = {p[2] for p in points}
    if capitals:
        involved = [i for i, r in roles.items() if r != "mentioned"] + [
            i for i, r in roles.items() if r == "mentioned"
        ]
        points += [
            c for c in _capitals(involved) if c[2] not in names and view.contains(Point(c[0], c[1]))
        ]
    style = {"capital": ("s", 6, "white"), "city": ("o", 5, _INK), "base": ("^", 7, _ARROW)}
    for lon, lat, name, kind in points:
        marker, size, face = style.get(kind, style["city"])
        ax.plot(
            lon,
            lat,
            marker=marker,
            markersize=size,
            markerfacecolor=face,
            markeredgecolor=_INK,
            markeredgewidth=1.0,
            linestyle="none",
            zorder=7,
            gid=f"place:{name}",
        )

    # Furniture in the emptiest corners; then labels placed around everything drawn.
    corners = _corners_by_emptiness(ax, _obstacles(ax, drawn, points))
    handles = _legend_handles(roles, drawn, points, t.movements)
    if inset:
        _inset(ax, (minx, miny, maxx, maxy), roles, corners.pop(0))
    if handles:
        legend = ax.legend(
            handles=handles,
            loc=corners.pop(0),
            fontsize=8.5,
            framealpha=0.92,
            title="Legend",
            title_fontsize=9,
            borderpad=0.7,
        )
        legend.set_zorder(12)
    bottom = [c for c in corners if c.startswith("lower")] or corners
    _scale_and_north(ax, (minx, miny, maxx, maxy), bottom[0])
    if not roles and not points and not drawn:
        ax.text(
            0.5,
            0.5,
            "No places or movements were found",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=14,
            color="#555555",
            gid="empty",
            bbox={"boxstyle": "round,pad=0.6", "fc": "white", "ec": "#999999"},
        )
    _renderer(ax, draw=True)  # settle the layout: labels are placed in display space
    obstacles = _obstacles(ax, drawn, points)
    renderer = _renderer(ax)
    frame = ax.get_window_extent(renderer)
    for artist in [*ax.child_axes, ax.get_legend(), *ax.texts]:
        if artist is not None:
            bb = artist.get_window_extent(renderer)
            if bb.overlaps(frame):
                obstacles.append(bb)
    _country_names(ax, roles, view, obstacles)
    _place_labels(ax, points, obstacles)
    return ax


def _obstacles(ax: Axes, drawn: list, points: list) -> list[Bbox]:
    """Display-space boxes covering the arrows and point markers."""
    boxes = []
    for a, b, rad, width, _label, _i in drawn:
        half = width / 2 + 3
        for x, y in _arc(ax, a, b, rad):
            boxes.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
    for lon, lat, _name, _kind in points:
        boxes.append(_point_box(ax, lon, lat))
    return boxes


def _graticule(ax: Axes, bounds: tuple[float, float, float, float]) -> None:
    minx, miny, maxx, maxy = bounds
    span = max(maxx - minx, maxy - miny)
    step = next(s for s in (1, 2, 5, 10, 15, 20, 30, 45, 60) if span / s <= 8)
    xs = np.arange(math.ceil(minx / step) * step, maxx + 1e-9, step)
    ys = np.arange(math.ceil(miny / step) * step, maxy + 1e-9, step)
    ax.set_xticks(xs, [_deg(x, "E", "W") for x in xs], fontsize=8, color="#555555")
    ax.set_yticks(ys, [_deg(y, "N", "S") for y in ys], fontsize=8, color="#555555")
    ax.tick_params(length=3, color="#888888")
    ax.grid(True, color="#6a7f92", linewidth=0.4, linestyle=(0, (2, 3)), alpha=0.7)
    ax.set_axisbelow(False)
    for spine in ax.spines.values():
        spine.set_edgecolor("#777777")


def _deg(value: float, pos: str, neg: str) -> str:
    if abs(value) < 1e-9:
        return "0°"
    return f"{abs(value):g}°{pos if value > 0 else neg}"


def _corners_by_emptiness(ax: Axes, obstacles: list[Bbox]) -> list[str]:
    frame = ax.get_window_extent()
    w, h = frame.width * 0.3, frame.height * 0.3
    regions = {
        "upper right": Bbox.from_extents(frame.x1 - w, frame.y1 - h, frame.x1, frame.y1),
        "upper left": Bbox.from_extents(frame.x0, frame.y1 - h, frame.x0 + w, frame.y1),
        "lower left": Bbox.from_extents(frame.x0, frame.y0, frame.x0 + w, frame.y0 + h),
        "lower right": Bbox.from_extents(frame.x1 - w, frame.y0, frame.x1, frame.y0 + h),
    }
    order = list(regions)
    return sorted(
        order, key=lambda c: (sum(regions[c].overlaps(o) for o in obstacles), order.index(c))
    )


def _legend_handles(
    roles: dict[str, str], drawn: list, points: list, movements: pd.DataFrame
) -> list[Any]:
    handles: list[Any] = []
    for role in _ROLE_ORDER:
        if role in roles.values():
            handles.append(
                Patch(
                    facecolor=ROLE_COLOURS[role],
                    edgecolor=_BORDER,
                    label=f"{role.capitalize()} country",
                )
            )
    if drawn:
        handles.append(
            Line2D(
                [], [], color=_ARROW, lw=_line_width(1000), label="Troop movement (width: troops)"
            )
        )
        sizes = [
            _troop_size(_int(lo), _int(hi))
            for lo, hi in zip(movements["troops_low"], movements["troops_high"], strict=True)
        ]
        if any(s is None for s in sizes):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=_ARROW,
                    lw=1.6,
                    ls=(0, (4, 2)),
                    label="Movement, strength not stated",
                )
            )
    kinds = {p[3] for p in points}
    if "capital" in kinds:
        handles.append(
            Line2D([], [], marker="s", ms=6, mfc="white", mec=_INK, ls="none", label="Capital")
        )
    if "city" in kinds:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ms=5,
                mfc=_INK,
                mec=_INK,
                ls="none",
                label="Town named in the article",
            )
        )
    if "base" in kinds:
        handles.append(
            Line2D([], [], marker="^", ms=7, mfc=_ARROW, mec=_INK, ls="none", label="Military base")
        )
    return handles


_CORNER_RECT = {
    "upper right": (0.755, 0.675),
    "upper left": (0.015, 0.675),
    "lower left": (0.015, 0.02),
    "lower right": (0.755, 0.02),
}


def _inset(
    ax: Axes, bounds: tuple[float, float, float, float], roles: dict[str, str], corner: str
) -> Axes:
    x0, y0 = _CORNER_RECT[corner]
    ins = ax.inset_axes([x0, y0, 0.23, 0.305], zorder=11)
    ins.set_gid("inset")
    minx, miny, maxx, maxy = bounds
    ax0, ay0, ax1, ay1 = _AFRICA
    frame = (min(ax0, minx - 2), min(ay0, miny - 2), max(ax1, maxx + 2), max(ay1, maxy + 2))
    countries = _countries()
    shown = countries[countries.intersects(box(*frame))]
    _add_polygons(
        ins,
        shown.geometry,
        "inset-countries",
        facecolor="#d8d2c4",
        edgecolor="white",
        linewidth=0.2,
    )
    involved = shown[shown["iso3"].isin([i for i, r in roles.items() if r != "mentioned"])]
    if not involved.empty:
        _add_polygons(
            ins,
            involved.geometry,
            "inset-involved",
            facecolor="#a08c6c",
            edgecolor="white",
            linewidth=0.2,
        )
    ins.add_patch(
        Rectangle(
            (minx, miny),
            maxx - minx,
            maxy - miny,
            fill=False,
            edgecolor="#c0392b",
            linewidth=1.4,
            zorder=5,
            gid="inset-extent",
        )
    )
    ins.set_xlim(frame[0], frame[2])
    ins.set_ylim(frame[1], frame[3])
    ins.set_aspect("equal", adjustable="box")
    ins.set_xticks([])
    ins.set_yticks([])
    ins.set_xlabel("")
    ins.set_ylabel("")
    ins.set_facecolor("white")
    for spine in ins.spines.values():
        spine.set_edgecolor("#777777")
    return ins


def _nice(value: float) -> float:
    exp = 10 ** math.floor(math.log10(value))
    return max(m * exp for m in (1, 2, 5) if m * exp <= value)


def _scale_and_north(ax: Axes, bounds: tuple[float, float, float, float], corner: str) -> None:
    minx, miny, maxx, maxy = bounds
    right = corner.endswith("right")
    top = corner.startswith("upper")
    fy = 0.9 if top else 0.06
    lat = miny + (maxy - miny) * fy
    km_per_deg = 111.32 * math.cos(math.radians(lat))
    km = _nice((maxx - minx) * 0.22 * km_per_deg)
    length = km / km_per_deg
    x0 = (maxx - (maxx - minx) * 0.04 - length) if right else minx + (maxx - minx) * 0.04
    y0 = lat
    tick = (maxy - miny) * 0.008
    kw = {"color": _INK, "linewidth": 1.2, "zorder": 10, "solid_capstyle": "butt"}
    ax.plot([x0, x0 + length], [y0, y0], gid="scale-bar", **kw)
    ax.plot([x0, x0 + length / 2], [y0, y0], color=_INK, linewidth=4, zorder=10)
    for x in (x0, x0 + length / 2, x0 + length):
        ax.plot([x, x], [y0 - tick, y0 + tick], **kw)
    ax.text(
        x0 + length / 2,
        y0 + tick * 2,
        f"{km:,.0f} km",
        ha="center",
        va="bottom",
        fontsize=8.5,
        color=_INK,
        zorder=10,
        gid="scale-label",
        bbox={"boxstyle": "round,pad=0.15", "fc": (1, 1, 1, 0.6), "ec": "none"},
    )
    nx = (x0 + length + (maxx - minx) * 0.03) if not right else (x0 - (maxx - minx) * 0.03)
    ny0, ny1 = y0 - tick, y0 + (maxy - miny) * 0.07
    ax.annotate(
        "",
        xy=(nx, ny1),
        xytext=(nx, ny0),
        arrowprops={"arrowstyle": "-|>", "color": _INK, "lw": 1.5},
        zorder=10,
    )
    ax.text(
        nx,
        ny1,
        "N",
        ha="center",
        va="bottom",
        fontsize=10,
        fontweight="bold",
        color=_INK,
        zorder=10,
        gid="north",
    )


def _country_names(ax: Axes, roles: dict[str, str], view: Any, taken: list[Bbox]) -> None:
    renderer = _renderer(ax)
    frame = ax.get_window_extent(renderer)
    countries = _countries().set_index("iso3")
    for iso3 in roles:
        if iso3 not in countries.index:
            continue
        shape = _main_part(countries.geometry[iso3]).intersection(view)
        if shape.is_empty or shape.area < view.area * 0.01:
            continue
        p = shape.representative_point()
        candidates = [p, shape.centroid]
        minx, miny, maxx, maxy = shape.bounds
        candidates += [
            Point(minx + (maxx - minx) * fx, miny + (maxy - miny) * fy)
            for fy in (0.5, 0.3, 0.7, 0.2, 0.8)
            for fx in (0.5, 0.3, 0.7)
        ]
        name = str(countries.loc[iso3, "name"]).upper()
        for c in candidates:
            if not shape.contains(c):
                continue
            text = ax.text(
                c.x,
                c.y,
                name,
                ha="center",
                va="center",
                fontsize=10.5,
                color="#5b5346",
                alpha=0.85,
                fontstyle="italic",
                zorder=5,
                gid=f"country-label:{iso3}",
            )
            bb = text.get_window_extent(renderer).expanded(1.05, 1.2)
            if _free(bb, taken, frame):
                taken.append(bb)
                break
            text.remove()


# --------------------------------------------------------------------------- timeline
_TIMEX = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "season": re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"),
    "year": re.compile(r"^(\d{4})$"),
    "decade": re.compile(r"^(\d{3})X$"),
}
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> dt.date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def parse_timex(value: object) -> tuple[dt.date, dt.date, str] | None:
    """Return the first day, last day and precision of a TIMEX3 date value.

    Durations (``P9Y``), unknowns (``X``) and other values that are not on the
    calendar give ``None``. An interval ``a/b`` runs from the start of ``a`` to the
    end of ``b`` with precision ``"interval"``.

    Parameters
    ----------
    value : str
        A TIMEX3 value such as ``2022-02-16``, ``2022-02``, ``2023-SU``, ``2025``,
        ``201X`` or ``2013/2022``.

    Returns
    -------
    (datetime.date, datetime.date, str) or None
        Precision is one of day, month, season, year, decade, interval.

    Examples
    --------
    >>> parse_timex("2022-02")
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 28), 'month')
    >>> parse_timex("2013/2022")[2], parse_timex("P9Y")
    ('interval', None)
    """
    if not isinstance(value, str) or not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        pa, pb = parse_timex(a), parse_timex(b)
        if pa is None or pb is None or pb[1] < pa[0]:
            return None
        return pa[0], pb[1], "interval"
    for precision, pattern in _TIMEX.items():
        m = pattern.match(value)
        if not m:
            continue
        try:
            if precision == "day":
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
                return day, day, "day"
            if precision == "month":
                year, month = int(m[1]), int(m[2])
                return dt.date(year, month, 1), _month_end(year, month), "month"
            if precision == "season":
                year, (first, last) = int(m[1]), _SEASONS[m[2]]
                return dt.date(year, first, 1), _month_end(year, last), "season"
            if precision == "year":
                year = int(m[1])
                return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
            decade = int(m[1]) * 10
            return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade"
        except ValueError:
            return None
    return None


_PRECISION_COLOURS = {
    "day": "#9e1b32",
    "month": "#d9822b",
    "season": "#d9822b",
    "year": "#3a7ca5",
    "decade": "#3a7ca5",
    "interval": "#6a5a8c",
    "span": "#6a5a8c",
}


def _timeline_rows(t: _Tables) -> tuple[list[dict[str, Any]], int]:
    rows, undated = [], 0
    for row in t.events.itertuples(index=False):
        period = parse_timex(row.date)
        if period is None:
            undated += 1
            continue
        where = _str(row.location) or _str(row.location_iso3)
        label = " · ".join(x for x in (_str(row.type), _str(row.actor), where) if x)
        rows.append(
            {
                "label": label,
                "start": period[0],
                "end": period[1],
                "precision": period[2],
                "kind": "event",
            }
        )
    for row in t.movements.itertuples(index=False):
        start, end = parse_timex(row.date_start), parse_timex(row.date_end)
        if start is None and end is None:
            undated += 1
            continue
        route = f"{_str(row.origin_iso3) or '?'} → {_str(row.destination_iso3) or '?'}"
        label = f"{_str(row.actor) or 'force'} {route}"
        if start is not None and end is not None and end[1] > start[0]:
            rows.append(
                {
                    "label": label,
                    "start": start[0],
                    "end": end[1],
                    "precision": "span",
                    "kind": "movement",
                }
            )
        else:
            only = start or end
            assert only is not None
            rows.append(
                {
                    "label": label,
                    "start": only[0],
                    "end": only[1],
                    "precision": only[2],
                    "kind": "movement",
                }
            )
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows, undated


def timeline(facts: Any, ax: Axes | None = None) -> Axes:
    """Draw the dated events and movements of ``facts`` on a time axis.

    A date known to the day is a diamond; a month, season, year or decade is a bar
    covering that period (its precision); a movement with a start and an end, or an
    interval, is a span. A dashed line marks the publication date when known.

    Parameters
    ----------
    facts : ArticleFacts, object with ``events`` and ``movements``, or None
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure sized to the number of rows otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        One y tick per dated event or movement, labelled ``type · actor · place``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("agg")
    >>> from sahel_analysis import schema
    >>> class Facts:
    ...     places = movements = schema.to_frame("movements", [])
    ...     events = schema.to_frame("events", [
    ...         {"type": "coup", "location_iso3": "NER", "date": "2023-07-26"}])
    >>> [t.get_text() for t in timeline(Facts()).get_yticklabels()]
    ['coup · NER']
    """
    import matplotlib.dates as mdates

    t = _tables(facts)
    rows, undated = _timeline_rows(t)
    own_figure = ax is None
    if ax is None:
        ax = plt.figure(figsize=(10, 1.6 + 0.42 * max(len(rows), 2))).add_subplot()
    published = getattr(getattr(facts, "article", None), "published", None)
    if not rows:
        ax.text(
            0.5,
            0.5,
            "No dated events or movements",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=12,
            color="#555555",
            gid="empty",
        )
        ax.set_yticks([])
        ax.set_xticks([])
        return ax
    seen = set()
    for y, row in enumerate(rows):
        colour = _PRECISION_COLOURS[row["precision"]]
        start = mdates.date2num(row["start"])
        end = mdates.date2num(row["end"] + dt.timedelta(days=1))
        legend = row["precision"] if row["precision"] not in seen else None
        seen.add(row["precision"])
        name = {
            "day": "day",
            "month": "month",
            "season": "season",
            "year": "year",
            "decade": "decade",
            "interval": "interval",
            "span": "movement span",
        }
        if row["precision"] == "day":
            ax.plot(
                start,
                y,
                marker="D",
                ms=8,
                color=colour,
                ls="none",
                zorder=3,
                label=f"date ({name['day']})" if legend else "_",
                gid=f"row:{y}",
            )
        else:
            ax.barh(
                y,
                end - start,
                left=start,
                height=0.5,
                color=colour,
                alpha=0.35 if row["precision"] != "span" else 0.6,
                edgecolor=colour,
                label=f"{name[row['precision']]}" if legend else "_",
                gid=f"row:{y}",
            )
    ax.set_yticks(range(len(rows)), [r["label"][:48] for r in rows], fontsize=9)
    ax.invert_yaxis()
    if published is not None:
        ax.axvline(
            mdates.date2num(published),
            color="#555555",
            ls="--",
            lw=1,
            label=f"published {published.isoformat()}",
            zorder=1,
        )
    locator = mdates.AutoDateLocator(maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    lo = min(mdates.date2num(r["start"]) for r in rows)
    hi = max(mdates.date2num(r["end"]) for r in rows)
    if published is not None:
        hi = max(hi, mdates.date2num(published))
        lo = min(lo, mdates.date2num(published))
    pad = max((hi - lo) * 0.05, 20)
    ax.set_xlim(lo - pad, hi + pad)
    ax.grid(True, axis="x", color="#cccccc", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend = ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8.5,
        frameon=False,
        title="Precision",
        title_fontsize=9,
    )
    if undated:
        ax.annotate(
            f"{undated} undated event(s) or movement(s) not shown",
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -28),
            textcoords="offset points",
            fontsize=8,
            color="#555555",
            va="top",
            gid="note",
        )
    ax.set_title("Timeline of dated events and movements", fontsize=11, loc="left")
    if own_figure:
        _fit_margins(ax, legend, bottom_pt=52 if undated else 38)
    return ax


def _fit_margins(ax: Axes, legend: Any, bottom_pt: float) -> None:
    """Leave room around ``ax`` for its y tick labels and the legend on its right.

    Measures the texts once instead of running constrained_layout at every draw.
    """
    fig = ax.figure
    renderer = _renderer(ax)
    width, height = fig.get_size_inches() * fig.dpi
    points = fig.dpi / 72
    labels = max((t.get_window_extent(renderer).width for t in ax.get_yticklabels()), default=0)
    right = legend.get_window_extent(renderer).width + 14 * points
    left = labels + 12 * points
    fig.subplots_adjust(
        left=min(left / width, 0.6),
        right=max(1 - right / width, 0.65),
        top=1 - 26 * points / height,
        bottom=bottom_pt * points / height,
    )


# --------------------------------------------------------------------------- saving
def save_figure(
    fig_or_ax: Figure | Axes,
    path: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = 150,
    close: bool = False,
) -> list[Path]:
    """Write a figure as PNG and SVG beside each other, each file atomically.

    Parameters
    ----------
    fig_or_ax : Figure or Axes
        The figure, or an Axes of it.
    path : path
        Target; its suffix is replaced by each format (``movements.png`` gives
        ``movements.png`` and ``movements.svg``).
    formats : sequence of str
        Formats matplotlib can write.
    dpi : int
        Resolution of raster formats.
    close : bool
        Close the figure afterwards (so Jupyter does not show it a second time).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import matplotlib, tempfile, pathlib
    >>> matplotlib.use("agg")
    >>> ax = movement_map(None, inset=False)
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "map.png"
    >>> [p.name for p in save_figure(ax, out, close=True)]
    ['map.png', 'map.svg']
    """
    fig = fig_or_ax.figure if isinstance(fig_or_ax, Axes) else fig_or_ax
    if not isinstance(fig, Figure):
        raise ParameterError("fig_or_ax", f"expected a Figure or Axes, got {type(fig).__name__}")
    base = Path(path)
    written = []
    for fmt in formats:
        target = base.with_suffix(f".{fmt}")
        metadata = {"Date": None} if fmt == "svg" else None
        with atomic_path(target) as tmp:
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
        written.append(target)
    if close:
        plt.close(fig)
    return written
