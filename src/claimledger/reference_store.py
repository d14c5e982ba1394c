"""Reference maps in the ledger: daily maps stored by day (WKB), and the map check of every
territorial entry with a point place — whether the place lies in the occupied area on the
entry's date, and since when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from claimledger.errors import ClaimledgerError, E
from claimledger.reference import DayMap, MapCheck, OccupationIndex, ReferenceDataError
from claimledger.reference import read_folder as read_deepstate
from claimledger.store import schema as t

SOURCE = "deepstate"
# entry types a map of occupied ground can speak to
CHECKED_TYPES = ("territorial_control",)


def add_reference(engine: Engine, folder: Path) -> tuple[int, int]:
    """Store the daily maps of `folder` (a day already stored is replaced), then check the
    ledger's territorial entries. All or nothing: a bad file leaves the ledger as it was."""
    try:
        maps = list(read_deepstate(folder))
    except ReferenceDataError as exc:
        raise ClaimledgerError(E.BAD_REFERENCE, detail=str(exc)) from exc
    if not maps:
        raise ClaimledgerError(E.BAD_REFERENCE, detail=f"no daily maps in {folder}")
    with engine.begin() as conn:
        days = [m.day.isoformat() for m in maps]
        for i in range(0, len(days), 500):
            conn.execute(
                delete(t.reference_maps).where(
                    t.reference_maps.c.source == SOURCE,
                    t.reference_maps.c.day.in_(days[i : i + 500]),
                )
            )
        conn.execute(
            insert(t.reference_maps),
            [{"source": SOURCE, "day": m.day.isoformat(), "geometry": m.to_wkb()} for m in maps],
        )
        checked = check_entries(conn, None)
    return len(maps), checked


def load_index(conn: Connection) -> OccupationIndex | None:
    rows = conn.execute(
        select(t.reference_maps.c.day, t.reference_maps.c.geometry)
        .where(t.reference_maps.c.source == SOURCE)
        .order_by(t.reference_maps.c.day)
    ).all()
    if not rows:
        return None
    return OccupationIndex(DayMap.from_wkb(date.fromisoformat(d), g) for d, g in rows)


def check_entries(
    conn: Connection, keys: Sequence[int] | None, index: OccupationIndex | None = None
) -> int:
    """Write the map check of the given entries (all when None); returns how many."""
    index = index or load_index(conn)
    if index is None:
        return 0
    e = t.entries
    query = select(e.c.pk, e.c.lat, e.c.lon, e.c.date, e.c.first_seen).where(
        e.c.type.in_(CHECKED_TYPES), e.c.lat.is_not(None)
    )
    if keys is not None:
        query = query.where(e.c.pk.in_(list(keys)))
    rows = conn.execute(query).all()
    checks = index.map_checks((lat, lon, _day(when or seen)) for _, lat, lon, when, seen in rows)
    if rows:
        conn.execute(
            update(e).where(e.c.pk == bindparam("key")).values(map_check=bindparam("check")),
            [{"key": pk, "check": as_json(c)} for (pk, *_), c in zip(rows, checks, strict=True)],
        )
    return len(rows)


def as_json(check: MapCheck) -> dict[str, Any]:
    return {
        "status": check.status,
        "first_date": check.first_date.isoformat() if check.first_date else None,
        "map_date": check.map_date.isoformat() if check.map_date else None,
        "text": check.text,
    }


def _day(iso: str | None) -> date | None:
    if not iso or iso.startswith("--") or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None
