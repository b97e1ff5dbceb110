"""Geo tables: fact tables as GeoDataFrames in EPSG:4326.

Places become points, movements become lines from the origin to the destination
(the named town where the article gives one, else the country's representative point),
events become points at their place.
"""

from __future__ import annotations

from functools import cache

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

__all__ = ["CRS", "country_point", "events_geoframe", "movements_geoframe", "places_geoframe"]

CRS = "EPSG:4326"


def places_geoframe(places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return the places table with point geometries (None where unresolved).

    Examples
    --------
    >>> from sahel_analysis import schema
    >>> g = places_geoframe(schema.to_frame("places", [{"name": "Gao", "lat": 16.3, "lon": 0.0}]))
    >>> g.crs.to_string(), g.geometry.iloc[0].x
    ('EPSG:4326', 0.0)
    """
    geometry = [
        Point(lon, lat) if pd.notna(lat) and pd.notna(lon) else None
        for lat, lon in zip(places["lat"], places["lon"], strict=True)
    ]
    return gpd.GeoDataFrame(places, geometry=gpd.GeoSeries(geometry, index=places.index, crs=CRS))


@cache
def country_point(iso3: str | None) -> Point | None:
    """Return the representative point of country ``iso3`` from the gazetteer.

    Examples
    --------
    >>> round(country_point("MLI").y)
    18
    """
    if not iso3:
        return None
    from sahel_analysis import data

    points = data.country_points()
    if iso3 not in points.index:
        return None
    return Point(points.at[iso3, "lon"], points.at[iso3, "lat"])


def _town_points(places: pd.DataFrame) -> dict[tuple[str, str], Point]:
    """Points of the towns and bases in a places table, by (name, iso3)."""
    points: dict[tuple[str, str], Point] = {}
    towns = places[places["kind"].isin(["city", "base"]) & places["lat"].notna()]
    for name, iso3, lat, lon in zip(
        towns["name"], towns["iso3"], towns["lat"], towns["lon"], strict=True
    ):
        points.setdefault((name, iso3), Point(lon, lat))
    return points


def _point(name: object, iso3: object, towns: dict[tuple[str, str], Point]) -> Point | None:
    if isinstance(name, str) and isinstance(iso3, str) and (name, iso3) in towns:
        return towns[(name, iso3)]
    return country_point(iso3 if isinstance(iso3, str) else None)


def movements_geoframe(movements: pd.DataFrame, places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return movements with a line from origin to destination where both are known."""
    towns = _town_points(places)
    geometry = []
    for o_name, o_iso3, d_name, d_iso3 in zip(
        movements["origin"],
        movements["origin_iso3"],
        movements["destination"],
        movements["destination_iso3"],
        strict=True,
    ):
        a, b = _point(o_name, o_iso3, towns), _point(d_name, d_iso3, towns)
        geometry.append(LineString([a, b]) if a is not None and b is not None else None)
    return gpd.GeoDataFrame(
        movements, geometry=gpd.GeoSeries(geometry, index=movements.index, crs=CRS)
    )


def events_geoframe(events: pd.DataFrame, places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return events with a point at their place (town if named, else country)."""
    towns = _town_points(places)
    geometry = [
        _point(name, iso3, towns)
        for name, iso3 in zip(events["location"], events["location_iso3"], strict=True)
    ]
    return gpd.GeoDataFrame(events, geometry=gpd.GeoSeries(geometry, index=events.index, crs=CRS))
