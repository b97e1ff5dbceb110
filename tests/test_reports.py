"""Reports: rendering functions, parameter checks, data files and the parallel runner."""

from __future__ import annotations

import base64
import json
import os
import re

os.environ.setdefault("MPLBACKEND", "agg")

import geopandas as gpd
import nbformat
import pytest

import sahel_analysis as sa
from sahel_analysis import reports
from sahel_analysis.errors import ArticleError, ParameterError, ReportError


@pytest.fixture(scope="module")
def seed_facts():
    return sa.extract(sa.read_seed())


@pytest.fixture
def hostile_facts():
    text = (
        'French troops <script>alert(1)</script> left Mali for Niger. "We go & stay '
        '<b>here</b>", said the minister.'
    )
    return sa.extract(text, source="<i>Outlet</i>", published="2023-10-01", id="x<y>")


def test_summary_paragraph_states_the_movements(seed_facts):
    text = reports.summary_paragraph(seed_facts)
    assert text.startswith("Brussels Morning Newspaper (17 February 2022) reports")
    assert "France (2,400 troops) from Mali to Niger" in text
    assert "European allies (200–900 troops) from Mali to Niger" in text
    assert "Emmanuel Macron is quoted: “We cannot remain militarily engaged" in text


def test_summary_without_facts():
    facts = sa.extract("Nothing happened.")
    assert reports.summary_paragraph(facts) == "An article reports no troop movement."


def test_summary_and_header_escape(hostile_facts):
    summary = reports.summary_html(hostile_facts)
    header = reports.article_header_html(hostile_facts)
    assert "<i>" not in summary + header and "&lt;i&gt;Outlet&lt;/i&gt;" in header


def test_fact_sheet_links_rows_to_evidence(seed_facts):
    sheet = reports.fact_sheet_html(seed_facts)
    targets = set(re.findall(r'href="#([^"]+)"', sheet))
    anchors = set(re.findall(r'<li id="([^"]+)"', sheet))
    assert targets and targets == anchors
    for kind in ("Movements", "Troops", "Events", "Places", "Quotes"):
        assert f"<h3>{kind} (" in sheet
    assert '<mark class="sa-places"' in sheet  # the highlighted article
    # the movement rows link to the sentences they were read from
    movement_rows = re.search(r'<table class="sa-table sa-movements">(.*?)</table>', sheet, re.S)
    links = re.findall(r'href="#[^"]+-s(\d+)"', movement_rows.group(1))
    assert [int(s) for s in links] == seed_facts.movements["sentence"].tolist()


def test_fact_sheet_escapes_everything(hostile_facts):
    sheet = reports.fact_sheet_html(hostile_facts)
    assert "<script>" not in sheet and "<b>here" not in sheet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sheet
    assert 'id="sa-x_y-' in sheet  # the id is made safe for an HTML anchor


def test_write_data_files(tmp_path, seed_facts):
    paths = reports.write_data(seed_facts, tmp_path)
    names = {p.name for p in paths}
    assert {
        "facts.gpkg",
        "movements.geojson",
        "places.geojson",
        "facts.json",
        "movements.csv",
        "troops.csv",
        "events.csv",
        "places.csv",
        "quotes.csv",
    } <= names
    layers = set(gpd.list_layers(tmp_path / "facts.gpkg")["name"])
    assert {"places", "movements", "events", "troops"} <= layers
    moves = gpd.read_file(tmp_path / "movements.geojson")
    assert set(moves["destination_iso3"]) == {"NER"}
    assert moves.geometry.geom_type.eq("LineString").all()
    assert json.loads((tmp_path / "facts.json").read_text())["id"] == seed_facts.article.id
    assert not list(tmp_path.glob(".tmp-*"))
    listing = reports.files_html(tmp_path)
    assert 'href="facts.gpkg"' in listing and "GeoPackage" in listing


def test_write_data_without_movements(tmp_path):
    reports.write_data(sa.extract("Nothing happened."), tmp_path)
    data = json.loads((tmp_path / "movements.geojson").read_text())
    assert data == {"type": "FeatureCollection", "features": []}


def test_templates_and_parameters():
    assert reports.notebook_path("article_report.ipynb").is_file()
    params = reports.notebook_parameters("article")
    assert list(params) == [
        "article",
        "published",
        "source",
        "title",
        "output_dir",
        "extent",
        "model",
        "facts",
    ]
    assert params["extent"]["default"] == '"auto"'
    assert reports.validate_parameters("article", {"extent": "Sahel", "model": ""}) == {
        "extent": "Sahel",
        "model": "",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"zoom": 3},
            r"parameter 'zoom': article_report.ipynb has no such parameter; its "
            r"parameters are: article \(str, default \"\" - article file",
        ),
        ({"extent": 3}, r"parameter 'extent': article_report.ipynb expects str, got int 3"),
        ({"model": True}, r"parameter 'model'.*expects str, got bool"),
        ({"article": "x.txt"}, r"parameter 'article': is set by run_reports"),
        ({"template": "nope"}, r"parameter 'template': 'nope' is neither a known template"),
        ({"jobs": 0}, r"parameter 'jobs'"),
        ({"timeout": -1}, r"parameter 'timeout'"),
    ],
)
def test_run_reports_rejects_bad_parameters_before_any_kernel(tmp_path, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        reports.run_reports(out_dir=tmp_path, **kwargs)
    assert not any(tmp_path.iterdir())  # nothing ran, nothing written


def test_missing_parameter_is_named(tmp_path):
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    cell = nbformat.v4.new_code_cell('article: str = ""')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    path = tmp_path / "custom.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(
        ParameterError,
        match=r"parameter 'output_dir': custom.ipynb does not "
        r"declare it; its parameters are: article",
    ):
        reports.run_reports(out_dir=tmp_path / "out", template=str(path))
    nb.cells[0].metadata["tags"] = []
    nbformat.write(nb, path)
    with pytest.raises(ParameterError, match="no cell tagged 'parameters'"):
        reports.run_reports(out_dir=tmp_path / "out", template=str(path))


def test_missing_article_is_a_clear_error(tmp_path):
    with pytest.raises(ArticleError, match=r"nowhere\.txt: no such file; check the path"):
        reports.run_reports([tmp_path / "nowhere.txt"], out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_published_must_be_a_date(tmp_path):
    with pytest.raises(Exception, match="published"):
        reports.run_reports(out_dir=tmp_path, published="yesterday")


def test_index_escapes_and_links(tmp_path):
    ok = reports.ReportResult("a", tmp_path / "a", ok=True, title="<b>A</b>", source="a.txt")
    bad = reports.ReportResult(
        "b",
        tmp_path / "b",
        title="B",
        source="b.txt",
        cell="In [3] `x = 1`",
        error="ValueError: <nope>",
    )
    page = reports.index_html([ok, bad], tmp_path)
    assert 'href="a/report.html"' in page and "&lt;b&gt;A&lt;/b&gt;" in page
    assert "failed: In [3] `x = 1`: ValueError: &lt;nope&gt;" in page
    assert 'href="b/report.html"' not in page


def test_export_html_has_no_code_and_no_cdn_scripts():
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    cell = nbformat.v4.new_code_cell(
        "secret_code = 1", outputs=[nbformat.v4.new_output("display_data", data={"image/png": png})]
    )
    page = reports.export_html(nbformat.v4.new_notebook(cells=[cell]), "T")
    assert "secret_code" not in page
    assert f'src="data:image/png;base64,{png}' in page
    assert "<script" not in page and "cdnjs" not in page


def _write_article(path, text, published="2023-10-01"):
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".json").write_text(json.dumps({"published": published}))
    return path


@pytest.mark.slow
def test_parallel_run_continues_past_a_failure_and_names_the_cell(tmp_path):
    good = _write_article(tmp_path / "good.txt", "French troops left Niger for Chad.")
    other = _write_article(tmp_path / "other.txt", "Wagner fighters arrived in Mali.")
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    run = reports.run_reports(
        [good, other, empty], out_dir=tmp_path / "out", jobs=2, progress=False, check=False
    )
    assert [r.id for r in run.results] == ["good", "other", "empty"]
    assert [r.ok for r in run.results] == [True, True, False]
    assert "ArticleError" in run.results[2].error
    for r in run.results[:2]:
        for name in (
            "report.ipynb",
            "report.html",
            "movements.png",
            "movements.svg",
            "facts.gpkg",
            "movements.geojson",
            "movements.csv",
            "places.csv",
        ):
            assert (r.directory / name).is_file(), name
    index = run.index.read_text()
    assert 'href="good/report.html"' in index and 'href="other/report.html"' in index
    summary = str(run)
    assert "3 reports" in summary and "2 written, 1 failed" in summary
    assert "FAILED  empty" in summary
    assert _kernels() == [], "a worker left its kernel running"

    # the same articles with an extent the map cannot draw: each report fails at that cell
    with pytest.raises(ReportError) as caught:
        reports.run_reports(
            [good, other], out_dir=tmp_path / "bad", jobs=2, progress=False, extent="Mordor"
        )
    run = caught.value.run
    assert not any(r.ok for r in run.results)
    for r in run.results:
        assert r.cell.startswith("In [") and "maps.movement_map(facts, extent=extent)" in r.cell
        assert r.error.startswith("ParameterError: parameter 'extent': unknown region 'Mordor'")
        assert r.notebook.is_file()  # kept, with the traceback, for the analyst
        assert not r.html.exists()
    assert "maps.movement_map(facts, extent=extent)" in str(caught.value)


def test_cli_report_errors_are_one_line(tmp_path, capsys):
    from sahel_analysis.cli import main

    assert main(["report", str(tmp_path / "nowhere.txt"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nowhere.txt: no such file" in err
    assert err.count("\n") == 1
    assert main(["report", "--template", "corpus-of-nothing", "--out", str(tmp_path)]) == 2
    assert "parameter 'template'" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_report_on_the_seed(tmp_path, capsys):
    from sahel_analysis.cli import main

    status = main(
        [
            "report",
            "--out",
            str(tmp_path),
            "--jobs",
            "1",
            "--no-progress",
            "--extent",
            "Central Sahel",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert "1 report in" in out and "1 written, 0 failed" in out
    (report,) = tmp_path.glob("*/report.html")
    assert "index: " + str(tmp_path / "index.html") in out
    assert report.parent.joinpath("movements.svg").is_file()


@pytest.mark.slow
def test_a_hanging_notebook_times_out_and_names_the_cell(tmp_path):
    notebook = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('article = ""\noutput_dir = ""')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    template = tmp_path / "hang.ipynb"
    nbformat.write(notebook, template)
    run = reports.run_reports(
        out_dir=tmp_path / "out", template=template, timeout=2, progress=False, check=False
    )
    (result,) = run.results
    assert not result.ok
    assert "ran longer than the timeout of 2 s" in result.error
    assert result.cell and "time.sleep(60)" in result.cell
    assert result.seconds < 50


def test_report_kernels_get_the_facts_and_never_load_spacy(tmp_path):
    """run_reports extracts once in its own process; the kernel only reads facts.json."""
    import subprocess
    import sys
    from pathlib import Path

    run = reports.run_reports(out_dir=tmp_path, jobs=1, progress=False)
    (result,) = run.results
    notebook = json.loads((result.directory / "report.ipynb").read_text())
    params = notebook["metadata"]["papermill"]["parameters"]
    assert params["facts"].endswith("facts.json")
    facts = json.loads(Path(params["facts"]).read_text())
    assert {m["destination_iso3"] for m in facts["movements"]} == {"NER"}
    code = "import sys, sahel_analysis, sahel_analysis.maps, sahel_analysis.reports\n"
    code += "print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"


def _kernels() -> list:
    """The ipykernel processes this test process started (any depth)."""
    import psutil

    children = psutil.Process().children(recursive=True)
    return [p for p in children if "ipykernel" in " ".join(p.cmdline())]


def test_a_missing_path_in_a_batch_is_listed_and_the_others_run(tmp_path):
    assert _kernels() == []
    run = reports.run_reports(
        [tmp_path / "nowhere.txt", sa.seed_path()],
        out_dir=tmp_path / "out",
        jobs=1,
        progress=False,
        check=False,
    )
    by_ok = {r.ok: r for r in run.results}
    assert set(by_ok) == {True, False}
    assert "nowhere.txt" in by_ok[False].error and "no such file" in by_ok[False].error
    assert (by_ok[True].directory / "report.html").exists()
    assert _kernels() == [], "run_reports returned with a kernel still running"
