"""Reading and writing the ledger's cross-article tables: which claims to link, each claim's
entry, the entries themselves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from claimledger.model import ArticleRecord
from claimledger.store import schema as t
from claimledger.store.query import records_for


def article_days(conn: Connection, article_pks: Sequence[int]) -> list[str]:
    """The ISO days the claims of these articles are about (or were published on)."""
    c, a = t.claims, t.articles
    rows = conn.execute(
        select(c.c.date_start, a.c.published)
        .join(a, a.c.pk == c.c.article_pk)
        .where(c.c.article_pk.in_(article_pks))
    ).all()
    return sorted({d for row in rows for d in row if d and not d.startswith("--")})


def articles_near(conn: Connection, days: Sequence[str], margin: int) -> list[int]:
    """Articles with a claim dated, or published, within `margin` days of the given days, or
    published on no known day (they can meet anything)."""
    if not days:
        return []
    lo = (min(_first(d) for d in days) - timedelta(days=margin)).isoformat()
    hi = (max(_first(d) for d in days) + timedelta(days=margin)).isoformat()
    c, a = t.claims, t.articles
    query = (
        select(c.c.article_pk)
        .join(a, a.c.pk == c.c.article_pk)
        .where(
            or_(
                c.c.date_start.between(lo, hi),
                a.c.published.between(lo, hi),
                a.c.published.is_(None),
            )
        )
        .distinct()
    )
    return sorted(pk for (pk,) in conn.execute(query))


def _first(iso: str) -> date:
    """The first day an ISO date, month or year can mean."""
    parts = iso.split("-")
    return date(
        int(parts[0]),
        int(parts[1]) if len(parts) > 1 else 1,
        int(parts[2]) if len(parts) > 2 else 1,
    )


def claim_keys(
    conn: Connection, article_pks: Sequence[int]
) -> dict[tuple[int, str], tuple[int, int | None]]:
    """(article pk, claim id) -> (claim pk, entry key) for the claims of these articles."""
    c = t.claims
    rows = conn.execute(
        select(c.c.article_pk, c.c.claim_id, c.c.pk, c.c.entry_key).where(
            c.c.article_pk.in_(article_pks)
        )
    ).all()
    return {(a, cid): (pk, entry) for a, cid, pk, entry in rows}


def article_pks_of_entries(conn: Connection, entry_keys: Iterable[int]) -> list[int]:
    keys = sorted(set(entry_keys))
    out: set[int] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        out.update(
            pk
            for (pk,) in conn.execute(
                select(t.claims.c.article_pk).where(t.claims.c.entry_key.in_(chunk)).distinct()
            )
        )
    return sorted(out)


def article_records(conn: Connection, pks: Sequence[int]) -> Iterator[tuple[int, ArticleRecord]]:
    yield from records_for(conn, pks)


def set_entry_keys(conn: Connection, changes: dict[int, int]) -> None:
    if changes:
        conn.execute(
            update(t.claims)
            .where(t.claims.c.pk == _bind("claim"))
            .values(entry_key=_bind("entry")),
            [{"claim": k, "entry": v} for k, v in changes.items()],
        )


def replace_entries(conn: Connection, drop: Iterable[int], rows: Sequence[dict[str, Any]]) -> None:
    keys = sorted(set(drop) | {r["pk"] for r in rows})
    for i in range(0, len(keys), 500):
        conn.execute(delete(t.entries).where(t.entries.c.pk.in_(keys[i : i + 500])))
    if rows:
        conn.execute(insert(t.entries), list(rows))


def _bind(name: str) -> Any:
    return bindparam(name)
