"""Time expressions: find English timexes and normalise them TIMEX3 style.

:func:`find_timexes` is a pure function over a text and its publication date; the
``sahel_timexes`` spaCy component runs it on ``doc.text`` with ``doc._.published``
and records one ``timexes`` fact per expression (see :mod:`sahel_analysis.schema`).

Values follow the conventions of ``DESIGN.md``: dates ``2022-02-16``, months
``2022-02``, ISO weeks ``2022-W07``, years ``2025``, year intervals ``2013/2022``,
decades ``2010/2019``, seasons ``2022-06/2022-08`` and durations ``P9Y``, ``PXM``,
``PT48H``. Relative expressions ("yesterday", "last week", "in December") are
resolved against the publication date; a weekday or a month without a year names
the nearest such day or month consistent with the tense of its sentence (past by
default, as news reports mostly do). Without a publication date they keep ``X``
placeholders (``XXXX-02``) and ``resolved`` is False.

Examples
--------
>>> import datetime
>>> [(t.text, t.value) for t in find_timexes(
...     "Troops left on Wednesday night, after nine years.", datetime.date(2022, 2, 17))]
[('Wednesday night', '2022-02-16'), ('nine years', 'P9Y')]
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from sahel_analysis.language.extensions import add_fact, text_of

__all__ = ["Timex", "TimexRecognizer", "find_timexes", "make_timex_recognizer"]


@dataclass(frozen=True)
class Timex:
    """One normalised time expression.

    Parameters
    ----------
    start, end : int
        Character offsets of the expression in the text (``end`` exclusive).
    text : str
        The surface text, ``text[start:end]`` of the analysed text.
    value : str
        TIMEX3-style value: ``2022-02-16``, ``2022-W07``, ``2022-02``, ``2025``,
        ``2013/2022``, ``P9Y``, ``PXM``, ``PAST_REF`` ...; ``X`` marks what is unknown.
    kind : str
        ``date``, ``month``, ``year``, ``decade``, ``season``, ``interval`` or ``duration``.
    precision : str
        ``day``, ``week``, ``month``, ``season``, ``year``, ``decade`` or ``duration``.
    interval : str or None
        ISO interval the expression covers (``2013/2022``), when it is known.
    resolved : bool
        False when the value needed a publication date and none was given.
    relative : bool
        True when the value was worked out from the publication date (or needed it).
    """

    start: int
    end: int
    text: str
    value: str
    kind: str
    precision: str
    interval: str | None = None
    resolved: bool = True
    relative: bool = False


# --------------------------------------------------------------------------- vocabulary


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


_MONTHS = _words(
    "January February March April May June July August September October November December"
)
_MONTH_NUM = {name: i for i, name in enumerate(_MONTHS, 1)}
_MONTH_NUM.update(
    {
        "Jan": 1,
        "Feb": 2,
        "Mar": 3,
        "Apr": 4,
        "Jun": 6,
        "Jul": 7,
        "Aug": 8,
        "Sep": 9,
        "Sept": 9,
        "Oct": 10,
        "Nov": 11,
        "Dec": 12,
    }
)
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_WEEKDAY_NUM = {name: i for i, name in enumerate(_WEEKDAYS)}

_SMALL = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_NUMBER_WORDS: dict[str, float] = {w: i for i, w in enumerate(_SMALL)}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_TENS.update({"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
_NUMBER_WORDS.update(_TENS)
_NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a dozen": 12, "hundred": 100})
_NUMBER_WORDS.update({"a hundred": 100, "one hundred": 100, "half a": 0.5})

# (ISO designator, multiplier, TIMEX3 unit of the vague form, "T" for time units)
_UNITS: dict[str, tuple[str, int, str, bool]] = {
    "century": ("Y", 100, "CE", False),
    "decade": ("Y", 10, "DE", False),
    "year": ("Y", 1, "Y", False),
    "month": ("M", 1, "M", False),
    "fortnight": ("W", 2, "W", False),
    "week": ("W", 1, "W", False),
    "day": ("D", 1, "D", False),
    "hour": ("H", 1, "H", True),
    "minute": ("M", 1, "M", True),
}

# words that make a following 4-digit number something other than a year
_COUNT_NOUNS = frozenset(
    _words(
        """troops soldiers personnel men women people persons fighters militants jihadists
    insurgents rebels peacekeepers civilians refugees migrants children deaths dead killed
    casualties victims members officers police policemen gendarmes mercenaries contractors
    instructors advisers advisors staff workers residents inhabitants families households
    vehicles trucks tanks aircraft drones helicopters planes km kilometres kilometers miles
    metres meters tonnes tons euros dollars francs cfa units cases votes voters students
    schools villages homes houses attacks strong gmt utc hrs hours h troop military
    servicemen servicewomen agents operatives guards recruits elements paratroopers
    legionnaires marines commandos specialists experts observers"""
    )
)
_NUMBER_PREFIX_WORDS = frozenset(
    _words(
        """resolution resolutions no number section article articles decree law order act page
    pages p pp flight route code box room unit bp nr ordinance paragraph rule bill
    chapter clause item"""
    )
)
_YEAR_PREPOSITIONS = frozenset(
    _words("""in since until till by before after during from through throughout between""")
)
_MONTH_TRIGGERS = frozenset(
    _words(
        """in by since until till from to through last next this early late mid of before after
    during between and or end beginning start middle on until throughout"""
    )
)

# tense cues: words, not a tagger, so that the function stays fast and pure
_FUTURE_WORDS = frozenset(
    _words(
        """will shall would wo 'll ’ll plans plan planning intends intend intending scheduled
    upcoming expected expects aims hopes forthcoming"""
    )
)
_IRREGULAR_PAST = frozenset(
    _words(
        """was were had did said told met took left came went began held made gave saw won lost
    fled sent led fought struck found knew thought became got brought kept ran hit broke
    chose spoke wrote stood withdrew drove flew rose fell overthrew overran sought taught
    caught bought built spent lent meant felt heard paid laid sold shot slept swept threw
    wore understood undertook oversaw forbade forgave arose awoke bore beat bit blew bled
    dealt dug drew drank ate fed forgot froze grew hid hung lay lit rode rang sank sat slid
    sped stole stuck stung swore swam swung tore woke wound quit"""
    )
)
_NOT_PAST_ED = frozenset(
    _words(
        """armed based united related called detailed advanced concerned limited alleged supposed
    organised organized need speed feed seed shed hundred indeed proceed succeed exceed embed
    breed creed greed deed weed steed shred sled planned expected scheduled red bed"""
    )
)
_PRESENT_WORDS = frozenset(
    _words("is are am says say remains remain follows comes seems appears means does do")
)
_CLAUSE_WORDS = frozenset(_words("and but while whereas although though which who"))
_AFTER_PENALTY = 2  # a cue after the expression is less likely to be its verb
_CLAUSE_PENALTY = 4  # nor is one across a conjunction or relative pronoun
_TENSE_REACH = 10  # tokens; further cues are ignored
_DEADLINE_WORDS = frozenset(_words("until till by"))
_PAST_AUX = frozenset({"has", "have", "had", "was", "were", "did"})
_MODALS = frozenset({"will", "would", "shall", "wo", "'ll", "’ll", "to", "be", "being"})

# --------------------------------------------------------------------------- patterns

_NUM_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|a\s+hundred|one\s+hundred|hundred|a\s+dozen|"
    r"a\s+couple\s+of|half\s+a|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r"|an|a)"
)
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUM_WORD})"
_UNIT = r"(?:centur(?:y|ies)|decades?|years?|months?|fortnights?|weeks?|days?|hours?|minutes?)"
_VAGUE = r"(?:several|a\s+few|few|many|some|numerous|a\s+number\s+of|countless)"

_YEAR = r"(?:19|20)\d\d(?!\d)"
_MONTH_FULL = "|".join(_MONTHS)
_MONTH = rf"(?:(?:{_MONTH_FULL})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_WEEKDAY = "|".join(_WEEKDAYS)
_PERIOD_OF = (
    r"(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|"
    r"first\s+week|last\s+week|first\s+days|last\s+days|rest|remainder|course|"
    r"(?:first|second|third|fourth|last)\s+quarter)\s+of\s+"
)
_PART_OF_YEAR = {"first half": "H1", "second half": "H2", "first quarter": "Q1"}
_PART_OF_YEAR.update({"second quarter": "Q2", "third quarter": "Q3", "fourth quarter": "Q4"})
_PART_OF_YEAR["last quarter"] = "Q4"
_MOD = rf"(?i:{_PERIOD_OF}|(?:early|late)[\s-]+|mid[\s-]*)"

# a duration is found by its unit word; its amount ("the past nine") is read backwards
_DURATION_RE = re.compile(
    rf"\b(?P<unit>{_UNIT})(?P<half2>\s+and\s+a\s+half)?(?P<long>-long|-old)?(?P<ago>\s+ago)?\b",
    re.IGNORECASE,
)
_DURATION_PRE_RE = re.compile(
    rf"""\b(?P<pre>(?:the\s+)?(?:past|last|previous|coming|next|first|final|following)\s+
        |recent\s+|coming\s+)?
    (?:(?P<vague>{_VAGUE})\s+|(?P<num>{_NUM})(?P<half>\s+and\s+a\s+half)?(?P<sep>\s+|-))?$""",
    re.IGNORECASE | re.VERBOSE,
)
_CALENDAR_RE = re.compile(
    r"\b(?P<rel>this|last|next|the\s+current|current|the)\s+(?P<unit>weekend|week|month|year)\b",
    re.IGNORECASE,
)
_CALENDAR_MOD_RE = re.compile(
    rf"\b(?:(?:earlier|later|late|early)\s+|mid-|{_PERIOD_OF})$", re.IGNORECASE
)
_DAYWORD_RE = re.compile(
    r"\b(?P<w>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
    r"last\s+night)(?:\s+(?:morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    rf"""\b(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+|(?<=[Oo]n\s)(?P<a>a)\s+)?
    (?:(?i:early|late)\s+)?(?P<wd>{_WEEKDAY})
    (?:\s+(?P<part>morning|afternoon|evening|night))?\b""",
    re.VERBOSE,
)
# found by its day or month name; what comes before ("Monday,", "last", "mid-",
# "the") is read backwards
_MONTH_PRE_RE = re.compile(
    rf"""(?:\b(?P<wd>{_WEEKDAY}),?\s+)?(?:\b(?P<rel>(?i:last|next|this|coming))\s+)?
    (?:\b(?P<mod>{_MOD}))?(?:\b(?P<the>(?i:the))\s+)?$""",
    re.VERBOSE,
)
_MONTH_PREFIX_ENDS = frozenset(
    (*(w.lower() for w in _WEEKDAYS), *_words("last next this coming early late mid of the"))
)
_MONTH_RE = re.compile(
    rf"""\b(?:(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH})
      |(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?![,.]\d|:\d)
      |(?P<m3>{_MONTH}))
    (?:(?:,\s*|\s+|\s+of\s+)(?P<y>{_YEAR})(?![-/.,]\d)
      |\s+(?P<yrel>(?i:this|last|next))\s+(?i:year)\b)?""",
    re.VERBOSE,
)
_RANGE_TAIL_RE = re.compile(
    rf"""\s*(?:-|–|—|to|and|until|till|through|or)\s*
    (?:(?i:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}|{_MONTH}\s+{_DAY}|{_MONTH}|{_DAY})
    (?:,\s*|\s+|\s+of\s+)(?P<y>{_YEAR})""",
    re.VERBOSE,
)
_CONTEXT_YEAR_RE = re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Oo]f|{_MONTH_FULL})\s+({_YEAR})")
_SAME_DAY_RE = re.compile(
    r"\b(?:the\s+same\s+(?:day|morning|afternoon|evening|night)"
    r"|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)"
    r"|the\s+(?:following|next|previous)\s+(?:day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(?:before|after))\b",
    re.IGNORECASE,
)
_DAY_RANGE_RE = re.compile(
    rf"""(?:(?i:between|from)\s+)?\b(?P<d1>{_DAY})\s*(?:-|–|to\b|and\b|until\b)\s*
    (?P<d2>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR})(?![-/.,]\d))?""",
    re.VERBOSE,
)
_ISO_DATE_RE = re.compile(
    rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"
)
_SLASH_DATE_RE = re.compile(
    r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])"
)
_YEAR_RANGE_RE = re.compile(
    rf"""(?:(?P<pre>(?i:from|between))\s+)?(?<![\w$€£#,./])(?P<y1>{_YEAR})
    \s*(?P<sep>-|–|—|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*
    (?P<y2>(?:19|20)\d\d|\d\d)(?![\w%]|,\d|\.\d|-\d)""",
    re.VERBOSE,
)
# a year alone; what modifies it ("late", "the end of") is read backwards from it,
# which keeps the scan fast
_YEAR_RE = re.compile(rf"(?<![\w$€£#,./])(?P<y>{_YEAR})(?![\w%]|,\d|\.\d|-\d|/\d|-strong)")
_YEAR_MOD_RE = re.compile(rf"\b(?:{_MOD}|(?i:earlier|later)\s+in\s+)$")
_DECADE_RE = re.compile(
    r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?(?<![\w$€£#,./])(?P<dec>(?:19|20)\d0)s\b"
)
_SEASON_RE = re.compile(
    rf"""\b(?P<mod>{_PERIOD_OF}|(?:early|late)\s+|mid-)?
    (?:(?P<rel>this|last|next|the|coming|past)\s+)?
    (?P<season>summer|winter|spring|autumn|fall)
    (?:(?:\s+of)?\s+(?P<y>{_YEAR}))?\b""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_TENSE_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’]ll\b")
_PREV_WORD_RE = re.compile(r"([A-Za-z]+)\W{0,3}$")
_PREV_CAP_RE = re.compile(r"(?<![.!?]\s)(?<![.!?])\b[A-Z][A-Za-z]*[ \t]$")
_NEXT_WORDS_RE = re.compile(r"[\s,]*([A-Za-z]+)")
_IS_TO_RE = re.compile(r"\b(?:is|are|am)\s+(?:set\s+|due\s+|expected\s+|going\s+)?to\b", re.I)
_ANCHOR_START_RE = re.compile(
    r"(?:\bover\s+(?:a\s+period\s+of\s+)?|\bwithin\s+|\bover\s+the\s+(?:next|coming)\s+)$",
    re.IGNORECASE,
)
_FREQUENCY_RE = re.compile(
    r"\b(?:once|twice|times|per|every|each|euros?|dollars?|francs?|pounds?|kilometres?"
    r"|kilometers?|km|miles?|litres?|liters?|tonnes?|tons?|billions?|millions?|thousands?"
    r"|percent|per\s+cent|%)\s+$",
    re.IGNORECASE,
)
_BARE_PLURAL_AFTER_RE = re.compile(r"\s+(?:of|after|before|later|earlier|on\s+end)\b", re.I)
_BARE_PLURAL_RE = re.compile(r"\b(?:for|over|within|after|than)\s+$", re.IGNORECASE)


# --------------------------------------------------------------------------- context


class _Context:
    """Per-text state: publication date, sentence bounds and tense cache."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.pub = published
        self._starts: list[int] | None = None
        self._tokens: dict[int, tuple[list[int], list[int], list[str], list[bool]]] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(self.text)]
        i = bisect.bisect_right(self._starts, pos) - 1
        start = self._starts[i]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return start, end

    def prev_word(self, pos: int) -> str:
        m = _PREV_WORD_RE.search(self.text, max(0, pos - 30), pos)
        return m.group(1).lower() if m else ""

    def next_words(self, pos: int, n: int = 3) -> list[str]:
        words = []
        for _ in range(n):
            m = _NEXT_WORDS_RE.match(self.text, pos)
            if not m:
                break
            words.append(m.group(1))
            pos = m.end()
        return words

    def tense_at(self, start: int, end: int) -> str | None:
        """Return the tense for an expression, "since May" being past."""
        prev = self.prev_word(start)
        if prev == "since":
            return "past"
        tense = self.tense(start, end)
        if prev in _DEADLINE_WORDS and tense != "future":
            return "deadline"
        return tense

    def tense(self, start: int, end: int) -> str | None:
        """Return "past", "future" or None from the verbs near ``start:end``.

        The nearest cue in the sentence wins: a past form ("left", "was", "has"), a
        future one ("will", "is to", "plans") or a present one ("says", "is"), which
        gives None. Cues after the expression, or across "and"/"but", count as
        further away; none within reach gives None.
        """
        s_start, s_end = self.sentence(start)
        cached = self._tokens.get(s_start)
        if cached is None:
            found = list(_TENSE_TOKEN_RE.finditer(self.text, s_start, s_end))
            futures = {t.start() for t in _IS_TO_RE.finditer(self.text, s_start, s_end)}
            cached = (
                [t.start() for t in found],
                [t.end() for t in found],
                [t.group(0).lower() for t in found],
                [t.start() in futures for t in found],
            )
            self._tokens[s_start] = cached
        starts, ends, words, is_to = cached
        last_before = bisect.bisect_right(ends, start) - 1
        first_after = bisect.bisect_left(starts, end)
        best: tuple[int, int, str | None] | None = None
        for i in (*range(last_before, -1, -1), *range(first_after, len(words))):
            w = words[i]
            if w in _FUTURE_WORDS or w.endswith(("'ll", "’ll")) or is_to[i]:
                label: str | None = "future"
            elif w in _IRREGULAR_PAST or w in _PAST_AUX or _regular_past(words, i):
                label = "past"
            elif w in _PRESENT_WORDS:
                label = None
            else:
                continue
            if i <= last_before:
                between, rank = range(i + 1, last_before + 1), 0
                dist = last_before - i
            else:
                between, rank = range(first_after, i), 1
                dist = i - first_after + _AFTER_PENALTY
            dist += _CLAUSE_PENALTY * sum(words[j] in _CLAUSE_WORDS for j in between)
            if dist <= _TENSE_REACH and (best is None or (dist, rank) < best[:2]):
                best = (dist, rank, label)
        return best[2] if best else None


# --------------------------------------------------------------------------- helpers


def _part_of_year(mod: str | None) -> str | None:
    """Map "the first half of" to "H1", "the third quarter of" to "Q3", else None."""
    if not mod:
        return None
    key = " ".join(mod.lower().split()[-4:-1])
    key = key.removeprefix("the ").removeprefix("very ")
    return _PART_OF_YEAR.get(key)


def _regular_past(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is an -ed past form, not a participle after "will be"."""
    w = words[i]
    return (
        w.endswith("ed")
        and len(w) >= 5
        and w not in _NOT_PAST_ED
        and not any(words[j] in _MODALS for j in range(max(0, i - 3), i))
    )


def _num_value(s: str) -> float | None:
    s = re.sub(r"\s+", " ", s.lower())
    if s[0].isdigit():
        return float(s.replace(",", ""))
    if s in _NUMBER_WORDS:
        return _NUMBER_WORDS[s]
    parts = re.split(r"[-\s]", s)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _NUMBER_WORDS:
        return _TENS[parts[0]] + _NUMBER_WORDS[parts[1]]
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + month - 1 + k
    return idx // 12, idx % 12 + 1


def _shift_date(d: dt.date, days: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return None


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _valid_day(year: int | None, month: int, day: int) -> bool:
    limit = calendar.monthrange(year, month)[1] if year else (29 if month == 2 else 31)
    return 1 <= day <= limit


def _choose(candidates: list[int], target: int, tense: str | None, include_now: bool) -> int:
    """Pick among ordinal positions the one nearest ``target`` consistent with ``tense``.

    A "deadline" ("until 31 December") leans to the future: a past candidate has to
    be more than twice as near to win.
    """
    if tense == "deadline":
        return min(candidates, key=lambda c: abs(c - target) * (1 if c >= target else 2))
    if tense == "past":
        pool = [c for c in candidates if c < target or (include_now and c == target)]
        if pool:
            return max(pool)
    elif tense == "future":
        pool = [c for c in candidates if c > target or (include_now and c == target)]
        if pool:
            return min(pool)
    return min(candidates, key=lambda c: (abs(c - target), c > target))


# --------------------------------------------------------------------------- recognisers

_Cand = tuple[
    int, int, str, str, str, str | None, bool, bool
]  # start end value kind prec iv res rel
_Rule = Callable[[re.Match, _Context], Iterator[_Cand]]


def _durations(match: re.Match, ctx: _Context) -> Iterator[_Cand]:
    before = _DURATION_PRE_RE.search(ctx.text, max(0, match.start() - 60), match.start())
    m = dict.fromkeys(_DURATION_PRE_RE.groupindex)
    if before:
        m.update(before.groupdict())
    m.update(match.groupdict())
    unit_word = m["unit"].lower()
    plural = unit_word.endswith(("s", "ies"))
    stem = "century" if unit_word.startswith("centur") else unit_word.rstrip("s")
    designator, mult, vague_unit, is_time = _UNITS[stem]
    pre = (m["pre"] or "").lower().split()
    rel = pre[-1] if pre else ""
    has_the = bool(pre) and pre[0] == "the"
    start, end = (before.start() if before else match.start()), match.end()
    prefix = ctx.text[max(0, start - 30) : start]
    n: float | None = None
    if m["num"]:
        n = _num_value(m["num"])
        if n is None:
            return
        if m["half"] or m["half2"]:
            n += 0.5
        numword = m["num"].lower()
        if numword in {"a", "an"} and (plural or _FREQUENCY_RE.search(prefix)):
            return
        if m["sep"] == "-" and m["long"] is None and plural:
            return
    elif m["vague"]:
        pass
    elif m["long"] == "-long":
        n = None if plural else 1
    elif plural:
        if not (
            _BARE_PLURAL_AFTER_RE.match(ctx.text, end)
            or rel in {"past", "last", "coming", "next", "recent", "previous"}
            or stem
            in {
                "decade",
                "century",
            }
            or _BARE_PLURAL_RE.search(prefix)
        ):
            return
    else:
        if not (has_the and rel in {"past", "last", "previous", "coming", "next"}):
            return
        n = 1
    if _FREQUENCY_RE.search(prefix) and m["vague"] is None and not pre:
        return
    if rel in {"first", "final", "following"} and n is None:
        return
    ago = m["ago"] is not None
    if ago:
        yield from _ago(ctx, n, stem, mult, start, end)
        return
    total = None if n is None else n * mult
    t = "T" if is_time else ""
    if total is None:
        # the project's gold writes vague hours "PXH" (not TIMEX3's "PTXH")
        value = f"PX{vague_unit}" if stem == "hour" else f"P{t}X{vague_unit}"
    elif designator == "Y" and not float(total).is_integer():
        years, months = divmod(round(total * 12), 12)
        value = f"P{years}Y{months}M" if months else f"P{years}Y"
    else:
        value = f"P{t}{_fmt(total)}{designator}"
    interval = None
    pub = ctx.pub
    direction = None
    if rel in {"past", "last", "previous", "recent"}:
        direction = -1
    elif rel in {"coming", "next"} or _ANCHOR_START_RE.search(prefix):
        direction = 1
    if direction and pub is not None and not is_time:
        if total is None:
            interval = f"{pub.isoformat()}/{value}" if direction > 0 else f"{value}/{pub}"
        elif float(total).is_integer():
            interval = _span_interval(pub, int(total), designator, direction)
    yield (start, end, value, "duration", "duration", interval, True, False)


def _span_interval(pub: dt.date, total: int, designator: str, direction: int) -> str | None:
    if designator == "Y":
        other = f"{pub.year + direction * total:04d}"
        now = f"{pub.year:04d}"
    elif designator == "M":
        y, mo = _add_months(pub.year, pub.month, direction * total)
        other, now = f"{y:04d}-{mo:02d}", f"{pub.year:04d}-{pub.month:02d}"
    else:
        days = total * (7 if designator == "W" else 1)
        d = _shift_date(pub, direction * days)
        if d is None:
            return None
        other, now = d.isoformat(), pub.isoformat()
    if not (other[:4].isdigit() and 0 < int(other[:4]) < 10000):
        return None
    return f"{other}/{now}" if direction < 0 else f"{now}/{other}"


def _ago(
    ctx: _Context, n: float | None, stem: str, mult: int, start: int, end: int
) -> Iterator[_Cand]:
    pub = ctx.pub
    if stem in {"year", "decade", "century"}:
        kind, prec, unknown = "year", "year", "XXXX"
    elif stem == "month":
        kind, prec, unknown = "month", "month", "XXXX-XX"
    elif stem in {"week", "fortnight"}:
        kind, prec, unknown = "date", "week", "XXXX-WXX"
    else:
        kind, prec, unknown = "date", "day", "XXXX-XX-XX"
    if n is None:
        yield (start, end, "PAST_REF", kind, prec, None, True, True)
        return
    if pub is None:
        yield (start, end, unknown, kind, prec, None, False, True)
        return
    k = int(n * mult)
    if prec == "year":
        value = f"{_add_months(pub.year, pub.month, -round(n * mult * 12))[0]:04d}"
    elif prec == "month":
        y, mo = _add_months(pub.year, pub.month, -k)
        value = f"{y:04d}-{mo:02d}"
    else:
        days = {"week": 7, "fortnight": 14, "day": 1}.get(stem, 0) * k
        if stem == "hour":
            days = k // 24
        d = _shift_date(pub, -days)
        if d is None:
            return
        value = _iso_week(d) if prec == "week" else d.isoformat()
    yield (start, end, value, kind, prec, None, True, True)


def _modifier(pattern: re.Pattern, ctx: _Context, pos: int) -> re.Match | None:
    """Return the modifier ("late", "the end of") that ends right at ``pos``, if any."""
    return pattern.search(ctx.text, max(0, pos - 40), pos)


def _calendar(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    rel = m["rel"].lower().split()[-1]
    mod_m = _modifier(_CALENDAR_MOD_RE, ctx, m.start())
    mod = mod_m.group(0).lower() if mod_m else ""
    if rel == "the" and " of" not in mod:
        return
    start, end = (mod_m.start() if mod_m else m.start()), m.end()
    unit = m["unit"].lower()
    shift = {"last": -1, "next": 1}.get(rel, 0)
    pub = ctx.pub
    prec = {"weekend": "week", "week": "week", "month": "month", "year": "year"}[unit]
    kind = {"week": "date", "month": "month", "year": "year"}[prec]
    if pub is None:
        value = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[prec]
        if unit == "weekend":
            value += "-WE"
        yield (start, end, value, kind, prec, None, False, True)
        return
    part = _part_of_year(mod) if prec == "year" else None
    if part:
        value = f"{pub.year + shift:04d}-{part}"
        yield (start, end, value, "interval", part[0].lower(), None, True, True)
        return
    if prec == "year":
        value = f"{pub.year + shift:04d}"
    elif prec == "month":
        y, mo = _add_months(pub.year, pub.month, shift)
        value = f"{y:04d}-{mo:02d}"
    else:
        d = _shift_date(pub, 7 * shift)
        if d is None:
            return
        value = _iso_week(d) + ("-WE" if unit == "weekend" else "")
    yield (start, end, value, kind, prec, None, True, True)


def _daywords(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    w = m["w"].lower()
    if m["w"][0].isupper():
        # "USA Today": a capitalised "Today" right after a capitalised word
        prev = _PREV_CAP_RE.search(ctx.text, max(0, m.start() - 30), m.start())
        if prev:
            return
    shift = -1 if w.startswith(("yesterday", "last")) else 1 if w == "tomorrow" else 0
    if ctx.pub is None:
        yield (m.start(), m.end(), "XXXX-XX-XX", "date", "day", None, False, True)
        return
    d = _shift_date(ctx.pub, shift)
    if d is not None:
        yield (m.start(), m.end(), d.isoformat(), "date", "day", None, True, True)


def _weekdays(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    wd = _WEEKDAY_NUM[m["wd"]]
    rel = (m["rel"] or "").lower().split()
    rel_word = rel[-1] if rel else ""
    pub = ctx.pub
    if pub is None:
        yield (m.start(), m.end(), f"XXXX-WXX-{wd + 1}", "date", "day", None, False, True)
        return
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if rel_word in {"last", "past"}:
        delta = -(back or 7)
    elif rel_word in {"next", "coming"}:
        delta = fwd or 7
    elif back == 0:
        delta = 0
    else:
        tense = ctx.tense_at(m.start(), m.end())
        delta = fwd if tense in {"future", "deadline"} else -back
    d = _shift_date(pub, delta)
    if d is not None:
        # "on a Sunday" names a day of the period just mentioned: settled in _anaphora
        value = f"{_ANAPHOR}wd{wd}|{d.isoformat()}" if m["a"] else d.isoformat()
        yield (m.start(), m.end(), value, "date", "day", None, True, True)


_THAT_YEAR_AFTER_RE = re.compile(r"\s+(?:of\s+)?that\s+year\b", re.IGNORECASE)
_THAT_BEFORE_RE = re.compile(r"\b[Tt]hat\s+$")
_ANY_YEAR_RE = re.compile(rf"(?<![\w$€£#,./-])({_YEAR})(?![\w%]|,\d|\.\d)")


def _story_year(start: int, ctx: _Context) -> int | None:
    """Return the last year written out before ``start`` (for "that year")."""
    found = None
    for ym in _ANY_YEAR_RE.finditer(ctx.text, 0, start):
        found = int(ym.group(1))
    return found


def _context_year(start: int, end: int, ctx: _Context) -> int | None:
    """Return the year of a following "to 20 September 2023" or an earlier "in 2013"."""
    tail = _RANGE_TAIL_RE.match(ctx.text, end)
    if tail:
        return int(tail["y"])
    s_start, _ = ctx.sentence(start)
    found = None
    for ym in _CONTEXT_YEAR_RE.finditer(ctx.text, s_start, start):
        found = int(ym.group(1))
    return found


def _months(match: re.Match, ctx: _Context) -> Iterator[_Cand]:
    m = dict.fromkeys(_MONTH_PRE_RE.groupindex)
    m.update(match.groupdict())
    start, end = match.start(), match.end()
    before = None
    if ctx.prev_word(start) in _MONTH_PREFIX_ENDS or ctx.text[start - 1 : start] == "-":
        before = _MONTH_PRE_RE.search(ctx.text, max(0, start - 50), start)
    if before and before.start() < start:
        m.update(before.groupdict())
        if m["the"] and not m["d1"]:
            m["the"] = None
        for group in ("the", "mod", "rel", "wd"):
            if m[group]:
                start = before.start(group)
    mname = m["m1"] or m["m2"] or m["m3"]
    day_s = m["d1"] or m["d2"]
    if m["wd"] and not day_s:
        m["wd"] = None
        start = before.start("mod") if m["mod"] else before.start("rel") if m["rel"] else start
        if not m["mod"] and not m["rel"]:
            start = match.start()
    mkey = mname.rstrip(".")
    month = _MONTH_NUM[mkey]
    abbreviated = mkey not in _MONTHS
    year = int(m["y"]) if m["y"] else None
    mod = m["mod"]
    if m["m3"] and year is None:
        if abbreviated:
            return
        if mkey in {"May", "March"} and not mod and ctx.prev_word(start) not in _MONTH_TRIGGERS:
            return
    day = None
    if day_s:
        day = int(re.match(r"\d+", day_s).group(0))
        if not _valid_day(year, month, day):
            return
    if year is not None:
        yield _month_cand(start, end, year, month, day, True, False)
        return
    # "June of that year", "that February": the year the story last named
    that_after = _THAT_YEAR_AFTER_RE.match(ctx.text, end)
    that_before = _THAT_BEFORE_RE.search(ctx.text, max(0, start - 6), start)
    if that_after or (that_before and not day_s):
        story = _story_year(start, ctx)
        if story is not None and (day is None or _valid_day(story, month, day)):
            s = that_before.start() if that_before and not that_after else start
            e = that_after.end() if that_after else end
            yield _month_cand(s, e, story, month, day, True, True)
            return
    if m["yrel"]:
        if ctx.pub is None:
            value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            yield (
                start,
                end,
                value,
                "date" if day else "month",
                "day" if day else "month",
                None,
                False,
                True,
            )
        else:
            year = ctx.pub.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
            if day is None or _valid_day(year, month, day):
                yield _month_cand(start, end, year, month, day, True, True)
        return
    year = _context_year(start, end, ctx)
    if year is not None:
        if day is None or _valid_day(year, month, day):
            yield _month_cand(start, end, year, month, day, True, True)
        return
    pub = ctx.pub
    if pub is None:
        value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
        kind, prec = ("date", "day") if day else ("month", "month")
        yield (start, end, value, kind, prec, None, False, True)
        return
    rel = (m["rel"] or "").lower()
    if rel and (day is not None or m["wd"]):
        start = before.start("mod") if m["mod"] else match.start()
        rel = ""
    tense = ctx.tense_at(start, end)
    if rel:
        tense = "past" if rel == "last" else "future" if rel != "this" else tense
    if day is None:
        idx = _choose(
            [(pub.year + k) * 12 + month - 1 for k in (-1, 0, 1)],
            pub.year * 12 + pub.month - 1,
            tense,
            include_now=rel in {"", "this"},
        )
        yield _month_cand(start, end, idx // 12, month, None, True, True)
        return
    options = []
    for k in (-1, 0, 1):
        if _valid_day(pub.year + k, month, day):
            options.append(dt.date(pub.year + k, month, day).toordinal())
    if options:
        chosen = dt.date.fromordinal(_choose(options, pub.toordinal(), tense, include_now=True))
        yield _month_cand(start, end, chosen.year, month, day, True, True)


def _month_cand(
    start: int, end: int, year: int, month: int, day: int | None, res: bool, rel: bool
) -> _Cand:
    if day is None:
        return (start, end, f"{year:04d}-{month:02d}", "month", "month", None, res, rel)
    return (start, end, f"{year:04d}-{month:02d}-{day:02d}", "date", "day", None, res, rel)


def _iso_dates(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if _valid_day(y, mo, d):
        yield (m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", "date", "day", None, True, False)


def _slash_dates(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a == b or (a > 12 >= b):
        mo, d = (a, b) if a == b else (b, a)
    elif b > 12 >= a:
        mo, d = a, b
    else:  # 03/04/2023: day-month order unknown, so leave it
        return
    if 1 <= mo <= 12 and _valid_day(y, mo, d):
        yield (m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", "date", "day", None, True, False)


def _year_ranges(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    pre = (m["pre"] or "").lower()
    sep = m["sep"].lower()
    if sep == "and" and pre != "between":
        return
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = (y1 // 100) * 100 + int(y2s) if len(y2s) == 2 else int(y2s)
    if not y1 < y2 <= 2100:
        return
    if ctx.prev_word(m.start()) in _NUMBER_PREFIX_WORDS:
        return
    value = f"{y1:04d}/{y2:04d}"
    yield (m.start(), m.end(), value, "interval", "year", value, True, False)


def _years(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    y = int(m["y"])
    if y > 2100:
        return
    ystart = m.start("y")
    mod_m = _modifier(_YEAR_MOD_RE, ctx, ystart)
    mod = mod_m.group(0) if mod_m else None
    start = mod_m.start() if mod_m else ystart
    prev = ctx.prev_word(ystart)
    if not mod:
        if prev in _NUMBER_PREFIX_WORDS:
            return
        if prev not in _YEAR_PREPOSITIONS:
            words = [w.lower() for w in ctx.next_words(m.end(), 3)]
            if words and words[0] in _COUNT_NOUNS:
                return
            if len(words) > 1 and words[1] in _COUNT_NOUNS and words[0] not in {"the", "and"}:
                nxt = ctx.next_words(m.end(), 1)[0]
                if nxt[0].isupper() or words[0] in {"more", "additional", "extra", "foreign"}:
                    return
    part = _part_of_year(mod)
    if part:
        value = f"{y:04d}-{part}"
        yield (start, m.end(), value, "interval", part[0].lower(), None, True, False)
        return
    yield (start, m.end(), f"{y:04d}", "year", "year", None, True, False)


def _decades(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    d = int(m["dec"])
    value = f"{d:04d}/{d + 9:04d}"
    yield (m.start(), m.end(), value, "decade", "decade", value, True, False)


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _seasons(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    season = m["season"].lower()
    rel = (m["rel"] or "").lower()
    year = int(m["y"]) if m["y"] else None
    if season == "fall" and year is None and rel not in {"this", "last", "next", "coming", "past"}:
        return
    if (
        season == "spring"
        and year is None
        and not rel
        and (m["season"][0].isupper() or ctx.prev_word(m.start()) not in _MONTH_TRIGGERS)
    ):
        return
    s = _SEASON_START[season]
    relative = year is None
    if year is None:
        pub = ctx.pub
        if pub is None:
            e = (s + 2 - 1) % 12 + 1
            value = f"XXXX-{s:02d}/XXXX-{e:02d}"
            yield (m.start(), m.end(), value, "season", "season", value, False, True)
            return
        now = pub.year * 12 + pub.month - 1
        starts = [(pub.year + k) * 12 + s - 1 for k in (-1, 0, 1)]
        current = [c for c in starts if c <= now <= c + 2]
        if rel in {"last", "past"}:
            chosen = max(c for c in starts if c + 2 < now)
        elif rel in {"next", "coming"}:
            chosen = min(c for c in starts if c > now)
        elif current:
            chosen = current[0]
        else:
            tense = "future" if rel == "this" else ctx.tense(m.start(), m.end())
            chosen = _choose(starts, now, tense, include_now=False)
        year = chosen // 12
    y2, e = _add_months(year, s, 2)
    value = f"{year:04d}-{s:02d}/{y2:04d}-{e:02d}"
    yield (m.start(), m.end(), value, "season", "season", value, True, relative)


_ANAPHOR = "@"
_SAME_DAY_SHIFT = {"same": 0, "that": 0, "following": 1, "next": 1, "after": 1}
_SAME_DAY_SHIFT.update({"before": -1, "previous": -1})


def _same_day(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    words = m.group(0).lower().split()
    shift = next((_SAME_DAY_SHIFT[w] for w in reversed(words) if w in _SAME_DAY_SHIFT), 0)
    value = f"{_ANAPHOR}day{shift}"
    yield (m.start(), m.end(), value, "date", "day", None, True, True)


def _day_ranges(m: re.Match, ctx: _Context) -> Iterator[_Cand]:
    month = _MONTH_NUM[m["m"].rstrip(".")]
    d1, d2 = (int(re.match(r"\d+", m[g]).group(0)) for g in ("d1", "d2"))
    year = int(m["y"]) if m["y"] else _context_year(m.start(), m.end(), ctx)
    if year is None and ctx.pub is not None:
        pub = ctx.pub
        options = [
            dt.date(pub.year + k, month, d2).toordinal()
            for k in (-1, 0, 1)
            if _valid_day(pub.year + k, month, d2)
        ]
        if not options:
            return
        tense = ctx.tense_at(m.start(), m.end())
        year = dt.date.fromordinal(_choose(options, pub.toordinal(), tense, True)).year
    if not d1 < d2 or not _valid_day(year, month, d2):
        return
    ys = "XXXX" if year is None else f"{year:04d}"
    value = f"{ys}-{month:02d}-{d1:02d}/{ys}-{month:02d}-{d2:02d}"
    resolved = year is not None
    yield (
        m.start(),
        m.end(),
        value,
        "interval",
        "day",
        value if resolved else None,
        resolved,
        not m["y"],
    )


_RULES: tuple[tuple[re.Pattern, _Rule], ...] = (
    (_SAME_DAY_RE, _same_day),
    (_DAY_RANGE_RE, _day_ranges),
    (_ISO_DATE_RE, _iso_dates),
    (_SLASH_DATE_RE, _slash_dates),
    (_MONTH_RE, _months),
    (_YEAR_RANGE_RE, _year_ranges),
    (_DECADE_RE, _decades),
    (_YEAR_RE, _years),
    (_SEASON_RE, _seasons),
    (_CALENDAR_RE, _calendar),
    (_DAYWORD_RE, _daywords),
    (_WEEKDAY_RE, _weekdays),
    (_DURATION_RE, _durations),
)


# Rules whose every match contains one of these lower-case substrings.
_NEEDLES: dict[_Rule, tuple[str, ...]] = {
    _seasons: ("spring", "summer", "autumn", "fall", "winter"),
    _calendar: ("week", "month", "year", "quarter", "half"),
    _decades: ("0s", "0’s", "0's"),
    _weekdays: ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    _slash_dates: ("/",),
    _daywords: (
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
        "night",
    ),
    _same_day: ("same", "that", "following", "next", "previous", "day"),
}
# Rules whose every match contains a match of these simpler (faster) patterns.
_GATES: dict[_Rule, re.Pattern] = {
    _iso_dates: re.compile(r"\d{4}-\d\d-\d\d"),
    _year_ranges: re.compile(r"\d\d\s*(?:-|–|—|to|and|until|through)\s*\d\d"),
    _day_ranges: re.compile(r"\d\s*(?:-|–|to|and|until)\s*\d"),
}


@dataclass(frozen=True)
class _Anchor:
    """Where a rule's matches can start, so that its pattern need not be tried everywhere.

    Every match contains one of ``words`` (in the lower-cased text when ``folded``,
    for a pattern that ignores case), and what the match holds before the first of
    them is made only of characters for which ``lead`` is true (none when it is None).
    """

    words: tuple[str, ...]
    lead: Callable[[str], bool] | None = None
    folded: bool = False


def _letters(c: str) -> bool:
    return c.isalpha() or c.isspace()


def _alnum(c: str) -> bool:
    return c.isalnum() or c.isspace()


def _alnum_dash(c: str) -> bool:
    return c.isalnum() or c.isspace() or c in "-–"


def _letters_dash(c: str) -> bool:
    return c.isalpha() or c.isspace() or c == "-"


_MONTH_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CENTURIES = ("19", "20")
_PARTS_OF_DAY = ("day", "morning", "afternoon", "evening", "night")
_ANCHORS: dict[_Rule, _Anchor] = {
    _day_ranges: _Anchor(_MONTH_WORDS, _alnum_dash),
    _iso_dates: _Anchor(_CENTURIES),
    _months: _Anchor(_MONTH_WORDS, _alnum),
    _year_ranges: _Anchor(_CENTURIES, _letters),
    _decades: _Anchor(_CENTURIES, _letters_dash),
    _years: _Anchor(_CENTURIES),
    _calendar: _Anchor(("week", "month", "year"), _letters, folded=True),
    _weekdays: _Anchor(_WEEKDAYS, _letters),
    _durations: _Anchor(
        ("centur", "decade", "year", "month", "fortnight", "week", "day", "hour", "minute"),
        folded=True,
    ),
    _same_day: _Anchor(_PARTS_OF_DAY, _letters, folded=True),
    _daywords: _Anchor(
        ("today", "tonight", "yesterday", "tomorrow", *_PARTS_OF_DAY), _letters, folded=True
    ),
    _seasons: _Anchor(("spring", "summer", "autumn", "fall", "winter"), _letters_dash, folded=True),
}
# letters that case-insensitive matching pairs with letters other than their lower case
# ("ſ" with "s", "ı" with "i", the Kelvin sign with "k"): texts with them are scanned whole
_UNFOLDABLE = frozenset("ſıİK")


def _finditer(pattern: re.Pattern, text: str, lowered: str, anchor: _Anchor | None):
    """Yield the matches of ``pattern.finditer(text)``, trying it only near anchor words.

    Positions are tried from where the characters allowed before an anchor word
    begin up to the word itself; no match can start anywhere else.
    """
    if anchor is None or (
        anchor.folded and (len(lowered) != len(text) or not _UNFOLDABLE.isdisjoint(text))
    ):
        yield from pattern.finditer(text)
        return
    haystack = lowered if anchor.folded else text
    positions = set()
    for word in anchor.words:
        at = haystack.find(word)
        while at >= 0:
            positions.add(at)
            at = haystack.find(word, at + 1)
    pos = 0  # no match starts before this
    for at in sorted(positions):
        if at < pos:
            continue
        start = at
        while anchor.lead is not None and start > pos and anchor.lead(text[start - 1]):
            start -= 1
        for p in range(start, at + 1):
            m = pattern.match(text, p)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


def _anaphora(chosen: list[_Cand]) -> list[_Cand]:
    """Settle "the same day", "the next day" and "a Sunday" on the last day mentioned."""
    out: list[_Cand] = []
    ref: tuple[dt.date, dt.date] | None = None
    for cand in chosen:
        value = cand[2]
        if value.startswith(_ANAPHOR):
            rest = value[1:]
            if rest.startswith("day"):
                if ref is None:
                    continue
                d = _shift_date(ref[1] if rest[3:] == "1" else ref[0], int(rest[3:]))
                if d is None:
                    continue
                value = d.isoformat()
            else:  # "wd<n>|<fallback>"
                wd, fallback = int(rest[2]), rest.split("|", 1)[1]
                value = fallback
                if ref is not None:
                    d = ref[0] + dt.timedelta(days=(wd - ref[0].weekday()) % 7)
                    if d > ref[1]:
                        d = _shift_date(ref[1], -((ref[1].weekday() - wd) % 7)) or d
                    value = d.isoformat()
            cand = (cand[0], cand[1], value, *cand[3:])
        if cand[4] == "day" and cand[6]:
            try:
                parts = [dt.date.fromisoformat(v) for v in cand[2].split("/")]
                ref = (parts[0], parts[-1])
            except ValueError:
                pass
        out.append(cand)
    return out


def _as_date(published: object) -> dt.date | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str) and published:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def find_timexes(text: str, published: dt.date | None) -> list[Timex]:
    """Find the time expressions in ``text`` and normalise them.

    Parameters
    ----------
    text : str
        The article text.
    published : datetime.date or None
        Publication date that relative expressions are resolved against. A
        ``datetime`` or an ISO string is accepted too. With None, relative
        expressions keep ``X`` placeholders and ``resolved`` is False.

    Returns
    -------
    list of Timex
        Non-overlapping expressions in text order; where candidates overlap the
        longest wins ("the past nine years" over "nine years").

    Examples
    --------
    >>> import datetime
    >>> text = "Macron announced today that troops based in Mali since 2013 would leave."
    >>> [(t.text, t.value, t.kind) for t in find_timexes(text, datetime.date(2022, 2, 17))]
    [('today', '2022-02-17', 'date'), ('2013', '2013', 'year')]
    >>> [(t.value, t.resolved) for t in find_timexes("in February", None)]
    [('XXXX-02', False)]
    """
    ctx = _Context(text, _as_date(published))
    cands: list[_Cand] = []
    lowered = text.lower()
    for pattern, rule in _RULES:
        needles = _NEEDLES.get(rule)
        if needles and not any(n in lowered for n in needles):
            continue  # a cheap substring test saves a full regex scan
        gate = _GATES.get(rule)
        if gate is not None and gate.search(text) is None:
            continue  # so does a simple pattern that every match must contain
        for m in _finditer(pattern, text, lowered, _ANCHORS.get(rule)):
            cands.extend(rule(m, ctx))
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(len(text) + 1)
    chosen: list[_Cand] = []
    for cand in cands:
        start, end = cand[0], cand[1]
        if start >= end or any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort()
    chosen = _anaphora(chosen)
    return [
        Timex(s, e, text[s:e], value, kind, prec, iv, res, rel)
        for s, e, value, kind, prec, iv, res, rel in chosen
    ]


# --------------------------------------------------------------------------- spaCy


class TimexRecognizer:
    """spaCy component recording each time expression as a ``timexes`` fact.

    Examples
    --------
    >>> import datetime, spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sahel_timexes")
    >>> doc = nlp.make_doc("The junta pledged elections in February.")
    >>> doc._.published = datetime.date(2022, 2, 17)
    >>> [(f["text"], f["value"]) for f in nlp(doc)._.facts["timexes"]]
    [('February', '2022-02')]
    """

    def __init__(self, absolute_confidence: float = 0.9, relative_confidence: float = 0.8):
        self.absolute_confidence = absolute_confidence
        self.relative_confidence = relative_confidence

    def __call__(self, doc: Doc) -> Doc:
        """Find the timexes of ``doc.text`` and add them to ``doc._.facts``."""
        for t in find_timexes(text_of(doc), doc._.published):
            record = add_fact(
                doc,
                "timexes",
                t.start,
                t.end,
                value=t.value,
                precision=t.precision,
                interval=t.interval,
                resolved=t.resolved,
                confidence=self.relative_confidence if t.relative else self.absolute_confidence,
            )
            # add_fact's own ``kind`` parameter names the table, so set the column here
            record["kind"] = t.kind
        return doc


@Language.factory(
    "sahel_timexes",
    default_config={"absolute_confidence": 0.9, "relative_confidence": 0.8},
)
def make_timex_recognizer(
    nlp: Language, name: str, absolute_confidence: float, relative_confidence: float
) -> TimexRecognizer:
    """Build the ``sahel_timexes`` component (see :class:`TimexRecognizer`)."""
    return TimexRecognizer(absolute_confidence, relative_confidence)
