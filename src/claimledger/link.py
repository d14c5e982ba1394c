"""Grouping claims that state the same thing into ledger entries, across articles.

Two claims are linked when their kinds are compatible, their places coincide (the same place, a
few kilometres apart, or one inside the other's division), their dates overlap given their
precision, and — when no place says it — they come from the same origin in nearly the same
words. Entries are the connected groups (union-find). Candidate pairs come from blocks keyed on
kind, place (a grid cell or a division) or origin, and day, so the work grows with the number of
claims times the size of a block, not with the square of the ledger.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# claims of one entry kept per block for comparison (see Linker._file)
PER_ENTRY = 4
# places closer than this are one place written two ways (a town and its district, two
# gazetteer ids for one village); a neighbouring village is farther
SAME_PLACE_KM = 5.0
CELL_DEG = 0.1  # grid cell for the distance test: wider than SAME_PLACE_KM everywhere in Europe
# days two dated claims may be apart: reports of "overnight" or "yesterday" straddle midnight
DATE_SLACK = 1
# days between two reports of one side taking one place (see _same_capture)
CAPTURE_SLACK = 6
# a claim over more days than this is a summary ("this month"), not one event's date
RANGE_DAYS = 3
# days between publications when a claim has no date of its own
PUBLISHED_SLACK = 2
# two claims with no place in common must say nearly the same thing, from the same origin
SAME_WORDS = 80.0
# a claim about a whole division joined to one inside it needs words in common too
CONTAINED_WORDS = 55.0
# a division-level claim's place: admin1/admin2 (point claims carry their admin1 code)
DIVISIONS = frozenset({"admin1", "admin2"})
# families whose claims are linked by place and date; statements and accusations link only
# by origin and words
LINKED = frozenset({"ground", "violence", "capture_of_personnel", "weapons_seizure", "deployment"})


@dataclass(frozen=True)
class PlacePoint:
    id: str
    lat: float | None
    lon: float | None
    admin1_code: str | None
    precision: str = "point"


@dataclass(frozen=True)
class LinkClaim:
    """What linking reads of a stored claim. Days are proleptic ordinals (date.toordinal())."""

    key: int
    article: int
    type: str
    status: str
    start: int | None
    end: int | None
    published: int | None
    places: tuple[PlacePoint, ...] = ()
    quantities: tuple[tuple[str, str, float], ...] = ()  # category, outcome, value
    origin: str = ""
    text: str = ""
    repelled: bool = False
    # for fights over ground: the side credited with taking it, or whose assault failed
    side: str | None = None
    family: str = field(init=False, compare=False)
    wildcard: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        # read for every candidate pair: computed once
        object.__setattr__(self, "family", _family(self.type, self.repelled))
        # a denial with no event of its own ("Kyiv denied the claim") is about whatever
        # claim was made at its place and time
        object.__setattr__(self, "wildcard", self.type == "denial")

    @property
    def day(self) -> int | None:
        return self.start if self.start is not None else self.published


def _family(kind: str, repelled: bool) -> str:
    """Kinds that can be one entry: a capture and a repelled assault on the same place are two
    accounts of one fight (a contradiction, not two events); a strike and the deaths it caused
    are one event told two ways."""
    if kind == "territorial_control" or (kind == "attack" and repelled):
        return "ground"
    if kind in ("attack", "losses"):
        return "violence"
    return kind


@dataclass
class _UnionFind:
    parent: dict[int, int] = field(default_factory=dict)

    def find(self, x: int) -> int:
        root = x
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the older claim's root stays the root: an entry keeps the id of its first claim
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


class Linker:
    """Incremental linking: `add` claims in any order; `entry_of` gives each claim's entry, the
    smallest key in its group."""

    def __init__(self) -> None:
        self.claims: dict[int, LinkClaim] = {}
        # block -> entry (as it was when filed) -> the entry's latest claims in the block
        self.blocks: dict[tuple[object, ...], dict[int, list[int]]] = defaultdict(dict)
        self.groups = _UnionFind()
        self._norm: dict[int, str] = {}

    def add(self, claims: Iterable[LinkClaim]) -> None:
        for claim in claims:
            self._add(claim)

    def restore(self, claims: Iterable[LinkClaim], entry_of: dict[int, int]) -> None:
        """Claims linked before, with the entries they are in: filed, not compared again."""
        for claim in claims:
            self.claims[claim.key] = claim
            self._norm[claim.key] = _normalise(claim.text)
            entry = entry_of.get(claim.key, claim.key)
            self.groups.parent.setdefault(entry, entry)
            self.groups.parent[claim.key] = entry
            self._file(claim)

    def entry_of(self, key: int) -> int:
        return self.groups.find(key)

    def entries(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for key in self.claims:
            out[self.groups.find(key)].append(key)
        return {k: sorted(v) for k, v in out.items()}

    def _add(self, claim: LinkClaim) -> None:
        self.claims[claim.key] = claim
        find = self.groups.find
        find(claim.key)
        self._norm[claim.key] = _normalise(claim.text)
        seen: set[int] = set()
        joined: set[int] = set()  # entries this claim is in now: not tested again
        for block in _queries(claim):
            for root, members in self.blocks.get(block, {}).items():
                entry = find(root)
                if entry in joined:
                    continue
                for other in members:
                    if other in seen:
                        continue
                    seen.add(other)
                    if same_claim(
                        claim, self.claims[other], self._norm[claim.key], self._norm[other]
                    ):
                        self.groups.union(claim.key, other)
                        joined.add(find(other))
                        break
        self._file(claim)

    def _file(self, claim: LinkClaim) -> None:
        """File a claim in its blocks, under its entry. A block keeps the latest few claims of
        each entry: a new claim that matches none of them is taken not to match the entry there
        (they share its place and day), which keeps a busy town's day from being read whole."""
        entry = self.groups.find(claim.key)
        for block in _registers(claim):
            members = self.blocks[block].setdefault(entry, [])
            members.append(claim.key)
            if len(members) > PER_ENTRY:
                del members[0]


def same_claim(
    a: LinkClaim, b: LinkClaim, norm_a: str | None = None, norm_b: str | None = None
) -> bool:
    """Whether two claims state the same thing (see the module docstring)."""
    if not _kinds_meet(a, b) or not _dates_meet(a, b):
        return False

    def words() -> float:  # compared only when needed: the costliest test
        return float(
            fuzz.token_set_ratio(
                norm_a if norm_a is not None else _normalise(a.text),
                norm_b if norm_b is not None else _normalise(b.text),
            )
        )

    if a.family in LINKED or b.family in LINKED:
        place = _place_match(a, b)
        if place == "same":
            return _figures_compatible(a, b) or a.origin != b.origin
        if place == "contained":
            return a.origin == b.origin and words() >= CONTAINED_WORDS
        if a.places and b.places:
            return False
    # no place in common to go by: one origin, nearly the same words, the same figures
    return a.origin == b.origin and _figures_compatible(a, b) and words() >= SAME_WORDS


def _kinds_meet(a: LinkClaim, b: LinkClaim) -> bool:
    if a.wildcard or b.wildcard:
        # a bare denial is taken to be about a claim of ground taken, the usual one denied
        return (a.family == "ground" or a.wildcard) and (b.family == "ground" or b.wildcard)
    if a.family != b.family:
        return False
    # Russia taking a village and Ukraine taking it back are two events; a capture and an
    # assault by the same side that failed are two accounts of one fight
    return not (a.family == "ground" and a.side and b.side and a.side != b.side)


def _figures_compatible(a: LinkClaim, b: LinkClaim) -> bool:
    """One origin's figures for one thing do not change between retellings; another day's
    report from the same origin does ("lost 900 soldiers" vs "lost 1,100 soldiers")."""
    ours = {(c, o): v for c, o, v in a.quantities}
    for c, o, v in b.quantities:
        w = ours.get((c, o))
        if w is not None and not math.isclose(v, w, rel_tol=0.05):
            return False
    return True


def _dates_meet(a: LinkClaim, b: LinkClaim) -> bool:
    if a.start is not None and b.start is not None:
        a_end = a.end if a.end is not None else a.start
        b_end = b.end if b.end is not None else b.start
        if (a_end - a.start > RANGE_DAYS) != (b_end - b.start > RANGE_DAYS):
            return False  # "every night this month" is not one night's strike
        gap = max(a.start, b.start) - min(a_end, b_end)
        return gap <= (CAPTURE_SLACK if _same_capture(a, b) else DATE_SLACK)
    da, db = a.day, b.day
    if da is None or db is None:
        return True  # nothing to tell them apart by date
    return abs(da - db) <= PUBLISHED_SLACK


def _same_capture(a: LinkClaim, b: LinkClaim) -> bool:
    """Two reports of one side taking one place: a capture is confirmed days after it is
    claimed, and a side does not take the same village twice in a week."""
    return (
        a.type == b.type == "territorial_control"
        and not a.repelled
        and not b.repelled
        and a.side is not None
        and a.side == b.side
    )


def _km(p: PlacePoint, q: PlacePoint) -> float:
    assert p.lat is not None and p.lon is not None and q.lat is not None and q.lon is not None
    mean_lat = math.radians((p.lat + q.lat) / 2)
    dx = math.radians(q.lon - p.lon) * math.cos(mean_lat)
    dy = math.radians(q.lat - p.lat)
    return 6371.0 * math.hypot(dx, dy)


def _place_match(a: LinkClaim, b: LinkClaim) -> str | None:
    """ "same" when the places the claims are about first (the claims stage puts the place
    nearest the event word first: "took Rodynske, near Pokrovsk") are one place, or a few km
    apart; "contained" when one is a division the other's place lies in; else None."""
    if not a.places or not b.places:
        return None
    p, q = a.places[0], b.places[0]
    if p.id == q.id:
        return "same"
    p_div, q_div = p.precision in DIVISIONS, q.precision in DIVISIONS
    if not p_div and not q_div:
        if None not in (p.lat, p.lon, q.lat, q.lon) and _km(p, q) <= SAME_PLACE_KM:
            return "same"
        return None
    if p.admin1_code and p.admin1_code == q.admin1_code:
        return "contained"
    return None


def _days(claim: LinkClaim) -> list[int | None]:
    """The days whose claims can meet this one's date (see _dates_meet)."""
    day = claim.day
    if day is None:
        return [None]
    if claim.start is not None:
        last = claim.end if claim.end is not None else claim.start
        # another dated claim within DATE_SLACK (CAPTURE_SLACK for a capture), or an undated
        # one published near it
        slack = CAPTURE_SLACK if claim.type == "territorial_control" else PUBLISHED_SLACK
        lo, hi = claim.start - slack, min(last, claim.start + 62) + slack
    else:
        lo, hi = day - PUBLISHED_SLACK, day + PUBLISHED_SLACK
    return list(range(lo, hi + 1))


def _registers(claim: LinkClaim) -> Iterator[tuple[object, ...]]:
    """The blocks a claim is filed under: each day its date covers (a month-precision claim
    stands for every day of it, up to two months), or its publication day; its first place's
    grid cells (every cell within SAME_PLACE_KM of it, so a neighbour looks in one cell only)."""
    fam = claim.family
    if claim.start is not None:
        last = claim.end if claim.end is not None else claim.start
        days: list[int | None] = list(range(claim.start, min(last, claim.start + 62) + 1))
    else:
        days = [claim.published]
    where = list(_place_keys(claim, near=True))
    fam_key = "ground" if claim.wildcard else fam
    for day in days:
        yield ("origin", fam, claim.origin, day)
        for key in where:
            yield (fam_key, *key, day)


def _queries(claim: LinkClaim) -> Iterator[tuple[object, ...]]:
    """The blocks a claim looks in: the days its date can meet, its first place's cell, and
    the same origin's claims in its division (a report retold with the region only)."""
    fam = claim.family
    where = list(_place_keys(claim, near=False))
    fam_key = "ground" if claim.wildcard else fam
    for day in _days(claim):
        yield ("origin", fam, claim.origin, day)
        for key in where:
            yield (fam_key, *key, day)


def _place_keys(claim: LinkClaim, *, near: bool) -> Iterator[tuple[object, ...]]:
    if not claim.places:
        return
    p = claim.places[0]  # the place the claim is about (see _place_match)
    if p.precision in DIVISIONS:
        if p.admin1_code:
            yield ("division", claim.origin, p.admin1_code)
            if not near:
                yield ("in", claim.origin, p.admin1_code)
        return
    if p.lat is None or p.lon is None:
        yield ("id", p.id)
        return
    if near:
        yield from (("cell", *c) for c in _cells_near(p.lat, p.lon))
    else:
        yield ("cell", math.floor(p.lat / CELL_DEG), math.floor(p.lon / CELL_DEG))
    if p.admin1_code:
        if near:
            yield ("in", claim.origin, p.admin1_code)
        else:
            yield ("division", claim.origin, p.admin1_code)


def _cells_near(lat: float, lon: float) -> set[tuple[int, int]]:
    """The grid cells within SAME_PLACE_KM of a point (one to four)."""
    dlat = SAME_PLACE_KM / 111.0
    dlon = SAME_PLACE_KM / (111.0 * max(0.1, math.cos(math.radians(lat))))
    return {
        (math.floor(y / CELL_DEG), math.floor(x / CELL_DEG))
        for y in (lat - dlat, lat, lat + dlat)
        for x in (lon - dlon, lon, lon + dlon)
    }


_PUNCT = re.compile(r"[^\w\s]+")


def _normalise(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())
