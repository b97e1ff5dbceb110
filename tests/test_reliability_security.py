"""Untrusted text (issue 6): article text and metadata are escaped in every HTML page,
file names derived from ids stay in the output directory and never collide silently,
notebook parameters are data, never code."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import nbformat
import pytest
from headless import CHROMIUM, run_chromium
from hypothesis import given, settings
from hypothesis import strategies as st
from papermill.translators import PythonTranslator

from sahel_analysis import reports
from sahel_analysis.cli import main
from sahel_analysis.naming import safe_name

HOSTILE_TEXT = (
    "French troops left Gao for Niamey on Monday. "
    "<script>document.title='PWNED'</script> The army said "
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> it would "
    "go. Read <a href=\"javascript:document.title='PWNED'\">the statement</a> & more.\n\n"
    "\"<script>document.body.setAttribute('data-pwned','2')</script>\", said Colonel Goïta."
)
HOSTILE_META = {
    "id": "../../<script>evil",
    "title": "<script>document.title='PWNED'</script> Gao <b>handover</b>",
    "url": "javascript:document.title='PWNED'",
}
#: A notebook parameter value with quotes, newlines and Python code in it.
CODE_VALUE = (
    'x"""\nimport pathlib; pathlib.Path("{marker}").write_text("ran")\n\'\'\' '
    "\"); __import__('os').system('touch {marker}'); (\" <script>document.title='PWNED'</script>"
)


# --------------------------------------------------------------------------- file names

HOSTILE_IDS = [
    "../../escape",
    "/etc/passwd",
    "a\x00b",
    "x" * 1000,
    "a/b",
    "a_b",
    "a?b",
    "C:\\Windows\\x",
    "..",
    "a_b-00000000",
]


def test_ids_from_metadata_cannot_escape_or_collide(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = []
    for n, ident in enumerate(HOSTILE_IDS):
        path = inputs / f"article{n}.txt"
        path.write_text("French troops left Gao for Niamey.")
        path.with_suffix(".json").write_text(json.dumps({"id": ident}))
        paths.append(str(path))
    out = tmp_path / "deep" / "out"
    assert main(["extract", *paths, "--out", str(out)]) == 0, capsys.readouterr().err
    written = sorted(out.iterdir())
    assert len(written) == len(HOSTILE_IDS)  # two different ids -> two files
    for path in written:
        assert path.parent == out and path.suffix == ".json"
        assert len(path.name) <= 85 and not path.name.startswith(".")
    ids = sorted(json.loads(p.read_text())["id"] for p in written)
    assert ids == sorted(HOSTILE_IDS)  # each file holds its own article
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [p.name for p in written]
        + [Path(p).name for p in paths]
        + [Path(p).with_suffix(".json").name for p in paths]
    )


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_safe_names_stay_inside_and_never_collide(a, b):
    for ident in (a, b):
        name = safe_name(ident)
        assert 0 < len(name) <= 89
        assert set(name) <= set(string.ascii_letters + string.digits + "._-")
        assert not name.startswith((".", "-")) and name not in (".", "..")
    if a != b:
        assert safe_name(a) != safe_name(b)


def test_a_safe_looking_id_cannot_take_another_ids_name():
    hashed = safe_name("a b")
    assert re.fullmatch(r"a_b-[0-9a-f]{8}", hashed)
    assert safe_name(hashed) != hashed


# --------------------------------------------------------------------------- parameters


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_papermill_passes_any_string_as_a_literal(value):
    source = PythonTranslator.codify({"title": value})
    (assignment,) = ast.parse(source).body  # one statement, whatever the value holds
    assert isinstance(assignment, ast.Assign)
    assert ast.literal_eval(assignment.value) == value


# --------------------------------------------------------------------------- rendered reports


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT)
    hostile.with_suffix(".json").write_text(json.dumps(HOSTILE_META))
    empty = tmp / "weather.txt"
    empty.write_text("It rained all afternoon and the market closed early.")
    marker = tmp / "PWNED"
    value = CODE_VALUE.format(marker=marker)
    run = reports.run_reports(
        [hostile, empty],
        out_dir=tmp / "out",
        published="2022-08-17",
        source=value,
        jobs=2,
        progress=False,
        check=False,
    )
    return run, marker, value


@pytest.mark.slow
def test_parameters_with_code_are_passed_as_literals_and_never_run(hostile_run):
    run, marker, value = hostile_run
    assert run.ok, str(run)
    assert not marker.exists()
    for result in run.results:
        nb = nbformat.read(result.notebook, as_version=4)
        (cell,) = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        values = {
            node.targets[0].id: ast.literal_eval(node.value)
            for node in ast.parse(cell.source).body
            if isinstance(node, ast.Assign)
        }
        assert values["source"] == value


@pytest.mark.slow
def test_report_directories_stay_inside_the_output(hostile_run):
    run, _marker, _value = hostile_run
    out = run.index.parent
    for result in run.results:
        assert result.directory.parent == out
        assert result.html.is_file()
    assert not any(p.name == "evil" for p in out.parent.rglob("*"))


@pytest.mark.slow
def test_a_report_with_no_facts_says_so(hostile_run):
    run, _marker, _value = hostile_run
    (weather,) = [r for r in run.results if r.id == "weather"]
    page = weather.html.read_text()
    assert re.search(r"\(17 August 2022\) reports no troop movement\.", page)
    assert "No movements found." in page


def _dump_dom(url: str, profile: Path) -> str:
    done = run_chromium(["--virtual-time-budget=3000", "--dump-dom", url], profile)
    assert done.returncode == 0 and "<body" in done.stdout, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_hostile_text_renders_literally_and_runs_nothing_in_a_browser(hostile_run, tmp_path):
    run, _marker, _value = hostile_run
    (hostile,) = [r for r in run.results if r.id != "weather"]
    for page in (hostile.html, run.index):
        dom = _dump_dom(page.as_uri(), tmp_path / "profile")
        title = re.search(r"<title>(.*?)</title>", dom, re.S)
        assert title is None or "PWNED" not in title.group(1) or "&lt;script" in title.group(1)
        assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # no attribute set
        assert 'data-pwned="' not in dom
        assert not re.search(r"<script[^>]*>\s*document", dom)  # no article script as markup
        assert not re.search(r"<img[^>]+onerror", dom)
        assert not re.search(r"<a\s[^>]*href=\"javascript:", dom, re.I)
        assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom  # shown as text
    dom = _dump_dom(hostile.html.as_uri(), tmp_path / "profile")
    assert "&lt;img src=x onerror=" in dom
    assert "&lt;a href=\"javascript:document.title='PWNED'\"&gt;" in dom
