"""The fact model: one declaration per table, typed empty frames, readable validation."""

import pandas as pd
import pytest

from sahel_analysis import schema
from sahel_analysis.errors import SchemaError


def test_every_table_starts_with_provenance():
    for kind in schema.FACT_KINDS:
        names = list(schema.columns(kind))
        assert names[:6] == ["doc_id", "sentence", "start", "end", "evidence", "confidence"]
        assert len(names) == len(set(names)), f"{kind} repeats a column"


def test_design_columns_are_declared():
    expected = {
        "places": {"text", "name", "kind", "iso3", "geonames_id", "lat", "lon", "geo_precision"},
        "troops": {"text", "actor", "location_iso3", "value", "low", "high", "qualifier", "as_of"},
        "timexes": {"text", "value", "kind", "precision"},
        "events": {"type", "actor", "location_iso3", "date", "status"},
        "movements": {
            "actor",
            "origin_iso3",
            "destination_iso3",
            "troops_low",
            "troops_high",
            "status",
        },
        "quotes": {"text", "speaker", "speaker_role"},
        "actors": {"text", "actor", "actor_kind", "iso3"},
    }
    for kind, cols in expected.items():
        assert cols <= set(schema.columns(kind)), kind


def test_to_frame_types_and_fills_missing_fields():
    df = schema.to_frame(
        "troops",
        [{"text": "about 5,100", "low": 4590, "high": 5610, "start": 0, "end": 11, "unknown": 1}],
    )
    assert df.loc[0, "low"] == 4590 and df["low"].dtype == "Int64"
    assert df.loc[0, "actor"] is pd.NA
    assert "unknown" not in df.columns


def test_validate_reports_missing_columns_bad_offsets_and_ranges():
    df = schema.to_frame(
        "troops", [{"text": "2,400", "start": 5, "end": 10, "low": 9, "high": 3, "confidence": 1.5}]
    )
    problems = schema.validate("troops", df, "xx 2,400 troops")
    assert any("low > high" in p for p in problems)
    assert any("confidence" in p for p in problems)
    assert any("!=" in p for p in problems)  # the text is not at those offsets
    assert schema.validate("troops", df.drop(columns="actor")) == ["troops: missing column 'actor'"]


def test_unknown_table_is_a_schema_error():
    with pytest.raises(SchemaError, match="unknown fact table 'units'"):
        schema.columns("units")
