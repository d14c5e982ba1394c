"""Where a point stood on the daily maps: inside the occupied area on a day, and since when.

A day between two maps (the source skips a day now and then) takes the latest map not after
it; a day before the first map or after the last one has no map. Occupation is not monotone —
the front moves both ways — so a point's history is read from every map, not bisected: one
vectorised point-in-polygon test over the distinct daily geometries (days the map did not
change share one), after a bounding-box test that skips maps far from the point. `map_checks`
tests many points map by map, which is faster a point. Histories are cached per point, since a
ledger asks about the same towns again and again.

`map_check` words the result for the ledger (D the day asked about, M the map used for it,
A and B the first and last maps held, all ISO dates):

    consistent       inside on M       "consistent with the map from F"
                                       F, `first_date`: the first day of the unbroken run of
                                       maps showing the point inside up to M;
                                       "(inside since the earliest map)" when that run begins at A
    not_on_map       outside on M      "not on the map as of D; first inside on F"
                                       "not on the map as of D; inside again from F" (was in)
                                       "not on the map as of D, nor on any later map up to B"
                                       (+ "; last inside on L" when it had been inside before D)
    no_map_for_date  D before A        "no map for D (maps cover A to B); first inside on F"
                                       (or "; inside on the earliest map", "; not on any map")
                     D after B         "no map for D (maps cover A to B); inside on the latest
                                       map, from F" (or "; inside on every map",
                                       "; not on the latest map[, last inside on L]")
    no_date          no day given      "no date to check against the map; first inside on F"
                                       (or "; inside on the earliest map", "; not on any map")

When M is not D itself the text adds "(no map for D: the map of M is used)". The check is about
occupation only: for a claim that Ukraine retook a place, "not_on_map" is the consistent answer,
and the reader of the check decides which outcome the claim expects.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from math import isfinite
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import shapely  # type: ignore[import-untyped, unused-ignore]

from claimledger.reference.deepstate import DayMap, ReferenceDataError

Status = Literal["consistent", "not_on_map", "no_map_for_date", "no_date"]
History = npt.NDArray[np.bool_]
CACHE_POINTS = 4096  # ~450 bytes a point for 450 maps
BATCH_POINTS = 1024  # points tested together by map_checks: a 1024 x maps boolean matrix


@dataclass(frozen=True)
class MapCheck:
    """A point checked against the map of a day; `text` is what the ledger shows."""

    status: Status
    first_date: date | None
    map_date: date | None
    text: str


class OccupationIndex:
    """Daily occupied-area maps, queried by point and day."""

    def __init__(self, maps: Iterable[DayMap], *, cache_points: int = CACHE_POINTS) -> None:
        by_day: dict[date, DayMap] = {}
        for m in maps:
            if m.day in by_day:
                raise ReferenceDataError(f"two maps for {m.day}")
            by_day[m.day] = m
        if not by_day:
            raise ReferenceDataError("no maps to index")
        self._days = tuple(sorted(by_day))
        self._ordinals = np.array([d.toordinal() for d in self._days], dtype=np.int64)
        # unchanged days share one geometry: fewer point-in-polygon tests, less memory
        distinct: dict[bytes, int] = {}
        geometries: list[Any] = []
        which: list[int] = []
        for d in self._days:
            geometry = by_day[d].geometry
            key = shapely.to_wkb(geometry)
            if key not in distinct:
                distinct[key] = len(geometries)
                geometries.append(geometry)
            which.append(distinct[key])
        self._geometries = np.empty(len(geometries), dtype=object)
        self._geometries[:] = geometries
        shapely.prepare(self._geometries)  # builds each edge index on first use
        self._bounds = shapely.bounds(self._geometries)
        self._which = np.array(which, dtype=np.intp)
        self._cache: OrderedDict[tuple[float, float], History] = OrderedDict()
        self._cache_points = cache_points

    def __len__(self) -> int:
        return len(self._days)

    @property
    def days(self) -> tuple[date, ...]:
        """The days that have a map, in order."""
        return self._days

    @property
    def distinct_maps(self) -> int:
        """How many different geometries the days hold (a day with no change repeats one)."""
        return len(self._geometries)

    def map_for(self, day: date) -> date | None:
        """The map in force on a day: the latest not after it; None outside the covered range."""
        i = self._map_index(day)
        return None if i is None else self._days[i]

    def inside(self, lat: float, lon: float, day: date) -> bool | None:
        """Whether the point lies in the occupied area on the map in force that day."""
        i = self._map_index(day)
        return None if i is None else bool(self._history(lat, lon)[i])

    def first_inside(self, lat: float, lon: float, since: date | None = None) -> date | None:
        """The first day from `since` (or from the first map) on which the point lies inside.

        `since` itself when the map in force that day shows it inside, else the date of the next
        map that does; None when no map from then on does.
        """
        history = self._history(lat, lon)
        if since is None or since < self._days[0]:
            return self._first_true(history, 0)
        i = self._map_index(since)
        if i is None:
            return None
        return since if history[i] else self._first_true(history, i + 1)

    def changes(self, lat: float, lon: float) -> list[tuple[date, bool]]:
        """The point's state on the first map, then each day the maps change it."""
        history = self._history(lat, lon)
        flips = np.flatnonzero(history[1:] != history[:-1]) + 1
        return [(self._days[0], bool(history[0]))] + [
            (self._days[k], bool(history[k])) for k in flips
        ]

    def map_check(self, lat: float, lon: float, day: date | None) -> MapCheck:
        """The point checked against the map of `day` (the claim's date), worded for the ledger."""
        return self._check(self._history(lat, lon), day)

    def map_checks(self, queries: Iterable[tuple[float, float, date | None]]) -> list[MapCheck]:
        """`map_check` for many (lat, lon, day) at once, about five times faster a point: the
        points are tested map by map, while each map's edge index is in the CPU cache."""
        out: list[MapCheck] = []
        chunk: list[tuple[float, float, date | None]] = []
        for query in queries:
            chunk.append(query)
            if len(chunk) == BATCH_POINTS:
                out.extend(self._check_batch(chunk))
                chunk = []
        out.extend(self._check_batch(chunk))
        return out

    def _check_batch(self, queries: list[tuple[float, float, date | None]]) -> list[MapCheck]:
        keys = [_point(lat, lon) for lat, lon, _day in queries]
        distinct = list(dict.fromkeys(keys))
        histories = {k: h for k in distinct if (h := self._cache.get(k)) is not None}
        missing = [k for k in distinct if k not in histories]
        if missing:
            lats, lons = np.array(missing).T
            inside = shapely.contains_xy(self._geometries[:, None], lons[None, :], lats[None, :])
            for j, key in enumerate(missing):
                histories[key] = self._remember(key, inside[:, j][self._which])
        return [self._check(histories[k], q[2]) for k, q in zip(keys, queries, strict=True)]

    def _check(self, history: History, day: date | None) -> MapCheck:
        first, last = self._days[0], self._days[-1]
        if day is None:
            first_date, tail = self._from_start(history)
            return MapCheck("no_date", first_date, None, "no date to check against the map" + tail)
        i = self._map_index(day)
        if i is None:
            head = f"no map for {day} (maps cover {first} to {last})"
            first_date, tail = (
                self._from_start(history) if day < first else self._at_latest(history)
            )
            return MapCheck("no_map_for_date", first_date, None, head + tail)
        map_date = self._days[i]
        notes = [f"no map for {day}: the map of {map_date} is used"] if map_date != day else []
        if history[i]:
            start = self._run_start(history, i)
            if start == 0:
                notes.insert(0, "inside since the earliest map")
            text = f"consistent with the map from {self._days[start]}" + _notes(notes)
            return MapCheck("consistent", self._days[start], map_date, text)
        before = np.flatnonzero(history[:i])
        later = self._first_true(history, i + 1)
        text = f"not on the map as of {day}"
        if later is not None:
            text += f"; inside again from {later}" if before.size else f"; first inside on {later}"
        else:
            if i < len(self._days) - 1:
                text += f", nor on any later map up to {last}"
            if before.size:
                text += f"; last inside on {self._days[before[-1]]}"
        return MapCheck("not_on_map", later, map_date, text + _notes(notes))

    def _map_index(self, day: date) -> int | None:
        ordinal = day.toordinal()
        if ordinal < self._ordinals[0] or ordinal > self._ordinals[-1]:
            return None
        return int(np.searchsorted(self._ordinals, ordinal, side="right")) - 1

    def _history(self, lat: float, lon: float) -> History:
        """The point's inside/outside state on every map, in day order."""
        key = _point(lat, lon)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        b = self._bounds
        near = np.flatnonzero(
            (b[:, 0] <= lon) & (lon <= b[:, 2]) & (b[:, 1] <= lat) & (lat <= b[:, 3])
        )
        per_geometry = np.zeros(len(self._geometries), dtype=np.bool_)
        if near.size:
            per_geometry[near] = shapely.contains_xy(self._geometries[near], lon, lat)
        return self._remember(key, per_geometry[self._which])

    def _remember(self, key: tuple[float, float], history: History) -> History:
        history.flags.writeable = False  # shared through the cache
        self._cache[key] = history
        if len(self._cache) > self._cache_points:
            self._cache.popitem(last=False)
        return history

    def _first_true(self, history: History, start: int) -> date | None:
        hits = np.flatnonzero(history[start:])
        return self._days[start + int(hits[0])] if hits.size else None

    @staticmethod
    def _run_start(history: History, i: int) -> int:
        """The first map of the unbroken run of `inside` maps that ends at map i."""
        outside = np.flatnonzero(~history[:i])
        return int(outside[-1]) + 1 if outside.size else 0

    def _from_start(self, history: History) -> tuple[date | None, str]:
        hit = self._first_true(history, 0)
        if hit is None:
            return None, "; not on any map"
        if hit == self._days[0]:
            return hit, "; inside on the earliest map"
        return hit, f"; first inside on {hit}"

    def _at_latest(self, history: History) -> tuple[date | None, str]:
        n = len(self._days) - 1
        if history[n]:
            start = self._run_start(history, n)
            if start == 0:
                return self._days[0], "; inside on every map"
            return self._days[start], f"; inside on the latest map, from {self._days[start]}"
        before = np.flatnonzero(history)
        if before.size:
            return None, f"; not on the latest map, last inside on {self._days[before[-1]]}"
        return None, "; not on the latest map"


def _point(lat: float, lon: float) -> tuple[float, float]:
    if not (isfinite(lat) and isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"not a point in degrees: lat={lat}, lon={lon}")
    return float(lat), float(lon)


def _notes(notes: list[str]) -> str:
    return f" ({'; '.join(notes)})" if notes else ""
