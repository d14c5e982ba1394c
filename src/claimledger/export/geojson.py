"""Claims on a map: a GeoJSON FeatureCollection (RFC 7946), one Point per placed claim.

A claim is placed when one of its places is resolved and has coordinates; its point is the place
the CSV codes it at, and its properties are the CSV's columns. Claims without one are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from claimledger.export.csv_rows import csv_row, location
from claimledger.store.claims_query import ClaimRow


def feature(row: ClaimRow) -> dict[str, Any] | None:
    place = location(row)
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": f"{row.article_id}/{row.claim.id}",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},  # lon first
        "properties": csv_row(row),
    }


def write_geojson(rows: Iterable[ClaimRow], out: TextIO) -> int:
    """Streams the collection feature by feature; returns the number of features written."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row in rows:
        found = feature(row)
        if found is None:
            continue
        out.write(("\n" if n == 0 else ",\n") + json.dumps(found, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
