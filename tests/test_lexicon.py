"""Tests of sahel_analysis.language.lexicon: force words and the force-context test."""

from __future__ import annotations

import pytest
import spacy

from sahel_analysis.language.lexicon import FORCE_WORDS, PERSONNEL, about_forces


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def sentence(blank, text: str):
    return blank(text)[:]


def test_personnel_words_are_force_words():
    assert PERSONNEL <= FORCE_WORDS
    assert {"troops", "soldiers", "peacekeepers", "mercenaries", "instructors"} <= PERSONNEL
    # a mission or an operation is a force, but it does not count people
    assert {"mission", "operation"} <= FORCE_WORDS - PERSONNEL


@pytest.mark.parametrize(
    "text",
    [
        "French troops left Gao.",
        "The PEACEKEEPERS went home.",
        "The UN mission in Mali closed.",
        "Operation Barkhane ended in 2022.",
    ],
)
def test_a_force_noun_makes_a_sentence_about_forces(blank, text):
    assert about_forces(sentence(blank, text), actors=[], troops=[])


@pytest.mark.parametrize(
    "text",
    [
        "A notice was sent to Paris.",
        "Mali left ECOWAS in January 2024.",
        "The ambassador left Bamako for Paris.",
    ],
)
def test_a_sentence_without_forces_is_not_about_forces(blank, text):
    assert not about_forces(sentence(blank, text), actors=[], troops=[])


def test_an_armed_actor_or_a_troop_figure_is_enough(blank):
    sent = sentence(blank, "Wagner arrived in Bamako.")
    wagner = {"start": 0, "end": 6, "actor": "Wagner Group", "actor_kind": "armed force"}
    mali = {"start": 0, "end": 4, "actor": "Mali", "actor_kind": "state"}
    assert about_forces(sent, actors=[wagner], troops=[])
    assert not about_forces(sent, actors=[mali], troops=[])
    assert about_forces(sent, actors=[], troops=[{"start": 0, "end": 5, "low": 1000}])
