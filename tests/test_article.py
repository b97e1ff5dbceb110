"""Tests of sahel_analysis.article: reading articles and their metadata."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahel_analysis import article as article_module
from sahel_analysis.article import Article, read_article, read_seed, seed_path
from sahel_analysis.errors import ArticleError, ParameterError

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "articles"
SEED = "2022-02-17_france-withdraws-from-mali"

PARAGRAPH = (
    "France’s President Emmanuel Macron announced that French troops would leave Mali.\n"
    "“We cannot remain militarily engaged”, he said – the café in Bamako was quiet.\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------- Article


def test_from_text_default_id_is_sha1_prefix_of_text():
    text = "Niger agreed to host the European forces."
    article = Article.from_text(text)
    assert article.id == "article_" + hashlib.sha1(text.encode()).hexdigest()[:12]
    assert article.content_hash == hashlib.sha256(text.encode()).hexdigest()
    assert article.published is None and article.path is None


def test_from_text_keeps_given_metadata():
    article = Article.from_text(
        "Troops left Gao.", id="gao", published="2022-08-15", source="RFI", title="T", url="u"
    )
    assert (article.id, article.published, article.source, article.title, article.url) == (
        "gao",
        dt.date(2022, 8, 15),
        "RFI",
        "T",
        "u",
    )


@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_from_text_id_ignores_line_ending_style(text):
    unix = Article.from_text(text.replace("\r", ""))
    windows = Article.from_text(text.replace("\r", "").replace("\n", "\r\n"))
    assert unix.id == windows.id
    assert "\r" not in windows.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2022, 2, 17), dt.date(2022, 2, 17)),
        (dt.datetime(2022, 2, 17, 23, 59), dt.date(2022, 2, 17)),
        ("2022-02-17", dt.date(2022, 2, 17)),
        (" 2022-02-17 ", dt.date(2022, 2, 17)),
        (None, None),
    ],
)
def test_published_accepts_dates_datetimes_and_iso_strings(value, expected):
    assert Article("x", id="a", published=value).published == expected
    assert Article.from_text("x", published=value).published == expected


@pytest.mark.parametrize("value", ["17/02/2022", "2022-02-30", "Feb 17 2022", "", 20220217])
def test_bad_published_names_parameter_value_and_format(value):
    with pytest.raises(ParameterError) as info:
        Article.from_text("x", published=value)
    message = str(info.value)
    assert "'published'" in message
    assert repr(value) in message
    assert "YYYY-MM-DD" in message


def test_empty_text_and_bad_id_are_parameter_errors():
    with pytest.raises(ParameterError, match="'text'"):
        Article.from_text("  \n ")
    with pytest.raises(ParameterError, match=r"'text'.*bytes"):
        Article.from_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="'id'"):
        Article("x", id="")


def test_article_is_frozen_and_repr_is_short():
    article = Article.from_text("word " * 1000, id="long")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.id = "other"  # type: ignore[misc]
    assert len(repr(article)) < 120 and "chars=4999" in repr(article)


# --------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoded",
    [
        PARAGRAPH.encode("utf-8"),
        b"\xef\xbb\xbf" + PARAGRAPH.encode("utf-8"),
        PARAGRAPH.encode("utf-16"),
        PARAGRAPH.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf"],
)
def test_unicode_text_files(tmp_path, encoded):
    article = read_article(write(tmp_path, "macron.txt", encoded))
    assert article.text == PARAGRAPH.strip()
    assert article.id == "macron"
    assert article.path == str(tmp_path / "macron.txt")


def test_cp1252_curly_quotes_dashes_and_accents(tmp_path):
    path = write(tmp_path, "legacy.txt", PARAGRAPH.encode("cp1252"))
    assert read_article(path).text == PARAGRAPH.strip()


def test_cp1252_french_text_is_not_read_as_central_european(tmp_path):
    # charset-normalizer alone guesses cp1250 here, which would turn "à" into "ŕ".
    text = "Les soldats quitteront Gao, Ménaka et Gossi à l'été. Où iront-ils ? Au Niger, à Niamey."
    path = write(tmp_path, "fr.txt", text.encode("cp1252"))
    assert read_article(path).text == text


def test_latin1_file(tmp_path):
    text = (
        "Le président a annoncé à Paris le retrait des troupes françaises, déployées depuis 2013."
    )
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    assert read_article(path).text == text


def test_crlf_and_old_mac_line_endings_become_newlines(tmp_path):
    path = write(tmp_path, "a.txt", b"one\r\ntwo\rthree\n")
    assert read_article(path).text == "one\ntwo\nthree"


@pytest.mark.parametrize("name", ["article", "article.TXT", "article.text"])
def test_files_without_extension_or_upper_case_are_text(tmp_path, name):
    article = read_article(write(tmp_path, name, PARAGRAPH))
    assert article.text == PARAGRAPH.strip()
    assert article.id == "article"


# --------------------------------------------------------------------- markdown / front matter


def test_markdown_with_front_matter():
    article = read_article(DATA / "takuba_ends.md")
    assert article.id == "takuba-2022-07-01"
    assert article.source == "Sahel Monitor"
    assert article.published == dt.date(2022, 7, 1)
    assert article.url == "https://example.org/2022/07/takuba-ends"
    assert article.title == "Takuba task force ends its mission in Mali"
    assert article.text.startswith("Takuba task force ends its mission in Mali\n")
    assert "---" not in article.text and "tags" not in article.text
    assert "#" not in article.text and "**" not in article.text
    assert "soldiers from Estonia, Sweden" in article.text  # link syntax dropped
    assert "\nRedeployment to Niger\n" in article.text


def test_front_matter_in_txt(tmp_path):
    path = write(tmp_path, "a.txt", "---\nsource: 'RFI'\npublished: 2023-08-01\n---\nBody text.\n")
    article = read_article(path)
    assert (article.text, article.source, article.published) == (
        "Body text.",
        "RFI",
        dt.date(2023, 8, 1),
    )
    assert article.title is None


def test_front_matter_errors_name_the_line(tmp_path):
    bad_date = write(tmp_path, "d.md", "---\nsource: RFI\npublished: 1 August 2023\n---\nBody\n")
    with pytest.raises(ArticleError, match=r"line 3.*'1 August 2023'.*YYYY-MM-DD") as info:
        read_article(bad_date)
    assert str(bad_date) in str(info.value)
    no_colon = write(tmp_path, "c.md", "---\nsource RFI\n---\nBody\n")
    with pytest.raises(ArticleError, match=r"line 2.*key: value"):
        read_article(no_colon)
    unclosed = write(tmp_path, "u.md", "---\nsource: RFI\nBody\n")
    with pytest.raises(ArticleError, match="never closed"):
        read_article(unclosed)
    only_meta = write(tmp_path, "o.md", "---\nsource: RFI\n---\n\n")
    with pytest.raises(ArticleError, match="no article text"):
        read_article(only_meta)


# --------------------------------------------------------------------- HTML


def test_html_main_text_and_metadata():
    article = read_article(DATA / "niger_us_withdrawal.html")
    assert article.id == "niger_us_withdrawal"
    assert article.title == "United States agrees to withdraw its troops from Niger"
    assert article.published == dt.date(2024, 4, 20)  # article:published_time wins over <time>
    assert article.source == "Sahel Monitor"
    assert article.url == "https://example.org/2024/04/us-niger-withdrawal"
    text = article.text
    assert "The United States has agreed to withdraw more than 1,000 military personnel" in text
    assert "Sahel & beyond" in text and "étape" in text and "Niger's prime minister" in text
    assert "Russian military instructors arrived in Niamey" in text
    for junk in ("NAVSCRIPT", "NAVLINK", "FOOTER", "font-family", "&amp;", "&eacute;"):
        assert junk not in text


def test_html_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    text = read_article(DATA / "niger_us_withdrawal.html").text
    assert "United States agrees to withdraw its troops from Niger" in text
    assert "after the military government in Niamey ended a security agreement" in text
    assert "Sahel & beyond" in text and "étape" in text
    for junk in ("NAVSCRIPT", "NAVLINK", "FOOTER", "font-family", "Mali news"):
        assert junk not in text
    # one paragraph per line, whitespace inside paragraphs collapsed
    lines = text.split("\n")
    assert any(line.startswith("The United States has agreed") for line in lines)
    assert all(line == line.strip() and "  " not in line for line in lines)


def test_html_time_element_and_title_tag_when_no_meta(tmp_path):
    html = (
        "<html><head><title>Wagner arrives in Mali</title></head><body>"
        "<time datetime='2021-12-23T10:00'>23 Dec</time>"
        "<p>Russian instructors arrived in Timbuktu, the army said.</p></body></html>"
    )
    article = read_article(write(tmp_path, "w.htm", html))
    assert article.title == "Wagner arrives in Mali"
    assert article.published == dt.date(2021, 12, 23)
    assert "Russian instructors arrived in Timbuktu" in article.text


def test_html_in_legacy_encoding_uses_declared_charset(tmp_path):
    html = (
        "<html><head><meta charset='windows-1252'></head><body>"
        "<p>Le président a annoncé le départ des troupes – «&nbsp;un retrait ordonné&nbsp;».</p>"
        "</body></html>"
    )
    article = read_article(write(tmp_path, "fr.html", html.encode("cp1252")))
    assert "Le président a annoncé le départ des troupes –" in article.text


def test_empty_html_page_is_an_article_error(tmp_path):
    path = write(tmp_path, "empty.html", "<html><body><nav>Home</nav><script>x()</script></body>")
    with pytest.raises(ArticleError, match="no article text found in the HTML") as info:
        read_article(path)
    assert str(path) in str(info.value)


# --------------------------------------------------------------------- metadata precedence


def test_sidecar_beats_front_matter_and_keywords_beat_sidecar(tmp_path):
    path = write(tmp_path, "a.md", "---\nsource: FM\ntitle: FM title\nid: fm\n---\nBody text.\n")
    sidecar = {"source": "Sidecar", "published": "2022-02-17", "url": None}
    write(tmp_path, "a.json", json.dumps(sidecar))
    article = read_article(path)
    assert (article.id, article.source, article.title, article.published) == (
        "fm",
        "Sidecar",
        "FM title",
        dt.date(2022, 2, 17),
    )
    article = read_article(path, source="Kw", published=dt.date(2022, 3, 1), id="kw", url="U")
    assert (article.id, article.source, article.published, article.url) == (
        "kw",
        "Kw",
        dt.date(2022, 3, 1),
        "U",
    )
    assert article.title == "FM title"


def test_sidecar_beats_html_meta(tmp_path):
    html = (DATA / "niger_us_withdrawal.html").read_bytes()
    path = write(tmp_path, "page.html", html)
    write(tmp_path, "page.json", '{"title": "Own headline", "id": "niger-2024"}')
    article = read_article(path)
    assert (article.title, article.id, article.source) == (
        "Own headline",
        "niger-2024",
        "Sahel Monitor",
    )


def test_keyword_published_is_validated(tmp_path):
    path = write(tmp_path, "a.txt", "Body")
    with pytest.raises(ParameterError, match=r"'published'.*'2022/02/17'.*YYYY-MM-DD"):
        read_article(path, published="2022/02/17")


def test_malformed_sidecar_names_sidecar_and_line(tmp_path):
    path = write(tmp_path, "a.txt", "Body")
    write(tmp_path, "a.json", '{\n  "source": "RFI",\n  "published": 2022-02-17\n}')
    with pytest.raises(ArticleError) as info:
        read_article(path)
    message = str(info.value)
    assert str(tmp_path / "a.json") in message
    assert "a.txt" in message and "line 3" in message


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        ('["not", "an", "object"]', "must be a JSON object"),
        ('{"publisher": "RFI"}', "unknown key.*'publisher'.*allowed keys"),
        ('{"published": "17 Feb 2022"}', "'published'.*YYYY-MM-DD"),
        ('{"source": 3}', "'source' must be a non-empty string"),
    ],
)
def test_invalid_sidecar_content(tmp_path, content, pattern):
    path = write(tmp_path, "a.txt", "Body")
    write(tmp_path, "a.json", content)
    with pytest.raises(ArticleError, match=pattern) as info:
        read_article(path)
    assert str(tmp_path / "a.json") in str(info.value)


# --------------------------------------------------------------------- errors


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(ArticleError, match="no such file; check the path") as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert info.value.path == str(path)


def test_text_passed_as_path_points_to_from_text():
    with pytest.raises(ArticleError, match=r"Article\.from_text"):
        read_article("France will withdraw.\nMacron said so.")


def test_directory(tmp_path):
    write(tmp_path, "one.txt", "Body")
    with pytest.raises(ArticleError, match=r"is a directory.*'one.txt'") as info:
        read_article(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", "Body")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(ArticleError, match="permission denied; make the file readable") as info:
        read_article(path)
    assert str(path) in str(info.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied_for_real(tmp_path):
    path = write(tmp_path, "locked.txt", "Body")
    path.chmod(0)
    try:
        with pytest.raises(ArticleError, match="permission denied"):
            read_article(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    ("data", "pattern"),
    [(b"", r"empty \(0 bytes\)"), (b" \n\r\n\t  \n", "only whitespace")],
)
def test_empty_and_whitespace_only(tmp_path, data, pattern):
    path = write(tmp_path, "blank.txt", data)
    with pytest.raises(ArticleError, match=pattern) as info:
        read_article(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("name", "data", "looks_like"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        ("article.docx", b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        ("article.txt.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip-compressed file"),
        ("dump.txt", b"text\x00with\x00nul\x00bytes", "binary data (it contains NUL bytes)"),
        ("ctrl.txt", bytes(range(1, 9)) * 20, "binary data"),
    ],
)
def test_binary_files_say_what_they_look_like(tmp_path, name, data, looks_like):
    path = write(tmp_path, name, data)
    with pytest.raises(ArticleError, match="looks like") as info:
        read_article(path)
    message = str(info.value)
    assert looks_like in message and "not an article" in message
    assert str(path) in message


def test_undecodable_bytes(tmp_path):
    path = write(tmp_path, "garbage.txt", bytes(range(128, 256)) * 3)
    with pytest.raises(ArticleError, match=r"cannot be decoded.*re-save the file as UTF-8") as info:
        read_article(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("name", ["facts.csv", "notes.rtf2", "a.json"])
def test_unsupported_extension_lists_supported_ones(tmp_path, name):
    path = write(tmp_path, name, "France, Mali, 2022")
    with pytest.raises(ArticleError, match="unsupported file type") as info:
        read_article(path)
    message = str(info.value)
    assert str(path) in message
    assert ".txt" in message and ".md" in message and ".html" in message
    assert "rename it to .txt" in message


def test_path_of_wrong_type():
    with pytest.raises(ParameterError, match=r"'path'.*from_text"):
        read_article(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------- seed


def test_seed_loads_with_its_metadata():
    seed = read_seed()
    assert seed.id == "000_a3695cdb5900521c"
    assert seed.published == dt.date(2022, 2, 17)
    assert seed.source == "Brussels Morning Newspaper"
    assert seed.url is None
    assert seed.text.startswith("Belgium (Brussels Morning Newspaper) France’s President")
    assert seed.text.endswith("emergency reinforcement support.")
    assert "2,400 troops" in seed.text


def test_seed_path_is_the_packaged_copy():
    path = seed_path()
    assert path.is_file()
    assert path.parent == Path(article_module.__file__).resolve().parent / "seeds"
    assert path.with_suffix(".json").is_file()


@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_packaged_seed_is_identical_to_top_level_seeds(suffix):
    top = REPO / "seeds" / f"{SEED}{suffix}"
    packaged = REPO / "sahel_analysis" / "seeds" / f"{SEED}{suffix}"
    assert top.read_bytes() == packaged.read_bytes(), (
        f"{packaged} drifted from {top}; copy seeds/{SEED}.* to sahel_analysis/seeds/"
    )


def test_seed_sidecar_is_valid_metadata():
    meta = json.loads((REPO / "seeds" / f"{SEED}.json").read_text("utf-8"))
    assert set(meta) <= set(article_module.METADATA_KEYS)
    assert meta["published"] == "2022-02-17"


def test_a_gold_or_facts_file_beside_the_article_gives_its_metadata(tmp_path):
    """`evaluate` keeps <id>.json gold files beside <id>.txt; they read as sidecars."""
    (tmp_path / "a1.txt").write_text("French troops left Gao.", encoding="utf-8")
    gold = {
        "id": "a1",
        "published": "2022-08-15",
        "source": "Wire",
        "title": None,
        "url": None,
        "text": "French troops left Gao.",
        "places": [],
        "movements": [],
    }
    (tmp_path / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    article = read_article(tmp_path / "a1.txt")
    assert (article.id, article.source) == ("a1", "Wire")
    assert article.published.isoformat() == "2022-08-15"
