"""Explicit dates as written ("November 24", "23-24 November", "24.11.2025", "in 2024"): which
calendar parts the text states, before any year is chosen.

Month and day names come from dateutil's tables. The common forms are read by the patterns below
(fast, and they keep day ranges whole); any other mention that names a month or a year goes to
dateparser, with a fixed reference date so nothing is taken from the machine's clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from dateparser.date import DateDataParser  # type: ignore[import-untyped, unused-ignore]
from dateutil.parser import parserinfo

_INFO = parserinfo()


@dataclass(frozen=True)
class Written:
    """A calendar date with the parts the text states: no month means a year alone."""

    year: int | None
    month: int | None = None
    day: int | None = None


def _names(table: Sequence[tuple[str, ...]]) -> str:
    names = sorted({name for row in table for name in row}, key=len, reverse=True)
    return "|".join(names)


def _abbreviations(table: Sequence[tuple[str, ...]]) -> str:
    full = {row[-1] for row in table}
    return _names([tuple(name for name in row if name not in full) for row in table])


# a full name, or an abbreviation with its optional dot ("Dec."); a full name's dot ends a sentence
MONTH = rf"(?:(?:{_names(_INFO.MONTHS)})\b|(?:{_abbreviations(_INFO.MONTHS)})\.)"
WEEKDAY = rf"(?:{_names([row[1:] for row in _INFO.WEEKDAYS])})\b"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)(?!\d)"
_TO = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b)\s*"
_TO_OR_AND = r"\s*(?:-|–|—|/|&|\bto\b|\bthrough\b|\buntil\b|\band\b)\s*"  # "5/6 June"
_OPEN = rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?"  # "Sunday, November 30", "the 3rd of December"
_OF = r"\s+(?:of\s+)?"
_COMMA_YEAR = rf"(?:,?\s+(?P<y>{_YEAR}))?"

# Each form names its parts: m1 d1 (start), m2 d2 (end of a range), y; a missing m2 is m1.
FORMS = (
    # ranges: "November 23-24", "Nov 30 to Dec 1", "23 to 24 November", "30 November - 1 December"
    rf"{_OPEN}(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{_DAY}){_TO}(?P<m2>{MONTH})\s+"
    rf"(?:the\s+)?(?P<d2>{_DAY}){_COMMA_YEAR}",
    rf"{_OPEN}(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{_DAY}){_TO_OR_AND}(?:the\s+)?"
    rf"(?P<d2>{_DAY}){_COMMA_YEAR}",
    rf"{_OPEN}(?P<d1>{_DAY}){_OF}(?P<m1>{MONTH}){_TO}(?:the\s+)?(?P<d2>{_DAY}){_OF}"
    rf"(?P<m2>{MONTH}){_COMMA_YEAR}",
    rf"{_OPEN}(?P<d1>{_DAY}){_TO_OR_AND}(?:the\s+)?(?P<d2>{_DAY}){_OF}(?P<m1>{MONTH})"
    rf"{_COMMA_YEAR}",
    # one day: "November 24", "Dec. 1", "December 13th, 2025", "24 November", "the 3rd of December"
    rf"{_OPEN}(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{_DAY}){_COMMA_YEAR}",
    rf"{_OPEN}(?P<d1>{_DAY}){_OF}(?P<m1>{MONTH}){_COMMA_YEAR}",
    # numeric, day first as in Ukrainian, Russian and European usage: "24.11.2025", "24/11/2025"
    rf"(?P<d1>\d{{1,2}})[./](?P<n1>\d{{1,2}})[./](?P<y>{_YEAR})",
    rf"(?P<y>{_YEAR})-(?P<n1>\d{{1,2}})-(?P<d1>\d{{1,2}})",  # ISO 8601
    # a month: "November 2025"
    rf"(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR})",
    # years: "2022-2023", "2023-24"
    rf"(?P<y>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR}|\d\d)(?![-–—/\d])",
)
# Forms found only after a preposition when the whole text is scanned ("in November", "in 2024");
# inside a DATE entity they are read alone.
MONTH_ALONE = rf"(?P<m1>{MONTH})(?!\s*\d)"
YEAR_ALONE = rf"(?P<y>{_YEAR})(?![\d'’]|s\b)"
DECADE = r"(?P<decade>1[89]\d0|20\d0)s\b"

_READ = [re.compile(form, re.IGNORECASE) for form in (*FORMS, MONTH_ALONE, YEAR_ALONE, DECADE)]
_MONTH_NAME = re.compile(rf"\b{MONTH}", re.IGNORECASE)
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b")


def read_written(text: str) -> tuple[Written, Written] | None:
    """The first and last day (or month, or year) `text` states in one of the common forms;
    None when it has none. `text` is a whole mention, prepositions and modifiers taken off."""
    for pattern in _READ:
        found = pattern.fullmatch(text)
        if found is not None:
            return _parts(found)
    return None


def _parts(found: re.Match[str]) -> tuple[Written, Written] | None:
    groups = found.groupdict()
    if groups.get("decade"):
        decade = int(groups["decade"])
        return Written(decade), Written(decade + 9)
    year = int(groups["y"]) if groups.get("y") else None
    if year is not None and groups.get("y2"):
        y2 = int(groups["y2"]) + (year // 100 * 100 if len(groups["y2"]) == 2 else 0)
        return (Written(year), Written(y2)) if y2 > year else None
    if groups.get("n1"):  # numeric: month is the middle number unless it cannot be one
        day, month = int(groups["d1"]), int(groups["n1"])
        if month > 12 and day <= 12:
            day, month = month, day  # "11/24/2025" can only be month first
        return _valid(Written(year, month, day))
    if not groups.get("m1"):
        return Written(year), Written(year)
    m1 = _INFO.month(groups["m1"].rstrip("."))
    m2 = _INFO.month(groups["m2"].rstrip(".")) if groups.get("m2") else m1
    d1, d2 = _day(groups.get("d1")), _day(groups.get("d2"))
    if d2 is None:
        return _valid(Written(year, m1, d1))
    first, last = Written(year, m1, d1), Written(year, m2, d2)
    if year is not None and (m1, d1) > (m2, d2):  # "December 31 - January 1, 2025"
        first = Written(year - 1, m1, d1)
    if _valid(first) is None or _valid(last) is None:
        return None
    return first, last


def _day(text: str | None) -> int | None:
    return int(text.rstrip("stndrh")) if text else None


def _valid(written: Written) -> tuple[Written, Written] | None:
    """The date twice (a one-day period), or None when no calendar has it (a leap year allows
    February 29 when the year is unknown)."""
    if written.month is None or written.day is None:
        return written, written
    try:
        datetime(written.year or 2000, written.month, written.day)
    except ValueError:
        return None
    return written, written


@cache
def _parser() -> DateDataParser:
    # RELATIVE_BASE fixes the parts the text leaves out, so nothing comes from the clock; those
    # parts are dropped below. 2000 is a leap year: "February 29" stays a date.
    settings = {
        "RELATIVE_BASE": datetime(2000, 12, 31),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
        "DATE_ORDER": "DMY",
    }
    return DateDataParser(languages=["en"], settings=settings)


def read_library(text: str) -> tuple[Written, Written] | None:
    """A form the patterns do not know ("Nov. 24, 2025, at 10 a.m."), read by dateparser when
    it names one date: a month or a year, and not two of either."""
    months, years = len(_MONTH_NAME.findall(text)), len(_HAS_YEAR.findall(text))
    if months > 1 or years > 1 or not months + years:
        return None
    data = _parser().get_date_data(text)
    when, period = data.date_obj, data.period
    if when is None or period not in ("day", "time", "month", "year"):
        return None
    year = when.year if _HAS_YEAR.search(text) else None
    if period == "year":
        return (Written(year), Written(year)) if year is not None else None
    written = Written(year, when.month, when.day if period in ("day", "time") else None)
    return written, written
