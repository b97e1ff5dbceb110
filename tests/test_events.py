"""Tests of sahel_analysis.language.events: typed events with actor, place, date, status."""

from __future__ import annotations

import pandas as pd
import pytest
import spacy

from sahel_analysis.language.events import EVENT_TYPES, modality, trigger_type


def events(facts) -> list[tuple[str, str | None]]:
    """(type, location_iso3) of every event, in reading order."""
    return [
        (r.type, None if pd.isna(r.location_iso3) else r.location_iso3)
        for r in facts.events.itertuples()
    ]


def the_event(facts, kind: str, iso3: str):
    rows = facts.events[(facts.events["type"] == kind) & (facts.events["location_iso3"] == iso3)]
    assert len(rows) == 1, facts.events[["text", "type", "location_iso3"]]
    return rows.iloc[0]


def value(x):
    return None if pd.isna(x) else x


# --------------------------------------------------------------------------- coups


def test_coups_in_a_coordinated_list_are_one_event_per_country(extract_text):
    facts = extract_text(
        "A wave of coups in Mali, Burkina Faso and Niger has weakened France's alliances."
    )
    assert events(facts) == [("coup", "MLI"), ("coup", "BFA"), ("coup", "NER")]
    assert facts.events["actor"].isna().all()  # a coup has no foreign actor to name


def test_a_coup_with_its_date(extract_text):
    facts = extract_text("Soldiers in Niger toppled President Mohamed Bazoum on 26 July 2023.")
    coup = the_event(facts, "coup", "NER")
    assert (coup["date"], coup["status"]) == ("2023-07-26", "completed")


def test_seizing_power_is_a_coup_in_the_juntas_country(extract_text):
    facts = extract_text("Mali's junta seized power in 2020 and again in 2021.")
    assert events(facts) == [("coup", "MLI")]


def test_coups_in_the_same_country_count_once(extract_text):
    facts = extract_text("Mali saw a coup in August 2020. A second coup in Mali followed in 2021.")
    coup = the_event(facts, "coup", "MLI")
    assert coup["date"] == "2020-08"  # the first mention's date
    assert len(facts.events) == 1


# --------------------------------------------------------------------------- meetings


def test_a_meeting_in_paris_on_wednesday(extract_text):
    # published on Thursday 17 February 2022: "on Wednesday" is the day before
    facts = extract_text(
        "Macron spoke after a meeting in Paris on Wednesday with African leaders.",
        published="2022-02-17",
    )
    meeting = the_event(facts, "meeting", "FRA")
    assert meeting["date"] == "2022-02-16"
    assert meeting["location"] == "Paris"
    assert pd.isna(meeting["actor"])


@pytest.mark.parametrize(
    "text",
    [
        "Macron told a news conference in Paris that the mission was over.",
        "The minister gave a press conference in Bamako on Monday.",
    ],
)
def test_a_news_conference_is_no_meeting(extract_text, text):
    assert "meeting" not in set(extract_text(text).events["type"])


# --------------------------------------------------------------------------- withdrawals


def test_a_withdrawal_from_mali(extract_text):
    facts = extract_text("French forces completed their withdrawal from Mali in August 2022.")
    withdrawal = the_event(facts, "withdrawal", "MLI")
    assert (withdrawal["actor"], withdrawal["date"], withdrawal["status"]) == (
        "France",
        "2022-08",
        "completed",
    )
    assert withdrawal["text"] == "withdrawal"


def test_leaving_a_country_is_a_withdrawal(extract_text):
    facts = extract_text(
        "The UN peacekeeping mission will leave Mali by December 2023, the Security Council "
        "decided."
    )
    withdrawal = the_event(facts, "withdrawal", "MLI")
    assert (withdrawal["actor"], withdrawal["date"], withdrawal["status"]) == (
        "United Nations",
        "2023-12",
        "announced",
    )


def test_withdrawing_from_a_regional_bloc_is_no_military_withdrawal(extract_text):
    facts = extract_text(
        "Mali, Burkina Faso and Niger announced their withdrawal from the ECOWAS bloc in "
        "January 2024."
    )
    assert "withdrawal" not in set(facts.events["type"])


def test_a_withdrawal_needs_a_sentence_about_forces(extract_text):
    facts = extract_text("The minister announced his withdrawal from the race in Mali.")
    assert facts.events.empty


def test_withdrawals_from_the_same_country_count_once(extract_text):
    facts = extract_text(
        "France withdrew its troops from Mali in 2022. The withdrawal from Mali took six months."
    )
    assert events(facts) == [("withdrawal", "MLI")]
    assert the_event(facts, "withdrawal", "MLI")["actor"] == "France"


def test_pulling_troops_out_is_a_withdrawal(extract_text):
    facts = extract_text("France is pulling its troops out of Niger.")
    assert events(facts) == [("withdrawal", "NER")]


def test_the_country_completing_a_withdrawal_is_its_actor(extract_text):
    facts = extract_text(
        "France completed the withdrawal of its troops from Niger in December 2023."
    )
    assert the_event(facts, "withdrawal", "NER")["actor"] == "France"


# --------------------------------------------------------------------------- deployments


def test_wagner_arriving_in_mali_is_a_deployment(extract_text):
    facts = extract_text("Wagner fighters arrived in Mali in December 2021.")
    deployment = the_event(facts, "deployment", "MLI")
    assert (deployment["actor"], deployment["date"]) == ("Wagner Group", "2021-12")


def test_soldiers_stationed_somewhere_are_no_deployment_event(extract_text):
    facts = extract_text("The French soldiers then deployed in Gao guarded the airport.")
    assert facts.events.empty


def test_agreeing_to_host_forces_is_a_redeployment_to_the_host(extract_text):
    facts = extract_text("Niger agreed to host the European forces leaving Mali.")
    redeployment = the_event(facts, "redeployment", "NER")
    assert redeployment["status"] == "announced"


def test_a_deployment_without_a_place_is_in_the_country_the_article_is_about(extract_text):
    facts = extract_text(
        "UN peacekeepers guard camps in Gao, Timbuktu and Kidal. "
        "The mission was deployed in 2013 with 12,000 troops."
    )
    assert ("deployment", "MLI") in events(facts)


def test_a_force_is_not_withdrawn_from_its_own_country(extract_text):
    facts = extract_text(
        "Officials in Berlin and Bonn welcomed the soldiers. The Bundeswehr has completed "
        "its withdrawal."
    )
    assert ("withdrawal", "DEU") not in events(facts)


def test_a_state_acting_does_not_make_the_article_about_it(extract_text):
    # Italy is named more often, but always as the state that acts
    facts = extract_text(
        "Italy has cut its contingent in Niger. Italy said its troops in Niamey face no "
        "hostility. Italy has kept a low profile since the coup."
    )
    assert events(facts)[-1] == ("coup", "NER")


# --------------------------------------------------------------------------- elections


def test_an_election_with_its_date(extract_text):
    facts = extract_text("Mali will hold a presidential election in February 2024.")
    election = the_event(facts, "election", "MLI")
    assert (election["actor"], election["date"], election["status"]) == (
        "Mali",
        "2024-02",
        "planned",
    )


def test_a_referendum_is_an_election(extract_text):
    facts = extract_text("Burkina Faso will hold a referendum in December 2023.")
    assert the_event(facts, "election", "BFA")["date"] == "2023-12"


# --------------------------------------------------------------------------- expulsions


def test_ordering_troops_to_leave_is_an_expulsion(extract_text):
    facts = extract_text(
        "Niger's junta ordered French troops to leave the country in September 2023."
    )
    expulsion = the_event(facts, "expulsion", "NER")
    assert (expulsion["actor"], expulsion["date"]) == ("Niger", "2023-09")
    assert expulsion["text"].startswith("ordered French troops to leave")


def test_expelled_is_an_expulsion_counted_once_per_country(extract_text):
    facts = extract_text(
        "Mali expelled the French ambassador in January 2022, and in 2023 it expelled MINUSMA."
    )
    assert events(facts) == [("expulsion", "MLI")]
    assert the_event(facts, "expulsion", "MLI")["date"] == "2022-01"


# --------------------------------------------------------------------------- agreements, ...


def test_ending_defence_cooperation_is_an_agreement_event(extract_text):
    facts = extract_text("Chad ended its defence cooperation with France in November 2024.")
    agreement = the_event(facts, "agreement", "TCD")
    assert agreement["date"] == "2024-11"
    assert agreement["text"] == "ended its defence cooperation"


def test_the_state_ending_an_agreement_is_its_actor(extract_text):
    facts = extract_text("Chad ended its defence cooperation with France in November 2024.")
    assert the_event(facts, "agreement", "TCD")["actor"] == "Chad"


def test_sanctions_on_a_country(extract_text):
    facts = extract_text("ECOWAS imposed sanctions on Niger after the coup.")
    sanction = the_event(facts, "sanction", "NER")
    assert sanction["actor"] == "ECOWAS"
    assert ("coup", "NER") in events(facts)


def test_an_attack_in_a_town(extract_text):
    facts = extract_text("Jihadists attacked a MINUSMA convoy in Kidal on Friday.")
    attack = the_event(facts, "attack", "MLI")
    assert (attack["location"], attack["date"]) == ("Kidal", "2023-09-22")


def test_an_attack_near_a_town(extract_text):
    facts = extract_text("Jihadists attacked a MINUSMA convoy near Kidal on Friday.")
    assert events(facts) == [("attack", "MLI")]


def test_event_rows_quote_their_trigger_and_have_geometry(extract_text):
    text = (
        "After the coup in Niger, the junta ordered French troops to leave. The French "
        "soldiers completed their withdrawal from Niger in December 2023."
    )
    facts = extract_text(text)
    assert events(facts) == [("coup", "NER"), ("expulsion", "NER"), ("withdrawal", "NER")]
    for row in facts.events.itertuples():
        assert text[row.start : row.end] == row.text
    assert facts.events.geometry.notna().all()


# --------------------------------------------------------------------------- phrasings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The coup is the latest in a series that has brought soldiers to power in Mali "
            "and Burkina Faso.",
            [("coup", "MLI"), ("coup", "BFA")],
        ),
        ("Burkina Faso's junta gave French troops one month to leave.", [("expulsion", "BFA")]),
        (
            "The government of Mali calls for the withdrawal without delay of the UN mission.",
            [("expulsion", "MLI")],
        ),
        (
            "Senegal's president said French military bases in his country would have to close.",
            [("expulsion", "SEN")],
        ),
        (
            "The French army declared the end of its operations in Burkina Faso.",
            [("withdrawal", "BFA")],
        ),
        ("Italy has reduced its military contingent in Niger.", [("withdrawal", "NER")]),
        ("Chad promised to send 1,200 soldiers to Niger.", [("deployment", "NER")]),
        ("Part of the task force's personnel has been moved to Niger.", [("redeployment", "NER")]),
        ("Netanyahu paid a visit to N'Djamena on Sunday.", [("meeting", "TCD")]),
        ("Barrot held talks with President Déby in N'Djamena.", [("meeting", "TCD")]),
        ("The chiefs closed their two-day meeting in the Ghanaian capital.", [("meeting", "GHA")]),
        ("The last troops in Chad left at the end of January.", [("withdrawal", "TCD")]),
        ("About 1,000 French troops in Chad prepare to leave.", [("withdrawal", "TCD")]),
        ("Soldiers on leave visited their families.", []),
        ("ECOWAS suspended Mali from the bloc in 2021.", [("sanction", "MLI")]),
        ("In Lomé, ECOWAS lifted its sanctions on Niger in February.", [("sanction", "NER")]),
        (
            "Senegal, which asked France to close its military bases last year, stepped up "
            "patrols.",
            [("expulsion", "SEN")],
        ),
        ("A drone strike hit a market in Kidal on Monday.", [("attack", "MLI")]),
        (
            "Russia sent instructors to Burkina Faso in January and to Niger in April.",
            [("deployment", "BFA"), ("deployment", "NER")],
        ),
        ("France withdrew its troops from Mali to Niger in 2022.", [("withdrawal", "MLI")]),
        ("French and Malian troops entered Timbuktu without a fight.", [("deployment", "MLI")]),
        (
            "Troops are based in Niger. The last American soldiers left the country on Monday.",
            [("withdrawal", "NER")],
        ),
        (
            "In Niamey, the junta declared the French ambassador persona non grata.",
            [("expulsion", "NER")],
        ),
        (
            "The convoy completed a withdrawal that Mali's military rulers demanded in June.",
            [("expulsion", "MLI")],
        ),
        (
            "Peacekeepers leaving Tessalit came under fire as their aircraft took off.",
            [("withdrawal", "MLI"), ("attack", "MLI")],
        ),
        (
            "An Ilyushin Il-76 lands in Ouagadougou with about 100 Russian servicemen.",
            [("deployment", "BFA")],
        ),
        (
            "The departure follows the end of French presence in Mali, Burkina Faso and Niger.",
            [("withdrawal", "MLI"), ("withdrawal", "BFA"), ("withdrawal", "NER")],
        ),
        (
            "Fighting goes on in Niger. On Tuesday, jihadists killed at least 17 soldiers in an "
            "ambush near the border with Burkina Faso.",
            [("attack", "NER")],
        ),
    ],
)
def test_phrasings_of_events(extract_text, text, expected):
    assert events(extract_text(text)) == expected


def test_leaving_one_country_for_another_is_a_redeployment(extract_text):
    facts = extract_text(
        "The last French detachment left Gao, handed the base to the Malian army and crossed "
        "into Niger."
    )
    assert events(facts) == [("withdrawal", "MLI"), ("redeployment", "NER")]


def test_here_is_the_dateline_place(extract_text):
    facts = extract_text(
        "NIAMEY — France moved much of its counter-terrorism force here after leaving Mali."
    )
    assert ("redeployment", "NER") in events(facts)


@pytest.mark.parametrize(
    "text",
    [
        "Mauritania has not suffered a major jihadist attack on its territory since 2011.",
        "Mauritania did not join the pact of the three juntas.",
        "Bamako says Russian instructors came under a state-to-state agreement.",
        "Jihadist violence has killed thousands of people in Burkina Faso since 2015.",
        "Dozens of French soldiers were killed over the nine years of operations in Mali.",
        "If the junta expels the French ambassador, Paris will respond.",
        "Germany and Norway declined to send special forces to Mali.",
        "In the three-border area, fighters linked to Islamic State have killed hundreds of "
        "soldiers.",
        "The junta has since moved closer to Moscow.",
        "Analysts fear that jihadists could attack Niamey if the army is weakened.",
        "Germany will keep its air base in Niamey open until talks conclude.",
    ],
)
def test_denied_suspended_or_cumulative_mentions_are_no_events(extract_text, text):
    assert extract_text(text).events.empty


# --------------------------------------------------------------------------- places of events


def test_the_host_is_where_forces_are_hosted(extract_text):
    facts = extract_text(
        "Much of the equipment went to Niger, which has agreed to host a reduced French "
        "force, and the rest was shipped back to France."
    )
    assert events(facts) == [("redeployment", "NER")]


def test_a_place_beyond_a_clause_break_is_not_the_place(extract_text):
    facts = extract_text(
        "The junta in Niamey seized power in July. The French ambassador had been ordered "
        "to leave in late August but Paris refused."
    )
    assert ("expulsion", "NER") in events(facts)
    assert ("expulsion", "FRA") not in events(facts)


def test_an_accord_on_foreign_forces_ends_in_the_host_country(extract_text):
    facts = extract_text(
        "About 400 French special forces are based in Burkina Faso. In January the government "
        "notified Paris that it was terminating the accord on the status of French forces."
    )
    assert ("agreement", "BFA") in events(facts)
    assert ("agreement", "FRA") not in events(facts)


def test_the_state_acting_is_not_where_it_acts(extract_text):
    facts = extract_text(
        "In 2013, when France intervened to halt a jihadist offensive, Chad sent 2,000 "
        "soldiers to Mali."
    )
    assert ("attack", "FRA") not in events(facts)
    assert ("deployment", "MLI") in events(facts)


def test_soldiers_landing_at_home_are_no_deployment(extract_text):
    facts = extract_text("The last German soldiers landed at Wunstorf air base in Lower Saxony.")
    assert ("deployment", "DEU") not in events(facts)


def test_where_soldiers_fly_home_to_is_not_what_they_leave(extract_text):
    facts = extract_text(
        "French jets based in N'Djamena had taken off for France, and 120 soldiers flew home "
        "later the same month."
    )
    assert ("withdrawal", "FRA") not in events(facts)


def test_every_neighbour_listed_after_border_with_is_beyond(extract_text):
    facts = extract_text(
        "Côte d'Ivoire, which shares a long border with Mali and Burkina Faso, was hit by a "
        "jihadist attack in 2021."
    )
    assert ("attack", "BFA") not in events(facts)
    assert ("attack", "MLI") not in events(facts)


def test_where_a_speaker_stands_is_not_where_the_event_is(extract_text):
    facts = extract_text(
        "Speaking at the naval base in Toulon, Macron said French troops had completed the "
        "withdrawal of the Barkhane force."
    )
    assert ("withdrawal", "FRA") not in events(facts)


def test_a_place_after_a_preposition_is_never_the_state_acting(extract_text):
    facts = extract_text(
        "After Paris decided to leave Mali, many of the soldiers were regrouping in Niger."
    )
    assert ("redeployment", "NER") in events(facts)


def test_a_coup_by_soldiers_in_a_capital(extract_text):
    facts = extract_text(
        "The EU sent trainers to Mali in 2023, only for soldiers in Niamey to overthrow "
        "President Mohamed Bazoum that July."
    )
    assert ("coup", "NER") in events(facts)


def test_a_host_ending_a_foreign_mission_expels_it(extract_text):
    facts = extract_text("Niger's rulers ended the mission in December.")
    assert events(facts) == [("expulsion", "NER")]
    facts = extract_text("The Bundeswehr has ended its presence in Niger.")
    assert events(facts) == [("withdrawal", "NER")]


def test_a_place_named_after_a_hyphenated_area_still_counts(extract_text):
    facts = extract_text(
        "In February 2021, Chad promised to send 1,200 soldiers to the three-border area, and "
        "they were posted at Téra in western Niger."
    )
    assert events(facts) == [("deployment", "NER")]


def test_a_military_event_with_no_place_goes_on_where_the_last_sentence_was(extract_text):
    facts = extract_text(
        "Bamako, Gao, Kidal and Timbuktu were quiet. Chad sent 1,200 soldiers to Téra in "
        "Niger. Six months later, N'Djamena brought about half of the soldiers home."
    )
    assert ("withdrawal", "NER") in events(facts)
    assert ("withdrawal", "MLI") not in events(facts)


def test_soldiers_flown_home_leave_where_they_were(extract_text):
    facts = extract_text("The soldiers were flown home to Italy from Niamey on Saturday.")
    assert events(facts) == [("withdrawal", "NER")]


def test_a_security_council_vote_is_a_session_in_new_york(extract_text):
    facts = extract_text(
        "The UN Security Council on Friday unanimously adopted a resolution ending the "
        "mandate of the peacekeeping mission in Mali."
    )
    assert ("meeting", "USA") in events(facts)
    assert ("meeting", "MLI") not in events(facts)


def test_addressing_the_council_somewhere_is_a_session_there(extract_text):
    facts = extract_text("Addressing the council in Addis Ababa on Friday, Diop said so.")
    assert events(facts) == [("meeting", "ETH")]


def test_a_bare_junta_is_the_junta_of_the_country_the_article_is_about(extract_text):
    facts = extract_text(
        "French troops left Gao, Kidal and Timbuktu for Niger, which agreed to host them. "
        "Relations between Paris and the junta of Colonel Assimi Goïta, who took power in a "
        "coup in August 2020, collapsed."
    )
    assert ("coup", "MLI") in events(facts)


def test_a_junta_named_with_its_capital_keeps_its_country(extract_text):
    facts = extract_text(
        "Benin's army lost 28 soldiers near Kandi and Parakou. The junta in Niamey took power "
        "in a coup in July 2023."
    )
    assert ("coup", "NER") in events(facts)


def test_a_state_acting_after_the_event_does_not_hide_its_place(extract_text):
    facts = extract_text(
        "Malian soldiers crossed into Mauritanian territory while pursuing rebels, an "
        "incident Nouakchott protested to Bamako."
    )
    assert ("deployment", "MRT") in events(facts)


def test_a_junta_named_with_its_country_keeps_it(extract_text):
    facts = extract_text(
        "Togo extended the emergency in Dapaong and Lomé. Burkina Faso's junta, which seized "
        "power in 2022, accused Togo of sheltering opponents."
    )
    assert ("coup", "BFA") in events(facts)


def test_the_state_a_relative_clause_is_about_sends_the_forces(extract_text):
    facts = extract_text(
        "Ouagadougou and Bobo-Dioulasso are calm. Burkina Faso expelled French troops and "
        "turned to Russia, which has sent a few hundred instructors."
    )
    assert ("deployment", "RUS") not in events(facts)
    assert ("deployment", "BFA") in events(facts)


def test_leaving_a_regional_bloc_is_no_military_withdrawal(extract_text):
    facts = extract_text(
        "Leaders met in Bamako to discuss a joint force of the alliance the juntas created "
        "after leaving ECOWAS."
    )
    assert "withdrawal" not in set(facts.events["type"])


def test_one_force_leaving_and_another_arriving_are_two_events(extract_text):
    facts = extract_text(
        "The United States completed the withdrawal of its troops from Niger in August, "
        "while Russian military instructors arrived in Niamey in April."
    )
    assert events(facts) == [("withdrawal", "NER"), ("deployment", "NER")]


def test_a_state_pledging_reinforcements_is_not_where_they_go(extract_text):
    facts = extract_text("At a summit in Pau, Paris pledged reinforcements for the Sahel.")
    assert ("deployment", "FRA") not in events(facts)
    assert ("meeting", "FRA") in events(facts)


# --------------------------------------------------------------------------- round 2


@pytest.mark.parametrize(
    "sentence",
    [
        "The Pentagon said some troops were moved to Agadez, but none of the soldiers have "
        "left Niger.",
        "Chad's president threatened to pull his troops out of Niger.",
        "Jihadists threatened to attack Kidal last week, a Malian official said.",
        "Northern Ghana has so far escaped a major attack in its border districts.",
        "Jihadists have so far avoided attacks in Senegal.",
        "Travellers in Senegal have been spared attacks.",
    ],
)
def test_what_nobody_did_threatened_or_escaped_is_no_event(extract_text, sentence):
    kinds = set(extract_text(sentence).events["type"])
    assert not kinds & {"withdrawal", "attack"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Some of the soldiers have left Niger, the Pentagon said.",
        "Chad's president decided to pull his troops out of Niger.",
        "Jihadists have so far launched attacks in Niger.",
        "A convoy of Nigerien soldiers escaped an ambush in Niger on Monday.",
    ],
)
def test_the_same_deeds_done_are_events(extract_text, sentence):
    assert extract_text(sentence).events["location_iso3"].tolist() == ["NER"]


@pytest.mark.parametrize(
    ("sentence", "iso3"),
    [
        ("The junta in Niamey has made it clear that it wants French troops out.", "NER"),
        ("Burkina Faso's military rulers want them out of the country by February.", "BFA"),
    ],
)
def test_wanting_a_force_out_is_an_expulsion(extract_text, sentence, iso3):
    assert events(extract_text(sentence)) == [("expulsion", iso3)]


def test_wanting_to_find_out_is_no_expulsion(extract_text):
    facts = extract_text("Officials in Niamey want to find out what the soldiers saw.")
    assert "expulsion" not in set(facts.events["type"])


def test_a_town_under_blockade_is_besieged_not_sanctioned(extract_text):
    facts = extract_text("The town of Djibo in Burkina Faso has been under blockade for months.")
    assert "sanction" not in set(facts.events["type"])
    facts = extract_text("ECOWAS imposed a blockade on Niger.")
    assert events(facts) == [("sanction", "NER")]


@pytest.mark.parametrize(
    ("sentence", "iso3", "date"),
    [
        ("German soldiers have been stationed in Niamey since 2016.", "NER", "2016"),
        ("The Italian contingent had been based at Niamey since April 2018.", "NER", "2018-04"),
    ],
)
def test_a_force_based_somewhere_since_a_date_was_deployed_then(extract_text, sentence, iso3, date):
    event = the_event(extract_text(sentence), "deployment", iso3)
    assert event["date"] == date


@pytest.mark.parametrize(
    "sentence",
    [
        "German soldiers are stationed in Niamey, at the air base.",
        "The French embassy has been based in Bamako since 1960, near the soldiers' camp.",
    ],
)
def test_a_force_merely_stationed_or_an_office_based_somewhere_is_no_deployment(
    extract_text, sentence
):
    assert "deployment" not in set(extract_text(sentence).events["type"])


def test_an_arrival_years_before_a_withdrawal_in_its_sentence_is_its_own_event(extract_text):
    facts = extract_text(
        "Paris on Wednesday declared the end of its mission in Mali, closing a chapter that "
        "opened when French troops intervened in Mali in January 2013.",
        published="2022-11-10",
    )
    assert events(facts) == [("withdrawal", "MLI"), ("deployment", "MLI")]
    facts = extract_text(
        "Paris declared the end of its mission in Mali in 2022, after French troops had "
        "intervened in Mali in 2022.",
        published="2022-11-10",
    )
    assert events(facts) == [("withdrawal", "MLI")]


def test_revoking_treaties_is_an_agreement_event(extract_text):
    facts = extract_text("Mali's junta revoked the defence treaties with France.")
    assert events(facts) == [("agreement", "MLI")]


@pytest.mark.parametrize(
    ("sentence", "iso3"),
    [
        ("Germany will close its air base in Niamey by August.", "NER"),
        ("The closure of the Tessalit camp was completed in October.", "MLI"),
        ("The Americans shut down their drone base in Agadez.", "NER"),
    ],
)
def test_closing_a_base_is_a_withdrawal(extract_text, sentence, iso3):
    assert events(extract_text(sentence)) == [("withdrawal", iso3)]


def test_closing_a_border_is_no_withdrawal(extract_text):
    facts = extract_text("Officials closed the border with Niger.")
    assert "withdrawal" not in set(facts.events["type"])


def test_a_state_in_the_present_of_a_timeline_acts(extract_text):
    facts = extract_text(
        "French soldiers patrol Gao, Timbuktu and Kidal in Mali. At a summit in Pau with Sahel "
        "leaders, Paris pledges reinforcements; by February the force reaches about 5,100 "
        "soldiers."
    )
    assert ("deployment", "FRA") not in events(facts)
    assert ("deployment", "MLI") in events(facts)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The UN mission wrapped up its operations in Mali in December.", ("withdrawal", "MLI")),
        ("The Bundeswehr flew its last soldiers out of Niamey.", ("withdrawal", "NER")),
        ("Senegal's president demanded the closure of French bases.", ("expulsion", "SEN")),
        ("A suicide bomber struck a military camp in Gao.", ("attack", "MLI")),
        ("Gunmen targeted a convoy near Ménaka.", ("attack", "MLI")),
        ("The convoy was hit by an improvised explosive device near Gao.", ("attack", "MLI")),
        ("Russian military instructors touched down in Niamey.", ("deployment", "NER")),
        ("Chadian soldiers were deployed to the tri-border area in Niger.", ("deployment", "NER")),
        (
            "Jets struck training camps around Gao after taking off from Saint-Dizier.",
            ("attack", "MLI"),
        ),
    ],
)
def test_more_ways_news_words_events(extract_text, sentence, expected):
    assert events(extract_text(sentence)) == [expected]


def test_a_force_cut_in_the_passive_is_a_withdrawal(extract_text):
    facts = extract_text(
        "French troops patrol Gao in Mali. The French contingent will be cut to 2,500."
    )
    assert ("withdrawal", "MLI") in events(facts)


@pytest.mark.parametrize(
    "sentence",
    [
        "The evacuation flew 900 civilians out of Niamey.",
        "Mali and Russia struck a deal in Bamako.",
    ],
)
def test_flying_civilians_out_or_striking_a_deal_is_no_withdrawal_or_attack(extract_text, sentence):
    kinds = set(extract_text(sentence).events["type"])
    assert not kinds & {"withdrawal", "attack"}


@pytest.mark.parametrize(
    ("sentence", "iso3"),
    [
        ("Niger's generals toppled President Bazoum in July.", "NER"),
        ("Burkina Faso's army officers overthrew Damiba in September.", "BFA"),
    ],
)
def test_a_coup_by_a_countrys_officers_is_in_that_country(extract_text, sentence, iso3):
    assert events(extract_text(sentence)) == [("coup", iso3)]


def test_a_countrys_president_condemning_a_coup_does_not_place_it(extract_text):
    assert events(extract_text("Nigeria's president condemned the coup.")) == []


def test_a_national_army_stationed_at_home_is_not_deployed(extract_text):
    facts = extract_text("The Malian army has been stationed in Gao since 2013.")
    assert "deployment" not in set(facts.events["type"])
    facts = extract_text("The French army has been stationed in Gao since 2013.")
    assert events(facts) == [("deployment", "MLI")]


def test_sending_troops_to_a_former_colony_is_not_at_home(extract_text):
    facts = extract_text("France sent troops to its former colony.")
    assert ("deployment", "FRA") not in events(facts)


def test_stationing_troops_somewhere_deploys_them(extract_text):
    facts = extract_text("Senegal stationed 500 troops in Gambia in 2017.")
    assert events(facts) == [("deployment", "GMB")]


@pytest.mark.parametrize(
    ("sentence", "iso3"),
    [
        ("Nigeria has deployed troops along its border with Niger.", "NGA"),
        ("Ghana has stationed several hundred soldiers along the border with Burkina Faso.", "GHA"),
        ("Chad has sent 1,000 soldiers to its eastern border.", "TCD"),
        ("Benin deployed troops in its far north.", "BEN"),
    ],
)
def test_a_state_guarding_its_border_deploys_at_home(extract_text, sentence, iso3):
    assert events(extract_text(sentence)) == [("deployment", iso3)]


def test_a_state_reacting_after_an_attack_is_where_it_struck(extract_text):
    facts = extract_text(
        "Mali declared three days of mourning after 40 soldiers were killed in an attack."
    )
    assert events(facts) == [("attack", "MLI")]
    facts = extract_text("France intervened after jihadists launched an offensive.")
    assert ("attack", "FRA") not in events(facts)


def test_an_attack_at_a_town_of_the_state_reacting_is_there(extract_text):
    facts = extract_text(
        "Côte d'Ivoire created a military zone after an attack on an army post at Kafolo."
    )
    assert ("attack", "CIV") in events(facts)


@pytest.mark.parametrize(
    ("sentence", "iso3"),
    [
        ("Mali's junta told the French ambassador that French troops must leave.", "MLI"),
        ("The rulers in Niamey told the Americans to go.", "NER"),
        ("The junta in Ouagadougou gave them notice in January.", "BFA"),
        ("Burkina Faso's junta served the French a month's notice.", "BFA"),
    ],
)
def test_telling_a_force_to_leave_or_giving_it_notice_is_an_expulsion(extract_text, sentence, iso3):
    assert events(extract_text(sentence)) == [("expulsion", iso3)]


def test_telling_reporters_the_troops_will_leave_is_no_expulsion(extract_text):
    facts = extract_text("Macron told reporters that the troops would leave Niger.")
    assert "expulsion" not in set(facts.events["type"])
    assert ("withdrawal", "NER") in events(facts)


@pytest.mark.parametrize(
    ("sentence", "iso3"),
    [
        ("Prime Minister Ali Lamine Zeine went to Tehran in January.", "IRN"),
        ("The president flew to Moscow in June.", "RUS"),
    ],
)
def test_a_leader_going_somewhere_is_a_visit(extract_text, sentence, iso3):
    assert events(extract_text(sentence)) == [("meeting", iso3)]


def test_troops_going_somewhere_are_no_visit(extract_text):
    facts = extract_text("French troops went to Mali in 2013.")
    assert "meeting" not in set(facts.events["type"])


def test_departures_from_listed_countries_are_withdrawals_from_each(extract_text):
    facts = extract_text(
        "The episode follows the departures from Mali in 2022, then from Burkina Faso and "
        "Niger in 2023."
    )
    assert events(facts) == [("withdrawal", "MLI"), ("withdrawal", "BFA"), ("withdrawal", "NER")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister's departure from Mali was delayed, said Jean Dupont.",
        "The French ambassador's departure from Niger came a month later.",
    ],
)
def test_a_person_leaving_a_country_is_no_withdrawal(extract_text, sentence):
    assert "withdrawal" not in set(extract_text(sentence).events["type"])


# --------------------------------------------------------------------------- modality


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Macron announced that France will withdraw its troops from Mali.", "announced"),
        ("Washington said it would withdraw its troops from Niger.", "announced"),
        ("France plans to pull out of Niger by the end of the year.", "planned"),
        ("The peacekeepers are to leave Mali by December.", "planned"),
        ("French troops began leaving Niger in October 2023.", "under_way"),
        ("The withdrawal is under way.", "under_way"),
        ("The troops are leaving Niger.", "under_way"),
        ("The last French soldiers left Niger on 22 December 2023.", "completed"),
        ("The withdrawal has been completed.", "completed"),
        ("The junta announced the end of the accord.", "announced"),
    ],
)
def test_modality(sentence, status):
    assert modality(sentence) == status


def test_status_in_the_event_table_follows_the_sentence(extract_text):
    facts = extract_text(
        "France plans to withdraw its troops from Niger by the end of the year. "
        "US troops began leaving Chad in April 2024."
    )
    assert the_event(facts, "withdrawal", "NER")["status"] == "planned"
    assert the_event(facts, "withdrawal", "TCD")["status"] == "under_way"


# --------------------------------------------------------------------------- trigger_type


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def token(blank, text: str, word: str):
    doc = blank(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("a wave of coups", "coups", "coup"),
        ("the putsch failed", "putsch", "coup"),
        ("the withdrawal began", "withdrawal", "withdrawal"),
        ("the pullout ended", "pullout", "withdrawal"),
        ("they redeployed to Niger", "redeployed", "redeployment"),
        ("Niger agreed to host them", "host", "redeployment"),
        ("the host country objected", "host", None),
        ("the referendum took place", "referendum", "election"),
        ("they refused to vote", "vote", None),
        ("the vote was delayed", "vote", None),  # a UN vote is no election
        ("a summit in Niamey", "summit", "meeting"),
        ("a news meeting", "meeting", None),
        ("Mali signed up to the alliance", "signed", None),
        ("Russia signed the accord", "signed", "agreement"),
        ("the soldiers deployed there", "deployed", None),
        ("France deployed troops", "deployed", "deployment"),
        ("the convoy was ambushed", "ambushed", "attack"),
        ("Niger expelled the envoy", "expelled", "expulsion"),
        ("the troops stayed", "troops", None),
        ("leaders will meet in Abuja", "meet", "meeting"),
        ("where Mali, Niger and Burkina Faso meet.", "meet", None),
        ("Nigeria dispatched troops", "dispatched", "deployment"),
        ("they signed a memorandum of understanding", "memorandum", "agreement"),
        ("a presidential vote in July", "vote", "election"),
        ("a poll published last month", "poll", None),
        ("US troops vacated the base", "vacated", "withdrawal"),
        ("France intervened in Mali", "intervened", "deployment"),
        ("a possible military intervention", "intervention", "deployment"),
        ("jihadists overran the town", "overran", "attack"),
        ("after talks in Algiers", "talks", "meeting"),
        ("a donors' conference in Brussels", "conference", "meeting"),
        ("the final disengagement of French forces", "disengagement", "withdrawal"),
        ("attack helicopters landed", "attack", None),
        ("broken election promises", "election", None),
        ("helicopters for medical evacuation", "evacuation", None),
    ],
)
def test_trigger_type(blank, text, word, kind):
    assert trigger_type(token(blank, text, word)) == kind


def test_every_event_type_has_triggers():
    assert set(EVENT_TYPES) >= {
        "withdrawal",
        "deployment",
        "redeployment",
        "coup",
        "election",
        "attack",
        "agreement",
        "expulsion",
        "meeting",
        "sanction",
    }
    assert all(EVENT_TYPES.values())
