"""Bad and awkward input (issue 6): one-line errors naming the file or parameter,
status 2, no traceback without --debug, and in a batch the rest goes on.

Batches elsewhere: ``report`` on several articles with one unreadable
(tests/test_reports.py::test_parallel_run_continues_past_a_failure_and_names_the_cell) and
``ingest`` with a bad article
(tests/test_batch.py::test_cli_ingest_on_a_real_cluster_records_the_bad_article).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import sahel_analysis as sa
from sahel_analysis.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
GOOD = "French troops left Gao for Niamey on Monday, the army said."


def _cli(args, capsys):
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, what the message must say)."""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\r\n  ")
    (tmp_path / "image.txt").write_bytes(PNG)
    (tmp_path / "paper.pdf").write_bytes(PDF)
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "garbage.txt").write_bytes(bytes(range(128, 256)) * 3)
    (tmp_path / "locked.txt").write_text(GOOD)
    return {
        "empty": (tmp_path / "empty.txt", "the file is empty"),
        "whitespace": (tmp_path / "blank.txt", "only whitespace"),
        "png": (tmp_path / "image.txt", "looks like a PNG image"),
        "pdf": (tmp_path / "paper.pdf", "looks like a PDF document"),
        "directory": (tmp_path / "folder.txt", "is a directory"),
        "missing": (tmp_path / "nowhere.txt", "no such file"),
        "undecodable": (tmp_path / "garbage.txt", "cannot be decoded"),
        "permission": (tmp_path / "locked.txt", "permission denied"),
    }


@pytest.fixture
def deny_locked(monkeypatch):
    """Make reading any file named locked.txt fail as for a chmod 000 file (root reads all)."""
    read_bytes = Path.read_bytes

    def guarded(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)


@pytest.mark.parametrize(
    "case",
    ["empty", "whitespace", "png", "pdf", "directory", "missing", "undecodable", "permission"],
)
def test_each_bad_file_is_one_line_naming_it(case, tmp_path, capsys, deny_locked):
    path, says = _bad_inputs(tmp_path)[case]
    status, out, err = _cli(["extract", str(path)], capsys)
    assert status == 2 and out == ""
    assert err.startswith(f"error: {path}: ") and says in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_batch_goes_on_past_every_kind_of_bad_file(tmp_path, capsys, deny_locked):
    bad = _bad_inputs(tmp_path / "in")
    good = [tmp_path / "in" / "first.txt", tmp_path / "in" / "last.md"]
    for path in good:
        path.write_text(GOOD, encoding="utf-8")
    paths = [good[0], *(p for p, _ in bad.values()), good[1]]
    status, out, err = _cli(
        ["extract", *map(str, paths), "--published", "2022-08-17", "--out", str(tmp_path / "o")],
        capsys,
    )
    assert status == 2
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["first.json", "last.json"]
    assert out.split() == [str(tmp_path / "o" / "first.json"), str(tmp_path / "o" / "last.json")]
    lines = err.splitlines()
    assert len(lines) == len(bad) + 1
    for (path, says), line in zip(bad.values(), lines, strict=False):
        assert line.startswith(f"failed: {path}: ") and says in line
    assert lines[-1] == (
        "error: 8 of 10 article(s) failed (listed above); the facts of the others are in "
        f"{tmp_path / 'o'}"
    )
    facts = json.loads((tmp_path / "o" / "last.json").read_text())
    assert [(m["origin_iso3"], m["destination_iso3"]) for m in facts["movements"]] == [
        ("MLI", "NER")
    ]


@pytest.mark.slow
def test_the_command_line_prints_no_traceback_unless_debug(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD)
    (tmp_path / "image.txt").write_bytes(PNG)
    args = [sys.executable, "-m", "sahel_analysis"]
    batch = ["extract", "ok.txt", "image.txt", "--out", "o"]
    done = subprocess.run(
        args + batch, capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "failed: image.txt: looks like a PNG image, not an article; save the article's text "
        "as .txt (UTF-8), .md or .html and read that file",
        "error: 1 of 2 article(s) failed (listed above); the facts of the others are in o",
    ]
    assert (tmp_path / "o" / "ok.json").is_file()
    debug = subprocess.run(
        [*args, "--debug", "extract", "image.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    assert "ArticleError: image.txt: looks like a PNG image" in debug.stderr


def test_two_files_with_one_id_do_not_overwrite_each_other(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(GOOD)
    a, b = tmp_path / "a" / "same.txt", tmp_path / "b" / "same.txt"
    status, _out, err = _cli(["extract", str(a), str(b), "--out", str(tmp_path / "o")], capsys)
    assert status == 2
    assert f"failed: {b}: article id 'same' is already used by {a}" in err
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["same.json"]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Les troupes françaises ont quitté Gao – « le retrait » coûte 5 € ; “fin”."),
        ("latin-1", "Les troupes françaises ont quitté Gao ; « le retrait » à Ménaka."),
    ],
)
def test_legacy_encodings_are_decoded_not_mangled(encoding, text, tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    status, out, _err = _cli(["extract", str(path)], capsys)
    assert status == 0
    assert json.loads(out)["text"] == text


def test_utf8_with_stray_cp1252_bytes_is_read_as_both(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Les troupes françaises – à Gao. ".encode() + b"Le \x93retrait\x94 est fini.")
    assert sa.read_article(path).text == "Les troupes françaises – à Gao. Le “retrait” est fini."


def _movements(facts):
    return sorted(
        zip(
            facts.movements["actor"],
            facts.movements["origin_iso3"],
            facts.movements["destination_iso3"],
            strict=True,
        )
    )


BODY = (
    "France said on Thursday that its 2,400 troops would leave Mali for Niger.\n\n"
    'President Emmanuel Macron said: "We cannot remain engaged."'
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crlf.txt", BODY.replace("\n", "\r\n").encode()),
        ("bom.txt", b"\xef\xbb\xbf" + BODY.encode()),
        ("utf16.txt", BODY.encode("utf-16")),
        (
            "markdown.md",
            (
                "---\npublished: 2022-02-17\n---\n# France leaves **Mali**\n\n"
                + BODY.replace("Mali for Niger", "[Mali](https://x.org/m) for *Niger*")
            ).encode(),
        ),
        (
            "page.html",
            (
                "<!DOCTYPE html><html><head><title>France &amp; Mali</title>"
                "<style>p{color:red} .x:before{content:'Chad'}</style>"
                "<script>var troops = 'Wagner arrived in Bamako';</script></head><body>"
                "<nav><a href='/'>Home</a> | Sudan news | Chad news</nav>"
                "<article><p>"
                + BODY.replace("\n\n", "</p><p>").replace('"', "&quot;")
                + "</p></article><footer>© Sahel Daily &mdash; Libya desk</footer>"
                "<script>document.title = 'Nigeria';</script></body></html>"
            ).encode(),
        ),
    ],
)
def test_formats_line_endings_and_boms_give_the_same_facts(name, data, tmp_path):
    path = tmp_path / name
    path.write_bytes(data)
    article = sa.read_article(path, published="2022-02-17")
    assert "\r" not in article.text and "\ufeff" not in article.text
    assert "We cannot remain engaged." in article.text
    for boilerplate in (
        "var troops",
        "color:red",
        "Sudan news",
        "Libya desk",
        "**",
        "](",
        "&quot;",
    ):
        assert boilerplate not in article.text
    facts = sa.extract(article)
    plain = sa.extract(BODY, published="2022-02-17")
    assert facts.validate() == []
    assert _movements(facts) == _movements(plain) == [("France", "MLI", "NER")]
    assert set(facts.places["iso3"]) == set(plain.places["iso3"]) == {"FRA", "MLI", "NER"}
    assert facts.quotes["speaker"].tolist() == ["Emmanuel Macron"]


def test_html_entities_are_decoded(tmp_path):
    path = tmp_path / "entities.html"
    path.write_text(
        "<html><body><p>Le retrait fran&ccedil;ais de Gao &amp; M&eacute;naka &ndash; "
        "&laquo;&nbsp;fini&nbsp;&raquo; &#8220;ok&#8221; &lt;script&gt;</p></body></html>"
    )
    text = sa.read_article(path).text
    assert text == "Le retrait français de Gao & Ménaka – « fini » “ok” <script>"


# --------------------------------------------------------------------------- size and emptiness


def test_a_long_article_is_read_in_pieces_with_every_offset_right(tmp_path):
    # benchmarks/bench_large.py measures 5 MB; here 3 pieces of the 50,000-character cut.
    paragraph = (
        "French troops left Gao for Niamey on Monday. About 1,500 soldiers were based in "
        "Niamey. “We will go,” said Macron. Wagner arrived in Bamako in December 2021.\n\n"
    )
    text = paragraph * (130_000 // len(paragraph))
    path = tmp_path / "long.txt"
    path.write_text(text)
    facts = sa.extract(sa.read_article(path, published="2023-01-02"))
    assert facts.validate() == []
    repeats = text.count("French troops left")
    assert len(facts.places) == 4 * repeats  # Gao, Niamey, Niamey, Bamako: none lost at a cut
    sentences = facts.places["sentence"]
    assert sentences.is_monotonic_increasing and sentences.iloc[-1] >= 3 * repeats
    for _kind, table in facts.tables():
        for start, end, evidence in zip(
            table["start"], table["end"], table["evidence"], strict=True
        ):
            assert 0 <= start < end <= len(facts.article.text)
            assert facts.article.text[start:end] in evidence or _kind == "quotes"


def test_an_article_with_no_facts_gives_empty_tables(tmp_path, capsys):
    path = tmp_path / "weather.txt"
    path.write_text("It rained all afternoon and the market closed early.")
    status, out, _err = _cli(["extract", str(path)], capsys)
    assert status == 0
    data = json.loads(out)
    for kind in ("places", "actors", "troops", "timexes", "events", "movements", "quotes"):
        assert data[kind] == [], kind
    from sahel_analysis import reports

    facts = sa.extract(sa.read_article(path))
    assert reports.summary_paragraph(facts) == "An article reports no troop movement."
    sheet = reports.fact_sheet_html(facts)
    assert "No movements found." in sheet and "No places found." in sheet
    # the executed report of an article with no facts: test_reliability_security.py


# --------------------------------------------------------------------------- dates and places


@pytest.mark.parametrize(
    "value", ["2023-02-30", "2023-13-01", "17/02/2022", "yesterday", "2023-1-5"]
)
def test_an_invalid_published_date_names_the_parameter(value, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    status, out, err = _cli(["extract", str(path), "--published", value], capsys)
    assert status == 2 and out == ""
    assert err.startswith("error: parameter 'published': ") and repr(value) in err
    assert "YYYY-MM-DD" in err and err.count("\n") == 1


def test_a_future_publication_date_is_used_with_a_warning(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("French troops left Gao on Monday.")
    status, out, err = _cli(["extract", str(path), "--published", "2099-01-01"], capsys)
    assert status == 0
    assert err.startswith(f"warning: {path}: publication date 2099-01-01 is in the future")
    assert [t["value"] for t in json.loads(out)["timexes"]] == ["2098-12-29"]


@pytest.mark.parametrize(
    "text",
    [
        "French troops moved from Bamakko to Niamy on Monday.",
        "The soldiers were redeployed to Ouagadougu in Burkina Fasso.",
        "Troops left Gao for the Republic of Zembla and Wakanda.",
        "Les soldats ont quitté Tombouctou pour Niamey.",
    ],
)
def test_unknown_and_misspelled_places_never_crash(text):
    facts = sa.extract(text, published="2023-01-02")
    assert facts.validate() == []
    assert facts.places["iso3"].dropna().isin(["MLI", "NER", "BFA"]).all()


def test_unknown_places_are_kept_flagged_unresolved():
    facts = sa.extract("French troops moved from Gao to Zembla.", published="2023-01-02")
    unresolved = facts.places[facts.places["resolved"].eq(False)]
    assert unresolved["text"].tolist() == ["Zembla"]
