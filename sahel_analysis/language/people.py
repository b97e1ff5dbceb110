"""Person names without a statistical model: the ``sahel_people`` component.

People are found from three kinds of evidence, all read from the article text:

1. a title or role before the name: ``France's President Emmanuel Macron``,
   ``Niger junta spokesman Colonel Amadou Abdramane``, ``Mr Macron``;
2. an apposition after it: ``Abdoulaye Diop, Mali's foreign minister,``;
3. speech around it: ``said Assimi Goïta``, ``Ibrahim Traoré told reporters``;

plus a short list of common first names (never the only way in). Every full name
found is then looked for again as a surname alone (``Goïta``, ``Le Drian``) or after
a title (``Colonel Goïta``); such mentions are linked to the full name.

Each mention becomes an ``actors`` record with ``actor_kind="person"``, ``actor``
the full name, ``role`` the title the article gives and ``iso3`` the country the
role belongs to when the article says so. Spans that overlap a ``places`` record or
a non-person ``actors`` record already on the doc are never read as persons, nor is
anything the optional ``exclude`` callable rejects.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("sahel_people")
>>> doc = nlp("France's President Emmanuel Macron spoke. Macron left.")
>>> for r in facts_of(doc, "actors"):
...     print(r["text"], "|", r["actor"], "|", r["role"], "|", r["iso3"])
Emmanuel Macron | Emmanuel Macron | President | FRA
Macron | Emmanuel Macron | President | FRA
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc

from sahel_analysis.language.extensions import add_fact, facts_of, text_of

__all__ = ["COUNTRY_WORDS", "PeopleFinder", "find_people", "make_people"]

# --------------------------------------------------------------------------- lexicon


def _wordlist(text: str) -> list[str]:
    return text.split()


_UPPER = "".join(re.escape(chr(c)) for c in range(0x41, 0x250) if chr(c).isupper())
_LOWER = "".join(re.escape(chr(c)) for c in range(0x61, 0x250) if chr(c).islower())

COUNTRY_WORDS: dict[str, str] = {
    "France": "FRA",
    "French": "FRA",
    "Mali": "MLI",
    "Malian": "MLI",
    "Niger": "NER",
    "Nigerien": "NER",
    "Nigérien": "NER",
    "Burkina Faso": "BFA",
    "Burkina": "BFA",
    "Burkinabe": "BFA",
    "Burkinabè": "BFA",
    "Chad": "TCD",
    "Chadian": "TCD",
    "Mauritania": "MRT",
    "Mauritanian": "MRT",
    "Senegal": "SEN",
    "Senegalese": "SEN",
    "Nigeria": "NGA",
    "Nigerian": "NGA",
    "Algeria": "DZA",
    "Algerian": "DZA",
    "Libya": "LBY",
    "Libyan": "LBY",
    "Sudan": "SDN",
    "Sudanese": "SDN",
    "Benin": "BEN",
    "Beninese": "BEN",
    "Togo": "TGO",
    "Togolese": "TGO",
    "Ghana": "GHA",
    "Ghanaian": "GHA",
    "Côte d'Ivoire": "CIV",
    "Ivory Coast": "CIV",
    "Ivorian": "CIV",
    "Guinea": "GIN",
    "Guinean": "GIN",
    "Morocco": "MAR",
    "Moroccan": "MAR",
    "Egypt": "EGY",
    "Egyptian": "EGY",
    "Cameroon": "CMR",
    "Cameroonian": "CMR",
    "Germany": "DEU",
    "German": "DEU",
    "United States": "USA",
    "U.S.": "USA",
    "US": "USA",
    "American": "USA",
    "United Kingdom": "GBR",
    "Britain": "GBR",
    "British": "GBR",
    "UK": "GBR",
    "Russia": "RUS",
    "Russian": "RUS",
    "China": "CHN",
    "Chinese": "CHN",
    "Italy": "ITA",
    "Italian": "ITA",
    "Spain": "ESP",
    "Spanish": "ESP",
    "Belgium": "BEL",
    "Belgian": "BEL",
    "Netherlands": "NLD",
    "Dutch": "NLD",
    "Sweden": "SWE",
    "Swedish": "SWE",
    "Denmark": "DNK",
    "Danish": "DNK",
    "Estonia": "EST",
    "Estonian": "EST",
    "Czech Republic": "CZE",
    "Czech": "CZE",
    "Portugal": "PRT",
    "Portuguese": "PRT",
    "Greece": "GRC",
    "Greek": "GRC",
    "Norway": "NOR",
    "Norwegian": "NOR",
    "Ukraine": "UKR",
    "Ukrainian": "UKR",
    "Turkey": "TUR",
    "Turkish": "TUR",
    "Canada": "CAN",
    "Canadian": "CAN",
    "Ireland": "IRL",
    "Irish": "IRL",
    "Romania": "ROU",
    "Romanian": "ROU",
    "Hungary": "HUN",
    "Hungarian": "HUN",
    "Lithuania": "LTU",
    "Lithuanian": "LTU",
    "Finland": "FIN",
    "Finnish": "FIN",
    "Austria": "AUT",
    "Austrian": "AUT",
    "Poland": "POL",
    "Polish": "POL",
    "Iran": "IRN",
    "Iranian": "IRN",
    "Israel": "ISR",
    "Israeli": "ISR",
}
"""Country names and demonyms to ISO3, for the country a role belongs to."""

_TRAILING_WORDS = _wordlist("""
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Today Yesterday
""")

_STOP_WORDS = frozenset(
    [
        *_TRAILING_WORDS,
        *_wordlist("""
        The A An This That These Those It Its He She They We I You His Her Their Our My
        However But And Or So Yet Meanwhile Moreover Also Furthermore In On At By For From
        With Without After Before During Since Until While When Where Why How What Which Who
        Whom As If Although Though Because Despite Under Over Between Among Against About
        Into Through Western Eastern Northern Southern Central European African Islamist
        Islamic Jihadist Arab Muslim Christian Sahelian Francophone Anglophone West East
        North South Europe Africa Sahel Sahara Asia America Middle According Asked Speaking
        Answering Following Earlier Later Still Even Only Just Not No Yes Some Many Most
        Several Both All Each Every Other Another Such Then Now Here There Last Next First
        Second Third New Old Former Top Senior Changes Thousands Hundreds Dozens Group Corps
        Force Forces Army Armed Air Navy Nations Union Ministry Council Government House
        Palace Office Department Agency Mission Operation Barkhane Takuba Serval Sabre
        Wagner Reuters Press News Times Post Morning Newspaper Radio Television Monde Figaro
        Jeune Afrique Committee Commission Parliament Assembly Senate Congress Court Party
        Front Movement Coalition Alliance Republic Kingdom States Emirates State Embassy
        University Institute Foundation Bank Fund Company Airport Base Camp Region Province
        City Street Square Day Coup National International Summit Conference Christmas
        Easter Ramadan Eid Covid Elysée Elysee Kremlin Pentagon Defence Defense Foreign
        Interior Affairs Security Council Peace Treaty Agreement Accord Accords Initiative
        Task Sahelian Liptako Gourma Minusma Ecowas Nato Islamist Brussels Paris Bamako
        Niamey Ouagadougou Ndjamena Gao Timbuktu Kidal Menaka Mopti Agadez Washington Moscow
        Berlin London Dakar Abidjan Algiers Tripoli Rabat Nouakchott Human Rights Watch
        Amnesty Crisis Doctors Red Cross Crescent Medecins Médecins Sans Frontières
    """),
    ]
)

_PARTICLES = (
    r"(?:de|da|do|dos|das|du|des|del|della|di|van|von|der|den|ter|bin|ibn|ben|ould|ag|al|el|y)"
)
_NAME_WORD = (
    rf"(?:(?:al|el|ad|as|ash|ag|abu|bin)-[{_UPPER}][{_LOWER}]+"
    rf"|[{_UPPER}]['’][{_UPPER}][{_LOWER}]+"
    rf"|[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:(?:-|['’](?!s\b))[{_UPPER}]?[{_LOWER}]+)*"
    rf"|[{_UPPER}]\.(?:[{_UPPER}]\.)?)"
)
_SP = r"[ \u00a0]+"
_NAME = rf"(?<![\w.'’-]){_NAME_WORD}(?:{_SP}(?:{_PARTICLES}{_SP})?{_NAME_WORD}){{0,3}}(?![\w-])"
_WORD_RE = re.compile(rf"{_NAME_WORD}|\b{_PARTICLES}\b")
_PARTICLE_RE = re.compile(rf"{_PARTICLES}|Le|La|Da|De|Van|Von|Del|Al|El|Ould|Ag|Bin|Ben", re.I)

# Offices, written either way ("President", "foreign minister", "spokesman").
_OFFICES = r"""
    vice[- ]president | president | prime\ minister
  | minister\ of\ (?:state|foreign\ affairs(?:\ and\ international\ cooperation)?
                    |defen[cs]e|the\ armed\ forces|armed\ forces|the\ interior|interior)
  | (?:foreign|defen[cs]e|armed\ forces|interior|finance|deputy|junior|europe(?:an)?
       |foreign\ affairs)\ minister
  | minister
  | secretary[- ]general | secretary\ of\ state | secretary\ of\ defen[cs]e
  | (?:defen[cs]e|foreign|home|state)\ secretary | secretary
  | chancellor | ambassador | envoy | special\ representative | high\ representative
  | spokes(?:man|woman|person) | junta\ leader | coup\ leader | rebel\ leader | leader
  | chief\ of\ staff | army\ chief | chief | head | commander | commissioner
  | senator | governor | mayor | prosecutor | mediator | coordinator
  | (?:[a-z]+\ )?director | researcher | analyst | adviser | advisor | official
"""
# Ranks and honorifics: only capitalised, as ranks are written.
_RANKS = r"""
    Field\ Marshal | Marshal | Brigadier\ General | Brig\.\ Gen\. | Major\ General
  | Maj\.\ Gen\. | Lieutenant\ General | Lt\.\ Gen\. | Lieutenant\ Colonel | Lt\.\ Col\.
  | General | Gen\. | Colonel-Major | Colonel | Col\. | Lieutenant | Lt\. | Captain | Capt\. | Major
  | Maj\. | Cmdr\. | Admiral | Adm\. | Sergeant | Sgt\. | Mr\.? | Mrs\.? | Ms\.? | Dr\.?
  | Prof\. | Sen\. | Rep\. | King | Prince | Sheikh | Imam | Emir | Pope
"""
_MODIFIERS = r"""
    junta | military | army | transitional | interim | acting | former | then | new | deputy
  | outgoing | incoming | self-proclaimed | de\ facto | top | senior | government | ministry
  | UN | U\.N\. | EU | AU | ECOWAS | MINUSMA | NATO | G5\ Sahel | mission | peacekeeping
  | Wagner | rebel | opposition | regional | French | Malian
"""
_COUNTRY_ALT = "|".join(re.escape(c) for c in sorted(COUNTRY_WORDS, key=len, reverse=True))
_TITLE = rf"(?:(?ix:{_OFFICES})|(?x:{_RANKS}))"
_TITLE_CHAIN = (
    rf"(?:(?ix:{_MODIFIERS})[ ]|(?:{_COUNTRY_ALT})(?:['’]s)?[ ])*"
    rf"{_TITLE}(?:,?[ ](?:(?ix:{_MODIFIERS})[ ])*{_TITLE})*"
)
_TITLED_RE = re.compile(
    rf"(?<![\w-])(?:(?P<country>{_COUNTRY_ALT})(?:['’]s)?{_SP})?"
    rf"(?:the{_SP})?(?P<title>{_TITLE_CHAIN})(?![\w-]),?{_SP}(?P<name>{_NAME})"
)
_RUN_RE = re.compile(_NAME)
_TITLE_WORD_RE = re.compile(rf"^(?:{_TITLE})$")


def _alternatives(pattern: str) -> list[str]:
    """Split a lexicon pattern at its top-level ``|`` (not inside groups or classes)."""
    parts, depth, in_class, escaped, current = [], 0, False, False, []
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _leads(pattern: str) -> tuple[set[str], set[str], set[str]]:
    r"""First words that the matches of a lexicon pattern can start with, lower-cased.

    Returns whole first words (``minister``), beginnings of first words (``defen`` of
    ``defen[cs]e``) and beginnings of second words, for alternatives whose first word
    can be any word (``(?:[a-z]+\ )?director``).
    """
    words: set[str] = set()
    prefixes: set[str] = set()
    second: set[str] = set()

    def add(found: tuple[set[str], set[str], set[str]]) -> None:
        words.update(found[0])
        prefixes.update(found[1])
        second.update(found[2])

    for alt in _alternatives(pattern):
        if alt.startswith("(?:"):  # a group first: each of its options, then the rest
            depths = accumulate((ch == "(") - (ch == ")") for ch in alt)
            close = next(i for i, depth in enumerate(depths) if depth == 0)
            inner, rest = alt[3:close], alt[close + 1 :]
            optional = rest[:1] in ("?", "*")
            rest = rest[1:] if optional else rest
            for option in _alternatives(inner):
                if option.startswith("["):  # any word, then the rest
                    after = _leads(rest)
                    second.update(after[0] | after[1])
                else:
                    add(_leads(option + rest))
            if optional:
                add(_leads(rest))
            continue
        lead = re.match(r"\w*", alt).group()
        if not lead:
            raise ValueError(f"lexicon alternative {alt!r} does not start with a word")
        after = alt[len(lead) : len(lead) + 2]
        if after[:1] in ("?", "*", "{"):
            prefixes.add(lead[:-1].lower())  # its last letter is optional
        elif after[:1] in ("", "-", "'") or (after[:1] == "\\" and not after[1:].isalnum()):
            words.add(lead.lower())  # a whole word: a space, dot or hyphen follows
        else:
            prefixes.add(lead.lower())
    return words, prefixes, second


_LEXICONS = [_leads(p) for p in (_MODIFIERS, _OFFICES, _RANKS, _COUNTRY_ALT)]


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of ``words`` grouped by first letter, so each is cheap to try."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[:1], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


_LEXICON_START = (
    rf"(?:{_alternation(set().union(*(w for w, _, _ in _LEXICONS)))})(?!\w)"
    rf"|{_alternation(set().union(*(p for _, p, _ in _LEXICONS)))}"
    rf"|\w+ (?={_alternation(set().union(*(n for _, _, n in _LEXICONS)))})"
)
# Where a title phrase can start (``Mali's``, ``junta``, ``Foreign``, ``Colonel``,
# ``defence``, ``programme director``, ``the`` before one of these): only there is the
# costly _TITLED_RE tried. Case is ignored, which lets through more than the lexicon does.
_TITLE_START_RE = re.compile(
    rf"(?<![\w-])(?:the{_SP}(?={_LEXICON_START})|{_LEXICON_START})", re.IGNORECASE
)


def _titled_matches(text: str) -> Iterator[re.Match]:
    """Return ``_TITLED_RE.finditer(text)``, trying only where a title can start.

    A match starts where a word starts (its look-behind), with a country, ``the``, a
    modifier, an office or a rank; other words are skipped without running the
    pattern, which is what makes the scan cheap.
    """
    last = 0
    for candidate in _TITLE_START_RE.finditer(text):
        start = candidate.start()
        if start >= last:
            match = _TITLED_RE.match(text, start)
            if match:
                yield match
                last = match.end()


@lru_cache(maxsize=4096)
def _is_title_word(word: str) -> bool:
    return bool(_TITLE_WORD_RE.match(word))


_SPEECH = (
    r"said|says|told|tells|added|adds|announced|announces|declared|insisted|stated|warned"
    r"|explained|wrote|writes|stressed|noted|asked|replied|tweeted|posted|argued|claimed"
    r"|continued|concluded|acknowledged|admitted|confirmed|denied|urged|vowed|pledged"
    r"|promised|recalled|complained|commented|remarked|observed|affirmed|reiterated"
    r"|assured|emphasi[sz]ed|underlined|deplored|welcomed|condemned|criticised|criticized"
    r"|cautioned|conceded|maintained|countered|lamented|boasted|recounted|predicted"
    r"|alleged|revealed|disclosed|confided|indicated|retorted|responded|answered"
)
_SPEECH_BEFORE_RE = re.compile(rf"\b(?:{_SPEECH}|according to)[ ]*$")
_SPEECH_AFTER_RE = re.compile(
    rf"^[ ]+(?:(?:has|had|have|was|is|will|would|also|then|later|earlier)[ ]+)*(?:{_SPEECH})\b"
)
_APPOSITION_RE = re.compile(
    rf"^,[ ]+(?:the[ ]+|a[ ]+|an[ ]+)?(?:(?P<country>{_COUNTRY_ALT})(?:['’]s)?[ ]+)?"
    rf"(?:(?:group|organi[sz]ation|agency|ministry|army|country|UN|EU)['’]s[ ]+)?"
    rf"(?:[A-Z][\w-]+[ ]+)?(?P<title>{_TITLE_CHAIN})(?![\w-])",
)
_TITLE_BEHIND_RE = re.compile(rf"(?P<title>{_TITLE}){_SP}$")

_FIRST_NAMES = frozenset(
    _wordlist("""
        Emmanuel Assimi Abdourahamane Ibrahim Mahamat Idriss Sébastien Jean Jean-Yves Antony
        Lloyd Olaf Boris Abdoulaye Amadou Mohamed Mohammed Muhammad Ahmed Ali Moussa Oumar
        Ousmane Mamadou Mahamadou Salif Alpha Macky Bola Faure Patrice Adama Hama Iyad Abdel
        Omar Choguel Sadio Malick Bassolma Apollinaire Roch Paul-Henri Issoufou Hamidou
        François Nicolas Marine Florence Gérald Thierry Pierre Philippe Laurent Bernard
        Alain Catherine Christophe Franck Joe Donald Kamala Antonio António Josep Ursula
        Kaja Charles Michel Annalena Christine Vladimir Sergei Sergey Yevgeny Dmitry Maria
        John James Michael David Robert William Richard Thomas Peter Paul Mark Mary Anne
        Marie Sophie Elizabeth Sarah Victoria Linda Samantha Chris Susan Amina Fatou
        Fatoumata Aminata Aïssata Abdou Abdoul Boubacar Souleymane Seydou Modibo Dioncounda
        Cheick Bakary Ismaël Ismail Yacouba Kassoum Zéphirin Lassina Hassoumi Mahamane
        Salifou Tiémoko Wahab El-Ghassim Bah Sidi Succès Rhissa Kalla Albert Saleh
        Abdelkader Hamid Ali Ismail Youssouf Mahamat-Saleh Guillaume Olivier Luc Didier
        Jacques Jean-Marc Jean-Pierre Jean-Luc Jean-Claude
    """)
)


# --------------------------------------------------------------------------- finder


@dataclass
class _Mention:
    start: int
    end: int
    words: tuple[str, ...]
    role: str | None = None
    iso3: str | None = None
    actor: str | None = None
    kind: str = "full"
    confidence: float = 0.8


@dataclass
class PeopleFinder:
    """Find person mentions in a text, given spans that cannot be persons.

    Parameters
    ----------
    blocked : iterable of (int, int)
        Character spans (places, organisations, states) no name may overlap.
    exclude : callable, optional
        ``exclude(name) -> bool``; True rejects a candidate name.

    Examples
    --------
    >>> finder = PeopleFinder()
    >>> [(m.start, m.end, m.actor) for m in finder.find("said Assimi Goïta. Goïta left.")]
    [(5, 17, 'Assimi Goïta'), (19, 24, 'Assimi Goïta')]
    """

    blocked: Iterable[tuple[int, int]] = ()
    exclude: Callable[[str], bool] | None = None
    _blocked: list[tuple[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._blocked = sorted((int(s), int(e)) for s, e in self.blocked)
        self._blocked_starts = [s for s, _ in self._blocked]
        self._blocked_max_end = list(accumulate((e for _, e in self._blocked), max))

    def find(self, text: str) -> list[_Mention]:
        """Return person mentions in ``text`` sorted by start, linked to full names.

        Parameters
        ----------
        text : str
            The article text.

        Returns
        -------
        list
            Mentions with ``start``, ``end``, ``actor``, ``role``, ``iso3``, ``kind``
            (``"full"`` or ``"short"``).
        """
        mentions: list[_Mention] = []
        taken: list[tuple[int, int]] = []
        for m in self._titled(text):
            if not _overlaps(taken, m.start, m.end):
                mentions.append(m)
                taken.append((m.start, m.end))
        for m in self._untitled(text):
            if not _overlaps(taken, m.start, m.end):
                mentions.append(m)
                taken.append((m.start, m.end))
        fulls = [m for m in mentions if _content_len(m.words) >= 2]
        # A multi-word candidate that is the tail of a longer name is a short mention.
        for m in fulls:
            if any(
                len(o.words) > len(m.words) and o.words[-len(m.words) :] == m.words for o in fulls
            ):
                m.kind = "short"
        for m in mentions:
            if _content_len(m.words) < 2:
                m.kind = "short"
        full_names = [m for m in mentions if m.kind == "full"]
        for m in full_names:
            m.actor = " ".join(m.words)
        mentions.extend(self._surnames(text, full_names, taken))
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            if m.kind == "short":
                self._link(m, full_names)
        return [m for m in mentions if m.actor]

    # -- candidates -------------------------------------------------------------

    def _titled(self, text: str) -> Iterable[_Mention]:
        for match in _titled_matches(text):
            title = match.group("title")
            words = self._clean_words(text, match.start("name"), match.end("name"))
            if not words:
                continue
            capital_title = title.split()[-1][:1].isupper()
            if _content_len([w for _, _, w in words]) < 2 and not capital_title:
                continue
            iso3 = _iso3(match.group("country")) or _iso3_in(title)
            yield self._mention(words, role=_role(title), iso3=iso3, confidence=0.9)

    def _untitled(self, text: str) -> Iterable[_Mention]:
        for run in _RUN_RE.finditer(text):
            for words in self._segments(text, run.start(), run.end()):
                if _content_len([w for _, _, w in words]) < 2:
                    continue
                start, end = words[0][0], words[-1][1]
                before, after = text[max(0, start - 30) : start], text[end : end + 160]
                appos = _APPOSITION_RE.match(after)
                if appos:
                    iso3 = _iso3(appos.group("country")) or _iso3_in(appos.group("title"))
                    yield self._mention(words, role=_role(appos.group("title")), iso3=iso3)
                elif _SPEECH_BEFORE_RE.search(before) or _SPEECH_AFTER_RE.match(after):
                    yield self._mention(words, confidence=0.75)
                elif words[0][2] in _FIRST_NAMES:
                    yield self._mention(words, confidence=0.6)

    def _surnames(
        self, text: str, fulls: list[_Mention], taken: list[tuple[int, int]]
    ) -> list[_Mention]:
        keys = {_surname(m.words) for m in fulls}
        if not keys:
            return []
        # only the surnames change per article: the title is looked up behind each hit
        # with a pattern compiled once, so no large regex is compiled per document
        alternation = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?P<name>{alternation})(?![\w-])")
        found: list[_Mention] = []
        for match in pattern.finditer(text):
            start, end = match.span("name")
            if _overlaps(taken, start, end) or self._is_blocked(start, end):
                continue
            behind = _TITLE_BEHIND_RE.search(text, max(0, start - 60), start)
            title = behind.group("title") if behind else None
            if title and not title[:1].isupper():
                title = None
            words = tuple(match.group("name").split())
            found.append(
                _Mention(
                    start,
                    end,
                    words,
                    role=_role(title) if title else None,
                    kind="short",
                    confidence=0.7,
                )
            )
            taken.append((start, end))
        return found

    @staticmethod
    def _link(m: _Mention, fulls: list[_Mention]) -> None:
        tail = m.words
        matching = [f for f in fulls if len(f.words) > len(tail) and f.words[-len(tail) :] == tail]
        if not matching:
            m.actor = " ".join(m.words)
            return
        before = [f for f in matching if f.start < m.start]
        best = before[-1] if before else matching[0]
        m.actor = best.actor
        m.role = m.role or best.role
        m.iso3 = m.iso3 or best.iso3

    # -- words ------------------------------------------------------------------

    def _clean_words(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Words of a name span, cut at the first word that cannot be in a name."""
        segments = self._segments(text, start, end)
        if not segments or segments[0][0][0] != _first_word_start(text, start, end):
            return []
        return segments[0]

    def _segments(self, text: str, start: int, end: int) -> list[list[tuple[int, int, str]]]:
        """Split a capitalised run into runs of words that can belong to a name."""
        segments: list[list[tuple[int, int, str]]] = []
        current: list[tuple[int, int, str]] = []
        for w in _WORD_RE.finditer(text, start, end):
            word = w.group()
            ok = (
                word not in _STOP_WORDS
                and word not in COUNTRY_WORDS
                and not _is_title_word(word)
                and not self._is_blocked(w.start(), w.end())
                and not (word.endswith(".") and len(word) > 2)  # U.S., not J.
            )
            if ok:
                current.append((w.start(), w.end(), word))
            elif current:
                segments.append(current)
                current = []
        if current:
            segments.append(current)
        cleaned = []
        for seg in segments:
            while seg and _is_particle(seg[0][2]) and not seg[0][2][:1].isupper():
                seg = seg[1:]
            while seg and _is_particle(seg[-1][2]):
                seg = seg[:-1]
            if seg and not (self.exclude and self.exclude(text[seg[0][0] : seg[-1][1]])):
                cleaned.append(seg)
        return cleaned

    def _mention(
        self,
        words: list[tuple[int, int, str]],
        role: str | None = None,
        iso3: str | None = None,
        confidence: float = 0.8,
    ) -> _Mention:
        return _Mention(
            words[0][0],
            words[-1][1],
            tuple(w for _, _, w in words),
            role=role,
            iso3=iso3,
            confidence=confidence,
        )

    def _is_blocked(self, start: int, end: int) -> bool:
        # a blocked span overlaps when it starts before ``end`` and ends after ``start``
        before = bisect_left(self._blocked_starts, end)
        return before > 0 and self._blocked_max_end[before - 1] > start


def _first_word_start(text: str, start: int, end: int) -> int:
    match = _WORD_RE.search(text, start, end)
    return match.start() if match else -1


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@lru_cache(maxsize=4096)
def _is_particle(word: str) -> bool:
    return bool(_PARTICLE_RE.fullmatch(word))


def _content_len(words: Iterable[str]) -> int:
    return sum(1 for w in words if not _is_particle(w) or w[:1].isupper())


def _surname(words: tuple[str, ...]) -> str:
    """Surname of a full name: the last word, with a particle before it (``Le Drian``)."""
    for i, w in enumerate(words[1:], start=1):
        if _is_particle(w):
            return " ".join(words[i:])
    return words[-1]


def _iso3(country: str | None) -> str | None:
    return COUNTRY_WORDS.get(country) if country else None


def _iso3_in(title: str) -> str | None:
    for word in re.findall(r"[A-Z][\w.]*", title):
        if word in COUNTRY_WORDS:
            return COUNTRY_WORDS[word]
    return None


_ROLE_TRIM_RE = re.compile(rf"(?<![\w.])(?:{_COUNTRY_ALT})(?:['’]s)?(?![\w])\s*")


def _role(title: str) -> str:
    role = _ROLE_TRIM_RE.sub("", " ".join(title.replace(",", " ").split())).strip()
    return role or title


# --------------------------------------------------------------------------- component


def find_people(doc: Doc, exclude: Callable[[str], bool] | None = None) -> list[dict]:
    """Find persons in ``doc`` and record them as ``actors`` facts.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The document; its ``places`` and non-person ``actors`` records are respected.
    exclude : callable, optional
        ``exclude(name) -> bool``; True rejects a candidate name.

    Returns
    -------
    list of dict
        The records added.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Ibrahim Traoré said on Friday. Captain Traoré left.")
    >>> [(r["text"], r["actor"], r["role"]) for r in find_people(doc)]
    [('Ibrahim Traoré', 'Ibrahim Traoré', None), ('Traoré', 'Ibrahim Traoré', 'Captain')]
    """
    blocked = [(r["start"], r["end"]) for r in facts_of(doc, "places")]
    blocked += [
        (r["start"], r["end"]) for r in facts_of(doc, "actors") if r.get("actor_kind") != "person"
    ]
    existing = [
        (r["start"], r["end"]) for r in facts_of(doc, "actors") if r.get("actor_kind") == "person"
    ]
    added = []
    for m in PeopleFinder(blocked=blocked, exclude=exclude).find(text_of(doc)):
        if _overlaps(existing, m.start, m.end):
            continue
        added.append(
            add_fact(
                doc,
                "actors",
                m.start,
                m.end,
                actor=m.actor,
                actor_kind="person",
                iso3=m.iso3,
                role=m.role,
                mention=m.kind,
                confidence=m.confidence,
            )
        )
    return added


class PeopleComponent:
    """spaCy component recording person mentions as ``actors`` facts.

    Parameters
    ----------
    exclude : callable, optional
        ``exclude(name) -> bool``; True rejects a candidate name.
    """

    def __init__(self, exclude: Callable[[str], bool] | None = None) -> None:
        self.exclude = exclude

    def __call__(self, doc: Doc) -> Doc:
        """Record the persons of ``doc`` and return it."""
        find_people(doc, exclude=self.exclude)
        return doc


@Language.factory("sahel_people", default_config={"exclude": None})
def make_people(nlp: Language, name: str, exclude: Callable[[str], bool] | None) -> PeopleComponent:
    """Build the ``sahel_people`` component (see :class:`PeopleComponent`).

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("sahel_people").__class__.__name__
    'PeopleComponent'
    """
    return PeopleComponent(exclude=exclude)
