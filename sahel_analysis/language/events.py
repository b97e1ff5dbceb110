"""Event recognition: what happened, who did it, where and when.

A trigger lexicon (one entry per event type) finds candidate events; each is given the
actor, place and date that the sentence attaches to it:

- place: a place after a preposition that fits the type ("withdrawing from Mali",
  "a meeting in Paris"), a coordinated list of countries ("coups in Mali, Chad and
  Burkina Faso" gives three events), else the nearest place before the trigger;
- actor: the agent after "by" in a passive, else the nearest actor before the trigger
  in the sentence (never the place itself);
- date: the nearest time expression in the sentence.

Events of the same type at the same place are one event (the design's counting rule):
later mentions fill in what the first one lacked. A mention without a place is merged
into an earlier event of its type with the same actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sahel_analysis.language.extensions import (
    add_fact,
    facts_of,
    lowers_of,
    records_in,
    sentences_of,
    text_of,
)
from sahel_analysis.language.lexicon import PERSONNEL, about_forces

__all__ = ["EVENT_TYPES", "EventRecognizer", "modality", "trigger_type"]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "withdrawal": (
        "withdraw withdraws withdrew withdrawn withdrawing withdrawal withdrawals pullout "
        "pull-out drawdown departure departures exit evacuation evacuated disengagement "
        "vacate vacated vacating"
    ).split(),
    "deployment": (
        "deploy deploys deployed deploying deployment deployments arrive arrived arrives "
        "arriving arrival dispatched joined reinforcements intervene intervenes intervened "
        "intervening intervention dispatch dispatches dispatching"
    ).split(),
    "redeployment": (
        "redeploy redeploys redeployed redeploying redeployment relocate relocated "
        "relocating relocation reposition repositioned repositioning host hosting regroup "
        "regrouped regrouping regroups"
    ).split(),
    "coup": "coup coups putsch takeover toppled ousted overthrew overthrown overthrow".split(),
    "election": "election elections elected polls ballot referendum vote poll".split(),
    "attack": (
        "attack attacks attacked ambush ambushed raid raids assault bombing airstrike "
        "airstrikes massacre offensive killings killing killed overrun overran overrunning "
        "stormed storming"
    ).split(),
    "agreement": (
        "agreement agreements accord accords deal pact pacts treaty treaties signed memorandum"
    ).split(),
    "expulsion": "expel expels expelled expelling expulsion".split(),
    "meeting": (
        "meeting meetings summit summits met meet meets session talks conference visit visited"
    ).split(),
    "sanction": "sanction sanctions sanctioned embargo blockade".split(),
}
_TRIGGERS = {word: kind for kind, words in EVENT_TYPES.items() for word in words}
_I = re.IGNORECASE


def _keys(words: str) -> frozenset[str]:
    return frozenset(words.split())


# multi-word triggers, matched on the sentence text, each with the words one of which the
# sentence must hold for the pattern to be tried at all (a set test is cheaper than a search)
_PHRASES: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (
    (
        re.compile(
            r"\bpull(?:ed|ing|s)?(?: (?:its|their|the|all|his|her|our)?\s?\w+)? (?:out|back)\b", _I
        ),
        "withdrawal",
        _keys("pull pulled pulling pulls"),
    ),
    # "leaving Mali", not "leave the door open": a capitalised place must follow
    (
        re.compile(r"\b(?:[Ll]eave|[Ll]eaves|[Ll]eaving|[Ll]eft) (?=[A-Z])"),
        "withdrawal",
        _keys("leave leaves leaving left"),
    ),
    # "flying 65 of its soldiers home", "PMC Wagner is going home"
    (
        re.compile(
            r"\b(?:fl(?:y|ies|ew|own|ying)|br(?:ing|ings|inging|ought)|sen(?:d|ds|t|ding)|"
            r"go(?:es|ing|ne)?|went|return(?:s|ed|ing)?) (?:[\w'’,-]+ ){0,5}?home\b",
            _I,
        ),
        "withdrawal",
        _keys("home"),
    ),
    # "handed the base to the Chadian army", "handing over the Gao base"
    (
        re.compile(
            r"\b(?:hand(?:s|ed|ing)?(?: over| back)?|handover of)(?= (?:the |its |their |a |all )?"
            r"(?:[\w'’-]+ ){0,2}?(?:bases?|camps?|airfield|sites|installations)\b)",
            _I,
        ),
        "withdrawal",
        _keys("hand hands handed handing handover"),
    ),
    # "the end of French presence in Mali", "ended its operations"; not "the end of all
    # foreign military presence" a host announces (an expulsion, below)
    (
        re.compile(
            r"\bend(?:s|ed|ing)? (?:of|to) (?:all |the )?foreign (?:military |troop )?presence\b",
            _I,
        ),
        "expulsion",
        _keys("presence"),
    ),
    (
        re.compile(
            r"\bend(?:s|ed|ing)? (?:of |to )?(?:its |their |the |his |her |all )?"
            r"(?:[\w'’-]+ ){0,2}?(?:operations?|presence|mission|deployment|contribution|"
            r"participation)\b",
            _I,
        ),
        "withdrawal",
        _keys("end ends ended ending"),
    ),
    # "Italy has reduced its military contingent", "trims its troop presence"
    (
        re.compile(
            r"\b(?:reduc(?:e|es|ed|ing)|cut(?:s|ting)?|trim(?:s|med|ming)?|halv(?:e|es|ed|ing)|"
            r"scal(?:e|es|ed|ing) (?:back|down)) (?:its |their |the )?(?:[\w'’-]+ ){0,2}?"
            r"(?:presence|contingents?|troops|forces|deployment|garrison)\b",
            _I,
        ),
        "withdrawal",
        _keys(
            "reduce reduces reduced reducing cut cuts cutting trim trims trimmed trimming "
            "halve halves halved halving scale scales scaled scaling"
        ),
    ),
    (re.compile(r"\b(?:seized|seize|took|take|grabbed) power\b", _I), "coup", _keys("power")),
    # "a series that has brought soldiers to power in Mali and Burkina Faso"
    (
        re.compile(
            r"\b(?:br(?:ing|ings|inging|ought)|swept|sweeping) (?:the )?(?:soldiers|military|army|"
            r"officers|juntas?|colonels|generals) (?:back )?to power\b",
            _I,
        ),
        "coup",
        _keys("power"),
    ),
    (
        re.compile(
            r"\b(?:order|ask|demand|tell|instruct)(?:ed|s|ing)? (?:the |all |its )?"
            r"[\w\s'’-]{0,50}?(?:to (?:leave|withdraw|go|depart|quit|close (?:its |their |the )?"
            r"(?:military )?bases?)|out|"
            r"that [\w\s'’-]{0,40}?(?:leave|withdraw|go|depart|quit))\b",
            _I,
        ),
        "expulsion",
        _keys(
            "order ordered orders ordering ask asked asks asking demand demanded demands "
            "demanding tell tells telling instruct instructed instructs instructing"
        ),
    ),
    # "told the Council that MINUSMA should leave", "told the French to go"; not "told
    # reporters that the troops would leave" (an announcement)
    (
        re.compile(
            r"\btold (?:the |all |its )?[\w\s'’-]{0,50}?(?:to (?:leave|withdraw|go|depart|quit)|"
            r"that [\w\s'’-]{0,40}?(?:should|must|(?:had|has|have) to) "
            r"(?:leave|withdraw|go|depart|quit))\b",
            _I,
        ),
        "expulsion",
        _keys("told"),
    ),
    # "the junta gave them notice", "served the French a month's notice"
    (
        re.compile(
            r"\b(?:g[ia]ve|give[sn]?|giving|serv(?:e|ed|es|ing)) (?!notice\b)(?:[\w'’-]+ ){1,4}?"
            r"notice\b",
            _I,
        ),
        "expulsion",
        _keys("notice"),
    ),
    (re.compile(r"\b(?:kicked|forced|thrown) out\b", _I), "expulsion", _keys("out")),
    # "the junta has made clear it wants them out", "wanted French troops out of the country"
    (
        re.compile(
            r"\bwant(?:s|ed|ing)? (?:(?:the |all |its |their )?(?:[\w'’-]+ ){0,2}?"
            r"(?:troops|forces|soldiers|peacekeepers|contingents?|mercenaries)|them) out\b",
            _I,
        ),
        "expulsion",
        _keys("out"),
    ),
    (
        re.compile(
            r"\b(?:demand(?:ed|s|ing)?|call(?:ed|s|ing)? for) (?:the |a |their |its )?(?:\w+ )?"
            r"(?:departure|withdrawal|closure)",
            _I,
        ),
        "expulsion",
        _keys("departure withdrawal closure"),
    ),
    # an ultimatum: "gave French troops one month to leave"
    (
        re.compile(
            r"\b(?:g[ia]ve|give[sn]?|giving) (?:[\w'’-]+ ){0,4}?(?:days?|weeks?|months?|hours?) "
            r"to (?:leave|withdraw|go|depart|quit)\b",
            _I,
        ),
        "expulsion",
        _keys("day days week weeks month months hour hours"),
    ),
    # "French military bases in his country would have to close", "peacekeepers must leave"
    (
        re.compile(
            r"\b(?:bases?|troops|forces|soldiers|peacekeepers|contingents?)\b(?: [\w'’-]+){0,6}? "
            r"(?:must|(?:would|will|had|has|have) to) (?:close|leave|go|depart|withdraw)\b"
            r"(?! on\b)",
            _I,
        ),
        "expulsion",
        _keys("must have has had"),
    ),
    (
        re.compile(
            r"\b(?:ended|end|terminated|terminate|denounced|revoked|scrapped) (?:its |the )?"
            r"(?:military |defen[cs]e |security )?(?:cooperation|agreements?|accords?|"
            r"treat(?:y|ies)|pacts?)\b",
            _I,
        ),
        "agreement",
        _keys("cooperation agreement agreements accord accords treaty treaties pact pacts"),
    ),
    # "sent about 2,000 soldiers", "sent its first aircraft into combat"
    (
        re.compile(
            r"\b(?:send|sends|sent|sending|station|stations|stationed|stationing) "
            r"(?:[\w'’,-]+ ){0,4}?(?:troops|soldiers|forces|"
            r"contingents?|battalions?|units|aircraft|jets|helicopters|warplanes|peacekeepers|"
            r"paratroopers|commandos|men|instructors|trainers|personnel|mercenaries|fighters)\b",
            _I,
        ),
        "deployment",
        _keys("send sends sent sending station stations stationed stationing"),
    ),
    # "The British troops have been based in Gao since December 2020": a force's presence
    # dated from its start
    (
        re.compile(
            r"\b(?i:troops|soldiers|forces|peacekeepers|contingents?|units?|battalions?|"
            r"detachments?|group|column|army|mercenaries|instructors|personnel)\b,?"
            r"(?: [\w'’,-]+){0,3}? "
            r"(?:has|have|had) been (?P<t>based|stationed|posted|garrisoned) (?:in|at) "
            r"(?=[A-Z])[\w'’ -]{2,40}? since\b"
        ),
        "deployment",
        _keys("based stationed posted garrisoned"),
    ),
    # "crossed the border into Niger"; leaving a country for another is a redeployment
    (
        re.compile(r"\bcross(?:ed|es|ing)? (?:the (?:border|frontier) )?into (?=[A-Z])", _I),
        "deployment",
        _keys("cross crossed crosses crossing"),
    ),
    # "moved much of its force here", "has been moved to Niger"
    (
        re.compile(
            r"\bmov(?:e|es|ed|ing) (?!closer|nearer|away|further)(?:[\w'’-]+ ){0,6}?"
            r"(?:to (?=[A-Z])|here\b)"
        ),
        "redeployment",
        _keys("move moves moved moving"),
    ),
    # "The last troops in Chad left at the end of January": the verb alone is the trigger
    (
        re.compile(
            r"\b(?:troops|soldiers|forces|contingents?|peacekeepers|units)\b(?: [\w'’-]+){0,4}? "
            r"(?<! on )(?P<t>left|departed|leave|leaves|leaving|depart|departs|departing)\b"
            r"(?! for\b)",
            _I,
        ),
        "withdrawal",
        _keys("left departed leave leaves leaving depart departs departing"),
    ),
    # "a withdrawal that Mali's military rulers demanded"
    (
        re.compile(
            r"\b(?:departure|withdrawal|exit) (?:that|which) [\w\s'’-]{0,40}?"
            r"(?P<t>demanded|ordered|requested)\b",
            _I,
        ),
        "expulsion",
        _keys("demanded ordered requested"),
    ),
    (
        re.compile(r"\bc(?:ame|ome|omes|oming) under (?:fire|attack)\b", _I),
        "attack",
        _keys("fire attack"),
    ),
    # "lands in Ouagadougou with about 100 Russian servicemen"
    (
        re.compile(r"\b(?:land(?:s|ed|ing)?|touch(?:es|ed|ing)? down) (?:in|at) ", _I),
        "deployment",
        _keys("land lands landed landing touch touches touched touching"),
    ),
    (
        re.compile(r"\b(?:drone|air|missile|rocket|artillery) (?:strikes?|raids?)\b", _I),
        "attack",
        _keys("strike strikes raid raids"),
    ),
    # "Mali, Burkina Faso and Niger were suspended from ECOWAS" is a sanction
    (
        re.compile(r"\b(?P<t>suspend(?:ed|s|ing)?) (?=(?:[A-Z][\w'’-]+ ){1,3}from\b)"),
        "sanction",
        _keys("suspend suspended suspends suspending"),
    ),
    (
        re.compile(r"\bdeclared (?:[\w'’-]+ ){0,4}?persona non grata\b", _I),
        "expulsion",
        _keys("grata"),
    ),
    # "French and Malian troops entered Timbuktu"
    (
        re.compile(r"\b(?:enter(?:ed|s|ing)?) (?=[A-Z])"),
        "deployment",
        _keys("enter entered enters entering"),
    ),
    (
        re.compile(r"\b(?:leave|leaves|leaving|left) the country\b", _I),
        "withdrawal",
        _keys("leave leaves leaving left"),
    ),
    # the Security Council voting or meeting is a session of the Council
    (
        re.compile(
            r"\bSecurity Council\b(?: [\w'’,-]+){0,5}? (?:vot(?:ed|es)|adopted|met)\b"
            r"|\b(?i:address(?:ed|es|ing)?) the (?:UN |United Nations )?(?:Security )?[Cc]ouncil\b"
        ),
        "meeting",
        _keys("voted votes adopted met address addressed addresses addressing"),
    ),
    (
        re.compile(r"\btravel(?:s|led|ed|ling|ing)? to (?=[A-Z])"),
        "meeting",
        _keys("travel travels travelled traveled travelling traveling"),
    ),
    # "will close its air base in Niamey", "the closure of the Tessalit camp" (after the
    # expulsions: "asked France to close its military bases")
    (
        re.compile(
            r"\b(?:clos(?:e|es|ed|ing)|closure of|shut(?:s|ting)?(?: down)?) "
            r"(?:its |their |the |all )?(?:[\w'’-]+ ){0,2}?"
            r"(?:bases?|camps?|airfield|garrisons?|hub)\b",
            _I,
        ),
        "withdrawal",
        _keys("close closes closed closing closure shut shuts shutting"),
    ),
    # "wrapped up its operations in Mali", "concluded its mission"
    (
        re.compile(
            r"\b(?:wrap(?:s|ped|ping)? up|conclud(?:e|es|ed|ing)) (?:its |their |the )?"
            r"(?:[\w'’-]+ ){0,2}?(?:operations?|presence|mission|deployment)\b",
            _I,
        ),
        "withdrawal",
        _keys("wrap wraps wrapped wrapping conclude concludes concluded concluding"),
    ),
    # "flew its last soldiers out of Niamey", "airlifted the troops out of Gao"
    (
        re.compile(
            r"\b(?:fl(?:y|ies|ew|own|ying)|airlift(?:s|ed|ing)?) (?:[\w'’,-]+ ){0,4}?"
            r"(?:troops|soldiers|forces|personnel|contingents?|peacekeepers) out of (?=[A-Z])",
            _I,
        ),
        "withdrawal",
        _keys("fly flies flew flown flying airlift airlifts airlifted airlifting"),
    ),
    # "the French contingent will be cut to 2,500", "troops were reduced"
    (
        re.compile(
            r"\b(?:presence|contingents?|troops|forces|deployment|garrison)(?: [\w'’-]+){0,3}? "
            r"(?:be|been|was|were|is|are) (?P<t>reduced|cut|trimmed|halved|scaled (?:back|down))\b",
            _I,
        ),
        "withdrawal",
        _keys("reduced cut trimmed halved scaled"),
    ),
    # "a suicide bomber struck a military camp", "gunmen targeted a convoy"
    (
        re.compile(
            r"\b(?:struck|strikes|hit|hits|targeted|targets) (?:a |an |the |its |their )?"
            r"(?:[\w'’-]+ ){0,2}?(?:camp|base|convoy|patrol|post|checkpoint|position|garrison)s?\b",
            _I,
        ),
        "attack",
        _keys("struck strikes hit hits targeted targets"),
    ),
    # "wounded by improvised explosive devices", "a roadside bomb", "a suicide bombing"
    (
        re.compile(
            r"\b(?:improvised explosive devices?|IEDs?|roadside bombs?|landmines?|car bombs?|"
            r"suicide (?:bomb(?:ing|er)s?|attacks?))\b",
            _I,
        ),
        "attack",
        _keys("device devices ied ieds bomb bombs landmine landmines bombing bomber bombers"),
    ),
    # "the prime minister went to Tehran": a person's trip (checked on the actor)
    (
        re.compile(r"\b(?P<t>went|flew) to (?=[A-Z])"),
        "meeting",
        _keys("went flew"),
    ),
)
_WEAPONS = {"helicopter", "helicopters", "aircraft", "jets", "jet", "drone", "drones", "boats"}
_BALLOTS = set(
    "presidential legislative parliamentary general municipal local regional constitutional "
    "national".split()
)
_NOT_AN_ELECTION = {"promise", "promises", "pledge", "pledges", "law", "laws", "code"}
# words that deny or suspend what follows them: "has not suffered a major attack",
# "did not join the pact", "if the junta expels them"
_NEGATORS = {"not", "n't", "never", "no", "cannot", "if", "unless", "whether", "perhaps"}
_NEGATORS |= {"declined", "refused", "refuses", "failed", "fails"}  # "declined to send forces"
_NEGATORS |= {"could", "might"}  # "jihadists could attack Niamey"
_NEGATORS |= {"none", "nobody", "neither", "nor"}  # "but none have left Niger"
# a threat is not the deed: "threatened to pull Chad out of the force"
_NEGATORS |= {"threaten", "threatens", "threatened", "threatening"}
# what was avoided did not happen: "Senegal has been spared attacks"
_NEGATORS |= {"avoided", "avoids", "spared", "averted"}
# nor what a place "has so far escaped"; a convoy that "escaped an ambush" was ambushed
_ESCAPED = {"escaped", "escapes"}
_PERFECT = {"has", "have", "far"}
# where a clause ends, looking back from a trigger
_CLAUSE_BREAK = {",", ";", ":", "—", "–", "but", "and", "or", "while", "which", "who", "that"}
# "dozens of soldiers were killed over the nine years", "has killed thousands since 2015":
# a toll over a period is no event
_TOLL = re.compile(
    r"\b(?:since (?:\d{4}|independence)|(?:over|for|in) the (?:past |last )?(?:[\w-]+ )?"
    r"(?:years|decades?|months)\b)",
    _I,
)
_KILLING = {"killed", "killing", "killings"}
# "fighters ... have killed hundreds of soldiers": a toll, however it is dated
_TOLL_VERB = re.compile(r"\bha(?:s|ve|d) killed (?:hundreds|thousands|tens of thousands)\b", _I)


def _toll(doc: Doc, token: Token) -> bool:
    """Return whether a killing is a toll over a period, read in its clause."""
    text = text_of(doc)
    sent = token.sent
    end = sent.end_char
    for stop in (",", ";"):
        pos = text.find(stop, token.idx, end)
        if pos >= 0:
            end = pos
    return (
        _TOLL.search(text, token.idx, end) is not None
        or _TOLL_VERB.search(text, max(sent.start_char, token.idx - 9), end) is not None
    )


_NOT_AFTER = {"news", "press"}  # "news conference" is no meeting; "agreed to" no agreement
_PREPOSITIONS = {
    "withdrawal": {"from", "out", "of", "in", "at"},
    "sanction": {"on", "against", "in", "of"},
    "deployment": {"to", "in", "into", "at"},
    "redeployment": {"to", "in", "into"},
    "meeting": {"in", "at"},
    # "peacekeepers from Chad": not there; "camps around Gao": there
    "attack": {"in", "at", "near", "outside", "on", "around"},
}
_LIST_GLUE = {",", "and", "or", "the", "as", "well"}

_FUTURE = re.compile(
    r"\b(will|would|shall|plans?|planned|planning|is to|are to|expected to|"
    r"intends?|set to|scheduled|going to|by the end)\b",
    re.I,
)
_ANNOUNCE = re.compile(r"\b(announc\w*|declar\w*|said|says|decided|decision|agreed)\b", re.I)
_UNDER_WAY = re.compile(
    r"\b(began|begun|begin|started|under ?way|is \w+ing|are \w+ing|"
    r"ongoing|continu\w+)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(withdrew|left|completed|departed|pulled out|ended|handed over|"
    r"has withdrawn|have withdrawn|had withdrawn|has left|have left|"
    r"arrived|deployed|redeployed|relocated|expelled|last)\b",
    re.I,
)


def trigger_type(token: Token) -> str | None:
    """Return the event type a single token signals, or None.

    Examples
    --------
    >>> import spacy
    >>> trigger_type(spacy.blank("en")("coups")[0])
    'coup'
    """
    kind = _TRIGGERS.get(token.lower_)
    if kind is None:
        return None
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    prev = token.nbor(-1).lower_ if token.i > 0 else ""
    if kind == "agreement" and token.lower_ == "signed" and nxt == "up":
        return None
    if kind == "meeting" and prev in _NOT_AFTER:
        return None
    if token.lower_ in {"meet", "meets"} and nxt not in {"in", "at", "with", "on"}:
        return None  # "where Mali, Niger and Burkina Faso meet" is no meeting
    if kind == "attack" and nxt in _WEAPONS:
        return None  # "attack helicopters" are no attack
    if kind == "election" and nxt in _NOT_AN_ELECTION:
        return None  # "election promises"
    if kind == "sanction" and prev == "under" and token.lower_ == "blockade":
        return None  # "Djibo, under blockade for months": a siege, not a sanction
    if kind == "withdrawal" and prev in {"medical", "casualty"}:
        return None  # "medical evacuation"
    if kind == "election" and token.lower_ in {"vote", "poll"} and prev not in _BALLOTS:
        return None  # "a presidential vote", not a UN vote or an opinion poll
    if kind == "redeployment" and token.lower_ in {"host", "hosting"}:
        return kind if prev in {"to", "will"} else None  # "agreed to host", not "the host"
    if (
        token.lower_ == "deployed"
        and prev not in _BE
        and any(
            t.lower_ in PERSONNEL or t.lower_ == "then"
            for t in token.doc[max(token.i - 2, 0) : token.i]
        )
    ):
        return None  # "the soldiers (then) deployed there": where they were, not a move
    return kind


_BE = {"were", "was", "been", "be", "being", "are", "is"}  # "soldiers were deployed"


def modality(sentence: str) -> str:
    """Return the status a sentence gives its event or movement.

    One of completed, under_way, announced or planned.

    Examples
    --------
    >>> modality("Macron announced that France will withdraw.")
    'announced'
    >>> modality("The last French soldiers left Gao on Monday.")
    'completed'
    """
    future = _FUTURE.search(sentence) is not None
    if _ANNOUNCE.search(sentence) and future:
        return "announced"
    if _UNDER_WAY.search(sentence) and not future:
        return "under_way"
    if future:
        return "planned"
    if _PAST.search(sentence):
        return "completed"
    if _ANNOUNCE.search(sentence):
        return "announced"
    return "completed"


@Language.factory("sahel_events")
def make_event_recognizer(nlp: Language, name: str) -> EventRecognizer:
    """Create the event recogniser (spaCy factory ``sahel_events``)."""
    return EventRecognizer()


class EventRecognizer:
    """Record events in ``doc._.facts["events"]``; reads places, actors and timexes."""

    def __call__(self, doc: Doc) -> Doc:
        """Record the events of ``doc`` and return it."""
        places = [p for p in facts_of(doc, "places") if p.get("iso3") or p.get("name")]
        actors = facts_of(doc, "actors")
        timexes = facts_of(doc, "timexes")
        troops = facts_of(doc, "troops")
        main = _main_country(doc, places, actors)
        places = sorted(places + _territories(doc, actors), key=lambda p: p["start"])
        mentions: list[dict] = []
        previous = None  # where the last sentence's military event took place
        for sent in sentences_of(doc):
            triggers = _triggers(sent)
            if not triggers:
                previous = None
                continue
            s_actors = records_in(actors, sent)
            forces = bool(records_in(troops, sent)) or about_forces(sent, s_actors, [])
            all_places = [p for p in records_in(places, sent) if not _beyond(doc, p)]
            subjects = [p for p in all_places if _acting(p, s_actors, doc)]
            acting = {p.get("iso3") for p in subjects} - {None}
            status = modality(text_of(doc)[sent.start_char : sent.end_char])
            homes = _homes(doc, all_places)
            nationals = _nationals(doc, s_actors) | homes
            guests = (nationals | _parties(doc, all_places)) - acting
            s_mentions: list[dict] = []
            for kind, trigger in triggers:
                if (
                    kind == "meeting"
                    and trigger[0].lower_ in {"went", "flew"}
                    and not _person_before(trigger, s_actors)
                ):
                    continue  # "troops went to Mali" is no visit
                if kind in _MILITARY and (
                    not (
                        forces
                        or _military_object(doc, trigger)
                        or _left_country(doc, trigger, all_places, s_actors)
                    )
                    or _from_organisation(doc, trigger, s_actors)
                ):
                    continue
                sent_places = all_places
                if kind in _MILITARY:
                    # "The last German soldiers ... landed at Wunstorf air base"
                    sent_places = [p for p in sent_places if p.get("iso3") not in nationals]
                if trigger[0].lower_ in _PRESENCE:
                    # "a Malian army column that has been stationed in Anefis since October":
                    # a national army posted at home is not deployed
                    armies = _armies(doc, s_actors)
                    sent_places = [p for p in sent_places if p.get("iso3") not in armies]
                if kind in _SCENE and trigger[0].lower_ not in {"host", "hosting"}:
                    # "Sweden, which had deployed 150 troops", "when France intervened to halt
                    # an offensive": the state that acts is not where it acts
                    sent_places = [
                        p
                        for p in sent_places
                        if p not in subjects and not _relative_subject(doc, p, trigger)
                    ]
                    if kind in _MOVES_IN:  # "Paris pledges reinforcements at a summit in Pau"
                        doers = {p.get("iso3") for p in subjects if p["start"] < trigger.start_char}
                        sent_places = [p for p in sent_places if p.get("iso3") not in doers]
                elif kind in _HOSTED:
                    # "terminating the accord on the status of French forces": the foreign
                    # force's country is not where the accord ends or the expulsion happens
                    sent_places = [p for p in sent_places if p.get("iso3") not in guests]
                if kind == "meeting" and trigger[0].lower_ in {"security", "address", "addressed"}:
                    locations = _council_seat(doc, trigger, sent_places)
                elif kind == "coup":
                    locations = _coup_locations(doc, trigger, sent_places, s_actors, main)
                else:
                    locations = _locations(doc, kind, trigger, sent_places)
                if not locations and kind == "attack":
                    # "Togo declared a state of emergency after soldiers were killed in an
                    # attack": the state reacting is the one struck
                    locations = _struck(doc, trigger, subjects, triggers)
                if (
                    not locations
                    and main is not None
                    and (kind in _COUNTRY_LEVEL or trigger.text.lower() in _ONE_ATTACK)
                ):
                    # "two coups in three years", "jihadists killed 17 soldiers in an ambush"
                    # in an article on Mali
                    locations = [main]
                actor = _actor(doc, kind, trigger, s_actors, locations)
                home = actor.get("iso3") if actor else None
                if not locations and kind == "deployment":
                    # "Abidjan has stationed troops along the border with Burkina Faso": a
                    # state guarding its border deploys at home
                    locations = _guarding(doc, trigger, sent, places, subjects, actor)
                if not locations and kind in _MILITARY and previous and previous["iso3"] != home:
                    # "... posted at Téra in western Niger. Six months later, N'Djamena brought
                    # half of them home": the story goes on where the last sentence left it
                    locations = [previous]
                if (
                    not locations
                    and kind in _MILITARY
                    and main is not None
                    and main["iso3"] != home
                    and main["iso3"] not in homes
                ):
                    # "the mission was deployed in 2013" in an article on Mali; a force
                    # is never deployed to, or withdrawn from, its own country
                    locations = [main]
                if (
                    kind == "withdrawal"
                    and actor
                    and actor.get("iso3")
                    and actor.get("actor_kind") == "state"
                    and _HOST_ENDS.match(trigger.text)
                    and 0 <= trigger.start_char - actor["end"] <= 12
                ):
                    # "Niger's rulers ended the mission": a state ending a mission it did not
                    # send ("the", not "its") orders the foreigners out
                    kind = "expulsion"
                    locations = [{"iso3": actor["iso3"], "name": actor["actor"]}]
                if (
                    kind in {"agreement", "expulsion", "election"}
                    and actor
                    and actor.get("iso3")
                    and "junta" in (actor.get("text") or "").lower()
                    and not any(p["start"] > trigger.start_char for p in locations)
                ):
                    # "the junta denounced the defence agreements with France": a junta acts
                    # in its own country
                    locations = [_junta_country(doc, actor, main)]
                if not locations and kind in _SCENE | {"meeting"} and _says_here(doc, trigger):
                    # "France moved much of its force here" under a NIAMEY dateline
                    locations = _dateline_places(doc, places)[:1]
                date = _nearest(trigger, records_in(timexes, sent))
                for place in locations or [None]:
                    s_mentions.append(
                        {
                            "start": trigger.start_char,
                            "end": trigger.end_char,
                            "type": kind,
                            "actor": actor["actor"] if actor else None,
                            "actor_iso3": actor.get("iso3") if actor else None,
                            "location_iso3": place.get("iso3") if place else None,
                            "location": place.get("name") if place else None,
                            "date": date["value"] if date else None,
                            "status": status,
                            "confidence": 0.75 if place else 0.55,
                        }
                    )
            mentions.extend(_moves_on(s_mentions))
            # where the force is: a redeployment names where it goes next
            located = [m for m in s_mentions if m["type"] in _STAY and m["location_iso3"]]
            previous = (
                {"iso3": located[-1]["location_iso3"], "name": located[-1]["location"]}
                if located
                else None
            )
        for event in _merge(mentions):
            start, end = event.pop("start"), event.pop("end")
            event.pop("actor_iso3", None)
            add_fact(doc, "events", start, end, **event)
        return doc


_MILITARY = {"withdrawal", "deployment", "redeployment"}
_STAY = {"withdrawal", "deployment"}
# moves into a country: the acting state's own towns are not where the force goes
_MOVES_IN = {"deployment", "redeployment"}
# events whose place is where the action lands, not the state acting
_SCENE = _MILITARY | {"attack"}
# events located in the host country, whatever foreign force they concern
_HOSTED = {"agreement", "expulsion"}
_HOST_ENDS = re.compile(r"end(?:s|ed)? the (?:[\w'’-]+ )?(?:mission|presence|operation)", _I)
# a single, dated attack (not "attacks have multiplied", "killed" in a toll)
_ONE_ATTACK = set(
    "attack attacked ambush ambushed raid assault bombing airstrike massacre overran overrun "
    "stormed".split()
)
# what only armed forces have: "handed the base", "the end of French presence"
_MILITARY_OBJECTS = set(
    "presence base bases camp camps airfield garrison contingent contingents".split()
)
_FORCE_NOUNS = {"troops", "forces", "soldiers", "military", "contingent", "personnel"}
_LAND_WORDS = re.compile(r"\s+(?:capital|territory|soil|airspace)\b", _I)
_HERE = re.compile(r"\bhere\b", _I)


def _territories(doc: Doc, actors: list[dict]) -> list[dict]:
    """Return the countries a demonym names as a place: "the Ghanaian capital", "Malian soil"."""
    text = text_of(doc)
    found = []
    for a in actors:
        if a.get("actor_kind") == "state" and a.get("iso3") and _LAND_WORDS.match(text, a["end"]):
            found.append(
                {
                    "start": a["start"],
                    "end": a["end"],
                    "text": a["text"],
                    "iso3": a["iso3"],
                    "name": a["actor"],
                    "kind": "country",
                    "demonym": True,
                }
            )
    return found


def _struck(
    doc: Doc, trigger: Span, subjects: list[dict], triggers: list[tuple[str, Span]]
) -> list[dict]:
    """Return the subject state reacting "after" an attack, when it does not act itself."""
    doers = [p for p in subjects if p["end"] <= trigger.start_char and p.get("iso3")]
    if not doers or doers[-1].get("kind") != "country":
        return []
    doer = doers[-1]
    if any(
        k in _MILITARY and doer["end"] <= t.start_char < trigger.start_char for k, t in triggers
    ):
        return []  # "France intervened after an offensive": France acts, elsewhere
    between = text_of(doc)[doer["end"] : trigger.start_char]
    return [doer] if _AFTER.search(between) else []


_AFTER = re.compile(r"\b(?:after|following)\b", _I)


def _left_country(doc: Doc, trigger: Span, places: list[dict], actors: list[dict]) -> bool:
    """Return whether a withdrawal noun names the country left ("the departures from Mali").

    A state is left by a force, not by a person (no person or envoy in the sentence).
    """
    if trigger[0].lower_ not in _LEAVING_NOUNS or any(
        a.get("actor_kind") == "person" for a in actors
    ):
        return False
    lowers = lowers_of(doc)
    if any(lowers[j] in _ENVOYS for j in range(trigger.sent.start, trigger.sent.end)):
        return False
    text = text_of(doc)
    return any(
        p.get("kind") == "country"
        and text[trigger.end_char : p["start"]] in {" from ", " from the "}
        for p in places
    )


_ENVOYS = set(
    "ambassador ambassadors diplomat diplomats envoy envoys embassy minister president".split()
)
_LEAVING_NOUNS = set(
    "departure departures withdrawal withdrawals exit pullout pull-out drawdown".split()
)


def _person_before(trigger: Span, actors: list[dict]) -> bool:
    """Return whether a person goes: the nearest actor before, or a role just before.

    "Prime Minister Ali Lamine Zeine went to Tehran", "the president flew to Moscow".
    """
    before = [a for a in actors if a["end"] <= trigger.start_char]
    if before and before[-1].get("actor_kind") == "person":
        return True
    lowers = lowers_of(trigger.doc)
    first = max(trigger.sent.start, trigger.start - 6)
    return any(lowers[j] in _ROLES for j in range(first, trigger.start))


_ROLES = set(
    "president minister premier envoy leader secretary-general chancellor king delegation".split()
)


def _guarding(
    doc: Doc,
    trigger: Span,
    sent: Span,
    places: list[dict],
    subjects: list[dict],
    actor: dict | None,
) -> list[dict]:
    """Return the country of a state deploying at home.

    "along the border with" a neighbour, or "to its Upper East region", "in its north".
    """
    own = _OWN_REGION.match(text_of(doc), trigger.end_char, sent.end_char) is not None
    if not own and not any(
        p["start"] >= trigger.end_char and _beyond(doc, p) for p in records_in(places, sent)
    ):
        return []
    doers = [p for p in subjects if p["end"] <= trigger.start_char and p.get("iso3")]
    if doers:
        return [{"iso3": doers[-1]["iso3"], "name": doers[-1].get("name")}]
    if actor and actor.get("actor_kind") == "state" and actor.get("iso3"):
        return [{"iso3": actor["iso3"], "name": actor["actor"]}]
    return []


# "sent a few hundred soldiers to its Upper East region", "deployed troops in its far north"
_OWN_REGION = re.compile(
    r"(?: [\w'’,-]+){0,6}? (?:to|in|into|across|along) its (?:own )?(?:[\w'’-]+ ){0,3}?"
    r"(?:regions?|provinces?|north|south|east|west|borders?|frontiers?|territory|departments?)\b",
    _I,
)


def _nationals(doc: Doc, actors: list[dict]) -> set[str]:
    """Return the countries whose forces a sentence names: "French forces", "German soldiers".

    A force is not deployed to, nor withdrawn from, its own country. The host's forces named
    beside the foreign ones ("French and Malian troops", "alongside Malian soldiers") are
    not counted.
    """
    lowers = lowers_of(doc)
    found = set()
    for a in actors:
        if a.get("actor_kind") == "state" and a.get("iso3") and a["text"][:1].isupper():
            span = doc.char_span(a["start"], a["end"], alignment_mode="expand")
            if span is not None and span.start > 0 and lowers[span.start - 1] in _BESIDE:
                continue
            if span is not None and any(
                j < len(doc) and lowers[j] in _FORCE_NOUNS for j in (span.end, span.end + 1)
            ):
                found.add(a["iso3"])
    return found


_BESIDE = {"and", "alongside", "with", "by", "&"}
_PRESENCE = {"based", "stationed", "posted", "garrisoned"}


def _armies(doc: Doc, actors: list[dict]) -> set[str]:
    """Return the countries whose army a sentence names ("a Malian army column")."""
    lowers = lowers_of(doc)
    found = set()
    for a in actors:
        if a.get("actor_kind") == "state" and a.get("iso3"):
            span = doc.char_span(a["start"], a["end"], alignment_mode="expand")
            if span is not None and span.end < len(doc) and lowers[span.end] == "army":
                found.add(a["iso3"])
    return found


def _homes(doc: Doc, places: list[dict]) -> set[str]:
    """Return the countries soldiers go "home to" or "back to": their own."""
    text = text_of(doc)
    return {
        p.get("iso3") for p in places if _HOME_TO.search(text, max(0, p["start"] - 30), p["start"])
    } - {None}


_HOME_TO = re.compile(r"\b(?:home|back) to (?:[a-z]+ )?$")


def _parties(doc: Doc, places: list[dict]) -> set[str]:
    """Return the countries an accord is made "with" ("signed with Paris")."""
    text = text_of(doc)
    return {
        p.get("iso3")
        for p in places
        if text[max(0, p["start"] - 5) : p["start"]].lower() == "with "
    } - {None}


def _military_object(doc: Doc, trigger: Span) -> bool:
    lowers = lowers_of(doc)
    end = min(len(lowers), trigger.end + 6, trigger.sent.end)
    return any(lowers[j] in _MILITARY_OBJECTS for j in range(trigger.start, end))


# the UN Security Council sits at the UN headquarters in New York
_COUNCIL_SEAT = {"iso3": "USA", "name": "New York"}


def _council_seat(doc: Doc, trigger: Span, places: list[dict]) -> list[dict]:
    """Return where the Security Council sat: "in Addis Ababa" right after it, else New York."""
    text = text_of(doc)
    for p in places:
        if p["start"] >= trigger.end_char and p.get("iso3"):
            between = text[trigger.end_char : p["start"]].split()
            if between and between[-1] in {"in", "at"} and len(between) <= 3:
                return [p]
            break
    return [_COUNCIL_SEAT]


def _says_here(doc: Doc, trigger: Span) -> bool:
    """Return whether the clause of a trigger places it "here" (the dateline's place)."""
    text = text_of(doc)
    return _HERE.search(text, trigger.start_char, min(len(text), trigger.end_char + 40)) is not None


def _dateline_places(doc: Doc, places: list[dict]) -> list[dict]:
    end = _dateline_end(doc)
    return [p for p in places if p["start"] < end and p.get("iso3")] if end else []


def _moves_on(mentions: list[dict]) -> list[dict]:
    """Read a sentence's deployments against its withdrawals.

    A force that leaves one country and enters another ("leaves Gao ... and crosses into
    Niger") is redeployed; a deployment where the same sentence has it withdrawing ("a
    withdrawal that ... sent troops across the Sahel") is part of the withdrawal.
    """
    left = [m for m in mentions if m["type"] == "withdrawal"]
    if not left:
        return mentions
    kept = []
    for m in mentions:
        same = [w for w in left if _same_force(w, m)]
        if m["type"] == "deployment" and same:
            if any(w["location_iso3"] == m["location_iso3"] for w in same):
                if _dated_apart(m, same):
                    # "the end of Barkhane, ... a chapter that opened when French troops
                    # intervened in Mali in January 2013": the arrival long before
                    kept.append(m)
                continue
            m = {**m, "type": "redeployment"}
        kept.append(m)
    return kept


def _dated_apart(deployment: dict, withdrawals: list[dict]) -> bool:
    """Return whether a deployment is dated in another year than the withdrawals beside it."""
    year = (deployment["date"] or "")[:4]
    return year.isdigit() and all(
        (w["date"] or "")[:4].isdigit() and (w["date"] or "")[:4] != year for w in withdrawals
    )


def _same_force(withdrawal: dict, deployment: dict) -> bool:
    """Return whether two mentions of a sentence can be one force's moves.

    Not when both name different actors ("the United States completed its withdrawal,
    while Russian instructors arrived"), unless the deployment's actor is only the host
    the force leaves ("hands the base to the Malian army and crosses into Niger").
    """
    a, b = withdrawal["actor"], deployment["actor"]
    return (
        a is None
        or b is None
        or a == b
        or deployment.get("actor_iso3") == withdrawal["location_iso3"]
    )


_COUNTRY_LEVEL = {"coup", "election", "expulsion", "sanction", "agreement"}
# "the juntas in Mali, Burkina Faso and Niger expelled ...": a list before the trigger
_LISTED_BEFORE = {"expulsion", "sanction"}


def _beyond(doc: Doc, place: dict) -> bool:
    """Return whether a place is only a neighbour ("near the border with Burkina Faso").

    Every name of a list after "border with" is one ("a long border with Mali and Burkina
    Faso").
    """
    before = text_of(doc)[max(0, place["start"] - 60) : place["start"]]
    return _BORDER_WITH.search(before) is not None


_BORDER_WITH = re.compile(r"\b(?i:borders?|frontiers?) with (?:[A-Z][\w'’ -]*?(?:, | and | or ))*$")


def _acting(place: dict, actors: list[dict], doc: Doc | None = None) -> bool:
    """Return whether a place mention is also a state acting (a country as subject).

    Never after a preposition ("regrouping in Niger"); else when the actor list says so or
    (given ``doc``) when the name stands as a subject: first in its sentence or followed by
    a verb in the past or an auxiliary ("when France intervened", "Paris has decided").
    """
    if place.get("demonym"):
        return False
    text = text_of(doc) if doc is not None else ""
    if doc is not None and _AFTER_PREPOSITION.search(
        text, max(0, place["start"] - 24), place["start"]
    ):
        return False
    if any(a["start"] == place["start"] and a.get("actor_kind") == "state" for a in actors):
        return True
    if doc is None or place.get("kind") not in {"country", "city"}:
        return False
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    lowers = lowers_of(doc)
    if (
        span.start == span.sent.start
        and lowers[span.end] not in {"'s", "’s", ","}
        and place["start"] >= _dateline_end(doc)
        and not _dateline(place)
    ):
        return True  # "France on Thursday handed the camp ..."
    nxt = lowers[span.end]
    return (
        nxt in _AUXILIARIES
        or nxt in _IRREGULAR_PAST
        or nxt in _PRESENT_VERBS
        or (nxt.endswith("ed") and nxt not in _NOT_VERBS)
    )


def _relative_subject(doc: Doc, place: dict, trigger: Span) -> bool:
    """Return whether a place is the subject of the relative clause holding the trigger.

    "turned to Russia, which has sent a few hundred instructors".
    """
    m = _RELATIVE_SUBJECT.match(text_of(doc), place["end"])
    return m is not None and place["end"] < trigger.start_char <= m.end()


_RELATIVE_SUBJECT = re.compile(
    r",? (?:which|who) (?:has |had |have |is |was |will |would )?"
    r"(?=\w+ed\b|sent\b|took\b|brought\b|gave\b|made\b|kept\b|left\b|began\b|withdrew\b)"
)
# "in Niger", "in western Niger", "to neighbouring Niger"
_AFTER_PREPOSITION = re.compile(
    r"\b(?i:in|into|to|from|at|of|near|across|for|with) (?:[a-z]+(?:-[a-z]+)? )?$"
)
_AUXILIARIES = {"has", "had", "have", "is", "was", "will", "would", "said", "says", "must"}
_NOT_VERBS = {"red", "united", "armed"}
_IRREGULAR_PAST = set(
    "brought sent took left made kept gave told began withdrew sought won lost met held "
    "broke chose drew drove flew put set shut struck threw wrote".split()
)
# the present of news headlines and timelines: "Paris pledges reinforcements"
_PRESENT_VERBS = set(
    "announces pledges orders sends decides agrees signs asks demands ends expels declares "
    "confirms promises deploys withdraws hands closes tells rejects suspends".split()
)


def _main_country(doc: Doc, places: list[dict], actors: list[dict]) -> dict | None:
    """Return the country the article is about: the one its places fall in most often.

    Towns count for their country; a country named as a state acting ("Italy has cut
    its contingent") names who acts, not where, and does not count, nor does a neighbour
    across a border. A tie goes to the
    country named first.
    """
    counts: dict[str, int] = {}
    first: dict[str, dict] = {}
    for p in places:
        iso3 = p.get("iso3")
        if not iso3 or _acting(p, actors, doc) or _beyond(doc, p):
            continue
        counts[iso3] = counts.get(iso3, 0) + 1
        if iso3 not in first or (
            p.get("kind") == "country" and first[iso3].get("kind") != "country"
        ):
            first[iso3] = p
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])  # max keeps the first of equals
    place = first[best]
    if place.get("kind") == "country":
        return place
    return {"iso3": best, "name": None}


def _from_organisation(doc: Doc, trigger: Span, actors: list[dict]) -> bool:
    """'withdrawal from the West African bloc ECOWAS', 'leaving ECOWAS' are no military moves."""
    tail = text_of(doc)[trigger.end_char : trigger.end_char + 60]
    if any(
        a.get("actor_kind") == "organisation"
        and trigger.end_char < a["start"] <= trigger.end_char + 5
        for a in actors
    ):
        return True  # "after leaving ECOWAS", "quit the G5 Sahel"
    if not re.match(r"\s*from\b", tail):
        return False
    return (
        any(
            a.get("actor_kind") == "organisation"
            and trigger.end_char <= a["start"] <= trigger.end_char + 60
            for a in actors
        )
        or re.search(r"\b(bloc|organisation|organization|union|alliance)\b", tail) is not None
    )


def _junta_country(doc: Doc, junta: dict, main: dict | None) -> dict:
    """Return the country of a junta.

    "Mali's junta", "the junta in Niamey" say which; a bare "the junta" in an article is
    the junta of the country the article is about.
    """
    text = text_of(doc)
    after = _JUNTA_PLACE.match(text, junta["end"])
    places = facts_of(doc, "places")
    named = (after is not None and any(p["start"] == after.end() for p in places)) or any(
        0 <= junta["start"] - r["end"] <= 4  # "Burkina Faso's junta", "the Malian junta"
        for r in places + facts_of(doc, "actors")
        if r.get("iso3") and r is not junta
    )
    if junta["text"].lower() == "junta" and not named and main is not None:
        return main
    return {"iso3": junta["iso3"], "name": junta["actor"]}


_JUNTA_PLACE = re.compile(r" (?:in|of) ")


def _coup_locations(
    doc: Doc, trigger: Span, places: list[dict], actors: list[dict], main: dict | None
) -> list[dict]:
    """Return where a coup happens: 'coups in Mali, Chad and Burkina Faso', a junta's country."""
    countries = [p for p in places if p.get("kind") == "country"]
    listed = _locations(doc, "coup", trigger, countries)
    if listed and listed[0]["start"] > trigger.start_char:
        return listed
    juntas = [a for a in actors if "junta" in a["text"].lower() and a.get("iso3")]
    if juntas:
        return [_junta_country(doc, juntas[0], main)]
    text = text_of(doc)
    own = [  # "Niger's generals toppled President Bazoum": the plotters' country
        p
        for p in countries
        if p["end"] <= trigger.start_char and _PLOTTERS.match(text, p["end"], trigger.start_char)
    ]
    if own:
        return [own[-1]]
    located = [  # "its troop presence in Niger after the coup", "soldiers in Niamey"
        p
        for p in places
        if p.get("iso3")
        and p.get("kind") in {"country", "city"}
        and p["end"] <= trigger.start_char
        and text_of(doc)[max(0, p["start"] - 3) : p["start"]].lower() == "in "
    ]
    if located:
        return [located[-1]]
    # a country named before the trigger is as often the one reacting ("Nigeria condemned
    # the takeover") as the one where it happened: leave it to the article's main country
    return []


_PLOTTERS = re.compile(
    r"[’']s (?:[\w-]+ ){0,2}?(?:generals|soldiers|army|military|officers|colonels|guard|"
    r"mutineers)\b",
    _I,
)


def _triggers(sent: Span) -> list[tuple[str, Span]]:
    doc = sent.doc
    lowers = lowers_of(doc)
    cues = _cues(doc)
    cues = cues[bisect_left(cues, sent.start) : bisect_left(cues, sent.end)]
    if not cues:
        return []
    found: list[tuple[str, Span]] = []
    covered: set[int] = set()
    text = text_of(doc)[sent.start_char : sent.end_char]
    words = {lowers[i] for i in cues}
    for pattern, kind, keys in _PHRASES:
        if keys.isdisjoint(words):
            continue
        for m in pattern.finditer(text):
            begin, end = m.span("t") if "t" in pattern.groupindex else m.span()
            span = doc.char_span(
                sent.start_char + begin, sent.start_char + end, alignment_mode="contract"
            )
            if span is None or len(span) == 0 or covered.intersection(range(span.start, span.end)):
                continue  # an earlier phrase already reads these words
            if kind == "withdrawal" and span[0].lower_ in {"leave", "leaves", "leaving", "left"}:
                span = span[:1]
            covered.update(range(span.start, span.end))
            if not _denied(lowers, sent.start, span.start):
                found.append((kind, span))
    for i in cues:
        if i in covered or lowers[i] not in _TRIGGERS:
            continue
        kind = trigger_type(doc[i])
        if kind is None or _denied(lowers, sent.start, i, kind):
            continue
        if lowers[i] in _KILLING and _toll(doc, doc[i]):
            continue
        found.append((kind, doc[i : i + 1]))
    found.sort(key=lambda item: item[1].start)
    return found


_CUE_WORDS = frozenset(_TRIGGERS).union(*(keys for _, _, keys in _PHRASES))


def _cues(doc: Doc) -> list[int]:
    """Return the positions of the words a trigger or trigger phrase needs, once per Doc.

    Checked on the word list: Token objects are costly, and a sentence without any of
    these words is not searched at all.
    """
    cues = doc.user_data.get("sahel_event_cues")
    if cues is None:
        cues = doc.user_data["sahel_event_cues"] = [
            i for i, w in enumerate(lowers_of(doc)) if w in _CUE_WORDS
        ]
    return cues


def _denied(lowers: list[str], first: int, i: int, kind: str = "") -> bool:
    """Return whether the clause before token ``i`` negates or suspends it.

    "has not suffered a major attack", "if the junta expels them"; an agreement "under" which
    something is done ("invited under a state-to-state agreement") is no new agreement.
    """
    for j in range(i - 1, max(first, i - 8) - 1, -1):
        word = lowers[j]
        if word in _CLAUSE_BREAK:
            return False
        if word in _NEGATORS or (kind == "agreement" and word == "under"):
            return True
        if word in _ESCAPED and _PERFECT.intersection(lowers[max(first, j - 3) : j]):
            return True
    return False


def _locations(doc: Doc, kind: str, trigger: Span, places: list[dict]) -> list[dict]:
    """Places the event happens at: a prepositional phrase or list after it, else before.

    A place beyond a clause break ("... ordered to leave in late August but Paris refused")
    belongs to another clause. The host that agrees "to host" forces is named before it.
    """
    preps = _PREPOSITIONS.get(kind, {"in", "of", "at", "from", "across", "near", "outside"})
    head = trigger[0].lower_
    if head in _VISITS:
        preps = preps | {"to"}  # "a visit to N'Djamena"
    after = [p for p in places if p["start"] >= trigger.end_char and p.get("iso3")]
    if after and head not in {"host", "hosting"}:
        first = after[0]
        gap = doc.char_span(trigger.end_char, first["start"], alignment_mode="expand")
        words = [t.lower_ for t in gap] if gap is not None else []
        if len(trigger) > 1:
            words.insert(0, trigger[-1].lower_)  # "moved to", "crossed the border into"
        direct = (kind in {"withdrawal", "sanction"} or head in _VISITS or head in _ENTERS) and set(
            words
        ) <= _DETERMINERS
        # words, not punctuation, measure the distance ("the three-border area, and")
        n = sum(w[:1].isalnum() for w in words)
        withdrawn_from = kind == "withdrawal" and "from" in words and n <= 16
        if not _BREAKS.intersection(words) and (
            direct or withdrawn_from or (n <= 12 and _governs(words[-4:], preps))
        ):
            return _listed(doc, after)
    dateline = _dateline_end(doc)
    before = [
        p
        for p in places
        if p["end"] <= trigger.start_char
        and p.get("iso3")
        and p["start"] >= dateline
        and not _dateline(p)
    ]
    if kind == "withdrawal":  # "taken off for France": where they go, not what they leave
        text = text_of(doc)
        before = [
            p for p in before if not _TOWARDS.search(text, max(0, p["start"] - 9), p["start"])
        ]
    if kind == "meeting" and head not in _VISITS:
        # "the Pau summit", not "its base in Niamey ... until talks conclude"
        before = [p for p in before if trigger.start_char - p["end"] <= 2]
    if before and kind not in _LISTED_BEFORE:
        gap = doc.char_span(before[-1]["end"], trigger.start_char, alignment_mode="expand")
        words = {t.lower_ for t in gap} if gap is not None else set()
        breaks = _BREAKS | {"that"} if kind in _MILITARY else _BREAKS
        if kind in _SCENE:
            # "Speaking at the naval base in Toulon, Macron said ...": where a speaker is
            breaks = breaks | _SPEECH
        if breaks & words:
            return []
    if before:
        # "the juntas in Mali, Burkina Faso and Niger expelled ...": the whole list
        return (
            _listed(doc, before[::-1], backwards=True) if kind in _LISTED_BEFORE else [before[-1]]
        )
    return []


_TOWARDS = re.compile(r"\b(?:to|for|towards|into) $")
_ENTERS = {"enter", "entered", "enters", "entering"}
_VISITS = {"visit", "visited", "travelled", "traveled", "travels", "travel", "went", "flew"}
_DETERMINERS = {"the", "its", "their"}
_BREAKS = {";", ":", "but", "—", "–"}
_SPEECH = {"said", "says", "told", "tells", "announced", "announces", "declared", "added"}
_DATELINE = re.compile(r"(?m)^[A-Z][\w'’ ./-]{1,40}(?:,[^\n—–]{0,40})?\s[—–]\s")


def _governs(words: list[str], preps: set[str]) -> bool:
    """Return whether one of ``preps`` among ``words`` leads to the place after them.

    "to the border area where", not "in 2022, accused" (the phrase closed at the comma).
    """
    for j in range(len(words) - 1, -1, -1):
        if words[j] in preps:
            return True
        if words[j] in {",", ";", "("}:
            return False
    return False


def _dateline_end(doc: Doc) -> int:
    """Return where the dateline ("TOULON, France, Nov 9 (Sahel Wire) —") ends, or 0."""
    end = doc.user_data.get("sahel_dateline_end")
    if end is None:
        m = _DATELINE.search(text_of(doc)[:400])
        end = doc.user_data["sahel_dateline_end"] = m.end() if m else 0
    return end


def _listed(doc: Doc, places: list[dict], backwards: bool = False) -> list[dict]:
    """Return the first place and those coordinated with it ("Mali, Chad and Burkina Faso")."""
    chosen = [places[0]]
    for nxt in places[1:]:
        a, b = (nxt, chosen[-1]) if backwards else (chosen[-1], nxt)
        between = doc.char_span(a["end"], b["start"], alignment_mode="expand")
        if between is None or not all(_glue(doc, t) for t in between):
            break
        words = {t.lower_ for t in between}
        if words & _LIST_PREPOSITIONS and not words & {"and", "or", ","}:
            break  # "from Mali to Niger" is no list
        chosen.append(nxt)
    return chosen[::-1] if backwards else chosen


def _glue(doc: Doc, token: Token) -> bool:
    """Return whether a word can stand between the items of a list of places.

    Besides commas and conjunctions, a date may be inserted ("to Burkina Faso in January
    and to Niger in April", "Niger and, since January, Chad").
    """
    if token.lower_ in _LIST_GLUE or token.is_space:
        return True
    if token.lower_ in _LIST_PREPOSITIONS:
        return True
    return any(t["start"] <= token.idx < t["end"] for t in facts_of(doc, "timexes"))


_LIST_PREPOSITIONS = {"to", "in", "into", "from", "since", "then"}


def _dateline(place: dict) -> bool:
    """Return whether a place in capitals ("LONDON, Nov 14 —") is the dateline."""
    text = place.get("text") or ""
    return len(text) > 3 and text.isupper()


def _actor(
    doc: Doc, kind: str, trigger: Span, actors: list[dict], locations: list[dict]
) -> dict | None:
    if kind in {"coup", "meeting"}:
        return None
    located = {p.get("iso3") for p in locations}
    candidates = [a for a in actors if a.get("actor_kind") != "person"]
    if trigger[0].lower_ in {"host", "hosting"}:
        # "Niger agreed to host the European forces": the guests move, not the host
        guests = [a for a in candidates if a["start"] >= trigger.end_char]
        return guests[0] if guests else None
    if kind not in {"election", "sanction", "expulsion", "agreement"}:
        candidates = [a for a in candidates if a.get("iso3") not in located or not a.get("iso3")]
    # passive: "was joined in 2020 by a force of European allies"
    after_by = [a for a in candidates if a["start"] >= trigger.end_char]
    if after_by:
        gap = doc.char_span(trigger.end_char, after_by[0]["start"], alignment_mode="expand")
        if gap is not None and any(t.lower_ == "by" for t in gap) and len(gap) <= 12:
            return after_by[0]
    before = [a for a in candidates if a["end"] <= trigger.start_char]
    return before[-1] if before else None


def _nearest(trigger: Span, timexes: list[dict]) -> dict | None:
    if not timexes:
        return None

    def distance(t: dict) -> int:
        if t["start"] >= trigger.end_char:
            return t["start"] - trigger.end_char
        return (trigger.start_char - t["end"]) + 10  # prefer what follows the trigger

    return min(timexes, key=distance)


def _merge(mentions: list[dict]) -> list[dict]:
    merged: dict[tuple[str, str | None], dict] = {}
    for m in mentions:
        key = (m["type"], m["location_iso3"])
        if m["location_iso3"] is None:
            same = [
                e
                for (kind, _), e in merged.items()
                if kind == m["type"] and (e["actor"] == m["actor"] or m["actor"] is None)
            ]
            if same:
                _fill(same[0], m)
            continue  # an event nowhere is not counted on its own
        if key in merged:
            _fill(merged[key], m)
        else:
            merged[key] = dict(m)
    return list(merged.values())


def _fill(event: dict, other: dict) -> None:
    for field in ("actor", "date", "location"):
        if event.get(field) is None and other.get(field) is not None:
            event[field] = other[field]
