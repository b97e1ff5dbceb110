"""The notebooks: well-formed templates, executed by papermill, opened by a browser and
served by JupyterLab."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "agg")

import nbformat
import papermill
import pytest
from headless import CHROMIUM, run_chromium

from sahel_analysis import reports

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PACKAGED = ROOT / "sahel_analysis" / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("name", ["article_report.ipynb", "explore.ipynb"])
def test_notebook_is_a_clean_template(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "outputs stored in git"
            assert "def " not in cell.source and "for " not in cell.source, "logic in notebook"


def test_packaged_notebooks_are_identical_copies():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        copy = PACKAGED / path.name
        assert copy.is_file() and copy.read_bytes() == path.read_bytes(), (
            f"sahel_analysis/notebooks/{path.name} differs from notebooks/{path.name}; "
            f"run: cp notebooks/{path.name} sahel_analysis/notebooks/"
        )


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    run = reports.run_reports(out_dir=out, jobs=1, progress=False)
    (result,) = run.results
    return result


@pytest.mark.slow
def test_seed_report_end_to_end(seed_report):
    d = seed_report.directory
    for name in (
        "report.ipynb",
        "report.html",
        "movements.png",
        "movements.svg",
        "facts.gpkg",
        "movements.geojson",
        "movements.csv",
        "troops.csv",
        "events.csv",
        "places.csv",
        "quotes.csv",
        "index.html",
    ):
        assert (d / name).is_file() or (d.parent / name).is_file(), name
    nb = nbformat.read(d / "report.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters["article"].endswith(
        "2022-02-17_france-withdraws-from-mali.txt"
    )
    assert not [
        c for c in nb.cells if c.get("outputs") and any(o.output_type == "error" for o in c.outputs)
    ]
    page = (d / "report.html").read_text()
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)
    assert '<table class="sa-table sa-movements">' in page
    for heading in (
        "Summary",
        "Troop movements",
        "Timeline",
        "Facts and their evidence",
        "Data files",
    ):
        assert f">{heading}<" in page
    assert "France (2,400 troops) from Mali to Niger" in page
    for code in ("maps.movement_map", "from sahel_analysis import", 'class="jp-CodeMirrorEditor'):
        assert code not in page, f"code in the HTML: {code}"
    assert 'href="facts.gpkg"' in page and 'href="movements.geojson"' in page
    index = (d.parent / "index.html").read_text()
    assert f'href="{d.name}/report.html"' in index


@pytest.mark.slow
def test_explore_notebook_runs(tmp_path):
    nb = papermill.execute_notebook(
        str(NOTEBOOKS / "explore.ipynb"),
        str(tmp_path / "explore.ipynb"),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=300,
        cwd=str(tmp_path),
    )
    text = json.dumps(nb.cells[-1].outputs)
    assert "Brussels Morning Newspaper" in text


def _png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _chromium(args, tmp_path):
    profile = tmp_path / f"profile-{secrets.token_hex(4)}"
    return run_chromium(["--enable-logging=stderr", "--v=0", *args], profile)


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does it)"
)
def test_report_opens_in_a_headless_browser(seed_report, tmp_path):
    page = seed_report.html
    url = page.as_uri()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seed_report.png"
    shot.unlink(missing_ok=True)
    done = _chromium(
        ["--hide-scrollbars", "--window-size=1280,2400", f"--screenshot={shot}", url], tmp_path
    )
    assert shot.is_file(), done.stderr[-2000:]
    assert _png_size(shot.read_bytes())[0] == 1280

    dom = _chromium(["--dump-dom", url], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Uncaught" not in dom.stderr, "script errors on the page"
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([^"]+)"', dom.stdout)
    assert images, "no embedded map image in the rendered page"
    assert all(_png_size(base64.b64decode(data))[0] > 0 for data in images)
    table = re.search(r'<table class="sa-table sa-movements">.*?</table>', dom.stdout, re.S)
    assert table and table.group(0).count("<tr>") >= 3  # header + the two movements

    # The browser decodes every image (naturalWidth > 0): a copy of the page records it.
    probe = tmp_path / "probe.html"
    probe.write_text(
        page.read_text().replace(
            "</body>",
            (
                "<script>window.addEventListener('load', function () {"
                "document.body.setAttribute('data-widths', Array.from(document.images)"
                ".map(function (i) { return i.naturalWidth; }).join(','));});</script></body>"
            ),
        )
    )
    dom = _chromium(["--virtual-time-budget=5000", "--dump-dom", probe.as_uri()], tmp_path)
    widths = re.search(r'data-widths="([\d,]*)"', dom.stdout)
    assert widths, dom.stderr[-2000:]
    assert widths.group(1) and all(int(w) > 0 for w in widths.group(1).split(","))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.slow
def test_jupyterlab_serves_the_notebooks(tmp_path):
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "jupyter lab did not start within 90 s"
            time.sleep(0.5)
        assert _get(f"{base}/api/contents/notebooks")[0] == 403  # the token is required
        status, body = _get(f"{base}/api/contents/notebooks?token={token}")
        assert status == 200
        names = {item["name"] for item in json.loads(body)["content"]}
        assert {"article_report.ipynb", "explore.ipynb"} <= names
        status, body = _get(f"{base}/api/contents/notebooks/article_report.ipynb?token={token}")
        model = json.loads(body)
        assert status == 200 and model["type"] == "notebook"
        assert model["content"]["metadata"]["kernelspec"]["name"] == "python3"
        status, body = _get(f"{base}/lab/tree/notebooks/article_report.ipynb?token={token}")
        assert status == 200 and b"JupyterLab" in body
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
