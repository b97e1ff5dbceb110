"""Tests of sahel_analysis.language.actors: actor list matches and resolved references."""

from __future__ import annotations

import pandas as pd
import pytest
import spacy

from sahel_analysis.language.actors import actor_list, canonical_state


def actor_rows(facts) -> list[tuple[str, str]]:
    """(text, canonical actor) of every actor row, in reading order."""
    return [(r.text, r.actor) for r in facts.actors.itertuples()]


def actor_of(facts, text: str) -> str:
    rows = facts.actors[facts.actors["text"] == text]
    assert len(rows) == 1, facts.actors[["text", "actor"]]
    return rows.iloc[0]["actor"]


def the_place_iso3(facts, text: str) -> str:
    rows = facts.places[facts.places["text"] == text]
    assert len(rows) == 1, facts.places[["text", "iso3"]]
    return rows.iloc[0]["iso3"]


# --------------------------------------------------------------------------- the actor list


@pytest.mark.parametrize(
    ("text", "mention", "actor", "iso3"),
    [
        ("French troops left Gao.", "French", "France", "FRA"),
        ("Malian soldiers took over the camp.", "Malian", "Mali", "MLI"),
        ("Nigerien officers detained the president.", "Nigerien", "Niger", "NER"),
        ("Burkinabe forces retook the town.", "Burkinabe", "Burkina Faso", "BFA"),
        ("Chadian troops guarded the convoy.", "Chadian", "Chad", "TCD"),
        ("American soldiers left Agadez.", "American", "United States", "USA"),
        ("Estonian troops served in the task force.", "Estonian", "Estonia", "EST"),
    ],
)
def test_demonyms_name_their_state(extract_text, text, mention, actor, iso3):
    row = extract_text(text).actors.set_index("text").loc[mention]
    assert (row["actor"], row["actor_kind"], row["iso3"]) == (actor, "state", iso3)


def test_coordinated_demonyms_are_each_a_state(extract_text):
    facts = extract_text("German, Swedish and Estonian troops served in Takuba.")
    assert actor_rows(facts) == [
        ("German", "Germany"),
        ("Swedish", "Sweden"),
        ("Estonian", "Estonia"),
        ("Takuba", "European allies"),
    ]


@pytest.mark.parametrize(
    ("text", "mention", "actor"),
    [
        ("MINUSMA closed its last camp in December 2023.", "MINUSMA", "United Nations"),
        (
            "The Takuba task force ended its mission in 2022.",
            "Takuba task force",
            "European allies",
        ),
        ("Wagner fighters arrived in Bamako in late 2021.", "Wagner", "Wagner Group"),
        ("The Wagner Group sent fighters to Mali.", "Wagner Group", "Wagner Group"),
        ("Africa Corps has taken over from Wagner in Mali.", "Africa Corps", "Russia"),
        ("Operation Barkhane ended in November 2022.", "Operation Barkhane", "France"),
    ],
)
def test_forces_and_missions_have_their_canonical_names(extract_text, text, mention, actor):
    assert actor_of(extract_text(text), mention) == actor


def test_africa_corps_is_a_russian_armed_force(extract_text):
    row = extract_text("Africa Corps deployed to Niger in April 2024.").actors.iloc[0]
    assert (row["text"], row["actor"], row["actor_kind"], row["iso3"]) == (
        "Africa Corps",
        "Russia",
        "armed force",
        "RUS",
    )


def test_a_country_name_is_an_actor_only_where_it_acts(extract_text):
    facts = extract_text("Mali has expelled the French envoy. Troops are based in Mali.")
    mali = facts.actors[facts.actors["actor"] == "Mali"]
    assert mali["start"].tolist() == [0]  # "Mali has", not "based in Mali"


@pytest.mark.parametrize(
    "text",
    [
        "France's President condemned the coup.",
        "France still had troops in Niger.",
        "Sweden, which had deployed soldiers to Mali, left.",
    ],
)
def test_a_country_acting_before_a_possessive_verb_or_relative_clause(extract_text, text):
    facts = extract_text(text)
    first = facts.actors.iloc[0]
    assert (first["start"], first["actor_kind"]) == (0, "state")


@pytest.mark.parametrize("modifier", ["Kremlin-linked", "Russian-backed", "French-trained"])
def test_a_hyphenated_modifier_is_not_an_actor_mention(extract_text, modifier):
    facts = extract_text(f"The {modifier} Wagner Group sent fighters to Mali.")
    assert actor_rows(facts) == [("Wagner Group", "Wagner Group")]


def test_the_outlets_name_is_no_actor(extract_text):
    facts = extract_text("France 24 reported that French troops had left.", source="France 24")
    assert actor_rows(facts) == [("French", "France")]


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("text", "mention", "actor"),
    [
        ("Paris said the operation was over.", "Paris", "France"),
        ("Bamako refused to comment.", "Bamako", "Mali"),
        ("Ouagadougou expelled French troops in early 2023.", "Ouagadougou", "Burkina Faso"),
        ("Moscow denied sending instructors.", "Moscow", "Russia"),
    ],
)
def test_a_capital_speaking_for_its_government(extract_text, text, mention, actor):
    facts = extract_text(text)
    row = facts.actors.set_index("text").loc[mention]
    assert (row["actor"], row["actor_kind"]) == (actor, "state")
    # the capital is still a place as well
    assert mention in set(facts.places["text"])


@pytest.mark.parametrize(
    ("text", "mention", "actor"),
    [
        ("Abidjan said the French battalion would hand over its camp.", "Abidjan", "Côte d'Ivoire"),
        ("Cotonou asked its neighbours for intelligence on the border.", "Cotonou", "Benin"),
    ],
)
def test_a_seat_of_government_that_is_not_the_capital_speaks_for_it(
    extract_text, text, mention, actor
):
    facts = extract_text(text)
    row = facts.actors.set_index("text").loc[mention]
    assert (row["actor"], row["actor_kind"]) == (actor, "state")
    assert mention in set(facts.places["text"])


def test_washington_speaking_for_its_government_is_also_a_place(extract_text):
    facts = extract_text("Washington announced the pullout in April 2024.")
    assert actor_of(facts, "Washington") == "United States"
    assert the_place_iso3(facts, "Washington") == "USA"


def test_a_metonym_capital_after_in_is_only_a_place(extract_text):
    facts = extract_text("Leaders held a meeting in Paris on Wednesday.")
    assert the_place_iso3(facts, "Paris") == "FRA"
    assert facts.actors.empty


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("The talks in Bamako ended without a deal.", "Bamako"),
        ("The junta in Niamey ordered French troops to leave.", "Niamey"),
    ],
)
def test_a_capital_after_in_is_not_its_government(extract_text, text, capital):
    facts = extract_text(text)
    assert capital in set(facts.places["text"])
    assert capital not in set(facts.actors["text"])


@pytest.mark.parametrize(
    ("text", "iso3", "actor"),
    [
        ("The junta in Niamey ordered French troops to leave.", "NER", "Niger"),
        ("Mali's junta hired Wagner mercenaries.", "MLI", "Mali"),
        ("The Malian junta expelled the French ambassador.", "MLI", "Mali"),
        (
            "France cut aid to Burkina Faso after the ruling junta expelled its troops.",
            "BFA",
            "Burkina Faso",
        ),
    ],
)
def test_a_junta_is_its_country(extract_text, text, iso3, actor):
    facts = extract_text(text)
    junta = facts.actors[facts.actors["text"].str.contains("junta")]
    assert len(junta) == 1
    assert (junta.iloc[0]["actor"], junta.iloc[0]["iso3"]) == (actor, iso3)


def test_ruling_junta_span_includes_its_modifier(extract_text):
    text = "Relations with the ruling junta in Bamako soured."
    row = extract_text(text).actors.set_index("actor").loc["Mali"]
    assert row["text"] == "ruling junta"


def test_a_junta_after_its_capital_is_its_country(extract_text):
    facts = extract_text("In Niamey, the junta suspended French broadcasters.")
    assert ("junta", "Niger") in actor_rows(facts)


def test_his_country_is_the_country_of_the_person_last_named(extract_text):
    text = "Niger's President Mohamed Bazoum was detained by his guard. His country was suspended."
    facts = extract_text(text)
    row = facts.actors.set_index("text").loc["His country"]
    assert (row["actor"], row["iso3"]) == ("Niger", "NER")


def test_his_country_without_a_known_nationality_is_left_unresolved(extract_text):
    facts = extract_text("A spokesman said his country would respond.")
    assert "his country" not in set(facts.actors["text"])


def test_france_and_its_allies(extract_text):
    facts = extract_text("France and its allies will withdraw their troops from Mali.")
    assert actor_rows(facts) == [("France", "France"), ("its allies", "European allies")]
    assert facts.actors.set_index("text").loc["its allies", "actor_kind"] == "group"


def test_french_allies_are_the_european_allies(extract_text):
    facts = extract_text("The French allies will move to Niger.")
    assert ("allies", "European allies") in actor_rows(facts)


def test_another_states_allies_are_not_the_european_allies(extract_text):
    facts = extract_text("Russia and its allies condemned the French move.")
    assert "European allies" not in set(facts.actors["actor"])


def test_seed_style_sentence_resolves_every_actor(extract_text):
    text = (
        "France’s President Emmanuel Macron announced today that his country and its allies "
        "will be withdrawing troops from Mali, citing a breakdown in relations with the "
        "ruling junta in the country."
    )
    facts = extract_text(text)
    assert {(r.text, r.actor) for r in facts.actors.itertuples()} >= {
        ("France", "France"),
        ("his country", "France"),
        ("its allies", "European allies"),
        ("ruling junta", "Mali"),
    }


def test_every_actor_row_quotes_the_article_exactly(extract_text):
    text = (
        "Paris said MINUSMA and the Takuba task force would go. The Malian junta, backed by "
        "Wagner, refused. US and Chadian officers met in N'Djamena."
    )
    facts = extract_text(text)
    assert len(facts.actors) >= 6
    for row in facts.actors.itertuples():
        assert text[row.start : row.end] == row.text
        assert not pd.isna(row.actor)


# --------------------------------------------------------------------------- helpers


def test_actor_list_and_canonical_state_names():
    entries = actor_list()
    assert entries["MINUSMA"].actor == "United Nations"
    assert entries["Africa Corps"].iso3 == "RUS"
    assert canonical_state("BFA") == "Burkina Faso"
    assert canonical_state("TCD") == "Chad"
    assert canonical_state(None) is None


def test_actor_component_on_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_actors")
    doc = nlp("Wagner and Chadian troops met MINUSMA officers.")
    assert [(a["text"], a["actor"]) for a in doc._.facts["actors"]] == [
        ("Wagner", "Wagner Group"),
        ("Chadian", "Chad"),
        ("MINUSMA", "United Nations"),
    ]
