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
