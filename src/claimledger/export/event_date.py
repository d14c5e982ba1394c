"""A claim's date as ACLED codes an event's: one day, and how precisely the report fixes it.

ACLED's time_precision: 1 the day is known, 2 only the week (or a span within one), 3 only the
month or something wider. An event known only to a week or a month is dated to its middle day in
ACLED's codebook; we date any span so, and the column sorts and plots like ACLED's. A day without
a year (`--11-24`) stays without one.
"""

from __future__ import annotations

from datetime import date, timedelta

from claimledger.model import ClaimDate

# Any leap year will do for yearless days: it only measures spans and finds their middle.
_PLACEHOLDER_YEAR = 2000
WEEK_DAYS = 7


def _parse(value: str) -> tuple[date, bool] | None:
    """(day, has a year) for YYYY-MM-DD or --MM-DD; None for anything else."""
    yearless = value.startswith("--")
    try:
        day = date.fromisoformat(f"{_PLACEHOLDER_YEAR}{value[1:]}" if yearless else value)
    except ValueError:
        return None
    return day, not yearless


def _format(day: date, with_year: bool) -> str:
    return day.isoformat() if with_year else day.strftime("--%m-%d")


def acled_date(when: ClaimDate) -> tuple[str, int | None]:
    """(event_date, time_precision); ("", None) for a claim without a date.

    A date that is not ISO is passed through as written, without a precision.
    """
    if when.start is None or when.precision == "none":
        return "", None
    start = _parse(when.start)
    end = _parse(when.end) if when.end else start
    if start is None or end is None:
        return when.start, None
    (first, with_year), (last, _) = start, end
    span = (last - first).days
    if span < 0:
        # "--12-30" to "--01-02" runs over the new year; a dated range never runs backwards
        span = span % 366 if not with_year else 0
    if when.precision != "day":
        precision = 3
    elif span == 0:
        precision = 1
    else:
        precision = 2 if span < WEEK_DAYS else 3
    middle = first + timedelta(days=span // 2)
    return _format(middle, with_year), precision
