"""Sentence boundaries for news text, without a statistical model.

spaCy's rule-based ``sentencizer`` splits after "Col." and "Gen." when the tokenizer
separates the dot, and it glues an opening quotation mark to the sentence before.
News about armed forces is full of ranks and quotations, so this component splits at
sentence-final punctuation except after known abbreviations, keeps closing quotes and
brackets with the sentence they close, starts a new sentence at an opening quote, and
treats a line break as a paragraph end.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ABBREVIATIONS", "SentenceSplitter"]

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm brig gov sen rep pres st
    no vol fig approx est dept jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co
    corp jr sr vs etc e.g i.e u.s u.n u.k""".split()
)
_FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
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
        starts = [False] * n
        starts[0] = True
        i = 0
        while i < n:
            tok = doc[i]
            if tok.is_space and "\n" in tok.text:
                if i + 1 < n:
                    starts[i + 1] = True
            elif tok.text in _FINAL or (
                tok.text.endswith(".")
                and tok.text.count(".") == 1
                and len(tok.text) > 1
                and self._is_final_dot(doc, i)
            ):
                if tok.text == "." and i > 0 and self._abbreviation(doc[i - 1].text):
                    i += 1
                    continue
                j = i + 1
                # closing quotes and brackets stay with the sentence they close
                while j < n and doc[j].text in _CLOSING and not self._opens(doc, j):
                    j += 1
                while j < n and doc[j].is_space:
                    j += 1
                if j < n and not doc[j].is_lower:
                    starts[j] = True
                i = j
                continue
            i += 1
        for tok, start in zip(doc, starts, strict=True):
            tok.is_sent_start = start
        return doc

    @staticmethod
    def _abbreviation(word: str) -> bool:
        return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())

    @staticmethod
    def _is_final_dot(doc: Doc, i: int) -> bool:
        # tokens such as "Niger." are rare (the tokenizer splits them); a token with a
        # trailing dot is an abbreviation unless followed by a capitalised sentence
        word = doc[i].text[:-1]
        return word.lower() not in ABBREVIATIONS and not word.replace(".", "").isupper()

    @staticmethod
    def _opens(doc: Doc, j: int) -> bool:
        """Whether the quote mark at ``j`` opens a quotation rather than closing one."""
        tok = doc[j]
        if tok.text in _OPENING:
            return True
        if tok.text in {'"', "'"}:
            before = doc[j - 1].whitespace_ if j > 0 else " "
            return bool(before) and j + 1 < len(doc) and not doc[j].whitespace_
        return False
