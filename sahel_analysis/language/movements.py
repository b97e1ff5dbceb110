"""Troop movements: a force leaving one country and/or going to another.

Reading a sentence
    A movement trigger (withdraw, leave, pull out, deploy, send, redeploy, regroup,
    arrive, land, return, travel, cross, recall its soldiers, "go home"...) is read with
    the places that follow it up to the next trigger. The last preposition before a
    place gives its role: "from"/"out of" an origin; "to"/"into"/"towards"/"for" a
    destination; "in"/"at" an origin after a verb of leaving ("withdraw from the UN
    mission in Mali") and a destination after a verb of arriving ("arrived in
    Niamey"); a direct object is the origin of "leave" ("leaving Mali"). A place in
    another clause ("to the area where Mali, Niger and Burkina Faso meet") or after
    "alongside" has no role; coordinated places are each a leg ("from garrisons in
    N'Djamena and Abidjan"). "Home" is the actor's own country; "the country" is the
    country last named; "here" is the dateline; "based there" the place last named;
    a "where" clause names where the force went, or where it leaves from. Troops "in
    Chad" that leave, leave Chad. A negated verb ("none have left Niger") moves nobody;
    "there" after a verb of arriving is the place last named; "to its northern border"
    is a move within the movers' own country, and so is an advance with only a
    compass direction ("pushed north from Gao"); "be out of", "head for", "advance on",
    "enter", "reach" and "touch down" are verbs of moving too; equipment moving without
    its soldiers is no movement.
Movers
    The actors coordinated before the trigger ("France and its allies will withdraw"),
    skipping names in asides, relative clauses and earlier coordinated clauses; the
    agent after "by" in a passive; the force named right after a noun trigger ("the
    departure of the French troops", "... and of German troops"); the countries after
    "troops from" ("troops from Rwanda and Burundi"), each from home; country names
    coordinated with a mover ("Benin, Togo and Ghana"); "the British" before a past
    verb; a country or capital right before the verb
    ("France moved", "Copenhagen then recalled"); the subject a gerund shares ("after
    leaving Mali"); for "they", "the soldiers" or "their", the movers of the latest
    movement, else the owner of the latest troop figure, else the force named in the
    sentences just before; forces moving "together with" the movers. A trigger counts
    only in a sentence about forces (a force noun, an armed actor or a troop figure,
    or a force going home), so "a notice sent to Paris" moves nobody, and neither do
    envoys, the dead, political rapprochements or teaser lines ("READ MORE: ...").
Joining an article
    Mentions of one actor are joined: the same origin and destination once; a mention
    with a destination only takes where the force was last said to be (the origin of
    a recent mention; going home, a recent destination), else where the article last
    placed the actor's troops (the troops table), and a departure without any place
    leaves where its troops were placed. A state sending troops sends them from home
    (within its own country too). A move between two named towns of one country
    counts. A contrast "no longer in Mali but in Niger" moves every actor leaving Mali
    without a destination of its own there (lower confidence). Troop ranges come from
    the troops table (same actor, at the origin or destination); status from the
    wording of the first mention (see :func:`sahel_analysis.language.events.modality`).
"""

from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from sahel_analysis.language.actors import _is_capital, actor_list, canonical_state
from sahel_analysis.language.events import modality
from sahel_analysis.language.extensions import (
    add_fact,
    facts_of,
    lowers_of,
    records_in,
    sentences_of,
    text_of,
)
from sahel_analysis.language.lexicon import FORCE_WORDS, PERSONNEL, about_forces

__all__ = ["MovementRecognizer"]

_OUTWARD = set(
    """withdraw withdraws withdrew withdrawn withdrawing withdrawal pullout pull-out pull
    pulled pulling leave leaves leaving left departure depart departed departing departs
    exit exits exited evacuate evacuated evacuation quit quits quitting drawdown""".split()
)
_INWARD = set(
    """deploy deploys deployed deploying deployment redeploy redeploys redeployed
    redeploying redeployment relocate relocated relocating relocation transfer transferred
    transferring send sends sent sending dispatch dispatched arrive arrived arriving
    arrival arrives reposition repositioned host regroup regrouped regrouping regroups
    land landed landing lands return returned returning returns repatriated repatriate flown
    flew airlifted moved move moves moving heading headed brought bring bringing flying fly
    flies travel travels travelled traveled travelling traveling cross crosses crossed
    crossing""".split()
)
_DISPATCH = {
    "send",
    "sends",
    "sent",
    "sending",
    "dispatch",
    "dispatched",
    "deploy",
    "deploys",
    "deployed",
    "deploying",
    "arrived",
    "arrive",
    "arrives",
    "arriving",
}
_SENDING = {"send", "sends", "sent", "sending", "dispatch", "dispatched"}
_ARRIVING = {
    "arrive",
    "arrived",
    "arriving",
    "arrival",
    "arrives",
    "land",
    "landed",
    "landing",
    "lands",
    "regroup",
    "regrouped",
    "regrouping",
    "regroups",
}
_TOUCH = {"touch", "touches", "touched", "touching"}
# a place right after these is where the force arrives: "entered Niger", "reached Anefis"
_ENTERING = set("enter enters entered entering reach reaches reached reaching".split())
_ADVANCE = {
    "advance",
    "advanced",
    "advancing",
    "advances",
    "push",
    "pushed",
    "pushing",
    "pushes",
}
_ONWARD = {"on", "towards", "toward", "into"}
_COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "northwards",
    "southwards",
    "eastwards",
    "westwards",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northward",
    "southward",
}
_TOWARDS = {"to", "into", "towards", "toward"}
_SITES = set(
    """base bases camp camps barracks airport airfield garrison garrisons town towns city
    cities region positions posts outpost outposts headquarters""".split()
)
_BE = {"is", "are", "was", "were", "be", "been", "being", "remain", "remained", "stay"}
_DEPLOYING = {"deploy", "deploys", "deployed", "deploying", "deployment"}
_FORCE_KINDS = {"state", "armed force", "organisation", "group"}
_NOUNS = {
    "withdrawal",
    "pullout",
    "pull-out",
    "departure",
    "exit",
    "evacuation",
    "drawdown",
    "deployment",
    "redeployment",
    "relocation",
    "arrival",
}
# a place after one of these belongs to another clause: "to the area where Mali, Niger ..."
_CLAUSE_BREAKS = {
    ";",
    "which",
    "who",
    "whose",
    "where",
    "while",
    "but",
    "after",
    "before",
    "alongside",  # "moving north alongside contingents from Nigeria": the companions' homes
}
_AS_PHRASE = {"a", "an", "part", "well", "such", "far", "much", "many", "soon", "long", "of"}
_CARGO = {"equipment", "vehicles", "containers", "cargo", "materiel", "stocks", "supplies"}
_DEAD = {"bodies", "body", "remains", "coffins", "coffin"}
# "moved closer to Moscow", "sending their prime minister to Moscow": no force moves
_NOT_FORCES = {
    "closer",
    "nearer",
    "minister",
    "ambassador",
    "envoy",
    "envoys",
    "delegation",
    "diplomats",
} | _DEAD
_PREPS = {"from", "out", "to", "into", "towards", "toward", "for", "in", "at", "on"}
_CONTRAST = re.compile(
    r"\bno longer (?:be )?(?:based )?in (?P<a>[^,.;]+?) but in (?P<b>[^,.;]+)", re.IGNORECASE
)
# "left the country", "withdraw its mission from the country", "pull troops out of the country"
_THE_COUNTRY = re.compile(r"(?:\s*|[^.;]{0,50}?\b(?:from|out of)\s+)the country\b")
_TERRITORY = re.compile(r"\s*(?:the\s+)?([A-Z][\w'’-]+)\s+(?:territory|soil)\b")
_HOMEWARD = set(
    """be been is are was were go goes going gone went come comes coming came head heads
    heading headed back""".split()
)
# a teaser line linking to another story: "READ MORE: Bundeswehr completes withdrawal from Mali"
_TEASER = re.compile(r"\s*(?:read more|read also|also read|related|see also)\s*:", re.IGNORECASE)
_FORCE_THERE = re.compile(
    r"\b(?:" + "|".join(sorted(PERSONNEL)) + r"|based|stationed|deployed|posted) there\b"
)
_BASED_THERE = re.compile(r"\b(?:based|stationed|deployed|posted|garrisoned) there\b")
_LEG = re.compile(r"\b(?:before|then)\b")
# a region of the movers' own country: "to their northern borders", "into its Savanes region"
_OWN_REGION = re.compile(
    r"(?:\s+[\w'’,-]+){0,6}?\s+(?:to|towards|toward|into)\s+(?:its|their)\s+(?:own\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:borders?|frontiers?|regions?|provinces?|north|south|east|west|"
    r"territory|soil|departments?)\b",
    re.IGNORECASE,
)
_HERE = re.compile(r"(?:\s+\S+){0,6}?\s+here\b")
# "moved its effort there", "sent troops there", not "there are" or a "there" in a new clause
_THERE = re.compile(r"(?:\s+[\w'’-]+){0,5}?\s+there\b(?!\s+(?:is|are|was|were|had|have)\b)")
# "Copenhagen then recalled its soldiers": called home (a verb of arriving, see _is_trigger)
_RECALL = {"recall", "recalls", "recalled", "recalling"}
_HOME = re.compile(r"\b(?:back )?home\b", re.IGNORECASE)
# "France and its allies", "Malian troops and Wagner fighters"
_COORDINATION = re.compile(
    r"(?:\s*(?:,|and|both|as well as|its|their|the|" + "|".join(sorted(PERSONNEL)) + r")\s*)+"
)


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
        troops = facts_of(doc, "troops")
        timexes = facts_of(doc, "timexes")
        mentions: list[dict] = []
        contrasts: list[dict] = []
        last: list[dict] = []  # the movers of the latest mention, for "they", "the troops"
        lowers = lowers_of(doc)
        # "NIAMEY —": the place a story is filed from, which "here" names
        dateline = next((p for p in places[:3] if len(p["text"]) > 3 and p["text"].isupper()), None)
        first_figure = min((t["end"] for t in troops if t.get("actor")), default=len(text_of(doc)))
        for index, sent in enumerate(sentences_of(doc)):
            words = lowers[sent.start : sent.end]
            if _CANDIDATES.isdisjoint(words) and "longer" not in words:
                continue  # no verb of moving, no "no longer in Mali but in Niger"
            s_places = records_in(places, sent)
            s_actors = records_in(actors, sent)
            if not (
                about_forces(sent, s_actors, records_in(troops, sent))
                # "they", "their departure": about the force of a movement or a figure before
                or (
                    (not _PRONOUNS.isdisjoint(words) or _standalone(words))
                    and (bool(last) or first_figure <= sent.start_char)
                )
                # "PMC Wagner is going home": a force going home is about forces
                or (bool(s_actors) and "home" in words)
                # "the day the French left Ménaka": a nation named by its people moves
                or any(_names_nation(doc, a) for a in s_actors)
            ):
                continue
            if _TEASER.match(text_of(doc), sent.start_char, sent.end_char):
                continue
            triggers = _triggers(sent)
            subject: list[dict] = []  # "France moved its force here after leaving Mali"
            for k, (trigger, outward) in enumerate(triggers):
                stop = triggers[k + 1][0].start_char if k + 1 < len(triggers) else sent.end_char
                found, subject = _read(
                    doc,
                    sent,
                    trigger,
                    outward,
                    stop,
                    s_places,
                    s_actors,
                    records_in(timexes, sent),
                    last
                    or _owner_before(actors, sent)
                    or _troop_owner(troops, sent)
                    or _force_before(doc, actors, sent),
                    troops,
                    subject,
                    dateline,
                    places,
                )
                split = not {"rest", "others"}.isdisjoint(lowers[sent.start : trigger.start])
                for m in found:
                    m["sentence"] = index
                    m["split"] = split  # "Several hundred will head for Niamey. The rest ..."
                if found:
                    last = [
                        {
                            "actor": m["actor"],
                            "iso3": m["actor_iso3"],
                            "origin_iso3": m["origin_iso3"],
                        }
                        for m in found
                    ]
                mentions.extend(found)
            if "longer" in lowers[sent.start : sent.end]:
                contrasts.extend(_contrasts(sent, s_places))
        for move in _join(mentions, contrasts, troops):
            if (
                move["origin_iso3"] is None
                and move["destination_iso3"] == move["actor_iso3"]
                and move["destination"] not in (None, move["actor"])
            ):
                continue  # "Malian troops entered Timbuktu": a town at home, from nowhere known
            _attach_troops(move, troops)
            start, end = move.pop("start"), move.pop("end")
            for key in ("sentence", "actor_iso3", "actor_kind", "split"):
                move.pop(key, None)
            add_fact(doc, "movements", start, end, **move)
        return doc


#: Words worth a closer look as triggers.
_CANDIDATES = frozenset(
    _OUTWARD
    | _INWARD
    | _RECALL
    | _ADVANCE
    | _TOUCH
    | _ENTERING
    | {"home", "pull", "pulled", "pulling", "out", "head", "heads"}
)


def _is_trigger(lowers: list[str], i: int) -> bool | None:
    """Return True for a verb of leaving, False for one of arriving, None for neither.

    ``lowers`` are the lower-cased words of the Doc, ``i`` the position of the word.
    """
    low = lowers[i]
    prev = lowers[i - 1] if i > 0 else ""
    following = lowers[i + 1 : i + 5]
    if low == "home":  # "PMC Wagner is going home", "the soldiers would be home by June"
        return False if prev in _HOMEWARD else None
    if low == "out":  # "all troops will be out of Niger by September"
        return True if prev in {"be", "been"} and following[:1] == ["of"] else None
    if low in _ADVANCE:  # "advanced on Kidal", "pushed north from Gao", not "push for talks"
        ahead = following[:1]
        if following[:2] == ["on", "to"]:
            return None  # "push on to the mountains": fighting on, not a move of its own
        return False if ahead and (ahead[0] in _ONWARD or ahead[0] in _COMPASS) else None
    if low in _TOUCH:  # "touched down in Niamey"
        return False if following[:1] == ["down"] else None
    if low in {"head", "heads"}:  # "will head for Niamey", not "the head of the mission"
        return False if following[:1] in (["for"], ["to"], ["towards"], ["back"]) else None
    if low in _RECALL:  # its soldiers, not its ambassador
        return False if not PERSONNEL.isdisjoint(following) else None
    if low in {"pull", "pulled", "pulling"}:
        # "pull its 90 special forces out of Mali"
        return True if "out" in lowers[i + 1 : i + 7] or following[:1] == ["back"] else None
    if low in _OUTWARD:
        return True
    if low in _ENTERING:
        return False
    if low not in _INWARD:
        return None
    if low == "host":  # "agreed to host the forces", not "Niger hosts 1,500 soldiers"
        return False if prev in {"to", "will"} else None
    if low in {"deployed", "moved"} and (
        prev in FORCE_WORDS or (prev.endswith("ly") and lowers[i - 2] in FORCE_WORDS)
    ):  # "soldiers deployed in Mali", "the troops currently deployed in Niger"
        return None
    return False


# "none have left Niger", "have not withdrawn", "did not leave": nobody moved
_NEGATIONS = {"not", "n't", "never", "none", "no", "nobody", "neither", "nor"}
# words that end the clause a negation must stand in: "did not say when they would leave"
_NEGATION_BOUNDS = {",", ";", "and", "but", "when", "whether", "if", "that", "until", "before"}


def _negated(lowers: list[str], i: int, start: int) -> bool:
    """Return whether a negation stands in the few words before the verb at ``i``."""
    for k in range(i - 1, max(start, i - 6) - 1, -1):
        if lowers[k] in _NEGATION_BOUNDS:
            return False
        if lowers[k] in _NEGATIONS:
            return not (lowers[k] == "no" and lowers[k + 1] == "longer")
    return False


def _triggers(sent: Span) -> list[tuple[Span, bool]]:
    doc = sent.doc
    lowers = lowers_of(doc)
    found = []
    for i in range(sent.start, sent.end):
        if lowers[i] in _CANDIDATES:
            outward = _is_trigger(lowers, i)
            if outward is not None and (lowers[i] in _NOUNS or not _negated(lowers, i, sent.start)):
                found.append((doc[i : i + 1], outward))
    return found


def _role(doc: Doc, trigger: Span, outward: bool, place: dict) -> str | None:
    """'origin', 'destination' or None for a place read after a trigger."""
    gap = doc.char_span(trigger.end_char, place["start"], alignment_mode="expand")
    words = [t.lower_ for t in gap] if gap is not None else []
    if (
        len(words) > 14
        or any(w in _CLAUSE_BREAKS or w in _NOT_FORCES for w in words)
        or ", and" in " ".join(words)  # "left Chad in January, and Senegal is to be cleared"
    ):
        return None
    # "moving soldiers north as jihadist groups from Burkina Faso push south": a new
    # clause; not "as a precaution", "as part of"
    if any(w == "as" and nxt not in _AS_PHRASE for w, nxt in itertools.pairwise(words)):
        return None
    preps = [w for w in words if w in _PREPS]
    word = trigger[0].lower_
    if not preps:
        # a direct object: "leaving Mali", "quit Niger"
        direct = all(w in {"the", "all", "of"} for w in words) and word not in _NOUNS
        if direct and word in _ENTERING:
            return "destination"
        return "origin" if outward and direct else None
    last = preps[-1]
    if (
        last in {"in", "at"}
        and len(preps) > 1
        and preps[-2] in _TOWARDS
        and not _SITES.isdisjoint(words[len(words) - 1 - words[::-1].index(preps[-2]) :])
    ):
        last = preps[-2]  # "repositioned to bases in Côte d'Ivoire", "flown to a camp at Gao"
    if last in {"from", "out"}:
        return "origin"
    if last in {"to", "into", "towards", "toward", "for"} or (last == "on" and word in _ADVANCE):
        return "destination"
    if last == "on":
        return None
    if outward:
        return "origin"
    if word in _DEPLOYING:
        # "Chad deployed 1,400 troops in northern Mali", but not "were deployed in Niger"
        # (where troops are) nor "deployed troops in the north under Operation Mirador"
        after = words[len(words) - 1 - words[::-1].index(last) :]
        passive = trigger.start > 0 and doc[trigger.start - 1].lower_ in _BE
        return "destination" if len(after) <= 3 and not passive else None
    return "destination" if word in _ARRIVING or word in _TOUCH else None


def _read(
    doc: Doc,
    sent: Span,
    trigger: Span,
    outward: bool,
    stop: int,
    places: list[dict],
    actors: list[dict],
    timexes: list[dict],
    previous: list[dict],
    troops: list[dict],
    subject: list[dict],
    dateline: dict | None,
    all_places: list[dict],
) -> tuple[list[dict], list[dict]]:
    """Return the movements a trigger states and its movers.

    ``subject`` holds the movers of the sentence's previous trigger, which a gerund
    shares ("France moved its force here after leaving Mali").
    """
    word = trigger[0].lower_
    before = lowers_of(doc)[sent.start : trigger.start]
    if not _DEAD.isdisjoint(before):
        return [], []  # "the bodies of the soldiers will be brought to Cotonou"
    clause = before[-6:]
    # the verb's own subject: after the last comma, conjunction or other verb of moving
    cut = max(
        (k for k, w in enumerate(clause) if w in {",", ";", "before", "after"} or w in _CANDIDATES),
        default=-1,
    )
    clause = clause[cut + 1 :]
    if not _CARGO.isdisjoint(clause) and PERSONNEL.isdisjoint(clause):
        return [], []  # "part of the mission's equipment will be moved to Libya"
    origin = destination = None
    for place in places:
        if not trigger.end_char <= place["start"] < stop:
            continue
        role = _role(doc, trigger, outward, place)
        if role == "origin" and origin is None:
            origin = place
        elif role == "destination" and destination is None:
            destination = place
    tail = text_of(doc)[trigger.end_char : stop]
    if word == "host":
        hosts = [p for p in places if p["end"] <= trigger.start_char]
        destination, origin = (hosts[-1] if hosts else None), None
        movers = [a for a in actors if a["start"] >= trigger.end_char][:1]
    else:
        movers = (
            _movers(doc, trigger, actors, places)
            or _forces_from(doc, sent, trigger, places)
            or _country_subject(doc, trigger, places)
            or (subject if word.endswith("ing") else [])
            or _pronoun_movers(sent, trigger, previous)
            or _troop_movers(trigger, records_in(troops, sent))
        )
        movers = movers + _companions(doc, trigger, stop, actors, movers)
    if not outward and origin is None and destination is not None:
        # "Most of the soldiers based there were flown to Gao": the place "there" names
        based = _BASED_THERE.search(text_of(doc), sent.start_char, trigger.start_char)
        if based:
            named = [p for p in all_places if p["end"] <= based.start()]
            origin = named[-1] if named else None
    if outward and origin is None:
        # "the 350 French soldiers there are expected to depart": the place last named,
        # not the movers' own country
        there = _FORCE_THERE.search(text_of(doc), sent.start_char, trigger.start_char)
        if there:
            own = {m.get("iso3") for m in movers}
            named = [p for p in all_places if p["end"] <= there.start() and p["iso3"] not in own]
            origin = named[-1] if named else None
    if outward and origin is None and _THE_COUNTRY.match(tail):
        # the country last named, not one named as a goal ("moved closer to Russia")
        earlier = [
            p
            for p in places
            if p["end"] <= trigger.start_char
            and p.get("kind") == "country"
            and _prep(doc, p) not in {"to", "towards", "toward", "into"}
        ]
        if not earlier:
            # "Mali's army ... It has relied on Russians since French troops left the
            # country": a country of the sentence before, not the movers' own
            own = {m.get("iso3") for m in movers}
            earlier = [
                p
                for p in all_places
                if sent.start_char - 300 <= p["start"] < sent.start_char
                and p.get("kind") == "country"
                and p["iso3"] not in own
            ]
        origin = earlier[-1] if earlier else None
    if origin is None and outward:
        origin = _subject_station(doc, trigger, places)
    if origin is None and outward:
        # "left Malian territory", "leave Nigerien soil": the demonym's country
        soil = _TERRITORY.match(tail)
        if soil:
            at = trigger.end_char + soil.start(1)
            owner = next((a for a in actors if a["start"] == at and a.get("iso3")), None)
            if owner is not None:
                origin = {"iso3": owner["iso3"], "name": owner["actor"]}
    if not outward and destination is not None and origin is None:
        # "soldiers deployed with the UN mission in Mali landed at Wunstorf"
        # "travelled overland to N'Djamena before being airlifted to France": the last leg
        stations = [
            p
            for p in places
            if p["end"] <= trigger.start_char
            # "a column stationed in Anefis is to advance on Kidal": two towns of one country
            and (p["iso3"] != destination["iso3"] or _domestic(p, destination))
            and (
                _prep(doc, p) in {"in", "from"}
                or _prep(doc, p, 2) == "out of"
                or (
                    _prep(doc, p) == "to"
                    and _LEG.search(text_of(doc)[p["end"] : trigger.start_char])
                )
            )
        ]
        origin = stations[-1] if stations else None
        if origin is None and destination.get("kind") not in (None, "country"):
            origin = _capital_before(doc, sent, trigger, destination)
    if origin is None:
        # "the Faya detachment has been flown to N'Djamena": the town that names the unit
        origin = _unit_town(doc, sent, trigger, places)
    where = _where_clause(doc, trigger, places) if destination is None else None
    if where is not None and not outward:
        # "the camp in Gao, where the British deployed 300 troops": the movers named in
        # the clause, not "in Kati, where he moved his residence"
        subject = text_of(doc)[where["end"] + len(", where ") : trigger.start_char].split()
        if subject[:1] in (["it"], ["they"]) or any(
            where["end"] < m.get("start", -1) < trigger.start_char for m in movers
        ):
            destination = where
    elif where is not None and origin is None:
        origin = where  # "In Senegal, where the president asked French troops to leave"
    elif where is not None and where["iso3"] != origin["iso3"]:
        destination = where  # "to Niger, where France has troops after leaving Mali"
    # "Sweden is also leaving", "Denmark is leaving too"
    also = outward and not {"also", "too", "likewise"}.isdisjoint(
        lowers_of(doc)[max(sent.start, trigger.start - 3) : min(sent.end, trigger.end + 1)]
    )
    if not outward and destination is None and _THERE.match(tail):
        # "Paris moved its effort there", "sent more troops there": the place last named
        # after a preposition of place, in this sentence or the one before
        named = [
            p
            for p in all_places
            if sent.start_char - 300 <= p["start"]
            and p["end"] <= trigger.start_char
            and _prep(doc, p) in {"in", "at", "to", "into"}
        ]
        destination = named[-1] if named else None
    if (
        not outward
        and destination is None
        and lowers_of(doc)[sent.start : sent.start + 2]
        == [
            "there",
            ",",
        ]
    ):
        # "The contrast with Mali is striking. There, Wagner fighters arrived in 2021."
        named = [p for p in all_places if sent.start_char - 300 <= p["start"] < sent.start_char]
        destination = named[-1] if named else None
    if not outward and destination is None and dateline and _HERE.match(tail):
        destination = dateline  # "moved its force here" in a story datelined NIAMEY
    # "moving soldiers to their northern borders", "sent troops to its Upper East region"
    # "pushed north from Gao": an advance with no goal named stays in the origin's country
    onward = (
        word in _ADVANCE
        and origin is not None
        and destination is None
        and trigger.end < len(doc)
        and doc[trigger.end].lower_ in _COMPASS
    )
    if onward:
        destination = {"iso3": origin["iso3"], "name": None, "kind": "region"}
    # ("to its border with Mali": still its own country)
    region = None if outward else _OWN_REGION.match(tail)
    own = region is not None and (
        destination is None or destination["start"] >= trigger.end_char + region.end()
    )
    home = (
        word in _RECALL
        or word == "home"
        or word.startswith("repatriat")  # sent home by definition
        or _HOME.search(tail[:60]) is not None
        or (
            # "... will withdraw its 300 soldiers. They would be home by the summer."
            outward and destination is None and _home_next(doc, sent)
        )
    )
    if home and origin is None:
        origin = _subject_station(doc, trigger, places)  # "troops in Mali will be repatriated"
    out = []
    # "from garrisons in N'Djamena and Abidjan", "to Gao, and some of them back to France"
    legs = [(origin, destination)]
    legs += [(o, destination) for o in _also(doc, trigger, origin, places, stop, legs)]
    if destination is None or destination.get("start", stop) >= trigger.end_char:
        # (not a destination named before the verb: "in Gao, and France moved ... there")
        legs += [(origin, d) for d in _also(doc, trigger, destination, places, stop, legs)]
    for leg_origin, leg_destination in legs:
        for actor in movers:
            dest, source = leg_destination, leg_origin
            owner = actor.get("companion_of", actor)  # companions go to the movers' home
            if (
                actor.get("from_home")
                and dest is not None
                and (source is None or source.get("kind") == "country")
            ):
                source = {"iso3": actor["iso3"], "name": None}  # each from its own country
            if own and owner.get("iso3") and actor.get("actor_kind") == "state":
                dest = source = {"iso3": owner["iso3"], "name": None, "kind": "region"}
            if dest is None and home and owner.get("iso3"):
                dest = {"iso3": owner["iso3"], "name": None}
            if (
                source is None
                and dest is not None
                and word in _DISPATCH
                and (
                    actor.get("actor_kind") == "state"
                    # "the Africa Corps, which sent instructors to Niger": a state's force
                    or (actor.get("actor_kind") == "armed force" and word in _SENDING)
                )
                and actor.get("iso3") not in (None, dest["iso3"])
            ):
                # "Estonia sent about 95 soldiers to Mali": a state sends its troops from home
                source = {"iso3": actor["iso3"], "name": None}
            inland = (
                source is None
                and dest is not None
                and word in _DISPATCH
                and actor.get("actor_kind") == "state"
                and actor.get("iso3") == dest["iso3"]
                and dest.get("kind") not in (None, "country")
            )
            if inland:
                # "Benin sent fresh troops to the Alibori department": within its own country
                source = {"iso3": actor["iso3"], "name": None}
            if source is None and dest is None and outward:
                # "France has about 1,000 soldiers in Chad ... no timetable for their departure"
                station = _station(actor["actor"], {actor.get("iso3")}, troops, sent.end_char)
                source = {"iso3": station, "name": None} if station else None
            if source is None and dest is None and outward and also and previous:
                # "Britain is withdrawing from Mali ... Sweden is also leaving": the same place
                earlier = previous[-1].get("origin_iso3")
                if earlier and earlier != actor.get("iso3"):
                    source = {"iso3": earlier, "name": None}
            if source is None and dest is None:
                continue
            domestic = inland or own or onward or _domestic(source, dest)
            if (
                source is leg_origin
                and source
                and actor.get("iso3") == source["iso3"]
                and not domestic
                and not actor.get("from_home")  # "troops from Rwanda were sent to Mozambique"
            ):
                continue  # Mali does not leave Mali (unless sending its troops abroad)
            if source and dest and source["iso3"] == dest["iso3"] and not domestic:
                continue
            date = _nearest(trigger, timexes)
            out.append(
                {
                    "start": trigger.start_char,
                    "end": trigger.end_char,
                    "actor": actor["actor"],
                    "actor_iso3": actor.get("iso3"),
                    "actor_kind": actor.get("actor_kind"),
                    "origin_iso3": source.get("iso3") if source else None,
                    "destination_iso3": dest.get("iso3") if dest else None,
                    "origin": source.get("name") if source else None,
                    "destination": dest.get("name") if dest else None,
                    "status": modality(text_of(doc)[sent.start_char : sent.end_char]),
                    "date_start": date,
                    "confidence": 0.8,
                }
            )
    return out, movers


_GOING_HOME = re.compile(
    r"\b(?:(?:be|come|go|going|gone|fly|flown|sent|brought|bring|return(?:ed|ing)?|"
    r"back)\s+home|homeward)\b",
    re.IGNORECASE,
)


def _home_next(doc: Doc, sent: Span) -> bool:
    """Return whether this sentence or the next says the force goes home."""
    sents = sentences_of(doc)
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), None)
    if index is None:
        return False
    text = text_of(doc)
    return any(_GOING_HOME.search(text, s.start_char, s.end_char) for s in sents[index : index + 2])


def _in_object(doc: Doc, actor: dict, trigger: Span) -> bool:
    if _prep(doc, actor) == "whose":  # "Chad, whose blue helmets held the camps, will fly"
        return True
    return _in_clause(doc, actor, trigger) or _in_aside(doc, actor, trigger)


def _in_aside(doc: Doc, actor: dict, trigger: Span) -> bool:
    """Return whether a mention sits in an aside before the verb.

    "The convoy, carrying the remaining members of the Chadian contingent, headed south",
    "German soldiers, who had trained Malian troops, returned home".
    """
    text = text_of(doc)
    if "," not in text[actor["end"] : trigger.start_char]:
        return False
    opening = text.rfind(", ", 0, actor["start"])
    if opening < 0 or actor["start"] - opening > 80:
        return False
    first = text[opening + 2 : actor["start"]].split()
    return bool(first) and (first[0].endswith("ing") or first[0] in {"who", "which"})


def _in_clause(doc: Doc, actor: dict, trigger: Span) -> bool:
    """Return whether a mention sits after a preposition in an earlier coordinated clause.

    "regrouping in Niger and crossing ...", "hands the base to the Malian army and
    crosses into Niger": not the subject of the later verb. "Takuba's personnel and
    equipment" keeps its possessor.
    """
    text = text_of(doc)
    return (
        " and " in text[actor["end"] : trigger.start_char]
        and _head_word(doc, actor) in _NOT_SUBJECT - {"from", "of"}
        and text[actor["end"] : actor["end"] + 2] not in {"'s", "’s"}
    )


def _head_word(doc: Doc, record: dict) -> str | None:
    """Return the word before a mention and its determiner ("to" in "to the Malian army")."""
    word = _prep(doc, record)
    if word in {"the", "its", "their", "a"}:
        word = _prep(doc, record, 2)
        return word.split()[0] if word else None
    return word


def _prep(doc: Doc, place: dict, n: int = 1) -> str | None:
    """Return the ``n`` words right before a place, lower-cased ("in", "out of")."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None or span.start < n:
        return None
    return " ".join(t.lower_ for t in doc[span.start - n : span.start])


def _nearest(trigger: Span, timexes: list[dict]) -> str | None:
    dated = [t for t in timexes if t.get("kind") not in {"duration"} and t.get("value")]
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t["start"] - trigger.start_char))["value"]


def _movers(doc: Doc, trigger: Span, actors: list[dict], places: list[dict]) -> list[dict]:
    """Return the movers: the agent after "by", else the coordinated actors before."""
    countries = {p["start"] for p in places if p.get("kind") == "country"}
    actors = [a for a in actors if a["start"] in countries or _can_move(doc, a)]
    after = [a for a in actors if a["start"] >= trigger.end_char]
    if after:
        gap = text_of(doc)[trigger.end_char : after[0]["start"]]
        if re.search(r"\bby\b", gap) and len(gap) < 80:
            return [after[0]]
    before = [
        a
        for a in actors
        if a["end"] <= trigger.start_char
        and not _in_object(doc, a, trigger)
        # "its soldiers in Niger would move": a country after "in" is where they are
        and not (a["start"] in countries and _head_word(doc, a) in _LOCATIVE)
    ]
    heads = [a for a in before if _names_force(doc, a)]
    if heads and heads[-1] is not before[-1]:
        # "The last German soldiers deployed with the UN mission in Mali landed..."
        return [heads[-1]]
    of_force = (
        after
        and trigger[0].lower_ in _NOUNS
        and re.fullmatch(
            r"\s*of (?:the |its |their )?(?:last )?\s*",
            text_of(doc)[trigger.end_char : after[0]["start"]],
        )
    )
    if of_force:
        # "the departure of the French troops": the force named right after the trigger,
        # and any in an elided repeat ("of US forces from Niger in August and of French
        # troops in December")
        text = text_of(doc)
        found = [after[0]]
        for actor in after[1:]:
            if _AND_OF.search(text, found[-1]["end"], actor["start"]) and _names_force(doc, actor):
                found.append(actor)
        return found
    if not before:
        return []
    chosen = [before[-1]]
    # "Benin, Togo, Ghana and Côte d'Ivoire are moving soldiers": country names coordinated
    # with the mover move too, though only the last was recognised as an actor
    known = {a["start"] for a in before}
    named = [
        {**p, "actor": canonical_state(p["iso3"]), "actor_kind": "state"}
        for p in places
        if p.get("kind") == "country"
        and p["start"] not in known
        and p["end"] <= before[-1]["start"]
        and canonical_state(p["iso3"])
    ]
    candidates = sorted(before[:-1] + named, key=lambda a: a["start"])
    for prev in reversed(candidates):
        if _COORDINATION.fullmatch(text_of(doc)[prev["end"] : chosen[-1]["start"]]):
            chosen.append(prev)
        else:
            break
    if chosen[-1]["start"] not in known and _head_word(doc, chosen[-1]) in _NOT_SUBJECT:
        chosen = [a for a in chosen if a["start"] in known]  # "troops from Mali and Niger"
    unique: list[dict] = []
    for actor in reversed(chosen):
        if actor["actor"] not in {u["actor"] for u in unique}:
            unique.append(actor)
    return unique


_AND_OF = re.compile(r"\band of (?:the |its |their )?(?:last )?$")
_PRONOUNS = {"they", "them", "those", "others", "their", "rest"}
# "Most will be relocated", "some of them", not "some equipment", "most analysts"
_QUANTIFIERS = {"most", "some", "many"}


def _standalone(words: list[str]) -> bool:
    """Whether a quantifier in ``words`` stands for a group named before: "Most were flown"."""
    if _QUANTIFIERS.isdisjoint(words):
        return False
    # (not "most of the fighters": the noun says who)
    return any(
        w in _QUANTIFIERS
        and k + 1 < len(words)
        and (
            words[k + 1] in _SUBJECT_GAP
            or words[k + 1 : k + 3] in (["of", "them"], ["of", "those"])
        )
        for k, w in enumerate(words)
    )


_ANAPHORS = {
    "its",
    "their",
    "they",
    "them",
    "those",
    "others",
    "troops",
    "soldiers",
    "forces",
    "personnel",
    "contingent",
    "units",
    "convoys",
    "convoy",
    "last",
    "mission",
    "rest",  # "The rest will go home"
    "detachment",
    "garrison",
    "battalion",
    "column",
}


def _owner_before(actors: list[dict], sent: Span) -> list[dict]:
    """'Estonia was first. Its special operators arrived in Gao': the state named last."""
    first = sent[0].lower_ if len(sent) else ""
    if first not in {"its", "their"}:
        return []
    before = [a for a in actors if a["end"] <= sent.start_char and a.get("actor_kind") == "state"]
    if not before:
        return []
    return [{"actor": before[-1]["actor"], "iso3": before[-1].get("iso3"), "actor_kind": "state"}]


def _force_before(doc: Doc, actors: list[dict], sent: Span) -> list[dict]:
    """'... used by French troops. Most of the soldiers were flown to Gao': the force named last.

    Only a force named in the few sentences before counts.
    """
    near = [
        a
        for a in actors
        if sent.start_char - 400 <= a["start"]
        and a["end"] <= sent.start_char
        and (a.get("actor_kind") == "armed force" or _names_force(doc, a))
    ]
    if not near:
        return []
    force = near[-1]
    return [{"actor": force["actor"], "iso3": force.get("iso3"), "actor_kind": force["actor_kind"]}]


_SUBJECT_GAP = set(
    """has had have will would could may might is was are were be been being also then
    already now later finally itself quickly all both planned final gradual full began
    begun begin begins started start starts continued continues plans intends intended
    decided agreed to""".split()
)
_LOCATIVE = {"in", "at", "from", "into", "to"}
_NOT_SUBJECT = {"in", "at", "from", "to", "into", "of", "for", "across", "through", "towards"}


_ELLIPSIS = set("some of them others the rest most a few back home to from in and".split())


def _also(
    doc: Doc, trigger: Span, first: dict | None, places: list[dict], stop: int, legs: list[tuple]
) -> list[dict]:
    """Return the places coordinated with ``first`` after it, up to ``stop``.

    "in N'Djamena and Abidjan", "to Gao in recent days, and some of them back to France":
    after the last "and" or comma, nothing but words of an elided repeat.
    """
    if first is None or "end" not in first:
        return []
    text = text_of(doc)
    known = {(p["iso3"], p.get("name")) for leg in legs for p in leg if p}
    found: list[dict] = []
    prev = first
    for place in places:
        if place["start"] < prev["end"] or place["start"] >= stop:
            continue
        if prev["end"] <= trigger.start_char < place["start"]:
            break  # "troops in Chad left in January, and Senegal ..."
        gap = text[prev["end"] : place["start"]]
        parts = re.split(r",|\band\b", gap)
        if len(parts) < 2 or len(parts[0].split()) > 4:
            break
        rest = parts[-1].lower().split()
        if any(w not in _ELLIPSIS for w in rest) or text[place["end"] :][:2] in {"'s", "’s"}:
            break
        if re.search(r",\s*and\s*$", gap) and _starts_clause(text, place["end"]):
            break  # "pulled its troops out of Mali, and Germany followed suit"
        if (place["iso3"], place.get("name")) not in known:
            found.append(place)
        prev = place
    return found


_NEXT_WORD = re.compile(r"\s*([a-z]+)\b")
# words that may follow a coordinated place without starting a clause of its own
_PHRASE_GOES_ON = set(
    """in on at by to from for during before after until within over this last next
    early late or and the""".split()
)


def _starts_clause(text: str, end: int) -> bool:
    """Whether a lower-case word after a place starts a clause: "and Germany followed suit"."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1) not in _PHRASE_GOES_ON


_AT_CAPITAL = re.compile(r"\b(?:in|at|from) the (?:country's )?capital\b", re.IGNORECASE)


def _capital_before(doc: Doc, sent: Span, trigger: Span, destination: dict) -> dict | None:
    """'Personnel at the capital were moved to Agadez': from the capital of the same country.

    Only a destination town other than a capital, so that the move is between two towns.
    """
    if _is_capital(destination):
        return None
    if not _AT_CAPITAL.search(text_of(doc), sent.start_char, trigger.start_char):
        return None
    return {"iso3": destination["iso3"], "name": "the capital", "kind": "city"}


def _unit_town(doc: Doc, sent: Span, trigger: Span, places: list[dict]) -> dict | None:
    """Return a town named as a unit's home before the verb: "the Gao garrison left".

    Only a town or base, not a country ("the Chad contingent" is Chad's own).
    """
    for place in places:
        if not sent.start_char <= place["start"] < trigger.start_char:
            continue
        if place.get("kind") in (None, "country"):
            continue
        span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
        if span is None or span.end >= len(doc) or doc[span.end].lower_ not in _UNIT_NOUNS:
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in {"the", "its", "their"}:
            return place
    return None


_UNIT_NOUNS = {
    "detachment",
    "garrison",
    "contingent",
    "battalion",
    "unit",
    "units",
    "troops",
    "soldiers",
    "force",
    "column",
    "convoy",
}


def _where_clause(doc: Doc, trigger: Span, places: list[dict]) -> dict | None:
    """Return the place a "where" clause is about.

    "relocated to Niger, where France has 1,000 troops after its withdrawal from Mali".
    """
    text = text_of(doc)
    for place in reversed([p for p in places if p["end"] <= trigger.start_char]):
        if text.startswith(", where ", place["end"]):
            return place if trigger.start_char - place["end"] < 80 else None
    return None


def _country_subject(doc: Doc, trigger: Span, places: list[dict]) -> list[dict]:
    """'France moved much of its force here': a country named right before the verb moves.

    The actor recogniser keeps a country name as an actor only before verbs it knows;
    here any movement verb will do. A capital stands for its government ("N'Djamena
    brought half of them home", "Copenhagen then recalled its soldiers").
    """
    before = [
        p for p in places if p["end"] <= trigger.start_char and p.get("kind") in {"country", "city"}
    ]
    if not before or _prep(doc, before[-1]) in _NOT_SUBJECT:
        return []
    place = before[-1]
    gap = text_of(doc)[place["end"] : trigger.start_char].lower()
    if re.match(r", (?:whose|which|who) [^,]+, ", gap):  # "Chad, whose troops held Gao, will"
        gap = gap[gap.index(",", 2) + 1 :]
    else:
        # "Chad, whose army had sent 2,500 troops into Cameroon": the country's force moves
        owned = _WHOSE_FORCE.match(gap)
        gap = gap[owned.end() :] if owned else gap
    if trigger[0].lower_ in _NOUNS and gap[:2] in {"'s", "’s"}:
        gap = gap[2:]  # "France's withdrawal from Chad", "Germany's planned departure"
    # "Russia, meanwhile, has sent": an aside of one word between commas
    gap = re.sub(r"^,\s*\w+,", "", gap.strip()) if gap.startswith(",") else gap
    words = gap.split()
    name = canonical_state(place["iso3"])
    if name is None or len(words) > 3 or any(w not in _SUBJECT_GAP for w in words):
        return []
    if place["kind"] == "city" and not _is_capital(place):
        return []
    return [{**place, "actor": name, "actor_kind": "state"}]


_FORCE_FROM = re.compile(
    r"\b(?:" + "|".join(sorted(w for w in FORCE_WORDS if w.isalpha())) + r") from $",
    re.IGNORECASE,
)


def _forces_from(doc: Doc, sent: Span, trigger: Span, places: list[dict]) -> list[dict]:
    """'Troops from Rwanda and Burundi were sent to Mozambique': the countries they come from.

    The countries coordinated after "<force> from" in the trigger's clause, before it.
    """
    text = text_of(doc)
    before = [
        p
        for p in places
        if sent.start_char <= p["start"] and p["end"] <= trigger.start_char and p.get("iso3")
    ]
    for k, place in enumerate(before):
        if place.get("kind") != "country" or not _FORCE_FROM.search(
            text, max(sent.start_char, place["start"] - 40), place["start"]
        ):
            continue
        chosen = [place]
        for nxt in before[k + 1 :]:
            if nxt.get("kind") == "country" and _COORDINATION.fullmatch(
                text[chosen[-1]["end"] : nxt["start"]]
            ):
                chosen.append(nxt)
            else:
                break
        tail = text[chosen[-1]["end"] : trigger.start_char]
        if len(tail.split()) > 4 or re.search(r"[,;]|\b(?:who|which|and)\b", tail):
            return []  # not the subject of this verb
        return [
            {**p, "actor": canonical_state(p["iso3"]), "actor_kind": "state", "from_home": True}
            for p in chosen
            if canonical_state(p["iso3"])
        ]
    return []


_WHOSE_FORCE = re.compile(
    r", whose (?:\w+ ){0,2}?(?:" + "|".join(sorted(w for w in FORCE_WORDS if w.isalpha())) + r")\b"
)


_TOGETHER = re.compile(r"\b(?:together with|along with|alongside)\s+(?:\S+\s+){0,3}$")


def _companions(
    doc: Doc, trigger: Span, stop: int, actors: list[dict], movers: list[dict]
) -> list[dict]:
    """Return the forces moving with the movers.

    "Italy flew 65 soldiers home together with 10 American troops": the Americans too.
    """
    if not movers:
        return []
    text = text_of(doc)
    named = {m["actor"] for m in movers}
    found = []
    for actor in actors:
        if not trigger.end_char <= actor["start"] < stop or actor["actor"] in named:
            continue
        if _TOGETHER.search(text[trigger.end_char : actor["start"]]) and _names_force(doc, actor):
            found.append({**actor, "companion_of": movers[0]})
            named.add(actor["actor"])
    return found


def _troop_movers(trigger: Span, troops: list[dict]) -> list[dict]:
    """Return the actor of a troop figure before the verb ("120 soldiers flew home")."""
    return _owner_of([t for t in troops if t["end"] <= trigger.start_char and t.get("actor")])


def _troop_owner(troops: list[dict], sent: Span) -> list[dict]:
    """'France has 1,000 soldiers in Chad. ... their departure': the last figure's actor."""
    return _owner_of([t for t in troops if t["end"] <= sent.start_char and t.get("actor")])


def _owner_of(troops: list[dict]) -> list[dict]:
    if not troops:
        return []
    name = troops[-1]["actor"]
    entry = actor_list().get(name)
    return [{"actor": name, "iso3": entry.iso3 if entry else None, "actor_kind": None}]


def _subject_station(doc: Doc, trigger: Span, places: list[dict]) -> dict | None:
    """Return where the leaving force is: "The last troops in Chad left".

    A place after "in" or "at" shortly before a verb of leaving, with no other verb of
    moving in between.
    """
    before = [p for p in places if p["end"] <= trigger.start_char]
    if trigger[0].lower_ in _NOUNS or not before or _prep(doc, before[-1]) not in {"in", "at"}:
        return None
    words = text_of(doc)[before[-1]["end"] : trigger.start_char].lower().split()
    if len(words) > 3 or any(w not in _SUBJECT_GAP for w in words):
        return None
    return before[-1]


_OWNED = FORCE_WORDS | _NOUNS | {"last", "remaining", "own", "special", "elite", "entire", "whole"}


def _pronoun_movers(sent: Span, trigger: Span, previous: list[dict]) -> list[dict]:
    """'They', 'the troops', 'others': the movers of the latest movement mentioned.

    The word must stand in the trigger's own clause: not in "Fresh troops were sent north,
    and the chief of staff travelled to Kandi".
    """
    if not previous:
        return []
    words = lowers_of(sent.doc)[sent.start : trigger.start]
    for k in range(len(words) - 1, 0, -1):
        if (words[k] in {"and", "but"} and words[k - 1] == ",") or words[k] == ";":
            words = words[k + 1 :]
            break
    # "their departure", "its last soldiers", not "their equipment will move"
    found = [
        w
        for k, w in enumerate(words)
        if (w in _ANAPHORS or (w in _QUANTIFIERS and _standalone(words[k : k + 2])))
        and (
            w not in {"its", "their"}
            or k + 1 == len(words)
            or not _OWNED.isdisjoint(words[k + 1 : k + 4])
            or words[k + 1][:1].isdigit()
        )
    ]
    return previous if found else []


def _can_move(doc: Doc, actor: dict) -> bool:
    """Whether an actor mention can be a force that moves.

    A demonym moves only when it names a force ("French troops"), not when it modifies
    something else ("the Chadian capital", "the French ambassador").
    """
    if actor.get("actor_kind") != "state" or actor["text"] == actor["actor"]:
        return True
    word = actor["text"]
    if not word[:1].isupper() or " " in word or "junta" in word.lower():
        return True  # "his country", "its allies", "the ruling junta"
    return _names_force(doc, actor) or _names_nation(doc, actor)


def _names_nation(doc: Doc, actor: dict) -> bool:
    """Whether a demonym stands for its nation: "the British deployed", "the French have left".

    "The" comes before it and a verb of moving or an auxiliary after it, not a noun.
    """
    span = doc.char_span(actor["start"], actor["end"], alignment_mode="expand")
    if span is None or span.start == 0 or span.end >= len(doc):
        return False
    after = doc[span.end].lower_
    # a past verb or an auxiliary: not "demanded that the French leave"
    past = after.endswith("ed") or after in {"left", "withdrew", "sent", "flew", "brought"}
    return doc[span.start - 1].lower_ == "the" and (
        after in _SUBJECT_GAP or (past and (after in _OUTWARD or after in _INWARD))
    )


#: Nouns whose demonym names a force that can move ("French garrisons", "the French army").
_FORCE_HEADS = PERSONNEL | {
    "army",
    "armies",
    "military",
    "soldier",
    "troop",
    "unit",
    "battalion",
    "battalions",
    "detachment",
    "garrison",
    "garrisons",
    "contingents",
}


def _names_force(doc: Doc, actor: dict) -> bool:
    span = doc.char_span(actor["start"], actor["end"], alignment_mode="expand")
    if span is None:
        return False
    if span[-1].lower_ in _FORCE_HEADS:
        return True
    # "French troops", "French special forces", "German and Swedish troops", "the French army"
    for tok in doc[span.end : span.end + 5]:
        if tok.lower_ in _FORCE_HEADS:
            return True
        if not (tok.lower_ in {"and", ",", "special", "elite"} or tok.text[:1].isupper()):
            return False
    return False


def _contrasts(sent: Span, places: list[dict]) -> list[dict]:
    found = []
    for m in _CONTRAST.finditer(sent.text):
        a_start, b_start = sent.start_char + m.start("a"), sent.start_char + m.start("b")
        a = next((p for p in places if p["start"] == a_start), None)
        b = next((p for p in places if p["start"] == b_start), None)
        if a and b and a["iso3"] != b["iso3"]:
            found.append({"origin": a, "destination": b})
    return found


def _join(mentions: list[dict], contrasts: list[dict], troops: list[dict]) -> list[dict]:
    movements: list[dict] = []
    by_actor: dict[str, list[dict]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor"], []).append(m)
    for group in by_actor.values():
        movements += _join_actor(group, troops)
    # "no longer in Mali but in Niger" moves every actor leaving Mali without a destination
    for c in contrasts:
        for m in movements:
            if m["origin_iso3"] == c["origin"]["iso3"] and m["destination_iso3"] is None:
                m["destination_iso3"] = c["destination"]["iso3"]
                m["destination"] = c["destination"]["name"]
                m["confidence"] = 0.6
    # a force without a country of its own (a coalition, a UN mission) seen only arriving
    # somewhere joins an origin shared by every other movement
    origins = {m["origin_iso3"] for m in movements if m["origin_iso3"]}
    for m in movements:
        if (
            m["origin_iso3"] is None
            and not m["actor_iso3"]
            and len(origins) == 1
            and m["destination_iso3"] not in origins
        ):
            (m["origin_iso3"],) = origins
            m["confidence"] = 0.55
    return movements


def _join_actor(mentions: list[dict], troops: list[dict]) -> list[dict]:
    """Join one actor's mentions in reading order.

    A mention with only a destination takes the origin of the actor's latest mention
    with an origin (within four sentences): "French troops left Niger ... most were
    flown home to France"; else where the article last placed the actor's troops
    ("About 1,500 French soldiers are based in Niger ... The soldiers will be brought
    home"). Then partial movements covered by a complete one go.
    """
    # "would move their equipment to Gao before leaving Mali": a stop on the way out
    mentions = [
        m
        for m in mentions
        if m["origin_iso3"]
        or not any(
            o["sentence"] == m["sentence"]
            and o["origin_iso3"] == m["destination_iso3"]
            and not o["destination_iso3"]
            for o in mentions
        )
    ]
    mentions = _pair_in_sentence(mentions)
    joined: list[dict] = []
    for m in mentions:
        move = dict(m)
        if move["destination_iso3"] and not move["origin_iso3"]:
            # where the force was last said to be: going home, the latest destination of an
            # earlier sentence ("Danish forces arrived in Mali. Denmark then recalled them");
            # else the latest origin ("Most were flown home to France; others went to Chad")
            # (not for "the rest" or "others": they go home from where the force was)
            homeward = move["destination_iso3"] == move["actor_iso3"] and not move.get("split")
            earlier = [
                (j["destination_iso3"], j["destination"])
                if homeward
                and j["destination_iso3"] not in (None, move["destination_iso3"])
                and j["sentence"] < move["sentence"]
                else (j["origin_iso3"], j["origin"])
                for j in joined
                if move["sentence"] - j["sentence"] <= 4
            ]
            here = {"iso3": move["destination_iso3"], "name": move["destination"]}
            earlier = [
                e
                for e in earlier
                if e[0] is not None
                and (e[0] != here["iso3"] or _domestic({"iso3": e[0], "name": e[1]}, here))
            ]
            if earlier:
                move["origin_iso3"], move["origin"] = earlier[-1]
                move["confidence"] = 0.65
            else:
                # not where another of its mentions took it ("landed in Ouagadougou")
                arrived = {m["destination_iso3"] for m in mentions}
                station = _station(move["actor"], arrived, troops, move["start"])
                if station is not None:
                    move["origin_iso3"], move["origin"] = station, None
                    move["confidence"] = 0.6
        joined.append(move)
    result: list[dict] = []
    for move in joined:
        key = (move["origin_iso3"], move["destination_iso3"])
        if any((r["origin_iso3"], r["destination_iso3"]) == key for r in result):
            continue
        result.append(move)
    complete = [
        r
        for r in result
        if r["origin_iso3"] and r["destination_iso3"] and r["origin_iso3"] != r["destination_iso3"]
    ]
    return [
        r
        for r in result
        if (r["origin_iso3"] and r["destination_iso3"])
        or not any(
            c["origin_iso3"] == r["origin_iso3"] or c["destination_iso3"] == r["destination_iso3"]
            for c in complete
        )
    ]


def _pair_in_sentence(mentions: list[dict]) -> list[dict]:
    """Join an origin-only and a destination-only mention of one sentence.

    "Niger agreed to host the French forces leaving Mali" is one Mali -> Niger movement.
    """
    out: list[dict] = []
    used: set[int] = set()
    for i, m in enumerate(mentions):
        if i in used:
            continue
        move = dict(m)
        for j in range(i + 1, len(mentions)):
            other = mentions[j]
            if j in used or other["sentence"] != m["sentence"]:
                continue
            if (
                move["origin_iso3"] is None
                and other["origin_iso3"]
                and not other["destination_iso3"]
                and other["origin_iso3"] != move["destination_iso3"]
            ):
                move["origin_iso3"], move["origin"] = other["origin_iso3"], other["origin"]
                used.add(j)
            elif (
                move["destination_iso3"] is None
                and other["destination_iso3"]
                and not other["origin_iso3"]
                and other["destination_iso3"] != move["origin_iso3"]
            ):
                move["destination_iso3"] = other["destination_iso3"]
                move["destination"] = other["destination"]
                used.add(j)
        out.append(move)
    return out


def _domestic(origin: dict | None, destination: dict | None) -> bool:
    """Return whether a move goes between two named places of one country ("Kidal to Gao")."""
    if not (origin and destination and origin["iso3"] == destination["iso3"]):
        return False
    names = {origin.get("name"), destination.get("name")}
    country = canonical_state(origin["iso3"])
    return None not in names and len(names) == 2 and country not in names


def _station(actor: str, elsewhere: set, troops: list[dict], before: int) -> str | None:
    """Return where the article last placed ``actor``'s troops before ``before``.

    Places in ``elsewhere`` do not count.
    """
    stations = [
        t["location_iso3"]
        for t in troops
        if t.get("actor") == actor
        and t.get("location_iso3")
        and t["location_iso3"] not in elsewhere
        and t["start"] < before
    ]
    return stations[-1] if stations else None


def _attach_troops(move: dict, troops: list[dict]) -> None:
    places = {move.get("origin_iso3"), move.get("destination_iso3")} - {None}
    for t in troops:
        if t.get("actor") == move["actor"] and t.get("location_iso3") in places:
            move["troops_low"], move["troops_high"] = t.get("low"), t.get("high")
            return
