"""The command line as a newcomer uses it: help, the seed by default, clear errors."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sahel_analysis.cli import main

DATA = Path(__file__).parent / "data"


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "sahel_analysis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_extract_with_no_path_prints_the_seed_facts_as_json():
    done = run("extract")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["id"] == "000_a3695cdb5900521c"
    assert {(m["actor"], m["origin_iso3"], m["destination_iso3"]) for m in data["movements"]} == {
        ("France", "MLI", "NER"),
        ("European allies", "MLI", "NER"),
    }


def test_extract_writes_one_file_per_article_and_format(tmp_path, capsys):
    article = tmp_path / "niger.txt"
    article.write_text("The last French soldiers left Niger on Friday.", encoding="utf-8")
    assert (
        main(
            [
                "extract",
                str(article),
                "--published",
                "2023-12-22",
                "--format",
                "csv",
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 0
    )
    assert (tmp_path / "out" / "niger.movements.csv").exists()
    assert "niger.places.csv" in capsys.readouterr().out


def test_every_command_has_help():
    for command in ("extract", "evaluate"):
        done = run(command, "--help")
        assert done.returncode == 0
        assert "--help" in done.stdout and "Usage" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.txt"], "missing.txt"),
        (["extract", "--published", "17/02/2022"], "published"),
        (["extract", "--format", "xlsx", "--out", "x"], "--format"),
        (["evaluate", "nowhere"], "gold_dir"),
    ],
)
def test_bad_input_is_one_line_naming_the_problem(args, message, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sahel_analysis", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ")


def test_debug_shows_the_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sahel_analysis", "--debug", "extract", "missing.txt"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode != 0 and "Traceback" in done.stderr


def test_evaluate_prints_scores_per_kind(tmp_path):
    shutil.copytree(DATA / "seed", tmp_path / "gold")
    done = run("evaluate", str(tmp_path / "gold"))
    assert done.returncode == 0, done.stderr
    assert "precision" in done.stdout and "movements" in done.stdout
    assert "F1 per article" in done.stdout
