"""Compact text for a claim's parts, shared by the CSV and the claims table.

"more than 210 personnel killed in 1 day"; "Russian Ministry of Defence > TASS".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimledger.model import Quantity

QUALIFIER_WORDS = {
    "exactly": "",
    "more_than": "more than",
    "at_least": "at least",
    "about": "about",
    "up_to": "up to",
}
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$")
_UNITS = ("year", "month", "week", "day", "hour")


def number(value: float) -> str:
    """210, not 210.0; no thousands separator, so the text stays one token in a CSV cell."""
    return str(int(value)) if float(value).is_integer() else str(value)


def duration_words(period: str) -> str:
    """ "P1D" -> "1 day", "PT24H" -> "24 hours"; an ISO duration we do not read is kept as is."""
    match = _DURATION.match(period)
    if match is None or not any(match.groups()):
        return period
    parts = [
        f"{n} {unit}{'' if n == '1' else 's'}"
        for n, unit in zip(match.groups(), _UNITS, strict=True)
        if n is not None
    ]
    return " ".join(parts)


def quantity_text(q: Quantity) -> str:
    """The figure as a reader says it: qualifier, number, what, what happened to it, period."""
    words = [
        QUALIFIER_WORDS.get(q.qualifier, ""),
        number(q.value),
        (q.category or "").replace("_", " "),
        q.outcome or "",
    ]
    if q.period:
        words.append(f"in {duration_words(q.period)}")
    return " ".join(w for w in words if w)


def quantities_text(quantities: Iterable[Quantity]) -> str:
    return "; ".join(quantity_text(q) for q in quantities)


def chain_text(names: Iterable[str], arrow: str = " > ") -> str:
    """Origin first, then each outlet it passed through."""
    return arrow.join(names)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
