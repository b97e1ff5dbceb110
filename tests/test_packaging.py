"""The project's packaging: pyproject and environment.yml agree, entry points work."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower()


def _pyproject_names() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = set()
    for req in project["dependencies"] + project["optional-dependencies"]["test"]:
        names.add(_name(req))
        extras = re.search(r"\[(.*?)\]", req)
        if extras:  # dask[distributed] is two conda packages
            names.update(e.strip().lower() for e in extras.group(1).split(","))
    return names


def _conda_names() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"\s+- ([A-Za-z][\w.-]*)", line)
        if m and m.group(1) not in {"python", "pip"}:
            names.add(m.group(1).lower())
    return names


def test_environment_yml_lists_the_same_packages_as_pyproject():
    assert _pyproject_names() == _conda_names()


def test_environment_yml_installs_the_project():
    assert "- -e ." in (ROOT / "environment.yml").read_text()


def test_python_dash_m_runs_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "sahel_analysis", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    for command in ("extract", "evaluate"):
        assert command in done.stdout
