"""Troop movements: a force leaving one country and/or going to another.

Per sentence, a movement trigger (withdraw, leave, deploy, redeploy, send, move, host,
relocate...) is read with its actors (every actor coordinated before the trigger, or the
agent after "by"; the object of "host"), its origin ("from Mali", "leaving Mali",
"out of Niger") and its destination ("to Niger", "in Chad" after deploy). A contrast
"no longer in Mali but in Niger" moves the article's operation from one to the other.

Then, over the whole article, mentions are joined per actor: a withdrawal from Mali and
a destination stated elsewhere for the same actor become one Mali -> Niger movement.
When the article names exactly one destination for forces leaving a country, actors
leaving that country without a destination of their own are given it (lower
confidence). Troop ranges come from the troops table (same actor, at the origin or
destination); status from the wording of the first mention (see
:func:`sahel_analysis.language.events.modality`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from sahel_analysis.language.events import modality
from sahel_analysis.language.extensions import add_fact, facts_of

__all__ = ["MovementRecognizer"]

_OUTWARD = set(
    """withdraw withdraws withdrew withdrawn withdrawing withdrawal pullout pull-out
    leave leaves leaving left departure depart departed departing exit evacuate evacuated
    quit quits""".split()
)
_INWARD = set(
    """deploy deploys deployed deploying deployment redeploy redeploys redeployed
    redeploying redeployment relocate relocated relocating relocation move moved moving
    moves transfer transferred transferring send sends sent sending dispatch dispatched
    arrive arrived arriving arrival arrives reposition repositioned host hosting hosts
    hosted joined""".split()
)
_ORIGIN_PREPS = {"from", "of"}
_DEST_PREPS = {"to", "into", "towards", "toward", "for", "in", "at"}
_CONTRAST = re.compile(r"\bno longer (?:be )?(?:based )?in (?P<a>[^,.;]+?) but in (?P<b>[^,.;]+)",
                       re.IGNORECASE)
_FORCE_KINDS = {"state", "armed force", "organisation", "group"}


@Language.factory("sahel_movements")
def make_movement_recognizer(nlp: Language, name: str) -> MovementRecognizer:
    """Create the movement recogniser (spaCy factory ``sahel_movements``)."""
    return MovementRecognizer()


class MovementRecognizer:
    """Record movements in ``doc._.facts["movements"]``.

    Reads places, actors, troops and timexes recorded earlier in the pipeline.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Record the movements of ``doc`` and return it."""
        places = [p for p in facts_of(doc, "places") if p.get("iso3")]
        actors = [a for a in facts_of(doc, "actors") if a.get("actor_kind") in _FORCE_KINDS]
        timexes = facts_of(doc, "timexes")
        mentions: list[dict] = []
        contrasts: list[dict] = []
        for sent in doc.sents:
            s_places = _within(places, sent)
            s_actors = _within(actors, sent)
            for trigger, outward in _triggers(sent):
                mentions.extend(
                    _read(doc, sent, trigger, outward, s_places, s_actors,
                          _within(timexes, sent))
                )
            contrasts.extend(_contrasts(doc, sent, s_places))
        movements = _join(mentions, contrasts)
        troops = facts_of(doc, "troops")
        for move in movements:
            _attach_troops(move, troops)
            start, end = move.pop("start"), move.pop("end")
            add_fact(doc, "movements", start, end, **move)
        return doc


def _within(records: list[dict], sent: Span) -> list[dict]:
    return [r for r in records if sent.start_char <= r["start"] and r["end"] <= sent.end_char]


def _triggers(sent: Span) -> list[tuple[Span, bool]]:
    found = []
    for tok in sent:
        low = tok.lower_
        if low in _OUTWARD:
            found.append((sent.doc[tok.i : tok.i + 1], True))
        elif low in _INWARD:
            found.append((sent.doc[tok.i : tok.i + 1], False))
    return found


def _prep_before(doc: Doc, place: dict, window: int = 3) -> str | None:
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return None
    for tok in reversed(doc[max(0, span.start - window) : span.start]):
        if tok.lower_ in _ORIGIN_PREPS | _DEST_PREPS | {"out"}:
            return tok.lower_
    return None


def _read(doc: Doc, sent: Span, trigger: Span, outward: bool, places: list[dict],
          actors: list[dict], timexes: list[dict]) -> list[dict]:
    word = trigger[0].lower_
    after = [p for p in places if p["start"] >= trigger.end_char
             and p["start"] - trigger.end_char <= 60]
    origin = destination = None
    for place in after:
        prep = _prep_before(doc, place)
        gap = doc.text[trigger.end_char : place["start"]]
        if origin is None and (prep in _ORIGIN_PREPS or prep == "out"
                               or (outward and gap.strip() == "")):
            origin = place
        elif destination is None and prep in _DEST_PREPS and prep != "of":
            destination = place
    if word in {"host", "hosting", "hosts", "hosted"}:
        # "Niger agreed to host the European forces": the host is the destination
        hosts = [p for p in places if p["end"] <= trigger.start_char]
        destination = hosts[-1] if hosts else destination
        origin = None
        movers = [a for a in actors if a["start"] >= trigger.end_char][:1]
    else:
        movers = _subjects(doc, sent, trigger, actors)
    if origin is None and destination is None:
        return []
    excluded = {origin.get("iso3") if origin else None}
    if word in {"host", "hosting", "hosts", "hosted"} and destination:
        excluded.add(destination.get("iso3"))
    date = min(timexes, key=lambda t: abs(t["start"] - trigger.start_char)) if timexes else None
    out = []
    for actor in movers:
        if actor.get("iso3") and actor.get("iso3") in excluded:
            continue
        out.append(
            {
                "start": trigger.start_char,
                "end": trigger.end_char,
                "actor": actor["actor"],
                "origin_iso3": origin.get("iso3") if origin else None,
                "destination_iso3": destination.get("iso3") if destination else None,
                "origin": origin.get("name") if origin else None,
                "destination": destination.get("name") if destination else None,
                "status": modality(sent.text),
                "date_start": date["value"] if date and date.get("kind") != "duration" else None,
                "confidence": 0.8,
            }
        )
    return out


def _subjects(doc: Doc, sent: Span, trigger: Span, actors: list[dict]) -> list[dict]:
    """The actors that move: the agent after "by", else the coordinated actors before."""
    after = [a for a in actors if a["start"] >= trigger.end_char]
    if after:
        gap = doc.text[trigger.end_char : after[0]["start"]]
        if re.search(r"\bby\b", gap) and len(gap) < 80:
            return [after[0]]
    before = [a for a in actors if a["end"] <= trigger.start_char]
    if not before:
        # "the departure of the French troops": the force named right after the trigger
        if after and len(doc.text[trigger.end_char : after[0]["start"]]) < 20:
            return [after[0]]
        return []
    chosen = [before[-1]]
    for prev in reversed(before[:-1]):
        between = doc.text[prev["end"] : chosen[-1]["start"]]
        if re.fullmatch(r"(?:\s*(?:,|and|both|as well as|its|their|the)\s*)+", between):
            chosen.append(prev)
        else:
            break
    chosen.reverse()
    unique = []
    for actor in chosen:
        if actor["actor"] not in {u["actor"] for u in unique}:
            unique.append(actor)
    return unique


def _contrasts(doc: Doc, sent: Span, places: list[dict]) -> list[dict]:
    found = []
    for m in _CONTRAST.finditer(sent.text):
        a_start, b_start = sent.start_char + m.start("a"), sent.start_char + m.start("b")
        a = next((p for p in places if p["start"] == a_start), None)
        b = next((p for p in places if p["start"] == b_start), None)
        if a and b and a["iso3"] != b["iso3"]:
            found.append({"start": sent.start_char + m.start(), "origin": a, "destination": b,
                          "status": modality(sent.text)})
    return found


def _join(mentions: list[dict], contrasts: list[dict]) -> list[dict]:
    by_actor: dict[str, dict] = {}
    order: list[str] = []
    for m in mentions:
        current = by_actor.get(m["actor"])
        if current is None:
            by_actor[m["actor"]] = dict(m)
            order.append(m["actor"])
            continue
        for end in ("origin", "destination"):
            if current[f"{end}_iso3"] is None and m[f"{end}_iso3"] is not None:
                if m[f"{end}_iso3"] != current["origin_iso3" if end == "destination"
                                             else "destination_iso3"]:
                    current[f"{end}_iso3"] = m[f"{end}_iso3"]
                    current[end] = m[end]
        if current.get("date_start") is None:
            current["date_start"] = m.get("date_start")
    movements = [by_actor[a] for a in order]
    # a contrast or a single destination for forces leaving a country applies to all
    # actors leaving it without a destination of their own
    destinations: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for m in movements:
        if m["origin_iso3"] and m["destination_iso3"]:
            destinations.setdefault(m["origin_iso3"], set()).add(m["destination_iso3"])
            names[m["destination_iso3"]] = m["destination"]
    for c in contrasts:
        destinations.setdefault(c["origin"]["iso3"], set()).add(c["destination"]["iso3"])
        names[c["destination"]["iso3"]] = c["destination"]["name"]
    lone = {m["destination_iso3"] for m in movements
            if m["destination_iso3"] and not m["origin_iso3"]}
    for m in movements:
        if m["origin_iso3"] and m["destination_iso3"] is None:
            options = destinations.get(m["origin_iso3"], set()) or (lone - {m["origin_iso3"]})
            if len(options) == 1:
                (iso3,) = options
                m["destination_iso3"], m["destination"] = iso3, names.get(iso3)
                m["confidence"] = 0.6
    # an actor with only a destination joins an origin shared by every other movement
    origins = {m["origin_iso3"] for m in movements if m["origin_iso3"]}
    for m in movements:
        if m["origin_iso3"] is None and len(origins) == 1 and m["destination_iso3"] not in origins:
            (m["origin_iso3"],) = origins
            m["confidence"] = 0.55
    return movements


def _attach_troops(move: dict, troops: list[dict]) -> None:
    places = {move.get("origin_iso3"), move.get("destination_iso3")} - {None}
    for t in troops:
        if t.get("actor") == move["actor"] and t.get("location_iso3") in places:
            move["troops_low"], move["troops_high"] = t.get("low"), t.get("high")
            return
