"""Atomic file writes: write to a temporary file beside the target, then rename.

A reader never sees a half-written file, and an interrupted run leaves at most a
stray ``.tmp-*`` file that the next run overwrites or ignores.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sahel_analysis.errors import OutputError

__all__ = ["atomic_path", "remove_stale", "write_bytes", "write_text"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path; on success it is renamed to ``target``.

    The temporary file sits in the target's directory (same file system), so the
    final ``os.replace`` is atomic. On error the temporary file is removed and the
    target is left as it was. An :class:`OSError` (read-only or full disk, a file
    where a directory should be) is raised as
    :class:`~sahel_analysis.errors.OutputError` naming ``target``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "facts.json"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("{}")
    >>> out.read_text()
    '{}'
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".tmp-{target.stem}-", suffix=target.suffix, dir=target.parent
        )
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from exc
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # writers such as pyogrio refuse to open an existing file
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(target, exc.strerror or str(exc)) from exc
        raise


def write_text(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def remove_stale(directory: str | os.PathLike[str], max_age: float = 3600.0) -> list[Path]:
    """Remove temporary files an interrupted run left in ``directory`` and its subfolders.

    Only ``.tmp-*`` files older than ``max_age`` seconds are removed, so the temporary
    files of a run still writing next to this one are left alone.

    Returns
    -------
    list of Path
        The files removed.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> stale = folder / ".tmp-report-abc.html"
    >>> _ = stale.write_text("half")
    >>> os.utime(stale, (0, 0))
    >>> [p.name for p in remove_stale(folder)]
    ['.tmp-report-abc.html']
    """
    import time

    root = Path(directory)
    if not root.is_dir():
        return []
    cutoff = time.time() - max_age
    removed = []
    for path in root.rglob(".tmp-*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed
