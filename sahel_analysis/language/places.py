"""Place recognition: gazetteer look-up of token n-grams, resolved in context.

The component scans capitalised token windows (longest first) against every name and
alternate name of the shipped gazetteer (:mod:`sahel_analysis.gazetteer`), then resolves
each name with the countries the article mentions as context, so that "Gao" is the town
in Mali and "Paris" the one in France. It leaves out names inside longer actor names
("G5 Sahel", "Africa Corps"), the outlet's own name ("Brussels Morning Newspaper"),
rivers and states that share a country's name ("Niger River") and abbreviations used as
adjectives ("US troops": an actor, not a place).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyarrow as pa
from spacy.language import Language
from spacy.tokens import Doc, Span

from sahel_analysis.gazetteer import Gazetteer, Place, normalize, normalize_array
from sahel_analysis.language.extensions import (
    add_fact,
    facts_of,
    lowers_of,
    source_spans,
    text_of,
    token_offsets,
    words_of,
)
from sahel_analysis.language.lexicon import FORCE_WORDS
from sahel_analysis.language.people import COUNTRY_WORDS

__all__ = ["PlaceRecognizer"]

_normalized = lru_cache(maxsize=1 << 16)(normalize)


@lru_cache(maxsize=1 << 16)
def _first_key(word: str) -> str:
    return normalize(word).split("-")[0].split("'")[0]


_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_LOCATIVE = {"in", "near", "outside", "into", "towards", "toward"}
_NOT_NAMES = frozenset(
    """January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That
    These Those His Her Its Their Our My Your Parliament Congress Council Government
    Europe Africa Asia Islam Christianity Arabic French English""".split()
)
_NOT_FIRST = {"The", "A", "An"}  # "The Sahel region": the place starts after the article
_ATTRIBUTIVE = FORCE_WORDS | {
    "official",
    "officials",
    "officer",
    "officers",
    "embassy",
    "ambassador",
    "envoy",
    "diplomat",
    "diplomats",
    "government",
    "administration",
    "drone",
    "drones",
    "aircraft",
    "base",
    "bases",
    "president",
    "secretary",
    "minister",
    "navy",
    "air",
    "special",
    "military-led",
    "citizens",
    "nationals",
    "taxpayers",
    "aid",
}
_NOT_AFTER = {"river", "delta", "state", "basin", "valley", "airlines", "times", "post"}
_REGION_WORDS = {"region", "area", "zone", "belt"}
_NAME_PARTICLES = {"de", "du", "des", "d'", "d’", "la", "le", "-"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"}
_BASE_NOUNS = {"base", "camp", "airbase", "air", "military", "army", "airfield", "outpost"}
# Capitalised words that introduce a person's or an operation's name, not a place:
# "General Pascal Ianni", "President Kaba", "Operation Mirador".
_NAMING_WORDS = frozenset(
    """General Gen Colonel Col Lieutenant Lt Captain Capt Major Maj Sergeant Sgt Corporal
    Private Marshal Admiral Commander Brigadier President Minister Senator Governor Mayor
    Mr Mrs Ms Dr Prof Sir Madam Mme Mister Sheikh Imam Emir King Queen Prince Princess
    Pope Operation Opération Exercise Mission""".split()
)
# Capitalised words after a place that still leave it a place ("Gao Airport").
_PLACE_NOUNS = frozenset(
    """Region Province State District Department Prefecture Commune Airport Airbase Air
    Base Camp Garrison Port Harbour City Town Village Valley River Lake Basin Plateau
    Mountains Desert Border Triangle Road Highway Bridge""".split()
)
# Countries whose towns the gazetteer keeps down to ~500 inhabitants (see the data README):
# a small town elsewhere is only read as a place where it is plainly used as one.
_NEAR_SAHEL = frozenset(
    "MLI NER BFA TCD MRT SEN GMB GIN CIV GHA TGO BEN NGA CMR DZA LBY SDN CAF MAR".split()
)
# "Minister for Europe", "Ministry of Africa": a continent or region named as a portfolio
_PORTFOLIO_HOLDERS = {"minister", "ministry", "secretary", "commissioner"}
_PLACE_PREPOSITIONS = _LOCATIVE | {"at", "from", "to", "of", "via", "across", "around"}
_WELL_KNOWN = 1_000_000  # inhabitants: a city this large needs no context
_CONFIDENCE = {"country": 0.95, "region": 0.85, "admin1": 0.8, "base": 0.9, "city": 0.85}


@Language.factory("sahel_places", default_config={"max_tokens": 5})
def make_place_recognizer(nlp: Language, name: str, max_tokens: int) -> PlaceRecognizer:
    """Create the place recogniser (spaCy factory ``sahel_places``)."""
    return PlaceRecognizer(max_tokens=max_tokens)


class PlaceRecognizer:
    """Find and geocode place names, recording them in ``doc._.facts["places"]``.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Names to match; the shipped gazetteer by default.
    max_tokens : int
        Longest name to look for, in tokens.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sahel_places")
    >>> doc = nlp("Troops left Gao in Mali for Niamey.")
    >>> [(p["name"], p["iso3"]) for p in doc._.facts["places"]]
    [('Gao', 'MLI'), ('Mali', 'MLI'), ('Niamey', 'NER')]
    """

    def __init__(self, gazetteer: Gazetteer | None = None, max_tokens: int = 5) -> None:
        self._gazetteer = gazetteer
        self.max_tokens = max_tokens
        self._names: frozenset[str] | None = None
        self._firsts: dict[str, int] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first use."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    @property
    def names(self) -> frozenset[str]:
        """Normalised surface forms worth matching."""
        if self._names is None:
            forms = pa.array(list(self.gazetteer.surface_forms()), pa.string())
            self._names = frozenset(normalize_array(forms).to_pylist())
            # the longest name, in tokens, that starts with each first word
            longest: dict[str, int] = {}
            for name in self._names:
                first = name.split(" ")[0].split("-")[0].split("'")[0]
                n = len(_TOKEN_RE.findall(name))
                if n > longest.get(first, 0):
                    longest[first] = n
            self._firsts = longest
        return self._names

    def __call__(self, doc: Doc) -> Doc:
        """Record every place mention of ``doc`` and return it."""
        blocked = self._blocked_ranges(doc)
        text = text_of(doc)
        words = words_of(doc)
        starts = token_offsets(doc)[0]
        found: list[tuple[Span, str]] = []
        free_from = 0  # names do not overlap: the next one starts after the last found
        # a name starts with a capital: other words need no lookup
        for i in [i for i, word in enumerate(words) if word[:1].isupper()]:
            if i < free_from:
                continue
            n = self._longest_match(text, words, starts, i)
            if n == 0:
                continue
            span = doc[i : i + n]
            if not self._excluded(doc, span, blocked):
                found.append((span, text[span.start_char : span.end_char]))
            free_from = i + n
        gazetteer = self.gazetteer
        context: list[str] = []
        for _span, name in found:
            place = gazetteer.resolve(name)
            if place is not None and place.kind == "country" and place.iso3:
                context.append(place.iso3)
        towns: list[tuple[Span, Place]] = []
        surnames: set[str] = set()  # "General Pascal Ianni ... Pascal said": a person
        for span, name in found:
            place = gazetteer.resolve(name, context_iso3=context)
            if place is None or (place.kind == "city" and name in surnames):
                continue
            if self._not_a_place(doc, span, place, context):
                if place.kind == "city" and _follows_a_name(doc, span):
                    surnames.add(name)
                continue
            if place.kind == "base":
                span, place = self._town_of_base(doc, span, place, context)
            self._record(doc, span, place)
            if place.kind == "city":
                towns.append((span, place))
        if towns and "Camp" in words:
            self._camps(doc, words, found, blocked, towns)
            facts_of(doc, "places").sort(key=lambda p: p["start"])
        for start, end in self._unknown(doc, words, starts, found, blocked):
            add_fact(
                doc,
                "places",
                start,
                end,
                name=text[start:end],
                resolved=False,
                geo_precision="unresolved",
                confidence=0.3,
            )
        return doc

    @staticmethod
    def _camps(
        doc: Doc,
        words: list[str],
        found: list[tuple[Span, str]],
        blocked: list[tuple[int, int]],
        towns: list[tuple[Span, Place]],
    ) -> None:
        """Record named camps the gazetteer does not know, at the town beside them.

        "Camp de Gaulle in Libreville", "Camp Sangoulé Lamizana in Ouagadougou": "Camp"
        and a capitalised name is a military camp; it is placed at the town named in the
        same sentence (the nearest one), and left out when the sentence names none.
        """
        taken = [(s.start, s.end) for s, _ in found]
        text = text_of(doc)
        for i, word in enumerate(words[:-1]):
            if word != "Camp" or any(a <= i < b for a, b in taken):
                continue
            end = i + 1
            while end < len(words) and end - i <= 5:
                nxt = words[end]
                if (nxt[:1].isupper() and nxt[:1].isalpha()) or nxt[:2] in {"d'", "d’"}:
                    end += 1
                elif (
                    nxt in _NAME_PARTICLES and end + 1 < len(words) and words[end + 1][:1].isupper()
                ):
                    end += 2
                else:
                    break
            if end == i + 1 or not words[end - 1][:1].isupper():
                continue
            span = doc[i:end]
            if any(b_start <= span.start_char < b_end for b_start, b_end in blocked):
                continue
            sent = span.sent if doc.has_annotation("SENT_START") else doc
            near = [
                (min(abs(t.start - end), abs(i - t.end)), place)
                for t, place in towns
                if sent.start <= t.start < sent.end
            ]
            if not near:
                continue
            town = min(near, key=lambda pair: pair[0])[1]
            add_fact(
                doc,
                "places",
                span.start_char,
                span.end_char,
                name=text[span.start_char : span.end_char],
                kind="base",
                iso3=town.iso3,
                geonames_id=None,
                lat=town.lat,
                lon=town.lon,
                geo_precision="point",
                resolved=True,
                confidence=0.6,
            )

    @staticmethod
    def _unknown(
        doc: Doc,
        words: list[str],
        starts: list[int],
        found: list[tuple[Span, str]],
        blocked: list[tuple[int, int]],
    ) -> list[tuple[int, int]]:
        """Names in a place's position that the gazetteer does not know ("moved to Zembla").

        A capitalised word (or two) right after "in", "near", "outside", "into" or
        "towards", or after "from"/"to" when it ends the phrase, that is no known place,
        actor, month or weekday: kept so that an analyst sees it, flagged unresolved.
        """
        taken = [(s.start, s.end) for s, _ in found]
        text = text_of(doc)
        lowers = lowers_of(doc)
        spans = []
        for i in range(1, len(words)):
            prep, word = lowers[i - 1], words[i]
            if prep not in _LOCATIVE and prep not in {"from", "to"}:
                continue
            if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
                continue
            if word in _NOT_NAMES or any(a <= i < b for a, b in taken):
                continue
            j = i + 1
            if j < len(words) and words[j][:1].isupper() and words[j].isalpha():
                j += 1
            after = words[j] if j < len(words) else "."
            if prep in {"from", "to"} and after not in {".", ",", ";", "and", "\n"}:
                continue
            start, end = starts[i], starts[j - 1] + len(words[j - 1])
            if any(b_start <= start < b_end for b_start, b_end in blocked):
                continue
            if any(start < p["end"] and p["start"] < end for p in facts_of(doc, "actors")):
                continue
            spans.append((start, end))
        return [s for s in spans if text[s[0] : s[1]].strip()]

    def _longest_match(self, text: str, words: list[str], starts: list[int], i: int) -> int:
        """Return the length in tokens of the longest name starting at token ``i`` (0: none)."""
        first = words[i]
        if not first[:1].isupper() or first in _NOT_FIRST:
            return 0
        names = self.names
        longest = self._firsts.get(_first_key(first), 0)
        if not longest:
            return 0
        start = starts[i]
        for n in range(min(self.max_tokens, longest + 1, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if not last.strip() or not (last[:1].isalnum() or last[-1:].isalnum()):
                continue
            end = starts[i + n - 1] + len(last)
            surface = text[start:end]
            if n > 1 and any(c in surface for c in "\n\t"):
                continue
            if _normalized(surface) in names:
                return n
        return 0

    @staticmethod
    def _blocked_ranges(doc: Doc) -> list[tuple[int, int]]:
        """Character ranges in which no place is recorded."""
        ranges = [
            (a["start"], a["end"])
            for a in facts_of(doc, "actors")
            if a.get("actor_kind") not in {"state", None}
        ]
        return ranges + source_spans(doc)

    @staticmethod
    def _excluded(doc: Doc, span: Span, blocked: list[tuple[int, int]]) -> bool:
        start, end = span.start_char, span.end_char
        for b_start, b_end in blocked:
            if b_start <= start and end <= b_end and (b_end - b_start) > (end - start):
                return True
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is None:
            return False
        if nxt.lower_ in _NOT_AFTER or nxt.text.isdigit():
            return True  # "Niger River", "Niger State", "France 24"
        text = text_of(doc)[start:end]
        # "US troops", "UK officials": an abbreviation used as an adjective names an actor
        return text.isupper() and len(text) <= 3 and nxt.lower_ in _ATTRIBUTIVE

    @staticmethod
    def _not_a_place(doc: Doc, span: Span, place: Place, context: list[str]) -> bool:
        """Whether a town's name is used here as part of another name, or as a word.

        A town (not a country or region) is no place when it is introduced by a title
        or an operation ("General Pascal", "Operation Mirador"), when it stands next to
        another capitalised word inside a run of names ("Fatoumata Kaba", "Koffi Yao",
        "the Accra Initiative") in running text, or when it is a small town of a country
        far from the Sahel that the article never names and it does not follow a
        preposition of place ("Young men queued", "The Brits were ..."). A region named
        as a minister's portfolio ("the Minister for Europe") is no place either.
        """
        if place.kind == "country":
            return False
        if (
            span.start > 1
            and doc[span.start - 1].lower_ in {"for", "of"}
            and doc[span.start - 2].lower_ in _PORTFOLIO_HOLDERS
        ):
            return True  # "the Minister for Europe and Foreign Affairs"
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        if place.kind == "region":  # "the Lake Chad Basin Commission", "Sahel Alliance"
            return _in_name_run(doc, span, None, nxt)
        if prev is not None and prev.text.rstrip(".") in _NAMING_WORDS:
            return True
        if place.kind == "city" and _in_name_run(doc, span, prev, nxt):
            return True
        return (
            place.kind == "city"
            and not place.capital
            and place.iso3 not in _NEAR_SAHEL
            and place.iso3 not in context
            and place.population < _WELL_KNOWN
            and (prev is None or prev.lower_ not in _PLACE_PREPOSITIONS)
        )

    def _town_of_base(
        self, doc: Doc, span: Span, place: Place, context: list[str]
    ) -> tuple[Span, Place]:
        """Read "the Gao base", "its Niamey air base" as the town, a named base as the base.

        A base described, after a determiner, by its town and a common noun names the
        town; a base with a name of its own ("Camp Castor", "Air Base 201", "Kossei"),
        or written as a name without a determiner ("landed at Wunstorf air base"), is
        a base.
        """
        if span.start == 0 or doc[span.start - 1].lower_ not in _DETERMINERS:
            return span, place  # "landed at Wunstorf air base": used as a name
        end = span.end
        while end > span.start + 1 and doc[end - 1].lower_ in _BASE_NOUNS:
            if not doc[end - 1].text.islower():
                return span, place
            end -= 1
        if end == span.end:
            return span, place
        town = self.gazetteer.resolve(doc[span.start : end].text, context_iso3=context)
        if town is None or town.kind != "city":
            return span, place
        return doc[span.start : end], town

    @staticmethod
    def _record(doc: Doc, span: Span, place: Place) -> None:
        start, end = span.start_char, span.end_char
        if place.kind == "region" and span.end < len(doc):
            nxt = doc[span.end]
            if nxt.lower_ in _REGION_WORDS:
                end = nxt.idx + len(nxt.text)
        add_fact(
            doc,
            "places",
            start,
            end,
            name=place.name,
            kind=place.kind,
            iso3=place.iso3,
            geonames_id=place.geonames_id,
            lat=place.lat,
            lon=place.lon,
            geo_precision="point" if place.kind in {"city", "base"} else "centroid",
            resolved=True,
            confidence=_CONFIDENCE.get(place.kind, 0.8),
        )


# Capitalised words that begin a place's own name ("Mount Hombori", "Upper Gao")
_PLACE_PREFIXES = frozenset(
    """Mount Mt Lake Port Cape Fort Greater Upper Lower Northern Southern Eastern Western
    Central North South East West New Old Grand Saint St Sainte""".split()
)


def _is_name_word(token) -> bool:
    """Tell a capitalised name word ("Koffi", "Kaba") from "The", "In" or "Malian"."""
    text = token.text
    return (
        text[:1].isupper()
        and text[1:].islower()
        and text.isalpha()
        and not token.is_stop
        and text not in _NOT_NAMES
        and text not in COUNTRY_WORDS
    )


def _follows_a_name(doc: Doc, span: Span) -> bool:
    """Whether a word comes right after a title, an operation or a given name."""
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.text.rstrip(".") in _NAMING_WORDS:
        return True
    return (
        not span[0].is_sent_start
        and not prev.is_sent_start
        and prev.whitespace_ != ""
        and _is_name_word(prev)
        and prev.text not in _PLACE_PREFIXES
    )


def _in_name_run(doc: Doc, span: Span, prev, nxt) -> bool:
    """Whether a town's name is glued to another capitalised name in running text."""
    before = prev is not None and _follows_a_name(doc, span)
    after = (
        nxt is not None
        and span[-1].whitespace_ != ""
        and not nxt.is_sent_start
        and _is_name_word(nxt)
        and nxt.text not in _PLACE_NOUNS
        and nxt.text not in _NAMING_WORDS  # "the Kidal Governor": still the town
    )
    if not (before or after):
        return False
    # a headline in title case ("Troops Leave Gao Base") capitalises every word
    if doc.has_annotation("SENT_START"):
        words = span.sent
    else:  # no sentence component: the words around the name
        words = doc[max(0, span.start - 8) : span.end + 8]
    return any(t.is_alpha and t.is_lower and len(t) > 3 for t in words)
