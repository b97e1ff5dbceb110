"""extract() and ArticleFacts: what an analyst checks on the seed and on new text."""

import json

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sahel_analysis as sa
from sahel_analysis import schema
from sahel_analysis.errors import ParameterError


@pytest.fixture(scope="module")
def seed_facts():
    return sa.extract(sa.read_seed())


def test_every_table_follows_its_declaration_and_cites_its_span(seed_facts):
    assert seed_facts.validate() == []
    text = seed_facts.article.text
    for kind, table in seed_facts.tables():
        assert list(schema.columns(kind)) == [c for c in table.columns if c != "geometry"]
        for row in table.itertuples():
            assert 0 <= row.start <= row.end <= len(text)
            assert row.evidence in text
            assert text[row.start : row.end] in row.evidence or kind == "quotes"
            assert row.doc_id == "000_a3695cdb5900521c"


def test_seed_movements_are_mali_to_niger_for_france_and_european_allies(seed_facts):
    moves = seed_facts.movements.set_index("actor")
    assert set(moves.index) == {"France", "European allies"}
    assert (moves["origin_iso3"] == "MLI").all() and (moves["destination_iso3"] == "NER").all()
    assert (moves.loc["France", "troops_low"], moves.loc["France", "troops_high"]) == (2400, 2400)
    assert moves.loc["European allies", "troops_low"] == 200
    assert moves.loc["European allies", "troops_high"] == 900
    assert set(moves["status"]) == {"announced"}


def test_seed_movements_are_lines_between_mali_and_niger(seed_facts):
    moves = seed_facts.movements
    assert isinstance(moves, gpd.GeoDataFrame) and moves.crs.to_epsg() == 4326
    for line in moves.geometry:
        (x0, y0), (x1, y1) = line.coords
        assert -12 < x0 < 4.5 and 10 < y0 < 25  # in Mali
        assert 0 < x1 < 16 and 11 < y1 < 24  # in Niger


def test_seed_relative_dates_are_resolved_against_publication(seed_facts):
    values = dict(zip(seed_facts.timexes["text"], seed_facts.timexes["value"], strict=True))
    assert values["today"] == "2022-02-17"
    assert values["Wednesday night"] == "2022-02-16"
    assert values["the past nine years"] == "P9Y"
    past = seed_facts.timexes.set_index("text").loc["the past nine years"]
    assert past["interval"] == "2013/2022"


def test_places_are_geocoded_points(seed_facts):
    places = seed_facts.places
    bamako = places[places["name"] == "Bamako"].iloc[0]
    assert bamako["iso3"] == "MLI" and bamako["kind"] == "city"
    assert abs(bamako.geometry.y - 12.65) < 0.2 and abs(bamako.geometry.x + 8.0) < 0.2
    assert "Brussels" not in set(places["name"])  # the outlet's name is no place


def test_json_export_has_the_gold_shape(seed_facts):
    data = json.loads(seed_facts.to_json())
    assert list(data)[:5] == ["id", "source", "published", "title", "url"]
    assert set(schema.FACT_KINDS) <= set(data)
    assert data["published"] == "2022-02-17"
    assert data["source"] == "Brussels Morning Newspaper"
    troop = next(t for t in data["troops"] if t["text"] == "2,400 troops")
    assert (troop["actor"], troop["location_iso3"], troop["low"], troop["high"]) == (
        "France",
        "MLI",
        2400,
        2400,
    )
    assert all(v is None or not (isinstance(v, float) and v != v) for v in troop.values())


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "geojson", "gpkg"])
def test_writers_produce_readable_files(seed_facts, tmp_path, fmt):
    paths = seed_facts.write(tmp_path, fmt)
    assert paths and all(p.exists() for p in paths)
    assert not list(tmp_path.glob(".tmp-*"))
    if fmt == "gpkg":
        layers = {name for name, _ in pyogrio.list_layers(paths[0])}
        assert {"places", "movements", "troops", "events", "timexes", "quotes"} <= layers
        moves = gpd.read_file(paths[0], layer="movements")
        assert set(moves["destination_iso3"]) == {"NER"}
    if fmt == "csv":
        troops = pd.read_csv(tmp_path / "000_a3695cdb5900521c.troops.csv")
        assert "2,400 troops" in set(troops["text"])
    if fmt == "geojson":
        assert {p.name for p in paths} >= {"000_a3695cdb5900521c.movements.geojson"}


def test_unknown_format_is_a_clear_error(seed_facts, tmp_path):
    with pytest.raises(ParameterError, match="format"):
        seed_facts.write(tmp_path, "xlsx")


def test_html_display_escapes_the_article_and_highlights_spans():
    facts = sa.extract(
        '<script>alert(1)</script> French troops left Mali for Niger "today".',
        published="2022-08-15",
    )
    page = facts._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'class="sa-places"' in page and ">Mali</mark>" in page


def test_an_article_with_no_facts_gives_empty_typed_tables():
    facts = sa.extract("The weather was mild and nobody said anything of note.")
    for kind, table in facts.tables():
        assert table.empty
        assert list(schema.columns(kind)) == [c for c in table.columns if c != "geometry"]
    assert json.loads(facts.to_json())["movements"] == []


def test_without_a_publication_date_relative_dates_stay_unresolved():
    facts = sa.extract("French troops left Gao on Monday.")
    row = facts.timexes.iloc[0]
    assert row["text"] == "Monday" and not row["resolved"] and "X" in row["value"]


def test_keyword_metadata_overrides_the_article():
    facts = sa.extract(sa.read_seed(), published="2022-02-18", source="Wire", id="x1")
    assert facts.article.id == "x1" and facts.article.source == "Wire"
    assert "2022-02-18" in set(facts.timexes["value"])  # "today"


def test_a_bad_argument_type_names_the_parameter():
    with pytest.raises(ParameterError, match="article_or_text"):
        sa.extract(42)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400).filter(lambda s: s.strip()))
def test_extract_never_raises_and_offsets_stay_in_bounds(text):
    facts = sa.extract(text, published="2023-07-26")
    article = facts.article.text
    assert facts.validate() == []
    for _kind, table in facts.tables():
        for start, end in zip(table["start"], table["end"], strict=True):
            assert 0 <= start <= end <= len(article)
    for low, high in zip(facts.troops["low"], facts.troops["high"], strict=True):
        assert pd.isna(low) or pd.isna(high) or low <= high


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "French troops left Mali for Niger.",
                "About 1,500 soldiers were based in Niamey.",
                "“We will go,” said Macron.",
                "Wagner arrived in Bamako in December 2021.",
                "The junta in Niamey ordered French forces to leave.",
                "\x00\x07",
                "“unbalanced quote",
                "Col. Goïta took power in a coup in August 2020.",
                "several hundred-strong force",
            ]
        ),
        min_size=1,
        max_size=8,
    )
)
def test_extract_is_robust_on_recombined_news_sentences(sentences):
    facts = sa.extract(" ".join(sentences), published="2023-09-25")
    assert facts.validate() == []


def test_a_text_empty_once_normalised_is_a_clear_error():
    with pytest.raises(ParameterError, match="'text'"):
        sa.extract("\ufeff \r\n")
