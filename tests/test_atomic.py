"""Atomic writes: a reader never sees half a file."""

import pytest

from sahel_analysis.atomic import atomic_path, write_bytes, write_text


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "facts.json"
    write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.json"]


def test_the_temporary_file_keeps_the_extension_and_directory(tmp_path):
    target = tmp_path / "sub" / "facts.gpkg"
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp.suffix == ".gpkg"
        tmp.write_bytes(b"x")
    assert target.read_bytes() == b"x"


def test_write_bytes_replaces_atomically(tmp_path):
    target = write_bytes(tmp_path / "a.bin", b"1")
    write_bytes(target, b"2")
    assert target.read_bytes() == b"2"


def test_stale_temporary_files_are_removed_but_fresh_ones_kept(tmp_path):
    import os

    from sahel_analysis.atomic import remove_stale

    (tmp_path / "a").mkdir()
    stale = tmp_path / "a" / ".tmp-report-x.html"
    fresh = tmp_path / ".tmp-facts-y.json"
    for path in (stale, fresh):
        path.write_text("half")
    os.utime(stale, (0, 0))
    assert remove_stale(tmp_path) == [stale]
    assert fresh.exists() and not stale.exists()
    (tmp_path / "report.html").write_text("kept")
    assert remove_stale(tmp_path, max_age=0) == [fresh]
    assert (tmp_path / "report.html").exists()
