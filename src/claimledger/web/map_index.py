"""The map's points in memory: one row per claim with a located place, sorted by (day, claim),
with its filter fields in numpy arrays.

Why not SQL alone: a page of the map is "the next 5000 placed claims by day", and the day is the
claim's own date or else its article's, across two tables, so no index orders it; on 100k
claims every page meant reading every claim row and its places (0.3 to 0.7 s on this machine).
What a point shows never changes once stored (a claim's date, type, side, status, places and
origin are written with it), so the points are read once, and read again only when the ledger's
claims change (their count or largest key). The entry a claim belongs to does change, so it is
read for each page, with the page's claims.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, func, select

from claimledger.store import schema as t

c, a = t.claims, t.articles
CHUNK = 1000
T = TypeVar("T")


@dataclass(frozen=True)
class Points:
    stamp: tuple[int, int | None]
    pk: npt.NDArray[np.int64]
    day: npt.NDArray[np.str_]  # "" when undated
    type: npt.NDArray[np.object_]
    side: npt.NDArray[np.object_]
    status: npt.NDArray[np.object_]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    shown: list[dict[str, Any]]  # what each point says, in the same order

    def __len__(self) -> int:
        return len(self.pk)

    def start_after(self, day: str, pk: int) -> int:
        """The index of the first point after (day, pk) in (day, pk) order."""
        lo = int(np.searchsorted(self.day, day, side="left"))
        hi = int(np.searchsorted(self.day, day, side="right"))
        return lo + int(np.searchsorted(self.pk[lo:hi], pk, side="right"))


def _stamp(engine: Engine) -> tuple[int, int | None]:
    with engine.connect() as conn:
        count, last = conn.execute(select(func.count(), func.max(c.c.pk))).one()
    return int(count), last


def _load(engine: Engine, stamp: tuple[int, int | None]) -> Points:
    m, cp, s, cc = t.place_mentions, t.claim_places, t.sources, t.claim_chain
    located: dict[int, Any] = {}
    with engine.connect() as conn:
        places = (
            select(cp.c.claim_pk, m.c.lat, m.c.lon, m.c.place_id, m.c.place_name, m.c.text)
            .join(m, m.c.pk == cp.c.mention_pk)
            .where(m.c.lat.is_not(None), m.c.lon.is_not(None))
            .order_by(cp.c.claim_pk, cp.c.position)
        )
        for row in conn.execute(places):
            located.setdefault(row.claim_pk, row)  # a claim's first located place
        first = select(cc.c.claim_pk, s.c.name).join(s, s.c.pk == cc.c.source_pk)
        origins = {pk: name for pk, name in conn.execute(first.where(cc.c.position == 0))}
        claims = conn.execute(
            select(
                c.c.pk,
                c.c.claim_id,
                a.c.id.label("article_id"),
                func.coalesce(c.c.date_start, a.c.published).label("day"),
                c.c.type,
                c.c.origin_side,
                c.c.status,
            ).join(a, a.c.pk == c.c.article_pk)
        ).all()
    rows = sorted((r for r in claims if r.pk in located), key=lambda r: (r.day or "", r.pk))
    places_of = [located[r.pk] for r in rows]
    return Points(
        stamp=stamp,
        pk=np.array([r.pk for r in rows], dtype=np.int64),
        day=np.array([r.day or "" for r in rows], dtype=np.str_),
        type=np.array([r.type for r in rows], dtype=object),
        side=np.array([r.origin_side for r in rows], dtype=object),
        status=np.array([r.status for r in rows], dtype=object),
        lat=np.array([p.lat for p in places_of], dtype=np.float64),
        lon=np.array([p.lon for p in places_of], dtype=np.float64),
        shown=[
            {
                "claim_id": r.claim_id,
                "article_id": r.article_id,
                "lat": p.lat,
                "lon": p.lon,
                "place_id": p.place_id,
                "place": p.place_name or p.text,
                "date": r.day,
                "type": r.type,
                "side": r.origin_side,
                "status": r.status,
                "origin": origins.get(r.pk),
            }
            for r, p in zip(rows, places_of, strict=True)
        ],
    )


class MapIndex:
    """The points of one ledger, reloaded when its claims change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._points: Points | None = None

    def points(self, engine: Engine) -> Points:
        stamp = _stamp(engine)
        with self._lock:
            if self._points is None or self._points.stamp != stamp:
                self._points = _load(engine, stamp)
            return self._points


def entry_keys(engine: Engine, pks: Sequence[int]) -> dict[int, int | None]:
    """The entry each claim belongs to now (linking moves claims between entries)."""
    found: dict[int, int | None] = {}
    with engine.connect() as conn:
        for i in range(0, len(pks), CHUNK):
            chunk = list(pks[i : i + CHUNK])
            query = select(c.c.pk, c.c.entry_key).where(c.c.pk.in_(chunk))
            found.update({pk: key for pk, key in conn.execute(query)})
    return found


class Memo:
    """Answers that depend on the claims alone (the timeline's counts), kept until the claims
    change: the GROUP BY reads every claim, and the same filters are asked again and again."""

    def __init__(self, size: int = 64) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, engine: Engine, key: Hashable, compute: Callable[[], T]) -> T:
        full = (_stamp(engine), key)
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                found: T = self._answers[full]
                return found
        value = compute()
        with self._lock:
            self._answers[full] = value
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)
        return value
