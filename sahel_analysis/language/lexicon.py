"""Word lists shared by the event and movement components."""

from __future__ import annotations

from spacy.tokens import Span

from sahel_analysis.language.extensions import lowers_of

__all__ = ["FORCE_WORDS", "PERSONNEL", "about_forces"]

#: Nouns that name a military force or its people.
FORCE_WORDS = frozenset(
    """troops troop soldiers soldier forces force military contingent contingents
    personnel mission missions peacekeepers mercenaries fighters instructors units unit
    battalion battalions servicemen marines paratroopers commandos army armies operation
    detachment garrison""".split()
)
#: The subset that counts people ("German soldiers", "French troops").
PERSONNEL = frozenset(
    """troops soldiers forces contingent personnel peacekeepers mercenaries fighters
    instructors units servicemen marines paratroopers commandos""".split()
)


def about_forces(sent: Span, actors: list[dict], troops: list[dict]) -> bool:
    """Return whether a sentence is about armed forces.

    True when it has a troop figure, an armed-force actor or a force noun.
    """
    if troops or any(a.get("actor_kind") == "armed force" for a in actors):
        return True
    return any(w in FORCE_WORDS for w in lowers_of(sent.doc)[sent.start : sent.end])
