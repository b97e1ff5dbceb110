"""Geo tables: fact tables as GeoDataFrames in EPSG:4326.

Places become points, movements become lines from the origin to the destination
(the named town where the article gives one, else the country's representative point),
events become points at their place.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

from sahel_analysis.gazetteer import Gazetteer

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


def country_point(iso3: str | None) -> Point | None:
    """Return the representative point of country ``iso3`` from the gazetteer.

    Examples
    --------
    >>> round(country_point("MLI").y)
    18
    """
    if not iso3:
        return None
    place = Gazetteer.default().country(iso3)
    return None if place is None else Point(place.lon, place.lat)


def _named_point(name: object, iso3: object, places: pd.DataFrame) -> Point | None:
    if isinstance(name, str) and not places.empty:
        rows = places[
            (places["name"] == name)
            & (places["iso3"] == iso3)
            & places["kind"].isin(["city", "base"])
        ]
        if not rows.empty and pd.notna(rows["lat"].iloc[0]):
            return Point(rows["lon"].iloc[0], rows["lat"].iloc[0])
    return country_point(iso3 if isinstance(iso3, str) else None)


def movements_geoframe(movements: pd.DataFrame, places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return movements with a line from origin to destination where both are known."""
    geometry = []
    for row in movements.itertuples(index=False):
        a = _named_point(row.origin, row.origin_iso3, places)
        b = _named_point(row.destination, row.destination_iso3, places)
        geometry.append(LineString([a, b]) if a is not None and b is not None else None)
    return gpd.GeoDataFrame(
        movements, geometry=gpd.GeoSeries(geometry, index=movements.index, crs=CRS)
    )


def events_geoframe(events: pd.DataFrame, places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return events with a point at their place (town if named, else country)."""
    geometry = [
        _named_point(row.location, row.location_iso3, places)
        for row in events.itertuples(index=False)
    ]
    return gpd.GeoDataFrame(events, geometry=gpd.GeoSeries(geometry, index=events.index, crs=CRS))
