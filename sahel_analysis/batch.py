"""Batch extraction on Dask: many articles into one fact store, incrementally.

:func:`ingest` expands directories and globs into article files, skips the files the
store already holds unchanged, and extracts the rest on a Dask distributed cluster —
a local one sized to the machine by default, or an existing cluster given by its
scheduler address (``scheduler=`` or the ``DASK_SCHEDULER_ADDRESS`` environment
variable). Each worker writes the facts of its article to the store itself
(:func:`sahel_analysis.store.write_article`), so only a small status per article goes
back through the scheduler. A bad article is recorded as a failure and the rest go on;
a worker that dies has its articles run again elsewhere (each write is atomic and keyed
by article id, so a re-run article is still stored once).

Examples
--------
>>> expand_inputs(["no/such/dir"])[1][0].reason
'no such file or directory'
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import logging
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sahel_analysis.article import SUPPORTED_EXTENSIONS, read_article
from sahel_analysis.errors import ArticleError, ParameterError, SahelAnalysisError, StoreError
from sahel_analysis.store import open_store, pipeline_version, record_failure, write_article

__all__ = ["Failure", "IngestReport", "expand_inputs", "ingest", "source_hash"]

_GLOB_CHARS = set("*?[")
_DIR_EXTENSIONS = tuple(e for e in SUPPORTED_EXTENSIONS if e)


@dataclasses.dataclass(frozen=True)
class Failure:
    """An input that could not be ingested.

    Parameters
    ----------
    path : str
        The file (or input argument) that failed.
    reason : str
        What was wrong and what to do about it.
    """

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclasses.dataclass
class IngestReport:
    """What an :func:`ingest` run did.

    Attributes
    ----------
    store : pathlib.Path
        The store written to.
    added, replaced : list of str
        Ids of articles new to the store, and of articles whose facts were replaced
        (changed content, a new pipeline version or ``force``).
    skipped : list of str
        Files already in the store with the same content.
    failed : list of Failure
        Files that could not be ingested, with the reason.
    seconds : float
        Wall-clock time of the run.
    workers : int
        Dask workers used (0 when there was nothing to extract).
    """

    store: Path
    added: list[str] = dataclasses.field(default_factory=list)
    replaced: list[str] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    failed: list[Failure] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0

    @property
    def ok(self) -> bool:
        """True when no article failed."""
        return not self.failed

    def __str__(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.skipped)} unchanged, {len(self.failed)} failed "
            f"in {self.seconds:.1f} s -> {self.store}"
        )


def source_hash(path: str | os.PathLike[str]) -> str:
    """Return the SHA-256 of a file's name, bytes and metadata sidecar.

    Two files with the same bytes but different names get different hashes (the
    name is the default article id); editing the sidecar changes the hash.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Troops left Gao.")
    >>> source_hash(p) == source_hash(p), len(source_hash(p))
    (True, 64)
    """
    p = Path(path)
    digest = hashlib.sha256(p.name.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(p.read_bytes())
    sidecar = p.with_suffix(".json") if p.suffix else p.with_name(p.name + ".json")
    if sidecar.is_file():
        digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    return digest.hexdigest()


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(_DIR_EXTENSIONS):
                yield Path(root) / name


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Failure]]:
    """Expand files, directories and glob patterns into article files.

    Directories are searched recursively for ``.txt``, ``.md`` and ``.html`` files
    (hidden files and directories skipped; ``.json`` sidecars are metadata). A file
    named explicitly is taken whatever its extension, so the reader can refuse it
    with a reason.

    Returns
    -------
    files : list of pathlib.Path
        Absolute paths, each once, in input order.
    failures : list of Failure
        Inputs that name nothing.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    files: dict[Path, None] = {}
    failures = []
    for item in inputs:
        text = os.fspath(item)
        if _GLOB_CHARS & set(text) and not Path(text).exists():
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                failures.append(Failure(text, "no file matches this pattern"))
        else:
            matches = [Path(text)]
        for match in matches:
            if match.is_dir():
                found = list(_walk(match))
                if not found and match == Path(text):
                    failures.append(Failure(text, "directory holds no .txt, .md or .html articles"))
                files.update(dict.fromkeys(p.resolve() for p in found))
            elif match.exists():
                files[match.resolve()] = None
            else:
                failures.append(Failure(text, "no such file or directory"))
    return list(files), failures


def _ingest_one(
    path: str, digest: str, store: str, run_id: str, model: str | None = None
) -> dict[str, Any]:
    """Extract one article and write its facts to the store (runs on a Dask worker).

    Problems with the article itself are recorded as a failure and returned; a store
    that cannot be written raises :class:`StoreError`, so Dask retries the task.
    """
    from sahel_analysis.facts import extract

    try:
        article = read_article(path)
        facts = extract(article, model=model)
        return {
            "path": path,
            "id": article.id,
            "outcome": write_article(store, facts, source_hash=digest, run_id=run_id),
        }
    except (StoreError, OSError):
        raise
    except SahelAnalysisError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
    except Exception as exc:  # an extraction bug must not stop the batch
        reason = (
            f"extraction failed with {type(exc).__name__}: {exc}; please report this "
            "article to the sahel_analysis developers"
        )
    record_failure(store, path, reason, source_hash=digest, run_id=run_id)
    return {"path": path, "id": None, "outcome": "failed", "reason": reason}


def _default_workers(tasks: int) -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory_gb = float(cpus)
    return max(1, min(cpus, int(memory_gb), tasks))


def _client(scheduler: str | None, workers: int | None, tasks: int) -> tuple[Any, int]:
    """Return a connected distributed Client and how many workers it has."""
    from distributed import Client, LocalCluster

    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ParameterError(
                "scheduler",
                f"cannot connect to the Dask scheduler at {address} ({exc}); "
                "check the address and that 'dask scheduler' is running there",
            ) from None
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            client.close()
            raise ParameterError(
                "scheduler",
                f"the Dask scheduler at {address} has no workers after 60 s; "
                f"start some with 'dask worker {address}'",
            ) from None
        return client, len(client.scheduler_info(n_workers=-1)["workers"])
    n = workers if workers else _default_workers(tasks)
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    client._sahel_cluster = cluster  # closed with the client
    return client, n


def _close(client: Any) -> None:
    cluster = getattr(client, "_sahel_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def ingest(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    store: str | os.PathLike[str],
    scheduler: str | None = None,
    workers: int | None = None,
    force: bool = False,
    progress: bool = True,
    model: str | None = None,
    retries: int = 2,
) -> IngestReport:
    """Extract the facts of many articles on Dask into a fact store.

    Parameters
    ----------
    inputs : path, glob or list of them
        Article files, directories (searched recursively) and glob patterns.
    store : path
        Store directory; created if needed. Workers write to it directly, so on a
        multi-machine cluster it must be on a file system every worker mounts at the
        same path (and the article files too).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); default the
        ``DASK_SCHEDULER_ADDRESS`` environment variable, else a local cluster.
    workers : int, optional
        Worker processes of the local cluster (one thread each); default: one per
        CPU core, at most one per GB of memory and per article to extract.
    force : bool, default False
        Extract every article again, even those unchanged since the last run.
    progress : bool, default True
        Show one progress bar over the articles.
    model : str, optional
        spaCy pipeline to add under the rules (must be installed on every worker).
    retries : int, default 2
        Times a task is retried when writing to the store fails. A worker that
        dies has its tasks rescheduled by Dask (``distributed.scheduler.allowed-
        failures``); an article that still fails is reported, never dropped.

    Returns
    -------
    IngestReport

    Raises
    ------
    StoreError
        If the store cannot be created or read.
    ParameterError
        If the scheduler cannot be reached or ``workers`` is not positive.
    """
    from tqdm.auto import tqdm

    if workers is not None and workers < 1:
        raise ParameterError("workers", f"must be at least 1, got {workers}")
    started = time.perf_counter()
    root = Path(store).resolve()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the store directory {root}: {exc}") from exc
    report = IngestReport(store=root)
    run_id = uuid.uuid4().hex
    files, report.failed = expand_inputs(inputs)

    documents = open_store(root).documents
    known_ids = set(documents["id"].dropna())
    current = documents[documents["pipeline_version"] == pipeline_version()]
    unchanged = set() if force else set(current["source_hash"].dropna())

    todo: list[tuple[str, str]] = []
    for path in files:
        try:
            digest = source_hash(path)
        except OSError as exc:
            reason = str(ArticleError(None, f"cannot read: {exc.strerror or exc}"))
            report.failed.append(Failure(str(path), reason))
            record_failure(root, path, reason, run_id=run_id)
            continue
        if digest in unchanged:
            report.skipped.append(str(path))
        else:
            todo.append((str(path), digest))

    bar = tqdm(
        total=len(files),
        unit="article",
        desc="ingest",
        disable=not progress,
        initial=len(files) - len(todo),
    )
    try:
        if todo:
            for result in _run(todo, root, run_id, scheduler, workers, model, retries, report):
                if result["outcome"] == "failed":
                    report.failed.append(Failure(result["path"], result["reason"]))
                elif result["id"] in known_ids:
                    report.replaced.append(result["id"])
                else:
                    report.added.append(result["id"])
                bar.update(1)
                bar.set_postfix(failed=len(report.failed), refresh=False)
    finally:
        bar.close()
    report.seconds = time.perf_counter() - started
    return report


def _run(
    todo: list[tuple[str, str]],
    root: Path,
    run_id: str,
    scheduler: str | None,
    workers: int | None,
    model: str | None,
    retries: int,
    report: IngestReport,
) -> Iterator[dict[str, Any]]:
    """Submit the articles to Dask, a bounded number at a time; yield their statuses."""
    from distributed import as_completed

    client, n_workers = _client(scheduler, workers, len(todo))
    report.workers = n_workers
    try:
        pending = iter(enumerate(todo))
        paths: dict[str, str] = {}
        window = max(32, 8 * max(n_workers, 1))  # keeps the scheduler's task list short

        def submit(queue: as_completed) -> None:
            for i, (path, digest) in pending:
                key = f"sahel-ingest-{run_id}-{i}"
                paths[key] = path
                queue.add(
                    client.submit(
                        _ingest_one,
                        path,
                        digest,
                        str(root),
                        run_id,
                        model,
                        key=key,
                        retries=retries,
                        pure=False,
                    )
                )
                return

        queue = as_completed()
        for _ in range(min(window, len(todo))):
            submit(queue)
        for future in queue:
            path = paths.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # KilledWorker, StoreError after retries, ...
                reason = f"not ingested after {retries} retries: {type(exc).__name__}: {exc}"
                try:
                    record_failure(root, path, reason, run_id=run_id)
                except StoreError as store_exc:
                    reason += f" (and the failure could not be recorded: {store_exc})"
                result = {"path": path, "id": None, "outcome": "failed", "reason": reason}
            future.release()
            submit(queue)
            yield result
    finally:
        _close(client)
