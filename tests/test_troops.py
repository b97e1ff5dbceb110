"""Tests of sahel_analysis.language.troops: number phrases and the troop component."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.language.extensions import add_fact, facts_of
from sahel_analysis.language.troops import Quantity, TroopRecognizer, parse_quantity

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a3695cdb5900521c.txt"

# Actor and place records as the actors and places components would write them.
ACTORS = {
    "France": ("France", "state", "FRA"),
    "French": ("France", "state", "FRA"),
    "Germany": ("Germany", "state", "DEU"),
    "German": ("Germany", "state", "DEU"),
    "British": ("United Kingdom", "state", "GBR"),
    "US": ("United States", "state", "USA"),
    "American": ("United States", "state", "USA"),
    "Chad": ("Chad", "state", "TCD"),
    "Chadian": ("Chad", "state", "TCD"),
    "Niger": ("Niger", "state", "NER"),
    "Mali": ("Mali", "state", "MLI"),
    "UN": ("United Nations", "organisation", None),
    "MINUSMA": ("United Nations", "organisation", None),
    "Wagner": ("Wagner Group", "armed force", "RUS"),
    "Africa Corps": ("Russia", "armed force", "RUS"),
    "Russian": ("Russia", "state", "RUS"),
    "European allies": ("European allies", "group", None),
    "Takuba": ("European allies", "armed force", None),
    "Macron": ("Emmanuel Macron", "person", "FRA"),
    "Italy": ("Italy", "state", "ITA"),
    "UK": ("United Kingdom", "state", "GBR"),
    "Estonia": ("Estonia", "state", "EST"),
    "Sweden": ("Sweden", "state", "SWE"),
}
PLACES = {
    "Mali": ("MLI", "country"),
    "Niger": ("NER", "country"),
    "Chad": ("TCD", "country"),
    "Burkina Faso": ("BFA", "country"),
    "France": ("FRA", "country"),
    "Paris": ("FRA", "city"),
    "Bamako": ("MLI", "city"),
    "Gao": ("MLI", "city"),
    "Agadez": ("NER", "city"),
    "Niamey": ("NER", "city"),
    "N'Djamena": ("TCD", "city"),
    "Air Base 201": ("NER", "base"),
    "Sahel region": (None, "region"),
}


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def _mentions(text: str, names):
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            yield name, m.start(), m.end()


def run(nlp, text: str, actors: bool = True, places: bool = True) -> list[dict]:
    """Annotate ``text`` with the stub actor/place records, then run the component."""
    doc = nlp(text)
    taken: list[tuple[int, int]] = []
    if actors:
        for name, s, e in _mentions(text, ACTORS):
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            actor, kind, iso3 = ACTORS[name]
            add_fact(doc, "actors", s, e, actor=actor, actor_kind=kind, iso3=iso3)
    if places:
        for name, s, e in _mentions(text, PLACES):
            iso3, kind = PLACES[name]
            # add_fact's own ``kind`` parameter names the table, so append directly
            facts_of(doc, "places").append(
                {"start": s, "end": e, "text": name, "name": name, "kind": kind, "iso3": iso3}
            )
    TroopRecognizer()(doc)
    records = facts_of(doc, "troops")
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"]
    return records


def only(records: list[dict]) -> dict:
    assert len(records) == 1, [r["text"] for r in records]
    return records[0]


# ------------------------------------------------------------------ parse_quantity
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DESIGN.md "Ranges for vague figures"
        ("2,400", Quantity(2400, 2400, 2400, "exact")),
        ("about 5,100", Quantity(5100, 4590, 5610, "about")),
        ("several hundred", Quantity(None, 200, 900, "vague")),
        ("more than 1,000", Quantity(1000, 1001, None, "more_than")),
        ("a few dozen", Quantity(None, 24, 60, "vague")),
        ("nearly 3,000", Quantity(3000, 2700, 2999, "about")),
        # digits
        ("2 400", Quantity(2400, 2400, 2400, "exact")),
        ("5.1", Quantity(5.1, 5.1, 5.1, "exact")),
        ("1.5 million", Quantity(1_500_000, 1_500_000, 1_500_000, "exact")),
        ("5k", Quantity(5000, 5000, 5000, "exact")),
        ("13,000", Quantity(13000, 13000, 13000, "exact")),
        # spelled out
        ("two thousand", Quantity(2000, 2000, 2000, "exact")),
        ("one hundred and fifty", Quantity(150, 150, 150, "exact")),
        ("twelve", Quantity(12, 12, 12, "exact")),
        ("twenty-five", Quantity(25, 25, 25, "exact")),
        ("a thousand", Quantity(1000, 1000, 1000, "exact")),
        ("a hundred", Quantity(100, 100, 100, "exact")),
        ("Three hundred thousand", Quantity(300_000, 300_000, 300_000, "exact")),
        # qualifiers
        ("around 1,000", Quantity(1000, 900, 1100, "about")),
        ("some 12,000", Quantity(12000, 10800, 13200, "about")),
        ("roughly 1,100", Quantity(1100, 990, 1210, "about")),
        ("approximately 500", Quantity(500, 450, 550, "about")),
        ("an estimated 300", Quantity(300, 270, 330, "about")),
        ("almost 1,000", Quantity(1000, 900, 999, "about")),
        ("close to 2,000", Quantity(2000, 1800, 1999, "about")),
        ("just under 500", Quantity(500, 450, 499, "about")),
        ("over 300", Quantity(300, 301, None, "more_than")),
        ("upwards of 2,000", Quantity(2000, 2001, None, "more_than")),
        ("at least 50", Quantity(50, 50, None, "at_least")),
        ("up to 5,000", Quantity(5000, None, 5000, "up_to")),
        ("as many as 400", Quantity(400, None, 400, "up_to")),
        ("fewer than 100", Quantity(100, None, 99, "up_to")),
        ("less than 1,000", Quantity(1000, None, 999, "up_to")),
        ("under 200", Quantity(200, None, 199, "up_to")),
        # vague phrases
        ("a few hundred", Quantity(None, 200, 500, "vague")),
        ("hundreds of", Quantity(None, 200, 900, "vague")),
        ("several thousand", Quantity(None, 2000, 9000, "vague")),
        ("thousands of", Quantity(None, 2000, 9000, "vague")),
        ("a few thousand", Quantity(None, 2000, 5000, "vague")),
        ("tens of thousands of", Quantity(None, 20000, 90000, "vague")),
        ("dozens of", Quantity(None, 24, 99, "vague")),
        ("several dozen", Quantity(None, 24, 108, "vague")),
        ("a handful of", Quantity(None, 2, 9, "vague")),
        # ranges
        ("between 1,000 and 1,500", Quantity(None, 1000, 1500, "vague")),
        ("1,000 to 1,500", Quantity(None, 1000, 1500, "vague")),
        ("1,000-1,500", Quantity(None, 1000, 1500, "vague")),
        ("1,000–1,500", Quantity(None, 1000, 1500, "vague")),
        ("two to three thousand", Quantity(None, 2000, 3000, "vague")),
        # -strong
        ("5,100-strong", Quantity(5100, 5100, 5100, "exact")),
        ("several hundred-strong", Quantity(None, 200, 900, "vague")),
    ],
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text", ["", "troops", "some", "over", "€400m", "$1.5 million", "13%", "2nd", "hundred troops"]
)
def test_parse_quantity_rejects_non_numbers(text):
    assert parse_quantity(text) is None


@given(st.text(max_size=60))
def test_parse_quantity_never_raises(text):
    q = parse_quantity(text)
    if q is not None and q.low is not None and q.high is not None:
        assert q.low <= q.high


# ------------------------------------------------------------------ the component
def test_seed_article_troops(nlp):
    text = SEED.read_text(encoding="utf-8")
    records = run(nlp, text)
    got = [(r["text"], r["actor"], r["location_iso3"], r["value"], r["low"], r["high"])
           for r in records]  # fmt: skip
    assert got == [
        ("2,400 troops", "France", "MLI", 2400, 2400, 2400),
        ("several hundred-strong force", "European allies", "MLI", None, 200, 900),
    ]
    first, second = records
    assert first["qualifier"] == "exact" and first["unit"] == "troops"
    assert first["confidence"] == pytest.approx(0.9)
    assert second["qualifier"] == "vague" and second["unit"] == "force"
    assert second["confidence"] < first["confidence"]


@pytest.mark.parametrize(
    ("text", "span", "actor", "iso3", "low", "high"),
    [
        ("Germany's roughly 1,100 soldiers in Mali were the last to leave Gao.",
         "roughly 1,100 soldiers", "Germany", "MLI", 990, 1210),
        ("MINUSMA, the UN mission, kept some 12,000 peacekeepers in Mali until 2023.",
         "some 12,000 peacekeepers", "United Nations", "MLI", 10800, 13200),
        ("About 1,000 US troops stationed at Air Base 201 in Agadez began leaving in July.",
         "About 1,000 US troops", "United States", "NER", 900, 1100),
        ("Chad hosted nearly 1,000 French soldiers until they left N'Djamena in January.",
         "nearly 1,000 French soldiers", "France", "TCD", 900, 999),
        ("Barkhane peaked at a 5,100-strong force spread across the Sahel region.",
         "5,100-strong force", None, None, 5100, 5100),
        ("Moscow sent about 1,000 Wagner mercenaries to Mali after the 2021 coup.",
         "about 1,000 Wagner mercenaries", "Wagner Group", "MLI", 900, 1100),
        ("Britain withdrew its 300 British peacekeepers from Mali early.",
         "300 British peacekeepers", "United Kingdom", "MLI", 300, 300),
        ("Washington kept more than 1,000 American servicemen in Niger.",
         "more than 1,000 American servicemen", "United States", "NER", 1001, None),
        ("The Takuba task force had a few hundred special forces in Mali.",
         "a few hundred special forces", "European allies", "MLI", 200, 500),
        ("Between 1,000 and 1,500 Africa Corps instructors are now in Mali.",
         "Between 1,000 and 1,500 Africa Corps instructors", "Russia", "MLI", 1000, 1500),
        ("France, which had 5,100 troops in the region in 2020, cut its presence in Mali.",
         "5,100 troops", "France", None, 5100, 5100),  # "in the region": not one country
        ("Niger agreed to host up to 1,500 French soldiers near Niamey.",
         "up to 1,500 French soldiers", "France", "NER", None, 1500),
        ("Two thousand soldiers of the Chadian army were sent to Mali in 2013.",
         "Two thousand soldiers", "Chad", "MLI", 2000, 2000),
        ("At its height the UN mission counted a force of 13,000 in Mali.",
         "force of 13,000", "United Nations", "MLI", 13000, 13000),
    ],
)  # fmt: skip
def test_troop_strengths(nlp, text, span, actor, iso3, low, high):
    r = only(run(nlp, text))
    assert (r["text"], r["actor"], r["location_iso3"], r["low"], r["high"]) == (
        span,
        actor,
        iso3,
        low,
        high,
    )
    assert 0.3 <= r["confidence"] <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "30 soldiers were killed in an ambush near Gao.",
        "Jihadists killed 30 soldiers in Burkina Faso.",
        "The attack left 17 soldiers dead and 20 wounded.",
        "The deaths of 13 French soldiers in 2019 shocked Paris.",
        "A $110 million base was built in Agadez.",
        "The base cost €400m and housed drones.",
        "Resolution 2690 of 2023 ended the mission.",
        "In 2013 French troops intervened in Mali.",
        "Some 13% of the troops were women.",
        "The colonel, aged 45, led the coup.",
        "Three Reaper drones flew from Niamey.",
        "The junta gave the ambassador 48 hours to leave.",
        "Hundreds of JNIM fighters attacked the camp.",
        "More than 2,000 civilians fled to Niger.",
        "A 45-year-old soldier was detained.",
        "1,000 men and women marched in Bamako.",
    ],
)
def test_not_troop_strengths(nlp, text):
    assert run(nlp, text) == []


def test_location_is_inherited_within_a_sentence(nlp):
    text = (
        "A German contingent of 1,000 soldiers stationed in Gao was joined by "
        "several dozen Chadian instructors."
    )
    first, second = run(nlp, text)
    assert (first["actor"], first["location_iso3"]) == ("Germany", "MLI")
    assert (second["actor"], second["location_iso3"]) == ("Chad", "MLI")
    assert (second["low"], second["high"]) == (24, 108)


def test_change_of_level_keeps_the_later_figure(nlp):
    r = only(run(nlp, "France cut its force in Mali from 5,100 to 2,500 troops."))
    assert (r["text"], r["value"], r["actor"], r["location_iso3"]) == (
        "2,500 troops",
        2500,
        "France",
        "MLI",
    )


def test_a_person_counts_for_the_country_they_lead(nlp):
    r = only(run(nlp, "Macron said 2,400 troops would leave Mali."))
    assert r["actor"] == "France"  # the person record carries FRA
    assert r["location_iso3"] == "MLI"


def test_dates_before_a_force_are_not_strengths(nlp):
    for text in (
        "On 26 January, French special forces seized Gao airport.",
        "In the night of 29 to 30 January, French soldiers landed at Kidal.",
    ):
        assert run(nlp, text) == [], text


def test_without_actor_and_place_records(nlp):
    r = only(run(nlp, "Some 400 special forces remain.", actors=False, places=False))
    assert (r["actor"], r["location_iso3"], r["unit"]) == (None, None, "forces")
    assert (r["low"], r["high"], r["qualifier"]) == (360, 440, "about")


def test_factory_runs_in_a_pipeline(nlp):
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("sahel_troops")
    doc = pipeline("Deployed 1,000 men. The UN kept 12,000 blue helmets.")
    assert [r["text"] for r in facts_of(doc, "troops")] == ["1,000 men", "12,000 blue helmets"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["2,400", "troops", "French", "about", "several", "hundred", "-strong", "force",
             "of", "in", "Mali", "killed", "$", "%", "2013", "between", "and", "-", " ", ",",
             ".", "nearly", "Wagner", "soldiers", "a", "thousand", "to"]
        )
        | st.text(max_size=8),
        max_size=25,
    ).map(" ".join)
)  # fmt: skip
def test_component_on_arbitrary_text(nlp, text):
    records = run(nlp, text)
    for r in records:
        assert 0 <= r["start"] <= r["end"] <= len(text)
        if r["low"] is not None and r["high"] is not None:
            assert r["low"] <= r["high"]


def test_relative_where_and_there(nlp):
    r = only(run(nlp, "They may move to Niger, where France already has about 1,000 troops."))
    assert (r["actor"], r["location_iso3"]) == ("France", "NER")
    r = only(run(nlp, "After Paris chose to leave Mali, the 2,400 soldiers deployed there left."))
    assert r["location_iso3"] == "MLI"


def test_ceiling_and_previous_figure(nlp):
    text = (
        "Germany had roughly 1,100 troops in Mali. The parliamentary mandate allowed up to 1,400."
    )
    first, second = run(nlp, text)
    assert (second["text"], second["low"], second["high"]) == ("up to 1,400", None, 1400)
    assert (second["actor"], second["location_iso3"]) == ("Germany", "MLI")
    assert second["confidence"] < first["confidence"]


def test_several_countries_give_no_location(nlp):
    r = only(run(nlp, "Some 3,000 French troops are deployed to Niger and Chad."))
    assert (r["actor"], r["location_iso3"]) == ("France", None)


def test_article_country_is_the_last_resort(nlp):
    text = (
        "Mali expelled the envoy. Bamako, the capital of Mali, was calm. "
        "Estimates put Wagner's strength at between 1,500 and 2,000 fighters."
    )
    r = only(run(nlp, text))
    assert (r["actor"], r["location_iso3"], r["low"], r["high"]) == (
        "Wagner Group",
        "MLI",
        1500,
        2000,
    )
    assert r["confidence"] <= 0.7


def test_coordinated_qualifier_applies_to_both(nlp):
    text = "The UN mission withdrew its roughly 12,000 soldiers and 1,600 police officers."
    _, police = run(nlp, text)
    assert (police["low"], police["high"], police["qualifier"]) == (1440, 1760, "about")


def test_a_figure_that_is_deployed_is_a_strength_without_a_noun(nlp):
    r = only(run(nlp, "Roughly 350 were deployed in Niger when the coup came."))
    assert (r["text"], r["low"], r["high"], r["qualifier"]) == ("Roughly 350", 315, 385, "about")
    assert r["location_iso3"] == "NER"


# ------------------------------------------------------- attribution constructions
def test_n_of_its_soldiers(nlp):
    r = only(run(nlp, "Italy has cut its contingent, flying 65 of its soldiers home from Niamey."))
    assert (r["text"], r["low"], r["high"]) == ("65 of its soldiers", 65, 65)
    assert (r["actor"], r["location_iso3"]) == ("Italy", "NER")


def test_where_sources_sit_is_not_a_fallback_location(nlp):
    r = only(run(nlp, "The force has about 600 soldiers, according to officials in Paris."))
    assert r["location_iso3"] is None


@pytest.mark.parametrize(
    "text",
    [
        "The UK supported the French with about 100 crew.",
        "The UK was worried. Its minister sent about 100 crew to fight alongside the French.",
    ],
)
def test_a_partner_is_not_the_owner(nlp, text):
    assert only(run(nlp, text))["actor"] == "United Kingdom"


def test_part_of_a_force_is_not_its_owner(nlp):
    text = "Takuba grew fast. It has reached roughly 600 personnel, about half of them French."
    assert only(run(nlp, text))["actor"] == "European allies"


def test_an_inserted_clause_does_not_own_the_figure(nlp):
    text = (
        "Estonia's commitment, split between commandos and a platoon that guards the French "
        "base in Gao, stands at about 95 soldiers."
    )
    r = only(run(nlp, text))
    assert (r["actor"], r["low"], r["high"]) == ("Estonia", 86, 104)


def test_a_broad_region_gives_no_location(nlp):
    text = (
        "The UK kept 300 soldiers in Mali. "
        "Earlier the UK had helped France in the Sahel region with about 100 crew."
    )
    first, second = run(nlp, text)
    assert first["location_iso3"] == "MLI"
    assert (second["actor"], second["location_iso3"]) == ("United Kingdom", None)


def test_sent_from_is_where_the_force_came_from(nlp):
    r = only(run(nlp, "Chad sent about 2,000 soldiers north from Niger to Mali."))
    assert (r["actor"], r["location_iso3"]) == ("Chad", "MLI")
    r = only(run(nlp, "France withdrew 2,400 troops from Mali."))
    assert r["location_iso3"] == "MLI"


def test_a_spread_force_spreads_the_next_figure_of_the_sentence(nlp):
    text = (
        "Mali expelled the envoy. Bamako, the capital of Mali, was calm. France counts more "
        "than 5,000 troops across the region after a reinforcement of 600 announced in May."
    )
    first, second = run(nlp, text)
    assert (first["low"], first["location_iso3"]) == (5001, None)
    assert (second["text"], second["low"], second["high"]) == ("reinforcement of 600", 600, 600)
    assert (second["actor"], second["location_iso3"]) == ("France", None)


# ------------------------------------------------------------ figures without a noun
@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("About 3,500 French soldiers are in Mali, and the number is expected to peak at "
         "around 4,000 in the coming weeks.", 3600, 4400),
        ("About 3,500 French soldiers are in Mali, with permission to go up to 4,000 for "
         "short periods.", None, 4000),
        ("About 3,500 French soldiers landed in Mali. Officials said 200 more will follow.",
         200, 200),
        ("About 3,500 French soldiers landed in Mali. Another 500 are expected next month.",
         500, 500),
    ],
)  # fmt: skip
def test_a_bare_figure_continues_the_force_before_it(nlp, text, low, high):
    first, second = run(nlp, text)
    assert (second["low"], second["high"]) == (low, high)
    assert (second["actor"], second["location_iso3"]) == ("France", "MLI")
    assert second["confidence"] < first["confidence"]


@pytest.mark.parametrize(
    "text",
    [
        "About 3,500 French soldiers are in Mali, and the death toll rose to 40 this week.",
        "About 3,500 French soldiers are in Mali. The budget will rise to 400 next year.",
        "About 3,500 French soldiers are in Mali, and the share could rise to 40 percent.",
        "About 3,500 French soldiers are in Mali. 200 more vehicles will follow.",
        "About 3,500 French soldiers are in Mali. Prices went up. Later 200 more will follow.",
    ],
)
def test_other_counts_after_a_force_are_not_strengths(nlp, text):
    assert [r["text"] for r in run(nlp, text)] == ["About 3,500 French soldiers"]


def test_men_in_apposition_to_part_of_a_force(nlp):
    text = "Chad sent 1,200 soldiers to Niger. Later it brought half of them home, around 600 men."
    _, second = run(nlp, text)
    assert (second["text"], second["low"], second["high"]) == ("around 600 men", 540, 660)
    assert (second["actor"], second["location_iso3"]) == ("Chad", "NER")


def test_the_force_last_counted_owns_a_figure_with_no_actor_near(nlp):
    text = (
        "Some 1,000 French soldiers were stationed in Chad. The jets left in May. "
        "The camp closed. Then a first group of 120 soldiers flew home."
    )
    _, second = run(nlp, text)
    assert (second["low"], second["actor"], second["location_iso3"]) == (120, "France", "TCD")


def test_a_demonym_before_a_place_noun_is_a_place(nlp):
    text = "The jets landed in the Chadian capital. The ministry spoke of a force of 2,500."
    assert only(run(nlp, text))["actor"] is None


@pytest.mark.parametrize(
    "text",
    [
        "The rebels claimed to have killed 84 Wagner fighters and 47 Malian soldiers.",
        "By its own count, more than 15,000 Malian soldiers passed through its courses.",
        "Since 2013 the mission has trained more than 15,000 soldiers in Mali.",
    ],
)
def test_casualty_lists_and_trainees_are_not_strengths(nlp, text):
    assert run(nlp, text) == []


def test_the_answer_to_how_many_soldiers(nlp):
    text = "How many French soldiers were in Chad?\nAbout 600 in recent years, fewer than before."
    r = only(run(nlp, text))
    assert (r["text"], r["low"], r["high"], r["unit"]) == ("About 600", 540, 660, "soldiers")
    assert r["actor"] == "France"


def test_the_article_country_need_not_be_in_the_sahel(nlp):
    # Côte d'Ivoire is named most often after France, the force's home
    ivorian = {"Abidjan": ("CIV", "city"), "Côte d'Ivoire": ("CIV", "country")}
    text = (
        "France handed its Abidjan base to Côte d'Ivoire. Paris and Abidjan agreed. "
        "About 80 French soldiers will stay at the camp."
    )
    doc = nlp(text)
    for _, s, e in _mentions(text, ["French", "France"]):
        add_fact(doc, "actors", s, e, actor="France", actor_kind="state", iso3="FRA")
    for name, s, e in _mentions(text, [*ivorian, "Paris", "France"]):
        iso3, kind = ivorian.get(name) or PLACES[name]
        facts_of(doc, "places").append(
            {"start": s, "end": e, "text": name, "name": name, "kind": kind, "iso3": iso3}
        )
    TroopRecognizer()(doc)
    r = only(facts_of(doc, "troops"))
    assert (r["actor"], r["location_iso3"]) == ("France", "CIV")


def test_fell_is_a_casualty(nlp):
    assert (
        run(nlp, '"Twenty-eight of our soldiers fell while defending the homeland," he said.') == []
    )


def _doc_with(nlp, text, actors, places):
    """Run the component on ``text`` with the given actor and place stubs."""
    doc = nlp(text)
    for name, s, e in _mentions(text, actors):
        actor, kind, iso3 = actors[name]
        add_fact(doc, "actors", s, e, actor=actor, actor_kind=kind, iso3=iso3)
    for name, s, e in _mentions(text, places):
        iso3, kind = places[name]
        facts_of(doc, "places").append(
            {"start": s, "end": e, "text": name, "name": name, "kind": kind, "iso3": iso3}
        )
    TroopRecognizer()(doc)
    return facts_of(doc, "troops")


def test_with_no_force_named_the_soldiers_are_the_countrys_own(nlp):
    text = (
        "Benin mourns. Jihadists attacked Benin and Niger. Cotonou and Parakou are calm. "
        "Some 3,000 soldiers are now deployed along the northern border."
    )
    places = {"Benin": ("BEN", "country"), "Niger": ("NER", "country"),
              "Cotonou": ("BEN", "city"), "Parakou": ("BEN", "city")}  # fmt: skip
    r = only(_doc_with(nlp, text, {}, places))
    assert (r["actor"], r["location_iso3"]) == ("Benin", "BEN")


def test_a_direction_word_between_cue_and_place(nlp):
    text = "Mali and Mali. Chad sent 1,200 soldiers, to be based in western Niger."
    assert only(run(nlp, text))["location_iso3"] == "NER"


def test_a_state_contributes_the_peacekeepers_it_has(nlp):
    actors = {**ACTORS, "peacekeepers": ("United Nations", "armed force", None)}
    text = "Chad already has some 1,400 peacekeepers in the UN mission in northern Mali."
    r = only(_doc_with(nlp, text, actors, PLACES))
    assert (r["actor"], r["location_iso3"]) == ("Chad", "MLI")
    r = only(_doc_with(nlp, "The UN has some 12,000 peacekeepers in Mali.", actors, PLACES))
    assert r["actor"] == "United Nations"


def test_troops_from_a_list_of_countries_are_not_located_there(nlp):
    actors = {**ACTORS, "Estonia": ("Estonia", "state", "EST")}
    places = {**PLACES, "Estonia": ("EST", "country"), "Sweden": ("SWE", "country")}
    text = (
        "Takuba grew: several hundred commandos from Estonia, Sweden and Italy have joined "
        "French units in Mali."
    )
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("European allies", "MLI")


def test_a_regional_operation_as_a_whole_is_in_no_one_country(nlp):
    actors = {**ACTORS, "Barkhane": ("France", "armed force", "FRA")}
    text = (
        "Mali and Mali again. France sent 600 extra troops to Mali, raising Barkhane's "
        "strength from 4,500."
    )
    first, second = _doc_with(nlp, text, actors, PLACES)
    assert (first["low"], first["location_iso3"]) == (600, "MLI")
    assert (second["text"], second["low"], second["actor"]) == (
        "strength from 4,500",
        4500,
        "France",
    )
    assert second["location_iso3"] is None


def test_more_announced_continues_the_force(nlp):
    text = "About 100 Russian soldiers landed in Mali in January, with 200 more announced."
    _, second = run(nlp, text)
    assert (second["low"], second["actor"], second["location_iso3"]) == (200, "Russia", "MLI")


@pytest.mark.parametrize(
    "text",
    [
        "France has 5,100 troops in Mali. Another 10 were wounded in the attack.",
        "About 1,500 French soldiers are in Niger, and the temperature reached 45.",
    ],
)
def test_a_bare_figure_about_something_else_is_not_a_strength(nlp, text):
    assert len(run(nlp, text)) == 1


def test_bringing_that_number_down_in_the_next_sentence(nlp):
    text = (
        "France had about 5,100 soldiers in the Sahel region. "
        "Paris plans to bring that down to between 2,500 and 3,000 by 2023."
    )
    first, second = run(nlp, text)
    assert (second["text"], second["low"], second["high"]) == (
        "between 2,500 and 3,000",
        2500,
        3000,
    )
    assert (second["actor"], second["location_iso3"]) == ("France", first["location_iso3"])


def test_who_number(nlp):
    text = "Mali and Mali. The Takuba task force, who number several hundred, operate from Gao."
    r = only(run(nlp, text))
    assert (r["text"], r["low"], r["high"]) == ("several hundred", 200, 900)
    assert (r["actor"], r["location_iso3"]) == ("European allies", "MLI")


def test_mercenaries_of_a_state_are_the_company_the_article_names(nlp):
    text = "Bamako may hire Wagner. The deal could bring up to 1,000 Russian mercenaries to Mali."
    r = only(run(nlp, text))
    assert (r["actor"], r["location_iso3"], r["high"]) == ("Wagner Group", "MLI", 1000)
    r = only(run(nlp, "Some 500 Russian instructors arrived in Mali."))
    assert r["actor"] == "Russia"


def test_the_next_sentence_can_place_the_force(nlp):
    text = (
        "Mali and Mali. Chad will deploy 1,200 soldiers to the border area. "
        "The battalion is expected to be based near Tera in western Niger."
    )
    r = only(run(nlp, text))
    assert (r["actor"], r["location_iso3"]) == ("Chad", "NER")


def test_contributors_listed_after_from_do_not_own_the_force(nlp):
    text = "The regional force will include 5,000 troops from Niger, Chad and Mali."
    assert only(run(nlp, text))["actor"] is None


def test_a_list_of_contributors_with_their_figures(nlp):
    places = {**PLACES, "Estonia": ("EST", "country"), "Sweden": ("SWE", "country"),
              "Italy": ("ITA", "country"), "Gabon": ("GAB", "country")}  # fmt: skip
    text = (
        "Bamako was calm. The European force drew on Estonia (95), Sweden (150) and "
        "Italy (200). All were based in Mali."
    )
    got = [(r["text"], r["actor"], r["location_iso3"]) for r in _doc_with(nlp, text, {}, places)]
    assert got == [("95", "Estonia", "MLI"), ("150", "Sweden", "MLI"), ("200", "Italy", "MLI")]
    # one item, or no force word before the list: not a list of contingents
    assert _doc_with(nlp, "The force drew on Estonia (95) for its patrols.", {}, places) == []
    assert _doc_with(nlp, "Votes: Estonia (95), Sweden (150) and Italy (200).", {}, places) == []


def test_a_follow_up_figure_with_its_own_place(nlp):
    text = "The Russian unit has 2,000 personnel in Mali. Moscow sent another 100 to Burkina Faso."
    _, second = run(nlp, text)
    assert (second["low"], second["actor"], second["location_iso3"]) == (100, "Russia", "BFA")


def test_strong_after_the_force_noun(nlp):
    r = only(run(nlp, "The Chadian contingent, 1,400 strong, is based in Gao."))
    assert (r["low"], r["high"], r["actor"], r["location_iso3"]) == (1400, 1400, "Chad", "MLI")


@pytest.mark.parametrize(
    "text",
    [
        "Takuba was born in 2020. Launched under French command, it brought together "
        "several hundred commandos from countries including Estonia and Sweden.",
        "Takuba was born in 2020. Under French command, it gathered several hundred "
        "commandos from Estonia, Sweden and Italy.",
    ],
)
def test_troops_drawn_from_several_countries_belong_to_the_coalition(nlp, text):
    places = {**PLACES, "Estonia": ("EST", "country"), "Sweden": ("SWE", "country"),
              "Italy": ("ITA", "country")}  # fmt: skip
    r = only(_doc_with(nlp, text, ACTORS, places))
    assert r["actor"] == "European allies"


def test_withdrawing_from_several_countries_is_not_a_coalition(nlp):
    text = (
        "Takuba ended. France ended years of fighting and withdrew 2,400 troops from Mali "
        "and Niger."
    )
    assert only(run(nlp, text))["actor"] == "France"


def test_battalions_provided_by_member_states_belong_to_the_organisation(nlp):
    actors = {**ACTORS, "G5 Sahel": ("G5 Sahel", "organisation", None)}
    text = (
        "France backed the G5 Sahel plan. The plan was for 5,000 soldiers, organised in "
        "battalions provided by the member states."
    )
    r = only(_doc_with(nlp, text, actors, PLACES))
    assert (r["actor"], r["low"]) == ("G5 Sahel", 5000)


_PHRASES = [
    "2,400",
    "troops",
    "French",
    "about",
    "a total of about",
    "tens of thousands of",
    "a handful of",
    "several",
    "hundred",
    "-strong",
    "force",
    "of",
    "in",
    "Mali",
    "between",
    "and",
    "nearly",
    "soldiers",
    "a couple of dozen",
    "were deployed",
    "strong",
    "who number",
    "How many soldiers?",
    "(95)",
    "Estonia",
    "\n",
    "  ",
    ".",
]


def _scanning_near_numbers_finds_what_a_full_scan_finds(text):
    import sahel_analysis.language.troops as troops

    def spans():
        return [(h.start, h.end, h.quantity, h.unit) for h in TroopRecognizer.find(text)]

    quick = spans()
    anchored = troops._figure_starts
    try:
        troops._figure_starts = lambda t: list(range(len(t)))  # every position
        assert spans() == quick
    finally:
        troops._figure_starts = anchored


@pytest.mark.parametrize(
    "text",
    [
        "It had a total of about 2,400 troops.",
        "Tens of thousands of soldiers marched.",
        "A couple of dozen   troops stayed; an approximate 300 soldiers left.",
        "Between two and three thousand soldiers were deployed.",
    ],
)
def test_scanning_near_numbers_finds_long_phrases(text):
    _scanning_near_numbers_finds_what_a_full_scan_finds(text)
    assert TroopRecognizer.find(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES) | st.text(max_size=6), max_size=20).map(" ".join))
def test_scanning_near_numbers_finds_what_a_full_scan_finds(text):
    _scanning_near_numbers_finds_what_a_full_scan_finds(text)


@pytest.mark.parametrize(
    ("text", "low"),
    [("The French contingent numbered 5,100 in Mali.", 5100),
     ("The German force totalled 1,100 in Mali.", 1100)],
)  # fmt: skip
def test_a_force_numbered_or_totalled(nlp, text, low):
    r = only(run(nlp, text))
    assert (r["low"], r["location_iso3"]) == (low, "MLI")


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("France kept about 350 soldiers in Niger since 2011. Around 100 of them left in March.",
         90),
        ("Germany had 1,400 personnel in Mali. The last 300 are due to leave by December.", 300),
    ],
)  # fmt: skip
def test_part_of_a_force_continues_it(nlp, text, low):
    first, second = run(nlp, text)
    assert second["low"] == low
    assert (second["actor"], second["location_iso3"]) == (first["actor"], first["location_iso3"])


def test_the_last_days_are_not_a_force(nlp):
    assert len(run(nlp, "France has 1,000 troops in Chad. The last 3 days were calm.")) == 1


def test_an_offer_after_a_force_is_the_offering_states(nlp):
    actors = {**ACTORS, "Senegal": ("Senegal", "state", "SEN")}
    text = "Chad would provide 1,000 soldiers for the force in Niger, while Senegal offered 850."
    _, second = _doc_with(nlp, text, actors, PLACES)
    assert (second["low"], second["actor"], second["location_iso3"]) == (850, "Senegal", "NER")


def test_troops_along_its_own_border_are_at_home(nlp):
    actors = {**ACTORS, "Mauritania": ("Mauritania", "state", "MRT")}
    text = "Mauritania deployed 2,000 troops along its eastern border with Mali."
    r = only(_doc_with(nlp, text, actors, PLACES))
    assert (r["actor"], r["location_iso3"]) == ("Mauritania", "MRT")


def test_a_casualty_in_the_previous_sentence_does_not_hide_a_force(nlp):
    r = only(run(nlp, "Gunmen killed 30 soldiers. Some 200 police were then deployed in Gao."))
    assert (r["text"], r["unit"], r["location_iso3"]) == ("Some 200 police", "police", "MLI")


def test_a_presence_in_the_country_numbered(nlp):
    text = "Niger was calm. The American presence in the country numbered about 1,100."
    r = only(run(nlp, text))
    assert (r["actor"], r["location_iso3"], r["low"], r["high"]) == (
        "United States",
        "NER",
        990,
        1210,
    )


# ------------------------------------------- second round: constructions from new articles
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,000 or so", Quantity(3000, 2700, 3300, "about")),
        ("500 or more", Quantity(500, 500, None, "at_least")),
    ],
)
def test_a_figure_qualified_after_it(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("They sent a few hundred reconnaissance troops.", "a few hundred reconnaissance troops"),
        ("Chad sent 500 infantry soldiers.", "500 infantry soldiers"),
        ("Kiev sent 400 Russian servicemen.", "400 Russian servicemen"),
        ("The junta wants 50,000 volunteers.", "50,000 volunteers"),
        ("The force was thought to number about 15,000 men.", "about 15,000 men"),
        ("He said his group of several dozen men had few rifles.", "several dozen men"),
        ("Of the recruits, 35,000 will serve in their own communes.", "35,000"),
        ("The army itself, about 11,000 strong then, grew.", "army itself, about 11,000 strong"),
    ],
)  # fmt: skip
def test_more_ways_of_writing_a_force(text, span):
    assert [h for h in TroopRecognizer.find(text) if text[h.start : h.end] == span]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 49 of its soldiers were arrested at the airport.",
        "Gunmen left 20 dead soldiers on the road.",
        "The convoy carried 40 vehicles and troops.",
    ],
)
def test_detainees_and_things_are_not_a_force(text):
    assert TroopRecognizer.find(text) == []


def test_the_leader_of_an_operation_does_not_own_a_contribution(nlp):
    text = "The UK sent a detachment to the French-led operation with about 100 crew."
    r = only(run(nlp, text))
    assert r["actor"] == "United Kingdom"


def test_who_authorises_a_force_does_not_own_it(nlp):
    actors = {"MNJTF": ("Multinational Joint Task Force", "armed force", None),
              "African Union": ("African Union", "organisation", None)}  # fmt: skip
    places = {"Niger": ("NER", "country"), "Chad": ("TCD", "country")}
    text = (
        "Chad and Niger are members. The MNJTF was authorised by the African Union with "
        "7,500 personnel."
    )
    r = only(_doc_with(nlp, text, actors, places))
    # a force of several countries has no one location
    assert (r["actor"], r["location_iso3"]) == ("Multinational Joint Task Force", None)


def test_a_country_that_opens_the_clause_owns_the_figure(nlp):
    # no actor record: the actors component did not mark "Nigeria provides"
    places = {"Nigeria": ("NGA", "country"), "Borno State": ("NGA", "admin1"),
              "Benin": ("BEN", "country")}  # fmt: skip
    text = (
        "Benin sent a few officers. Nigeria provides the largest contingent, more than "
        "3,000 soldiers, almost all of them inside its own borders in Borno State."
    )
    records = _doc_with(nlp, text, {}, places)
    r = next(r for r in records if r["low"] == 3001)
    assert (r["actor"], r["location_iso3"]) == ("Nigeria", "NGA")


def test_each_of_several_subjects_has_the_figure(nlp):
    places = {"Burkina Faso": ("BFA", "country"), "Niger": ("NER", "country"),
              "Guinea": ("GIN", "country"), "Mali": ("MLI", "country")}  # fmt: skip
    text = (
        "The mission is in Mali. Burkina Faso, Niger and Guinea each maintained a "
        "battalion of between 600 and 850 troops in Mali."
    )
    records = _doc_with(nlp, text, {}, places)
    assert sorted(r["actor"] for r in records) == ["Burkina Faso", "Guinea", "Niger"]
    assert {(r["low"], r["high"], r["location_iso3"]) for r in records} == {(600, 850, "MLI")}


def test_several_subjects_together_count_for_the_mission(nlp):
    places = {"Egypt": ("EGY", "country"), "Jordan": ("JOR", "country"),
              "Bangladesh": ("BGD", "country"), "Mali": ("MLI", "country")}  # fmt: skip
    actors = {"MINUSMA": ("United Nations", "organisation", None)}
    text = (
        "MINUSMA has about 12,000 troops in Mali. Egypt, Bangladesh and Jordan, from "
        "outside the continent, sent another 3,000 or so between them."
    )
    _, second = _doc_with(nlp, text, actors, places)
    assert (second["actor"], second["low"], second["high"]) == ("United Nations", 2700, 3300)


def test_the_army_of_the_country_named_in_the_sentence(nlp):
    actors = {"Côte d'Ivoire": ("Côte d'Ivoire", "state", "CIV")}
    places = {"Benin": ("BEN", "country"), "Côte d'Ivoire": ("CIV", "country")}
    text = (
        "Côte d'Ivoire is worried. In Benin, where attacks have killed more than 20 "
        "soldiers, the army has deployed about 3,000 troops in the north."
    )
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"], r["low"]) == ("Benin", "BEN", 2700)


def test_in_the_north_is_the_country_named_just_before(nlp):
    actors = {"Togolese": ("Togo", "state", "TGO")}
    places = {"Togo": ("TGO", "country"), "Abidjan": ("CIV", "city"),
              "Côte d'Ivoire": ("CIV", "country")}  # fmt: skip
    text = (
        "Côte d'Ivoire and Abidjan lead the count. Togo declared an emergency. "
        "Several thousand Togolese soldiers now serve in the north."
    )
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("Togo", "TGO")


def test_troops_sent_to_its_own_region_are_at_home(nlp):
    actors = {"Ghana": ("Ghana", "state", "GHA")}
    places = {"Ghana": ("GHA", "country"), "Togo": ("TGO", "country")}
    text = "Togo is calm. Ghana has sent a few hundred soldiers to its Upper East region."
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("Ghana", "GHA")


def test_a_place_named_once_is_not_the_topic_of_the_article(nlp):
    places = {"Burkina Faso": ("BFA", "country"), "Young": ("URY", "city"),
              "Djibo": ("BFA", "city"), "Ouagadougou": ("BFA", "city")}  # fmt: skip
    actors = {"Burkina Faso": ("Burkina Faso", "state", "BFA")}
    text = (
        "Burkina Faso's junta wants 50,000 volunteers. Young men queued in Ouagadougou and Djibo."
    )
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("Burkina Faso", "BFA")


def test_parts_placed_and_contributed(nlp):
    actors = {"French": ("France", "state", "FRA"), "UN": ("United Nations", "organisation", None)}
    places = {"Niger": ("NER", "country"), "Chad": ("TCD", "country"),
              "Togo": ("TGO", "country"), "Mali": ("MLI", "country")}  # fmt: skip
    text = (
        "Some 3,000 French troops remain in the region, 1,500 of them in Niger and 1,000 "
        "in Chad. In Mali the UN counts nearly 12,000 peacekeepers, including 1,400 from "
        "Chad and 900 from Togo."
    )
    got = [
        (r["text"], r["actor"], r["location_iso3"]) for r in _doc_with(nlp, text, actors, places)
    ]
    assert got[1:] == [
        ("1,500 of them", "France", "NER"),
        ("1,000", "France", "TCD"),
        ("nearly 12,000 peacekeepers", "United Nations", "MLI"),
        ("1,400", "Chad", "MLI"),
        ("900", "Togo", "MLI"),
    ]


def test_a_headline_infinitive_and_the_mission_served_with(nlp):
    actors = {"EU": ("European Union", "organisation", None)}
    places = {"Germany": ("DEU", "country"), "Mali": ("MLI", "country")}
    text = (
        "Germany to keep up to 1,400 soldiers in Mali\n\n"
        "Another 300 serve with the EU training mission."
    )
    got = [
        (r["actor"], r["location_iso3"], r["high"]) for r in _doc_with(nlp, text, actors, places)
    ]
    assert got == [("Germany", "MLI", 1400), ("Germany", "MLI", 300)]


def test_a_national_army_is_at_home(nlp):
    actors = {"Mali": ("Mali", "state", "MLI"), "Germany": ("Germany", "state", "DEU")}
    places = {"Berlin": ("DEU", "city"), "Bonn": ("DEU", "city")}
    text = "Berlin and Bonn agree. Mali's army, estimated at 40,000 personnel, needs help."
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("Mali", "MLI")


@pytest.mark.parametrize(
    ("text", "span", "low"),
    [
        ("Chad will send a 1,000-man battalion.", "1,000-man battalion", 1000),
        ("The 1,100-person presence is calm.", "1,100-person presence", 1100),
        ("A 300-member contingent arrived.", "300-member contingent", 300),
    ],
)
def test_a_compound_of_figure_and_person_counts_the_force(text, span, low):
    hit = only(TroopRecognizer.find(text))
    assert (text[hit.start : hit.end], hit.quantity.low) == (span, low)


def test_where_a_force_came_down_from_is_the_same_force(nlp):
    text = "There are about 4,600 French troops in Mali, down from a peak of 5,100 in 2020."
    _, second = run(nlp, text)
    assert (second["low"], second["actor"]) == (5100, "France")


def test_the_tri_border_area_is_no_one_country(nlp):
    places = {"Niger": ("NER", "country"), "Mali": ("MLI", "country")}
    actors = {"Chad": ("Chad", "state", "TCD")}
    text = "Niger and Mali are worried. Chad will send 1,000 soldiers to the tri-border area."
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("Chad", None)


def test_a_national_force_in_an_article_about_its_own_country(nlp):
    actors = {"Malian": ("Mali", "state", "MLI")}
    places = {"Mali": ("MLI", "country"), "Bamako": ("MLI", "city"),
              "Denmark": ("DNK", "country"), "Copenhagen": ("DNK", "city")}  # fmt: skip
    text = (
        "Copenhagen and Denmark react. Mali and Bamako insist. Mali is calm. "
        "One thousand Malian soldiers took part in the operation."
    )
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("Mali", "MLI")


def test_garrisons_listed_by_host_country(nlp):
    places = {"Senegal": ("SEN", "country"), "Côte d'Ivoire": ("CIV", "country"),
              "Gabon": ("GAB", "country")}  # fmt: skip
    text = (
        "France is cutting its troops: its garrisons in Senegal (350), Côte d'Ivoire (600) "
        "and Gabon (350) will shrink."
    )
    got = [(r["low"], r["actor"], r["location_iso3"]) for r in run_with(nlp, text, places)]
    assert got == [(350, "France", "SEN"), (600, "France", "CIV"), (350, "France", "GAB")]


def run_with(nlp, text, places):
    return _doc_with(nlp, text, {"France": ("France", "state", "FRA")}, places)


def test_a_place_with_a_foreign_force_hosts_it(nlp):
    actors = {"French": ("France", "state", "FRA")}
    places = {"Djibouti": ("DJI", "country"), "Chad": ("TCD", "country")}
    text = "France left Chad. Only Djibouti, with 1,500 French troops, is spared."
    r = only(_doc_with(nlp, text, actors, places))
    assert (r["actor"], r["location_iso3"]) == ("France", "DJI")


def test_perhaps_is_an_estimate():
    assert parse_quantity("perhaps 2,000") == Quantity(2000, 1800, 2200, "about")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Of those, roughly 1,000 will remain in Niger.", "roughly 1,000"),
        ("About 500 stayed behind.", "About 500"),
    ],
)
def test_a_figure_that_remains_somewhere_is_a_force(text, span):
    assert [text[h.start : h.end] for h in TroopRecognizer.find(text)] == [span]


def test_remaining_in_hospital_is_no_force():
    assert TroopRecognizer.find("Twelve remain in hospital.") == []


def test_a_strength_set_off_after_the_force_name(nlp):
    actors = {"Barkhane": ("France", "armed force", "FRA")}
    text = "Operation Barkhane, 4,500-strong at its launch, spread across five countries."
    r = only(_doc_with(nlp, text, actors, {}))
    assert (r["text"], r["actor"], r["low"]) == ("4,500-strong", "France", 4500)


def test_whom_a_force_is_for_does_not_own_it(nlp):
    actors = {"Chad": ("Chad", "state", "TCD"), "Mali": ("Mali", "state", "MLI")}
    text = "Chad said so. The council created a mission of 12,640 personnel for Mali."
    r = only(_doc_with(nlp, text, actors, {"Mali": ("MLI", "country")}))
    assert r["actor"] != "Mali"


def test_men_a_force_arrives_with():
    text = "Africa Corps took over, with perhaps 2,000 men across the region."
    hit = only(TroopRecognizer.find(text))
    assert (text[hit.start : hit.end], hit.quantity.low) == ("perhaps 2,000 men", 1800)
    assert TroopRecognizer.find("The raid ended with 12 men missing.") == []


def test_a_group_of_a_force_on_the_move():
    text = "The first group of about 100 left for Germany this week."
    hit = only(TroopRecognizer.find(text))
    assert (text[hit.start : hit.end], hit.quantity.high) == ("first group of about 100", 110)
    assert TroopRecognizer.find("A group of 20 journalists visited.") == []


def test_an_actor_naming_a_place_or_in_another_clause_does_not_own(nlp):
    actors = {"UN": ("United Nations", "organisation", None), "Chadian": ("Chad", "state", "TCD"),
              "Malian": ("Mali", "state", "MLI")}  # fmt: skip
    text = (
        "Malian troops entered Kidal. Dozens of soldiers raised the flag over the former UN "
        "camp, which 40 Chadian peacekeepers had left."
    )
    first, second = _doc_with(nlp, text, actors, {"Kidal": ("MLI", "city")})
    assert first["actor"] not in ("United Nations", "Chad")
    assert second["actor"] == "Chad"


def test_russian_paramilitaries_are_the_company_the_article_names(nlp):
    text = "Wagner arrived. Hundreds of Russian paramilitaries entered Gao."
    r = only(run(nlp, text))
    assert r["actor"] == "Wagner Group"


def test_a_force_brought_to_a_new_size(nlp):
    text = "France to halve its Sahel force to 2,500 by 2023"
    r = only(run(nlp, text))
    # the new size of a force spread over several countries: no one location
    assert (r["text"], r["actor"], r["location_iso3"]) == ("2,500", "France", None)


def test_a_part_included_in_a_total_and_a_force_that_numbers(nlp):
    text = "France has about 4,300 troops in the Sahel, including 2,400 in Mali."
    _, part = run(nlp, text)
    assert (part["text"], part["actor"], part["location_iso3"]) == ("2,400", "France", "MLI")
    text = "Mali hired Wagner, whose contractors number between 800 and 1,000."
    r = only(run(nlp, text))
    assert (r["actor"], r["low"], r["high"]) == ("Wagner Group", 800, 1000)
