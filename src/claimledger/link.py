"""Grouping claims that state the same thing into ledger entries, across articles.

Two claims are linked when `same_claim` (link_rules.py) says they state the same thing.
Entries are the connected groups (union-find). Candidate pairs come from blocks keyed on kind,
place (a grid cell or a division), origin or a sentence's longest words, and day, so the work
grows with the number of claims times the size of a block, not with the square of the ledger.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from claimledger.link_claim import LinkClaim, PlacePoint
from claimledger.link_rules import (
    CAPTURE_SLACK,
    DATE_SLACK,
    DIVISIONS,
    PUBLISHED_SLACK,
    SAME_PLACE_KM,
    normalise,
    same_claim,
)

__all__ = ["LinkClaim", "Linker", "PlacePoint", "same_claim"]
# claims of one entry kept per block for comparison (see Linker._file)
PER_ENTRY = 4
CELL_DEG = 0.1  # grid cell for the distance test: wider than SAME_PLACE_KM everywhere in Europe


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
        self._sig: dict[int, str] = {}

    def add(self, claims: Iterable[LinkClaim]) -> None:
        for claim in claims:
            self._add(claim)

    def restore(self, claims: Iterable[LinkClaim], entry_of: dict[int, int]) -> None:
        """Claims linked before, with the entries they are in: filed, not compared again."""
        for claim in claims:
            self.claims[claim.key] = claim
            self._norm[claim.key] = norm = normalise(claim.text)
            self._sig[claim.key] = _signature(norm)
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
        self._norm[claim.key] = norm = normalise(claim.text)
        self._sig[claim.key] = sig = _signature(norm)
        seen: set[int] = set()
        joined: set[int] = set()  # entries this claim is in now: not tested again
        for block in _queries(claim, sig):
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
        for block in _registers(claim, self._sig[claim.key]):
            members = self.blocks[block].setdefault(entry, [])
            members.append(claim.key)
            if len(members) > PER_ENTRY:
                del members[0]


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


def _registers(claim: LinkClaim, sig: str) -> Iterator[tuple[object, ...]]:
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
    if claim.day is not None:
        # nearly the same sentence links two claims only when one has no place (two placed
        # claims meet in their places' blocks): every claim is filed for the placeless to find,
        # and a placeless one also where the placed look
        yield ("words", fam_key, sig, claim.day)
        if not claim.places:
            yield ("words-placeless", fam_key, sig, claim.day)


def _queries(claim: LinkClaim, sig: str) -> Iterator[tuple[object, ...]]:
    """The blocks a claim looks in: the days its date can meet, its first place's cell, and
    the same origin's claims in its division (a report retold with the region only)."""
    fam = claim.family
    where = list(_place_keys(claim, near=False))
    fam_key = "ground" if claim.wildcard else fam
    for day in _days(claim):
        yield ("origin", fam, claim.origin, day)
        for key in where:
            yield (fam_key, *key, day)
    if claim.day is not None:
        words = "words" if not claim.places else "words-placeless"
        for day in range(claim.day - DATE_SLACK, claim.day + DATE_SLACK + 1):
            yield (words, fam_key, sig, day)


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


def _signature(norm: str) -> str:
    """A block key shared by nearly the same sentences (normalised): their two longest words
    (a rewrite changes a word or two, rarely the longest)."""
    words = sorted(set(norm.split()), key=lambda w: (-len(w), w))[:2]
    return " ".join(sorted(words))
