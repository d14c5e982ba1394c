"""The web app's SQL: pages of claims, map points, entries and articles by keyset, the timeline's
GROUP BY, counts, and what is known of a place. Each page costs a fixed number of queries (the
page, then its chains and places in one query each), never one query per row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    func,
    or_,
    select,
    tuple_,
)

from claimledger.export.claims_listing import claim_json
from claimledger.export.ledger_views import entry_json
from claimledger.store import schema as t
from claimledger.store.claims_query import ClaimRow, _chains, _places
from claimledger.store.entries_query import EntryRow
from claimledger.store.query import claim_from_row
from claimledger.web.filters import ClaimQuery, EntryQuery
from claimledger.web.map_index import MapIndex, entry_keys

c, a = t.claims, t.articles
# A claim's day: its own date, else its article's publication; "--MM-DD" (no year) sorts first.
CLAIM_DAY = func.coalesce(c.c.date_start, a.c.published)


def _dated(day: ColumnElement[Any]) -> ColumnElement[bool]:
    return and_(day.is_not(None), ~day.startswith("--"))


def _claims_at(place: str) -> Any:
    """Claims with a mention of `place`: its id, or its name as resolved or as written."""
    m, cp = t.place_mentions, t.claim_places
    name = func.lower(place)
    return (
        select(cp.c.claim_pk)
        .join(m, m.c.pk == cp.c.mention_pk)
        .where(
            or_(
                m.c.place_id == place,
                func.lower(m.c.place_name) == name,
                func.lower(m.c.text) == name,
            )
        )
    )


def _claims_via(source: str) -> Any:
    """Claims with `source` (an id, or part of a name in any case) anywhere in their chain."""
    s, cc = t.sources, t.claim_chain
    return (
        select(cc.c.claim_pk)
        .join(s, s.c.pk == cc.c.source_pk)
        .where(or_(s.c.source_id == source, func.lower(s.c.name).contains(source.lower())))
    )


def claim_conditions(q: ClaimQuery) -> list[ColumnElement[bool]]:
    """The filters of `q` on claims joined to articles."""
    conditions: list[ColumnElement[bool]] = []
    if q.type is not None:
        conditions.append(c.c.type == q.type)
    if q.side is not None:
        conditions.append(c.c.origin_side == q.side)
    if q.status is not None:
        conditions.append(c.c.status == q.status)
    if q.since is not None:
        conditions += [_dated(CLAIM_DAY), q.since <= CLAIM_DAY]
    if q.until is not None:
        conditions += [_dated(CLAIM_DAY), q.until >= CLAIM_DAY]
    if q.entry is not None:
        conditions.append(c.c.entry_key == q.entry)
    if q.article is not None:
        conditions.append(or_(a.c.id == q.article, a.c.content_hash == q.article))
    if q.place is not None:
        conditions.append(c.c.pk.in_(_claims_at(q.place)))
    if q.source is not None:
        conditions.append(c.c.pk.in_(_claims_via(q.source)))
    return conditions


def claim_rows(conn: Connection, pks: Sequence[int]) -> list[ClaimRow]:
    """Whole claims with their chains and places, in the order of `pks`."""
    if not pks:
        return []
    query = (
        select(c, a.c.id.label("article_id"), a.c.published, a.c.outlet.label("article_outlet"))
        .join(a, a.c.pk == c.c.article_pk)
        .where(c.c.pk.in_(list(pks)))
    )
    rows = {r.pk: r for r in conn.execute(query)}
    chains, places = _chains(conn, list(pks)), _places(conn, list(pks))
    out = []
    for pk in pks:
        r = rows[pk]
        chain, mentions = chains.get(pk, []), places.get(pk, [])
        out.append(
            ClaimRow(
                article_id=r.article_id,
                published=r.published,
                outlet=r.article_outlet,
                claim=claim_from_row(r, [s.id for s in chain], [p.mention_id for p in mentions]),
                chain=chain,
                places=mentions,
                origin_side=r.origin_side,
            )
        )
    return out


def claim_item(row: ClaimRow) -> dict[str, Any]:
    return {
        **claim_json(row),
        "entry_id": row.claim.entry,
        "published": row.published,
        "outlet": row.outlet,
        "side": row.origin_side,
    }


def page_claims(
    engine: Engine, q: ClaimQuery, *, limit: int, after: int | None
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """Claims in the order they were stored; the key of the last one when more follow."""
    query = select(c.c.pk).join(a, a.c.pk == c.c.article_pk).where(*claim_conditions(q))
    if after is not None:
        query = query.where(c.c.pk > after)
    with engine.connect() as conn:
        pks = list(conn.execute(query.order_by(c.c.pk).limit(limit + 1)).scalars())
        more = len(pks) > limit
        rows = claim_rows(conn, pks[:limit])
    return [claim_item(r) for r in rows], ([pks[limit - 1]] if more else None)


def map_points(
    engine: Engine,
    index: MapIndex,
    q: ClaimQuery,
    *,
    bbox: tuple[float, float, float, float] | None,
    limit: int,
    after: list[Any] | None,
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """One point per claim with a located place (its first), by day then claim; `bbox` keeps
    the points inside it."""
    points = index.points(engine)
    start = points.start_after(after[0], after[1]) if after is not None else 0
    part = slice(start, None)
    keep = np.ones(len(points) - start, dtype=np.bool_)
    for wanted, values in ((q.type, points.type), (q.side, points.side), (q.status, points.status)):
        if wanted is not None:
            keep &= values[part] == wanted
    days = points.day[part]
    if q.since is not None or q.until is not None:
        keep &= (days != "") & ~np.char.startswith(days, "--")
        if q.since is not None:
            keep &= days >= q.since
        if q.until is not None:
            keep &= days <= q.until
    if bbox is not None:
        w, s, e, n = bbox
        lat, lon = points.lat[part], points.lon[part]
        keep &= (lat >= s) & (lat <= n)
        keep &= ((lon >= w) & (lon <= e)) if w <= e else ((lon >= w) | (lon <= e))
    narrowed = ClaimQuery(place=q.place, source=q.source, entry=q.entry, article=q.article)
    if narrowed != ClaimQuery():
        query = select(c.c.pk).join(a, a.c.pk == c.c.article_pk).where(*claim_conditions(narrowed))
        with engine.connect() as conn:
            chosen = np.fromiter(conn.execute(query).scalars(), dtype=np.int64)
        keep &= np.isin(points.pk[part], chosen)
    found = np.flatnonzero(keep)[: limit + 1] + start
    more = len(found) > limit
    found = found[:limit]
    pks = [int(points.pk[i]) for i in found]
    entries = entry_keys(engine, pks)
    items = []
    for i, pk in zip(found, pks, strict=True):
        key = entries.get(pk)
        items.append({**points.shown[i], "entry_id": f"e{key}" if key is not None else None})
    last = [str(points.day[found[-1]]), pks[-1]] if more else None
    return items, last


def timeline(engine: Engine, q: ClaimQuery) -> list[dict[str, Any]]:
    """Claims per day, type and side. Claims dated only to a month or a year, undated ones and
    days without a year are left out: they have no day to stand on."""
    n = func.count().label("count")
    query = (
        select(CLAIM_DAY.label("date"), c.c.type, c.c.origin_side, n)
        .join(a, a.c.pk == c.c.article_pk)
        .where(_dated(CLAIM_DAY), func.length(CLAIM_DAY) == 10, *claim_conditions(q))
        .group_by(CLAIM_DAY, c.c.type, c.c.origin_side)
        .order_by(CLAIM_DAY, c.c.type, c.c.origin_side)
    )
    with engine.connect() as conn:
        return [
            {"date": day, "type": kind, "side": side, "count": count}
            for day, kind, side, count in conn.execute(query)
        ]


def entry_item(row: dict[str, Any]) -> dict[str, Any]:
    """An entry without its claims: what a list of entries shows."""
    item = entry_json(EntryRow(row, []))
    del item["claims"]
    item["text"] = row["text"]
    return item


def page_entries(
    engine: Engine, q: EntryQuery, *, limit: int, after: list[Any] | None
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """Entries with the most claims first, then the newest (a later entry has a larger key)."""
    e = t.entries
    query = select(e)
    if q.type is not None:
        query = query.where(e.c.type == q.type)
    if q.status is not None:
        query = query.where(e.c.status == q.status)
    if q.since is not None:
        query = query.where(func.coalesce(e.c.date, e.c.first_seen) >= q.since)
    if q.q is not None:
        for word in q.q.split():
            query = query.where(func.lower(e.c.text).contains(word.lower()))
    if q.place is not None:
        keys = select(c.c.entry_key).where(c.c.pk.in_(_claims_at(q.place)))
        query = query.where(or_(e.c.place_id == q.place, e.c.pk.in_(keys)))
    if after is not None:
        query = query.where(tuple_(e.c.n_claims, e.c.pk) < tuple_(*after))
    query = query.order_by(e.c.n_claims.desc(), e.c.pk.desc()).limit(limit + 1)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    more = len(rows) > limit
    rows = rows[:limit]
    key = [rows[-1]["n_claims"], rows[-1]["pk"]] if more else None
    return [entry_item(r) for r in rows], key


def page_articles(
    engine: Engine, *, limit: int, after: int | None
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """Articles, the latest stored first, with how much was found in each."""
    query = select(
        a.c.pk, a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.language, a.c.url
    ).order_by(a.c.pk.desc())
    if after is not None:
        query = query.where(a.c.pk < after)
    with engine.connect() as conn:
        rows = conn.execute(query.limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        pks = [r.pk for r in rows]
        counts: dict[str, dict[int, int]] = {}
        for name, table in (
            ("places", t.place_mentions),
            ("sources", t.sources),
            ("claims", t.claims),
            ("signals", t.signals),
        ):
            counted = (
                select(table.c.article_pk, func.count())
                .where(table.c.article_pk.in_(pks))
                .group_by(table.c.article_pk)
            )
            counts[name] = {pk: n for pk, n in conn.execute(counted)}
    items = [
        {
            "id": r.id,
            "title": r.title,
            "outlet": r.outlet,
            "published": r.published,
            "language": r.language,
            "url": r.url,
            "counts": {name: by_pk.get(r.pk, 0) for name, by_pk in counts.items()},
        }
        for r in rows
    ]
    return items, ([rows[-1].pk] if more else None)


def totals(engine: Engine) -> dict[str, int]:
    e = t.entries
    with engine.connect() as conn:

        def count(table: Any, *where: ColumnElement[bool]) -> int:
            return int(
                conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
            )

        return {
            "articles": count(a),
            "claims": count(c),
            "entries": count(e),
            "contested": count(e, e.c.status == "contested"),
            "reference_maps": count(t.reference_maps),
        }


def latest_entries(engine: Engine, n: int = 10) -> list[dict[str, Any]]:
    e = t.entries
    query = select(e).order_by(e.c.first_seen.desc().nulls_last(), e.c.pk.desc()).limit(n)
    with engine.connect() as conn:
        return [entry_item(dict(r._mapping)) for r in conn.execute(query)]


def claims_by_pk(conn: Connection, pks_query: Any, *, limit: int) -> tuple[list[ClaimRow], int]:
    """The claims a query of primary keys selects, by day, at most `limit`, and how many."""
    subset = c.c.pk.in_(pks_query)
    total = conn.execute(select(func.count()).select_from(c).where(subset)).scalar_one()
    ordered = (
        select(c.c.pk)
        .join(a, a.c.pk == c.c.article_pk)
        .where(subset)
        .order_by(func.coalesce(CLAIM_DAY, ""), c.c.pk)
        .limit(limit)
    )
    return claim_rows(conn, list(conn.execute(ordered).scalars())), int(total)


def place_mentions_of(conn: Connection, place_id: str) -> tuple[dict[str, Any] | None, list[Any]]:
    """The place as stored with its mentions, and each distinct spelling with its count."""
    m = t.place_mentions
    first = conn.execute(
        select(m.c.place, m.c.place_name, m.c.lat, m.c.lon).where(m.c.place_id == place_id).limit(1)
    ).first()
    if first is None:
        return None, []
    n = func.count().label("n")
    spellings = conn.execute(
        select(m.c.text, n)
        .where(m.c.place_id == place_id)
        .group_by(m.c.text)
        .order_by(n.desc(), m.c.text)
    ).all()
    place = dict(first.place or {})
    place.setdefault("id", place_id)
    place.setdefault("name", first.place_name)
    place.setdefault("lat", first.lat)
    place.setdefault("lon", first.lon)
    return place, [{"text": text, "count": count} for text, count in spellings]


def claims_at_place_id(place_id: str) -> Any:
    m, cp = t.place_mentions, t.claim_places
    return select(cp.c.claim_pk).join(m, m.c.pk == cp.c.mention_pk).where(m.c.place_id == place_id)
