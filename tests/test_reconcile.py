"""Reconciliation: several reports of one movement or strength become one record."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString

from sahel_analysis import schema
from sahel_analysis.reconcile import (
    RECONCILED_COLUMNS,
    TROOP_LEVEL_COLUMNS,
    conflicts,
    flatten,
    reconcile_movements,
    timex_interval,
    troop_levels,
)

DOCS = pd.DataFrame(
    {
        "id": ["wire", "post", "tribune", "late"],
        "source": ["Sahel Wire", "Niamey Post", "Tribune", "Sahel Wire"],
        "published": pd.to_datetime(["2022-02-17", "2022-02-18", "2022-03-01", "2023-06-01"]),
    }
)


def _moves(*rows):
    defaults = {
        "actor": "France",
        "origin_iso3": "MLI",
        "destination_iso3": "NER",
        "status": "announced",
        "evidence": "...",
    }
    frame = schema.to_frame("movements", [{**defaults, **r} for r in rows])
    line = LineString([(-2, 17), (8, 17)])
    return gpd.GeoDataFrame(frame, geometry=[line] * len(frame), crs="EPSG:4326")


def test_reports_of_one_movement_merge_with_their_sources_and_figures():
    moves = _moves(
        {"doc_id": "wire", "troops_low": 2160, "troops_high": 2640},  # "about 2,400"
        {"doc_id": "post", "troops_low": 2500, "troops_high": 2500, "destination": "Niamey"},
        {
            "doc_id": "tribune",
            "troops_low": None,
            "troops_high": None,
            "status": "completed",
            "date_start": "2022-02",
        },
    )
    merged = reconcile_movements(moves, DOCS)
    assert list(merged.columns) == [*RECONCILED_COLUMNS, "geometry"]
    assert len(merged) == 1
    rec = merged.iloc[0]
    assert rec["sources"] == ["Niamey Post", "Sahel Wire", "Tribune"]
    assert rec["doc_ids"] == ["post", "tribune", "wire"]
    assert (rec["n_reports"], rec["n_sources"]) == (3, 3)
    assert rec["first_reported"] == pd.Timestamp("2022-02-17")
    assert rec["last_reported"] == pd.Timestamp("2022-03-01")
    assert rec["status"] == "completed"  # what the latest report says
    assert rec["destination"] == "Niamey"
    assert [(f["source"], f["low"], f["high"]) for f in rec["figures"]] == [
        ("Sahel Wire", 2160, 2640),
        ("Niamey Post", 2500, 2500),
    ]
    assert not rec["conflict"]
    assert (rec["troops_low"], rec["troops_high"]) == (2500, 2500)  # what both allow
    assert merged.crs.to_string() == "EPSG:4326" and rec.geometry is not None


def test_disagreeing_figures_are_flagged_not_averaged():
    moves = _moves(
        {"doc_id": "wire", "troops_low": 2400, "troops_high": 2400},
        {"doc_id": "post", "troops_low": 5000, "troops_high": 5500},
    )
    rec = reconcile_movements(moves, DOCS).iloc[0]
    assert rec["conflict"]
    assert (rec["troops_low"], rec["troops_high"]) == (2400, 5500)  # the span, no mean
    assert sorted(f["low"] for f in rec["figures"]) == [2400, 5000]


def test_open_ended_figures_agree_with_any_larger_one():
    moves = _moves(
        {"doc_id": "wire", "troops_low": 1001, "troops_high": None},  # more than
        {"doc_id": "post", "troops_low": 2400, "troops_high": 2400},
    )
    rec = reconcile_movements(moves, DOCS).iloc[0]
    assert not rec["conflict"] and (rec["troops_low"], rec["troops_high"]) == (2400, 2400)
    up_to = _moves(
        {"doc_id": "wire", "troops_low": None, "troops_high": 500},
        {"doc_id": "post", "troops_low": 900, "troops_high": 900},
    )
    assert reconcile_movements(up_to, DOCS).iloc[0]["conflict"]


def test_reports_far_apart_in_time_or_place_stay_apart():
    moves = _moves(
        {"doc_id": "wire"},
        {"doc_id": "late"},  # a year later: another movement
        {"doc_id": "post", "destination_iso3": "TCD"},
        {"doc_id": "post", "actor": "Germany"},
    )
    merged = reconcile_movements(moves, DOCS)
    assert len(merged) == 4
    france_ner = merged[(merged["actor"] == "France") & (merged["destination_iso3"] == "NER")]
    assert sorted(france_ner["first_reported"].dt.year) == [2022, 2023]
    assert merged["movement_id"].is_unique
    wider = reconcile_movements(moves, DOCS, window_days=500)
    assert len(wider) == 3


def test_movement_dates_take_precedence_over_publication():
    # published a year apart, but both about a movement dated 2022-08
    moves = _moves(
        {"doc_id": "wire", "date_start": "2022-08"}, {"doc_id": "late", "date_start": "2022-08-15"}
    )
    rec = reconcile_movements(moves, DOCS)
    assert len(rec) == 1 and rec.iloc[0]["date_start"] == "2022-08"


def test_empty_tables_give_empty_typed_results():
    merged = reconcile_movements(_moves(), DOCS)
    assert merged.empty and list(merged.columns) == [*RECONCILED_COLUMNS, "geometry"]
    levels = troop_levels(schema.empty_frame("troops"), DOCS)
    assert levels.empty and list(levels.columns) == list(TROOP_LEVEL_COLUMNS)


def _troops(*rows):
    defaults = {"actor": "France", "location_iso3": "NER", "evidence": "..."}
    return schema.to_frame("troops", [{**defaults, **r} for r in rows])


def test_troop_levels_per_actor_country_and_date():
    troops = _troops(
        {"doc_id": "wire", "low": 1500, "high": 1500, "as_of": "2022-02"},
        {"doc_id": "post", "low": 1350, "high": 1650, "as_of": "2022-02"},
        {"doc_id": "tribune", "low": 1000, "high": 1000},  # dated by publication
        {"doc_id": "tribune", "low": 3000, "high": 3000, "location_iso3": "TCD"},
        {"doc_id": "late", "low": None, "high": None},  # no figure: not a level
    )
    levels = troop_levels(troops, DOCS)
    assert levels[["actor", "country", "low", "high", "n_reports"]].values.tolist() == [
        ["France", "NER", 1500, 1500, 2],
        ["France", "NER", 1000, 1000, 1],
        ["France", "TCD", 3000, 3000, 1],
    ]
    assert levels["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-02-01",
        "2022-03-01",
        "2022-03-01",
    ]
    assert levels.iloc[0]["sources"] == ["Niamey Post", "Sahel Wire"]
    assert not levels["conflict"].any()


def test_conflicts_table_names_each_source_and_figure():
    troops = _troops(
        {"doc_id": "wire", "low": 1500, "high": 1500, "as_of": "2022-02-10"},
        {"doc_id": "post", "low": 3000, "high": 3000, "as_of": "2022-02-10"},
    )
    moves = _moves(
        {"doc_id": "wire", "troops_low": 2400, "troops_high": 2400},
        {"doc_id": "post", "troops_low": 5000, "troops_high": 5500},
    )
    table = conflicts(reconcile_movements(moves, DOCS), troop_levels(troops, DOCS))
    assert table["kind"].tolist() == ["movement", "troop level"]
    assert table.iloc[0]["figures"] == "Sahel Wire: 2,400; Niamey Post: 5,000–5,500"
    assert table.iloc[0]["where"] == "MLI → NER"
    assert table.iloc[1]["sources"] == "Niamey Post, Sahel Wire"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-16", ("2022-02-16", "2022-02-16")),
        ("2022-02", ("2022-02-01", "2022-02-28")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2023-SU", ("2023-06-01", "2023-08-31")),
        ("2023-WI", ("2023-12-01", "2024-02-29")),
        ("201X", ("2010-01-01", "2019-12-31")),
        ("2013/2022", ("2013-01-01", "2022-12-31")),
        ("2023-06/2023-08", ("2023-06-01", "2023-08-31")),
        ("P9Y", None),
        ("PXM", None),
        ("2022-02-30", None),
        (None, None),
        ("", None),
    ],
)
def test_timex_interval(value, expected):
    got = timex_interval(value)
    if expected is None:
        assert got is None
    else:
        assert tuple(d.date().isoformat() for d in got) == expected


def test_flatten_turns_lists_into_json_text():
    frame = reconcile_movements(_moves({"doc_id": "wire", "troops_low": 5, "troops_high": 5}), DOCS)
    flat = flatten(frame)
    assert flat["sources"].iloc[0] == '["Sahel Wire"]'
    assert '"low": 5' in flat["figures"].iloc[0]
    assert isinstance(flat, gpd.GeoDataFrame)
