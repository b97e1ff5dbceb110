"""File names derived from untrusted article ids stay inside the output directory."""

import pytest

from sahel_analysis.naming import safe_name


@pytest.mark.parametrize(
    "identifier",
    ["../../etc/passwd", "/abs/path", "a\x00b", "..", ".hidden", "x" * 500, "C:\\win\\x", "é/è"],
)
def test_hostile_ids_become_plain_file_names(identifier, tmp_path):
    name = safe_name(identifier)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and 0 < len(name) <= 80
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_safe_ids_are_kept_and_different_ids_never_collide():
    assert safe_name("000_a3695cdb5900521c") == "000_a3695cdb5900521c"
    assert safe_name("a/b") != safe_name("a_b") != safe_name("a?b")
    assert safe_name("x" * 300) != safe_name("x" * 301)
