"""Sentence boundaries for news text, without a statistical model.

spaCy's rule-based ``sentencizer`` splits after "Col." and "Gen." when the tokenizer
separates the dot, and it glues an opening quotation mark to the sentence before.
News about armed forces is full of ranks and quotations, so this component splits at
sentence-final punctuation except after known abbreviations, keeps closing quotes and
brackets with the sentence they close, starts a new sentence at an opening quote, and
treats a line break as a paragraph end.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from sahel_analysis.language.extensions import spaces_of, words_of

__all__ = ["ABBREVIATIONS", "SentenceSplitter"]

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm brig gov sen rep pres st
    no vol fig approx est dept jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co
    corp jr sr vs etc e.g i.e u.s u.n u.k""".split()
)
_FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
_LAST = {word[-1] for word in _FINAL}
_CLOSING = {"”", "’", ")", "]", "»", "'", '"'}
_OPENING = {"“", "‘", "«", "(", "["}


@Language.factory("sahel_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Create the sentence splitter (spaCy factory ``sahel_sentences``)."""
    return SentenceSplitter()


class SentenceSplitter:
    r"""Set ``Token.is_sent_start`` for every token of a Doc.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sahel_sentences")
    >>> doc = nlp("Col. Goïta spoke. “We stay,” he said.\nParis reacted.")
    >>> [s.text.strip() for s in doc.sents]
    ['Col. Goïta spoke.', '“We stay,” he said.', 'Paris reacted.']
    """

    def __call__(self, doc: Doc) -> Doc:
        """Mark sentence starts on ``doc`` and return it."""
        n = len(doc)
        if n == 0:
            return doc
        words = words_of(doc)
        spaces = spaces_of(doc)
        # SENT_START: 1 starts a sentence, -1 (as uint64, spaCy's array type) does not
        starts = numpy.full((n, 1), -1, dtype="int64").astype("uint64")
        starts[0, 0] = 1
        resume = 0  # tokens before it were read with the sentence end before them
        # only line breaks and words ending in sentence-final punctuation can end one
        for i in [i for i, word in enumerate(words) if word[-1:] in _LAST or "\n" in word]:
            if i < resume:
                continue
            word = words[i]
            if not word.strip() and "\n" in word:
                if i + 1 < n:
                    starts[i + 1, 0] = 1
            elif word in _FINAL or (
                len(word) > 1
                and word.endswith(".")
                and word.count(".") == 1
                and self._is_final_dot(word)
            ):
                if word == "." and i > 0 and self._abbreviation(words[i - 1]):
                    continue
                j = i + 1
                # closing quotes and brackets stay with the sentence they close
                while j < n and words[j] in _CLOSING and not self._opens(words, spaces, j):
                    j += 1
                while j < n and not words[j].strip():
                    j += 1
                if j < n and not words[j].islower():
                    starts[j, 0] = 1
                resume = j
        doc.from_array([SENT_START], starts)
        return doc

    @staticmethod
    def _abbreviation(word: str) -> bool:
        return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())

    @staticmethod
    def _is_final_dot(token: str) -> bool:
        # tokens such as "Niger." are rare (the tokenizer splits them); a token with a
        # trailing dot is an abbreviation when it is a known one or an acronym ("U.S.")
        word = token[:-1]
        return word.lower() not in ABBREVIATIONS and not word.replace(".", "").isupper()

    @staticmethod
    def _opens(words: list[str], spaces: list[bool], j: int) -> bool:
        """Whether the quote mark at ``j`` opens a quotation rather than closing one."""
        if words[j] in _OPENING:
            return True
        if words[j] in {'"', "'"}:
            space_before = spaces[j - 1] if j > 0 else True
            return space_before and j + 1 < len(words) and not spaces[j]
        return False
