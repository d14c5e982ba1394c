"""Listing ledger entries, filtered, each with its claims (one query for the entries, the
claims of a page of entries in one more)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

from claimledger.store import schema as t
from claimledger.store.claims_query import ClaimFilter, ClaimRow, claims_at_place, iter_claims


@dataclass(frozen=True)
class EntryFilter:
    type: str | None = None
    place: str | None = None
    since: str | None = None  # ISO date


@dataclass(frozen=True)
class EntryRow:
    entry: dict[str, Any]  # the `entries` row
    claims: list[ClaimRow]  # in time order: article publication, then claim order

    @property
    def id(self) -> str:
        return f"e{self.entry['pk']}"


def entry_key(entry_id: str) -> int | None:
    """ "e123" or "123" -> 123; None for anything else."""
    digits = entry_id[1:] if entry_id[:1].lower() == "e" else entry_id
    return int(digits) if digits.isdigit() else None


def list_entries(
    engine: Engine, where: EntryFilter | None = None, *, limit: int | None = None
) -> list[EntryRow]:
    """Entries with the most claims first, then the newest."""
    where = where or EntryFilter()
    e = t.entries
    query = select(e)
    if where.type is not None:
        query = query.where(e.c.type == where.type)
    if where.since is not None:
        when = func.coalesce(e.c.date, e.c.first_seen)
        query = query.where(when >= where.since)
    if where.place is not None:
        keys = select(t.claims.c.entry_key).where(t.claims.c.pk.in_(claims_at_place(where.place)))
        query = query.where(e.c.pk.in_(keys))
    query = query.order_by(e.c.n_claims.desc(), e.c.first_seen.desc().nulls_last(), e.c.pk)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    return _with_claims(engine, rows)


def get_entry(engine: Engine, key: int) -> EntryRow | None:
    with engine.connect() as conn:
        row = conn.execute(select(t.entries).where(t.entries.c.pk == key)).first()
    if row is None:
        return None
    return _with_claims(engine, [dict(row._mapping)])[0]


def _with_claims(engine: Engine, rows: Sequence[dict[str, Any]]) -> list[EntryRow]:
    by_entry: dict[int, list[ClaimRow]] = defaultdict(list)
    keys = [r["pk"] for r in rows]
    for i in range(0, len(keys), 500):
        chunk = tuple(keys[i : i + 500])
        for claim in iter_claims(engine, ClaimFilter(entries=chunk)):
            entry = claim.claim.entry
            if entry is not None:
                by_entry[int(entry[1:])].append(claim)
    out = []
    for r in rows:
        claims = sorted(by_entry[r["pk"]], key=lambda c: (c.published or "9999", c.article_id))
        out.append(EntryRow(r, claims))
    return out
