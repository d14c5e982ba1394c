"""Dates of claims on sentences written for these tests: explicit and relative dates, with and
without a publication date, what is not a date, and the date a claim span takes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.claims.date_forms import read_library
from claimledger.claims.dates import DateMention, date_for, find_dates
from claimledger.nlp import load

S = {
    "day_month_us": "On November 24, the commander said two armoured vehicles were destroyed.",
    "day_month_uk": "Artillery shelled the bridge on 24 November, the governor said.",
    "ordinal": "The convoy was ambushed on December 13th near the river.",
    "abbreviated": "The brigade arrived on Dec. 1 and withdrew on Nov 3.",
    "dotted": "The order was signed on 24.11.2025.",
    "slashed": "The order was signed on 24/11/2025.",
    "iso": "The order was signed on 2025-11-24.",
    "ambiguous_numeric": "The leaflet was dated 03/04/2025 and the reply 11/24/2025.",
    "month_year": "Shelling intensified in November 2025.",
    "year": "The depot was built in 2024.",
    "monday": "On Monday, drones hit the depot.",
    "night_range": "During the night of November 23-24, drones attacked the port.",
    "night_range_uk": "On the night of 23 to 24 November, drones attacked the port.",
    "december_30": "The ferry sank on December 30.",
    "in_november": "The checkpoint changed hands in November.",
    "february_29": "The convoy crossed the border on February 29.",
    "yesterday": "Yesterday, the ministry said 30 soldiers were killed.",
    "today": "Today the governor said the bridge is closed.",
    "tuesday": "On Tuesday, the army said it had repelled an assault.",
    "last_week": "Last week, the army lost ground near the river.",
    "past_24_hours": "Over the past 24 hours, the ministry said, 210 soldiers were killed.",
    "last_day": "In the last day, four tanks were hit.",
    "earlier_this_month": "Earlier this month, the village was captured.",
    "last_month": "Last month, the village was retaken.",
    "this_week": "This week, the city was shelled twice.",
    "two_days_ago": "Two days ago, the bridge collapsed.",
    "overnight": "Overnight, drones struck the capital.",
    "overnight_after_verb": "Russia attacked the capital overnight with forty drones.",
    "duration": "The sergeant served for three years in the brigade.",
    "ceasefire": "Both sides agreed to a 24-hour ceasefire.",
    "ages": "A 45-year-old man and his son, aged 12, were wounded.",
    "units": "The 93rd Brigade and the 3rd Assault Brigade held the line.",
    "times": "The sirens sounded at 10:00 and again at 5 a.m.",
    "last_day_of": "Talks broke down on the last day of the summit.",
    "decade": "The region was quiet in the 1990s.",
    "next_day": "On November 22 troops entered the village. The next day they captured it.",
    "next_day_alone": "The next day they captured it.",
    "two_dates": "The shelling, which began on Saturday, stopped on November 22, officials said.",
    "verb_dates": "The army said on Friday that its troops captured the hill on December 1.",
    "vague": "Heavy fighting was reported in mid-November and again in early 2024.",
    "weekday_and_date": "The prisoner exchange took place on Sunday, November 30.",
    "new_year": "Strikes continued on December 31 - January 1.",
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Doc]:
    """Every sentence above by its name, parsed once in a batch by the bare pipeline."""
    nlp = load(stages=False)
    return dict(zip(S, nlp.pipe(S.values()), strict=True))


Row = tuple[str | None, str | None, str | None, str]


def dates(docs: dict[str, Doc], name: str, published: str | None) -> list[Row]:
    """(text, start, end, precision) of each date mention of a sentence, in text order."""
    found = find_dates(docs[name], published)
    for m in found:
        assert S[name][m.start : m.end] == m.date.text
    return [(m.date.text, m.date.start, m.date.end, m.date.precision) for m in found]


def only(docs: dict[str, Doc], name: str, published: str | None) -> DateMention:
    found = find_dates(docs[name], published)
    assert len(found) == 1, found
    mention = found[0]
    assert S[name][mention.start : mention.end] == mention.date.text
    return mention


def day(docs: dict[str, Doc], name: str, published: str | None) -> str | None:
    """The single date of a sentence as "start" or "start..end"; the precision must be day."""
    claim_date = only(docs, name, published).date
    assert claim_date.precision == "day", claim_date
    if claim_date.start == claim_date.end:
        return claim_date.start
    return f"{claim_date.start}..{claim_date.end}"


# --- explicit dates


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("day_month_us", "November 24"),
        ("day_month_uk", "24 November"),
    ],
)
def test_day_and_month_in_either_order(docs: dict[str, Doc], name: str, written: str) -> None:
    assert dates(docs, name, "2025-11-25") == [(written, "2025-11-24", "2025-11-24", "day")]
    assert dates(docs, name, None) == [(written, "--11-24", "--11-24", "day")]


def test_ordinal_day(docs: dict[str, Doc]) -> None:
    assert dates(docs, "ordinal", "2025-12-20") == [
        ("December 13th", "2025-12-13", "2025-12-13", "day")
    ]
    assert day(docs, "ordinal", None) == "--12-13"


def test_abbreviated_months(docs: dict[str, Doc]) -> None:
    assert dates(docs, "abbreviated", "2025-12-02") == [
        ("Dec. 1", "2025-12-01", "2025-12-01", "day"),
        ("Nov 3", "2025-11-03", "2025-11-03", "day"),
    ]
    assert [d[1] for d in dates(docs, "abbreviated", None)] == ["--12-01", "--11-03"]


@pytest.mark.parametrize("name", ["dotted", "slashed", "iso"])
def test_numeric_dates_carry_their_year(docs: dict[str, Doc], name: str) -> None:
    for published in (None, "2026-03-01"):
        assert day(docs, name, published) == "2025-11-24"


def test_numeric_dates_are_day_first_unless_only_month_first_fits(docs: dict[str, Doc]) -> None:
    assert [d[1] for d in dates(docs, "ambiguous_numeric", None)] == ["2025-04-03", "2025-11-24"]


def test_month_and_year(docs: dict[str, Doc]) -> None:
    for published in (None, "2026-01-03"):
        assert dates(docs, "month_year", published) == [
            ("November 2025", "2025-11", "2025-11", "month")
        ]
        assert dates(docs, "year", published) == [("2024", "2024", "2024", "year")]


def test_weekday_is_the_latest_not_after_publication(docs: dict[str, Doc]) -> None:
    monday = only(docs, "monday", "2025-11-26")  # a Wednesday
    assert (monday.date.start, monday.date.precision, monday.relative) == (
        "2025-11-24",
        "day",
        True,
    )
    assert day(docs, "monday", "2025-11-24") == "2025-11-24"  # published that Monday
    unknown = only(docs, "monday", None)
    assert (unknown.date.start, unknown.date.precision, unknown.date.text) == (
        None,
        "none",
        "Monday",
    )


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("night_range", "night of November 23-24"),
        ("night_range_uk", "night of 23 to 24 November"),
    ],
)
def test_night_of_two_days_is_a_range(docs: dict[str, Doc], name: str, written: str) -> None:
    assert dates(docs, name, "2025-11-25") == [(written, "2025-11-23", "2025-11-24", "day")]
    assert dates(docs, name, None) == [(written, "--11-23", "--11-24", "day")]


def test_range_across_the_new_year(docs: dict[str, Doc]) -> None:
    assert day(docs, "new_year", "2026-01-02") == "2025-12-31..2026-01-01"
    assert day(docs, "new_year", None) == "--12-31..--01-01"


def test_weekday_before_an_explicit_date_is_part_of_it(docs: dict[str, Doc]) -> None:
    assert dates(docs, "weekday_and_date", "2025-12-05") == [
        ("Sunday, November 30", "2025-11-30", "2025-11-30", "day")
    ]


def test_vague_words_keep_the_precision_of_what_they_modify(docs: dict[str, Doc]) -> None:
    assert dates(docs, "vague", "2025-12-05") == [
        ("mid-November", "2025-11", "2025-11", "month"),
        ("early 2024", "2024", "2024", "year"),
    ]


# --- the year of a date written without one


@pytest.mark.parametrize(
    ("name", "published", "expected"),
    [
        ("december_30", "2026-01-03", "2025-12-30"),  # last year's December
        ("december_30", "2025-12-30", "2025-12-30"),  # the day of publication
        ("day_month_us", "2025-11-25", "2025-11-24"),
        ("day_month_us", "2025-11-23", "2024-11-24"),  # one day later would be after publication
        ("february_29", "2025-06-01", "2024-02-29"),  # the latest leap year
        ("december_30", None, "--12-30"),  # no publication date: no year, not the clock's
        ("february_29", None, "--02-29"),
    ],
)
def test_year_is_the_latest_not_after_publication(
    docs: dict[str, Doc], name: str, published: str | None, expected: str
) -> None:
    assert day(docs, name, published) == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2025-11-05", "2025-11"), ("2025-10-31", "2024-11"), (None, "--11")],
)
def test_month_without_year(docs: dict[str, Doc], published: str | None, expected: str) -> None:
    mention = only(docs, "in_november", published)
    assert (mention.date.start, mention.date.end, mention.date.precision) == (
        expected,
        expected,
        "month",
    )


def test_a_malformed_publication_date_anchors_nothing(docs: dict[str, Doc]) -> None:
    assert day(docs, "day_month_us", "24 Nov") == "--11-24"
    assert only(docs, "yesterday", "not a date").date.precision == "none"


# --- relative dates (published 2025-11-26, a Wednesday)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("yesterday", "2025-11-25"),
        ("today", "2025-11-26"),
        ("tuesday", "2025-11-25"),
        ("last_week", "2025-11-17..2025-11-23"),  # the calendar week before publication's
        ("past_24_hours", "2025-11-25..2025-11-26"),
        ("last_day", "2025-11-25..2025-11-26"),
        ("this_week", "2025-11-24..2025-11-26"),  # up to publication
        ("two_days_ago", "2025-11-24"),
        ("overnight", "2025-11-25..2025-11-26"),
        ("overnight_after_verb", "2025-11-25..2025-11-26"),
    ],
)
def test_relative_days(docs: dict[str, Doc], name: str, expected: str) -> None:
    assert day(docs, name, "2025-11-26") == expected
    assert only(docs, name, "2025-11-26").relative


@pytest.mark.parametrize(
    ("name", "expected"), [("earlier_this_month", "2025-11"), ("last_month", "2025-10")]
)
def test_relative_months(docs: dict[str, Doc], name: str, expected: str) -> None:
    mention = only(docs, name, "2025-11-26")
    assert (mention.date.start, mention.date.precision, mention.relative) == (
        expected,
        "month",
        True,
    )


def test_last_month_in_january_is_last_year(docs: dict[str, Doc]) -> None:
    assert only(docs, "last_month", "2026-01-03").date.start == "2025-12"


@pytest.mark.parametrize(
    "name",
    [
        "yesterday",
        "today",
        "tuesday",
        "last_week",
        "past_24_hours",
        "last_day",
        "earlier_this_month",
        "last_month",
        "this_week",
        "two_days_ago",
        "overnight",
        "overnight_after_verb",
    ],
)
def test_relative_dates_without_publication_keep_their_text(
    docs: dict[str, Doc], name: str
) -> None:
    mention = only(docs, name, None)
    assert mention.relative
    assert (mention.date.start, mention.date.end, mention.date.precision) == (None, None, "none")
    assert mention.date.text and mention.date.text.lower() in S[name].lower()


def test_the_next_day_counts_from_the_day_stated_before(docs: dict[str, Doc]) -> None:
    assert dates(docs, "next_day", None) == [
        ("November 22", "--11-22", "--11-22", "day"),
        ("next day", "--11-23", "--11-23", "day"),
    ]
    assert dates(docs, "next_day", "2025-12-01")[1][1] == "2025-11-23"
    alone = only(docs, "next_day_alone", "2025-12-01")  # no day before it in the text
    assert (alone.date.precision, alone.relative) == ("none", True)


# --- not dates


@pytest.mark.parametrize("name", ["duration", "ceasefire", "ages", "units", "times"])
def test_durations_ages_units_and_times_are_not_dates(docs: dict[str, Doc], name: str) -> None:
    assert find_dates(docs[name], "2025-11-26") == []
    assert find_dates(docs[name], None) == []


def test_a_decade_is_a_range_of_years(docs: dict[str, Doc]) -> None:
    assert dates(docs, "decade", None) == [("1990s", "1990", "1999", "year")]


def test_dates_the_statistical_model_misses_in_a_phrase_are_read_by_dateparser() -> None:
    assert read_library("24 November at 5 am") == read_library("24 November, 05:00")
    first, last = read_library("Nov 24th 2025 09:00") or (None, None)
    assert first == last
    assert first is not None and (first.year, first.month, first.day) == (2025, 11, 24)
    no_year = read_library("24 November at 5 am")
    assert no_year is not None and no_year[0].year is None  # not the reference date's year
    assert read_library("at 10:00") is None
    assert read_library("November 24 and December 1") is None  # two dates: not one


# --- the date of a claim


def test_date_for_takes_the_mention_inside_the_claim(docs: dict[str, Doc]) -> None:
    text = S["two_dates"]
    mentions = find_dates(docs["two_dates"], "2025-11-30")
    saturday, nov22 = mentions
    assert (saturday.date.start, nov22.date.start) == ("2025-11-29", "2025-11-22")
    clause = text.index("stopped"), text.index(", officials")
    assert date_for(mentions, *clause) == nov22.date
    assert date_for(mentions, 0, len(text)) == saturday.date  # several: the first
    assert date_for(mentions, 0, text.index("The shelling") + 12) is None


def test_date_for_prefers_the_date_the_claim_verb_governs(docs: dict[str, Doc]) -> None:
    doc = docs["verb_dates"]
    mentions = find_dates(doc, "2025-12-05")
    friday, december = mentions
    assert (friday.date.start, december.date.start) == ("2025-12-05", "2025-12-01")
    captured = next(t for t in doc if t.text == "captured")
    said = next(t for t in doc if t.text == "said")
    assert december.governor == captured.idx
    assert friday.governor == said.idx
    whole = 0, len(doc.text)
    assert date_for(mentions, *whole, verb=captured.idx) == december.date
    assert date_for(mentions, *whole, verb=said.idx) == friday.date
    assert date_for(mentions, *whole) == friday.date


def test_talk_of_a_last_day_of_something_is_no_date(docs: dict[str, Doc]) -> None:
    assert find_dates(docs["last_day_of"], "2025-11-26") == []
