"""The fact store: round trip, filters, exports, atomic and consistent writes."""

import csv
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.dataset as ds
import pyogrio
import pytest
from shapely.geometry import LineString, Point

from sahel_analysis import schema
from sahel_analysis.errors import ArticleError, ParameterError, StoreError
from sahel_analysis.store import (
    ACLED_COLUMNS,
    GEO_KINDS,
    open_report_store,
    open_store,
    record_failure,
    write_tables,
)

ROOT = Path(__file__).resolve().parents[1]
MALI, NIGER = Point(-2.0, 17.0), Point(8.0, 17.0)
NAMES = {"MLI": "Mali", "NER": "Niger"}


def _geo(kind, records, geometry):
    return gpd.GeoDataFrame(schema.to_frame(kind, records), geometry=geometry, crs="EPSG:4326")


def _article(
    doc_id,
    *,
    actor="France",
    origin="MLI",
    dest="NER",
    low=2400,
    high=2400,
    event_place="Gao",
    event_iso3="MLI",
    date="2022-02-17",
):
    """Hand-made fact tables of one article about a movement."""
    prov = {
        "doc_id": doc_id,
        "sentence": 0,
        "start": 0,
        "end": 4,
        "evidence": "...",
        "confidence": 0.9,
    }
    return {
        "places": _geo(
            "places",
            [
                {
                    **prov,
                    "text": "Mali",
                    "name": "Mali",
                    "kind": "country",
                    "iso3": "MLI",
                    "lat": 17.0,
                    "lon": -2.0,
                },
                {
                    **prov,
                    "text": NAMES[dest],
                    "name": NAMES[dest],
                    "kind": "country",
                    "iso3": dest,
                    "lat": 17.0,
                    "lon": 8.0,
                },
            ],
            [MALI, NIGER],
        ),
        "actors": schema.to_frame(
            "actors",
            [{**prov, "text": actor, "actor": actor, "actor_kind": "state", "iso3": "FRA"}],
        ),
        "troops": schema.to_frame(
            "troops",
            [
                {
                    **prov,
                    "text": f"{low} troops",
                    "actor": actor,
                    "location_iso3": origin,
                    "low": low,
                    "high": high,
                    "as_of": date,
                }
            ],
        ),
        "timexes": schema.to_frame("timexes", [{**prov, "text": "Feb", "value": date}]),
        "events": _geo(
            "events",
            [
                {
                    **prov,
                    "text": "left",
                    "type": "withdrawal",
                    "actor": actor,
                    "location_iso3": event_iso3,
                    "location": event_place,
                    "date": date,
                    "status": "completed",
                }
            ],
            [Point(0.0, 16.3)],
        ),
        "movements": _geo(
            "movements",
            [
                {
                    **prov,
                    "text": "left",
                    "actor": actor,
                    "origin_iso3": origin,
                    "destination_iso3": dest,
                    "troops_low": low,
                    "troops_high": high,
                    "status": "completed",
                    "date_start": date,
                }
            ],
            [LineString([MALI, NIGER])],
        ),
        "quotes": schema.empty_frame("quotes"),
    }


def _doc(source, published, path=None):
    return {
        "source": source,
        "published": published,
        "path": path,
        "content_hash": "h",
        "source_hash": f"{source}-{published}",
    }


@pytest.fixture
def store(tmp_path):
    root = tmp_path / "store"
    write_tables(root, "a1", _article("a1"), _doc("Sahel Wire", "2022-02-17"))
    write_tables(
        root,
        "a2",
        _article("a2", low=5000, high=5500, date="2022-02-20"),
        _doc("Niamey Tribune", "2022-02-21"),
    )
    write_tables(
        root,
        "b1",
        _article(
            "b1",
            actor="Wagner Group",
            origin="CAF",
            dest="MLI",
            low=1000,
            high=1000,
            event_place=None,
            event_iso3="MLI",
            date="2021-12",
        ),
        _doc("Bamako Hebdo", "2021-12-24"),
    )
    return root


def test_round_trip_keeps_tables_types_and_geometry(store):
    s = open_store(store)
    assert sorted(s.documents["id"]) == ["a1", "a2", "b1"]
    assert (s.documents["status"] == "ok").all()
    assert s.documents["published"].dt.year.tolist() == [2022, 2022, 2021]
    for kind, table in s.tables():
        assert (
            schema.validate(kind, pd.DataFrame(table.drop(columns="geometry", errors="ignore")))
            == []
        )
        assert isinstance(table, gpd.GeoDataFrame) == (kind in GEO_KINDS)
    assert s.summary() == {
        "places": 6,
        "actors": 3,
        "troops": 3,
        "timexes": 3,
        "events": 3,
        "movements": 3,
        "quotes": 0,
    }
    assert s.movements.crs.to_string() == "EPSG:4326"
    assert s.movements.geometry.iloc[0].equals(LineString([MALI, NIGER]))
    assert s.troops.set_index("doc_id").loc["a2", "low"] == 5000


def test_tables_are_plain_parquet_datasets(store):
    places = gpd.read_parquet(store / "places")
    assert len(places) == 6 and places.crs.to_string() == "EPSG:4326"
    assert ds.dataset(store / "troops").to_table().num_rows == 3
    assert pd.read_parquet(store / "documents")["id"].nunique() == 3


def test_duckdb_reads_the_store(store):
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.sql(
        f"select actor, sum(low) from read_parquet('{store}/troops/*.parquet') "
        "group by actor order by actor"
    ).fetchall()
    assert rows == [("France", 7400), ("Wagner Group", 1000)]


def test_replacing_an_article_removes_its_old_facts(store):
    tables = _article("a1")
    tables["movements"] = tables["movements"].iloc[0:0]
    assert write_tables(store, "a1", tables, _doc("Sahel Wire", "2022-02-17")) == "replaced"
    s = open_store(store)
    assert "a1" not in set(s.movements["doc_id"])
    assert not (store / "movements" / "a1.parquet").exists()
    assert s.documents["id"].tolist().count("a1") == 1


def test_orphan_and_temporary_files_are_not_read(store):
    # what a crash leaves: facts without a document row, and a half-written file
    write_tables(store, "zz", _article("zz"), _doc("X", "2022-01-01"))
    (store / "documents" / "zz.parquet").unlink()
    (store / "places" / ".tmp-a1.parquet-x").write_bytes(b"PAR1 half written")
    s = open_store(store)
    assert "zz" not in set(s.places["doc_id"])
    assert len(s.places) == 6
    removed = s.vacuum(min_age=0)
    assert {p.name for p in removed} >= {"zz.parquet", ".tmp-a1.parquet-x"}


def test_failed_write_leaves_the_store_as_it_was(store, monkeypatch):
    before = open_store(store).movements.copy()

    import pyarrow.parquet as pq

    real, calls = pq.ParquetWriter.write_table, []

    def refuse_the_third(self, *args, **kwargs):  # after two files are written
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", refuse_the_third)
    with pytest.raises(StoreError, match="No space left"):
        write_tables(store, "a1", _article("a1", low=1), _doc("Sahel Wire", "2022-02-17"))
    monkeypatch.undo()
    after = open_store(store)
    pd.testing.assert_frame_equal(pd.DataFrame(after.movements), pd.DataFrame(before))
    assert not [p for p in store.rglob(".tmp-*")]


def test_two_files_with_one_id_in_one_run_are_refused(tmp_path):
    write_tables(tmp_path, "x", _article("x"), _doc("A", "2022-01-01", "/a/x.txt"), run_id="r")
    with pytest.raises(ArticleError, match=r"already used by /a/x\.txt"):
        write_tables(tmp_path, "x", _article("x"), _doc("B", "2022-01-01", "/b/x.txt"), run_id="r")
    assert open_store(tmp_path).documents["source"].tolist() == ["A"]


def test_failures_are_listed_apart_and_cleared_by_a_good_ingest(tmp_path):
    record_failure(tmp_path, "/in/bad.txt", "is empty; put the article text in it")
    s = open_store(tmp_path)
    assert s.failures[["path", "error"]].values.tolist() == [
        ["/in/bad.txt", "is empty; put the article text in it"]
    ]
    assert s.documents.empty
    write_tables(tmp_path, "bad", _article("bad"), _doc("A", "2022-01-01", "/in/bad.txt"))
    assert open_store(tmp_path).failures.empty


def test_filter_by_date_source_country_and_actor(store):
    s = open_store(store)
    assert sorted(s.filter(date_from="2022-01-01").documents["id"]) == ["a1", "a2"]
    assert s.filter(date_to="2021-12-31").documents["id"].tolist() == ["b1"]
    assert s.filter(sources="niamey tribune").documents["id"].tolist() == ["a2"]
    wagner = s.filter(actors=["Wagner Group"])
    assert set(wagner.movements["actor"]) == {"Wagner Group"}
    assert wagner.documents["id"].tolist() == ["b1"]
    # by ISO3 or by the name the places table gives the country
    for niger in ("NER", "Niger", "niger"):
        view = s.filter(countries=niger)
        assert set(view.movements["doc_id"]) == {"a1", "a2"}
        assert set(view.places["iso3"]) == {"NER"}
    both = s.filter(countries="MLI", actors="France", date_from="2022-02-18")
    assert both.documents["id"].tolist() == ["a2"]
    assert both.filters == {"date_from": "2022-02-18", "countries": ["MLI"], "actors": ["France"]}
    assert s.filter(countries="TCD").summary() == dict.fromkeys(schema.FACT_KINDS, 0)


def test_filter_rejects_bad_dates(store):
    with pytest.raises(ParameterError, match="date_from"):
        open_store(store).filter(date_from="last spring")
    with pytest.raises(ParameterError, match="after date_to"):
        open_store(store).filter(date_from="2023-01-01", date_to="2022-01-01")


def test_open_store_names_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="sahel-analysis ingest"):
        open_store(tmp_path / "nope")


def test_to_gpkg_has_a_layer_per_table(store, tmp_path):
    out = open_store(store).to_gpkg(tmp_path / "corpus.gpkg")
    layers = dict(pyogrio.list_layers(out))
    assert layers["movements"] == "LineString" and layers["places"] == "Point"
    assert {
        "actors",
        "troops",
        "timexes",
        "documents",
        "movements_reconciled",
        "troop_levels",
    } <= set(layers)
    moves = gpd.read_file(out, layer="movements_reconciled")
    assert moves.crs.to_string() == "EPSG:4326"
    assert '"Sahel Wire"' in moves.loc[moves["actor"] == "France", "sources"].iloc[0]
    assert not list(tmp_path.glob(".tmp-*"))


def test_to_acled_csv_columns_and_values(store, tmp_path):
    out = open_store(store).to_acled_csv(tmp_path / "acled.csv")
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == 3
    gao = next(r for r in rows if r["notes"].endswith("[a1]"))
    assert gao["event_date"] == "2022-02-17" and gao["time_precision"] == "1"
    assert gao["event_type"] == "Strategic developments"
    assert gao["actor1"] == "France" and gao["country"] == "Mali"
    assert gao["location"] == "Gao" and gao["geo_precision"] == "1"
    assert (float(gao["latitude"]), float(gao["longitude"])) == (16.3, 0.0)
    assert gao["source"] == "Sahel Wire" and gao["notes"].startswith("withdrawal (completed)")
    wagner = next(r for r in rows if r["actor1"] == "Wagner Group")
    assert wagner["event_date"] == "2021-12-01" and wagner["time_precision"] == "3"
    assert wagner["geo_precision"] == "3" and wagner["location"] == "Mali"


def test_store_reconciles_movements_and_troop_levels(store):
    s = open_store(store)
    merged = s.movements_reconciled()
    france = merged[merged["actor"] == "France"].iloc[0]
    assert france["n_reports"] == 2 and france["sources"] == ["Niamey Tribune", "Sahel Wire"]
    assert bool(france["conflict"])  # 2,400 vs 5,000-5,500
    assert set(s.troop_levels()["actor"]) == {"France", "Wagner Group"}
    assert s.conflicts()["kind"].tolist() == ["movement"]
    assert s.source_counts().loc["Sahel Wire", "articles"] == 1


_WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tests!r})
    from test_store import _article, _doc
    from sahel_analysis.store import write_tables
    for round_ in range(3):
        for i in range(8):
            write_tables({store!r}, f"n{{i}}", _article(f"n{{i}}", low=100 + i),
                         _doc(sys.argv[1], "2022-03-01"))
""")


@pytest.mark.slow
def test_two_writers_at_once_leave_every_article_once_and_whole(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(
        _WRITER.format(root=str(ROOT), tests=str(ROOT / "tests"), store=str(tmp_path / "s"))
    )
    procs = [subprocess.Popen([sys.executable, str(script), name]) for name in ("A", "B")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    s = open_store(tmp_path / "s")
    assert sorted(s.documents["id"]) == sorted(f"n{i}" for i in range(8))
    for kind, table in s.tables():
        if kind != "quotes":
            assert table.groupby("doc_id").size().eq(2 if kind == "places" else 1).all(), kind
    # each article's tables and document row come from one writer
    assert set(s.documents["source"]) <= {"A", "B"}


def test_reconciled_view_draws_on_the_article_maps(store):
    import matplotlib

    matplotlib.use("agg")
    from sahel_analysis import maps

    view = open_store(store).reconciled()
    assert len(view.movements) == 2  # a1 and a2 merged
    assert view.events["sources"].tolist() == [["Sahel Wire"], ["Niamey Tribune"], ["Bamako Hebdo"]]
    assert view.places.duplicated(subset=["name", "iso3"]).sum() == 0
    ax = maps.movement_map(view)
    assert any(str(a.get_gid()).startswith("movement:") for a in ax.get_children())
    assert maps.timeline(view).get_yticklabels()


def test_report_data_files_and_header(store, tmp_path):
    s = open_store(store).filter(countries="Mali")
    written = s.write_report_data(tmp_path / "out")
    assert {p.name for p in written} == {
        "corpus.gpkg",
        "acled.csv",
        "movements_reconciled.csv",
        "troop_levels.csv",
        "conflicts.csv",
        "sources.csv",
        "documents.csv",
    }
    conflicts = pd.read_csv(tmp_path / "out" / "conflicts.csv")
    assert conflicts["figures"].tolist() == ["Sahel Wire: 2,400; Niamey Tribune: 5,000–5,500"]
    header = s.header_html()
    assert "3 articles" in header and "countries: Mali" in header


def test_open_report_store_takes_notebook_parameters(store):
    assert open_report_store([str(store)], countries=[], actors=["France"]).filters == {
        "actors": ["France"]
    }
    with pytest.raises(ParameterError, match="store"):
        open_report_store("")


@pytest.mark.slow
def test_corpus_report_template_runs_on_a_store(store, tmp_path):
    from sahel_analysis import reports

    run = reports.run_reports(
        [store],
        out_dir=tmp_path / "out",
        template="corpus",
        progress=False,
        date_from="2022-01-01",
        actors=["France"],
    )
    out = tmp_path / "out" / "corpus_report"
    assert run.ok, str(run)
    assert {
        "report.html",
        "movements.png",
        "troop_levels.png",
        "timeline.png",
        "corpus.gpkg",
        "acled.csv",
        "conflicts.csv",
    } <= {p.name for p in out.iterdir()}
    page = (out / "report.html").read_text()
    assert "2 articles" in page and "Niamey Tribune" in page and "5,000–5,500" in page


def test_two_ids_sharing_a_file_name_are_refused_not_overwritten(tmp_path, monkeypatch):
    from sahel_analysis import store as store_module
    from sahel_analysis.errors import StoreError

    # force the (astronomically rare) case of two ids whose safe names collide
    monkeypatch.setattr(store_module, "safe_name", lambda _id: "same-name")
    store_module.write_tables(tmp_path, "first", {}, {"source": "A"})
    with pytest.raises(StoreError, match="same store file"):
        store_module.write_tables(tmp_path, "second", {}, {"source": "B"})
    assert list(store_module.open_store(tmp_path).documents["id"]) == ["first"]
