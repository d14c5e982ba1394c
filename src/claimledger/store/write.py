"""Storing analysed articles: one batch, one transaction; the same text is stored once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select

from claimledger.errors import E
from claimledger.model import ArticleRecord, Claim
from claimledger.store import schema as t


@dataclass
class BatchResult:
    stored: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    article_pks: list[int] = field(default_factory=list)  # of the articles stored

    def add(self, other: BatchResult) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.warnings.extend(other.warnings)
        self.article_pks.extend(other.article_pks)


def _insert_many(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: str
) -> dict[str, int]:
    """Insert rows and map each row's `key` value to its new primary key."""
    if not rows:
        return {}
    result = conn.execute(
        insert(table).returning(table.c.pk, table.c[key], sort_by_parameter_order=True), rows
    )
    return {row_key: pk for pk, row_key in result.all()}


def origin_side(claim: Claim, sides: Mapping[str, str]) -> str:
    """Whose claim it is: the side of its origin; for the article's own voice, of its actor1."""
    if claim.chain:
        return sides.get(claim.chain[0], "unknown")
    return next((a.side for a in claim.actors if a.role == "actor1"), "unknown")


def _store_record(conn: Connection, record: ArticleRecord, model: str | None) -> int:
    a = record.article
    article_pk = conn.execute(
        insert(t.articles).returning(t.articles.c.pk),
        {
            **a.model_dump(exclude={"id"}),
            "id": a.id,
            "model": model,
            "ingested_at": datetime.now(UTC),
        },
    ).scalar_one()
    mention_pks = _insert_many(
        conn,
        t.place_mentions,
        [
            {
                "article_pk": article_pk,
                "mention_id": m.id,
                "start_char": m.start,
                "end_char": m.end,
                "text": m.text,
                "status": m.status,
                "confidence": m.confidence,
                "place_id": m.place.id if m.place else None,
                "place_name": m.place.name if m.place else None,
                "lat": m.place.lat if m.place else None,
                "lon": m.place.lon if m.place else None,
                "place": m.place.model_dump() if m.place else None,
                "candidates": [c.model_dump() for c in m.candidates],
                "flags": list(m.flags),
            }
            for m in record.places
        ],
        "mention_id",
    )
    source_pks = _insert_many(
        conn,
        t.sources,
        [
            {
                "article_pk": article_pk,
                "source_id": s.id,
                "name": s.name,
                "kind": s.kind,
                "side": s.side,
                "anonymous": s.anonymous,
                "role": s.role,
                "mentions": [list(m) for m in s.mentions],
            }
            for s in record.sources
        ],
        "source_id",
    )
    sides = {s.id: s.side for s in record.sources}
    claim_pks = _insert_many(
        conn,
        t.claims,
        [
            {
                "article_pk": article_pk,
                "claim_id": c.id,
                "start_char": c.start,
                "end_char": c.end,
                "text": c.text,
                "cue": c.cue.model_dump() if c.cue else None,
                "source_span": c.source_span.model_dump() if c.source_span else None,
                "content_start": c.content_span.start,
                "content_end": c.content_span.end,
                "type": c.type,
                "status": c.status,
                "date_start": c.date.start,
                "date_end": c.date.end,
                "date_precision": c.date.precision,
                "date_text": c.date.text,
                "actors": [x.model_dump() for x in c.actors],
                "quantities": [q.model_dump() for q in c.quantities],
                "acled": c.acled.model_dump() if c.acled else None,
                "channel": c.channel,
                "sentence_start": c.sentence.start if c.sentence else None,
                "sentence_end": c.sentence.end if c.sentence else None,
                "flags": list(c.flags),
                "origin_side": origin_side(c, sides),
            }
            for c in record.claims
        ],
        "claim_id",
    )
    chain_rows = [
        {"claim_pk": claim_pks[c.id], "position": i, "source_pk": source_pks[source_id]}
        for c in record.claims
        for i, source_id in enumerate(c.chain)
    ]
    place_rows = [
        {"claim_pk": claim_pks[c.id], "position": i, "mention_pk": mention_pks[mention_id]}
        for c in record.claims
        for i, mention_id in enumerate(c.places)
    ]
    if chain_rows:
        conn.execute(insert(t.claim_chain), chain_rows)
    if place_rows:
        conn.execute(insert(t.claim_places), place_rows)
    if record.signals:
        conn.execute(
            insert(t.signals),
            [
                {
                    "article_pk": article_pk,
                    "position": i,
                    "kind": s.kind,
                    "start_char": s.start,
                    "end_char": s.end,
                    "text": s.text,
                    "detail": s.detail,
                }
                for i, s in enumerate(record.signals)
            ],
        )
    return int(article_pk)


def store_batch(
    engine: Engine, records: Iterable[ArticleRecord], *, model: str | None = None
) -> BatchResult:
    """Store a batch in one transaction: any failure leaves the ledger as it was before it.

    An article whose text (content hash) is stored already is skipped. When its id is taken by a
    different text, it is stored under its content hash and a warning says so.
    """
    result = BatchResult()
    with engine.begin() as conn:
        for record in records:
            a = record.article
            known = conn.execute(
                select(t.articles.c.pk).where(t.articles.c.content_hash == a.content_hash)
            ).first()
            if known is not None:
                result.duplicates += 1
                continue
            taken = conn.execute(select(t.articles.c.pk).where(t.articles.c.id == a.id)).first()
            if taken is not None:
                result.warnings.append(
                    f"{a.source_path or a.id}: "
                    + E.ID_TAKEN.value.format(id=a.id, hash=a.content_hash)
                )
                record = record.model_copy(
                    update={"article": a.model_copy(update={"id": a.content_hash})}
                )
            result.article_pks.append(_store_record(conn, record, model))
            result.stored += 1
    return result
