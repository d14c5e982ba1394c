"""Publication dates from the many shapes inputs give them in."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from dateutil import parser as dateutil_parser


def parse_published(value: object) -> tuple[str | None, str | None]:
    """(ISO date, ISO date-time or None) from a string, datetime or struct_time.

    Raises ValueError for a value that is present but not a date.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, time.struct_time):  # feedparser's, always in UTC
        value = datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, datetime):
        return value.date().isoformat(), value.isoformat()
    if isinstance(value, date):
        return value.isoformat(), None
    text = str(value).strip()
    if not text:
        return None, None
    if len(text) == 10 and text[4] == "-":
        return date.fromisoformat(text).isoformat(), None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dateutil_parser.parse(text)
        except (ValueError, OverflowError) as exc:
            raise ValueError(text) from exc
    has_time = any((parsed.hour, parsed.minute, parsed.second)) or parsed.tzinfo is not None
    return parsed.date().isoformat(), parsed.isoformat() if has_time else None
