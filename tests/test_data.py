"""Tests of sahel_analysis.data: every shipped file loads and holds what users rely on."""

from __future__ import annotations

import csv

import pytest

from sahel_analysis import data
from sahel_analysis.errors import DataError

CURATED = ["curated/places.csv", "curated/regions.csv", "curated/actors.csv"]


def test_available_lists_every_shipped_file():
    names = data.available()
    for name in ["countries.parquet", "regions.parquet", "gazetteer.parquet", *CURATED]:
        assert name in names
        assert data.get_path(name).is_file()


def test_data_dir_is_small():
    total = sum(data.get_path(n).stat().st_size for n in data.available())
    assert total < 8_000_000


def test_get_path_missing_names_file_and_lists_available():
    with pytest.raises(DataError) as err:
        data.get_path("no_such_file.parquet")
    message = str(err.value)
    assert "no_such_file.parquet" in message
    assert "gazetteer.parquet" in message
    assert "scripts/build_data.py" in message


def test_countries_are_valid_wgs84_polygons():
    countries = data.countries()
    assert countries.crs.to_epsg() == 4326
    assert list(countries.columns) == ["iso3", "name", "geometry"]
    assert countries["iso3"].is_unique
    assert countries.is_valid.all()
    assert set(countries.geom_type) <= {"Polygon", "MultiPolygon"}
    by_iso3 = countries.set_index("iso3")
    expected = {
        "FRA": "France",
        "NOR": "Norway",
        "MLI": "Mali",
        "NER": "Niger",
        "TCD": "Chad",
        "BFA": "Burkina Faso",
        "CIV": "Côte d'Ivoire",
        "USA": "United States",
        "CAF": "Central African Republic",
    }
    for iso3, name in expected.items():
        assert by_iso3.loc[iso3, "name"] == name


@pytest.mark.parametrize(
    ("iso3", "lat", "lon"),
    [("MLI", 16.27, -0.04), ("NER", 13.51, 2.11), ("TCD", 12.11, 15.04), ("FRA", 48.85, 2.35)],
)
def test_country_polygons_contain_their_towns(iso3, lat, lon):
    from shapely.geometry import Point

    geom = data.countries().set_index("iso3").loc[iso3, "geometry"]
    assert geom.contains(Point(lon, lat))


def test_sahel_polygons_keep_their_shape():
    # simplified, but Mali's area stays within 2% of the true ~1.24 million km²
    mali = data.countries().to_crs("ESRI:54009").set_index("iso3").loc["MLI", "geometry"]
    assert mali.area / 1e6 == pytest.approx(1_240_000, rel=0.02)


def test_regions_have_geometry_members_and_source():
    regions = data.regions().set_index("name")
    assert regions.crs.to_epsg() == 4326
    assert regions.is_valid.all()
    for name in ["Sahel", "West Africa", "Liptako-Gourma", "Lake Chad basin", "Gulf of Guinea"]:
        assert not regions.loc[name, "geometry"].is_empty
        assert regions.loc[name, "source"]
    assert set(regions.loc["Central Sahel", "iso3s"].split("|")) == {"MLI", "BFA", "NER"}
    assert {"MLI", "NER", "TCD"} <= set(regions.loc["Sahel", "iso3s"].split("|"))
    # the Gulf of Guinea is a sea: it does not cover Abidjan's hinterland
    from shapely.geometry import Point

    assert not regions.loc["Gulf of Guinea", "geometry"].contains(Point(-5.0, 7.0))
    assert regions.loc["Gulf of Guinea", "geometry"].contains(Point(3.0, 3.0))


def test_gazetteer_columns_and_kinds():
    gaz = data.gazetteer()
    assert list(gaz.columns) == [
        "place_id", "name", "alt_names", "kind", "iso3", "geonames_id",
        "lat", "lon", "population", "feature_code", "capital", "source",
    ]  # fmt: skip
    assert gaz["place_id"].is_unique
    assert str(gaz["geonames_id"].dtype) == "Int64"
    assert set(gaz["kind"]) == {"country", "city", "admin1", "region", "base"}
    assert gaz["lat"].between(-90, 90).all() and gaz["lon"].between(-180, 180).all()
    assert (gaz["source"].str.len() > 0).all()
    countries = gaz[gaz["kind"] == "country"]
    assert len(countries) == len(data.countries())
    regions = gaz[gaz["kind"] == "region"]
    assert regions["iso3"].isna().all() and len(regions) == len(data.regions())


def test_capitals_and_sahel_villages_are_in():
    gaz = data.gazetteer()
    capitals = gaz[gaz["capital"]]
    assert {"MLI", "NER", "TCD", "BFA", "FRA", "USA"} <= set(capitals["iso3"])
    # places under 15,000 inhabitants come from cities500 in the Sahel and its neighbours only
    small = gaz[(gaz["kind"] == "city") & (gaz["population"] < 15000) & ~gaz["capital"]]
    assert len(small) > 5000
    assert {"MLI", "NER", "BFA", "TCD"} <= set(small["iso3"])
    assert not {"DEU", "USA", "IND"} & set(small["iso3"])


@pytest.mark.parametrize("name", CURATED)
def test_every_curated_row_has_a_source(name):
    with data.get_path(name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        assert row["source"].strip(), f"{name}: row without source: {row}"


def test_curated_places_have_coordinates_or_override_an_existing_row():
    gaz = data.gazetteer().set_index("place_id")
    with data.get_path("curated/places.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            assert row["place_id"] in gaz.index
            if row["kind"] == "base":
                assert gaz.loc[row["place_id"], "kind"] == "base"


@pytest.mark.parametrize(
    ("pattern", "actor"),
    [
        ("French", "France"),
        ("MINUSMA", "United Nations"),
        ("Takuba", "European allies"),
        ("Wagner", "Wagner Group"),
        ("Africa Corps", "Russia"),
        ("Burkinabè", "Burkina Faso"),
        ("Barkhane", "France"),
        ("EUTM Mali", "European Union"),
        ("U.S.", "United States"),
    ],
)
def test_actors_map_patterns_to_canonical_names(pattern, actor):
    actors = data.actors().set_index("pattern")
    assert actors.loc[pattern, "actor"] == actor


def test_actor_table_is_consistent():
    actors = data.actors()
    assert actors["pattern"].is_unique
    assert set(actors["actor_kind"]) <= {"state", "armed force", "organisation", "person", "group"}
    # every canonical state name is also a country name in the shipped boundaries
    countries = set(data.countries()["name"])
    states = set(actors.loc[actors["actor_kind"] == "state", "actor"])
    assert states <= countries, sorted(states - countries)


def test_loaders_are_cached():
    assert data.gazetteer() is data.gazetteer()
    assert data.countries() is data.countries()
