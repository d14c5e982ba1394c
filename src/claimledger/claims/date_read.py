"""One date mention's text, read against the publication date: the period it means.

date_forms reads what is written (with dateutil's and dateparser's help) and date_relative the
words of its table; this module chooses the reference date and the period. The year of a date
written without one is the latest that does not put it after publication; without a publication
date the year stays unknown (`--MM-DD`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from claimledger.claims.date_forms import Written, read_library, read_written
from claimledger.claims.date_relative import Precision, Relative, period, read_relative
from claimledger.model import ClaimDate
from claimledger.tables import cells, table_lines

LEAP = 2000  # stands in for an unknown year: February 29 stays a date


@dataclass(frozen=True)
class Period:
    start: date  # for month and year precision, the first day of the month or year
    end: date
    precision: Precision
    year_known: bool = True

    def claim_date(self, text: str) -> ClaimDate:
        return ClaimDate(
            start=self._iso(self.start),
            end=self._iso(self.end),
            precision=self.precision,
            text=text,
        )

    def _iso(self, day: date) -> str:
        if self.precision == "year":
            return f"{day.year:04d}"
        if self.precision == "month":
            return f"{day.year:04d}-{day.month:02d}" if self.year_known else f"--{day.month:02d}"
        return day.isoformat() if self.year_known else f"--{day.month:02d}-{day.day:02d}"


@dataclass(frozen=True)
class Reading:
    """What a mention means: a period, or a relative date still without its anchor (no
    publication date, or a date the text stated before), then `period` is None."""

    period: Period | None
    relative: Relative | None


def _alternatives(words: list[str]) -> str:
    """Words and phrases as one pattern, longest first, any space between a phrase's words."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


@cache
def prepositions() -> str:
    """date_prepositions.txt as a pattern."""
    return _alternatives(table_lines("claims", "date_prepositions.txt"))


@cache
def modifiers(position: str) -> str:
    """date_modifiers.txt's words of one position (before, after) as a pattern."""
    rows = [cells(line) for line in table_lines("claims", "date_modifiers.txt")]
    return _alternatives([words for words, pos in rows if pos == position])


@cache
def _edges() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(rf"^(?:(?:{prepositions()})\s+)+", re.IGNORECASE),
        re.compile(rf"^(?:(?:{modifiers('before')})(?:\s+|-))+", re.IGNORECASE),
        re.compile(rf"(?:\s+(?:{modifiers('after')}))+$", re.IGNORECASE),
    )


def lead_length(text: str) -> int:
    """How many characters of prepositions (not part of the date) open `text`."""
    found = _edges()[0].match(text)
    return found.end() if found else 0


def _variants(text: str) -> list[str]:
    """The mention without its prepositions; then without its modifiers too."""
    _, before, after = _edges()
    bare = text[lead_length(text) :]
    plain = bare
    while True:
        shorter = after.sub("", before.sub("", plain))
        shorter = shorter[lead_length(shorter) :]
        if shorter == plain:
            break
        plain = shorter
    return [bare] if plain == bare or not plain else [bare, plain]


@lru_cache(maxsize=8192)
def read(text: str, published: date | None) -> Reading | None:
    """The period a mention's text means; None when it states no calendar date (a duration, an
    age, a time of day) or one no calendar has."""
    text = " ".join(text.split())
    variants = _variants(text)
    for variant in variants:
        relative = read_relative(variant)
        if relative is not None:
            if relative.rule.anchor == "previous" or published is None:
                return Reading(None, relative)
            return Reading(Period(*period(relative, published)), relative)
        written = read_written(variant)
        if written is not None:
            return _explicit(*written, published)
    written = read_library(variants[-1])
    return _explicit(*written, published) if written is not None else None


def after(previous: Period, relative: Relative) -> Period:
    """A relative date anchored on the date stated before it ("the next day")."""
    start, end, precision = period(relative, previous.end)
    return Period(start, end, precision, previous.year_known)


def _explicit(first: Written, last: Written, published: date | None) -> Reading | None:
    found = _with_year(first, last, published)
    return Reading(found, None) if found is not None else None


def _with_year(first: Written, last: Written, published: date | None) -> Period | None:
    if first.month is None or last.month is None:  # years: "2024", "the 1990s"
        assert first.year is not None and last.year is not None
        return Period(date(first.year, 1, 1), date(last.year, 1, 1), "year")
    precision: Precision = "day" if first.day is not None else "month"
    if last.year is not None:
        start, end = _date(first.year or last.year, first), _date(last.year, last)
        if start is None or end is None or start > end:
            return None
        return Period(start, end, precision)
    year = LEAP if published is None else _latest_year(last, published)
    if year is None:
        return None
    end, start = _date(year, last), _date(year, first)
    if end is not None and start is not None and start > end:
        start = _date(year - 1, first)  # "December 31 - January 1" crosses the new year
    if start is None or end is None:
        return None
    return Period(start, end, precision, published is not None)


def _date(year: int, written: Written) -> date | None:
    """The written month and day (the 1st for a month alone) in `year`, if that year has it."""
    assert written.month is not None
    try:
        return date(year, written.month, written.day or 1)
    except ValueError:  # February 29 outside a leap year
        return None


def _latest_year(written: Written, published: date) -> int | None:
    """The latest year that does not put the date (or month) after publication."""
    for year in range(published.year, published.year - 8, -1):  # 8 years reach a leap year
        day = _date(year, written)
        if day is not None and day <= published:
            return year
    return None
