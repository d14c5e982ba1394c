"""Listing stored claims across articles, filtered, with the names their ids stand for.

One query selects the claims; their chains and places come in one query per chunk of claims, so
the cost grows with the claims listed, not with a query per claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, or_, select

from claimledger.model import Claim, Place
from claimledger.store import schema as t
from claimledger.store.query import claim_from_row


@dataclass(frozen=True)
class ClaimFilter:
    """What `claimledger claims` narrows the list by; None means no condition."""

    type: str | None = None
    status: str | None = None
    side: str | None = None
    place: str | None = None
    since: str | None = None  # ISO date
    entries: tuple[int, ...] | None = None  # ledger entry keys
    article: str | None = None  # an article's id


@dataclass(frozen=True)
class ClaimPlace:
    """One of a claim's place mentions: as written, and the place it was resolved to."""

    mention_id: str
    text: str
    status: str
    place: Place | None

    @property
    def name(self) -> str:
        return self.place.name if self.place is not None else self.text


@dataclass(frozen=True)
class SourceRef:
    id: str
    name: str
    side: str


@dataclass(frozen=True)
class ClaimRow:
    """A stored claim with the article it is in and the names of its chain and places."""

    article_id: str
    published: str | None
    outlet: str | None
    claim: Claim
    chain: list[SourceRef]
    places: list[ClaimPlace]
    origin_side: str

    @property
    def chain_names(self) -> list[str]:
        return [s.name for s in self.chain]

    @property
    def place_names(self) -> list[str]:
        return [p.name for p in self.places]


def _claims_query(where: ClaimFilter) -> Select[Any]:
    c, a = t.claims, t.articles
    query = select(
        c, a.c.id.label("article_id"), a.c.published, a.c.outlet.label("article_outlet")
    ).join(a, a.c.pk == c.c.article_pk)
    if where.type is not None:
        query = query.where(c.c.type == where.type)
    if where.status is not None:
        query = query.where(c.c.status == where.status)
    if where.side is not None:
        query = query.where(c.c.origin_side == where.side)
    if where.since is not None:
        # a claim without a date counts from its article's publication; a date without a year
        # ("--11-24") cannot be placed before or after any day, so it is left out
        when = func.coalesce(c.c.date_start, a.c.published)
        query = query.where(when >= where.since, ~when.startswith("--"))
    if where.entries is not None:
        query = query.where(c.c.entry_key.in_(where.entries))
    if where.article is not None:
        query = query.where(a.c.id == where.article)
    if where.place is not None:
        query = query.where(c.c.pk.in_(claims_at_place(where.place)))
    return query.order_by(a.c.published.desc().nulls_last(), a.c.pk, c.c.pk)


def claims_at_place(place: str) -> Select[Any]:
    """The primary keys of claims with a mention of `place`, as resolved or as written."""
    m, cp = t.place_mentions, t.claim_places
    # lower() folds ASCII letters on SQLite, all letters on PostgreSQL
    name = func.lower(place)
    return (
        select(cp.c.claim_pk)
        .join(m, m.c.pk == cp.c.mention_pk)
        .where(or_(func.lower(m.c.place_name) == name, func.lower(m.c.text) == name))
    )


def _chains(conn: Connection, claim_pks: Sequence[int]) -> dict[int, list[SourceRef]]:
    s, cc = t.sources, t.claim_chain
    query = (
        select(cc.c.claim_pk, s.c.source_id, s.c.name, s.c.side)
        .join(s, s.c.pk == cc.c.source_pk)
        .where(cc.c.claim_pk.in_(claim_pks))
        .order_by(cc.c.claim_pk, cc.c.position)
    )
    grouped: dict[int, list[SourceRef]] = defaultdict(list)
    for claim_pk, source_id, name, side in conn.execute(query):
        grouped[claim_pk].append(SourceRef(id=source_id, name=name, side=side))
    return grouped


def _places(conn: Connection, claim_pks: Sequence[int]) -> dict[int, list[ClaimPlace]]:
    m, cp = t.place_mentions, t.claim_places
    query = (
        select(cp.c.claim_pk, m.c.mention_id, m.c.text, m.c.status, m.c.place)
        .join(m, m.c.pk == cp.c.mention_pk)
        .where(cp.c.claim_pk.in_(claim_pks))
        .order_by(cp.c.claim_pk, cp.c.position)
    )
    grouped: dict[int, list[ClaimPlace]] = defaultdict(list)
    for claim_pk, mention_id, text, status, place in conn.execute(query):
        grouped[claim_pk].append(
            ClaimPlace(
                mention_id=mention_id,
                text=text,
                status=status,
                place=Place.model_validate(place) if place is not None else None,
            )
        )
    return grouped


def iter_claims(
    engine: Engine,
    where: ClaimFilter | None = None,
    *,
    limit: int | None = None,
    chunk_size: int = 500,
) -> Iterator[ClaimRow]:
    """Stored claims matching `where`: newest article first, then in the article's order.

    Articles are ordered by publication date (undated last), ties in the order they were stored.
    """
    query = _claims_query(where or ClaimFilter()).limit(limit)
    with engine.connect() as conn:
        for rows in conn.execute(query).partitions(chunk_size):
            pks = [r.pk for r in rows]
            chains, places = _chains(conn, pks), _places(conn, pks)
            for r in rows:
                chain = chains.get(r.pk, [])
                mentions = places.get(r.pk, [])
                yield ClaimRow(
                    article_id=r.article_id,
                    published=r.published,
                    outlet=r.article_outlet,
                    claim=claim_from_row(
                        r, [s.id for s in chain], [p.mention_id for p in mentions]
                    ),
                    chain=chain,
                    places=mentions,
                    origin_side=r.origin_side,
                )
