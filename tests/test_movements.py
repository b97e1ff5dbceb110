"""Tests of sahel_analysis.language.movements: forces moving from origin to destination."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_analysis.language.movements import MovementRecognizer


def moves(facts) -> list[tuple[str, str | None, str | None]]:
    """(actor, origin_iso3, destination_iso3) of every movement, as the evaluator keys them."""
    return [
        (
            r.actor,
            None if pd.isna(r.origin_iso3) else r.origin_iso3,
            None if pd.isna(r.destination_iso3) else r.destination_iso3,
        )
        for r in facts.movements.itertuples()
    ]


def the_move(facts, actor: str):
    rows = facts.movements[facts.movements["actor"] == actor]
    assert len(rows) == 1, facts.movements[["actor", "origin_iso3", "destination_iso3"]]
    return rows.iloc[0]


# --------------------------------------------------------------------------- one sentence


def test_france_will_withdraw_from_mali_to_niger(extract_text):
    facts = extract_text("France will withdraw its troops from Mali to Niger.")
    assert moves(facts) == [("France", "MLI", "NER")]
    move = the_move(facts, "France")
    assert (move["origin"], move["destination"], move["status"]) == ("Mali", "Niger", "planned")


def test_an_announced_move_is_announced(extract_text):
    facts = extract_text(
        "Macron announced that France will withdraw its troops from Mali to Niger."
    )
    assert moves(facts) == [("France", "MLI", "NER")]
    assert the_move(facts, "France")["status"] == "announced"


@pytest.mark.parametrize(
    ("text", "expected", "status"),
    [
        (
            "French troops left Mali for Niger in August 2022.",
            ("France", "MLI", "NER"),
            "completed",
        ),
        ("US troops are leaving Niger for Germany.", ("United States", "NER", "DEU"), "under_way"),
        (
            "French forces leaving Niger crossed into Chad in October 2023.",
            ("France", "NER", "TCD"),
            "completed",
        ),
        (
            "Wagner fighters arrived in Bamako in December 2021.",
            ("Wagner Group", None, "MLI"),
            "completed",
        ),
        (
            "The Takuba task force pulled out of Mali in June 2022.",
            ("European allies", "MLI", None),
            "completed",
        ),
        (
            "MINUSMA peacekeepers completed their withdrawal from Mali in December 2023.",
            ("United Nations", "MLI", None),
            "completed",
        ),
        (
            "The last US soldiers left Air Base 201 in Agadez in August 2024.",
            ("United States", "NER", None),
            "completed",
        ),
        (
            "France will send troops back home from Niger over the coming months.",
            ("France", "NER", "FRA"),
            "planned",
        ),
    ],
)
def test_origin_destination_and_status(extract_text, text, expected, status):
    facts = extract_text(text)
    assert moves(facts) == [expected]
    assert facts.movements.iloc[0]["status"] == status


def test_a_base_is_the_origin_by_name(extract_text):
    facts = extract_text("The last US soldiers left Air Base 201 in Agadez in August 2024.")
    move = the_move(facts, "United States")
    assert move["origin"] == "Air Base 201"
    assert move["date_start"] == "2024-08"


def test_the_date_is_the_nearest_time_expression(extract_text):
    facts = extract_text("French troops left Niger on Friday.", published="2023-12-25")
    assert the_move(facts, "France")["date_start"] == "2023-12-22"


# --------------------------------------------------------------------------- movers


def test_coordinated_movers_each_move(extract_text):
    facts = extract_text("German and Swedish troops left Mali for Niger.")
    assert moves(facts) == [("Germany", "MLI", "NER"), ("Sweden", "MLI", "NER")]


def test_france_and_its_allies_both_move(extract_text):
    facts = extract_text("France and its allies will withdraw their troops from Mali to Niger.")
    assert moves(facts) == [("France", "MLI", "NER"), ("European allies", "MLI", "NER")]


def test_the_agent_of_a_passive_is_the_mover(extract_text):
    facts = extract_text("Troops were withdrawn from Mali by France in 2022.")
    assert moves(facts) == [("France", "MLI", None)]
    assert the_move(facts, "France")["date_start"] == "2022"


def test_the_force_named_after_a_noun_trigger_is_the_mover(extract_text):
    facts = extract_text("The departure of the French troops from Niger ended in December 2023.")
    assert moves(facts) == [("France", "NER", None)]


def test_a_host_country_is_the_destination(extract_text):
    facts = extract_text("Niger agreed to host the French forces.")
    assert moves(facts) == [("France", None, "NER")]
    assert the_move(facts, "France")["status"] == "announced"


def test_a_host_and_a_departure_in_one_sentence_are_one_movement(extract_text):
    facts = extract_text("Niger agreed to host the French forces leaving Mali.")
    assert moves(facts) == [("France", "MLI", "NER")]


def test_a_country_does_not_leave_itself(extract_text):
    facts = extract_text("The Malian army withdrew from Kidal. French troops left Mali for Niger.")
    assert moves(facts) == [("France", "MLI", "NER")]


@pytest.mark.parametrize(
    "text",
    [
        "Malian troops withdrew from Mali.",
        "Mali's soldiers left Mali for Niger.",
    ],
)
def test_mali_does_not_leave_mali(extract_text, text):
    assert extract_text(text).movements.empty


@pytest.mark.parametrize(
    "text",
    [
        "A notice was sent to Paris by the ministry.",
        "The ambassador left Bamako for Paris on Monday.",
        "Mali, Burkina Faso and Niger left ECOWAS in January 2024.",
    ],
)
def test_sentences_not_about_forces_move_nobody(extract_text, text):
    assert extract_text(text).movements.empty


# --------------------------------------------------------------------------- joining


def test_a_later_sentence_names_the_destination(extract_text):
    facts = extract_text(
        "French troops left Niger on Friday. Most of the soldiers were flown home to France."
    )
    assert moves(facts) == [("France", "NER", "FRA")]


def test_a_pronoun_in_the_next_sentence_joins_the_movement(extract_text):
    facts = extract_text(
        "French troops left Niger on Friday. Most of them were flown home to France."
    )
    assert moves(facts) == [("France", "NER", "FRA")]


def test_one_actors_mentions_are_joined_once(extract_text):
    facts = extract_text(
        "France will withdraw its troops from Mali. The French soldiers will move to Niger. "
        "French troops leaving Mali will regroup in Niger."
    )
    assert moves(facts) == [("France", "MLI", "NER")]


def test_no_longer_in_mali_but_in_niger(extract_text):
    facts = extract_text(
        "French forces will leave Mali. “The heart of this military operation will no longer "
        "be in Mali but in Niger,” Macron said."
    )
    assert moves(facts) == [("France", "MLI", "NER")]


# --------------------------------------------------------------------------- troops


def test_troop_range_comes_from_the_troops_table(extract_text):
    facts = extract_text("A French contingent of 2,400 troops will leave Mali for Niger.")
    move = the_move(facts, "France")
    assert (move["troops_low"], move["troops_high"]) == (2400, 2400)


def test_a_vague_figure_gives_a_range(extract_text):
    facts = extract_text(
        "Several hundred soldiers from the European allies will leave Mali for Niger."
    )
    move = the_move(facts, "European allies")
    assert (move["origin_iso3"], move["destination_iso3"]) == ("MLI", "NER")
    assert (move["troops_low"], move["troops_high"]) == (200, 900)


def test_an_open_ended_figure_keeps_its_open_bound(extract_text):
    facts = extract_text("More than 1,000 US troops will leave Niger by September 2024.")
    move = the_move(facts, "United States")
    assert move["troops_low"] == 1001
    assert pd.isna(move["troops_high"])
    assert move["date_start"] == "2024-09"


def test_another_actors_troops_are_not_attached(extract_text):
    facts = extract_text("About 1,000 US troops were in Niger. French troops left Niger for Chad.")
    move = the_move(facts, "France")
    assert pd.isna(move["troops_low"]) and pd.isna(move["troops_high"])


# --------------------------------------------------------------------------- rows


def test_movement_rows_have_provenance_and_lines(extract_text):
    text = "Belgium (Brussels Morning Newspaper) French troops left Mali for Niger in 2022."
    facts = extract_text(text, source="Brussels Morning Newspaper")
    move = the_move(facts, "France")
    assert text[move["start"] : move["end"]] == move["text"] == "left"
    assert move["evidence"] == text
    assert move.geometry is not None and move.geometry.geom_type == "LineString"
    assert 0 < move["confidence"] <= 1


def test_the_component_is_registered(nlp):
    assert nlp.pipe_names[-1] == "sahel_movements"
    assert isinstance(nlp.get_pipe("sahel_movements"), MovementRecognizer)


def test_soldiers_flown_or_brought_home_go_to_their_country(extract_text):
    facts = extract_text(
        "Italy cut its contingent in Niger, flying 65 of its soldiers home from Niamey."
    )
    assert moves(facts) == [("Italy", "NER", "ITA")]
    facts = extract_text(
        "France will pull its troops out of Niger. The soldiers will be brought home to France."
    )
    assert moves(facts) == [("France", "NER", "FRA")]


# --------------------------------------------------------------------------- wider reading


def test_a_country_named_britain_moves_like_the_united_kingdom(extract_text):
    facts = extract_text("Britain will withdraw its 300 soldiers from the UN mission in Mali.")
    assert moves(facts) == [("United Kingdom", "MLI", None)]


def test_soldiers_who_will_be_home_later_in_the_article_go_home(extract_text):
    facts = extract_text(
        "Britain will withdraw its 300 soldiers from Mali. Officials gave no date. "
        "The minister spoke to parliament. The soldiers would be home by June."
    )
    assert moves(facts) == [("United Kingdom", "MLI", "GBR")]


def test_a_force_going_home_goes_to_its_country(extract_text):
    facts = extract_text(
        "Wagner fighters are leaving Mali. A message said: PMC Wagner is going home."
    )
    assert moves(facts) == [("Wagner Group", "MLI", "RUS")]


def test_the_origin_is_where_the_troops_were_stationed(extract_text):
    facts = extract_text(
        "About 1,500 French soldiers are based in Niger. The soldiers will be brought home "
        "to France."
    )
    assert moves(facts) == [("France", "NER", "FRA")]


def test_a_departure_without_a_place_leaves_where_the_troops_are(extract_text):
    facts = extract_text(
        "France has about 1,000 soldiers in Chad. The statement gave no timetable for "
        "their departure."
    )
    assert moves(facts) == [("France", "TCD", None)]


def test_troops_stationed_somewhere_that_leave_leave_that_place(extract_text):
    facts = extract_text(
        "The last French troops in Chad left in January, and Senegal is expected to be "
        "cleared within months."
    )
    assert moves(facts) == [("France", "TCD", None)]


def test_the_actor_of_a_troop_figure_is_the_mover(extract_text):
    facts = extract_text(
        "About 1,000 French soldiers were stationed in Chad. A first group of 120 soldiers "
        "flew home in December."
    )
    assert moves(facts) == [("France", "TCD", "FRA")]


def test_forces_ordered_out_of_a_country_come_from_it(extract_text):
    facts = extract_text("French special forces ordered out of Burkina Faso regrouped in Niger.")
    assert moves(facts) == [("France", "BFA", "NER")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France moved its force to Niger in 2022.", ("France", None, "NER")),
        ("Chadian soldiers crossed into Mali from Niger.", ("Chad", "NER", "MLI")),
        ("French soldiers travelled overland to Chad.", ("France", None, "TCD")),
    ],
)
def test_more_verbs_of_moving(extract_text, text, expected):
    assert moves(extract_text(text)) == [expected]


def test_a_teaser_for_another_story_is_not_a_movement(extract_text):
    facts = extract_text(
        "German soldiers left Niger on Friday.\n\nREAD MORE: Bundeswehr troops complete "
        "withdrawal from Mali\n\nThe base closed."
    )
    assert moves(facts) == [("Germany", "NER", None)]


def test_a_gerund_shares_the_subject_of_its_clause(extract_text):
    facts = extract_text("France moved much of its force to Niger after leaving Mali in 2022.")
    assert moves(facts) == [("France", "MLI", "NER")]


def test_here_is_the_dateline(extract_text):
    facts = extract_text(
        "NIAMEY — The coup worries Paris. France moved much of its counter-terrorism force "
        "here after leaving Mali last year."
    )
    assert moves(facts) == [("France", "MLI", "NER")]


def test_a_where_clause_names_where_the_force_went(extract_text):
    facts = extract_text(
        "The special forces will be relocated to Niger, where France already has about 1,000 "
        "troops after its withdrawal from Mali."
    )
    assert ("France", "MLI", "NER") in moves(facts)


def test_a_where_clause_without_an_origin_is_where_the_force_leaves(extract_text):
    facts = extract_text(
        "In Senegal, where the president has asked French troops to leave, the withdrawal "
        "is expected within months."
    )
    assert moves(facts) == [("France", "SEN", None)]


def test_a_second_leg_starts_where_the_first_ended(extract_text):
    facts = extract_text(
        "French soldiers left Niger. Others travelled overland to N'Djamena before being "
        "airlifted to France."
    )
    assert ("France", "TCD", "FRA") in moves(facts)
    assert ("France", "NER", "TCD") in moves(facts)


def test_recalled_soldiers_go_home(extract_text):
    facts = extract_text(
        "Danish special forces arrived in Mali. Denmark then recalled its soldiers."
    )
    assert ("Denmark", "MLI", "DNK") in moves(facts)


def test_a_place_in_another_clause_is_not_the_destination(extract_text):
    facts = extract_text(
        "Chad will deploy 1,200 soldiers to the border area where Mali, Niger and Burkina Faso "
        "meet."
    )
    assert moves(facts) == []


@pytest.mark.parametrize(
    "text",
    [
        "Since the coup, Niger's rulers expelled the French army and moved closer to Moscow.",
        "The junta, guarded by Russian soldiers, is sending its prime minister to Moscow.",
        "Tomorrow, the bodies of the soldiers will be brought to Cotonou.",
    ],
)
def test_politics_envoys_and_the_dead_are_not_force_movements(extract_text, text):
    assert all(dest not in {"RUS", "BEN"} for _, _, dest in moves(extract_text(text)))


def test_an_army_named_in_an_earlier_clause_is_not_the_mover(extract_text):
    facts = extract_text(
        "The last French detachment leaves Gao, hands the base to the Malian army and crosses "
        "into Niger."
    )
    assert moves(facts) == [("France", "MLI", "NER")]


def test_a_move_between_two_towns_of_one_country_is_a_movement(extract_text):
    facts = extract_text(
        "The last UN peacekeepers left their camp in Kidal on Tuesday. The convoy of "
        "peacekeepers headed south towards Gao."
    )
    assert ("United Nations", "MLI", "MLI") in moves(facts)
    move = facts.movements[facts.movements["destination_iso3"] == "MLI"].iloc[0]
    assert (move["origin"], move["destination"]) == ("Kidal", "Gao")


def test_the_owner_of_a_whose_clause_is_the_mover(extract_text):
    facts = extract_text(
        "Chad, whose blue helmets held the northern camps, will fly its remaining soldiers "
        "back to N'Djamena from Gao."
    )
    assert moves(facts) == [("Chad", "MLI", "TCD")]


def test_a_states_arrival_does_not_borrow_another_actors_origin(extract_text):
    facts = extract_text(
        "US troops will leave Niger. About 100 Russian soldiers landed in Ouagadougou in January."
    )
    assert moves(facts) == [("United States", "NER", None), ("Russia", None, "BFA")]


def test_coordinated_places_are_each_a_leg(extract_text):
    facts = extract_text(
        "The first units came from French garrisons already in Africa, in N'Djamena and "
        "Abidjan, and were flown into Bamako in the opening days."
    )
    assert moves(facts) == [("France", "TCD", "MLI"), ("France", "CIV", "MLI")]
    facts = extract_text(
        "French soldiers left Niger. Most of them were flown to Chad in recent days, and some "
        "of them back to France."
    )
    assert {("France", "NER", "TCD"), ("France", "NER", "FRA")} <= set(moves(facts))


def test_companions_homes_are_not_the_origin(extract_text):
    facts = extract_text(
        "Some 2,000 Chadian soldiers, who crossed into Mali from Niger, are moving north "
        "alongside contingents from Nigeria and Togo."
    )
    assert moves(facts) == [("Chad", "NER", "MLI")]


def test_a_force_named_in_an_aside_is_not_the_mover(extract_text):
    facts = extract_text(
        "UN peacekeepers left their camp in Kidal. The convoy, carrying the remaining members "
        "of the Chadian contingent, headed south towards Gao."
    )
    assert "Chad" not in {actor for actor, _, _ in moves(facts)}


def test_soldiers_based_there_move_on_from_that_place(extract_text):
    facts = extract_text(
        "The French army handed its base in Timbuktu to the Malian forces. The camp had been "
        "used by French troops since 2013. Most of the soldiers based there were flown to Gao "
        "in recent days, and some of them back to France."
    )
    assert set(moves(facts)) == {("France", "MLI", "MLI"), ("France", "MLI", "FRA")}
    inland = facts.movements[facts.movements["destination_iso3"] == "MLI"].iloc[0]
    assert (inland["origin"], inland["destination"]) == ("Timbuktu", "Gao")


def test_the_troops_of_another_clause_do_not_travel_with_an_officer(extract_text):
    facts = extract_text(
        "The Beninese army lost 28 soldiers. Fresh troops were sent north on Thursday, and the "
        "chief of general staff travelled to Kandi."
    )
    assert moves(facts) == []


def test_companions_move_with_the_movers(extract_text):
    facts = extract_text(
        "Italy cut its contingent in Niger, flying 65 of its soldiers home from Niamey together "
        "with 10 American troops."
    )
    assert moves(facts) == [("Italy", "NER", "ITA"), ("United States", "NER", "ITA")]


def test_a_group_going_home_is_read_without_a_force_word(extract_text):
    facts = extract_text(
        'The Wagner fighters say they are leaving Mali. "Mission accomplished. PMC Wagner is '
        'going home," read a message on Telegram.'
    )
    assert moves(facts) == [("Wagner Group", "MLI", "RUS")]


def test_a_state_sending_troops_inside_its_own_country(extract_text):
    facts = extract_text("Benin sent 500 soldiers to Kandi after the attack.")
    assert moves(facts) == [("Benin", "BEN", "BEN")]


def test_a_states_force_sending_troops_sends_them_from_home(extract_text):
    facts = extract_text(
        "Moscow folded Wagner into the Africa Corps, which this year sent instructors to "
        "Burkina Faso in January and to Niger in April."
    )
    assert moves(facts) == [("Russia", "RUS", "BFA"), ("Russia", "RUS", "NER")]


def test_a_country_where_the_soldiers_are_is_not_the_mover(extract_text):
    facts = extract_text(
        "The US will keep about 500 troops in Germany. Washington also said its soldiers in "
        "Niger would move to Benin."
    )
    assert moves(facts) == [("United States", "NER", "BEN")]


def test_a_force_named_in_a_relative_clause_is_not_the_mover(extract_text):
    facts = extract_text(
        "German soldiers, who had trained Malian troops in Koulikoro, returned home in December."
    )
    assert moves(facts) == [("Germany", None, "DEU")]


def test_a_stop_on_the_way_out_is_not_a_movement_of_its_own(extract_text):
    facts = extract_text(
        "The UN mission said peacekeepers would move their equipment to Gao before leaving Mali."
    )
    assert moves(facts) == [("United Nations", "MLI", None)]


def test_the_country_left_is_not_one_named_as_a_goal(extract_text):
    facts = extract_text(
        "Mali's junta has moved closer to Russia since French soldiers left the country in 2022."
    )
    assert moves(facts) == [("France", "MLI", None)]


def test_a_capital_before_the_verb_stands_for_its_government(extract_text):
    facts = extract_text(
        "Danish special forces arrived in Mali in January. Copenhagen then recalled its soldiers."
    )
    assert ("Denmark", "MLI", "DNK") in moves(facts)


def test_their_equipment_is_not_their_troops(extract_text):
    facts = extract_text(
        "Some 600 British troops serve with the UN in Mali. They are expected to return home "
        "next year, and their equipment will move by road to Senegal."
    )
    assert moves(facts) == [("United Kingdom", "MLI", "GBR")]


def test_the_mission_is_the_force_named_before(extract_text):
    facts = extract_text(
        "EUTM Mali ended on Saturday after eleven years. At its busiest, the mission brought "
        "several hundred European instructors to Mali."
    )
    assert ("European Union", None, "MLI") in moves(facts)


# --------------------------------------------------------------------------- round 2: new wording


@pytest.mark.parametrize(
    "text",
    [
        "French troops have not left Niger.",
        "None of the Italian soldiers have left Niger, the ministry said.",
        "German troops never withdrew from Mali to Niger.",
    ],
)
def test_a_negated_verb_moves_nobody(extract_text, text):
    assert extract_text(text).movements.empty


def test_a_negation_in_another_clause_does_not_stop_a_move(extract_text):
    facts = extract_text(
        "No French soldier has left Niger yet, but German troops left Niger for Germany."
    )
    assert moves(facts) == [("Germany", "NER", "DEU")]


def test_no_timetable_for_a_departure_is_still_a_departure(extract_text):
    facts = extract_text(
        "France has about 1,000 soldiers in Chad. "
        "The statement gave no timetable for their departure."
    )
    assert moves(facts) == [("France", "TCD", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Italy has a training mission in Niger, where it deployed 300 soldiers in 2018.",
            ("Italy", "ITA", "NER"),
        ),
        (
            "The Germans ran a camp in Gao, where the British deployed 300 reconnaissance troops.",
            ("United Kingdom", "GBR", "MLI"),
        ),
    ],
)
def test_a_where_clause_names_the_destination_of_an_arrival(extract_text, text, expected):
    assert moves(extract_text(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "French troops hold a base in Gao. Paris sent 200 more soldiers there in May.",
            ("France", "FRA", "MLI"),
        ),
        (
            "Most French soldiers are at a camp in Gao, and France moved its helicopters there.",
            ("France", None, "MLI"),
        ),
    ],
)
def test_there_is_the_place_last_named(extract_text, text, expected):
    assert moves(extract_text(text)) == [expected]


def test_a_country_whose_army_moved_is_the_mover(extract_text):
    facts = extract_text(
        "Chad, whose army had sent 2,500 troops into Cameroon and Niger in 2015, "
        "keeps 2,000 in the force."
    )
    assert moves(facts) == [("Chad", "TCD", "CMR"), ("Chad", "TCD", "NER")]


def test_countries_coordinated_with_the_mover_move_too(extract_text):
    facts = extract_text("Senegal, Gambia and Guinea sent soldiers to Mali in 2013.")
    assert {m[0] for m in moves(facts)} == {"Senegal", "Gambia", "Guinea"}
    assert {m[2] for m in moves(facts)} == {"MLI"}


def test_soldiers_from_countries_come_each_from_their_own(extract_text):
    facts = extract_text("Soldiers from Mali, Niger and Chad arrived in Gao.")
    assert moves(facts) == [("Niger", "NER", "MLI"), ("Chad", "TCD", "MLI")]


def test_troops_from_a_country_are_its_force(extract_text):
    facts = extract_text("Troops from Rwanda were deployed to Mozambique in 2021.")
    assert moves(facts) == [("Rwanda", "RWA", "MOZ")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nigeria deployed 2,000 extra troops to its north-eastern states.",
            ("Nigeria", "NGA", "NGA"),
        ),
        ("Benin deploys soldiers to its border with Burkina Faso.", ("Benin", "BEN", "BEN")),
        (
            "Ghana has sent a few hundred soldiers to its Upper East region.",
            ("Ghana", "GHA", "GHA"),
        ),
    ],
)
def test_a_region_of_its_own_is_a_move_within_the_country(extract_text, text, expected):
    assert moves(extract_text(text)) == [expected]


def test_a_new_clause_after_as_has_no_role(extract_text):
    facts = extract_text(
        "Togo is moving soldiers to its northern border "
        "as armed groups from Burkina Faso push south."
    )
    assert moves(facts) == [("Togo", "TGO", "TGO")]


def test_deployed_in_is_a_destination_for_an_active_verb_only(extract_text):
    assert moves(extract_text("Chad deployed 1,400 troops in northern Mali in 2013.")) == [
        ("Chad", "TCD", "MLI")
    ]
    assert extract_text(
        "About 1,000 US military personnel were deployed in Niger when the junta took power."
    ).movements.empty


def test_the_demonym_of_a_nation_before_a_past_verb_moves(extract_text):
    facts = extract_text("In 2023 the British withdrew their troops from Mali.")
    assert moves(facts) == [("United Kingdom", "MLI", None)]


def test_the_demonym_before_a_bare_verb_is_no_move(extract_text):
    facts = extract_text("The junta demanded that the French leave Niger with all their troops.")
    assert facts.movements.empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("All US troops will be out of Niger by September 15.", ("United States", "NER", None)),
        ("The Italian soldiers had been out of Niger for a week.", ("Italy", "NER", None)),
    ],
)
def test_be_out_of_a_country_is_leaving_it(extract_text, text, expected):
    assert moves(extract_text(text)) == [expected]


def test_head_for_is_a_verb_of_going(extract_text):
    facts = extract_text("German troops left Mali in December. Most of them will head for Niamey.")
    assert moves(facts) == [("Germany", "MLI", "NER")]
    assert extract_text("The head of the French mission left Bamako.").movements.empty


def test_the_rest_go_home_from_where_the_force_was(extract_text):
    facts = extract_text(
        "The last German troops will leave Mali in December. Several hundred of them will "
        "head for Niamey. The rest will go home."
    )
    assert moves(facts) == [("Germany", "MLI", "NER"), ("Germany", "MLI", "DEU")]


def test_the_french_before_a_past_verb_is_about_forces(extract_text):
    facts = extract_text("On the day the French left Kidal, the town was quiet.")
    assert moves(facts) == [("France", "MLI", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A Malian army column stationed in Anefis is expected to advance on Kidal.",
            ("Mali", "MLI", "MLI"),
        ),
        ("French troops advanced on Timbuktu from Gao in January.", ("France", "MLI", "MLI")),
    ],
)
def test_advance_on_a_town_is_going_there(extract_text, text, expected):
    assert moves(extract_text(text)) == [expected]


def test_advance_as_a_word_of_time_moves_nobody(extract_text):
    facts = extract_text("French troops will advance the date of their exit from Niger.")
    assert ("France", "NER", None) in moves(facts)
    assert all(m[2] is None for m in moves(facts))


def test_troops_at_the_capital_moved_to_a_town_move_within_the_country(extract_text):
    facts = extract_text(
        "About 1,000 US troops are in Niger. Some of the soldiers at the capital were "
        "moved to Agadez on Monday."
    )
    assert moves(facts) == [("United States", "NER", "NER")]
    assert the_move(facts, "United States")["origin"] == "the capital"


def test_the_town_that_names_a_unit_is_its_origin(extract_text):
    facts = extract_text(
        "About 1,000 French troops are in Chad. The Abéché detachment has been flown to N'Djamena."
    )
    assert moves(facts) == [("France", "TCD", "TCD")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Burkinabe soldiers pushed north from Ouahigouya in March.",
            [("Burkina Faso", "BFA", "BFA")],
        ),
        (
            "A column of Nigerien troops and Chadian soldiers is pushing east from Diffa.",
            [("Niger", "NER", "NER"), ("Chad", "NER", "NER")],
        ),
    ],
)
def test_an_advance_with_no_goal_stays_in_the_country(extract_text, text, expected):
    assert moves(extract_text(text)) == expected


def test_push_without_a_direction_moves_nobody(extract_text):
    assert extract_text("French troops will push for talks with Mali.").movements.empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops entered Niger in April.", [("Russia", None, "NER")]),
        (
            "A second contingent of Russian instructors touched down in Niamey.",
            [("Russia", None, "NER")],
        ),
        (
            "Spanish troops stationed in Mali will be repatriated next month.",
            [("Spain", "MLI", "ESP")],
        ),
        ("Washington began moving troops out of Niger in May.", [("United States", "NER", None)]),
        (
            "France pulled its troops out of Mali, and Germany followed suit.",
            [("France", "MLI", None)],
        ),
    ],
)
def test_more_verbs_and_subjects_of_moving(extract_text, text, expected):
    assert moves(extract_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Malian troops reached an agreement with the rebels in Kidal.",
        "Malian troops entered Timbuktu on Monday.",
    ],
)
def test_no_move_without_a_goal_abroad_or_a_known_origin(extract_text, text):
    assert extract_text(text).movements.empty


def test_a_country_s_noun_trigger_names_the_mover(extract_text):
    facts = extract_text("Germany's troop withdrawal from Niger was completed in August.")
    assert moves(facts) == [("Germany", "NER", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Pentagon said its 1,000 troops would leave Niger by September. "
            "Most will be relocated to Germany.",
            [("United States", "NER", "DEU")],
        ),
        (
            "French troops left Mali in August. Many were flown to Niger.",
            [("France", "MLI", "NER")],
        ),
        (
            "French troops left Mali in August. Some analysts moved to Paris.",
            [("France", "MLI", None)],
        ),
    ],
)
def test_a_quantifier_standing_alone_refers_to_the_force(extract_text, text, expected):
    assert moves(extract_text(text)) == expected


def test_soldiers_there_leave_the_place_last_named_not_their_home(extract_text):
    facts = extract_text(
        "Senegal has asked France to close its bases, and the 350 French soldiers there "
        "are expected to depart by the end of the year."
    )
    assert moves(facts) == [("France", "SEN", None)]


def test_pull_a_long_object_out_of_a_country(extract_text):
    facts = extract_text("Denmark said it would pull its 90 special forces out of Mali.")
    assert moves(facts) == [("Denmark", "MLI", None)]


def test_a_country_with_an_aside_before_its_verb_moves(extract_text):
    facts = extract_text("Russia, meanwhile, has sent several hundred instructors to Niger.")
    assert moves(facts) == [("Russia", "RUS", "NER")]


@pytest.mark.parametrize(
    "text",
    [
        "Italian troops left Niger. Part of the mission's equipment will be moved to Libya.",
        "German soldiers left Mali. Their vehicles were shipped to Germany from Dakar.",
    ],
)
def test_equipment_moving_is_no_force_moving(extract_text, text):
    assert all(m[2] not in {"LBY", "DEU"} for m in moves(extract_text(text)))


def test_an_elided_repeat_after_a_noun_trigger_moves_a_second_force(extract_text):
    facts = extract_text(
        "The move follows the departure of US forces from Niger in August and of French "
        "troops last December."
    )
    assert moves(facts) == [("United States", "NER", None), ("France", "NER", None)]


def test_there_opening_a_sentence_is_the_place_last_named(extract_text):
    facts = extract_text(
        "The contrast with Mali is striking. There, Wagner fighters arrived in late 2021."
    )
    assert moves(facts) == [("Wagner Group", None, "MLI")]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow is in no hurry to send troops to Niger.",
        "Diplomats say Russia has no plan to deploy a large force in Niger.",
        "French officers in Niger said their 1,500 troops would not leave under pressure.",
    ],
)
def test_negated_plans_move_nobody(extract_text, text):
    assert extract_text(text).movements.empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "US troops left Niger in August, and some were repositioned to bases in Benin.",
            ("United States", "NER", "BEN"),
        ),
        ("French soldiers leaving Mali were flown to a camp at Niamey.", ("France", "MLI", "NER")),
    ],
)
def test_to_a_site_in_a_country_is_a_destination(extract_text, text, expected):
    assert expected in moves(extract_text(text))


def test_to_a_force_in_a_country_is_no_destination(extract_text):
    facts = extract_text("Estonia sends 95 soldiers to Europe's commando force in Mali.")
    assert moves(facts) in ([], [("Estonia", "EST", None)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "British troops will withdraw from Mali next year. Swedish troops are also leaving.",
            [("United Kingdom", "MLI", None), ("Sweden", "MLI", None)],
        ),
        (
            "British troops will withdraw from Mali next year. Swedish troops are leaving.",
            [("United Kingdom", "MLI", None)],
        ),
    ],
)
def test_also_leaving_leaves_the_same_place(extract_text, text, expected):
    assert moves(extract_text(text)) == expected


def test_a_where_clause_about_someone_else_is_no_destination(extract_text):
    facts = extract_text(
        "Russian troops are in Mali. Our soldiers are ready, Colonel Goita told a crowd in "
        "Kati, where he moved his residence after the coup."
    )
    assert all(m[2] != "MLI" or m[1] is not None for m in moves(facts))
    assert facts.movements.empty


def test_the_country_named_in_the_sentence_before(extract_text):
    facts = extract_text(
        "Mali's army has fought armed groups since 2012. It has relied on Russian fighters "
        "since French troops left the country in 2022."
    )
    assert moves(facts) == [("France", "MLI", None)]


def test_most_of_other_people_are_not_the_force(extract_text):
    facts = extract_text(
        "Chadian troops left Niger for Mali. Most of the fighters have withdrawn into the "
        "mountains near the border with Algeria."
    )
    assert moves(facts) == [("Chad", "NER", "MLI")]
