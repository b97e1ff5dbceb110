"""Faults (issue 6): interrupted runs, refused writes, notebooks that fail, hang or kill
their kernel. Nothing half-written is left, nothing is silently dropped.

A Dask worker dying mid-ingest is covered by the store's own test:
tests/test_batch.py::test_a_worker_killed_mid_run_loses_no_article (every article stored
once); a store write that fails leaves the store as it was:
tests/test_store.py::test_failed_write_leaves_the_store_as_it_was.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import geopandas as gpd
import nbformat
import psutil
import pytest

import sahel_analysis as sa
from sahel_analysis import reports, store
from sahel_analysis.cli import main

ARTICLES = {
    "a": "French troops left Gao for Niamey on Monday.",
    "b": "About 1,500 German soldiers left Mali in December 2023.",
    "c": "Wagner fighters arrived in Bamako in December 2021.",
}

# Runs the command line or a store writer, stopping before the file named in
# $SA_PAUSE_ON is renamed into place (its temporary file fully written): the latest,
# most dangerous moment to be killed.
DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(os.environ["SA_PAUSE_ON"]):
            Path(os.environ["SA_PAUSED"]).write_text(str(src))
            time.sleep(300)
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace
    if sys.argv[1] == "cli":
        from sahel_analysis.cli import main

        sys.exit(main(sys.argv[2:]))
    import sahel_analysis as sa
    from sahel_analysis.store import write_article

    for path in sys.argv[3:]:
        write_article(sys.argv[2], sa.extract(sa.read_article(path, published="2024-01-08")))
    """
)


def _write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text)
        paths.append(folder / f"{name}.txt")
    return paths


def _interrupt(tmp_path: Path, args: list[str], pause_on: str, sig: int) -> tuple[int, str, Path]:
    """Run the driver until it is about to rename ``pause_on``, send ``sig``; return
    (exit status, stderr, the temporary file it was about to rename)."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    paused = tmp_path / "paused"
    env = {**os.environ, "SA_PAUSE_ON": pause_on, "SA_PAUSED": str(paused)}
    proc = subprocess.Popen(
        [sys.executable, str(driver), *args],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, cleaned up below
    )
    try:
        deadline = time.monotonic() + 120
        while not paused.exists():
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the run never reached the write"
            time.sleep(0.05)
        temporary = Path(paused.read_text())
        assert temporary.is_file()  # killed in the middle of the job, its file written
        os.killpg(proc.pid, sig)
        status = proc.wait(60)
        return status, proc.stderr.read(), temporary
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_extract_leaves_no_half_written_geopackage(sig, tmp_path):
    paths = _write_articles(tmp_path / "in")
    out = tmp_path / "out"
    args = ["extract", *map(str, paths), "--format", "gpkg", "--out", str(out)]
    status, err, temporary = _interrupt(tmp_path, ["cli", *args], "b.gpkg", sig)
    assert _visible(out) == ["a.gpkg"]  # b was never renamed into place, c never started
    assert len(gpd.list_layers(out / "a.gpkg")) >= 3
    if sig == signal.SIGINT:
        assert status == 130 and err.strip().endswith("aborted")
        assert not temporary.exists() and not any(out.glob(".tmp-*"))  # cleaned up
    else:
        assert status == -signal.SIGKILL
        assert [p.name for p in out.glob(".tmp-*")] == [temporary.name]  # hidden, ignored

    assert main(args) == 0  # the re-run completes the job
    assert _visible(out) == ["a.gpkg", "b.gpkg", "c.gpkg"]  # no duplicates
    for name in _visible(out):
        assert "places" in set(gpd.list_layers(out / name)["name"])


@pytest.mark.slow
def test_a_store_writer_killed_mid_commit_leaves_the_article_out_and_a_rerun_adds_it_once(
    tmp_path,
):
    paths = _write_articles(tmp_path / "in")
    root = tmp_path / "corpus.store"
    args = ["store", str(root), *map(str, paths)]
    status, _err, _temporary = _interrupt(
        tmp_path, args, os.path.join("documents", "b.parquet"), signal.SIGKILL
    )
    assert status == -signal.SIGKILL
    opened = store.open_store(root)
    assert opened.documents["id"].tolist() == ["a"]  # b's facts are not read without it
    for _kind, table in opened.tables():
        assert set(table["doc_id"]) <= {"a"}

    for path in paths:  # the re-run
        store.write_article(root, sa.extract(sa.read_article(path, published="2024-01-08")))
    rerun = store.open_store(root)
    assert rerun.documents["id"].tolist() == ["a", "b", "c"]
    clean = tmp_path / "clean.store"
    for path in paths:
        store.write_article(clean, sa.extract(sa.read_article(path, published="2024-01-08")))
    expected = store.open_store(clean)
    for kind, table in rerun.tables():
        assert len(table) == len(expected.table(kind)), kind  # no duplicate rows


# --------------------------------------------------------------------------- refused writes


def test_a_disk_that_refuses_the_rename_is_reported(tmp_path, capsys, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLES["a"])

    def full(src, dst, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    out = tmp_path / "out"
    assert main(["extract", str(article), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: {out / 'a.json'}: cannot write it (No space left on device); check that "
        "the output directory is writable and has free space, then run again\n"
    )
    assert list(out.iterdir()) == []  # no temporary file left behind either


def test_an_output_directory_that_cannot_be_created_is_reported(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLES["a"])
    (tmp_path / "blocker").write_text("a file where the output directory should be")
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "blocker" / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'blocker' / 'o' / 'a.json'}: cannot write it (")
    assert err.count("\n") == 1

    report = ["report", str(tmp_path / "a.txt"), "--no-progress", "--out"]
    assert main([*report, str(tmp_path / "blocker" / "r")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'blocker' / 'r'}")
    assert "cannot write it" in err and err.count("\n") == 1


def test_atomic_writes_turn_os_errors_into_output_errors(tmp_path, monkeypatch):
    from sahel_analysis.atomic import write_text
    from sahel_analysis.errors import OutputError

    write_text(tmp_path / "keep.txt", "old")
    monkeypatch.setattr(
        os,
        "replace",
        lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied")),
    )
    with pytest.raises(
        OutputError, match=r"keep\.txt: cannot write it \(Permission denied\)"
    ) as info:
        write_text(tmp_path / "keep.txt", "new")
    assert isinstance(info.value, OSError)  # callers catching OSError still do
    assert (tmp_path / "keep.txt").read_text() == "old"
    assert _visible(tmp_path) == ["keep.txt"] and not list(tmp_path.glob(".tmp-*"))


# --------------------------------------------------------------------------- notebooks


def _fault_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    params = nbformat.v4.new_code_cell('article: str = ""\noutput_dir: str = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        params,
        nbformat.v4.new_code_cell(
            "import os, time\nfrom pathlib import Path\nmode = Path(article).read_text().strip()"
        ),
        nbformat.v4.new_code_cell('if mode == "fail":\n    raise ValueError("broken on purpose")'),
        nbformat.v4.new_code_cell('if mode == "hang":\n    time.sleep(600)'),
        nbformat.v4.new_code_cell('if mode == "die":\n    os._exit(1)'),
        nbformat.v4.new_code_cell('print("done", mode)'),
    ]
    nbformat.write(nb, path)
    return path


def _kernels() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


@pytest.mark.slow
def test_notebooks_that_fail_hang_die_or_cannot_be_saved_are_reported_and_cleaned_up(
    tmp_path, monkeypatch
):
    template = _fault_notebook(tmp_path / "faulty.ipynb")
    modes = ["ok", "fail", "hang", "die", "full"]
    for mode in modes:
        (tmp_path / f"{mode}.txt").write_text(mode)
    real_replace = os.replace

    def refuse_full(src, dst, *args, **kwargs):
        if str(dst).endswith(os.path.join("full", "report.html")):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refuse_full)
    started = time.monotonic()
    run = reports.run_reports(
        [tmp_path / f"{mode}.txt" for mode in modes],
        out_dir=tmp_path / "out",
        template=str(template),
        timeout=3,
        jobs=1,  # kernels are this process's children: their cleanup is checked below
        progress=False,
        check=False,
    )
    assert time.monotonic() - started < 90
    results = {r.id: r for r in run.results}
    assert [r.id for r in run.results] == modes
    assert results["ok"].ok and results["ok"].html.is_file()

    fail = results["fail"]
    assert not fail.ok and fail.error == "ValueError: broken on purpose"
    assert fail.cell.startswith("In [") and fail.cell.endswith('`if mode == "fail":`')
    assert fail.notebook.is_file() and not fail.html.exists()  # kept with its traceback

    hang = results["hang"]
    assert not hang.ok and "ran longer than the timeout of 3 s" in hang.error
    assert 'mode == "hang"' in hang.cell or "time.sleep(600)" in hang.cell

    die = results["die"]
    assert not die.ok and "DeadKernelError" in die.error

    full = results["full"]
    assert not full.ok and "No space left on device" in full.error and "report.html" in full.error
    assert not full.html.exists()

    assert "4 failed" in str(run)
    index = run.index.read_text()
    for mode in ("fail", "hang", "die", "full"):
        assert f"<code>{mode}</code>" in index
    deadline = time.monotonic() + 15
    while _kernels() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _kernels() == [], "a kernel outlived its report"
    leftovers = [p for p in (tmp_path / "out").rglob(".*") if p.is_file()]
    assert leftovers == []
