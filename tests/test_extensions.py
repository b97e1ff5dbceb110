"""Doc extensions: per-Doc caches of token texts, offsets and spaces read without Tokens."""

import spacy
from spacy.tokens import Doc

from sahel_analysis.language import load_pipeline
from sahel_analysis.language.extensions import (
    lowers_of,
    remember_text,
    spaces_of,
    text_of,
    token_offsets,
    words_of,
)

TEXTS = [
    "",
    "Mali.",
    "  Two  spaces\tand a tab ",
    "Mr. Goïta's junta didn't wait:\n\nU.S.-led troops (about 1,100) left “Niamey” on 7 Aug.",
    "İSTANBUL — ŞAHEL forces left.\n",
]


def test_token_views_match_spacy_tokens():
    tokenizer = spacy.blank("en").tokenizer
    for text in TEXTS:
        doc = tokenizer(text)
        assert words_of(doc) == [t.text for t in doc]
        assert lowers_of(doc) == [t.lower_ for t in doc]
        assert spaces_of(doc) == [bool(t.whitespace_) for t in doc]
        assert token_offsets(doc) == ([t.idx for t in doc], [t.idx + len(t.text) for t in doc])


def test_token_views_of_a_doc_built_from_words():
    doc = Doc(spacy.blank("en").vocab, words=["French", "troops", "left", "."], spaces=[1, 1, 0, 0])
    assert words_of(doc) == ["French", "troops", "left", "."]
    assert spaces_of(doc) == [True, True, False, False]
    assert token_offsets(doc) == ([0, 7, 14, 18], [6, 13, 18, 19])


def test_the_pipeline_tokenizer_remembers_the_text_it_split():
    text = "French troops left Mali.\n\nThey went to Niger."
    doc = load_pipeline().tokenizer(text)
    assert doc.user_data["sahel_text"] == text == doc.text
    assert text_of(doc) is text


def test_text_of_a_doc_without_a_remembered_text_is_its_text():
    doc = spacy.blank("en").tokenizer("Troops left.")
    assert text_of(doc) == "Troops left."
    remember_text(doc, "Troops left.")
    assert text_of(doc) == doc.text
