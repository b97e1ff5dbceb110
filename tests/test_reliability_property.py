"""Property-based tests on the reader and the extractor (issue 6): arbitrary Unicode,
control characters and very long tokens never raise, every offset is in bounds and
every row's evidence holds its text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sahel_analysis as sa
from sahel_analysis.errors import ArticleError, ParameterError

NEWS = [
    "French troops left Gao for Niamey on Monday.",
    "About 1,500 soldiers were based in Niamey.",
    "“We will go,” said Macron.",
    "Wagner arrived in Bamako in December 2021.",
    "Several hundred European soldiers will leave Mali within six months.",
]
#: Text with control characters, odd whitespace, surrogate-free astral characters.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
LONG_TOKEN = st.builds(
    lambda ch, n: ch * n, st.sampled_from("aZ9-_/é漢\u200b"), st.integers(1_000, 5_000)
)
PIECES = st.lists(
    st.one_of(
        st.sampled_from(NEWS),
        ANY_TEXT,
        LONG_TOKEN,
        st.sampled_from(list("\x00\x07\x1b\r\n\t\u2028\ufeff")),
    ),
    min_size=1,
    max_size=8,
)


def check(facts):
    text = facts.article.text
    assert facts.validate() == []
    for kind, table in facts.tables():
        for row in table[["start", "end", "text", "evidence"]].itertuples(index=False):
            assert 0 <= row.start <= row.end <= len(text)
            span = text[row.start : row.end]
            if kind != "quotes":
                assert row.text == span
            assert row.evidence in text
            assert span.strip()[:40] in row.evidence or kind == "quotes"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PIECES)
def test_extract_never_raises_on_hostile_text(pieces):
    text = " ".join(pieces)
    if not text.strip():
        return
    try:
        facts = sa.extract(text, published="2023-07-26")
    except ParameterError as exc:
        # only a text that is empty once normalised (e.g. a lone byte-order mark) is
        # refused, and with an error naming the parameter
        assert exc.name == "text"
        assert not text.replace("\r", "").lstrip("\ufeff").strip()
        return
    check(facts)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.binary(min_size=0, max_size=2000), PIECES.map(lambda p: " ".join(p).encode("utf-8"))
    ),
    st.sampled_from([".txt", ".md", ".html", ""]),
)
def test_the_reader_returns_an_article_or_a_clear_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            article = sa.read_article(path, published="2023-07-26")
        except ArticleError as exc:
            assert str(path) in str(exc)  # names the file
            return
        assert article.text and article.text == article.text.strip()
        assert "\r" not in article.text and not article.text.startswith("\ufeff")
        check(sa.extract(article))
