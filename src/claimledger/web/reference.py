"""Reference maps for the web: the days held, the occupied area of a day as GeoJSON (simplified:
a browser does not need every vertex), and a place's history against the maps."""

from __future__ import annotations

import json
import threading
from datetime import date
from typing import Any

import shapely  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy import Engine, func, select

from claimledger.reference import OccupationIndex
from claimledger.reference_store import SOURCE, load_index
from claimledger.store import schema as t

# about 500 m at these latitudes: finer than a map in a browser can show at region zoom
SIMPLIFY_DEGREES = 0.005
r = t.reference_maps


def reference_days(engine: Engine) -> list[str]:
    query = select(r.c.day).where(r.c.source == SOURCE).order_by(r.c.day)
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def area_geojson(engine: Engine, day: str) -> dict[str, Any] | None:
    """The occupied area on the latest map on or before `day`; None when there is none."""
    query = (
        select(r.c.day, r.c.geometry)
        .where(r.c.source == SOURCE, r.c.day <= day)
        .order_by(r.c.day.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    geometry = shapely.simplify(shapely.from_wkb(row.geometry), SIMPLIFY_DEGREES)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"source": SOURCE, "map_date": row.day, "asked": day},
                "geometry": json.loads(shapely.to_geojson(geometry)),
            }
        ],
    }


class IndexCache:
    """The occupation index, rebuilt only when the stored maps change (maps can be added while
    the server runs)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[int, int | None] | None = None
        self._index: OccupationIndex | None = None

    def get(self, engine: Engine) -> OccupationIndex | None:
        with engine.connect() as conn:
            count, last = conn.execute(select(func.count(), func.max(r.c.pk))).one()
            stamp = (int(count), last)
            with self._lock:
                if stamp != self._stamp:
                    self._index = load_index(conn) if count else None
                    self._stamp = stamp
                return self._index


def map_history(index: OccupationIndex | None, lat: float | None, lon: float | None) -> list[Any]:
    """The place's state on the first map, then each day a map changes it."""
    if index is None or lat is None or lon is None:
        return []
    return [
        {"date": day.isoformat(), "inside": inside, "text": _said(day, inside)}
        for day, inside in index.changes(lat, lon)
    ]


def _said(day: date, inside: bool) -> str:
    return f"{'inside' if inside else 'outside'} the occupied area from {day.isoformat()}"
