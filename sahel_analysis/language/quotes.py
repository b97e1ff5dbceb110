"""Direct quotations and their speakers: the ``sahel_quotes`` component.

Quotations are read from their marks: straight ``"..."``, curly ``“...”``,
guillemets ``«...»`` and, when clearly a quotation, single ``‘...’`` or ``'...'``
(British style; the opening mark after a space or bracket and before a letter, the
closing mark not inside a word -- ``We're``, ``d'Ivoire`` -- nor a plural possessive
such as ``allies’ forces``). A quotation
stays within its paragraph, except that an unclosed quotation whose next paragraph
opens with a quote mark continues there (newspaper style for long quotations); an
unclosed quotation otherwise is dropped, so unbalanced marks never produce wild
spans. A quotation inside another (``“he called it ‘dead’”``) is part of the outer one.

Each quotation becomes a ``quotes`` record whose ``start``/``end`` cover its content
without the marks (``doc.text[start:end] == text``; surrounding spaces and a final
comma are left out).

Attribution rule
----------------
A quotation gets a speaker only from a *speech frame*, a speaker and a speech verb
(said, told, added, announced, according to, ...) in the same sentence and adjacent
to the quotation:

- after it, separated from it only by a comma or dash (or by the quotation's own
  closing punctuation): ``“...”, Macron told a news conference``, ``"..." said
  Macron``, ``"...," he said``;
- before it, with the verb at most 25 words before the opening mark and no other
  quotation or clause break (``;``) between: ``Macron said: "..."``,
  ``X told reporters "..."``, ``Macron said the pull-out would be “orderly”``; the
  subject is the phrase before the verb, or after the last comma when what comes
  before it is an adverbial (``In a statement, the general staff said``);
- before a colon that opens the quotation, a clause whose subject is a pronoun, a
  description or a named person: ``the French president summed up the visit: "..."``.

A participle reports the speech of its sentence's subject, who must be named:
``Goïta spoke on Sunday, saying "..."``, ``X was quoted as saying "..."``. A name
set off after a description is the speaker (``insisted the Minister of Foreign
Affairs, Abderaman Koulamallah``), a clause set off in the speaker phrase is not
(``Diop, who was speaking at the UN, said``). A passive speech verb (``the talks were
described as``) makes no frame. Calling or describing something puts words on it:
``calling it "illegal"`` and ``described the schedule as "extremely tight"`` are
quotations of whoever calls, however short. A sentence opening on a view (``For him,
...``, ``In her view, ...``) gives the quotation to the person that pronoun names.

A quotation without a frame of its own that follows an attributed one in the same
sentence (no ``;`` between) has the same speaker: ``the general staff said the
pull-out had been “a challenge” completed “in good order”``.

The speaker phrase is resolved to a person ``actors`` record inside it (surnames
carry the full name, see :mod:`sahel_analysis.language.people`); else a
description (``the minister``, ``the French president``) to the most recent person
with that role -- or, for a head of state or government, to the person just named
when the article gives them no other role; else to a non-person ``actors`` record
(its canonical actor, ``speaker_role`` null; the first of coordinated ones, and a
country after ``of`` counts: ``the governments of Mali and Niger``). A pronoun
(he, she) names the most recent person mentioned before the quotation; ``it`` the
last organisation or state named in that sentence or the one before. A name after a
title (``MINUSMA spokeswoman Fatoumata Kaba``) or set off by commas after a
description (``A spokesman for the army, Andriy Yusov, said``), or a capitalised name
no component knew, is kept as written. A document speaks for whoever issued it:
``according to a statement from the junta``, ``the channel said`` (an outlet:
channel, account, website, page), ``"...", read a statement by the
ministry`` (``read`` attributes only a document), and ``the statement said`` for the
organisation or state just named.
A definite description no record explains (``the ministry said``, ``the general
staff said``) names an institution: the speaker is the description as written
(``ministry``) -- unless it describes a person (``the diplomat said``, ``the
colonel said``), who is then unnamed; one that only points back (``the
45-year-old``, ``the Frenchman``) names the person just named; an indefinite one
(``a senior officer``, ``a diplomat``, ``an adviser travelling with the president``,
``a Chadian captain`` -- whatever its head noun, and even when a word in it names a
state) is an anonymous source, so the
speaker is null. The phrase is kept as ``speaker_text``. An unnamed speaker counts as
the last person mentioned: after ``a VDP leader told our reporter ...``, a ``he``
is that unnamed leader, not the person named before.

A name or title in quote marks after ``titled``, ``entitled``, ``named``, ``known as``
or ``so-called`` (``a report titled "Mali: the year of living dangerously"``) is not a
quotation and is not recorded. One or two words in quote marks (``had "neutralised"
203``) are a term, not a quotation, and are not recorded -- unless an attribution
follows them (``“almost impossible”, Wane said``), which only a quotation gets, or a
person named in the article said them (``Borrell said there were not “enough
guarantees”``).

A quotation of two words is kept when a named state, organisation or person is
reported saying it (``Mali told the Council the mission must leave "without
delay"``); a single capitalised plural opening a sentence (``Officials said``) is
not taken for a name.

A quotation with no frame has a null speaker -- this is what keeps scare quotes such
as ``take place “in an orderly manner”`` unattributed -- except a continuation: a
quotation of more than four words that opens its sentence or paragraph (or continues
an unclosed quotation), right after a quotation with a speaker and with no other
person mentioned in between, keeps that speaker.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("sentencizer")
>>> _ = nlp.add_pipe("sahel_quotes")
>>> doc = nlp('"We will leave Mali," the minister said. It will be “orderly and safe”.')
>>> [(q["text"], q["speaker"], q.get("speaker_text")) for q in facts_of(doc, "quotes")]
[('We will leave Mali', 'minister', 'the minister'), ('orderly and safe', None, None)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from sahel_analysis.language.extensions import add_fact, facts_of, sentences_of, text_of

__all__ = ["QuoteSpan", "attribute_quotes", "find_quote_spans", "make_quotes"]

# Verbs of saying, in the past and the present ("said", "says", "confides"); for the
# second list, whose present is also a plural noun ("the states", "the notes"), the past.
_SPEECH_VERBS = """
    add announce argue assure caution claim complain concede conclude confide confirm
    declare deplore disclose emphasise emphasize explain indicate insist lament
    maintain note observe predict recount reiterate respond retort reveal suggest
    underline urge warn affirm allege boast acknowledge
"""
_SPEECH_PAST_ONLY = """
    answer comment counter pledge post promise quip recall remark state stress tweet
    joke vow continue
"""
_SPEECH = (
    r"said|says|say|told|tells|tell|wrote|writes|asked|asks|replied|replies|denied|denies"
    r"|admitted|admits|quipped|"
    + "|".join(rf"{v.removesuffix('e')}(?:e?d|e?s)" for v in _SPEECH_VERBS.split())
    + "|"
    + "|".join(rf"{v.removesuffix('e')}e?d" for v in _SPEECH_PAST_ONLY.split())
)
# A participle reports speech in the clause of its subject: "X spoke on Sunday,
# saying ...", "X was quoted as saying ...", "X addressed the crowd, telling them ..."
_PARTICIPLE = r"saying|telling|adding|insisting|warning|declaring|explaining"
_QUOTED_AS_RE = re.compile(
    r"[ \t]+(?:was|were|is|are|has[ \t]+been|had[ \t]+been)[ \t]+quoted\b[^,;]{0,60}?"
    r"[ \t]+as[ \t]*$"
)
_ABBREV = (
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Capt|Maj|Sgt|Adm|Sen|Rep|Prof|Brig|Cmdr|St)\.|\b[A-Z]\.)"
)
_NP_CHAR = rf"(?:{_ABBREV}|[^.;:!?\n\"“”«»‘])"
_AUX = r"(?:(?:has|had|have|also|then|later|earlier|once|again|quickly)[ \t]+)*"
_SEP = r"[ \t\u00a0]*(?P<sep>[,—–-]+)?[ \t\u00a0]*"
_AFTER_SPEAKER_FIRST_RE = re.compile(
    rf"^{_SEP}(?P<np>{_NP_CHAR}{{1,100}}?)[ \t]+{_AUX}(?P<verb>{_SPEECH}|read)\b"
)
_AFTER_VERB_FIRST_RE = re.compile(
    rf"^{_SEP}(?P<verb>{_SPEECH}|according to|read(?=[ \t]+(?:a|an|the|its|their)[ \t]))"
    rf"[ \t]+(?P<np>{_NP_CHAR}{{1,100}}?)"
    r"(?=[,.;:!?\n\"“”«»]|$|[ \t]+(?:in|on|at|to|during|after|before|when|while|as|adding"
    r"|who|which|that|from|of|with|late|earlier|yesterday|today|last|this|recently)\b)"
)
# A definite description that only points back: "the 45-year-old", "the Frenchman".
_ANAPHOR_RE = re.compile(
    r"^the[ \t]+(?:[\w'’-]+[ \t]+)?(?:\d+-year-old|(?!spokes)[A-Z]\w*(?:man|woman))$", re.IGNORECASE
)
_PASSIVE_RE = re.compile(r"\b(?:was|were|is|are|been|being|be)[ \t]+$")
# A sentence opening on whose view it reports: "For him, ...", "In her view, ...".
_VIEW_RE = re.compile(
    r"[ \t]*(?:(?:For|According to)[ \t]+(him|her)|In[ \t]+(his|her)[ \t]+"
    r"(?:view|words|opinion|eyes))[ \t]*,"
)
# A relative or participial clause set off by commas inside a speaker phrase.
_SET_OFF_CLAUSE_RE = re.compile(
    r",[ \t]+(?:who|whose|which|speaking|writing|talking|addressing|visiting)\b"
)
# Calling or describing something puts words on it: "called it 'illegal'",
# "described the schedule as 'extremely tight'" (the object comes before the quote).
_CHARACTERISE = r"call(?:ed|s)|describe[sd]|branded|brands"
_CHARACTERISING = r"calling|describing|branding"
_CHARACTERISE_RE = re.compile(
    rf"(?<![\w-])(?:{_CHARACTERISE}|{_CHARACTERISING})[ \t]+(?:[\w'’-]+[ \t]+){{1,5}}?"
    r"(?:as[ \t]+)?$"
)
_VERB_RE = re.compile(
    rf"(?<![\w-])(?:{_SPEECH}|[Aa]ccording to|[Ii]n the words of|put it|{_CHARACTERISE}"
    rf"|(?P<participle>{_PARTICIPLE}|{_CHARACTERISING}))\b"
)
_PRONOUN_RE = re.compile(r"^(?:he|she)$", re.I)
_IT_RE = re.compile(r"^it$", re.I)
# A bare plural or a plural pronoun: "villagers", "local residents", "they", "we".
_GROUP_RE = re.compile(r"they|we|I|(?:[a-z][\w'’-]+[ \t]+){0,2}[a-z][\w'’-]*[a-rt-z]s")
_NP_START_RE = re.compile(r"^(?:the|a|an|his|her|its|their|[A-Z\u00c0-\u024f])", re.UNICODE)
_NOT_NP_RE = re.compile(
    r"^(?:and|but|or|so|then|over|in|on|at|to|for|as|by|with|from|which|that|who|when"
    r"|while|because|if|than|into|before|after)\b",
    re.I,
)
_DESCRIPTION_RE = re.compile(
    r"^the (?:[\w'’-]+ ){0,3}?(?P<head>minister|president|spokes(?:man|woman|person)|general"
    r"|colonel|captain|commander|ambassador|envoy|secretary|chancellor|leader|chief|head"
    r"|officer|official|director|senator|prime minister)$",
    re.I,
)
# A document as the subject of a speech verb: its author speaks.
_DOCUMENT_RE = re.compile(
    r"^(a|an|the|its|their|his|her)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:statement|communiqu[eé]"
    r"|message|post|letter|press release|release|decree|declaration|note|channel|account"
    r"|website|page)$",
    re.IGNORECASE,
)
_FROM_RE = re.compile(
    r"[ \t]+(?:(?:issued|released|posted|published|signed|sent)[ \t]+)?(?:from|by|of)[ \t]+"
)
_HEADS_OF_STATE = frozenset(["president", "prime minister", "chancellor"])
_RELATIVE_RE = re.compile(r"\b(?:that|who|which|whose)\b")
_WORD_RE = re.compile(r"[\w'’.-]+")
_DETERMINERS = frozenset(
    ["The", "A", "An", "His", "Her", "Its", "Their", "This", "That", "These", "Those"]
)
_MAX_BEFORE_WORDS = 25
_SHORT_WORDS = 4
_SHORT_ATTRIBUTION_RE = re.compile(r"^[ \t]*[.,]")
_SENTENCE_END_RE = re.compile(  # a sentence end, not an initial or an abbreviated title
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|Lt|St))(?<!\b(?:Mrs|Gen|Col|Maj|Sgt|Adm|Sen|Rep))"
    r"(?<!\bCapt)[.!?…][\"”»’)]*[ \t\u00a0]+"
)

_OPENERS = {"“": "double", "«": "guillemet", "‘": "single"}
_CLOSERS = {"”": "double", "»": "guillemet", "’": "single"}
_MARK_RE = re.compile(r"[\"“”«»‘’']")
_SPEECH_NEXT_RE = re.compile(rf"^[ \t]+(?:he|she|they|it|{_SPEECH})\b")


@dataclass
class QuoteSpan:
    """One quotation found in a text.

    Parameters
    ----------
    open : int
        Offset of the opening mark.
    close : int
        Offset of the closing mark, or of the paragraph end for a quotation that
        continues in the next paragraph.
    start, end : int
        Offsets of the content, without marks, surrounding spaces or final comma.
    continued : bool
        True when the quotation runs on into the next paragraph (no closing mark).
    """

    open: int
    close: int
    start: int
    end: int
    continued: bool = False


def _can_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in '([{—–-/:"“‘«') and not nxt.isspace()


def _can_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and not nxt.isalnum()


def _single_can_close(text: str, i: int) -> bool:
    if not _can_close(text, i):
        return False
    prev = text[i - 1]
    # "the allies’ forces": a plural possessive, unless speech follows ("allies’ he said").
    after = text[i + 1 : i + 20]
    return not (
        prev == "s" and re.match(r"^[ \t]+[a-z]", after) and not _SPEECH_NEXT_RE.match(after)
    )


def _family_marks(text: str, start: int, end: int) -> dict[str, list[tuple[int, str]]]:
    """Return the marks of each family in ``text[start:end]``.

    Each mark is (offset, ``"open"``, ``"close"`` or ``"either"``).
    """
    marks: dict[str, list[tuple[int, str]]] = {"double": [], "guillemet": [], "single": []}
    for m in _MARK_RE.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if ch == '"':
            marks["double"].append((i, "either"))
        elif ch == "‘" or ch == "'":
            nxt = text[i + 1] if i + 1 < len(text) else " "
            prev = text[i - 1] if i > 0 else " "
            if _can_open(text, i) and nxt.isalpha() and not prev.isalnum():
                marks["single"].append((i, "open"))
            elif ch == "'" and _single_can_close(text, i):
                marks["single"].append((i, "close"))  # a straight mark closes too
        elif ch == "’":
            if _single_can_close(text, i):
                marks["single"].append((i, "close"))
        elif ch in _OPENERS:
            marks[_OPENERS[ch]].append((i, "open"))
        else:
            marks[_CLOSERS[ch]].append((i, "close"))
    return marks


def _pair(text: str, marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int]], int | None]:
    """Pair opening and closing marks; return pairs and an unclosed opening, if any."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for i, kind in marks:
        if opened is None:
            if kind == "open" or (kind == "either" and _can_open(text, i)):
                opened = i
            elif kind == "either" and not _can_close(text, i):
                opened = i  # a straight mark inside a word: pair it as written
        elif kind == "close" or (kind == "either" and _can_close(text, i)):
            pairs.append((opened, i))
            opened = None
        elif kind == "open" or kind == "either":
            opened = i  # an opening mark before any close: the earlier one was stray
    return pairs, opened


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Find the quotations of ``text`` from their quote marks.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of QuoteSpan
        Outermost quotations in text order; nested ones are left out.

    Examples
    --------
    >>> text = 'He said: "It is ‘over’." Then «Non» and an allies’ base.'
    >>> [text[q.start:q.end] for q in find_quote_spans(text)]
    ['It is ‘over’.', 'Non']
    """
    paragraphs = _paragraphs(text)
    found: list[QuoteSpan] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        next_start = None
        if n + 1 < len(paragraphs):
            nxt = paragraphs[n + 1][0]
            next_start = text[nxt] if nxt < len(text) else None
        for family, marks in _family_marks(text, p_start, p_end).items():
            pairs, opened = _pair(text, marks)
            for o, c in pairs:
                s, e = _trim(text, o + 1, c)
                if s < e:
                    found.append(QuoteSpan(o, c, s, e))
            continues = next_start is not None and (
                (family == "double" and next_start in '"“')
                or (family == "guillemet" and next_start == "«")
            )
            if opened is not None and continues:
                s, e = _trim(text, opened + 1, p_end)
                if s < e:
                    found.append(QuoteSpan(opened, p_end, s, e, continued=True))
    found.sort(key=lambda q: (q.open, -q.close))
    outer: list[QuoteSpan] = []
    for q in found:
        if outer and q.open < outer[-1].close:
            continue  # nested in, or crossing, the previous quotation
        outer.append(q)
    return outer


# --------------------------------------------------------------------------- speakers


@dataclass
class _Speaker:
    name: str | None
    role: str | None = None
    text: str | None = None
    how: str | None = None


class _Resolver:
    """Resolve speaker phrases against the doc's ``actors`` records."""

    def __init__(self, doc: Doc, sentence_starts: list[int] | None = None) -> None:
        self.starts = sentence_starts or [0]
        actors = sorted(facts_of(doc, "actors"), key=lambda r: (r["start"], r["end"]))
        self.persons = [r for r in actors if r.get("actor_kind") == "person" and r.get("actor")]
        self.others = [r for r in actors if r.get("actor_kind") != "person" and r.get("actor")]
        # "the government of Mali": a country after "of" in a speaker phrase is a state
        text = text_of(doc)
        self.others += [
            {**r, "actor": r["name"], "actor_kind": "state"}
            for r in facts_of(doc, "places")
            if r.get("kind") == "country"
            and r.get("name")
            and text[max(0, r["start"] - 3) : r["start"]] == "of "
        ]
        self.others.sort(key=lambda r: (r["start"], r["end"]))
        self.roles: dict[str, str] = {}
        self.extra: list[tuple[int, str]] = []  # speakers named only in attributions
        self.quote_starts: list[int] = []  # the quotations, set by attribute_quotes
        self.quote_ends: list[int] = []
        # "a VDP leader told our reporter ...": someone unnamed a later "he" may be
        self.unnamed = [m.start() for m in _UNNAMED_SPEAKER_RE.finditer(text)]
        for r in self.persons:
            if r.get("role"):
                self.roles.setdefault(r["actor"], r["role"])

    def person(self, name: str) -> _Speaker:
        return _Speaker(name, self.roles.get(name))

    def last_person_before(self, offset: int) -> _Speaker | None:
        """Return the last person mentioned before ``offset``.

        None for nobody, or for an unnamed speaker (``a VDP leader told ...``)
        mentioned after every named person.
        """
        before = [
            (r["start"], r["actor"])
            for r in self.persons
            if r["end"] <= offset and not self.quoted(r["start"])
        ]
        before += [(pos, name) for pos, name in self.extra if pos < offset]
        last = max(before) if before else None
        unnamed = bisect_right(self.unnamed, offset) - 1
        while unnamed >= 0 and self.quoted(self.unnamed[unnamed]):
            unnamed -= 1
        if unnamed >= 0 and (last is None or self.unnamed[unnamed] > last[0]):
            return None
        return self.person(last[1]) if last else None

    def last_actor_before(self, offset: int) -> _Speaker | None:
        """Return the last non-person actor named in this sentence or the one before."""
        current = bisect_right(self.starts, offset) - 1  # the sentence of ``offset``
        window = self.starts[current - 1] if current > 0 else 0
        before = [r for r in self.others if window <= r["start"] and r["end"] <= offset]
        return _Speaker(before[-1]["actor"]) if before else None

    def described(self, phrase: str, quote_open: int) -> _Speaker | None:
        """Return the person a description (``the minister``, ``the president``) names.

        The last person before the quote holding that role; else, for a head of state
        or government, the last person named before the quote when the article gives
        that person no other role.
        """
        described = _DESCRIPTION_RE.match(phrase)
        if not described:
            return None
        head = described.group("head").lower()
        before = [r for r in self.persons if r["end"] <= quote_open]
        for r in reversed(before):
            if head in (r.get("role") or "").lower():
                return _Speaker(r["actor"], self.roles.get(r["actor"]), phrase, "description")
        if head in _HEADS_OF_STATE and before and not self.roles.get(before[-1]["actor"]):
            # "François Hollande ... the French president": the leader just named
            return _Speaker(before[-1]["actor"], None, phrase, "description")
        return None

    def document_author(
        self, text: str, start: int, end: int, quote_open: int, determiner: str
    ) -> _Speaker:
        """Who speaks through a statement, message or communiqué.

        The actor it is from (``a statement from the junta``, ``by the ministry``);
        else, for a definite one (``the statement said``), the organisation or state
        named last in that sentence or the one before; else nobody.
        """
        phrase = text[start:end].strip(" \t,—–-")
        source = _FROM_RE.match(text, end)
        if source:
            after = [r for r in self.persons + self.others if r["start"] == source.end()]
            if after:
                r = after[0]
                return _Speaker(r["actor"], self.roles.get(r["actor"]), phrase, "document")
        if determiner.lower() != "a":
            found = self.last_actor_before(min(quote_open, start))
            if found:
                return _Speaker(found.name, None, phrase, "document")
        return _Speaker(None, None, phrase, "document")

    def plural_opening(self, text: str, start: int, words: list[str]) -> bool:
        """Whether ``words`` is one plural noun capitalised as a sentence opening.

        ``Officials described ...``, ``Residents said ...``: not a name.
        """
        if len(words) != 1 or not words[0].endswith("s"):
            return False
        sentence = self.starts[bisect_right(self.starts, start) - 1] if self.starts else 0
        return not text[sentence:start].strip(' \t\n"“”«»‘’')

    def quoted(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation (its persons are no antecedents)."""
        n = bisect_right(self.quote_starts, offset) - 1
        return n >= 0 and offset < self.quote_ends[n]

    def is_person(self, name: str | None) -> bool:
        """Whether ``name`` is a person the doc's ``actors`` records know."""
        return name is not None and any(r["actor"] == name for r in self.persons)

    def unnamed_between(self, start: int, end: int) -> bool:
        """Whether an unnamed speaker is brought in between two offsets."""
        n = bisect_right(self.unnamed, start)
        while n < len(self.unnamed) and self.unnamed[n] < end:
            if not self.quoted(self.unnamed[n]):
                return True
            n += 1
        return False

    def persons_between(self, start: int, end: int) -> set[str]:
        return {r["actor"] for r in self.persons if start <= r["start"] and r["end"] <= end}

    def resolve(
        self, text: str, start: int, end: int, quote_open: int, nearest_end: bool
    ) -> _Speaker | None:
        """Speaker of the phrase ``text[start:end]``; None when it is not a noun phrase."""
        phrase = text[start:end].strip(" \t,—–-")
        if _PRONOUN_RE.match(phrase):
            found = self.last_person_before(min(quote_open, start))
            if found is None:
                return _Speaker(None, None, phrase, "pronoun")
            return _Speaker(found.name, found.role, phrase, "pronoun")
        if _IT_RE.match(phrase):  # "it said": the organisation or state just named
            found = self.last_actor_before(start)
            return _Speaker(found.name if found else None, None, phrase, "pronoun")
        # "the governments of Mali and Niger warned": the first of coordinated speakers
        conjunction = phrase.find(" and ")
        first_end = end if conjunction < 0 else text.find(" and ", start, end)

        def inside(records: list[dict]) -> list[dict]:
            found = [r for r in records if r["start"] < end and start < r["end"]]
            first = [r for r in found if r["start"] < first_end]
            return first or found

        persons = inside(self.persons)
        if persons:
            best = max(persons, key=lambda r: r["end"]) if nearest_end else persons[0]
            return _Speaker(best["actor"], self.roles.get(best["actor"]), phrase, "frame")
        described = self.described(phrase, quote_open)  # before "French" makes it France
        if described:
            return described
        if _ANAPHOR_RE.match(phrase):  # "the 45-year-old said": the person just named
            found = self.last_person_before(min(quote_open, start))
            return _Speaker(found.name if found else None, None, phrase, "description")
        titled = _TITLED_NAME_RE.search(phrase) or _APPOSED_NAME_RE.search(phrase)
        if titled:  # "MINUSMA spokeswoman Fatoumata Kaba", "a spokesman, Andriy Yusov,"
            return _Speaker(titled.group("name"), None, phrase, "frame")
        others = inside(self.others)
        if others:
            best = max(others, key=lambda r: r["end"]) if nearest_end else others[0]
            return _Speaker(best["actor"], None, phrase, "frame")
        if _GROUP_RE.fullmatch(phrase) and not _NOT_NP_RE.match(phrase):
            # "villagers told Sahel Wire", "they said": people no one names
            return _Speaker(None, None, phrase, "frame")
        if not phrase or _NOT_NP_RE.match(phrase) or not _NP_START_RE.match(phrase):
            return None
        document = _DOCUMENT_RE.match(phrase)
        if document:  # "a statement from the junta", "the communiqué said"
            return self.document_author(text, start, end, quote_open, document.group(1))
        lead = len(text[start:end]) - len(text[start:end].lstrip(" \t,—–-"))
        modified = _MODIFIED_DOCUMENT_RE.match(text, start + lead, end)
        if modified:  # "the joint statement issued after the ceremony"
            return self.document_author(text, start, modified.end(), quote_open, modified.group(1))
        # No record: match a surname against the persons of the doc.
        words = phrase.split(",")[0].split()
        if words and words[-1][:1].isupper():
            for r in reversed(self.persons):
                if r["actor"].split()[-1] == words[-1]:
                    return _Speaker(r["actor"], self.roles.get(r["actor"]), phrase, "frame")
        if (
            0 < len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and words[0] not in _DETERMINERS
            and not self.plural_opening(text, start, words)
        ):
            name = " ".join(words)  # a name no component knew
            self.extra.append((start, name))
            return _Speaker(name, None, phrase, "frame")
        return _Speaker(None, None, phrase, "frame")


def _sentence_starts(doc: Doc) -> list[int]:
    if doc.has_annotation("SENT_START"):
        return [s.start_char for s in sentences_of(doc)]
    return [0]


def _after_frame(text: str, q: QuoteSpan, p_end: int, res: _Resolver) -> _Speaker | None:
    tail_start = q.close + 1
    tail = text[tail_start : min(p_end, tail_start + 200)]
    inner_end = text[q.end - 1] if q.end > q.start else ""
    closes_clause = inner_end in ".!?…," or text[q.end : q.close].strip() == ","
    for pattern, nearest in ((_AFTER_SPEAKER_FIRST_RE, True), (_AFTER_VERB_FIRST_RE, False)):
        m = pattern.match(tail)
        if not m or not (m.group("sep") or closes_clause):
            continue
        new_sentence = inner_end in ".!?…" and not m.group("sep") and tail.lstrip()[:1].isupper()
        if new_sentence and not _SHORT_ATTRIBUTION_RE.match(tail[m.end() :]):
            continue  # "...". Macron said: -- a new sentence, not an attribution
        if new_sentence and "," in m.group("np") and tail[m.end() :].lstrip()[:1] == ",":
            continue  # "...". The numbers alone, he added, miss the point -- a parenthesis
        if len(_WORD_RE.findall(m.group("np"))) > 10:
            continue
        if m.group("verb") == "read" and not _DOCUMENT_RE.match(m.group("np").strip()):
            continue  # '"...", read the banner', 'the banners read': only a document
        s, e = tail_start + m.start("np"), tail_start + m.end("np")
        apposed = _APPOSED_AFTER_RE.match(text, e) if not nearest else None
        if apposed and _NP_START_RE.match(m.group("np")) and m.group("np")[:1].islower():
            # "insisted the foreign minister, Abderaman Koulamallah.": the name
            e = apposed.end("name")
        set_off = _SET_OFF_CLAUSE_RE.search(text, s, e)
        if set_off:  # "Diop, who was speaking at the UN, said": Diop, not the UN
            e = set_off.start()
        found = res.resolve(text, s, e, q.open, nearest_end=nearest)
        if found is not None:
            return found
    return None


def _before_frame(text: str, q: QuoteSpan, seg_start: int, res: _Resolver) -> _Speaker | None:
    segment = text[seg_start : q.open]
    view = _VIEW_RE.match(segment)
    if view:  # "For him, the country must now ...": his view, in his words
        pronoun = view.lastindex or 1
        found = res.last_person_before(seg_start + view.start(pronoun))
        if found is None:
            return _Speaker(None, None, view.group(pronoun), "pronoun")
        return _Speaker(found.name, found.role, view.group(pronoun), "pronoun")
    verbs = list(_VERB_RE.finditer(segment))
    if not verbs:
        return None
    verb = verbs[-1]
    between = segment[verb.end() :]
    if ";" in between or len(_WORD_RE.findall(between)) > _MAX_BEFORE_WORDS:
        return None
    v_start = seg_start + verb.start()
    if _PASSIVE_RE.search(text, seg_start, v_start):
        return None  # "the talks were described as", "he was told": not the speaker
    if verb.group().lower() in ("according to", "in the words of"):
        s, e = seg_start + verb.end(), q.open
        comma = text.find(",", s, e)
        e = comma if comma >= 0 else e  # "According to X, the transfer ...": X
        return res.resolve(text, s, e, q.open, nearest_end=False)
    left = text[seg_start:v_start]
    words = list(_WORD_RE.finditer(left))[-10:]
    if not words:
        return None
    s = seg_start + words[0].start()
    # Skip auxiliaries and adverbs just before the verb ("he has also said").
    aux = re.search(r"(?:[ \t]+(?:has|had|have|also|then|later|earlier|once|again))*[ \t]*$", left)
    e = seg_start + (aux.start() if aux else len(left))
    # "the junta that toppled President Bazoum announced": the subject is before "that".
    relative = list(_RELATIVE_RE.finditer(text, s, e))
    if relative:
        e = relative[-1].start()
    if verb.group("participle"):
        # the subject opens the sentence: "Goïta met Putin, saying" is Goïta speaking
        s = seg_start + len(left) - len(left.lstrip())
        quoted = _QUOTED_AS_RE.search(text, s, e)
        e = quoted.start() if quoted else e
        first = _WORD_RE.match(text, s, e)
        if first and _PRONOUN_RE.match(first.group()):
            e = first.end()  # "He spoke on Sunday, saying"
        found = res.resolve(text, s, e, q.open, nearest_end=False)
        return found if found is not None and found.name is not None else None
    last = _WORD_RE.findall(text[s:e])
    if last and (_PRONOUN_RE.match(last[-1]) or _IT_RE.match(last[-1])):
        s = e - len(last[-1])
    found = res.resolve(text, s, e, q.open, nearest_end=True)
    comma = text.rfind(",", s, e)
    if (found is None or found.name is None) and comma >= 0:
        # "In a statement, the general staff said", "Asked about it, Diop told": the
        # subject follows the last comma
        after = res.resolve(text, comma + 1, e, q.open, nearest_end=True)
        if after is not None and (found is None or after.name is not None):
            found = after
    return found


def _colon_frame(text: str, q: QuoteSpan, seg_start: int, res: _Resolver) -> _Speaker | None:
    """Speaker of ``X <does something>: "..."``: the subject of the clause before a colon."""
    lead = text[seg_start : q.open].rstrip()
    if not lead.endswith(":"):
        return None
    clause_start = seg_start + lead.rfind(",") + 1
    clause = text[clause_start : seg_start + len(lead) - 1]
    offset = len(clause) - len(clause.lstrip())
    s = clause_start + offset
    subject = _SUBJECT_RE.match(text, s, seg_start + len(lead))
    if subject:
        return res.resolve(text, s, subject.end(), q.open, nearest_end=False)
    for records in (res.persons, res.others):
        for r in records:
            if s <= r["start"] < s + 60 and _TITLE_LEAD_RE.fullmatch(text, s, r["start"]):
                return res.resolve(text, s, r["end"], q.open, nearest_end=True)
    return None


# A title or role word followed by a capitalised name ends the phrase.
_TITLED_NAME_RE = re.compile(
    r"\b(?:minister|president|spokes(?:man|woman|person)|General|Colonel|Captain|commander"
    r"|ambassador|envoy|secretary|chancellor|leader|chief|head|officer|official|director"
    r"|analyst|researcher|adviser|advisor|coordinator)[ \t]+"
    r"(?P<name>(?:[A-Z][\w'’-]+[ \t]+){1,3}[A-Z][\w'’-]+)$"
)
# A name set off by commas at the end of the phrase: "A spokesman for X, Andriy Yusov,"
_APPOSED_NAME_RE = re.compile(
    r"^(?i:an?|the)[ \t][^,]+,[ \t]+(?P<name>(?:[A-Z][\w'’-]+[ \t]+){1,3}[A-Z][\w'’-]+),?$"
)
# A name set off after a description: "said the head of the mission, Mahamat Annadif."
_APPOSED_AFTER_RE = re.compile(
    r"(?:[ \t]+(?:of|for|at|in)[ \t]+[^,.;:!?\n\"“”«»]{1,60}?)?,[ \t]+"
    r"(?P<name>(?:[A-Z][\w'’-]+[ \t]+){1,3}[A-Z][\w'’-]+)(?=[ \t]*(?:[,.;!?]|$))"
)
# A clause opening with a pronoun or a description of a person: its subject.
_SUBJECT_RE = re.compile(
    r"(?:he|she|[Tt]he (?:[\w'’-]+ ){0,3}?(?:minister|president|spokes(?:man|woman|person)"
    r"|general|colonel|captain|commander|ambassador|envoy|secretary|chancellor|leader|chief"
    r"|head|prime minister))\b"
)
# Before a name at a clause start, only capitalised words: titles (``Defence Minister``).
_TITLE_LEAD_RE = re.compile(r"(?:(?:[Tt]he[ \t]+)?(?:[A-Z][\w'’.-]*[ \t]+)*)?")


def attribute_quotes(doc: Doc) -> list[dict]:
    """Find the quotations of ``doc``, attribute them and record ``quotes`` facts.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The document; person and non-person ``actors`` records on it are used to
        resolve speakers.

    Returns
    -------
    list of dict
        The records added, in text order.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")('Macron said: "We are leaving."')
    >>> [(q["text"], q["speaker"]) for q in attribute_quotes(doc)]
    [('We are leaving.', 'Macron')]
    """
    text = text_of(doc)
    starts = _sentence_starts(doc)
    res = _Resolver(doc, starts)
    paragraphs = _paragraphs(text)
    records: list[dict] = []
    prev: tuple[QuoteSpan, _Speaker | None] | None = None
    spans = find_quote_spans(text)
    res.quote_starts = [q.start for q in spans]
    res.quote_ends = [q.end for q in spans]
    for q in spans:
        p_start, p_end = next(
            ((s, e) for s, e in paragraphs if s <= q.open < max(e, s + 1)), (0, len(text))
        )
        sent_start = max([s for s in starts if s <= q.open], default=0)
        seg_start = max(p_start, sent_start, prev[0].close + 1 if prev else 0)
        ends = list(_SENTENCE_END_RE.finditer(text, seg_start, q.open))
        if ends:
            seg_start = ends[-1].end()
        speaker = _after_frame(text, q, p_end, res) if not q.continued else None
        attributed_after = speaker is not None
        if speaker is None:
            speaker = _before_frame(text, q, seg_start, res)
        if speaker is None:
            speaker = _colon_frame(text, q, seg_start, res)
        if speaker is None and prev is not None:
            speaker = _continuation(text, q, seg_start, prev, res) or _same_sentence(
                text, q, sent_start, prev, res
            )
        speaker = speaker or _Speaker(None)
        phrase = speaker.text or ""
        if speaker.how != "pronoun" and (
            _ANONYMOUS_RE.search(phrase) or _is_indefinite_description(phrase, speaker, res)
        ):
            # "a senior US officer told reporters", "an adviser travelling with the
            # president said": an anonymous source, not the US nor the president
            speaker = _Speaker(None, None, speaker.text, "anonymous")
        elif (
            speaker.name is None
            and speaker.how != "document"
            and _DEFINITE_TAIL_RE.search(phrase)
            and not _INDEFINITE_RE.match(phrase)
            and not _PERSON_NOUN_RE.search(phrase)
        ):
            # "the general staff said", "the ministry said": an institution, named as written
            definite = _DEFINITE_TAIL_RE.search(phrase)
            speaker = _Speaker(definite.group(1), None, speaker.text, "description")
        if _NAMING_RE.search(text, max(0, q.open - 20), q.open):
            continue  # 'a report titled "..."', 'the so-called "..."': a name, not a quotation
        words = len(_WORD_RE.findall(text[q.start : q.end]))
        characterised = speaker.name is not None and _CHARACTERISE_RE.search(
            text, max(seg_start, q.open - 80), q.open
        )
        # two words a named state or organisation is reported saying are its words:
        # 'Mali told the Council the mission should leave "without delay"'
        framed = speaker.name is not None and speaker.how in ("frame", "pronoun", "document")
        if words < _MIN_WORDS and not (
            ((attributed_after or framed) and words >= _MIN_WORDS - 1)
            or res.is_person(speaker.name)
            or characterised
        ):
            continue  # a term in quote marks ("neutralised"), not a quotation
        if (
            q.continued is False
            and prev
            and prev[0].continued
            and prev[1]
            and prev[1].name is None
            and speaker.name
        ):
            records[-1].update(speaker=speaker.name, speaker_role=speaker.role)
        fields: dict[str, object] = {
            "speaker": speaker.name,
            "speaker_role": speaker.role,
            "attribution": speaker.how,
            "confidence": 0.85 if speaker.name else 0.7,
        }
        if speaker.text and (speaker.name is None or speaker.how == "description"):
            fields["speaker_text"] = speaker.text
        records.append(add_fact(doc, "quotes", q.start, q.end, **fields))
        prev = (q, speaker)
    return records


def _is_indefinite_description(phrase: str, speaker: _Speaker, res: _Resolver) -> bool:
    """Whether ``phrase`` describes someone unnamed: ``a Chadian captain``, ``an elder``.

    An indefinite noun phrase with no name set off in it is an anonymous source,
    whatever its head noun, even when a word in it names a state or a group
    (``a Chadian captain`` is not Chad). A document (``a statement from the junta``)
    and a named person in the phrase are left alone.
    """
    return (
        _INDEFINITE_RE.match(phrase) is not None
        and "," not in phrase
        and speaker.how != "document"
        and _DOCUMENT_HEAD_RE.match(phrase) is None
        and not res.is_person(speaker.name)
        and _TITLED_NAME_RE.search(phrase) is None
    )


def _continuation(
    text: str, q: QuoteSpan, seg_start: int, prev: tuple[QuoteSpan, _Speaker | None], res: _Resolver
) -> _Speaker | None:
    last, who = prev
    if who is None or who.name is None:
        return None
    if len(_WORD_RE.findall(text[q.start : q.end])) <= _SHORT_WORDS:
        return None
    opens_unit = last.continued or not text[seg_start : q.open].strip()
    gap = text[last.close + 1 : q.open]
    if not opens_unit or gap.count("\n") > 1 or len(gap) > 600:
        return None
    others = res.persons_between(last.close, q.open) - {who.name}
    if others or res.unnamed_between(last.close, q.open):
        return None  # someone else, named or not, came in between
    return _Speaker(who.name, who.role, who.text, "continuation")


def _same_sentence(
    text: str,
    q: QuoteSpan,
    sent_start: int,
    prev: tuple[QuoteSpan, _Speaker | None],
    res: _Resolver,
) -> _Speaker | None:
    """Speaker of a quotation that follows an attributed one in the same sentence.

    ``X said the pull-out had been "A" completed "B"``: one sentence reports one
    speaker, unless a clause break (``;``), a new sentence or another person
    (``while Tiani called it "B"``) comes between.
    """
    last, who = prev
    if who is None or who.name is None or last.open < sent_start or last.continued:
        return None
    gap = text[last.close + 1 : q.open]
    if ";" in gap or "\n" in gap or _SENTENCE_END_RE.search(gap):
        return None
    if res.persons_between(last.close, q.open) - {who.name}:
        return None
    return _Speaker(who.name, who.role, who.text, "continuation")


_DEFINITE_TAIL_RE = re.compile(
    r"(?:^|[\s,])(?:the|its|their)\s+([\w'’-]+(?:\s+[\w'’-]+){0,3})\s*$", re.IGNORECASE
)
_ANONYMOUS_RE = re.compile(
    r"(?:^|[\s,])(?:an?|one|two|three|several|some)\s+(?:[\w'’-]+\s+){0,3}"
    r"(?:officials?|officers?|diplomats?|sources?|analysts?|residents?|soldiers?|aides?|"
    r"advisers?|experts?|researchers?|observers?|witness(?:es)?|commanders?)\b",
    re.IGNORECASE,
)
_MIN_WORDS = 3
_DOCUMENTS = (
    r"statement|communiqu[eé]|message|post|letter|press release|release|decree|declaration"
    r"|note|report|channel|account|website|page"
)
# "a statement issued by ECOWAS": a document, whose issuer speaks
_DOCUMENT_HEAD_RE = re.compile(
    rf"^(?:an?|one)[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}?(?:{_DOCUMENTS})\b", re.IGNORECASE
)
# A document with a participle after it: "the joint statement issued after the talks".
_MODIFIED_DOCUMENT_RE = re.compile(
    rf"(a|an|the|its|their|his|her)[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}?(?:{_DOCUMENTS})"
    r"(?=[ \t]+(?:issued|released|published|posted|read|signed|sent|made)\b)",
    re.IGNORECASE,
)
# An indefinite description as the subject of a speech verb or with "who" after it:
# "a VDP leader told", "a Chadian officer in Kidal said", "a teacher in Gao, who asked
# not to be named," -- not a document ("a statement said").
_UNNAMED_SPEAKER_RE = re.compile(
    r"(?<![\w'’-])(?:[Aa]n?|[Oo]ne)[ \t]+(?!(?:[\w'’-]+[ \t]+){0,2}?(?:" + _DOCUMENTS + r")\b)"
    r"(?:(?!(?:the|an?|of|after|before|later|ago|earlier|when|that|who|as|he|she|it|they"
    r"|we|and|but)\b)[\w'’-]+[ \t]+){0,3}?(?!(?:he|she|it|they|we)\b)[a-z][\w'’-]*"
    r"(?:[ \t]+(?:in|from|at|with)[ \t]+[A-Z][\w'’-]*)?"
    rf"(?:[ \t]+{_AUX}(?:{_SPEECH})|,?[ \t]+who)\b"  # "a teacher in Gao, who asked ..."
)
# Words that introduce a name or title in quote marks rather than a quotation.
_NAMING_RE = re.compile(
    r"\b(?:titled|entitled|named|nicknamed|code-?named|known as|so-called)[ \t]*$", re.IGNORECASE
)
# "a man in uniform presented as one of the instructors": someone, not the instructors
_INDEFINITE_RE = re.compile(r"^(?:an?|one|some)\s", re.IGNORECASE)
# "the diplomat said", "the colonel said": an unnamed person, not an institution
_PERSON_NOUN_RE = re.compile(
    r"(?:^|\s)(?:the|that|this)\s+(?:[\w'’-]+\s+){0,2}(?:officials?|officers?|diplomats?"
    r"|sources?|analysts?|residents?|soldiers?|aides?|advisers?|experts?|researchers?"
    r"|observers?|witness(?:es)?|man|woman|people|villagers?|fighters?"
    r"|spokes(?:man|woman|person)|general|colonel|captain|lieutenant|sergeant"
    r"|major|commander|ambassador|envoy|secretary|leader|chief|director|mayor|governor"
    r"|veterans?|journalists?|reporters?|farmers?|traders?|teachers?|students?)\s*$",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- component


class QuotesComponent:
    """spaCy component recording direct quotations as ``quotes`` facts."""

    def __call__(self, doc: Doc) -> Doc:
        """Record the quotations of ``doc`` and return it."""
        attribute_quotes(doc)
        return doc


@Language.factory("sahel_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """Build the ``sahel_quotes`` component (see :func:`attribute_quotes`).

    Examples
    --------
    >>> import spacy
    >>> spacy.blank("en").add_pipe("sahel_quotes").__class__.__name__
    'QuotesComponent'
    """
    return QuotesComponent()
