"""Tests of the ``sahel_people`` component on ``spacy.blank("en")``."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.language import people
from sahel_analysis.language.extensions import add_fact, facts_of

SEED_PLACES = (
    "Belgium",
    "Mali",
    "Paris",
    "Bamako",
    "Niger",
    "Chad",
    "Burkina Faso",
    "West Africa",
    "France",
    "Sahel",
)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sahel_people")
    return nlp


def run(nlp, text, places=(), orgs=(), exclude=None):
    """Sentences, then injected place/organisation records, then the people finder."""
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    for word in places:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            add_fact(doc, "places", m.start(), m.end(), name=word)
    for word, actor in orgs:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            add_fact(doc, "actors", m.start(), m.end(), actor=actor, actor_kind="organisation")
    people.find_people(doc, exclude=exclude)
    return doc


def persons(doc):
    return [r for r in facts_of(doc, "actors") if r["actor_kind"] == "person"]


def table(doc):
    return [(r["text"], r["actor"], r["role"], r["iso3"]) for r in persons(doc)]


def test_seed_macron_full_name_and_surnames(nlp, seed_text):
    text = seed_text
    doc = run(nlp, text, places=SEED_PLACES)
    rows = persons(doc)
    assert rows[0]["text"] == "Emmanuel Macron"
    assert (rows[0]["role"], rows[0]["iso3"]) == ("President", "FRA")
    assert {r["actor"] for r in rows} == {"Emmanuel Macron"}
    assert sum(r["text"] == "Macron" for r in rows) == 4
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mali's junta leader Colonel Assimi Goïta said the troops must go. "
            "Later Colonel Goïta met Goïta's ministers.",
            [
                ("Assimi Goïta", "Assimi Goïta", "junta leader Colonel", "MLI"),
                ("Goïta", "Assimi Goïta", "Colonel", "MLI"),
                ("Goïta", "Assimi Goïta", "junta leader Colonel", "MLI"),
            ],
        ),
        (
            "Niger junta spokesman Colonel Amadou Abdramane read the statement. "
            "Abdramane accused France.",
            [
                ("Amadou Abdramane", "Amadou Abdramane", "junta spokesman Colonel", "NER"),
                ("Abdramane", "Amadou Abdramane", "junta spokesman Colonel", "NER"),
            ],
        ),
        (
            "Abdoulaye Diop, Mali's foreign minister, addressed the Security Council.",
            [("Abdoulaye Diop", "Abdoulaye Diop", "foreign minister", "MLI")],
        ),
        (
            "U.S. Secretary of State Antony Blinken visited Niamey in March. Mr Blinken left.",
            [
                ("Antony Blinken", "Antony Blinken", "Secretary of State", "USA"),
                ("Blinken", "Antony Blinken", "Mr", "USA"),
            ],
        ),
        (
            "Former French foreign minister Jean-Yves Le Drian called the junta illegitimate. "
            "Le Drian spoke again in 2022.",
            [
                ("Jean-Yves Le Drian", "Jean-Yves Le Drian", "Former foreign minister", "FRA"),
                ("Le Drian", "Jean-Yves Le Drian", "Former foreign minister", "FRA"),
            ],
        ),
        (
            "German Chancellor Olaf Scholz and Defence Minister Boris Pistorius agreed. "
            "Pistorius flew to Niamey.",
            [
                ("Olaf Scholz", "Olaf Scholz", "Chancellor", "DEU"),
                ("Boris Pistorius", "Boris Pistorius", "Defence Minister", None),
                ("Pistorius", "Boris Pistorius", "Defence Minister", None),
            ],
        ),
        (
            "Burkina Faso's transitional president, Captain Ibrahim Traoré, expelled the "
            "French. Traoré was cheered.",
            [
                ("Ibrahim Traoré", "Ibrahim Traoré", "transitional president Captain", "BFA"),
                ("Traoré", "Ibrahim Traoré", "transitional president Captain", "BFA"),
            ],
        ),
        (
            "Chad's President Mahamat Idriss Déby flew to Paris. Déby met his generals.",
            [
                ("Mahamat Idriss Déby", "Mahamat Idriss Déby", "President", "TCD"),
                ("Déby", "Mahamat Idriss Déby", "President", "TCD"),
            ],
        ),
        (
            "France's Armed Forces Minister Sébastien Lecornu announced the pull-out.",
            [("Sébastien Lecornu", "Sébastien Lecornu", "Armed Forces Minister", "FRA")],
        ),
        (
            "US Defense Secretary Lloyd Austin said the drone base would close. "
            "Austin gave no date.",
            [
                ("Lloyd Austin", "Lloyd Austin", "Defense Secretary", "USA"),
                ("Austin", "Lloyd Austin", "Defense Secretary", "USA"),
            ],
        ),
        (
            "El-Ghassim Wane, the head of MINUSMA, briefed the council. Wane warned of attacks.",
            [
                ("El-Ghassim Wane", "El-Ghassim Wane", "head", None),
                ("Wane", "El-Ghassim Wane", "head", None),
            ],
        ),
    ],
)
def test_titles_appositions_and_later_mentions(nlp, text, expected):
    assert table(run(nlp, text)) == expected


def test_speech_patterns_without_titles(nlp):
    doc = run(
        nlp,
        "The coup was confirmed on Thursday, said Abdourahamane Tiani. "
        "Sidiki Kaba told reporters he was worried. Tiani then left.",
    )
    assert [(r["text"], r["actor"]) for r in persons(doc)] == [
        ("Abdourahamane Tiani", "Abdourahamane Tiani"),
        ("Sidiki Kaba", "Sidiki Kaba"),
        ("Tiani", "Abdourahamane Tiani"),
    ]


def test_hyphenated_rank_and_ngo_names(nlp):
    doc = run(
        nlp,
        "Colonel-Major Amadou Abdramane read the statement. Human Rights Watch "
        "said the army was responsible.",
    )
    assert table(doc) == [("Amadou Abdramane", "Amadou Abdramane", "Colonel-Major", None)]


def test_surname_links_to_nearest_preceding_full_name(nlp):
    doc = run(
        nlp,
        "President Idriss Déby Itno died in 2021. His son, General Mahamat Déby, "
        "took power. Déby promised elections.",
    )
    assert [r["actor"] for r in persons(doc)] == [
        "Idriss Déby Itno",
        "Mahamat Déby",
        "Mahamat Déby",
    ]


def test_places_organisations_and_common_words_are_not_persons(nlp):
    text = (
        "Burkina Faso said on Monday that the Wagner Group had left. Western Sahara is far. "
        "However Africa Corps said nothing. The European Union said it would stay. "
        "Islamic State claimed the attack. Le Monde reported it."
    )
    doc = run(
        nlp,
        text,
        places=("Burkina Faso",),
        orgs=(("Wagner Group", "Wagner Group"), ("Africa Corps", "Russia")),
    )
    assert persons(doc) == []


def test_injected_place_blocks_a_name_like_span(nlp):
    text = "Diffa Moussa said the town was calm."
    assert table(run(nlp, text))[0][1] == "Diffa Moussa"
    assert persons(run(nlp, text, places=("Diffa",))) == []


def test_exclude_callable_rejects_candidates(nlp):
    text = "Abdoulaye Diop, Mali's foreign minister, spoke."
    assert persons(run(nlp, text, exclude=lambda name: name.startswith("Abdoulaye"))) == []


@spacy.registry.misc("test_people.no_diop")
def no_diop():
    return lambda name: "Diop" in name


def test_factory_accepts_registered_exclude_in_config():
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_people", config={"exclude": {"@misc": "test_people.no_diop"}})
    doc = nlp("Abdoulaye Diop, Mali's foreign minister, spoke. Assimi Goïta said no.")
    assert [r["actor"] for r in persons(doc)] == ["Assimi Goïta"]


def test_existing_person_records_are_not_duplicated(nlp):
    text = "Assimi Goïta said no."
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    add_fact(doc, "actors", 0, 12, actor="Assimi Goïta", actor_kind="person")
    people.find_people(doc)
    assert len(persons(doc)) == 1


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"Aa Zz.É'’-,\n",
                "Macron",
                "President ",
                "Colonel ",
                "Goïta ",
                "said ",
                "de ",
                "Le ",
                "Mr ",
            ]
        ),
        max_size=40,
    ).map("".join)
    | st.text(max_size=80)
)
def test_arbitrary_text_never_raises_and_offsets_hold(nlp, text):
    doc = run(nlp, text)
    for r in persons(doc):
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"] : r["end"]] == r["text"]


def _spans(matches):
    return [(m.span(), m.span("title"), m.span("name"), m.group("country")) for m in matches]


# Pieces of title phrases in every shape the lexicon knows: countries with and without
# "'s", "the", modifiers, offices in any case, ranks with dots, the "<any word> director"
# form, hyphens, no-break spaces and names.
_TITLE_PIECES = [
    *" ,.-'’\u00a0",
    "the ",
    "The ",
    "France's ",
    "Côte d'Ivoire ",
    "U.S. ",
    "junta ",
    "UN ",
    "de facto ",
    "self-proclaimed ",
    "Defence ",
    "defense ",
    "armed forces ",
    "European ",
    "Foreign Affairs ",
    "minister ",
    "Minister ",
    "vice-president ",
    "Vice President ",
    "spokeswoman ",
    "Secretary-General ",
    "chief of staff ",
    "programme director ",
    "Director ",
    "Colonel-Major ",
    "Brig. Gen. ",
    "Mr. ",
    "Mrs ",
    "Lt. ",
    "Emmanuel ",
    "Macron",
    "Goïta ",
    "said ",
    "and ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=14).map("".join))
def test_title_scan_finds_what_the_full_pattern_finds(text):
    # the scan only tries the pattern where a title phrase can start; it must find
    # exactly the matches a plain scan of the whole text finds
    assert _spans(people._titled_matches(text)) == _spans(people._TITLED_RE.finditer(text))


def test_title_scan_on_the_seed_article(seed_text):
    found = _spans(people._titled_matches(seed_text))
    assert found == _spans(people._TITLED_RE.finditer(seed_text))
    assert found  # "President Emmanuel Macron" and friends


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The programme director Aïcha Maïga said the camp was full.", "Aïcha Maïga"),
        ("Niger's defence minister Salifou Mody flew to Bamako.", "Salifou Mody"),
        ("Europe minister Laurence Boone met Colonel-Major Assimi Goïta.", "Laurence Boone"),
    ],
)
def test_titles_open_with_any_of_their_words(nlp, text, name):
    actors = [r["actor"] for r in persons(run(nlp, text))]
    assert name in actors


@pytest.mark.parametrize("verb", ["cautioned", "retorted", "conceded", "confided"])
def test_unknown_names_next_to_any_verb_of_saying(nlp, verb):
    doc = run(nlp, f"Nanout Kotia {verb} that the town would empty within a week.")
    assert [r["actor"] for r in persons(doc)] == ["Nanout Kotia"]
