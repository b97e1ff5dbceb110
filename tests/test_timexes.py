"""Tests for sahel_analysis.language.timexes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.language import timexes as tx
from sahel_analysis.language.timexes import Timex, find_timexes

THU = dt.date(2022, 2, 17)  # a Thursday, the seed article's publication date
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_TXT = SHARED / "seeds" / "000_a3695cdb5900521c.txt"
SEED_GOLD = SHARED / "gold" / "000_a3695cdb5900521c.json"


def values(text: str, published: dt.date | None = THU) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, published)]


def one(text: str, published: dt.date | None = THU) -> Timex:
    found = find_timexes(text, published)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- seed article


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared gold files not available")
def test_seed_gold_timexes_found_with_exact_values():
    text = SEED_TXT.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(gold["published"])
    found = find_timexes(text, published)
    for g in gold["timexes"]:
        hits = [
            t
            for t in found
            if t.value == g["value"] and (g["text"] in t.text or t.text in g["text"])
        ]
        assert hits, f"missing {g}"
        assert hits[0].kind == g["kind"]
    assert len(found) == len(gold["timexes"])


def test_seed_like_sentences():
    text = (
        "Macron announced today that troops will leave. His decision was announced after a "
        "Wednesday night meeting of leaders in Paris."
    )
    assert values(text) == [("today", "2022-02-17"), ("Wednesday night", "2022-02-16")]


# --------------------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister spoke today.", "2022-02-17"),
        ("The convoy was attacked yesterday.", "2022-02-16"),
        ("The president will speak tonight.", "2022-02-17"),
        ("The talks resume tomorrow.", "2022-02-18"),
        ("Leaders met last night in Paris.", "2022-02-16"),
        ("They met last Thursday.", "2022-02-10"),
        ("They will meet next Monday.", "2022-02-21"),
        ("The announcement came on Thursday.", "2022-02-17"),
    ],
)
def test_relative_days(text, value):
    t = one(text)
    assert t.value == value
    assert t.kind == "date"
    assert t.precision == "day"
    assert t.relative and t.resolved


def test_weekday_on_publication_day_is_that_day():
    friday = dt.date(2022, 2, 18)
    assert values("Troops left on Friday.", friday) == [("Friday", "2022-02-18")]
    assert values("Troops will leave on Friday.", friday) == [("Friday", "2022-02-18")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The last French soldiers left Gao on Monday.", "2022-02-14"),
        ("The last French soldiers will leave Gao on Monday.", "2022-02-21"),
        ("The junta said on Monday that it was expelling the ambassador.", "2022-02-14"),
        ("The convoy is to reach Niamey on Saturday.", "2022-02-19"),
        ("Germany plans to pull out its last troops on Saturday.", "2022-02-19"),
        # no tense cue at all: news reports mostly look back
        ("Protests in Bamako on Saturday.", "2022-02-12"),
    ],
)
def test_weekday_follows_tense(text, value):
    assert one(text).value == value


def test_weekday_with_date_is_one_expression():
    assert values("The coup took place on Wednesday, July 26, 2023.") == [
        ("Wednesday, July 26, 2023", "2023-07-26")
    ]


# --------------------------------------------------------------------------- weeks, months, years


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Fighting intensified this week.", "2022-W07", "date"),
        ("The junta expelled the ambassador last week.", "2022-W06", "date"),
        ("The mission ends next month.", "2022-03", "month"),
        ("Talks began earlier this month.", "2022-02", "month"),
        ("This month the convoys resumed.", "2022-02", "month"),
        ("The coup happened last year.", "2021", "year"),
        ("Elections are due this year.", "2022", "year"),
        ("Withdrawal will be complete next year.", "2023", "year"),
        ("Wagner arrived last July.", "2021-07", "month"),
        ("The base will close by the end of the year.", "2022", "year"),
    ],
)
def test_calendar_units(text, value, kind):
    t = one(text)
    assert (t.value, t.kind) == (value, kind)


def test_end_of_the_year_span():
    t = one("The base will close by the end of the year.")
    assert t.text == "the end of the year"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The junta reneged on its pledge to hold an election in February.", "2022-02"),
        ("The troops will leave in December.", "2022-12"),
        ("The troops left in December.", "2021-12"),
        ("Wagner fighters arrived in mid-August.", "2021-08"),
        ("The last convoy will leave in early December.", "2022-12"),
        ("Talks have stalled since May.", "2021-05"),
    ],
)
def test_month_without_year_nearest_consistent_with_tense(text, value):
    t = one(text)
    assert t.value == value
    assert t.kind == "month"


def test_month_modifiers_are_in_the_span():
    assert values("Fighting resumed in mid-August.")[0][0] == "mid-August"
    assert values("Troops will go in early December.")[0][0] == "early December"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The last soldiers left on 15 August 2022.", "2022-08-15"),
        ("The last soldiers left on August 15, 2022.", "2022-08-15"),
        ("The last soldiers left on the 15th of August 2022.", "2022-08-15"),
        ("The order was signed on 2022-08-15.", "2022-08-15"),
        ("The order was signed on 12/31/2023.", "2023-12-31"),
        ("Barkhane was launched in August 2014.", "2014-08"),
        ("The contract ran out in Sept. 2023.", "2023-09"),
    ],
)
def test_absolute_dates(text, value):
    t = one(text)
    assert t.value == value
    assert not t.relative


def test_day_month_takes_year_from_context():
    # the year of a following date in a range
    assert values("Troops moved between 15 August and 20 September 2023.") == [
        ("15 August", "2023-08-15"),
        ("20 September 2023", "2023-09-20"),
    ]
    # "In 2013 ..." earlier in the sentence
    assert values("In 2013, France launched Serval on 11 January.")[1] == (
        "11 January",
        "2013-01-11",
    )
    # otherwise the nearest such day consistent with the tense
    assert values("The last soldiers left Gao on Aug. 15.", dt.date(2022, 8, 20)) == [
        ("Aug. 15", "2022-08-15")
    ]


def test_ambiguous_slash_date_is_left_alone():
    assert values("Signed 03/04/2023.") == []


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The mission was joined in 2020 by European allies.", "2020", "year"),
        ("The junta proposed remaining in power until 2025.", "2025", "year"),
        ("France has been in Mali since 2013.", "2013", "year"),
        ("The withdrawal should be over in late 2023.", "2023", "year"),
        ("The mandate expires at the end of 2023.", "2023", "year"),
        ("Barkhane ran from 2014 to 2022.", "2014/2022", "interval"),
        ("Barkhane (2014-2022) was the largest French operation.", "2014/2022", "interval"),
        ("Between 2014 and 2022 France lost 58 soldiers.", "2014/2022", "interval"),
        ("Jihadist groups spread in the 2010s.", "2010/2019", "decade"),
    ],
)
def test_years_intervals_decades(text, value, kind):
    t = one(text)
    assert (t.value, t.kind) == (value, kind)


def test_year_interval_is_an_interval():
    t = one("Operation Barkhane ran from 2014 to 2022.")
    assert t.interval == "2014/2022"
    assert t.text == "from 2014 to 2022"


def test_seasons():
    t = one("The last troops will leave over the summer.")
    assert (t.text, t.value, t.kind) == ("the summer", "2022-06/2022-08", "season")
    assert one("The offensive began last summer.").value == "2021-06/2021-08"
    assert one("Talks stalled in the summer of 2023.").value == "2023-06/2023-08"


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The troops have been there nine years.", "nine years", "P9Y"),
        ("The mission lasted six months.", "six months", "P6M"),
        ("Germany will leave within 18 months.", "18 months", "P18M"),
        ("A ceasefire of two weeks was agreed.", "two weeks", "P2W"),
        ("The junta gave them 48 hours to leave.", "48 hours", "PT48H"),
        ("The war has lasted a decade.", "a decade", "P10Y"),
        ("The region has been unstable for decades.", "decades", "PXDE"),
        ("More attacks are expected in the coming weeks.", "the coming weeks", "PXW"),
        ("A decision is expected in the coming days.", "the coming days", "PXD"),
        ("The nine-year mission ended.", "nine-year", "P9Y"),
        ("A twenty-five-year-long presence.", "twenty-five-year-long", "P25Y"),
        ("Insecurity has grown in recent years.", "recent years", "PXY"),
    ],
)
def test_durations(text, surface, value):
    t = one(text)
    assert (t.text, t.value, t.kind) == (surface, value, "duration")


def test_anchored_durations_carry_an_interval():
    t = one("2,400 troops were based in Mali for the past nine years.")
    assert (t.text, t.value, t.interval) == ("the past nine years", "P9Y", "2013/2022")
    t = one("The withdrawal will take place over a period of several months.")
    assert (t.text, t.value) == ("several months", "PXM")
    assert t.interval.startswith("2022-02-17/")
    assert one("Violence surged over the past six months.").interval == "2021-08/2022-02"
    assert one("Aid will flow over the next two years.").interval == "2022/2024"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("France intervened in Mali a decade ago.", "2012", "year"),
        ("The coup happened three years ago.", "2019", "year"),
        ("The base was handed over two months ago.", "2021-12", "month"),
        ("The convoy was attacked three days ago.", "2022-02-14", "date"),
    ],
)
def test_ago(text, value, kind):
    t = one(text)
    assert (t.value, t.kind) == (value, kind)
    assert t.text.endswith("ago")


# --------------------------------------------------------------------------- false positives


@pytest.mark.parametrize(
    "text",
    [
        "A French contingent of 2,400 troops is based in Mali.",
        "The Security Council adopted Resolution 2690 in a vote.",
        "Some 1,500 soldiers remain.",
        "Russia sent 2025 troops to the north.",
        "Germany may withdraw its contingent.",
        "Thousands joined a march on the capital.",
        "Theresa May said nothing about the Sahel.",
        "May the talks succeed.",
        "March on the capital, the leaders urged.",
        "The rules of Section 2022 apply.",
        "Flight 2019 landed at Bamako.",
        "The Arab Spring reached the Sahel.",
        "After the fall of Kidal the rebels regrouped.",
        "The mission costs 2000 euros a day.",
        "The patrol leaves at 2000 GMT.",
        "A 2000-strong force arrived.",
        "He spoke to USA Today about the coup.",
    ],
)
def test_no_false_positives(text):
    assert find_timexes(text, THU) == []


def test_march_and_may_with_context_are_months():
    assert values("Elections were due in March.") == [("March", "2021-03")]
    assert values("The junta took power in May 2021.") == [("May 2021", "2021-05")]
    assert values("Troops left on 3 March.") == [("3 March", "2021-03-03")]


# --------------------------------------------------------------------------- no publication date


def test_without_publication_date_relative_values_keep_placeholders():
    found = {
        t.text: t
        for t in find_timexes(
            "Today, the junta said elections in February "
            "were put off until 2025. Talks begin this week "
            "and last for several months.",
            None,
        )
    }
    assert (found["Today"].value, found["Today"].resolved) == ("XXXX-XX-XX", False)
    assert (found["February"].value, found["February"].resolved) == ("XXXX-02", False)
    assert (found["this week"].value, found["this week"].resolved) == ("XXXX-WXX", False)
    assert (found["2025"].value, found["2025"].resolved) == ("2025", True)
    assert found["several months"].value == "PXM"
    assert found["several months"].interval is None


def test_without_publication_date_absolute_dates_still_resolved():
    t = one("The coup took place on 26 July 2023.", None)
    assert (t.value, t.resolved) == ("2023-07-26", True)
    assert one("They met on Friday.", None).value == "XXXX-WXX-5"
    assert one("It began three years ago.", None).value == "XXXX"


def test_published_may_be_datetime_or_iso_string():
    assert values("It happened yesterday.", dt.datetime(2022, 2, 17, 9, 30)) == [
        ("yesterday", "2022-02-16")
    ]
    assert values("It happened yesterday.", "2022-02-17") == [("yesterday", "2022-02-16")]


# --------------------------------------------------------------------------- own Sahel sentences


def test_varied_sahel_news_sentences():
    # written for these tests, about real events
    text = (
        "France announced on 17 February 2022 that it would leave Mali, ending a nine-year "
        "intervention. The last French soldiers left the country on August 15, 2022. "
        "In July 2023 soldiers overthrew President Bazoum in Niger, and French troops left "
        "Niamey by the end of the year. MINUSMA, deployed since 2013, was told to leave "
        "within six months; the UN mission closed in December 2023."
    )
    got = values(text, dt.date(2024, 1, 10))
    assert got == [
        ("17 February 2022", "2022-02-17"),
        ("nine-year", "P9Y"),
        ("August 15, 2022", "2022-08-15"),
        ("July 2023", "2023-07"),
        ("the end of the year", "2024"),
        ("2013", "2013"),
        ("six months", "P6M"),
        ("December 2023", "2023-12"),
    ]


def test_sahel_sentences_with_relative_dates():
    published = dt.date(2023, 8, 9)  # a Wednesday
    text = (
        "Niger's junta said on Monday it would not receive the ECOWAS delegation. "
        "The bloc's leaders will meet in Abuja on Thursday. "
        "Some 1,500 French soldiers have been stationed in Niger for the past two years."
    )
    found = find_timexes(text, published)
    assert [(t.text, t.value) for t in found] == [
        ("Monday", "2023-08-07"),
        ("Thursday", "2023-08-10"),
        ("the past two years", "P2Y"),
    ]
    assert found[2].interval == "2021/2023"


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"0123456789 ,.-/–'ayedMsJ\n",
                "May ",
                "March",
                "last ",
                "the past ",
                "nine ",
                "years",
                "2013",
                "August ",
                "Friday",
                "ago",
                "mid-",
                "since ",
                "between ",
                " and ",
                "the ",
                "summer",
                "end of ",
                "s",
            ]
        ),
        max_size=40,
    ).map("".join),
    st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))),
)
def test_arbitrary_text_never_raises_and_offsets_hold(text, published):
    found = find_timexes(text, published)
    last_end = -1
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start : t.end]
        assert t.start >= last_end  # sorted, non-overlapping
        last_end = t.end
        assert t.value


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_any_unicode_text_never_raises(text, published):
    for t in find_timexes(text, published):
        assert t.text == text[t.start : t.end]


# --------------------------------------------------------------------------- spaCy component


def test_spacy_component_records_facts():
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_timexes")
    doc = nlp.make_doc("Macron announced today that the nine-year mission would end in 2022.")
    doc._.published = THU
    doc = nlp(doc)
    facts = doc._.facts["timexes"]
    assert [(f["text"], f["value"], f["kind"]) for f in facts] == [
        ("today", "2022-02-17", "date"),
        ("nine-year", "P9Y", "duration"),
        ("2022", "2022", "year"),
    ]
    for f in facts:
        assert doc.text[f["start"] : f["end"]] == f["text"]
    assert facts[0]["confidence"] == pytest.approx(0.8)
    assert facts[2]["confidence"] == pytest.approx(0.9)
    assert facts[0]["resolved"] is True


def test_spacy_component_without_publication_date():
    nlp = spacy.blank("en")
    nlp.add_pipe("sahel_timexes")
    doc = nlp("Talks resume in February.")
    (fact,) = doc._.facts["timexes"]
    assert (fact["value"], fact["resolved"]) == ("XXXX-02", False)


def test_timex_is_frozen():
    t = one("in 2020")
    with pytest.raises(AttributeError):
        t.value = "2021"  # type: ignore[misc]
    assert tx.Timex is Timex


# --------------------------------------------------------------------------- context-dependent


def test_same_day_and_indefinite_weekday_refer_to_the_last_date():
    text = (
        "The killings took place between 27 and 31 March. Soldiers landed on a Sunday. "
        "Troops left Gao on 15 August 2022; the junta wrote to the UN the same day "
        "and the last convoy reached Niamey the following day."
    )
    got = values(text, dt.date(2022, 8, 20))
    assert got == [
        ("between 27 and 31 March", "2022-03-27/2022-03-31"),
        ("a Sunday", "2022-03-27"),
        ("15 August 2022", "2022-08-15"),
        ("the same day", "2022-08-15"),
        ("the following day", "2022-08-16"),
    ]


def test_same_day_without_a_reference_is_dropped():
    assert values("The junta wrote to the UN the same day.") == []


def test_deadline_leans_to_the_future():
    # published 1 July 2023: 31 December 2023 and 2022 are equally far away
    t = one(
        "The council adopted the text, giving the mission until 31 December to leave.",
        dt.date(2023, 7, 1),
    )
    assert t.value == "2023-12-31"
    # but a clear past stays past
    assert one("French troops stayed in Mali until August.", dt.date(2022, 11, 14)).value == (
        "2022-08"
    )


def test_month_with_relative_year_and_parts_of_year():
    assert values("Déby won an election in May this year.", dt.date(2024, 11, 29)) == [
        ("May this year", "2024-05")
    ]
    t = one("Britain will leave in the first half of next year.", dt.date(2022, 11, 14))
    assert (t.text, t.value, t.kind) == ("the first half of next year", "2023-H1", "interval")
    assert one("in the third quarter of 2023").value == "2023-Q3"


def test_fractional_and_bare_durations():
    assert one("Wagner stayed three and a half years.").value == "P3Y6M"
    assert one("Niger was the hub only a year and a half ago.", dt.date(2023, 9, 25)).value == (
        "2022"
    )
    assert (one("Mali's decade-long conflict").text, one("Mali's decade-long conflict").value) == (
        "decade-long",
        "P10Y",
    )
    assert values("After weeks of talks they agreed.") == [("weeks", "PXW")]
    assert values("The reply came within hours.") == [("hours", "PXH")]
    assert values("It costs €1 billion a year.") == []


def test_that_year_and_that_month_refer_to_the_year_the_story_named():
    text = (
        "Chad sent troops to Mali in January 2013. In July of that year, MINUSMA took over. "
        "That February, Chadian soldiers had fought in the Adrar."
    )
    found = {t.text: t.value for t in find_timexes(text, dt.date(2024, 1, 20))}
    assert found["July of that year"] == "2013-07"
    assert found["That February"] == "2013-02"


def test_that_night_and_the_following_afternoon_follow_the_last_day_named():
    text = (
        "On 10 January 2013 the jihadists took Konna. That night, Paris decided to act. "
        "The following afternoon, French helicopters struck."
    )
    found = {t.text: t.value for t in find_timexes(text, dt.date(2013, 1, 20))}
    assert found["That night"] == "2013-01-10"
    assert found["The following afternoon"] == "2013-01-11"


@pytest.mark.parametrize(
    "text",
    [
        "Troops left last Monday, on a Tuesday and this past Friday morning.",
        "Between 3 and 5 March 2022, on 21st of May, in Sept. 2019 and Dec 2020.",
        "From 2013–2022 and in the mid-1990s, 2,020 soldiers; 2022-03-04; $2019.",
        "For the past nine years, a week and a half, this WEEK and the current month.",
        "Two mınutes, a weeK, ſeven years: İstanbul, 2023.",  # letters case folding pairs
    ],
)
def test_anchored_scans_find_what_a_full_scan_finds(text):
    for pattern, rule in tx._RULES:
        full = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        found = tx._finditer(pattern, text, text.lower(), tx._ANCHORS.get(rule))
        assert [(m.span(), m.groupdict()) for m in found] == full, rule.__name__


_TIMEX_BITS = st.sampled_from(
    "Monday last on a early March Mar. May 3rd 21 of 2022 1990s 20 19 – - from between "
    "and week WEEK month years day hours the current this ago , . \n $ / 5 nine ı ſ K x- mid- "
    "summer the same day tonight".split(" ")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TIMEX_BITS, st.sampled_from(["", " ", "  ", "\n", "-"])), max_size=20))
def test_anchored_scans_agree_with_full_scans_on_any_mix(parts):
    test_anchored_scans_find_what_a_full_scan_finds("".join(a + b for a, b in parts))
