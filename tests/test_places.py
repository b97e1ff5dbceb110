"""Tests of sahel_analysis.language.places: gazetteer places resolved in context."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import spacy

from sahel_analysis.language.places import PlaceRecognizer


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def place_rows(facts) -> list[tuple[str, str | None]]:
    """(text, iso3) of every place row, in reading order."""
    return [(r.text, None if pd.isna(r.iso3) else r.iso3) for r in facts.places.itertuples()]


def the_place(facts, text: str):
    rows = facts.places[facts.places["text"] == text]
    assert len(rows) == 1, facts.places[["text", "name", "iso3"]]
    return rows.iloc[0]


# --------------------------------------------------------------------------- resolution


def test_gao_is_the_malian_town_at_its_coordinates(extract_text):
    facts = extract_text("French soldiers handed their base in Gao to the Malian army in 2022.")
    gao = the_place(facts, "Gao")
    assert (gao["name"], gao["kind"], gao["iso3"]) == ("Gao", "city", "MLI")
    assert km_between(gao["lat"], gao["lon"], 16.27, -0.04) < 25
    assert gao["geo_precision"] == "point"


def test_paris_is_in_france(extract_text):
    paris = the_place(extract_text("Paris said the operation was over."), "Paris")
    assert (paris["iso3"], paris["kind"]) == ("FRA", "city")
    assert km_between(paris["lat"], paris["lon"], 48.86, 2.35) < 25


def test_niger_the_niger_river_and_nigeria_are_told_apart(extract_text):
    text = (
        "Niger asked France to leave. Barges on the Niger River carried fuel. "
        "Nigeria closed its border."
    )
    facts = extract_text(text)
    assert place_rows(facts) == [("Niger", "NER"), ("France", "FRA"), ("Nigeria", "NGA")]
    assert the_place(facts, "Niger")["kind"] == "country"


def test_a_nigerian_state_named_niger_is_not_the_country(extract_text):
    facts = extract_text("Bandits raided villages in Niger State last week.")
    assert "NER" not in set(facts.places["iso3"])


@pytest.mark.parametrize(
    ("spellings", "name", "iso3"),
    [
        (("Ménaka", "Menaka"), "Ménaka", "MLI"),
        (("N'Djamena", "Ndjamena", "N’Djamena"), "N'Djamena", "TCD"),
        (("Tombouctou", "Timbuktu"), "Timbuktu", "MLI"),
    ],
)
def test_spelling_variants_resolve_to_the_same_place(extract_text, spellings, name, iso3):
    resolved = set()
    for spelling in spellings:
        place = the_place(extract_text(f"The convoy reached {spelling} on Friday."), spelling)
        assert (place["name"], place["iso3"]) == (name, iso3), spelling
        resolved.add((place["geonames_id"], place["lat"], place["lon"]))
    assert len(resolved) == 1


def test_a_countrys_name_in_the_text_disambiguates_a_town(extract_text):
    # Gaya is a large city in India and a border town in Niger
    alone = the_place(extract_text("Soldiers patrolled near Gaya."), "Gaya")
    in_niger = the_place(extract_text("Soldiers patrolled near Gaya in Niger."), "Gaya")
    assert alone["iso3"] != "NER"
    assert in_niger["iso3"] == "NER"
    assert km_between(in_niger["lat"], in_niger["lon"], 11.88, 3.45) < 25


def test_a_base_is_a_base_in_its_country(extract_text):
    facts = extract_text("US troops left Air Base 201 near Agadez in August 2024.")
    base = the_place(facts, "Air Base 201")
    assert (base["kind"], base["iso3"]) == ("base", "NER")
    assert km_between(base["lat"], base["lon"], 16.97, 7.99) < 25
    assert the_place(facts, "Agadez")["iso3"] == "NER"


def test_the_sahel_region_is_the_sahel_region(extract_text):
    facts = extract_text("Jihadist groups are spreading across the Sahel region.")
    sahel = the_place(facts, "Sahel region")
    assert (sahel["name"], sahel["kind"]) == ("Sahel", "region")
    assert pd.isna(sahel["iso3"])  # no single country


def test_a_sentence_initial_article_is_not_part_of_the_region_name(extract_text):
    facts = extract_text("The Sahel region is vast. Jihadists operate in the Sahel region.")
    assert facts.places["text"].tolist() == ["Sahel region", "Sahel region"]


def test_regions_across_borders(extract_text):
    facts = extract_text("Jihadists are active in West Africa and in the Liptako-Gourma area.")
    regions = facts.places.set_index("name")
    assert set(regions.index) == {"West Africa", "Liptako-Gourma"}
    assert set(regions["kind"]) == {"region"}


# --------------------------------------------------------------------------- exclusions


def test_names_inside_longer_actor_names_are_not_places(extract_text):
    facts = extract_text("The G5 Sahel force was dissolved. Africa Corps replaced Wagner in Mali.")
    assert place_rows(facts) == [("Mali", "MLI")]
    assert not set(facts.places["name"]) & {"Sahel", "Africa"}


def test_the_outlets_own_name_is_no_place(extract_text):
    text = (
        "Brussels Morning Newspaper has learned that French troops left Mali. "
        "Officials in Brussels confirmed it."
    )
    facts = extract_text(text, source="Brussels Morning Newspaper")
    # the Brussels of the masthead is no place; the one where officials spoke is
    assert place_rows(facts) == [("Mali", "MLI"), ("Brussels", "BEL")]
    assert the_place(facts, "Brussels")["start"] == text.rindex("Brussels")


def test_a_tv_channel_named_after_a_country_is_no_place(extract_text):
    facts = extract_text("The junta suspended France 24 and RFI.", source="France 24")
    assert facts.places.empty


@pytest.mark.parametrize(
    "text",
    [
        "French troops were everywhere.",
        "Malian and Nigerien soldiers patrolled together.",
        "US troops and UK forces stayed at the base.",
        "The Kremlin and the Elysée both commented.",
    ],
)
def test_demonyms_abbreviated_adjectives_and_institutions_are_no_places(extract_text, text):
    assert extract_text(text).places.empty


def test_an_abbreviated_country_acting_is_a_place(extract_text):
    facts = extract_text("The US withdrew its last troops from Niger in August 2024.")
    assert place_rows(facts) == [("US", "USA"), ("Niger", "NER")]


# --------------------------------------------------------------------------- offsets


def test_every_place_row_quotes_the_article_exactly(extract_text):
    text = (
        "Belgium (Brussels Morning Newspaper) French forces left Ménaka and Gao in 2022.\n"
        "They regrouped in Niamey, the capital of Niger, before leaving via N’Djamena in Chad. "
        "The Sahel region remains unstable, and the Niger River town of Mopti was attacked."
    )
    facts = extract_text(text, source="Brussels Morning Newspaper")
    assert len(facts.places) >= 8
    for row in facts.places.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.evidence.strip() in text
    assert {"Belgium", "Ménaka", "Gao", "Niamey", "Niger", "N’Djamena", "Chad", "Mopti"} <= set(
        facts.places["text"]
    )


def test_component_on_a_blank_pipeline_records_places_in_order():
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_places")
    doc = nlp("Convoys drove from Gao to Niamey and on to N'Djamena.")
    assert [(p["text"], p["iso3"]) for p in doc._.facts["places"]] == [
        ("Gao", "MLI"),
        ("Niamey", "NER"),
        ("N'Djamena", "TCD"),
    ]
    assert isinstance(nlp.get_pipe("sahel_places"), PlaceRecognizer)


# ------------------------------------------------------------- names that are not places


@pytest.mark.parametrize(
    "text",
    [
        "The talks were led by Colonel Pascal Dembélé, the army's spokesman.",
        "Units of Operation Mirador patrolled the parks on Monday.",
        "President Yao received the delegation at the palace.",
    ],
)
def test_a_name_after_a_title_or_operation_is_not_a_town(extract_text, text):
    names = {row[0] for row in place_rows(extract_text(text))}
    assert not names & {"Pascal", "Mirador", "Yao"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"We are tired," said Koffi Yao, a trader in the market of Bouaké.', "Yao"),
        ("The mission's spokeswoman Aminata Kaba told reporters the camp was empty.", "Kaba"),
        ("The governments meet twice a year under the Accra Initiative since 2017.", "Accra"),
    ],
)
def test_a_town_glued_to_another_name_is_part_of_that_name(extract_text, text, name):
    texts = [row[0] for row in place_rows(extract_text(text))]
    assert not any(name in t for t in texts), texts


def test_a_town_next_to_a_place_noun_or_in_a_headline_stays_a_place(extract_text):
    facts = extract_text("Gao Airport Reopens To Civilian Flights\n\nFlights left Gao Airport.")
    assert [t for t, _ in place_rows(facts)].count("Gao") == 2


def test_an_organisation_named_after_a_region_is_not_the_region(extract_text):
    facts = extract_text("The Lake Chad Basin Commission met in N'Djamena near Lake Chad.")
    rows = place_rows(facts)
    assert ("Lake Chad", None) in rows
    assert all("Commission" not in t and "Basin" not in t for t, _ in rows)


@pytest.mark.parametrize(
    "text",
    [
        "Young recruits queued outside the town hall in Djibo.",
        '"The Brits were the eyes of the mission," an officer in Gao said.',
        "Four sectors divide the basin, with headquarters at Baga-Sola in Chad.",
    ],
)
def test_a_small_faraway_town_not_used_as_a_place_is_a_word(extract_text, text):
    isos = {iso3 for _, iso3 in place_rows(extract_text(text))}
    assert isos <= {"MLI", "BFA", "TCD", None}


def test_a_faraway_town_after_a_preposition_of_place_stays_a_place(extract_text):
    facts = extract_text("The Bundeswehr's transport aircraft returned to Wunstorf on Friday.")
    assert ("Wunstorf", "DEU") in place_rows(facts)


@pytest.mark.parametrize(
    "text",
    [
        "The Minister for Europe and Foreign Affairs flew to Dakar.",
        "She was named secretary of Africa and Development in the new cabinet.",
    ],
)
def test_a_region_named_as_a_portfolio_is_not_a_place(extract_text, text):
    names = [t for t, _ in place_rows(extract_text(text))]
    assert "Europe" not in names and "Africa" not in names


@pytest.mark.parametrize(
    ("text", "town", "iso3"),
    [
        ("The French handed the Gao base to the Malian army.", "Gao", "MLI"),
        ("Germany closed its Niamey air base in December.", "Niamey", "NER"),
        ("Soldiers left the Faya base at dawn.", "Faya", "TCD"),
    ],
)
def test_a_base_described_by_its_town_is_the_town(extract_text, text, town, iso3):
    row = the_place(extract_text(text), town)
    assert (row["kind"], row["iso3"]) == ("city", iso3)


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("The last plane landed at Wunstorf air base on Friday.", "Wunstorf air base"),
        ("The troops gathered at the Kossei base in the capital.", "Kossei base"),
        ("Peacekeepers left Camp Castor near the airport.", "Camp Castor"),
    ],
)
def test_a_base_with_a_name_of_its_own_stays_a_base(extract_text, text, base):
    assert the_place(extract_text(text), base)["kind"] == "base"


@pytest.mark.parametrize(
    ("text", "camp", "iso3", "town"),
    [
        (
            "In Gabon, Camp de Gaulle in Libreville will be shared.",
            "Camp de Gaulle",
            "GAB",
            "Libreville",
        ),
        (
            "The junta met at Camp Sangoulé Lamizana in Ouagadougou.",
            "Camp Sangoulé Lamizana",
            "BFA",
            "Ouagadougou",
        ),
    ],
)
def test_a_named_camp_is_a_base_at_the_town_beside_it(extract_text, text, camp, iso3, town):
    facts = extract_text(text)
    row, near = the_place(facts, camp), the_place(facts, town)
    assert (row["kind"], row["iso3"]) == ("base", iso3)
    assert km_between(row["lat"], row["lon"], near["lat"], near["lon"]) < 1


def test_a_named_camp_without_a_town_in_its_sentence_is_left_out(extract_text):
    facts = extract_text("The base in Abidjan closed. It was renamed Camp Thomas d'Aquin Ouattara.")
    assert not any("Camp" in t for t in facts.places["text"])


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Troops climbed Mount Hombori last week.", "Hombori"),
        ("Gao Residents Mourn Soldiers Killed In Ambush", "Gao"),
        ("The Kidal Governor said the last convoy had left.", "Kidal"),
    ],
)
def test_a_town_after_a_place_prefix_or_in_a_headline_stays_a_place(extract_text, text, town):
    assert the_place(extract_text(text), town)["kind"] == "city"


def test_a_surname_seen_after_a_given_name_is_a_person_later_too(extract_text):
    facts = extract_text(
        "The spokeswoman Aminata Kaba confirmed the departure. "
        "Kaba added that the camp in Gao would be handed over."
    )
    assert [t for t, _ in place_rows(facts)] == ["Gao"]
