"""sahel_analysis: news about foreign forces in the Sahel, turned into cited facts and maps.

>>> import sahel_analysis as sa
>>> facts = sa.extract(sa.read_seed())
>>> sorted(set(facts.movements["destination_iso3"]))
['NER']

``ingest`` and ``open_store`` (the Dask batch and the fact store) are imported on first
use, so ``import sahel_analysis`` does not load Dask.
"""

from typing import Any

from sahel_analysis.article import Article, read_article, read_seed, seed_path
from sahel_analysis.errors import SahelAnalysisError
from sahel_analysis.evaluate import evaluate
from sahel_analysis.facts import ArticleFacts, extract
from sahel_analysis.schema import FACT_KINDS

__version__ = "0.1.0"

__all__ = [
    "FACT_KINDS",
    "Article",
    "ArticleFacts",
    "SahelAnalysisError",
    "__version__",
    "evaluate",
    "extract",
    "ingest",
    "open_store",
    "read_article",
    "read_seed",
    "seed_path",
]

_LAZY = {"ingest": "sahel_analysis.batch", "open_store": "sahel_analysis.store"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sahel_analysis' has no attribute {name!r}")
