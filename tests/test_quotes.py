"""Tests of the ``sahel_quotes`` component on ``spacy.blank("en")``."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.language import people, quotes
from sahel_analysis.language.extensions import add_fact, facts_of


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sahel_people")
    nlp.add_pipe("sahel_quotes")
    return nlp


def run(nlp, text, orgs=(), places=(), countries=()):
    """Sentences, injected place/organisation records, then people and quotes."""
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    for word in places:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            add_fact(doc, "places", m.start(), m.end(), name=word)
    for word in countries:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            add_fact(doc, "places", m.start(), m.end(), name=word, kind="country")
    for word, actor in orgs:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            add_fact(doc, "actors", m.start(), m.end(), actor=actor, actor_kind="organisation")
    doc = nlp.get_pipe("sahel_people")(doc)
    return nlp.get_pipe("sahel_quotes")(doc)


def rows(doc):
    return [(q["text"], q["speaker"]) for q in facts_of(doc, "quotes")]


def test_seed_matches_gold(nlp, seed_text):
    text = seed_text
    doc = run(nlp, text, places=("Mali", "Paris", "Bamako", "Niger", "France", "Sahel"))
    found = facts_of(doc, "quotes")
    gold = [
        ("We cannot remain militarily engaged", "Emmanuel Macron"),
        ("The heart of this military operation", "Emmanuel Macron"),
        ("in an orderly manner", None),
    ]
    assert [
        (q["text"][: len(g)], q["speaker"]) for q, (g, _) in zip(found, gold, strict=True)
    ] == gold
    assert found[0]["speaker_role"] == "President"
    assert found[2]["speaker_role"] is None
    for q in found:
        assert text[q["start"] : q["end"]] == q["text"]
        assert not q["text"].startswith(("“", '"')) and not q["text"].endswith(("”", '"'))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly, speaker after (surname resolved to the full name)
        (
            "Mali's junta leader Colonel Assimi Goïta spoke in Bamako. “We will not bow to "
            "pressure from anyone”, Goïta told the crowd.",
            [("We will not bow to pressure from anyone", "Assimi Goïta")],
        ),
        # straight, verb before speaker
        (
            '"The French army must leave our territory," said Colonel Amadou Abdramane, '
            "the junta spokesman.",
            [("The French army must leave our territory", "Amadou Abdramane")],
        ),
        # speaker before, colon
        (
            'Malian Foreign Minister Abdoulaye Diop said: "MINUSMA has failed to respond '
            'to the security challenges."',
            [("MINUSMA has failed to respond to the security challenges.", "Abdoulaye Diop")],
        ),
        # told reporters + quote
        (
            "U.S. Secretary of State Antony Blinken told reporters “Niger is a model of "
            "democracy in the region” during his visit.",
            [("Niger is a model of democracy in the region", "Antony Blinken")],
        ),
        # pronoun -> most recent person before the quote
        (
            "General Abdourahamane Tiani addressed the nation on television. "
            '"We have decided to take our responsibilities," he said.',
            [("We have decided to take our responsibilities", "Abdourahamane Tiani")],
        ),
        # title + surname later, quote split around the attribution
        (
            "Captain Ibrahim Traoré received the Russian delegation. “We are not against "
            "France,” Captain Traoré said, “but we want our sovereignty back.”",
            [
                ("We are not against France", "Ibrahim Traoré"),
                ("but we want our sovereignty back.", "Ibrahim Traoré"),
            ],
        ),
        # multi-sentence quote
        (
            "French Armed Forces Minister Sébastien Lecornu said: “The withdrawal is complete. "
            "Our soldiers have left Niger with their heads held high.”",
            [
                (
                    "The withdrawal is complete. Our soldiers have left Niger with their heads "
                    "held high.",
                    "Sébastien Lecornu",
                )
            ],
        ),
        # guillemets
        (
            "Le Drian was blunt. «Cette junte est illégitime», said Jean-Yves Le Drian.",
            [("Cette junte est illégitime", "Jean-Yves Le Drian")],
        ),
        # German minister, speaker-first, adverb
        (
            'German Defence Minister Boris Pistorius visited Niamey. "We want to stay '
            'engaged in the region," Pistorius also said.',
            [("We want to stay engaged in the region", "Boris Pistorius")],
        ),
        # the UN mission head, apposition and a single curly quote
        (
            "El-Ghassim Wane, the head of MINUSMA, said the situation was ‘deeply and extremely "
            "worrying’ after the attack.",
            [("deeply and extremely worrying", "El-Ghassim Wane")],
        ),
        # scare quotes without a speech frame stay unattributed
        (
            "Chad's President Mahamat Idriss Déby flew to Paris. The talks were described as "
            '"frank and constructive" and the pull-out as “orderly”.',
            [("frank and constructive", None)],
        ),
        # a new sentence after a quote is not its attribution
        (
            'Lloyd Austin spoke first. "We will leave Niger." Blinken said nothing.',
            [("We will leave Niger.", None)],
        ),
    ],
)
def test_quotes_and_speakers(nlp, text, expected):
    doc = run(nlp, text)
    assert rows(doc) == expected
    for q in facts_of(doc, "quotes"):
        assert text[q["start"] : q["end"]] == q["text"]


def test_organisation_speaker_is_its_canonical_actor(nlp):
    text = (
        "“Russian instructors are here to train our army,” the junta said in a statement. "
        'The French army said: "Operation Barkhane has ended in Mali."'
    )
    doc = run(nlp, text, orgs=(("the junta", "Mali"), ("The French army", "France")))
    found = facts_of(doc, "quotes")
    assert [(q["speaker"], q["speaker_role"]) for q in found] == [("Mali", None), ("France", None)]


def test_relative_clause_person_is_not_the_speaker(nlp):
    text = (
        "The junta that toppled President Mohamed Bazoum announced that it was revoking, "
        '"with immediate effect", the military accord.'
    )
    doc = run(nlp, text, orgs=(("The junta", "Niger"),))
    assert rows(doc) == [("with immediate effect", "Niger")]


def test_description_resolves_to_the_person_with_that_role(nlp):
    text = (
        'Armed Forces Minister James Heappey spoke in London. "We cannot deploy our '
        'military when the host government will not work with us," the minister said.'
    )
    assert rows(run(nlp, text))[0][1] == "James Heappey"


def test_pronoun_after_a_name_only_known_from_an_attribution(nlp):
    text = (
        '"It feels strange to leave," Jonas told reporters. '
        '"But we could no longer do it properly," he said.'
    )
    assert [s for _, s in rows(run(nlp, text))] == ["Jonas", "Jonas"]


def test_unknown_organisation_keeps_its_phrase_but_no_speaker(nlp):
    doc = run(nlp, '"The base will close," the ministry said.')
    (q,) = facts_of(doc, "quotes")
    assert (q["speaker"], q["speaker_text"]) == ("ministry", "the ministry")


def test_a_one_or_two_word_term_in_quote_marks_is_not_a_quotation(nlp):
    doc = run(nlp, 'The army said it had "neutralised" 203 "terrorist fighters" in Moura.')
    assert facts_of(doc, "quotes") == []


def test_an_anonymous_source_is_no_speaker(nlp):
    doc = run(nlp, '"We are not leaving the region," a senior officer told reporters.')
    (q,) = facts_of(doc, "quotes")
    assert q["speaker"] is None


def test_continuation_paragraphs(nlp):
    text = (
        'Abdoulaye Diop said: "Mali will choose its partners. We will not be told whom '
        'to work with.\n"Our people want security and they want it now," he added.\n'
        '"This is not a decision against anyone in particular."'
    )
    doc = run(nlp, text)
    assert [q["speaker"] for q in facts_of(doc, "quotes")] == ["Abdoulaye Diop"] * 3
    assert facts_of(doc, "quotes")[0]["text"].endswith("to work with.")


def test_continuation_stops_when_another_person_is_named(nlp):
    text = (
        '"We will leave," said Lloyd Austin.\nOlaf Scholz met Boris Pistorius later.\n'
        '"Germany will stay for now in Niger," a statement read.'
    )
    doc = run(nlp, text)
    assert rows(doc) == [
        ("We will leave", "Lloyd Austin"),
        ("Germany will stay for now in Niger", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will leave and then nothing else happened.',
        "Unbalanced “open and another “open here” and then ”close.",
        "An allies’ base and the ‘90s and rock ’n’ roll.",
        '"""',
        '«»“”‘’""',
        'Nested "a “b ‘c’ d” e" done.',
    ],
)
def test_unbalanced_and_nested_marks_give_sane_spans(nlp, text):
    doc = run(nlp, text)
    for q in facts_of(doc, "quotes"):
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["text"].strip() == q["text"] and q["text"]
        assert "\n" not in q["text"]


def test_nested_quote_is_part_of_the_outer_one(nlp):
    text = 'Diop said: "They called it ‘a betrayal’ and left." Then he went home.'
    assert rows(run(nlp, text)) == [("They called it ‘a betrayal’ and left.", "Diop")]


def test_unclosed_quote_is_dropped(nlp):
    assert rows(run(nlp, 'Traoré said: "We will win.\nThe army then moved north.')) == []


def test_find_quote_spans_plain_text():
    text = "A “first” and «second» and ‘third’ here, but not don’t or allies’ land."
    assert [text[q.start : q.end] for q in quotes.find_quote_spans(text)] == [
        "first",
        "second",
        "third",
    ]


def test_works_without_people_records():
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_quotes")
    doc = nlp('"We are leaving," said Assimi Goïta.')
    assert rows(doc) == [("We are leaving", "Assimi Goïta")]
    assert people is not None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*'aZ .,:\n"“”«»‘’', "said ", "he ", "Macron ", "Emmanuel Macron ", "told reporters "]
        ),
        max_size=50,
    ).map("".join)
    | st.text(max_size=100)
)
def test_arbitrary_text_never_raises_and_offsets_hold(nlp, text):
    doc = run(nlp, text)
    for q in facts_of(doc, "quotes"):
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert text[q["start"] : q["end"]] == q["text"]


def test_subject_after_an_adverbial_and_a_second_quote_in_the_sentence(nlp):
    text = (
        "In a statement, the general staff said the pull-out had been “a major logistical "
        "challenge” completed “in good order and in safety”."
    )
    assert rows(run(nlp, text)) == [
        ("a major logistical challenge", "general staff"),
        ("in good order and in safety", "general staff"),
    ]


def test_a_second_quote_after_a_clause_break_is_not_shared(nlp):
    text = (
        'Diop said the mission had "failed the people of Mali"; critics called the '
        'decision "a leap into the unknown".'
    )
    assert rows(run(nlp, text)) == [
        ("failed the people of Mali", "Diop"),
        ("a leap into the unknown", None),
    ]


def test_two_words_with_an_attribution_after_them_are_a_quotation(nlp):
    text = (
        "El-Ghassim Wane, the head of MINUSMA, spoke in New York. Peacekeeping without "
        "consent would be “almost impossible”, Wane said. It was a “grave concern”."
    )
    assert rows(run(nlp, text)) == [("almost impossible", "El-Ghassim Wane")]


def test_it_said_names_the_organisation_just_mentioned(nlp):
    text = (
        "The junta in Niamey has answered with defiance. In a statement read on television, "
        'it said the armed forces were "ready to defend our territory".'
    )
    doc = run(nlp, text, orgs=(("The junta", "Niger"),))
    assert rows(doc) == [("ready to defend our territory", "Niger")]


def test_it_said_without_an_organisation_nearby_has_no_speaker(nlp):
    text = 'Nothing happened for weeks. Then it said "the army will stay in the north".'
    assert rows(run(nlp, text)) == [("the army will stay in the north", None)]


def test_answered_is_a_speech_verb_and_both_quotes_share_the_speaker(nlp):
    text = (
        'Within hours, an Africa Corps channel answered that "Russia remains in Mali" and '
        'that cooperation would continue "at a new level".'
    )
    doc = run(nlp, text, orgs=(("Africa Corps", "Russia"),))
    assert rows(doc) == [("Russia remains in Mali", "Russia"), ("at a new level", "Russia")]


def test_colon_after_a_clause_whose_subject_describes_the_leader_just_named(nlp):
    text = (
        "When François Hollande landed in Timbuktu, crowds cheered. Later, standing in "
        "Bamako, the French president summed up the visit: “I have just lived the most "
        "important day of my political life.”"
    )
    doc = run(nlp, text, orgs=(("French", "France"),))
    assert rows(doc) == [
        ("I have just lived the most important day of my political life.", "François Hollande")
    ]


def test_colon_after_a_clause_opening_with_a_titled_name(nlp):
    text = (
        "Defence Minister Jean-Yves Le Drian left no doubt about the aim: “The objective "
        "is the total reconquest of Mali.”"
    )
    assert rows(run(nlp, text)) == [
        ("The objective is the total reconquest of Mali.", "Jean-Yves Le Drian")
    ]


def test_colon_after_a_clause_without_a_person_subject_gives_no_speaker(nlp):
    text = 'The message was clear: "Foreign troops must leave the country now."'
    assert rows(run(nlp, text)) == [("Foreign troops must leave the country now.", None)]


def test_the_president_is_not_a_minister_just_named(nlp):
    text = (
        "Defence Minister Sébastien Lecornu visited Niamey. The French president later "
        'said: "We will stay as long as we are asked to."'
    )
    (speaker,) = [s for _, s in rows(run(nlp, text))]
    assert speaker != "Sébastien Lecornu"


def test_an_anonymous_source_near_a_named_person_is_no_speaker(nlp):
    text = (
        "President François Hollande left Bamako. “France will not stay in Mali for ever,” "
        "an adviser travelling with the president said."
    )
    assert rows(run(nlp, text)) == [("France will not stay in Mali for ever", None)]


def test_coordinated_governments_speak_through_the_first(nlp):
    text = (
        "The military governments of Mali and Burkina Faso warned that any intervention "
        'in Niger would amount to "a declaration of war" against them.'
    )
    doc = run(nlp, text, orgs=(("Burkina Faso", "Burkina Faso"),), countries=("Mali", "Niger"))
    assert rows(doc) == [("a declaration of war", "Mali")]


def test_a_name_after_a_title_is_the_speaker_even_if_unknown(nlp):
    text = (
        '"This was not a decision we took lightly," MINUSMA spokeswoman Fatoumata Kaba '
        "told reporters."
    )
    doc = run(nlp, text, orgs=(("MINUSMA", "United Nations"),), places=("Kaba",))
    assert rows(doc) == [("This was not a decision we took lightly", "Fatoumata Kaba")]


@pytest.mark.parametrize(
    ("text", "orgs", "speaker"),
    [
        (
            '"The French ambassador must leave within 48 hours," read a statement from the junta.',
            (("the junta", "Niger"),),
            "Niger",
        ),
        (
            '"We will not negotiate under threat," according to a statement issued by ECOWAS.',
            (("ECOWAS", "ECOWAS"),),
            "ECOWAS",
        ),
        (
            'The junta met on Sunday. "The French ambassador must leave within 48 hours," '
            "the statement said.",
            (("The junta", "Niger"),),
            "Niger",
        ),
        ('"Down with France and its army," read the banners carried by the crowd.', (), None),
        ('"We are going home after three years," read a message on Telegram.', (), None),
    ],
)
def test_a_statement_speaks_for_whoever_issued_it(nlp, text, orgs, speaker):
    (q,) = facts_of(run(nlp, text, orgs=orgs), "quotes")
    assert q["speaker"] == speaker


def test_a_short_fragment_a_named_person_said_is_a_quotation(nlp):
    text = (
        "Josep Borrell, the EU's foreign policy chief, said there were not \"enough "
        'guarantees" that the Russians would stay away. The army said it had "neutralised" '
        "203 fighters."
    )
    assert rows(run(nlp, text)) == [("enough guarantees", "Josep Borrell")]


def test_the_diplomat_said_is_an_unnamed_person_not_an_institution(nlp):
    text = (
        "A European diplomat in N'Djamena said the announcement changed nothing. "
        '"Without political solutions, more soldiers will only slow the bleeding," the '
        "diplomat said."
    )
    assert [s for _, s in rows(run(nlp, text))] == [None]


def test_someone_described_by_an_indefinite_phrase_is_no_speaker(nlp):
    text = (
        "In the report, a man in uniform presented as one of the instructors said: "
        '"We are here to train the army."'
    )
    assert rows(run(nlp, text)) == [("We are here to train the army.", None)]


def test_a_name_in_apposition_after_a_description_is_the_speaker(nlp):
    text = (
        "A spokesman for Ukraine's military intelligence, Andriy Yusov, suggested that the "
        'rebels had received "the necessary information" for the operation.'
    )
    doc = run(nlp, text, orgs=(("Ukraine", "Ukraine"),))
    assert rows(doc) == [("the necessary information", "Andriy Yusov")]


def test_a_second_quote_after_another_person_is_not_shared(nlp):
    text = (
        'Emmanuel Macron said France would leave "in an orderly manner", while General '
        'Abdourahamane Tiani called the decision "a historic victory for Niger".'
    )
    assert rows(run(nlp, text)) == [
        ("in an orderly manner", "Emmanuel Macron"),
        ("a historic victory for Niger", "Abdourahamane Tiani"),  # his words, not Macron's
    ]


def test_a_title_or_name_in_quote_marks_is_not_a_quotation(nlp):
    text = (
        'Human Rights Watch published a report titled "Mali: Massacre by Army, Foreign '
        'Soldiers" in April. The so-called "coalition of the willing for the Sahel" met. '
        'Its director said the army had "killed hundreds of civilians in Moura".'
    )
    assert [t for t, _ in rows(run(nlp, text))] == ["killed hundreds of civilians in Moura"]


@pytest.mark.parametrize(
    "text",
    [
        '"The road to Kidal is closed," a Nigerien captain said on Monday.',
        '"We sleep with our rifles," an elder in Ménaka told the radio.',
        'A Togolese gendarme at the checkpoint said: "Nobody crosses after dark."',
    ],
)
def test_any_indefinite_description_is_an_anonymous_source(nlp, text):
    # the demonym names a state, but "a Nigerien captain" is not Niger
    doc = run(nlp, text, countries=("Niger", "Togo"), orgs=(("Nigerien", "Niger"),))
    assert [q["speaker"] for q in facts_of(doc, "quotes")] == [None]


def test_an_indefinite_description_with_a_name_set_off_keeps_the_name(nlp):
    text = '"We will stay," a spokesman for the army, Andriy Yusov, said.'
    assert rows(run(nlp, text)) == [("We will stay", "Andriy Yusov")]


@pytest.mark.parametrize(
    "text",
    [
        "President Mahamat Déby toured Abéché. In the camp, a nurse told us the clinic had "
        'no fuel left. "We work by torchlight most nights," she said.',
        "Colonel Assimi Goïta spoke on Monday. Later a shopkeeper in Gao said prices had "
        'doubled. "Nobody can afford rice any more," he added.',
    ],
)
def test_a_pronoun_after_an_unnamed_speaker_is_not_the_earlier_named_person(nlp, text):
    assert [s for _, s in rows(run(nlp, text))] == [None]


def test_a_pronoun_after_a_named_person_still_names_them(nlp):
    text = (
        "A year ago he was unknown. Colonel Assimi Goïta spoke in Bamako on Monday. "
        '"We will not bow to pressure," he said.'
    )
    assert [s for _, s in rows(run(nlp, text))] == ["Assimi Goïta"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The border stays closed," Colonel Assimi Goïta cautioned.', "Assimi Goïta"),
        ('"We lost the east," conceded General Thierry Burkhard.', "Thierry Burkhard"),
        ('"Nothing has changed since the coup," residents of Gao say.', None),
    ],
)
def test_speech_verbs_are_a_class_not_a_short_list(nlp, text, speaker):
    assert [s for _, s in rows(run(nlp, text))] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Colonel Assimi Goïta spoke on state television late on Sunday evening, saying "
        '"the hour of sovereignty has come".',
        'Colonel Assimi Goïta was quoted by state media as saying: "Mali owes nobody."',
        "Colonel Assimi Goïta received the Russian envoy, telling him that "
        '"Moscow has been a true friend to us".',
    ],
)
def test_a_participle_reports_the_speech_of_its_clause_subject(nlp, text):
    assert [s for _, s in rows(run(nlp, text))] == ["Assimi Goïta"]


def test_a_participle_without_a_named_subject_gives_no_speaker(nlp):
    text = 'Protesters carried banners saying "France out of Mali now" through Bamako.'
    assert [s for _, s in rows(run(nlp, text))] == [None]


@pytest.mark.parametrize(
    "text",
    [
        '"We will leave in good order," Diop, who was speaking at the United Nations, said.',
        '"We will leave in good order," Diop, speaking to ECOWAS envoys, told reporters.',
    ],
)
def test_a_clause_set_off_in_the_speaker_phrase_is_not_the_speaker(nlp, text):
    orgs = (("United Nations", "United Nations"), ("ECOWAS", "ECOWAS"))
    assert [s for _, s in rows(run(nlp, text, orgs=orgs))] == ["Diop"]


@pytest.mark.parametrize(
    "text",
    [
        '"This is not a rupture," insisted the Minister of Foreign Affairs, Amadou Toure.',
        '"The camp is empty," said the head of the mission, Mahamat Saleh Annadif.',
    ],
)
def test_a_name_set_off_after_a_description_is_the_speaker(nlp, text):
    (speaker,) = [s for _, s in rows(run(nlp, text, countries=("Chad",)))]
    assert speaker.split()[-1] in ("Toure", "Annadif")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'The junta in Niamey revoked the accord on Saturday, calling it "illegal".',
            "illegal",
            "Niger",
        ),
        (
            'Amadou Toure, the head of the mission, described the timetable as "very tight".',
            "very tight",
            "Amadou Toure",
        ),
    ],
)
def test_short_words_put_on_something_by_a_speaker_are_a_quotation(nlp, text, quote, speaker):
    doc = run(nlp, text, orgs=(("junta in Niamey", "Niger"),))
    assert rows(doc) == [(quote, speaker)]


def test_a_passive_speech_verb_does_not_make_its_subject_the_speaker(nlp):
    text = 'Colonel Assimi Goïta was told "the French will not come back" by his envoy.'
    assert [s for _, s in rows(run(nlp, text))] == [None]


@pytest.mark.parametrize(
    "opening",
    ["For him, the army must now", "In his view, the army must now"],
)
def test_a_sentence_reporting_a_view_gives_its_holder(nlp, opening):
    text = f'Colonel Assimi Goïta spoke in Kati. {opening} "take back every camp in the north".'
    assert [s for _, s in rows(run(nlp, text))] == ["Assimi Goïta"]


@pytest.mark.parametrize("outlet", ["channel", "account", "website"])
def test_an_outlet_speaks_for_whoever_runs_it(nlp, outlet):
    text = (
        f"The figure was posted on the Wagner Group's own Telegram {outlet}. More fighters "
        f'will come "in the weeks to come", the {outlet} said.'
    )
    doc = run(nlp, text, orgs=(("Wagner Group", "Wagner Group"),))
    assert [s for _, s in rows(doc)] == ["Wagner Group"]


@pytest.mark.parametrize(
    "middle",
    ["The figures alone, he added, miss the point", "Those talks, she said, went nowhere"],
)
def test_an_attribution_set_off_in_the_next_sentence_is_not_the_previous_quotes(nlp, middle):
    text = (
        '"Russia is not replacing France," said Ousmane Diallo, an analyst in Dakar. '
        f'"They sell protection, not counter-insurgency." {middle}.'
    )
    assert [s for _, s in rows(run(nlp, text))] == ["Ousmane Diallo"] * 2


def test_according_to_opening_a_sentence_is_a_frame(nlp):
    text = 'According to Abdoulaye Diop, "the partnership with Paris is finished".'
    assert rows(run(nlp, text)) == [("the partnership with Paris is finished", "Abdoulaye Diop")]


@pytest.mark.parametrize(
    "lead", ["Asked about the withdrawal, Diop told Reuters", "On Monday evening, Diop said"]
)
def test_the_subject_follows_an_introductory_clause(nlp, lead):
    text = f'Abdoulaye Diop flew home. {lead}: "It is a question of sovereignty."'
    assert [s for _, s in rows(run(nlp, text))] == ["Abdoulaye Diop"]


@pytest.mark.parametrize(
    "text",
    [
        'Mali told the Council that the mission must leave "without delay".',
        'ECOWAS said it would act "very soon" if talks failed.',
    ],
)
def test_two_words_a_named_state_or_organisation_says_are_a_quotation(nlp, text):
    doc = run(nlp, text, orgs=(("ECOWAS", "ECOWAS"), ("Mali", "Mali")))
    assert [s for _, s in rows(doc)] in (["Mali"], ["ECOWAS"])


def test_two_words_without_a_named_speaker_stay_a_term(nlp):
    doc = run(nlp, 'Officials described the area as a "grey zone" for months.')
    assert facts_of(doc, "quotes") == []


@pytest.mark.parametrize(
    "text",
    [
        '"Nothing is decided yet," notes Ousmane Diallo, a researcher in Dakar.',
        '"We are not abandoning anyone," retorted Ousmane Diallo.',
        '"It is too early to tell," Ousmane Diallo confides.',
        '"The border will reopen," Ousmane Diallo quipped.',
    ],
)
def test_speech_verbs_in_the_past_and_the_present(nlp, text):
    assert [s for _, s in rows(run(nlp, text))] == ["Ousmane Diallo"]


def test_a_plural_noun_that_looks_like_a_verb_is_not_one(nlp):
    # "states" is a noun here: the speaker phrase is "the two states"
    text = '"We will coordinate our patrols," the two states said in Niamey.'
    (q,) = facts_of(run(nlp, text), "quotes")
    assert q.get("speaker_text") == "the two states"


@pytest.mark.parametrize("document", ["statement", "communiqué"])
def test_a_document_that_reads_speaks_for_its_issuer(nlp, document):
    text = f'ECOWAS met in Abuja. "All options remain on the table," the {document} read.'
    doc = run(nlp, text, orgs=(("ECOWAS", "ECOWAS"),))
    assert [s for _, s in rows(doc)] == ["ECOWAS"]


def test_banners_that_read_have_no_speaker(nlp):
    text = 'ECOWAS met in Abuja. "Down with sanctions now," the banners read.'
    doc = run(nlp, text, orgs=(("ECOWAS", "ECOWAS"),))
    assert [s for _, s in rows(doc)] == [None]


@pytest.mark.parametrize("group", ["villagers", "local residents", "they", "two soldiers"])
def test_a_group_nobody_names_does_not_inherit_the_previous_speaker(nlp, group):
    text = (
        '"We will rebuild the town," Abdoulaye Diop said. '
        f'"We have nothing left, not even seeds," {group} told Sahel Wire.'
    )
    assert [s for _, s in rows(run(nlp, text))] == ["Abdoulaye Diop", None]


@pytest.mark.parametrize("lead", ["As Abdoulaye Diop put it,", "In the words of Abdoulaye Diop,"])
def test_whose_words_a_sentence_opens_on(nlp, lead):
    text = f'{lead} "the partnership with Paris is finished".'
    assert rows(run(nlp, text)) == [("the partnership with Paris is finished", "Abdoulaye Diop")]


def test_according_to_a_document_issued_after_an_event(nlp):
    text = (
        "ECOWAS leaders met in Abuja on Sunday. According to the final communiqué issued "
        'after the summit, the bloc "will not hesitate to use force if needed".'
    )
    doc = run(nlp, text, orgs=(("ECOWAS", "ECOWAS"),))
    assert [s for _, s in rows(doc)] == ["ECOWAS"]


def test_according_to_ends_at_its_comma(nlp):
    text = 'According to witnesses, the convoy "drove through the night without lights".'
    (q,) = facts_of(run(nlp, text), "quotes")
    assert (q["speaker"], q.get("speaker_text")) == (None, "witnesses")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "'We're not leaving until the job is done,' Abdoulaye Diop said in Côte d'Ivoire.",
            [("We're not leaving until the job is done", "Abdoulaye Diop")],
        ),
        (
            "Abdoulaye Diop said: 'The soldiers' presence is no longer wanted in N'Djamena.'",
            [("The soldiers' presence is no longer wanted in N'Djamena.", "Abdoulaye Diop")],
        ),
        ("The soldiers' families said the unit's return was near.", []),
    ],
)
def test_straight_single_quote_marks_british_style(nlp, text, expected):
    assert rows(run(nlp, text)) == expected


@pytest.mark.parametrize(
    "inside",
    ["Emmanuel Macron has insulted Africa", "A French officer told us to wait"],
)
def test_a_person_named_inside_a_quotation_is_no_antecedent(nlp, inside):
    text = (
        f'Ibrahim Traoré spoke in Ouagadougou. "{inside} for the last time," he said. '
        '"We will not forget," he added.'
    )
    assert [s for _, s in rows(run(nlp, text))] == ["Ibrahim Traoré"] * 2


@pytest.mark.parametrize("description", ["the 45-year-old", "the Frenchman"])
def test_a_description_that_only_points_back_names_the_person_just_named(nlp, description):
    text = f'Jean Dupont commanded a unit in Gao. "We did what we could," {description} said.'
    assert [s for _, s in rows(run(nlp, text))] == ["Jean Dupont"]


@pytest.mark.parametrize("description", ["the colonel", "the local mayor", "the spokesman"])
def test_an_unresolved_title_is_an_unnamed_person_not_an_institution(nlp, description):
    text = f'The town was quiet. "We are ready to talk to anyone," {description} said.'
    (q,) = facts_of(run(nlp, text), "quotes")
    assert q["speaker"] is None


def test_an_institution_described_is_named_as_written(nlp):
    text = 'The town was quiet. "The talks are over for now," the general staff said.'
    assert [s for _, s in rows(run(nlp, text))] == ["general staff"]


@pytest.mark.parametrize(
    "middle",
    [
        "A teacher in Gao, who asked not to be named, was less sure.",
        "An elder who fled the town in March disagreed.",
    ],
)
def test_someone_unnamed_brought_in_between_takes_the_next_quote(nlp, middle):
    text = (
        '"We will leave by December," Abdoulaye Diop said.\n'
        f"{middle}\n"
        '"Nobody here believes the army can hold the town on its own," she said.\n'
        '"We have seen this before and we know how it ends."'
    )
    assert [s for _, s in rows(run(nlp, text))] == ["Abdoulaye Diop", None, None]
