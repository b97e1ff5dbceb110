"""Shared fixtures: the language pipeline, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

import sahel_analysis as sa
from sahel_analysis.language import load_pipeline

#: Publication date used by tests that do not care about it (a Monday).
PUBLISHED = "2023-09-25"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default rule pipeline (``load_pipeline()`` caches it for the process)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp: Language) -> Callable[..., sa.ArticleFacts]:
    """Return ``extract_text(text, published=..., source=None)`` -> ArticleFacts.

    Runs :func:`sahel_analysis.extract` on the session pipeline.
    """

    def run(text: str, published: str | None = PUBLISHED, source: str | None = None):
        return sa.extract(text, published=published, source=source)

    return run
