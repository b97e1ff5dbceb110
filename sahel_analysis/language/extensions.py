"""Custom attributes the pipeline components read and write on a spaCy ``Doc``.

- ``doc._.published``: :class:`datetime.date` or None, the publication date that
  relative time expressions are resolved against.
- ``doc._.doc_id``: the article id.
- ``doc._.source``: the outlet's name; place names inside it are not places.
- ``doc._.facts``: dict from fact-table name (see :mod:`sahel_analysis.schema`) to a
  list of records (dicts). Each record has ``start`` and ``end`` character offsets into
  ``doc.text`` plus the table's own columns; :mod:`sahel_analysis.facts` adds the rest
  of the provenance (sentence, evidence, doc_id).
"""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span

__all__ = [
    "add_fact",
    "facts_of",
    "lowers_of",
    "records_in",
    "register",
    "remember_text",
    "sentences_of",
    "source_spans",
    "spaces_of",
    "text_of",
    "token_offsets",
    "words_of",
]


def register() -> None:
    """Register the Doc extensions once (idempotent)."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("doc_id"):
        Doc.set_extension("doc_id", default=None)
    if not Doc.has_extension("source"):
        Doc.set_extension("source", default=None)
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", getter=_facts_getter)


def _facts_getter(doc: Doc) -> dict[str, list[dict]]:
    return doc.user_data.setdefault("sahel_facts", {})


def facts_of(doc: Doc, kind: str) -> list[dict]:
    """Return the (mutable) list of records of fact table ``kind`` on ``doc``.

    The same list as ``doc._.facts[kind]``, reached without building spaCy's ``doc._``.
    """
    return _facts_getter(doc).setdefault(kind, [])


def add_fact(doc: Doc, table: str, start: int, end: int, **fields: object) -> dict:
    """Append a record to fact table ``table`` covering ``doc.text[start:end]``; return it.

    ``text`` defaults to the covered text; ``confidence`` to 0.8.
    """
    record: dict = {"start": start, "end": end, "text": text_of(doc)[start:end], "confidence": 0.8}
    record.update(fields)
    facts_of(doc, table).append(record)
    return record


def text_of(doc: Doc) -> str:
    """Return ``doc.text``, computed once per Doc (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("sahel_text")
    if text is None:
        text = doc.user_data["sahel_text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Tell :func:`text_of` that ``doc`` was tokenized from ``text``.

    spaCy's tokenizer loses no character, so ``doc.text == text``; knowing it spares
    joining the tokens back together.
    """
    doc.user_data["sahel_text"] = text


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Return the start and end character offsets of every token, computed once per Doc.

    Reading offsets from the Doc's arrays avoids creating a spaCy ``Token`` per position.
    """
    offsets = doc.user_data.get("sahel_offsets")
    if offsets is None:
        if len(doc):
            starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        else:
            starts, lengths = [], []
        ends = [start + length for start, length in zip(starts, lengths, strict=True)]
        offsets = doc.user_data["sahel_offsets"] = (starts, ends)
    return offsets


def words_of(doc: Doc) -> list[str]:
    """Return the token texts of ``doc`` (``[t.text for t in doc]``), computed once per Doc."""
    words = doc.user_data.get("sahel_words")
    if words is None:
        text = text_of(doc)
        starts, ends = token_offsets(doc)
        words = doc.user_data["sahel_words"] = [
            text[start:end] for start, end in zip(starts, ends, strict=True)
        ]
    return words


def spaces_of(doc: Doc) -> list[bool]:
    """Return for every token whether a space follows it, computed once per Doc."""
    spaces = doc.user_data.get("sahel_spaces")
    if spaces is None:
        flags = doc.to_array(SPACY).tolist() if len(doc) else []
        spaces = doc.user_data["sahel_spaces"] = [bool(flag) for flag in flags]
    return spaces


def records_in(records: list[dict], sent: Span) -> list[dict]:
    """Return the records that lie inside sentence ``sent``."""
    start, end = sent.start_char, sent.end_char
    return [r for r in records if start <= r["start"] and r["end"] <= end]


def lowers_of(doc: Doc) -> list[str]:
    """Return the lower-cased token texts of ``doc``, computed once per Doc.

    Checking a word list first avoids creating a spaCy ``Token`` for every position.
    """
    lowers = doc.user_data.get("sahel_lowers")
    if lowers is None:
        lowers = doc.user_data["sahel_lowers"] = [w.lower() for w in words_of(doc)]
    return lowers


def sentences_of(doc: Doc) -> list:
    """Return ``list(doc.sents)``, computed once per Doc.

    Call only after sentence boundaries are set (components after ``sahel_sentences``).
    """
    sents = doc.user_data.get("sahel_sents")
    if sents is None:
        sents = doc.user_data["sahel_sents"] = list(doc.sents)
    return sents


def source_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return where the outlet's own name stands in the text ("Brussels Morning Newspaper").

    Names inside it are neither places nor actors.
    """
    source = doc._.source
    spans = []
    if source:
        text = text_of(doc)
        pos = text.find(source)
        while pos >= 0:
            spans.append((pos, pos + len(source)))
            pos = text.find(source, pos + 1)
    return spans


register()
