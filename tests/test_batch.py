"""Batch extraction on Dask: a real scheduler and workers, idempotency, faults."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sahel_analysis import batch
from sahel_analysis.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev"
DASK = Path(sys.executable).with_name("dask")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
ENV.pop("DASK_SCHEDULER_ADDRESS", None)


def _copy_dev(out: Path, n: int, prefix: str = "") -> list[str]:
    """Copy ``n`` development articles with a metadata sidecar each; return their ids."""
    out.mkdir(parents=True, exist_ok=True)
    ids = []
    for txt in sorted(DEV.glob("*.txt"))[:n]:
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        stem = prefix + txt.stem
        (out / f"{stem}.txt").write_text(txt.read_text(encoding="utf-8"), encoding="utf-8")
        meta = {k: gold.get(k) for k in ("source", "published", "title")}
        (out / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
        ids.append(stem)
    return ids


@pytest.fixture
def corpus(tmp_path):
    """Five good articles and one that is a PNG in disguise."""
    ids = _copy_dev(tmp_path / "news", 5)
    (tmp_path / "news" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return tmp_path / "news", ids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """``dask scheduler`` and ``dask worker`` subprocesses on 127.0.0.1."""

    def __init__(self, n_workers: int = 2) -> None:
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        common = {
            "env": ENV,
            "cwd": ROOT,
            "stdout": subprocess.DEVNULL,
            "stderr": subprocess.DEVNULL,
            "start_new_session": True,
        }
        self.scheduler = subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **common,
        )
        self.workers = [
            subprocess.Popen(
                [
                    str(DASK),
                    "worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--nworkers",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                ],
                **common,
            )
            for _ in range(n_workers)
        ]
        from distributed import Client

        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(n_workers, timeout=120)

    def kill_worker(self, i: int) -> None:
        os.killpg(self.workers[i].pid, signal.SIGKILL)  # nanny and worker at once
        self.workers[i].wait(timeout=30)

    def close(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def cluster():
    c = Cluster(2)
    yield c
    c.close()


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sahel_analysis", *args],
        env=ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _assert_each_once(store: Path, ids: list[str], news: Path | None = None) -> None:
    """Every article is in the store once, with exactly the facts extraction gives it."""
    from sahel_analysis.article import read_article
    from sahel_analysis.facts import extract

    s = open_store(store)
    assert sorted(s.documents["id"]) == sorted(ids)
    counts = {kind: table.groupby("doc_id").size() for kind, table in s.tables()}
    for doc_id in ids if news is not None else []:
        expected = extract(read_article(news / f"{doc_id}.txt")).summary()
        got = {kind: int(counts[kind].get(doc_id, 0)) for kind in expected}
        assert got == expected, doc_id


# ------------------------------------------------------------------ no cluster needed


def test_expand_inputs_walks_directories_and_globs(corpus, tmp_path):
    news, ids = corpus
    (news / ".hidden.txt").write_text("x")
    (news / "sub").mkdir()
    (news / "sub" / "extra.md").write_text("# Extra\n\nTroops left Gao.")
    files, failures = batch.expand_inputs([news, str(news / "*.txt"), tmp_path / "missing"])
    names = [p.name for p in files]
    assert sorted(names) == sorted([f"{i}.txt" for i in ids] + ["broken.txt", "extra.md"])
    assert len(names) == len(set(names))  # a file named twice is taken once
    assert [(f.path, f.reason) for f in failures] == [
        (str(tmp_path / "missing"), "no such file or directory")
    ]
    assert batch.expand_inputs([str(news / "*.nope")])[1][0].reason == (
        "no file matches this pattern"
    )


def test_source_hash_changes_with_content_name_and_sidecar(corpus):
    news, ids = corpus
    path = news / f"{ids[0]}.txt"
    before = batch.source_hash(path)
    (news / f"{ids[0]}.json").write_text(json.dumps({"source": "Another outlet"}))
    assert batch.source_hash(path) != before
    copy = news / "copy.txt"
    copy.write_bytes(path.read_bytes())
    assert batch.source_hash(copy) != batch.source_hash(path)


# ------------------------------------------------------------------ a real cluster


@pytest.mark.slow
def test_cli_ingest_on_a_real_cluster_records_the_bad_article(corpus, cluster, tmp_path):
    news, ids = corpus
    store = tmp_path / "store"
    done = _cli(
        "ingest", str(news), "--store", str(store), "--scheduler", cluster.address, "--no-progress"
    )
    assert done.returncode == 2, done.stderr
    assert "broken.txt" in done.stderr and "PNG" in done.stderr
    assert "1 article(s) could not be ingested" in done.stderr
    assert "5 added, 0 replaced, 0 unchanged, 1 failed" in done.stdout
    _assert_each_once(store, ids, news)
    s = open_store(store)
    assert s.summary()["places"] > 20
    assert set(s.documents["source"].dropna()) >= {"Sahel Wire"}
    failed = s.failures
    assert failed["path"].str.endswith("broken.txt").tolist() == [True]
    assert "PNG" in failed["error"].iloc[0]


@pytest.mark.slow
def test_rerun_adds_nothing_changed_content_replaces_and_force_redoes(corpus, cluster, tmp_path):
    news, ids = corpus
    store = tmp_path / "store"
    first = batch.ingest([news], store, scheduler=cluster.address, progress=False)
    assert sorted(first.added) == sorted(ids) and len(first.failed) == 1
    facts_before = open_store(store).summary()

    again = batch.ingest([news], store, scheduler=cluster.address, progress=False)
    assert (again.added, again.replaced, len(again.skipped)) == ([], [], 5)
    assert open_store(store).summary() == facts_before

    changed = news / f"{ids[0]}.txt"
    changed.write_text("French troops left Mali for Niger on Monday.", encoding="utf-8")
    (news / "broken.txt").unlink()
    third = batch.ingest([news], store, scheduler=cluster.address, progress=False)
    assert (third.added, third.replaced, len(third.skipped)) == ([], [ids[0]], 4)
    s = open_store(store)
    moves = s.movements[s.movements["doc_id"] == ids[0]]
    assert moves[["origin_iso3", "destination_iso3"]].values.tolist() == [["MLI", "NER"]]
    assert len(s.places[s.places["doc_id"] == ids[0]]) == 2  # the old places are gone
    _assert_each_once(store, ids)

    forced = batch.ingest([news], store, scheduler=cluster.address, progress=False, force=True)
    assert sorted(forced.replaced) == sorted(ids) and not forced.added
    _assert_each_once(store, ids)


@pytest.mark.slow
def test_two_ingests_at_once_leave_the_store_consistent(cluster, tmp_path):
    news = tmp_path / "news"
    ids = _copy_dev(news, 8)
    store = tmp_path / "store"
    args = (
        "ingest",
        str(news),
        "--store",
        str(store),
        "--scheduler",
        cluster.address,
        "--no-progress",
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sahel_analysis", *args],
            env=ENV,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    _assert_each_once(store, ids, news)
    # the same facts as one ingest alone
    alone = tmp_path / "alone"
    batch.ingest([news], alone, scheduler=cluster.address, progress=False)
    assert open_store(store).summary() == open_store(alone).summary()


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_article(tmp_path):
    news = tmp_path / "news"
    ids = []
    for copy in range(2):  # 32 articles: time to kill a worker while they run
        ids += _copy_dev(news, 16, prefix=f"c{copy}_")
    store = tmp_path / "store"
    own = Cluster(2)
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sahel_analysis",
                "ingest",
                str(news),
                "--store",
                str(store),
                "--scheduler",
                own.address,
                "--no-progress",
            ],
            env=ENV,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 180
        while len(list((store / "documents").glob("*.parquet"))) < 3:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.1)
        own.kill_worker(0)
        stored_at_kill = len(list((store / "documents").glob("*.parquet")))
        out, err = proc.communicate(timeout=300)
    finally:
        own.close()
    assert proc.returncode == 0, err
    assert stored_at_kill < len(ids)  # the worker died mid-run
    assert f"{len(ids)} added" in out
    _assert_each_once(store, ids, news)


@pytest.mark.slow
def test_default_local_cluster_and_report(corpus, tmp_path):
    news, ids = corpus
    report = batch.ingest([news], tmp_path / "store", workers=1, progress=False)
    assert report.workers == 1
    assert sorted(report.added) == sorted(ids)
    assert [Path(f.path).name for f in report.failed] == ["broken.txt"]
    assert "5 added" in str(report) and not report.ok
