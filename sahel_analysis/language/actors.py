"""Actor recognition: states, forces, organisations and groups, with canonical names.

Two components:

``sahel_actors``
    Matches the shipped actor list (``data/curated/actors.csv``: names, demonyms,
    operations and forces, each with its canonical English name) on token windows,
    longest first. A country name is recorded as an actor only where it acts: before a
    possessive, a verb or an auxiliary ("Mali has", "France's President").
``sahel_actor_references``
    Runs after places and people and resolves what the list cannot: a capital standing
    for its government ("Paris said" -> France), a junta (-> its country), "his country"
    (-> the country of the person last named) and a coalition's "allies" ("France and
    its allies" -> European allies, the Takuba partners).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sahel_analysis import data
from sahel_analysis.language.extensions import (
    add_fact,
    facts_of,
    lowers_of,
    source_spans,
    text_of,
    token_offsets,
    words_of,
)

__all__ = ["ActorEntry", "ActorRecognizer", "ActorReferences", "actor_list", "canonical_state"]

_POSSESSIVE = {"'s", "’s", "'", "’"}
_AUXILIARIES = set(
    """has had have is was are were will would could can should must may might did does
    said says told announced agreed ordered decided asked wants wanted sent deployed
    withdrew withdraws withdrawing pulled began begins ended ends hosts hosted accused
    called refused rejected denied confirmed plans planned expelled expels completed
    completes began begins started starts finished launched ended keeps kept maintains
    maintained retains closed handed insisted warned demanded signed promised pledged
    provided contributed committed offered sends supplied cut cuts reduced reduces trimmed
    trims scaled increased raised doubled halved""".split()
)
_GOVERNMENT_VERBS = _AUXILIARIES - {"is", "was", "are", "were", "has", "had", "have"}
_JUNTA_WORDS = {"junta", "juntas", "putschists", "rulers", "regime"}
_PREPOSITIONS = {"in", "at", "to", "from", "near", "into", "of", "outside", "around"}
_ADVERBS = set(
    """still also now already then currently reportedly formally officially finally again
    too itself first later subsequently quickly""".split()
)
_MODIFIER_HEADS = set(
    """linked backed allied friendly aligned born trained made style funded brokered
    sponsored supported controlled based owned""".split()
)


@dataclass(frozen=True)
class ActorEntry:
    """One line of the actor list."""

    pattern: str
    actor: str
    actor_kind: str
    iso3: str | None


@cache
def actor_list() -> dict[str, ActorEntry]:
    """Return the shipped actor list, keyed by surface pattern.

    Examples
    --------
    >>> actor_list()["MINUSMA"].actor
    'United Nations'
    """
    table = data.actors()
    entries = {}
    for row in table.itertuples(index=False):
        iso3 = row.iso3 if isinstance(row.iso3, str) and row.iso3 else None
        entries[row.pattern] = ActorEntry(row.pattern, row.actor, row.actor_kind, iso3)
    return entries


@cache
def _states_by_iso3() -> dict[str, str]:
    states: dict[str, str] = {}
    for entry in actor_list().values():
        if entry.actor_kind == "state" and entry.iso3 and entry.pattern == entry.actor:
            states.setdefault(entry.iso3, entry.actor)
    return states


def canonical_state(iso3: str | None) -> str | None:
    """Return the canonical English name of the state with code ``iso3``.

    Examples
    --------
    >>> canonical_state("NER")
    'Niger'
    """
    if not iso3:
        return None
    return _states_by_iso3().get(iso3)


@cache
def _pattern_lengths() -> dict[str, list[int]]:
    """Token lengths of the patterns that start with each first token, longest first."""
    from sahel_analysis.language import load_pipeline

    tokenizer = load_pipeline().tokenizer  # blank English, built once per process
    lengths: dict[str, set[int]] = {}
    for pattern in actor_list():
        tokens = [t.text for t in tokenizer(pattern)]
        lengths.setdefault(tokens[0], set()).add(len(tokens))
    return {first: sorted(n, reverse=True) for first, n in lengths.items()}


@Language.factory("sahel_actors")
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    """Create the actor recogniser (spaCy factory ``sahel_actors``)."""
    return ActorRecognizer()


class ActorRecognizer:
    """Record actor mentions from the actor list in ``doc._.facts["actors"]``.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sahel_actors")
    >>> doc = nlp("French troops and MINUSMA left, and Mali has no allies.")
    >>> [(a["text"], a["actor"]) for a in doc._.facts["actors"]]
    [('French', 'France'), ('MINUSMA', 'United Nations'), ('Mali', 'Mali')]
    """

    def __call__(self, doc: Doc) -> Doc:
        """Record actor mentions on ``doc`` and return it."""
        entries = actor_list()
        lengths = _pattern_lengths()
        source = source_spans(doc)
        text = text_of(doc)
        words = words_of(doc)
        starts, ends = token_offsets(doc)
        free_from = 0  # mentions do not overlap: the next one starts after the last
        for i in [i for i, word in enumerate(words) if word in lengths]:
            if i < free_from:
                continue
            match = None
            for n in lengths[words[i]]:
                if i + n <= len(words):
                    entry = entries.get(text[starts[i] : ends[i + n - 1]])
                    if entry is not None:
                        match = (doc[i : i + n], entry)
                        break
            if match is None:
                continue
            span, entry = match
            inside_source = any(a <= span.start_char and span.end_char <= b for a, b in source)
            if not inside_source and self._acts(doc, span, entry):
                add_fact(
                    doc,
                    "actors",
                    span.start_char,
                    span.end_char,
                    actor=entry.actor,
                    actor_kind=entry.actor_kind,
                    iso3=entry.iso3,
                    confidence=0.9,
                )
            free_from = span.end
        return doc

    @staticmethod
    def _acts(doc: Doc, span: Span, entry: ActorEntry) -> bool:
        """Whether a mention is an actor (always, except bare country names).

        A hyphenated modifier ("Kremlin-linked", "Russian-backed") is not the actor.
        A country name acts before a possessive, a verb or an auxiliary (adverbs
        between are skipped: "France still had"), in a relative clause ("Sweden,
        which had deployed"), after "by", and coordinated ("France and its allies").
        """
        words, lowers = words_of(doc), lowers_of(doc)
        n = len(words)
        if span.end + 1 < n and words[span.end] == "-" and lowers[span.end + 1] in _MODIFIER_HEADS:
            return False
        if entry.actor_kind != "state" or entry.pattern != entry.actor:
            return True
        if span.start > 0 and lowers[span.start - 1] == "by":
            return True
        i = span.end
        while i < n and lowers[i] in _ADVERBS:
            i += 1
        if i >= n:
            return False
        if words[i] in _POSSESSIVE or lowers[i] in _AUXILIARIES:
            return True
        if words[i] == "," and i + 1 < n and lowers[i + 1] in {"which", "who"}:
            return True
        return lowers[i] == "and" and i + 1 < n and lowers[i + 1] in {"its", "their", "the"}


@Language.factory("sahel_actor_references")
def make_actor_references(nlp: Language, name: str) -> ActorReferences:
    """Create the actor reference resolver (spaCy factory ``sahel_actor_references``)."""
    return ActorReferences()


class ActorReferences:
    """Resolve capitals, juntas, "his country" and "allies" to canonical actors.

    Reads the place and person records made earlier in the pipeline.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Record the resolved actor mentions on ``doc`` and return it."""
        actors = facts_of(doc, "actors")
        places = facts_of(doc, "places")
        taken = {(a["start"], a["end"]) for a in actors}
        for place in places:
            self._capital_as_government(doc, place, taken)
        lowers = lowers_of(doc)
        for i, low in enumerate(lowers):
            if low in _JUNTA_WORDS:
                self._junta(doc, doc[i], places, taken)
            elif low == "country" and i > 0 and lowers[i - 1] in {"his", "her"}:
                self._own_country(doc, doc[i - 1 : i + 1], taken)
            elif low == "allies" and i > 0:
                self._allies(doc, doc[i], taken)
        actors.sort(key=lambda a: (a["start"], a["end"]))
        return doc

    @staticmethod
    def _add(
        doc: Doc,
        start: int,
        end: int,
        actor: str,
        iso3: str | None,
        taken: set,
        kind: str = "state",
        confidence: float = 0.7,
    ) -> None:
        if (start, end) in taken or actor is None:
            return
        taken.add((start, end))
        add_fact(
            doc,
            "actors",
            start,
            end,
            actor=actor,
            actor_kind=kind,
            iso3=iso3,
            confidence=confidence,
        )

    def _capital_as_government(self, doc: Doc, place: dict, taken: set) -> None:
        if place.get("kind") != "city" or not place.get("iso3"):
            return
        span = doc.char_span(place["start"], place["end"])
        if span is None or span.end >= len(doc):
            return
        nxt = doc[span.end]
        if (nxt.lower_ not in _GOVERNMENT_VERBS and nxt.text not in _POSSESSIVE) or not _is_capital(
            place
        ):
            return  # "Paris said", "Tallinn's commitment": the government
        if span.start > 0 and doc[span.start - 1].lower_ in _PREPOSITIONS:
            return  # "the talks in Bamako ended": a place, not a government
        iso3 = place["iso3"]
        self._add(doc, place["start"], place["end"], canonical_state(iso3), iso3, taken)

    def _junta(self, doc: Doc, tok: Token, places: list[dict], taken: set) -> None:
        sent = tok.sent
        # "Mali's junta", "the Malian junta": a state named just before
        before = [
            a
            for a in facts_of(doc, "actors")
            if a.get("iso3")
            and sent.start_char <= a["end"] <= tok.idx
            and a.get("actor_kind") == "state"
            and tok.idx - a["end"] <= 25
        ]
        # "the junta in Bamako": a place right after
        after = [
            p
            for p in places
            if p.get("iso3")
            and tok.idx < p["start"] <= sent.end_char
            and p["start"] - tok.idx <= 25
        ]
        # "relations with the ruling junta in the country", "In Niamey, the junta":
        # the country or town last named
        earlier = [
            p
            for p in places
            if p.get("iso3")
            and sent.start_char <= p["end"] <= tok.idx
            and (p.get("kind") == "country" or _after_in(doc, p, tok.idx))
        ]
        if before:
            iso3 = before[-1]["iso3"]
        elif after:
            iso3 = after[0]["iso3"]
        elif earlier:
            iso3 = earlier[-1]["iso3"]
        else:
            iso3 = _main_country(places, before=tok.idx)
        start = tok.idx
        if tok.i > 0 and doc[tok.i - 1].lower_ in {"ruling", "military"}:
            start = doc[tok.i - 1].idx
        self._add(doc, start, tok.idx + len(tok.text), canonical_state(iso3), iso3, taken)

    def _own_country(self, doc: Doc, span: Span, taken: set) -> None:
        people = [
            a
            for a in facts_of(doc, "actors")
            if a.get("actor_kind") == "person" and a["end"] <= span.start_char and a.get("iso3")
        ]
        if people:
            iso3 = people[-1]["iso3"]
            self._add(doc, span.start_char, span.end_char, canonical_state(iso3), iso3, taken)

    def _allies(self, doc: Doc, tok: Token, taken: set) -> None:
        prev = doc[tok.i - 1]
        owners = [
            a
            for a in facts_of(doc, "actors")
            if a["end"] <= tok.idx
            and a["start"] >= tok.sent.start_char
            and a.get("actor_kind") == "state"
        ]
        french = prev.lower_ == "french" or (
            prev.lower_ in {"its", "their", "'s", "’s"}
            and owners
            and owners[-1].get("iso3") == "FRA"
        )
        if french:
            start = prev.idx if prev.lower_ in {"its", "their"} else tok.idx
            self._add(
                doc,
                start,
                tok.idx + len(tok.text),
                "European allies",
                None,
                taken,
                kind="group",
                confidence=0.6,
            )


def _after_in(doc: Doc, place: dict, limit: int) -> bool:
    """Return whether a town stands right after "in", close before ``limit``."""
    before = text_of(doc)[max(0, place["start"] - 4) : place["start"]].lower()
    return before.endswith("in ") and limit - place["end"] <= 30


# Seats of government that are not the official capital: the press writes "Abidjan said"
# for Côte d'Ivoire (capital Yamoussoukro) and "Cotonou" for Benin (capital Porto-Novo).
_SEATS_OF_GOVERNMENT = {
    ("Abidjan", "CIV"),
    ("Cotonou", "BEN"),
    ("Dar es Salaam", "TZA"),
}


def _is_capital(place: dict) -> bool:
    from sahel_analysis.gazetteer import Gazetteer

    if (place["name"], place["iso3"]) in _SEATS_OF_GOVERNMENT:
        return True
    candidates = Gazetteer.default().candidates(place["name"])
    return any(c.capital and c.iso3 == place["iso3"] for c in candidates)


def _main_country(places: list[dict], before: int) -> str | None:
    counts: dict[str, int] = {}
    for p in places:
        if p.get("kind") == "country" and p["start"] < before:
            counts[p["iso3"]] = counts.get(p["iso3"], 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda k: counts[k])
