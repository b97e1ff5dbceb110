"""Tests of sahel_analysis.language.sentences: sentence boundaries in news text."""

from __future__ import annotations

import pytest
import spacy

from sahel_analysis.language.sentences import ABBREVIATIONS, SentenceSplitter


@pytest.fixture(scope="module")
def splitter():
    """A blank English tokenizer followed only by the sentence splitter."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_sentences")
    return nlp


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


# Each case is the sentences an analyst expects; the article is them joined by a space.
SPLITS = [
    pytest.param(
        ["Col. Assimi Goïta seized power in Bamako.", "He later named himself president."],
        id="colonel",
    ),
    pytest.param(
        ["Gen. Abdourahamane Tiani led the coup in Niamey.", "Lt. Col. Damiba was ousted."],
        id="general-lieutenant-colonel",
    ),
    pytest.param(
        ["Capt. Ibrahim Traoré took over in Burkina Faso.", "Brig. Gen. Barmou met envoys."],
        id="captain-brigadier-general",
    ),
    pytest.param(
        ["Mr. Bazoum was detained in July 2023.", "Ms. Colonna condemned the coup."],
        id="mr-ms",
    ),
    pytest.param(
        ["The U.S. military left Air Base 201 near Agadez.", "The base had cost millions."],
        id="u.s.",
    ),
    pytest.param(
        ["The U.N. mission in Mali closed on Dec. 31.", "Its camps were handed over."],
        id="u.n.-and-month",
    ),
    pytest.param(["Emmanuel M. Macron spoke in Paris.", "Then he left."], id="initial"),
    pytest.param(
        [
            "The junta spoke on television.",
            "“French soldiers must leave,” a spokesman said.",
        ],
        id="opening-curly-quote-starts-a-sentence",
    ),
    pytest.param(
        [
            "Niamey ended the accord.",
            '"The troops must go," a colonel said.',
            "Paris refused.",
        ],
        id="opening-straight-quote-starts-a-sentence",
    ),
    pytest.param(
        ["The minister said: “We are leaving Mali.”", "The convoys set off."],
        id="closing-quote-stays",
    ),
    pytest.param(
        ["“Why should we stay?” the general asked.", "Nobody answered."],
        id="quoted-question-then-speaker",
    ),
    pytest.param(
        ['Bamako called the French decision "a betrayal" of Mali.', "Paris disagreed."],
        id="quoted-phrase-inside",
    ),
    pytest.param(
        ["MINUSMA closed (the mission had begun in 2013.)", "Its troops went home."],
        id="closing-bracket-stays",
    ),
    pytest.param(
        ["Is the mission over?", "Yes!", "The last convoy left Gao."], id="question-exclamation"
    ),
    pytest.param(["Wagner arrived in late 2021...", "Moscow denied it."], id="ellipsis"),
    pytest.param(["The troops left approx. two weeks later."], id="dot-before-lower-case"),
]


@pytest.mark.parametrize("expected", SPLITS)
def test_sentence_boundaries(splitter, expected):
    assert sentences(splitter, " ".join(expected)) == expected


@pytest.mark.parametrize("newline", ["\n", "\n\n", "\r\n"])
def test_a_line_break_ends_a_paragraph_even_without_a_full_stop(splitter, newline):
    text = f"Niger ended its military accord with Washington{newline}US troops began to leave."
    assert sentences(splitter, text) == [
        "Niger ended its military accord with Washington",
        "US troops began to leave.",
    ]


def test_sentences_cover_the_text_without_gaps(splitter):
    text = "Col. Goïta spoke. “We stay,” he said.\nParis reacted. The U.S. did not."
    doc = splitter(text)
    sents = list(doc.sents)
    assert "".join(s.text_with_ws for s in sents) == text
    assert all(sents[i].end == sents[i + 1].start for i in range(len(sents) - 1))


def test_empty_and_blank_texts(splitter):
    assert list(splitter("").sents) == []
    assert len(list(splitter("   ").sents)) == 1


def test_the_splitter_is_the_pipelines_first_component(nlp):
    assert nlp.pipe_names[0] == "sahel_sentences"
    text = "Lt. Col. Damiba was ousted in September 2022. Capt. Traoré replaced him."
    assert sentences(nlp, text) == [
        "Lt. Col. Damiba was ousted in September 2022.",
        "Capt. Traoré replaced him.",
    ]


def test_extracted_facts_cite_the_sentence_they_come_from(extract_text):
    text = "Gen. Tiani took power in Niamey in July 2023. “France must go,” he said."
    facts = extract_text(text)
    places = facts.places.set_index("text")
    assert places.loc["Niamey", "sentence"] == 0
    assert places.loc["Niamey", "evidence"] == "Gen. Tiani took power in Niamey in July 2023."
    assert set(facts.timexes["sentence"]) == {0}


def test_abbreviation_list_holds_the_military_ranks():
    assert {"col", "gen", "lt", "maj", "capt", "brig", "u.s"} <= ABBREVIATIONS


def test_the_component_can_be_called_directly(splitter):
    doc = splitter.make_doc("Gen. Tiani spoke. Bazoum was held.")
    doc = SentenceSplitter()(doc)
    assert [s.text.strip() for s in doc.sents] == ["Gen. Tiani spoke.", "Bazoum was held."]
