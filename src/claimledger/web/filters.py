"""Query parameters as the API and the pages take them, checked once: a bad value is a 400 with
one line naming it, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, get_args

from fastapi import Depends

from claimledger.entries import STATUSES
from claimledger.model import ClaimStatus, ClaimType, Side
from claimledger.store.entries_query import entry_key
from claimledger.web.errors import BadRequest

CLAIM_TYPES: tuple[str, ...] = get_args(ClaimType)
SIDES: tuple[str, ...] = get_args(Side)
CLAIM_STATUSES: tuple[str, ...] = get_args(ClaimStatus)
ENTRY_STATUSES: tuple[str, ...] = STATUSES


def blank(value: str | None) -> str | None:
    """An empty form field means no condition."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def iso_day(name: str, value: str | None) -> str | None:
    value = blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: not a date: '{value[:40]}' (use YYYY-MM-DD)") from None


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    value = blank(value)
    if value is not None and value not in allowed:
        raise BadRequest(f"{name}: '{value[:40]}' is not one of {', '.join(allowed)}")
    return value


def page_size(value: int | None, *, default: int = 100, most: int = 1000) -> int:
    if value is None:
        return default
    if value < 1 or value > most:
        raise BadRequest(f"limit: must be between 1 and {most}")
    return value


@dataclass(frozen=True)
class ClaimQuery:
    """What claims, map points and the timeline are narrowed by; None means no condition."""

    type: str | None = None
    side: str | None = None
    status: str | None = None
    source: str | None = None  # part of a chain source's name, or its id
    place: str | None = None  # a place's name as resolved or written, or its id
    since: str | None = None
    until: str | None = None
    entry: int | None = None
    article: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        type: str | None = None,
        side: str | None = None,
        status: str | None = None,
        source: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entry: str | None = None,
        article: str | None = None,
    ) -> ClaimQuery:
        key = None
        if blank(entry) is not None:
            key = entry_key(str(blank(entry)))
            if key is None:
                raise BadRequest(f"entry: '{entry[:40] if entry else ''}' is not an entry id")
        return cls(
            type=choice("type", type, CLAIM_TYPES),
            side=choice("side", side, SIDES),
            status=choice("status", status, CLAIM_STATUSES),
            source=blank(source),
            place=blank(place),
            since=iso_day("since", since),
            until=iso_day("until", until),
            entry=key,
            article=blank(article),
        )


@dataclass(frozen=True)
class EntryQuery:
    q: str | None = None  # words in the entry's text
    place: str | None = None
    type: str | None = None
    since: str | None = None
    status: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        q: str | None = None,
        place: str | None = None,
        type: str | None = None,
        since: str | None = None,
        status: str | None = None,
    ) -> EntryQuery:
        return cls(
            q=blank(q),
            place=blank(place),
            type=choice("type", type, CLAIM_TYPES),
            since=iso_day("since", since),
            status=choice("status", status, ENTRY_STATUSES),
        )


def bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`w,s,e,n` in degrees."""
    value = blank(value)
    if value is None:
        return None
    try:
        w, s, e, n = (float(part) for part in value.split(","))
    except ValueError:
        raise BadRequest("bbox: use four numbers w,s,e,n (degrees)") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise BadRequest("bbox: use four numbers w,s,e,n (degrees)")
    return w, s, e, n


# Route dependencies: a route takes its filters as one value, parsed (and refused with a 400)
# before it runs; FastAPI lists their parameters in the OpenAPI schema.
ClaimFilters = Annotated[ClaimQuery, Depends(ClaimQuery.parse)]
EntryFilters = Annotated[EntryQuery, Depends(EntryQuery.parse)]
