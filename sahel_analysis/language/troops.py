"""Troop strengths: how many soldiers a force has, whose they are and where they are.

Two layers:

:func:`parse_quantity`
    Reads an English number phrase ("2,400", "about 5,100", "nearly 3,000",
    "several hundred", "between 1,000 and 1,500", "two thousand", "a 5,100-strong")
    into a :class:`Quantity` with the ranges of DESIGN.md ("Ranges for vague figures").
``sahel_troops`` (:class:`TroopRecognizer`)
    Finds quantities that count a military force ("2,400 French troops",
    "a several hundred-strong force", "the force of 13,000") and records them in the
    ``troops`` fact table with the owning actor and the country where the force is.
    It reads the ``actors`` and ``places`` records of earlier components, so it must
    run after them.

Ranges
------
======================================  ==================  ===========
phrase                                  low .. high         qualifier
======================================  ==================  ===========
2,400 / 2,400-strong / two thousand     N .. N              exact
about / around / some / roughly N       ceil(.9N) .. .1.1N  about
nearly / almost / close to N            ceil(.9N) .. N-1    about
more than / over / upwards of N         N+1 .. None         more_than
at least / no fewer than N              N .. None           at_least
up to / as many as N                    None .. N           up_to
fewer than / less than / under N        None .. N-1         up_to
between N and M / N to M / N-M          N .. M              vague
several hundred / hundreds of           200 .. 900          vague
a few hundred                           200 .. 500          vague
several thousand / thousands of         2000 .. 9000        vague
a few thousand                          2000 .. 5000        vague
tens of thousands of                    20000 .. 90000      vague
several dozen / a few dozen / dozens    24..108 / 24..60 /  vague
                                        24..99
a handful of                            2 .. 9              vague
======================================  ==================  ===========

``value`` is the stated figure and is null for vague phrases and ranges.

Besides "N <force noun>" and "<force noun> of N", the component reads "65 of its
soldiers", "a reinforcement of 600", "the contingent numbered 5,100", "the American
presence in the country numbered about 1,100", "The Chadian
contingent, 1,400 strong",
"raising its strength from 4,500", "the Takuba
task force, who number several hundred", the answer to a question ("How many French
soldiers were there? About 600") and bare figures that continue a troop figure: a
change of that force in the same or the next sentence ("... 3,500 soldiers, and the
number should peak at around 4,000", "with permission to go up to 250", "Paris plans
to bring that down to 2,500"), "200 more" / "another 200" ("with 200 more
announced") or a part of it ("Around 100 of them left", "the last 300 are due to
leave"). Those take the actor and location of the figure they continue, unless they
name their own place ("Moscow sent another 100 to Burkina Faso"); an offer after a
figure ("..., while Senegal offered 850") is attributed on its own. In a list of
contributors after a force word ("the force drew on Estonia (95), the Czech Republic
(60) and Sweden (150)") each figure belongs to the country named before it; in a list
of hosts ("its garrisons in Senegal (350), Côte d'Ivoire (600)") each figure is placed
in the country named before it. Parts are read too: "1,500 of them in Niger and 1,000
in Chad" (placed parts of the same force), "12,000 peacekeepers, including 1,400 from
Chad" (the part belongs to Chad, where the whole is), "down from a peak of 5,100".
Figures may be qualified after the number ("3,000 or so", "500 or more"), compounded
("a 1,000-man battalion", "the 1,100-person presence") or named by a verb ("35,000 will
serve in their communes", "roughly 1,000 will remain in Niger").

A state that opens a clause and acts owns its figure even where the actors component
recorded no actor ("Chad alone kept a contingent of about 1,400", "Nigeria provides
the largest contingent", "Abidjan has since stationed", "Germany to keep 1,400
soldiers"). Several subjects listed together ("Egypt, Bangladesh and Jordan sent another
3,000 between them") count for the multinational force named before, or for no one;
with "each" ("Burkina Faso, Niger and Guinea each maintained a battalion of 600") every
one of them gets the figure.

Attribution rules of the component
----------------------------------
Actor (from ``actors`` records, persons skipped), first that applies:

1. an actor mention inside the span ("2,400 *French* troops"); when that mention is
   only the force noun ("1,400 *peacekeepers*") and a state stands right before it,
   the state ("*Chad* already has some 1,400 peacekeepers"); "*Russian* mercenaries"
   are the private company of that country the article names (Wagner Group);
2. an actor right after it, joined by "of" / "belonging to"
   ("a several hundred-strong force of *European allies*");
3. the nearest actor before it in the same sentence ("*France*'s 1,500 troops",
   "A *French* contingent of 2,400 troops"), skipping an actor that hosts the force
   ("Chad hosted 1,000 French soldiers"), a country that is a place there ("in Mali",
   "the *Chadian* capital"), a partner ("alongside the French", "supported the French
   with 100 crew"), a leader ("under French command"), a part ("about half of them
   French") and, unless it stands next to the span, a state whose country is the
   location. When a clause between commas follows the subject ("*Tallinn*'s
   commitment, split between ... the French base, stands at about 95 soldiers"), the
   subject, not an actor in the clause. Who leads or authorises a force does not own
   it ("the French-led operation", "authorised by the African Union"), nor does the
   mission it serves with ("another 300 serve with the EU training mission"). When no
   usable actor stands within 30
   characters before it and the troops are drawn from several countries ("commandos
   from countries including Estonia and Sweden", "battalions provided by the member
   states"), the last multinational force or organisation named before (an actor with
   no country: Takuba, the G5 Sahel);
4. the nearest actor after it in the same sentence, with the same skips and not one of
   several contributors ("5,000 troops from Nigeria, Senegal and Benin");
5. the country's own force when "the army" / "the government" acts in a sentence that
   places the figure ("In Benin, ... the army has deployed about 3,000 troops in the
   north"); else the actor of a troop figure in the previous two sentences ("Germany had 1,100
   troops. The mandate allowed up to 1,400."), else the first actor of the previous
   sentence (its likely topic), else the actor of the last troop figure in the
   article, else the country where the force is (its own army: "Some 3,000 soldiers
   are deployed along the northern border"). These cost confidence.

Location (``location_iso3``, from ``places`` records with an ISO3), first that applies:

1. none at all when the sentence spreads the force over several countries ("spread
   across five countries", "in the region", "deployed to Niger and Chad");
2. a place after the span, introduced by a location word ("in", "to", "from", "at",
   "out of", "leave"...), perhaps with a direction ("in northern *Mali*"), in a short
   phrase with no clause break ("based in *Mali*", "stationed at *Air Base 201*",
   "ordered out of *Burkina Faso*"), but not where a force is sent or drawn from
   ("sent 2,000 soldiers north from Niger", "commandos from Estonia, the Czech
   Republic and Sweden"); "there" -> the last place before the span; "along *its*
   eastern border", "to its Upper East region" -> the actor's own country; "in the
   north" -> the last country named in this or the previous sentence; a national army
   ("Mali's army, estimated at 40,000") is at home;
3. a place or state that hosts the force ("*Chad* hosted 1,000 French soldiers",
   "*Niger*, where France has 1,000 troops", "*Djibouti*, with 1,500 French troops");
4. the location of the previous troop figure in the same sentence ("A French
   contingent of 2,400 troops based in Mali was joined by a several hundred-strong
   force" -> both in Mali; "5,000 troops across the region after a reinforcement of
   600" -> neither in one country);
5. the nearest place in the sentence introduced by a location word, not listed with
   other places, not where a source sits ("officials in Paris") and not the actor's
   home country; none when that is a region of several countries ("in the Sahel");
6. where the next sentence puts the force when it starts by naming it again ("Chad will
   deploy 1,200 soldiers. The battalion is to be based in western *Niger*."), else the
   last location given for the same actor earlier in the article;
7. the force's home when the article names it more than any other country ("One
   thousand Malian soldiers" in an article about Mali); else the country the article
   names most often (at least twice) that is not the force's home, when one clearly
   leads ("France hands its Abidjan base to Côte d'Ivoire"), else the Sahel country
   (MLI, NER, BFA, TCD, MRT) it names most often; "to the tri-border area" with no
   place named is no one country. Rules 4-7 cost confidence.

A figure for an operation that covers several countries as a whole ("Barkhane's
strength reaches about 5,100 soldiers", a joint force) has no location unless rule 2
or 3 gives one.

Confidence starts at 0.9 for an exact figure (0.85 approximate, 0.8 vague or open)
and drops for collective or ambiguous nouns ("force", "men", "fighters"), an actor
found far from the span or outside the sentence, and an inferred location.
``unit`` is the force noun as written, lower-cased ("troops", "peacekeepers",
"force"); ``as_of`` is left null (dating a figure is the events' job).

Not troop strengths: money, percentages, years, ages, durations, vehicle or aircraft
counts, civilians, insurgents ("JNIM fighters"), detainees ("49 of its soldiers were
arrested"), casualties ("30 soldiers were
killed", "killed 30 soldiers", "killed 84 fighters and 47 soldiers", "28 of our
soldiers fell", "the deaths of 13 soldiers") and trainees ("trained 15,000
soldiers", "15,000 soldiers passed through its courses"); the words before a figure
are read only back to the start of its sentence.

Examples
--------
>>> parse_quantity("nearly 3,000")
Quantity(value=3000, low=2700, high=2999, qualifier='about')
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from sahel_analysis.language.extensions import add_fact, facts_of, sentences_of, text_of

__all__ = ["Quantity", "TroopRecognizer", "parse_quantity"]


@dataclass(frozen=True)
class Quantity:
    """A parsed number phrase.

    Parameters
    ----------
    value : int, float or None
        The stated figure; None for vague phrases ("several hundred") and ranges.
    low : int, float or None
        Lower bound; None when unknown ("up to 500").
    high : int, float or None
        Upper bound; None when open-ended ("more than 1,000").
    qualifier : str
        ``exact``, ``about``, ``more_than``, ``at_least``, ``up_to`` or ``vague``.
    """

    value: int | float | None
    low: int | float | None
    high: int | float | None
    qualifier: str


# --------------------------------------------------------------------------- words
_UNIT_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TEN_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS)}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(_TEN_WORDS)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}

_NUMBER_WORDS = sorted([*_UNITS, *_TENS, *_SCALES, "dozen"], key=len, reverse=True)
_WORD = r"(?:" + "|".join(_NUMBER_WORDS) + r")\b"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|dozen)\b"
_WORDS = (
    rf"(?:a\s+(?={_SCALE_WORD}))?{_WORD}"
    rf"(?:(?:\s+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+){_WORD}){{0,7}}"
)
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s*(?:million|billion|thousand|hundred|bn|m|k)\b)?(?!\w)"
)
_NUMBER = rf"(?:{_DIGITS}|{_WORDS})"

# Vague phrases -> (low, high). Keys are normalised (lower case, single spaces).
_VAGUE: dict[str, tuple[int, int]] = {
    "a handful of": (2, 9),
    "several dozen": (24, 108),
    "a few dozen": (24, 60),
    "a couple of dozen": (24, 36),
    "a couple dozen": (24, 36),
    "dozens of": (24, 99),
    "several hundred": (200, 900),
    "a few hundred": (200, 500),
    "a couple of hundred": (200, 300),
    "a couple hundred": (200, 300),
    "hundreds of": (200, 900),
    "several thousand": (2_000, 9_000),
    "a few thousand": (2_000, 5_000),
    "a couple of thousand": (2_000, 3_000),
    "a couple thousand": (2_000, 3_000),
    "thousands of": (2_000, 9_000),
    "tens of thousands of": (20_000, 90_000),
}
_VAGUE_RE = (
    r"(?:"
    + "|".join(k.replace(" ", r"\s+") + r"\b" for k in sorted(_VAGUE, key=len, reverse=True))
    + r")"
)

# Qualifier prefixes -> qualifier rule.
_PREFIXES: dict[str, str] = {
    **dict.fromkeys(
        [
            "about",
            "around",
            "some",
            "roughly",
            "approximately",
            "approx.",
            "an estimated",
            "estimated",
            "circa",
            "an approximate",
            "a total of about",
            "perhaps",
            "possibly",
            "probably",
        ],
        "about",
    ),
    **dict.fromkeys(
        ["nearly", "almost", "close to", "just under", "just shy of", "just below"], "nearly"
    ),
    **dict.fromkeys(
        [
            "more than",
            "over",
            "upwards of",
            "in excess of",
            "just over",
            "well over",
            "well above",
            "above",
            "over than",
        ],
        "more_than",
    ),
    **dict.fromkeys(
        ["at least", "no fewer than", "no less than", "a minimum of", "not less than"],
        "at_least",
    ),
    **dict.fromkeys(["up to", "as many as", "a maximum of", "as much as"], "up_to"),
    **dict.fromkeys(["fewer than", "less than", "under", "below", "not more than"], "below"),
}
_PREFIX_RE = (
    r"(?:(?:"
    + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") + r"\s+"
        for k in sorted(_PREFIXES, key=len, reverse=True)
    )
    + r"))"
)
_RANGE = (
    rf"(?:between\s+{_NUMBER}\s+and\s+{_NUMBER}"
    rf"|{_NUMBER}\s*(?:-|–|—|\bto\b)\s*{_NUMBER})"
)
# "5,100-strong", "a 1,000-man battalion", "the 1,100-person presence"
_STRONG = r"(?:[-‑\s]strong\b|[-‑](?:man|person|member|troop|soldier)\b)"
# "3,000 or so" (about), "500 or more" (at least)
_APPROX_SUFFIX = r"(?:\s+or\s+(?:so|more)\b)"
_QUANTITY = rf"(?i:{_PREFIX_RE}?(?:{_VAGUE_RE}|{_RANGE}|{_NUMBER}{_APPROX_SUFFIX}?))"

_PREFIX_START = re.compile(rf"(?i){_PREFIX_RE}")
_RANGE_FULL = re.compile(
    rf"(?i)(?:between\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})"
    rf"|(?P<c>{_NUMBER})\s*(?:-|–|—|\bto\b)\s*(?P<d>{_NUMBER}))"
)
_DIGITS_FULL = re.compile(
    r"(?P<num>[\d., \u00a0\u202f]+?)\s*(?P<scale>million|billion|thousand|hundred|bn|m|k)?",
    re.IGNORECASE,
)
_QUANTITY_FULL = re.compile(rf"{_QUANTITY}(?:{_STRONG})?(?:\s+of)?", re.IGNORECASE)


def _spelled(text: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words and words[0] == "a":
        words = words[1:]
    if not words:
        return None
    total = current = 0
    seen = False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _number(text: str) -> int | float | None:
    """Read one number ("2,400", "1.5 million", "two thousand") or return None."""
    text = text.strip()
    if not text:
        return None
    if not text[0].isdigit():
        return _spelled(text)
    m = _DIGITS_FULL.fullmatch(text)
    if not m:
        return None
    raw = re.sub(r"[, \u00a0\u202f]", "", m["num"])
    try:
        number: float = float(raw) if "." in raw else int(raw)
    except ValueError:
        return None
    scale = m["scale"]
    if scale:
        scale = scale.lower()
        number = number * _SCALES.get(scale, _SUFFIX_SCALES.get(scale, 1))
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def _has_scale_word(text: str) -> int | None:
    m = re.search(r"(hundred|thousand|million|billion)\s*$", text, re.IGNORECASE)
    return _SCALES[m[1].lower()] if m else None


def _range(text: str) -> Quantity | None:
    m = _RANGE_FULL.fullmatch(text)
    if not m:
        return None
    first, second = (m["a"], m["b"]) if m["a"] is not None else (m["c"], m["d"])
    low, high = _number(first), _number(second)
    if low is None or high is None:
        return None
    scale = _has_scale_word(second)
    if scale and not _has_scale_word(first) and low * scale <= high:
        low = low * scale  # "two to three thousand"
    if low > high:
        low, high = high, low
    return Quantity(None, low, high, "vague")


def _apply(rule: str | None, n: int | float) -> Quantity:
    exact = isinstance(n, int)
    if rule is None:
        return Quantity(n, n, n, "exact")
    if rule == "about":
        if exact:
            return Quantity(n, math.ceil(n * 9 / 10), n * 11 // 10, "about")
        return Quantity(n, round(n * 0.9, 6), round(n * 1.1, 6), "about")
    if rule == "nearly":
        if exact:
            return Quantity(n, math.ceil(n * 9 / 10), max(n - 1, 0), "about")
        return Quantity(n, round(n * 0.9, 6), n, "about")
    if rule == "more_than":
        return Quantity(n, n + 1 if exact else n, None, "more_than")
    if rule == "at_least":
        return Quantity(n, n, None, "at_least")
    if rule == "up_to":
        return Quantity(n, None, n, "up_to")
    return Quantity(n, None, max(n - 1, 0) if exact else n, "up_to")  # "below"


def parse_quantity(text: str) -> Quantity | None:
    """Parse an English number phrase into a value, a range and a qualifier.

    Parameters
    ----------
    text : str
        The phrase alone, e.g. ``"about 5,100"``, ``"several hundred-strong"``,
        ``"between 1,000 and 1,500"``, ``"one hundred and fifty"``. A trailing
        ``-strong`` or ``of`` is allowed.

    Returns
    -------
    Quantity or None
        None when the whole phrase is not a number phrase.

    Examples
    --------
    >>> parse_quantity("2,400")
    Quantity(value=2400, low=2400, high=2400, qualifier='exact')
    >>> parse_quantity("about 5,100")
    Quantity(value=5100, low=4590, high=5610, qualifier='about')
    >>> parse_quantity("more than 1,000")
    Quantity(value=1000, low=1001, high=None, qualifier='more_than')
    >>> parse_quantity("several hundred-strong")
    Quantity(value=None, low=200, high=900, qualifier='vague')
    >>> parse_quantity("one hundred and fifty").value
    150
    >>> parse_quantity("troops") is None
    True
    """
    text = " ".join(text.replace("\u2011", "-").split())
    if not text or not _QUANTITY_FULL.fullmatch(text):
        return None
    text = re.sub(r"(?i)(?:[-\s]strong|-(?:man|person|member|troop|soldier))$", "", text)
    if text.lower() not in _VAGUE:
        text = re.sub(r"(?i)\s+of$", "", text)
    rule, rest = None, text
    suffix = re.search(r"(?i)\s+or\s+(so|more)$", text)
    if suffix:
        text = text[: suffix.start()]
        rule, rest = {"so": "about", "more": "at_least"}[suffix[1].lower()], text
    m = None if suffix else _PREFIX_START.match(text)
    if m and (_number(text[m.end() :]) is not None or _RANGE_FULL.fullmatch(text[m.end() :])):
        rule, rest = _PREFIXES[" ".join(m[0].lower().split())], text[m.end() :]
    elif m and text[m.end() :].lower() in _VAGUE:
        rest = text[m.end() :]
    key = rest.lower()
    if key in _VAGUE:
        low, high = _VAGUE[key]
        return Quantity(None, low, high, "vague")
    n = _number(rest)
    # "twenty-five" is a number, "1,000-1,500" a range
    quantity = _range(rest) if n is None else _apply(rule, n)
    if quantity is not None and max(quantity.low or 0, quantity.high or 0) > MAX_STRENGTH:
        return None  # no force is that large: a serial number, a phone number, noise
    return quantity


#: The largest figure read as a force strength (well above any army's size).
MAX_STRENGTH = 10_000_000


# ---------------------------------------------------------------------- component
_FORCE_NOUNS = [
    "troops", "soldiers", "personnel", "servicemen", "servicewomen", "service members",
    "servicemembers", "service personnel", "instructors", "trainers", "advisers", "advisors",
    "marines", "paratroopers", "legionnaires", "commandos", "forces", "peacekeepers",
    "blue helmets", "police officers", "policemen", "police", "gendarmes", "mercenaries",
    "fighters",
    "operatives", "airmen", "sailors", "infantrymen", "troopers", "officers", "men",
    "contractors", "crew", "crew members", "aircrew", "volunteers", "militiamen",
    "reservists", "recruits", "conscripts", "auxiliaries", "guardsmen", "rangers",
    "paramilitaries",
]  # fmt: skip
_COLLECTIVE_NOUNS = [
    "force", "contingent", "mission", "army", "battalion", "brigade", "detachment", "unit",
    "task force", "team", "deployment", "garrison", "corps", "presence", "operation",
    "troop", "soldier", "group", "contribution",
]  # fmt: skip
_MODIFIERS = [
    "special", "additional", "extra", "more", "other", "foreign", "international", "elite",
    "combat", "military", "armed", "allied", "regular", "army", "ground", "support", "air",
    "naval", "navy", "active", "active-duty", "reserve", "remaining", "new", "fresh",
    "former", "private", "western", "peacekeeping", "uniformed", "national", "rapid",
    "reaction", "security", "defence", "defense", "counter-terrorism", "counterterrorism",
    "expeditionary", "multinational", "european", "african", "russian", "french", "american",
    "un", "u.n.", "strong", "well-armed", "heavily", "armed", "trained", "deployed",
    "stationed", "based", "allied", "coalition", "partner", "member", "and", "or",
]  # fmt: skip
_INSURGENT = re.compile(
    r"(?i)\b(?:islamist|islamic|jihadist|jnim|isgs|iswap|boko|haram|qaeda|al-qaeda|aqim|"
    r"rebel|tuareg|militant|insurgent|terrorist|ansar|macina|daesh|isis|is-sahel)\b"
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_MOD = rf"(?:[A-Z][\w.'’\-]*|(?i:{_alternation(_MODIFIERS)})\b|,)"
_MODS = rf"(?:\s*{_MOD}){{0,4}}?"
# One more descriptive word right before the force noun ("reconnaissance troops",
# "infantry soldiers", "logistics personnel"), but not a function word, a casualty or a
# thing counted instead of people ("killed soldiers", "years of", "vehicles and troops").
_FREE_MOD = (
    r"(?:\s+(?!(?:with|from|into|than|that|this|these|those|were|have|been|their|them|"
    r"they|over|under|about|after|before|when|while|some|more|also|such|each|other|"
    r"killed|dead|wounded|injured|captured|missing|fallen|slain|detained|arrested|"
    r"kidnapped|abducted|unarmed|retired|child|civilian|displaced|years|months|weeks|"
    r"days|hours|vehicles|aircraft|people)\b)[a-z][a-z-]{3,}\b)?"
)
_FORWARD = re.compile(
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})"
    rf"(?:(?P<strong>{_STRONG})(?P<smods>{_MODS}){_FREE_MOD}\s*"
    rf"(?P<snoun>(?i:{_alternation(_FORCE_NOUNS + _COLLECTIVE_NOUNS)}))"
    rf"|(?P<poss>\s+of\s+(?i:its|their|his|her|our)\b)?(?P<mods>{_MODS}){_FREE_MOD}\s*"
    rf"(?P<noun>(?i:{_alternation(_FORCE_NOUNS)})))\b"
    r"(?P<also>(?i:\s+and\s+(?:police(?:\s+officers)?|gendarmes|civilian\s+staff)\b))?"
)
_BACKWARD_NOUNS = [
    "force", "forces", "contingent", "deployment", "garrison", "mission", "presence",
    "strength", "troops", "soldiers", "personnel", "army", "battalion", "detachment",
    "task force", "reinforcement", "reinforcements", "mercenaries", "contractors",
    "peacekeepers", "instructors", "servicemen", "gendarmes",
]  # fmt: skip
_NOT_TROOPS_AFTER = (
    r"(?![\w%]|\s*(?:%|per\s*cent|percent)"
    r"|\s+(?i:vehicles|aircraft|drones|helicopters|tanks|jets|planes|euros|dollars|km|"
    r"kilomet\w+|miles|tonnes|tons|people|civilians|refugees|years|days|hours)\b)"
)
_BACKWARD = re.compile(
    rf"(?P<noun>(?i:\b(?:{_alternation(_BACKWARD_NOUNS)})))"
    rf"(?i:(?:,\s*)?\s+(?:(?:then|now|currently|once|still)\s+)?"
    rf"(?:of|at|(?<=strength\s)from|"
    # "the American presence in the country numbered about 1,100"
    rf"(?:(?:in|at)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+)?"
    rf"(?:number(?:ing|ed|s)?|total(?:l?ing|l?ed|s)|stood\s+at|standing\s+at))\s+)"
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY}){_NOT_TROOPS_AFTER}"
)
# "The Chadian contingent, 1,400 strong, is based in Tessalit"
_STRONG_AFTER = re.compile(
    rf"(?P<noun>(?i:\b(?:{_alternation(_BACKWARD_NOUNS)})))"
    r"(?i:\s+(?:itself|alone|now|then|today|at\s+the\s+time))?\s*,?\s+"
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})(?i:[-\s]strong)\b"
)
# a force named before, then its strength: "Operation Barkhane, 4,500-strong at its launch"
_BARE_STRONG = re.compile(rf",\s+(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})(?i:[-\s]strong)\b(?P<noun>)")
# a force brought to a new size: "France to halve its Sahel force to 2,500"
_CUT_TO = re.compile(
    r"(?i:\b(?:cut|cuts|cutting|reduc\w+|halv\w+|trim\w*|bring\w*|brought|increas\w+|rais\w+|"
    r"boost\w*|doubl\w+|lower\w*|scal\w+\s+(?:back|down))\s+(?:[\w'’-]+\s+){0,3}?)"
    r"(?P<noun>(?i:force|forces|troops|contingent|presence|deployment|strength))"
    r"(?i:\s+(?:[\w'’-]+\s+){0,2}?to\s+)"
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY}){_NOT_TROOPS_AFTER}"
)
# a group of a force on the move: "the first group of about 100 left for Germany"
_GROUP_OF = re.compile(
    r"(?P<noun>(?i:\b(?:first|second|third|next|last|final|advance|initial)\s+group))\s+of\s+"
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})"
    r"(?=\s*[.,;:)]|\s+(?:left|arrived|landed|departed|flew|was|were|is|are|will|has|have|"
    r"had)\b)"
)
# A ceiling on a force's size, stated without a force noun ("the mandate allowed up to 1,400").
_CEILING = re.compile(
    r"(?P<noun>(?i:\b(?:mandate|ceiling|cap|troop\s+limit|authori[sz]ed\s+strength)"
    r"(?:\s+(?:allowed|allows|permitted|permits|authori[sz]ed|authori[sz]es|of|for|at|"
    r"was|is|set\s+at|stood\s+at|raised\s+to|lowered\s+to)){1,2}\s+))"
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|for|until|by)\b)"
)
# "Roughly 350 were deployed when ...", "about 1,000 remain stationed": the verb names the
# force when no noun does
_STATIONED = re.compile(
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})"
    r"(?P<noun>\s+(?:were|are|remain|remained|will\s+remain|will\s+stay|stay|stayed|"
    r"had\s+been|have\s+been)\s+(?:still\s+)?(?:deployed|stationed|based|on\s+the\s+ground)"
    r"|\s+(?:will\s+|would\s+|now\s+|still\s+)?(?:serve|serves|served|are\s+serving|"
    r"were\s+serving)\s+(?:in|at|on|with|alongside|along|under|as)\b"
    # "roughly 1,000 will remain in Niger", "500 stay behind"
    r"|\s+(?:will\s+|would\s+|are\s+to\s+|still\s+)?(?:remain|remains|remained|stay|stays|"
    r"stayed)\s+(?:(?:in|at)\s+(?:the\s+)?(?=[A-Z])|behind|in\s+the\s+country|in\s+place|"
    r"on\s+the\s+ground))"
)
# the words ``_STATIONED`` needs after its figure, found once per text
_STATION_VERBS = ("deployed", "stationed", "based", "ground", "serv", "remain", "stay")
# Every number phrase holds a digit or one of these words ("a handful of", "dozens of");
# matched in lower-cased text without \b so that the scan can skip ahead by first letter
_NUMBER_WORD = re.compile(
    "|".join(
        sorted(
            [*_UNIT_WORDS, *_TEN_WORDS, *_SCALES, "dozen", "dozens", "hundreds", "thousands",
             "millions", "handful"],
            key=len,
            reverse=True,
        )
    )
)  # fmt: skip
_DIGITS_RUN = re.compile(r"\d+")
_WORD_START = re.compile(r"\b\w")
# "the special forces of the Takuba task force, who number several hundred"
_NUMBERING = re.compile(
    rf"(?i)\b(?P<noun>{_alternation(_FORCE_NOUNS + _COLLECTIVE_NOUNS)})\b[^.;:]{{0,40}}?,?\s+"
    r"(?:who|which|that)\s+(?:now\s+|still\s+|currently\s+|then\s+)?number(?:s|ed)?\s+"
    rf"(?P<q>{_QUANTITY}){_NOT_TROOPS_AFTER}"
)
# Bare figures that continue a troop figure ("to peak at around 4,000", "200 more will follow")
_BARE = (
    r"(?=\s*(?:[.,;:)]|$)|\s+(?i:in|for|by|within|over|during|at|before|after|when|until|"
    r"from|on|if|once|as|and|or|later|soon|next|this|that|the|a|will|would|are|were|is|"
    r"between|among|"
    r"was|could|should|may|might|to|had|have|has|arrived|followed|came|joined|announced|"
    r"expected|planned|promised|pledged|due|scheduled|arriving|coming)\b)"
)
_CHANGE_VERB = (
    r"(?:go|goes|going|went|gone|rise|rises|rising|rose|risen|grow|grows|growing|grew|"
    r"grown|increase[sd]?|increasing|climb(?:s|ed|ing)?|peak(?:s|ed|ing)?|swell(?:s|ed|ing)?|"
    r"reach(?:es|ed|ing)?|fall(?:s|en|ing)?|fell|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|"
    r"shr(?:ink|inks|ank|unk|inking)|expand(?:s|ed|ing)?)"
)
_CHANGE = re.compile(
    rf"(?i:\b(?:{_CHANGE_VERB}(?:\s+(?:to|at))?"
    r"|(?:cut|cuts|cutting|reduc\w+|rais\w+|lower\w*|bring\w*|brought|increas\w+|trim\w*|"
    r"boost\w*)(?:\s+[\w']+){0,4}?\s+to)\s+)"  # "cut that number to 600"
    rf"(?P<q>{_QUANTITY}){_BARE}(?!\s+more\b)"
)
# a change names the force it changes: "the number", "that figure", "the contingent", "it"
_SAME_FORCE = re.compile(
    r"(?i)\b(?:number|numbers|figure|total|strength|force|forces|contingent|presence|"
    r"rotations?|"
    r"deployment|troops?|soldiers|personnel|permission|mandate|ceiling|it|that|this|them|"
    r"they)\b"
)
# where the force came from: "about 4,600 troops, down from a peak of 5,100 in 2020"
_FROM_EARLIER = re.compile(
    r"(?i:\b(?:down|up)\s+from\s+(?:a\s+(?:peak|high|maximum|low|total)\s+of\s+)?)"
    rf"(?P<q>{_QUANTITY}){_BARE}"
)
_ANOTHER = re.compile(rf"(?i:\banother\s+)(?P<q>{_QUANTITY}){_BARE}")
_MORE = re.compile(rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})\s+(?i:more){_BARE}")
# "Around 100 of them left in March", "the last 300 are due to leave", "Senegal offered 850"
_OF_THEM = re.compile(
    rf"(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})\s+(?i:of\s+(?:them|these|those|whom))\b"
)
_REST = re.compile(rf"(?i:\b(?:the\s+)?(?:last|remaining|final|other)\s+)(?P<q>{_QUANTITY}){_BARE}")
_OFFER = re.compile(
    r"(?i:\b(?:offered|pledged|promised|provided|contributed|committed)\s+)"
    rf"(?P<q>{_QUANTITY}){_BARE}"
)
#: (pattern, whether it is a change that must name the force)
# a part placed elsewhere: "1,500 of them in Niger and 1,000 in Chad"
_PART_IN = re.compile(
    rf"(?i:(?:,|\band|\bwhile|\bwith|\bincluding)\s+)(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})"
    r"(?=\s+(?:in|at)\s+(?:the\s+)?[A-Z])"
)
# a part sent by a contributor: "12,000 peacekeepers, including 1,400 from Chad and 900
# from Togo"
_FROM_PART = re.compile(
    rf"(?i:(?:including|among\s+them|,|\band)\s+)(?<![\w$€£¥.,/\-])(?P<q>{_QUANTITY})"
    r"(?=\s+from\s+(?:the\s+)?[A-Z])"
)
_FOLLOW_UPS = (
    (_CHANGE, True),
    (_FROM_EARLIER, False),
    (_ANOTHER, False),
    (_MORE, False),
    (_OF_THEM, False),
    (_REST, False),
    (_OFFER, False),
    (_PART_IN, False),
    (_FROM_PART, False),
)
#: Words one of which each follow-up pattern needs, before (False) or after (True) the
#: figure; a cheap test before running the pattern. None: always run it.
_FOLLOW_UP_CUES: dict[re.Pattern, tuple[tuple[bool, str], ...] | None] = {
    _CHANGE: None,
    _FROM_EARLIER: ((False, "from"),),
    _ANOTHER: ((False, "another"),),
    _MORE: ((True, "more"),),
    _OF_THEM: ((True, " of "),),
    _REST: tuple((False, w) for w in ("last", "remaining", "final", "other")),
    _OFFER: tuple(
        (False, w) for w in ("offer", "pledge", "promise", "provide", "contribute", "commit")
    ),
    _PART_IN: ((True, " in "), (True, " at ")),
    _FROM_PART: ((True, " from "),),
}
_YEAR_AT = re.compile(r"(?:19|20)\d\d\b")
_ANY_NUMBER = re.compile(
    r"\d|\b(?i:one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
    r"thirty|forty|fifty|hundred|thousand|several|dozens|hundreds|a\s+few)\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])")
_OTHER_COUNT = re.compile(
    r"(?i)\b(?:toll|cost|costs|budget|price|spending|deaths?|casualties|refugees|displaced|"
    r"civilians|people|rate|vehicles|aircraft|helicopters|drones|funding|aid|euros|dollars)\b"
)
_FOLLOW_WINDOW = 400
# The answer to a question about a force's size: "How many French soldiers were there?
# About 600 in recent years" (explainers, Q&As)
_HOW_MANY = re.compile(
    r"(?i)\bhow\s+many\b[^?.!]{0,60}?\b"
    rf"(?P<noun>{_alternation(_FORCE_NOUNS)})\b[^?.!]{{0,60}}\?\s+(?:A:\s*)?"
    rf"(?P<q>{_QUANTITY}){_NOT_TROOPS_AFTER}"
)
_COLLECTIVE_SET = {w.lower() for w in _COLLECTIVE_NOUNS}
_YEAR_LEAD = re.compile(
    r"(?i)\b(?:in|since|until|till|by|from|of|during|before|after|early|late|mid|year|"
    r"and|the|to|through|between|summer|spring|autumn|winter|january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\s*$"
)
_COORDINATION = re.compile(r"(?i)\s*(?:,|and|,\s*and|as\s+well\s+as|plus)\s*")
_CASUALTY_BEFORE = re.compile(
    r"(?i)\b(?:killed|killing|kill|kills|wounded|wounding|injured|injuring|kidnapped|"
    r"kidnapping|abducted|abducting|deaths?|bodies|lost|losing|loss|ambushed|massacred|"
    r"executed|captured|capturing|lives|slaying|casualties|funeral|mourn\w*|"
    r"hostages?|release of|freed|neutrali[sz]ed|neutrali[sz]ing|arrested|arresting|"
    r"eliminated|surrendered|detained|detaining)\b(?:\W+\w+){0,2}\W*$"
)
# the second count of a casualty list: "killed 84 Wagner fighters and 47 Malian soldiers"
_CASUALTY_LIST = re.compile(
    r"(?i)\b(?:killed|killing|wounded|wounding|injured|captured|capturing|kidnapped|"
    r"abducted|lost|losing|arrested|detained)\s+(?:\S+\s+){1,4}(?:and|,)\s*$"
)
_TRAINEES_BEFORE = re.compile(
    r"(?i)\b(?:trained|trains|training|train|graduated|educated)\s+"
    r"(?:(?:a\s+total\s+of|in\s+total|some|about|around|over|more\s+than|nearly)\s+)?$"
)
_CASUALTY_AFTER = re.compile(
    r"(?i)^\s*,?\s*(?:(?:who|that|which)\s+)?"
    r"(?:(?:were|was|are|have|has|had|been|being|reportedly|later|also|all|all\s+of\s+them)"
    r"\s+){0,3}(?:killed|died|dead|wounded|injured|kidnapped|abducted|captured|missing|"
    r"slain|executed|taken\s+hostage|lost\s+their\s+lives|perished|hurt|"
    # detainees are not a force: "49 of its soldiers were arrested at the airport"
    r"arrested|detained|jailed|imprisoned|taken\s+prisoner|held\s+(?:captive|hostage)|"
    r"fell\s+(?:while|in|during|on|at|as|defending|fighting)|"
    # trainees over the years are not a force: "15,000 soldiers passed through its courses"
    r"trained|graduated|passed\s+through|went\s+through)\b"
)
_MEN_LEAD = re.compile(
    r"(?i)\b(?:deploy\w*|sen[dt]\w*|dispatch\w*|station\w*|has|had|have|keeps?|kept|"
    r"maintain\w*|withdr\w*|pull\w*|mobili[sz]\w*|station|number(?:s|ed|ing)?|"
    r"with)\s*$"
    # "a group of several dozen men", "a force of 500 men"
    r"|\b(?:group|force|unit|band|contingent|team|column|detachment|company|platoon|squad|"
    r"battalion)\s+of\s*$"
    r"|\bof\s+(?:them|whom)\b[^.;:]{0,30},\s*$"  # "half of them home, around 600 men"
)
_HOST = re.compile(
    r"(?i)^\s*,?\s*where\b|\b(?:hosts?|hosted|hosting|welcomed|welcomes|received|receives|houses|housed|"
    r"(?:is|was|has\s+been)\s+home\s+to|agreed\s+to\s+host|to\s+host)\b"
)
_PLACE_CUE = re.compile(
    r"(?i)\b(?:in|to|into|at|from|inside|across|throughout|out\s+of|leave|left|leaving|"
    r"quit|quitting|enter|entered|entering|reach|reached|reaching)\s+(?:the\s+)?"
    r"(?:(?:far\s+)?(?:north|south|east|west|central|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+)?$"  # "in northern Mali", "to western Niger"
)
_ATTACHED = re.compile(
    r"(?i)^(?!.*[,;:()]|.*\b(?:after|before|when|while|which|who|since|its|their|his|her|"
    r"that|because|although|but)\b)\W*(?:\S+\s+){0,4}\S*\s*$"
)  # a short phrase with no clause boundary: "based in", "then deployed to"
_THERE = re.compile(r"(?i)^\W*(?:\w+\s+){0,3}?there\b")
_SPREAD = re.compile(
    r"(?i)^\W*(?:\w+\s+){0,3}?(?:across|throughout|in)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:countries|nations|states|region|sahel)\b"
)
_COORDINATED = re.compile(r"(?i)\s*(?:,|and|or|,\s*and)\s*")
# where three countries meet: "to the tri-border area", "in the three-border zone"
_TRI_BORDER = re.compile(
    r"(?i)^\W*(?:[\w-]+\s+){0,3}?(?:to|in|into|across|near)\s+the\s+"
    r"(?:tri-?border|three-?borders?|triple[- ]?border|liptako)\b"
)
# An actor after these is a partner or a part of the force, not its owner:
# "fight alongside the French", "supported the French with 100 crew", "half of them French"
_NOT_OWNER = re.compile(
    r"(?i)(?:\b(?:alongside|beside|together\s+with|supported|supporting|supports|helped|"
    r"helping|assisted|assisting|reinforced|reinforcing|relieved|relieving|replaced|"
    r"replacing)\s+(?:the\s+)?"
    # who authorises or pays for a force does not own it: "authorised by the African Union"
    r"|\b(?:authori[sz]ed|approved|mandated|endorsed|backed|funded|financed|paid|"
    r"requested|invited)\s+by\s+(?:the\s+)?"
    r"|\bof\s+(?:them|whom)\s+(?:(?:are|were|being)\s+)?"
    # the mission a force serves in: "another 300 serve with the EU training mission"
    r"|\bserv(?:e|es|ed|ing)\s+(?:with|in|under|alongside)\s+(?:the\s+)?)$"
)
# An inserted clause after the subject: "X, which ...", "X, split between ...", "X, a ..."
_INSERTED = re.compile(
    r"(?i)\s*(?:which|who|whose|that|where|a|an|the|its|their|\w+ed|\w+ing|\w+en|"
    r"split|set|led|run|long|once|now|still|already|itself|also|like)\b"
)
_FROM = re.compile(r"(?i)\bfrom\s+(?:the\s+)?$")
_ARMY_AFTER = re.compile(
    r"(?i)(?:'s|’s)?\s+(?:own\s+|national\s+|regular\s+)?(?:army|armed\s+forces|military|"
    r"defen[cs]e\s+forces|gendarmerie|national\s+guard)\b"
)
_HOST_WITH = re.compile(r"(?i)\s*,\s*(?:which\s+(?:has|had|hosts|still\s+has)|with)\s+(?:\w+\s+)?")
_CLAUSE_AFTER = re.compile(r"(?i),\s*(?:which|who|whom|whose|where|when|while|after)\b|;")
_FOR = re.compile(r"(?i)\bfor\s+(?:the\s+)?$")
_SERVES_WITH = re.compile(
    r"(?i)\b(?:serv(?:e|es|ed|ing)\s+(?:with|in|under|alongside|as\s+part\s+of)|alongside|"
    r"as\s+part\s+of|attached\s+to|seconded\s+to)\b"
)
_COUNT_FROM = re.compile(r"(?i)\d\s+(?:[a-z]+\s+){0,2}from\s+(?:the\s+)?$")
_SENDING = re.compile(
    r"(?i)\b(?:sen[dt]s?|sending|(?:re)?deploy(?:s|ed|ing)?|dispatch(?:es|ed|ing)?|"
    r"transferr?(?:s|ed|ing)?|mov(?:es|ed|ing))\s+$"
)
_LEAVING = re.compile(
    r"(?i)\b(?:withdr[ae]w\w*|pull\w*|evacuat\w+|remov\w+|repatriat\w+|"
    r"(?:bring\w*|brought)\s+(?:back|home|out)|fl[eyo]w\w*|recall\w*|departure\s+of|"
    r"exit\s+of|the\s+last)\b[^.;]*$"
)
# operations that cover several countries: their total strength is in none of them
_REGIONAL_FORCE = re.compile(
    r"(?i)\b(?:barkhane|joint\s+force|mnjtf|multinational\s+joint\s+task\s+force|"
    r"(?:sahel|sahelian|west\s+african|regional)\s+(?:force|forces|operations?|presence))\b"
)
_COMMAND = re.compile(r"(?i)\s+(?:command|leadership)\b")
_LED = re.compile(r"(?i)-(?:led|backed|run|funded|sponsored|commanded|organi[sz]ed)\b")
_UNDER = re.compile(r"(?i)\bunder\s+(?:the\s+)?$")
_FROM_SEVERAL = re.compile(
    r"(?i)(?:\s+from\s+(?:(?:(?P<word>(?:\w+\s+){0,2}(?:countries|nations|states|contributors))\b)"
    r"|(?=[^.;]*(?:,|\band\b)))"
    # "5,000 soldiers, organised in battalions provided by the member states"
    r"|[^.;]{0,60}?\b(?:provided|contributed|supplied|drawn|sent)\s+(?:by|from)\s+"
    r"(?:the\s+|its\s+)?(?P<members>member\s+(?:states|countries|nations)))"
)
_LISTED_FROM = re.compile(r"(?i)\s*from\b[^.;]*(?:,|\band\b)[^.;]*$")
_FROM_FIRST = re.compile(r"(?i)\s*from\s+(?:the\s+)?$")
_LIST_GOES_ON = re.compile(r"(?i)\s*(?:,|and\b)")
# contributors' figures in a list: "Estonia (95), the Czech Republic (60) and Sweden (150)"
_LISTED = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]*(?:\s+(?:[a-z]{1,2}['’])?[A-Z][\w'’.-]*){0,3})\s+"  # Côte d'Ivoire
    r"\((?P<q>\d{1,3}(?:,\d{3})+|\d+)\)"
)
_LIST_JOINT = re.compile(r"\s*(?:,|;|,?\s+and)\s+(?:the\s+)?")
_FORCE_WORD = re.compile(
    r"(?i)\b(?:force|forces|troops|soldiers|contingents?|personnel|contribut\w+|"
    r"deploy\w*|peacekeepers|task\s+force|mission)\b"
)
# a sentence that starts by naming the force again: "The battalion ...", "These troops ..."
_FORCE_AGAIN = re.compile(
    r"\s*(?:(?:The|These|Those|This|Its|Their)\s+(?:[\w-]+\s+)?"
    r"(?:troops|soldiers|force|forces|contingent|battalion|unit|detachment|personnel|"
    r"deployment|brigade|mission|peacekeepers|instructors)\b|(?:They|All|Most)\b)"
)
_HIRED = frozenset({"mercenaries", "contractors", "operatives", "paramilitaries"})
_OWN_BORDER = re.compile(
    r"(?i)^[^.;]{0,60}?\b(?:along|on|at|near|to|into|in|across|inside|within)\s+(?:its|their)\s+"
    r"(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:border|borders|frontier|territory|soil|"
    # "to its Upper East region", "in their northern provinces"
    r"regions?|provinces?|districts?|north|south|east|west)\b"
)
# "in the north", "to the far east": a part of the country the text is already in
_BARE_DIRECTION = re.compile(
    r"(?i)^\W*(?:[\w-]+\s+){0,3}?(?:in|to|into|across|throughout)\s+the\s+(?:far\s+)?"
    r"(?:north|south|east|west|centre|center|north-?east|north-?west|south-?east|south-?west)"
    r"\b(?!\s+of\b|-?\w)"
)
# a force with no owner named that is the country's own: "the army has deployed 3,000"
_OWN_FORCE = re.compile(
    r"(?i)\b(?:the|its|the\s+country's|the\s+national)\s+(?:army|military|armed\s+forces|"
    r"government|authorities|defence\s+forces|defense\s+forces)\b"
)
# a country or capital that opens a clause and acts: "Chad alone kept", "Nigeria provides",
# "Abidjan has since stationed", "Burkina Faso, Niger and Guinea each maintained"
_CLAUSE_OPEN = re.compile(r"(?:^|[;:]|\b(?:and|but|while|whereas)|,)\s*$")
_ACTS_AFTER = re.compile(
    r"(?:'s|’s|\s*,\s*(?:whose|which|who)\b"
    r"|(?:\s*,\s*(?:the\s+)?[A-Z][\w'’ -]*?)*(?:\s*,?\s+and\s+(?:the\s+)?[A-Z][\w'’ -]*?)?"
    r"(?:\s*,\s*[^,.;:]{1,40}?,)?"  # "Jordan, from outside the continent, sent"
    r"\s+(?:to\s+(?=[a-z]{3,}))?"  # headlines: "Germany to keep 1,400 soldiers in Mali"
    r"(?:(?:alone|also|too|itself|each|both|already|now|still|then|since|\w+ly)\s+){0,2}"
    r"(?!(?:in|of|to|from|at|on|and|or|with|for|by|as|is|was|border|borders|capital|army|"
    r"region|government)\b)[a-z]{3,})"
)
_EACH = re.compile(r"(?i)\s+each\b")
_BROAD_REGION = re.compile(
    r"(?i)\b(?:sahel|sahara|africa|maghreb|europe|middle\s+east|lake\s+chad)"
)
_PLACE_NOUN = re.compile(
    r"(?i)\s+(?:capital|border|borders|frontier|city|town|territory|soil|desert|coast|"
    r"airspace|camp|base|compound|headquarters)\b"  # "over the former UN camp"
)
_ACTOR_AFTER_CUE = re.compile(r"(?i)^\s*(?:of|belonging\s+to)\s+(?:the\s+)?$")
_PLACE_WINDOW = 90
_HOST_WINDOW = 60


@dataclass
class _Hit:
    start: int
    end: int
    qstart: int
    qend: int
    quantity: Quantity
    unit: str
    vague_noun: bool
    follows: bool = False  # a bare figure that continues the previous one ("200 more")
    listed: bool = False  # a contributor's figure in a list: "Estonia (95), Sweden (150)"
    contributor: bool = False  # a part sent by the country after it: "1,400 from Chad"
    hosted: bool = False  # a listed figure placed in the country before it: "in Senegal (350)"
    group: int = -1  # where the list of a listed figure starts


class TroopRecognizer:
    """spaCy component that records troop strengths in the ``troops`` fact table.

    Parameters
    ----------
    nlp : spacy.language.Language
        The pipeline (unused; kept for the factory signature).
    name : str
        Component name.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("sahel_troops")
    >>> doc = nlp("The mission has some 12,000 peacekeepers. 30 soldiers were killed.")
    >>> [(r["text"], r["low"], r["high"]) for r in facts_of(doc, "troops")]
    [('some 12,000 peacekeepers', 10800, 13200)]
    """

    def __init__(self, nlp: Language | None = None, name: str = "sahel_troops") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Find troop strengths in ``doc`` and add them to its ``troops`` records."""
        hits = self.find(text_of(doc))
        if not hits:
            facts_of(doc, "troops")
            return doc
        sentences = _sentence_bounds(doc)
        starts = [s for s, _ in sentences]
        records = facts_of(doc, "actors")
        # a person's country, from any mention that gives it ("Chad's President Déby")
        countries = {
            a["actor"]: a["iso3"]
            for a in records
            if a.get("actor_kind") == "person" and a.get("iso3")
        }
        actors = [
            _as_state({**a, "iso3": a.get("iso3") or countries.get(a["actor"])})
            if a.get("actor_kind") == "person"
            else a
            for a in records
        ]
        actors = [a for a in actors if a.get("actor_kind") != "person"]
        all_places = facts_of(doc, "places")
        places = [p for p in all_places if p.get("iso3")]
        # the sentences of the figures and those before them (topics, "another 200")
        wanted = {max(bisect_right(starts, h.start) - 1, 0) - d for h in hits for d in (0, 1)}
        actors = sorted(
            [*actors, *_subject_states(text_of(doc), places, actors, sentences, wanted)],
            key=lambda a: a["start"],
        )
        # "in the Sahel", "across West Africa": several countries, so no one location
        regions = [
            p
            for p in all_places
            if not p.get("iso3") and p.get("kind") == "region" and _BROAD_REGION.search(p["name"])
        ]
        last_location: dict[int, str | None] = {}  # None: spread over several countries
        actor_location: dict[str, str] = {}
        previous: dict[int, str] = {}  # sentence index -> actor of its last troop figure
        named = Counter(p["iso3"] for p in places if not _is_source(text_of(doc), p))
        text = text_of(doc)
        last: tuple[str | None, str | None] = (None, None)
        last_si = -1
        by_sentence: dict[int, list[dict]] = {}  # sentence index -> its actors
        for a in actors:
            k = max(bisect_right(starts, a["start"]) - 1, 0)
            if a["end"] <= sentences[k][1]:
                by_sentence.setdefault(k, []).append(a)
        group_actor: dict[int, str | None] = {}  # a hosted list's owner, read at its start
        for hit in hits:
            si = max(bisect_right(starts, hit.start) - 1, 0)
            sent = sentences[si]
            previous_start = sentences[si - 1][0] if si > 0 else None
            # "Egypt, Bangladesh and Jordan sent another 3,000": a new sentence whose own
            # subject sends the figure does not continue the force before
            own_subject = si != last_si and any(
                a["end"] <= hit.start
                and a["actor"] != last[0]
                and text[sent[0] : a["start"]].strip(' "“‘(').lower() in ("", "the")
                for a in by_sentence.get(si, ())
            )
            last_si = si
            if hit.follows and not own_subject:  # "200 more will follow": the force before
                (actor, location), close, how = last, False, "inherited"
                own, cue = _locate(text, hit, sent, places, actors, _UNKNOWN, previous_start)
                if cue == "cue" and not hit.contributor:  # "Moscow sent another 100 to Mali"
                    location, how = own, cue
                if hit.contributor:  # "including 1,400 from Chad": Chad's, where the whole is
                    actor = _sender(text, hit, places) or actor
            else:
                location, how = _locate(
                    text,
                    hit,
                    sent,
                    places,
                    actors,
                    last_location.get(si, _UNKNOWN),
                    previous_start,
                )
                provisional = location
                if how == "none":
                    provisional = _fallback_place(text, hit, sent, places, regions, None, actors)
                actor, close = _attribute(text, hit, sent, actors, places, provisional)
                if hit.listed and hit.hosted:  # "garrisons in Senegal (350), Gabon (350)"
                    actor = group_actor.setdefault(hit.group, actor)
                    named_place = _listed_state(text, hit, places, iso3=True)
                    location, how = (named_place, "cue") if named_place else (location, how)
                elif hit.listed:  # "Estonia (95)": the country named right before the figure
                    named_state = _listed_state(text, hit, places)
                    actor, close = (named_state, True) if named_state else (actor, close)
                if location == _HOME:
                    homes = [a.get("iso3") for a in actors if actor and a["actor"] == actor]
                    location = next((h for h in homes if h), None)
                if actor is None and location and location != _HOME:
                    own_force = _OWN_FORCE.search(text, sent[0], hit.start)
                    if own_force and not any(
                        _in(sent, a) and own_force.end() <= a["start"] < hit.start for a in actors
                    ):
                        # "In Benin, ... the army has deployed about 3,000 troops"
                        actor = _state_of(location)
                if actor is None and si > 0:
                    actor = previous.get(si - 1) or previous.get(si - 2)
                    actor = actor or _previous_sentence_actor(text, sentences[si - 1], actors)
                # the force the article was last counting ("a first group of 120 soldiers")
                actor = actor or last[0]
                if how == "none" and actor:
                    army = _national_army(text, hit, sent, actors, actor)
                    location, how = (army, "cue") if army else (location, how)
                if how == "none":
                    location = _fallback_place(text, hit, sent, places, regions, actor, actors)
                    how = "nearest"
                    if location is None and _TRI_BORDER.match(text[hit.end : sent[1]]):
                        location = _SEVERAL  # "to the tri-border area": no one country
                    if location is None and si + 1 < len(sentences):
                        # "Chad will deploy 1,200 soldiers ... The battalion is expected to
                        # be based near Téra in western Niger."
                        location = _next_sentence_place(
                            text, sentences[si + 1], places, regions, actor, actors
                        )
                    if location == _SEVERAL:
                        location, how = None, "multiple"
                    elif location is None and actor in actor_location:
                        location, how = actor_location[actor], "inherited"
                    elif location is None:
                        home = {a.get("iso3") for a in actors if a["actor"] == actor}
                        location = _article_country(named, home)
                        how = "article"
                    if location is None and how != "multiple":
                        how = "none"
                if how not in ("cue", "host") and _regional_force(text, hit, sent, actors, actor):
                    location, how = None, "multiple"
                if actor is None and location:
                    # no foreign force named anywhere near: the country's own army
                    # ("Some 3,000 soldiers are now deployed along the northern border")
                    actor = _state_of(location)
            last = (actor or last[0], location)
            if actor:
                previous[si] = actor
            if location or how == "multiple":
                last_location[si] = location
            if location and actor:
                actor_location[actor] = location
            q = hit.quantity
            # "Burkina Faso, Niger and Guinea each maintained a battalion of 600": one each
            owners = (not hit.follows and _each_owner(text, hit, by_sentence.get(si, []))) or [
                actor
            ]
            for owner in owners:
                add_fact(
                    doc,
                    "troops",
                    hit.start,
                    hit.end,
                    actor=owner,
                    location_iso3=location,
                    value=q.value,
                    low=q.low,
                    high=q.high,
                    qualifier=q.qualifier,
                    unit=hit.unit,
                    as_of=None,
                    confidence=_confidence(hit, owner, close, how),
                )
        return doc

    @staticmethod
    def find(text: str) -> list[_Hit]:
        """Return the troop-strength mentions of ``text``, in order, without attribution.

        Parameters
        ----------
        text : str
            Any text.

        Returns
        -------
        list
            Hits with character offsets of the span and of the quantity, the parsed
            :class:`Quantity` and the force noun.

        Examples
        --------
        >>> [h.unit for h in TroopRecognizer.find("a 5,100-strong force of 400 special forces")]
        ['force', 'forces']
        """
        # the figure-first patterns can only start a few words before a number
        starts = _figure_starts(text)
        hits: list[_Hit] = []
        for m in _match_at(_FORWARD, text, starts):
            hit = _forward_hit(text, m)
            if hit is not None:
                hits.append(hit)
        taken = [(h.start, h.end) for h in hits]
        for matches, unit in (
            (_BACKWARD.finditer(text), None),
            (_CEILING.finditer(text), "troops"),
            (_near_word(_STRONG_AFTER, text, "strong", 150, 20), None),
            (_near_word(_BARE_STRONG, text, "strong", 40, 10), "force"),
            (_near_word(_GROUP_OF, text, "group", 30, 60), None),
            (_near_word(_CUT_TO, text, " to ", 90, 40), "force"),
        ):
            for m in matches:
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                hit = _backward_hit(text, m, unit)
                if hit is not None:
                    hits.append(hit)
                    taken.append((hit.start, hit.end))
        # a figure already read with its noun is not read again ("2,400 troops were ...")
        spans = sorted(taken)
        ends = [e for _, e in spans]
        # and a verb-named figure needs its verb shortly after it
        verbs = _positions(text.lower(), _STATION_VERBS)
        free = [
            p
            for p in starts
            if ((k := bisect_right(ends, p)) >= len(spans) or p < spans[k][0])
            and (v := bisect_right(verbs, p)) < len(verbs)
            and verbs[v] - p <= 80
        ]
        for m in [
            *_match_at(_STATIONED, text, free),
            *_near_word(_HOW_MANY, text, "how many", 10, 250),
            *_near_word(_NUMBERING, text, "number", 130, 150),
        ]:
            if any(m.start("q") < e and s < m.end("q") for s, e in taken):
                continue
            hit = _stationed_hit(text, m)
            if hit is not None:
                hits.append(hit)
                taken.append((hit.start, hit.end))
        if "(" in text:
            hits += [
                h
                for h in _listed_contingents(text)
                if not any(h.start < e and s < h.end for s, e in taken)
            ]
        hits.sort(key=lambda h: h.start)
        hits = _with_follow_ups(text, hits)
        for prev, hit in pairwise(hits):
            joint = text[prev.end : hit.qstart]
            if (
                prev.quantity.qualifier == "about"
                and hit.quantity.qualifier == "exact"
                and _COORDINATION.fullmatch(joint)
            ):
                # "roughly 12,000 soldiers and 1,600 police officers": one "roughly"
                hit.quantity = _apply("about", hit.quantity.value)
        return hits


def _figure_starts(text: str) -> list[int]:
    """Return where a number phrase may start.

    A word start at most 45 characters before a digit or a number word ("a total of
    about tens of thousands" puts about 30 before its first number word).
    """
    lower = text.lower()
    anchors = [m.start() for m in _DIGITS_RUN.finditer(text)]
    for m in _NUMBER_WORD.finditer(lower):
        a, b = m.start(), m.end()
        if (a == 0 or not lower[a - 1].isalnum()) and (b == len(lower) or not lower[b].isalnum()):
            anchors.append(a)
    return sorted(
        {w.start() for a in anchors for w in _WORD_START.finditer(text, max(0, a - 45), a + 1)}
    )


def _match_at(pattern: re.Pattern, text: str, starts: list[int]) -> Iterable[re.Match]:
    """Return what ``pattern.finditer(text)`` finds when matches can only begin at ``starts``."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None and m.end() > pos:
            end = m.end()
            yield m


def _positions(lower: str, words: Iterable[str]) -> list[int]:
    """Return the sorted positions of ``words`` in the lower-cased text (C-speed ``find``)."""
    found = []
    for word in words:
        i = lower.find(word)
        while i >= 0:
            found.append(i)
            i = lower.find(word, i + 1)
    return sorted(found)


def _near_word(
    pattern: re.Pattern, text: str, word: str, before: int, after: int
) -> list[re.Match]:
    """Return the matches of ``pattern`` around each occurrence of ``word`` (lower case)."""
    found: dict[int, re.Match] = {}
    lower = text.lower()
    i = lower.find(word)
    while i >= 0:
        for m in pattern.finditer(text, max(0, i - before), min(len(text), i + len(word) + after)):
            found.setdefault(m.start(), m)
        i = lower.find(word, i + 1)
    return [found[k] for k in sorted(found)]


def _with_follow_ups(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Add the bare figures that continue a troop figure, in order.

    "... 150 soldiers, with permission to go up to 250", "... 3,500 French soldiers,
    and the number is expected to peak at around 4,000" (a change of the same force, in
    the same sentence) and "About 100 Russian servicemen landed. 200 more will follow"
    (the same or the next sentence). The figure must be the next number after the troop
    figure.
    """
    new: set[int] | None = None  # the hits to continue: all, then those just found
    for _ in range(3):  # a part of a part: "3,000 ..., 1,500 of them in Niger and 1,000 in Chad"
        found = _follow_ups_once(text, hits, new)
        if not found:
            break
        hits = sorted([*hits, *found], key=lambda h: h.start)
        new = {h.qstart for h in found}
    return hits


def _follow_ups_once(text: str, hits: list[_Hit], only: set[int] | None) -> list[_Hit]:
    """Return the bare figures right after each hit (of ``only``, if given) that continue it."""
    found: list[_Hit] = []
    read = {h.qstart for h in hits}
    for i, prev in enumerate(hits):
        if only is not None and prev.qstart not in only:
            continue
        limit = hits[i + 1].start if i + 1 < len(hits) else len(text)
        limit = min(limit, prev.end + _FOLLOW_WINDOW)
        number = _ANY_NUMBER.search(text, prev.end, limit)
        while number is not None and _YEAR_AT.match(text, number.start()):
            number = _ANY_NUMBER.search(text, number.start() + 4, limit)  # "since 2011"
        if number is None:
            continue
        at = number.start()
        lead = text[max(prev.end, at - 40) : at].lower()
        tail = text[at : min(limit, at + 60)].lower()
        for pattern, change in _FOLLOW_UPS:
            cue = _FOLLOW_UP_CUES[pattern]
            if cue and not any(w in (tail if side else lead) for side, w in cue):
                continue  # the pattern's own word is missing: no need to run it
            m = pattern.search(text, max(prev.end, at - 40), min(limit, at + 60))
            if m is None or not m.start("q") <= at < m.end("q"):
                continue
            between = text[prev.end : m.start()]
            breaks = list(_SENTENCE_BREAK.finditer(between))
            # "N of them" points back further than other continuations
            if len(breaks) > (2 if pattern is _OF_THEM else 1):
                continue
            # a change names the force ("the number to peak at", "bring that down to")
            clause = between[breaks[-1].end() :] if breaks else between
            if change and (_OTHER_COUNT.search(clause) or not _SAME_FORCE.search(clause + m[0])):
                continue
            quantity = _quantity_at(text, m["q"], m.start("q"), False)
            if (
                quantity is None
                or _is_noise(text, quantity[2], quantity[1], _before(text, quantity[1]))
                or _CASUALTY_AFTER.match(text[m.end() : m.end() + 60])
            ):
                continue
            q0, inherit = quantity[1], pattern is not _OFFER  # "Senegal offered 850": its own
            if q0 in read:
                break
            hit = _Hit(
                q0, m.end(), q0, q0 + len(quantity[2]), quantity[0], prev.unit, True, inherit
            )
            hit.contributor = pattern is _FROM_PART
            found.append(hit)
            break
    return found


def _listed_contingents(text: str) -> list[_Hit]:
    """Return the figures of a list of contributors: "Estonia (95), Sweden (150) and Italy (200)".

    Two or more "Name (N)" items joined by commas or "and", after a force word ("force",
    "contingents", "troops"...) in the 200 characters before the list.
    """
    items = [
        m
        for m in _near_word(_LISTED, text, "(", 60, 12)
        if not re.fullmatch(r"(?:19|20)\d\d", m["q"])
    ]
    hits: list[_Hit] = []
    group: list[re.Match] = []
    for m in [*items, None]:
        if (
            m is not None
            and group
            and _LIST_JOINT.fullmatch(text[group[-1].end() : m.start("name")])
        ):
            group.append(m)
            continue
        if len(group) >= 2 and _FORCE_WORD.search(
            text[max(0, group[0].start() - 200) : group[0].start()]
        ):
            # "its garrisons in Senegal (350), Côte d'Ivoire (600) and Gabon (350)": hosts
            hosted = bool(_PLACE_CUE.search(text, max(0, group[0].start() - 25), group[0].start()))
            for g in group:
                quantity = parse_quantity(g["q"])
                if quantity is not None:
                    qs, qe = g.start("q"), g.end("q")
                    hit = _Hit(qs, qe, qs, qe, quantity, "troops", True, listed=True)
                    hit.hosted, hit.group = hosted, group[0].start()
                    hits.append(hit)
        group = [m] if m is not None else []
    return hits


def _national_army(
    text: str, hit: _Hit, sent: tuple[int, int], actors: list[dict], actor: str
) -> str | None:
    """Return the country of a state's own army named before the figure, or None.

    "Mali's army, estimated at 40,000 personnel", "the Malian armed forces number about
    40,000": a national army is at home unless a place is given with the figure.
    """
    for a in actors:
        if (
            a["actor"] == actor
            and a.get("actor_kind") == "state"
            and a.get("iso3")
            and _in(sent, a)
            and a["end"] <= hit.start
            and _ARMY_AFTER.match(text, a["end"])
        ):
            return a["iso3"]
    return None


def _sender(text: str, hit: _Hit, places: list[dict]) -> str | None:
    """Return the state of the country right after a part's "from" ("1,400 from Chad")."""
    for p in places:
        if p.get("kind") == "country" and re.fullmatch(
            r"(?i)\s+from\s+(?:the\s+)?", text[hit.end : p["start"]]
        ):
            return _state_of(p["iso3"])
    return None


def _listed_state(text: str, hit: _Hit, places: list[dict], iso3: bool = False) -> str | None:
    """Return the state (or ISO3) of the country named just before a listed figure.

    "Estonia (95)" -> Estonia.
    """
    for p in places:
        if p.get("kind") == "country" and re.fullmatch(r"\s*\(", text[p["end"] : hit.start]):
            return p["iso3"] if iso3 else _state_of(p["iso3"])
    return None


def _forward_hit(text: str, m: re.Match) -> _Hit | None:
    strong = m["strong"] is not None
    noun = " ".join((m["snoun"] if strong else m["noun"]).lower().split())
    if _INSURGENT.search(m["smods"] if strong else m["mods"]):
        return None
    qtext = m["q"]
    qstart, qend = m.start("q"), m.end("q")
    quantity = _quantity_at(text, qtext, qstart, strong)
    if quantity is None:
        return None
    qstart, qtext = quantity[1], quantity[2]
    before = _before(text, qstart)
    if _is_noise(text, qtext, qstart, before) or _CASUALTY_AFTER.match(
        text[m.end() : m.end() + 60]
    ):
        return None
    if noun == "men" and not (strong or _MEN_LEAD.search(before)):
        return None
    return _Hit(
        qstart, m.end(), qstart, qend, quantity[0], noun, noun in ("men", "fighters", "volunteers")
    )


def _stationed_hit(text: str, m: re.Match) -> _Hit | None:
    """Read a figure whose force noun is elsewhere: a verb, a question, "who number"."""
    qstart = m.start("q")
    quantity = _quantity_at(text, m["q"], qstart, False)
    if quantity is None:
        return None
    lead = m.start() if m.re is _NUMBERING else quantity[1]  # "who number" is no "number 5"
    before = _before(text, lead)
    if _is_noise(text, quantity[2], quantity[1], before):
        return None
    end = quantity[1] + len(quantity[2])
    unit = " ".join(m["noun"].lower().split()) if m.re is not _STATIONED else "troops"
    return _Hit(quantity[1], end, quantity[1], end, quantity[0], unit, False)


def _backward_hit(text: str, m: re.Match, unit: str | None) -> _Hit | None:
    qstart = m.start("q")
    quantity = _quantity_at(text, m["q"], qstart, False)
    if quantity is None:
        return None
    before = _before(text, m.start())
    if _is_noise(text, quantity[2], quantity[1], _before(text, qstart)):
        return None
    if _CASUALTY_BEFORE.search(before) or _CASUALTY_AFTER.match(text[m.end() : m.end() + 60]):
        return None
    noun = unit or " ".join(m["noun"].lower().split())
    start = quantity[1] if unit else m.start()
    return _Hit(start, m.end(), quantity[1], m.end(), quantity[0], noun, bool(unit))


def _before(text: str, pos: int) -> str:
    """Return the 50 characters before ``pos``, cut at a sentence end ("... 30 people. Some")."""
    before = text[max(0, pos - 50) : pos]
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("\n"))
    return before[cut + 1 :] if cut >= 0 else before


def _quantity_at(
    text: str, qtext: str, qstart: int, strong: bool
) -> tuple[Quantity, int, str] | None:
    """Parse a matched quantity; "from 5,100 to 2,500" keeps only the later figure."""
    quantity = parse_quantity(qtext)
    if quantity is None:
        return None
    if quantity.qualifier == "vague" and re.search(
        r"(?i)\bfrom\s+$", text[max(0, qstart - 8) : qstart]
    ):
        m = re.search(r"(?i)\bto\s+", qtext)
        if m:
            later = parse_quantity(qtext[m.end() :])
            if later is not None:
                return later, qstart + m.end(), qtext[m.end() :]
    return quantity, qstart, qtext


def _is_noise(text: str, qtext: str, qstart: int, before: str) -> bool:
    """Years, dates, money, resolutions and casualties are not troop strengths."""
    if re.fullmatch(r"(?:19|20)\d\d", qtext) and (_YEAR_LEAD.search(before) or qstart == 0):
        return True
    if _DATE_AFTER.match(text, qstart + len(qtext)) or _MONTH_BEFORE.search(before):
        return True  # "26 January, French special forces", "on 29 to 30 January, soldiers"
    # "resolution 2690", "the number 5", but not the verb: "whose contractors number 800"
    if re.search(
        r"(?i)(?:[$€£¥]|\b(?:usd|eur|cfa|fcfa|resolution|no\.|"
        r"(?:the|a|serial|phone|reference)\s+number))\s*$",
        before,
    ):
        return True
    if _TRAINEES_BEFORE.search(before):
        return True  # "the mission trained more than 15,000 soldiers"
    return bool(_CASUALTY_BEFORE.search(before) or _CASUALTY_LIST.search(before))


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DATE_AFTER = re.compile(rf"(?i)(?:st|nd|rd|th)?(?:\s+(?:to|and|-|–)\s+\d{{1,2}})?\s+{_MONTHS}")
_MONTH_BEFORE = re.compile(rf"(?i)\b{_MONTHS}\s*$")


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in sentences_of(doc)]
    return [(0, len(text_of(doc)))]


def _in(sent: tuple[int, int], rec: dict) -> bool:
    return sent[0] <= rec["start"] and rec["end"] <= sent[1]


def _hosts(text: str, rec: dict, hit: _Hit) -> bool:
    """Whether ``rec`` (a place or actor before the hit) hosts the force."""
    between = text[rec["end"] : hit.start]
    m = _HOST.search(between)
    return bool(m and m.start() <= _HOST_WINDOW and len(between) - m.end() <= _HOST_WINDOW)


def _coordinated(text: str, place: dict, places: list[dict]) -> bool:
    """Whether ``place`` is one of a list of places ("in Niger and Chad")."""
    for other in places:
        if other is place or other.get("iso3") == place.get("iso3"):
            continue
        if other["start"] >= place["end"]:
            between = text[place["end"] : other["start"]]
        elif other["end"] <= place["start"]:
            between = text[other["end"] : place["start"]]
        else:
            continue
        if _COORDINATED.fullmatch(between):
            return True
    return False


_SOURCE_PLACE = re.compile(
    r"(?i)\b(?:officials?|diplomats?|sources?|spokes(?:man|woman|person)|ministry|"
    r"government|headquarters|analysts?|reporters?|correspondents?)\s+in\s+$"
)


def _is_source(text: str, place: dict) -> bool:
    """Whether ``place`` is where a source sits ("according to officials in Paris")."""
    return bool(_SOURCE_PLACE.search(text[max(0, place["start"] - 40) : place["start"]]))


#: ``_locate``'s ``inherited`` when the sentence has no earlier figure.
_UNKNOWN = "?"
#: What ``_locate`` returns for the force's own country ("along its border").
_HOME = "home"
#: What ``_fallback_place`` returns for a region of several countries.
_SEVERAL = ""


def _is_origin(text: str, hit: _Hit, sent: tuple[int, int], place: dict) -> bool:
    """Whether ``place`` is where a force is sent or drawn from, not where it is.

    "sent 2,000 soldiers from Niger", "several hundred commandos from Estonia, the Czech
    Republic and Sweden"; but "withdrew 2,400 troops from Mali" is in Mali.
    """
    if place["start"] < hit.end or not _FROM.search(
        text[max(hit.end, place["start"] - 12) : place["start"]]
    ):
        return False
    lead = text[max(sent[0], hit.start - 30) : hit.start]
    if _SENDING.search(lead):
        return True
    right_after = re.fullmatch(r"(?i)\s*from\s+(?:the\s+)?", text[hit.end : place["start"]])
    return right_after is not None and not _LEAVING.search(lead)


def _locate(
    text: str,
    hit: _Hit,
    sent: tuple[int, int],
    places: list[dict],
    actors: list[dict],
    inherited: str | None,
    previous_start: int | None = None,
) -> tuple[str | None, str]:
    """Location from the sentence: cue after the span, a host, or the previous figure.

    ``how`` is ``cue``, ``host``, ``inherited``, ``multiple`` (stated but not one
    country: "spread across five countries", "in Niger and Chad") or ``none``.
    """
    tail = text[hit.end : sent[1]]
    if _SPREAD.match(tail):
        return None, "multiple"
    if _OWN_BORDER.match(tail):
        return _HOME, "cue"  # "2,000 troops along its eastern border": the actor's country
    # "according to officials in Paris": where the source sits, not the force
    in_sent = [p for p in places if _in(sent, p) and not _is_source(text, p)]
    after = sorted(
        (p for p in in_sent if hit.end <= p["start"] < hit.end + _PLACE_WINDOW),
        key=lambda p: p["start"],
    )
    for p in after:
        between = text[hit.end : p["start"]]
        if _is_origin(text, hit, sent, p):
            continue
        if _PLACE_CUE.search(between) and _ATTACHED.match(between):
            if _coordinated(text, p, in_sent):
                return None, "multiple"
            return p["iso3"], "cue"
    if _THERE.match(tail) or _BARE_DIRECTION.match(tail):
        # "there", "in the north": the last country named before, in this sentence or
        # the one before it
        lo = previous_start if previous_start is not None else sent[0]
        before = [
            p
            for p in places
            if lo <= p["start"] and p["end"] <= hit.start and not _is_source(text, p)
        ]
        if before:
            return max(before, key=lambda p: p["end"])["iso3"], "cue"
    # "Djibouti, with 1,500 French troops": a place that has a foreign force
    owners = {a.get("iso3") for a in actors if hit.start <= a["start"] < hit.end}
    hosts = [
        r
        for r in [*places, *(a for a in actors if a.get("actor_kind") == "state")]
        if r.get("iso3")
        and _in(sent, r)
        and r["end"] <= hit.start
        and (
            _hosts(text, r, hit)
            or (
                owners - {None, r["iso3"]}
                and _HOST_WITH.fullmatch(text, r["end"], hit.start) is not None
            )
        )
    ]
    if hosts:
        return max(hosts, key=lambda r: r["end"])["iso3"], "host"
    if inherited != _UNKNOWN:
        return inherited, "inherited" if inherited else "multiple"
    return None, "none"


def _fallback_place(
    text: str,
    hit: _Hit,
    sent: tuple[int, int],
    places: list[dict],
    regions: list[dict],
    actor: str | None,
    actors: list[dict],
) -> str | None:
    """Return the nearest place in the sentence after a location preposition ("in Mali").

    Places listed together ("in Niger and Chad"), where a source sits, where a force is
    sent from and the actor's home country are skipped. ``_SEVERAL`` when the nearest is a
    region of several countries ("supported the French in the Sahel with 100 crew").
    """
    home = {a.get("iso3") for a in actors if actor and a.get("actor") == actor}
    in_sent = [p for p in places if _in(sent, p)]
    candidates = [
        p
        for p in in_sent
        if p["iso3"] not in home
        and not (hit.start <= p["start"] < hit.end)
        and not _is_source(text, p)
        and _PLACE_CUE.search(text[max(sent[0], p["start"] - 20) : p["start"]])
        and not _coordinated(text, p, in_sent)
        and not _is_origin(text, hit, sent, p)
        # where a part comes from: "including 1,400 from Chad"
        and not _COUNT_FROM.search(text, max(sent[0], p["start"] - 30), p["start"])
    ]
    candidates += [
        {**r, "iso3": _SEVERAL}
        for r in regions
        if _in(sent, r) and _PLACE_CUE.search(text[max(sent[0], r["start"] - 20) : r["start"]])
    ]
    if not candidates:
        return None

    def distance(p: dict) -> int:
        return hit.start - p["end"] if p["end"] <= hit.start else p["start"] - hit.end

    return min(candidates, key=distance)["iso3"]


def _regional_force(
    text: str, hit: _Hit, sent: tuple[int, int], actors: list[dict], actor: str | None
) -> bool:
    """Whether the figure counts a force that spans several countries as a whole.

    "Barkhane's strength reaches about 5,100 soldiers", "the G5 Sahel joint force of
    5,000", "a joint force of 10,000 soldiers", a figure owned by the Multinational Joint
    Task Force: unless a place is given with the figure, no one country holds it.
    """
    lo = max(sent[0], hit.start - 40)
    if _REGIONAL_FORCE.search(text, lo, hit.end) or (actor and _REGIONAL_FORCE.search(actor)):
        return True
    return any(
        lo <= a["start"] and a["end"] <= hit.end and _REGIONAL_FORCE.search(a["text"])
        for a in actors
    )


def _state_of(iso3: str) -> str | None:
    from sahel_analysis.language.actors import canonical_state

    return canonical_state(iso3)


def _next_sentence_place(
    text: str,
    sent: tuple[int, int],
    places: list[dict],
    regions: list[dict],
    actor: str | None,
    actors: list[dict],
) -> str | None:
    """Return where the next sentence puts the force, when it starts by naming it again."""
    if not _FORCE_AGAIN.match(text, sent[0]):
        return None
    start = _Hit(sent[0], sent[0], sent[0], sent[0], Quantity(None, None, None, "vague"), "", False)
    return _fallback_place(text, start, sent, places, regions, actor, actors)


def _as_state(actor: dict) -> dict:
    """Return a person whose country is known as that state (Chad's President Déby sent ...)."""
    if actor.get("actor_kind") != "person" or not actor.get("iso3"):
        return actor
    from sahel_analysis.language.actors import canonical_state

    state = canonical_state(actor["iso3"])
    return {**actor, "actor": state, "actor_kind": "state"} if state else actor


def _attribute(
    text: str,
    hit: _Hit,
    sent: tuple[int, int],
    actors: list[dict],
    places: list[dict],
    location: str | None,
) -> tuple[str | None, bool]:
    """Return the owning actor and whether it stands next to (or inside) the span."""
    # an actor that starts inside the span ("2,400 *French* troops", "50,000 *Volunteers
    # for the Defence of the Homeland*")
    inside = [a for a in actors if hit.start <= a["start"] < hit.end]
    in_sent = [a for a in actors if _in(sent, a)]
    if inside:
        first = min(inside, key=lambda a: a["start"])
        if hit.unit in _HIRED and first.get("actor_kind") == "state":
            # "1,000 Russian mercenaries": the private company the article names
            company = [
                a
                for a in actors
                if a.get("actor_kind") in ("group", "armed force")
                and a.get("iso3") == first.get("iso3")
                and a["actor"] != first["actor"]
            ]
            if company:
                return company[0]["actor"], True
        if " ".join(first["text"].lower().split()) != hit.unit:
            return first["actor"], True
        # the force noun alone names an organisation ("1,400 peacekeepers"): a state
        # right before it contributes them ("Chad already has some 1,400 peacekeepers")
        contributor = [
            a
            for a in in_sent
            if a.get("actor_kind") == "state"
            and a["end"] <= hit.start
            and len(text[a["end"] : hit.start]) <= 30
            and not _PLACE_CUE.search(text[max(sent[0], a["start"] - 20) : a["start"]])
            and not _hosts(text, a, hit)
        ]
        if contributor:
            return max(contributor, key=lambda a: a["end"])["actor"], True
        return first["actor"], True
    for a in sorted(in_sent, key=lambda a: a["start"]):
        if a["start"] >= hit.end and _ACTOR_AFTER_CUE.match(text[hit.end : a["start"]]):
            return a["actor"], True

    def usable(a: dict, near: bool) -> bool:
        if a["end"] <= hit.start and _hosts(text, a, hit):
            return False
        if _PLACE_CUE.search(text[max(sent[0], a["start"] - 20) : a["start"]]) and any(
            p["start"] < a["end"] and a["start"] < p["end"] for p in places
        ):
            return False  # "in Mali", "from Mali": a place, not the owner
        if _PLACE_NOUN.match(text, a["end"]):
            return False  # "the Chadian capital", "the Malian border": a place
        if _NOT_OWNER.search(text[max(sent[0], a["start"] - 30) : a["start"]]):
            return False  # "alongside the French", "half of them French"
        if _LED.match(text, a["end"]):
            return False  # "the French-led operation": who leads, not who contributes
        if _COMMAND.match(text, a["end"]) and _UNDER.search(
            text, max(sent[0], a["start"] - 8), a["start"]
        ):
            return False  # "under French command": who leads, not who sends
        # a state that opens the clause owns its figure even at home ("Nigeria provides
        # 3,000 soldiers, almost all in Borno State")
        return (
            near
            or a.get("subject", False)
            or not (a.get("actor_kind") == "state" and location and a.get("iso3") == location)
        )

    before = sorted((a for a in in_sent if a["end"] <= hit.start), key=lambda a: -a["end"])
    subject = _interrupted_subject(text, hit, sent, before)
    if subject is not None and usable(subject, False):
        return subject["actor"], False
    near_before = [a for a in before if len(text[a["end"] : hit.start]) <= 30]
    for a in near_before:
        if usable(a, True):
            return _jointly(text, a, in_sent, actors, hit), True
    leaving = _LEAVING.search(text, max(sent[0], hit.start - 30), hit.start)
    coalition = None if leaving else _coalition(text, hit, actors, places)
    if coalition is not None:
        return coalition, False
    for a in before[len(near_before) :]:
        if usable(a, False):
            return _jointly(text, a, in_sent, actors, hit), False
    after = sorted((a for a in in_sent if a["start"] >= hit.end), key=lambda a: a["start"])
    for a in after:
        lead = text[hit.end : a["start"]]
        if _LISTED_FROM.match(lead) or (
            _FROM_FIRST.match(lead) and _LIST_GOES_ON.match(text, a["end"])
        ):
            continue  # "5,000 troops from Nigeria, Senegal and Benin": several contributors
        if _SERVES_WITH.search(lead) or _CLAUSE_AFTER.search(lead):
            # "another 300 serve with the EU training mission EUTM": the mission; "the
            # camp, which 40 Chadian peacekeepers had left": another clause's actor
            break
        if _FOR.search(lead):
            continue  # "a mission of 12,640 personnel for Mali": whom it serves
        if usable(a, False):
            return a["actor"], False
    return None, False


def _coordinated_actors(text: str, actor: dict, in_sent: list[dict]) -> list[dict]:
    """Return the actors listed with ``actor`` ("Egypt, Bangladesh and Jordan"), in order."""
    ordered = sorted(in_sent, key=lambda a: a["start"])
    i = next(k for k, a in enumerate(ordered) if a is actor)
    lo = hi = i
    while lo > 0 and _COORDINATED.fullmatch(text[ordered[lo - 1]["end"] : ordered[lo]["start"]]):
        lo -= 1
    while hi + 1 < len(ordered) and _COORDINATED.fullmatch(
        text[ordered[hi]["end"] : ordered[hi + 1]["start"]]
    ):
        hi += 1
    group = ordered[lo : hi + 1]
    return group if len({a["actor"] for a in group}) > 1 else [actor]


def _jointly(text: str, actor: dict, in_sent: list[dict], actors: list[dict], hit: _Hit) -> str:
    """Return the owner when ``actor`` may be one of several listed together.

    "Egypt, Bangladesh and Jordan sent another 3,000 between them": several contributors
    count one figure, so it belongs to the multinational force named before (an actor with
    no country), or to no one. "Burkina Faso, Niger and Guinea *each* maintained a
    battalion" gives each its own figure (see :func:`_each_owner`), so the actor stands.
    """
    group = _coordinated_actors(text, actor, in_sent)
    if len(group) < 2 or _EACH.match(text, group[-1]["end"]):
        return actor["actor"]
    forces = [
        a
        for a in actors
        if a["end"] <= group[0]["start"]
        and not a.get("iso3")
        and a.get("actor_kind") in ("armed force", "group", "organisation")
    ]
    return max(forces, key=lambda a: a["end"])["actor"] if forces else None


def _each_owner(text: str, hit: _Hit, in_sent: list[dict]) -> list[str]:
    """Return the owners of a figure that a list of subjects has *each* ("X, Y and Z each had").

    Empty unless the figure's clause opens with two or more coordinated actors (of
    ``in_sent``, those of its sentence) followed by "each".
    """
    before = [a for a in in_sent if a["end"] <= hit.start and _EACH.match(text, a["end"])]
    if not before:
        return []
    group = _coordinated_actors(text, max(before, key=lambda a: a["end"]), in_sent)
    owners = list(dict.fromkeys(a["actor"] for a in group))
    return owners if len(owners) > 1 else []


def _subject_states(
    text: str,
    places: list[dict],
    actors: list[dict],
    sentences: list[tuple[int, int]],
    wanted: set[int],
) -> list[dict]:
    """Return state records for countries and capitals that open a clause and act.

    "Chad alone kept a contingent", "Nigeria provides the largest contingent", "Abidjan
    has since stationed hundreds of troops", "Burkina Faso, Niger and Guinea each
    maintained": the subject of the clause is the state, even where no actor was recorded.
    Only the sentences in ``wanted`` (indices) are read.
    """
    starts = [s for s, _ in sentences]
    taken = sorted((a["start"], a["end"]) for a in actors)
    taken_starts = [s for s, _ in taken]
    found = []
    for p in places:
        if p.get("kind") not in ("country", "city"):
            continue
        si = max(bisect_right(starts, p["start"]) - 1, 0)
        k = bisect_right(taken_starts, p["start"])
        if si not in wanted or any(
            s < p["end"] and p["start"] < e for s, e in taken[max(k - 3, 0) : k + 1]
        ):
            continue
        lo = sentences[si][0]
        head = text[lo : p["start"]]
        if head.strip(' \t\n"“‘(—-').lower() not in ("", "the") and not _CLAUSE_OPEN.search(
            re.sub(r"(?i)\s*\bthe\s*$", "", head[-14:])
        ):
            continue
        if not _ACTS_AFTER.match(text, p["end"]) or (p["kind"] == "city" and not _is_capital(p)):
            continue
        state = _state_of(p["iso3"])
        if state:
            found.append({**p, "actor": state, "actor_kind": "state", "subject": True})
    return found


def _is_capital(place: dict) -> bool:
    from sahel_analysis.gazetteer import Gazetteer

    return any(
        c.capital and c.iso3 == place["iso3"] for c in Gazetteer.default().candidates(place["name"])
    )


def _coalition(text: str, hit: _Hit, actors: list[dict], places: list[dict]) -> str | None:
    """Return the multinational force of troops drawn from several countries.

    "several hundred commandos from countries including Estonia, Sweden and Italy",
    "5,000 troops from Nigeria, Senegal and Benin": the last multinational force (an
    actor with no country) named before the figure, or None.
    """
    m = _FROM_SEVERAL.match(text, hit.end)
    if m is None:
        return None
    if not m["word"] and not m["members"]:
        end = text.find(".", hit.end, hit.end + 150)
        end = hit.end + 150 if end < 0 else end
        listed = {
            p["iso3"] for p in places if hit.end <= p["start"] < end and p.get("kind") == "country"
        }
        if len(listed) < 2:
            return None
    forces = [
        a
        for a in actors
        if a["end"] <= hit.start
        and not a.get("iso3")
        and a.get("actor_kind") in ("armed force", "group", "organisation")
    ]
    return max(forces, key=lambda a: a["end"])["actor"] if forces else None


def _interrupted_subject(
    text: str, hit: _Hit, sent: tuple[int, int], before: list[dict]
) -> dict | None:
    """Return the subject actor when an inserted clause stands between it and the figure.

    "Tallinn's commitment, split between ... the French base in Gao, stands at about 95
    soldiers": the clause between commas describes the subject, and the actors inside it
    do not own the figure. None when the main clause before the figure names an actor
    itself or the sentence has no such shape.
    """
    head = text[sent[0] : hit.start]
    first, last = head.find(","), head.rfind(",")
    if first < 0 or first == last:
        return None
    first, last = sent[0] + first, sent[0] + last
    if any(a["start"] > last for a in before):
        return None  # the clause that holds the figure names its own actor
    if not _INSERTED.match(text, first + 1):
        return None
    subjects = [a for a in before if a["end"] <= first]
    inserted = [a for a in before if first < a["start"] < last]
    if not subjects or not inserted:
        return None
    return min(subjects, key=lambda a: a["start"])


_SAHEL = frozenset({"MLI", "NER", "BFA", "TCD", "MRT"})


def _article_country(counts: Counter, home: set[str | None]) -> str | None:
    """Return the country the article is about, if one clearly leads.

    The country named most often that is not the force's ``home`` ("France hands its
    Abidjan base to Côte d'Ivoire"); failing that, the Sahel country named most often.
    """
    top = counts.most_common(2)
    if top and top[0][0] in home and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]  # "One thousand Malian soldiers" in an article mostly about Mali
    for pool, least in (
        ({k: n for k, n in counts.items() if k not in home}, 2),  # once is no topic
        ({k: n for k, n in counts.items() if k in _SAHEL}, 1),
    ):
        top = Counter(pool).most_common(2)
        if top and top[0][1] >= least and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
    return None


def _previous_sentence_actor(text: str, sent: tuple[int, int], actors: list[dict]) -> str | None:
    """Return the first actor of the previous sentence, its likely topic."""
    found = sorted(
        (a for a in actors if _in(sent, a) and not _PLACE_NOUN.match(text, a["end"])),
        key=lambda a: a["start"],
    )
    return found[0]["actor"] if found else None


def _confidence(hit: _Hit, actor: str | None, close: bool, how: str) -> float:
    q = hit.quantity
    score = {"exact": 0.9, "about": 0.85, "vague": 0.8}.get(q.qualifier, 0.8)
    if hit.vague_noun or hit.unit in _COLLECTIVE_SET:
        score -= 0.05
    if actor is None:
        score -= 0.15
    elif not close:
        score -= 0.1
    if how in ("inherited", "nearest"):
        score -= 0.05
    elif how in ("article", "none"):
        score -= 0.1
    return round(max(score, 0.3), 2)


@Language.factory("sahel_troops")
def make_troop_recognizer(nlp: Language, name: str) -> TroopRecognizer:
    """Create the ``sahel_troops`` component (see :class:`TroopRecognizer`).

    Examples
    --------
    >>> import spacy
    >>> spacy.blank("en").add_pipe("sahel_troops").name
    'sahel_troops'
    """
    return TroopRecognizer(nlp, name)
