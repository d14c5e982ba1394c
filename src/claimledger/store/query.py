"""Reading the ledger back: article lists, and whole records in the contract's shape."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Subquery, func, select

from claimledger.model import (
    Article,
    ArticleRecord,
    CharRange,
    Claim,
    ClaimDate,
    PlaceMention,
    Signal,
    Source,
)
from claimledger.store import schema as t

ARTICLE_FIELDS = list(Article.model_fields)


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    places: int
    sources: int
    claims: int


def _count(table: Any) -> Subquery:
    query = select(table.c.article_pk, func.count().label("n")).group_by(table.c.article_pk)
    return query.subquery()


def list_articles(engine: Engine, *, limit: int | None = None) -> list[ArticleRow]:
    """Stored articles, newest publication first, with how much was found in each."""
    counts = {
        name: _count(table)
        for name, table in (
            ("places", t.place_mentions),
            ("sources", t.sources),
            ("claims", t.claims),
        )
    }
    a = t.articles
    query = select(
        a.c.id,
        a.c.title,
        a.c.outlet,
        a.c.published,
        a.c.language,
        *(func.coalesce(sub.c.n, 0).label(name) for name, sub in counts.items()),
    )
    for sub in counts.values():
        query = query.outerjoin(sub, sub.c.article_pk == a.c.pk)
    query = query.order_by(a.c.published.desc().nulls_last(), a.c.pk).limit(limit)
    with engine.connect() as conn:
        return [ArticleRow(**row._asdict()) for row in conn.execute(query)]


def record_by_id(engine: Engine, article_id: str) -> ArticleRecord | None:
    """A stored article by its id (or its content hash)."""
    a = t.articles
    with engine.connect() as conn:
        pk = conn.execute(
            select(a.c.pk).where((a.c.id == article_id) | (a.c.content_hash == article_id))
        ).scalar()
        if pk is None:
            return None
        return next(records_for(conn, [pk]))[1]


def is_stored(engine: Engine, content_hash: str) -> bool:
    with engine.connect() as conn:
        found = conn.execute(
            select(t.articles.c.pk).where(t.articles.c.content_hash == content_hash)
        ).first()
    return found is not None


def count_articles(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())


def _by_article(conn: Connection, table: Any, pks: list[int], order: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in conn.execute(select(table).where(table.c.article_pk.in_(pks)).order_by(order)):
        grouped[row.article_pk].append(row)
    return grouped


def _links(
    conn: Connection, link: Any, target: Any, key: str, claim_pks: list[int]
) -> dict[int, list[str]]:
    """claim pk -> ids (source_id or mention_id) in link order."""
    grouped: dict[int, list[str]] = defaultdict(list)
    fk = link.c.source_pk if key == "source_id" else link.c.mention_pk
    query = (
        select(link.c.claim_pk, target.c[key])
        .join(target, target.c.pk == fk)
        .where(link.c.claim_pk.in_(claim_pks))
        .order_by(link.c.claim_pk, link.c.position)
    )
    for claim_pk, value in conn.execute(query):
        grouped[claim_pk].append(value)
    return grouped


def claim_from_row(c: Any, chain: list[str], places: list[str]) -> Claim:
    """A `claims` row (with its chain's source ids and its mention ids) as the contract's Claim."""
    sentence = None
    if c.sentence_start is not None and c.sentence_end is not None:
        sentence = CharRange(start=c.sentence_start, end=c.sentence_end)
    return Claim(
        id=c.claim_id,
        start=c.start_char,
        end=c.end_char,
        text=c.text,
        cue=c.cue,
        source_span=c.source_span,
        content_span=CharRange(start=c.content_start, end=c.content_end),
        sentence=sentence,
        chain=chain,
        channel=c.channel,
        type=c.type,
        status=c.status,
        date=ClaimDate(
            start=c.date_start, end=c.date_end, precision=c.date_precision, text=c.date_text
        ),
        places=places,
        actors=c.actors,
        quantities=c.quantities,
        acled=c.acled,
        flags=c.flags,
        entry=f"e{c.entry_key}" if c.entry_key is not None else None,
    )


def _record(
    row: Any,
    places: list[Any],
    sources: list[Any],
    claims: list[Any],
    signals: list[Any],
    chains: dict[int, list[str]],
    claim_places: dict[int, list[str]],
) -> ArticleRecord:
    return ArticleRecord(
        article=Article(**{f: getattr(row, f) for f in ARTICLE_FIELDS}),
        places=[
            PlaceMention(
                id=p.mention_id,
                start=p.start_char,
                end=p.end_char,
                text=p.text,
                status=p.status,
                confidence=p.confidence,
                place=p.place,
                candidates=p.candidates,
                flags=p.flags,
            )
            for p in places
        ],
        sources=[
            Source(
                id=s.source_id,
                name=s.name,
                kind=s.kind,
                side=s.side,
                anonymous=s.anonymous,
                role=s.role,
                mentions=[tuple(m) for m in s.mentions],
            )
            for s in sources
        ],
        claims=[
            claim_from_row(c, chains.get(c.pk, []), claim_places.get(c.pk, [])) for c in claims
        ],
        signals=[
            Signal(kind=s.kind, start=s.start_char, end=s.end_char, text=s.text, detail=s.detail)
            for s in signals
        ],
    )


def records_for(conn: Connection, pks: Sequence[int]) -> Iterator[tuple[int, ArticleRecord]]:
    """(article pk, record) for the given articles, in pk order."""
    ordered = sorted(pks)
    for i in range(0, len(ordered), 200):
        rows = conn.execute(
            select(t.articles)
            .where(t.articles.c.pk.in_(ordered[i : i + 200]))
            .order_by(t.articles.c.pk)
        ).all()
        yield from _page(conn, rows)


def _page(conn: Connection, rows: Sequence[Any]) -> Iterator[tuple[int, ArticleRecord]]:
    pks = [r.pk for r in rows]
    places = _by_article(conn, t.place_mentions, pks, t.place_mentions.c.pk)
    sources = _by_article(conn, t.sources, pks, t.sources.c.pk)
    claims = _by_article(conn, t.claims, pks, t.claims.c.pk)
    signals = _by_article(conn, t.signals, pks, t.signals.c.position)
    claim_pks = [c.pk for group in claims.values() for c in group]
    chains = _links(conn, t.claim_chain, t.sources, "source_id", claim_pks)
    claim_places = _links(conn, t.claim_places, t.place_mentions, "mention_id", claim_pks)
    for row in rows:
        yield (
            row.pk,
            _record(
                row,
                places[row.pk],
                sources[row.pk],
                claims[row.pk],
                signals[row.pk],
                chains,
                claim_places,
            ),
        )


def iter_records(engine: Engine, *, page_size: int = 200) -> Iterator[ArticleRecord]:
    """Every stored article as a contract record, in the order they were ingested."""
    last_pk = 0
    with engine.connect() as conn:
        while True:
            rows = conn.execute(
                select(t.articles)
                .where(t.articles.c.pk > last_pk)
                .order_by(t.articles.c.pk)
                .limit(page_size)
            ).all()
            if not rows:
                return
            for _pk, record in _page(conn, rows):
                yield record
            last_pk = rows[-1].pk
