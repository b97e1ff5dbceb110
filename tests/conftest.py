"""Shared fixtures: the language pipeline, loaded once per test session."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from spacy.language import Language

import sahel_analysis as sa
from sahel_analysis.language import load_pipeline

#: Publication date used by tests that do not care about it (a Monday).
PUBLISHED = "2023-09-25"

# Property tests explore new random examples on developers' machines; under CI they replay
# a fixed set, so that a run on main is reproducible (a failure found locally is fixed and
# kept as a regular test).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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


_NO_NETWORK_DIR = Path(__file__).parent / "no_network"


def _load_guard():
    spec = importlib.util.spec_from_file_location(
        "_sa_no_network", _NO_NETWORK_DIR / "sitecustomize.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


no_network_guard = _load_guard()


@pytest.fixture(scope="session", autouse=True)
def no_network():
    """Run the whole suite offline: outbound connections except loopback raise.

    Covers this process (``socket.socket.connect``/``connect_ex``,
    ``socket.create_connection``) and, through ``tests/no_network/sitecustomize.py`` on
    ``PYTHONPATH``, the command lines, kernels and Dask workers the tests start.
    """
    env = {
        no_network_guard.ENV: "1",
        "PYTHONPATH": os.pathsep.join(
            [str(_NO_NETWORK_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        no_network_guard.install()
        try:
            yield no_network_guard
        finally:
            no_network_guard.uninstall()


@pytest.fixture(scope="session")
def seed_text():
    """The seed article's text, as the package ships it."""
    from sahel_analysis.article import read_seed

    return read_seed().text
