"""Near-duplicate articles in the ledger: each new article is checked against the fingerprints
of the stored ones (near_duplicates.py) and, when it rewrites one, linked to the earliest
original, with a `near_duplicate` signal on it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, insert, select

from claimledger.near_duplicates import NearDuplicateIndex, sentence_hashes, signature
from claimledger.store import schema as t


def mark_rewrites(conn: Connection, new_pks: Sequence[int]) -> int:
    """Fingerprint the new articles and link each rewrite to its original; returns how many
    rewrites were found. The stored fingerprints are read once (the index is in memory)."""
    if not new_pks:
        return 0
    a, fp = t.articles, t.article_fingerprints
    index = NearDuplicateIndex()
    published: dict[int, str | None] = {}
    stored = conn.execute(
        select(fp.c.article_pk, fp.c.minhash, fp.c.sentences, a.c.published)
        .join(a, a.c.pk == fp.c.article_pk)
        .order_by(a.c.published.nulls_last(), a.c.pk)
    )
    for pk, sig, sentences, day in stored:
        index.add(str(pk), sig=sig, sentences=sentences)
        published[pk] = day
    originals = dict(
        conn.execute(select(t.near_duplicates.c.article_pk, t.near_duplicates.c.original_pk)).all()
    )
    new = conn.execute(
        select(a.c.pk, a.c.id, a.c.text, a.c.published)
        .where(a.c.pk.in_(list(new_pks)))
        .order_by(a.c.published.nulls_last(), a.c.pk)
    ).all()
    found = 0
    for pk, _id, text, day in new:
        sig, sentences = signature(text), sentence_hashes(text)
        matches = [m for m in index.query(sig=sig, sentences=sentences) if int(m.key) != pk]
        if matches:
            best = matches[0]
            # the earliest of the articles it rewrites, followed to that one's own original
            earliest = min(matches, key=lambda m: (published.get(int(m.key)) or "9999", int(m.key)))
            original = originals.get(int(earliest.key), int(earliest.key))
            conn.execute(
                insert(t.near_duplicates),
                {
                    "article_pk": pk,
                    "original_pk": original,
                    "jaccard": best.jaccard,
                    "shared_sentences": best.shared_sentences,
                    "reason": best.reason,
                },
            )
            originals[pk] = original
            _signal(conn, pk, original, best.jaccard, best.reason)
            found += 1
        conn.execute(insert(fp), {"article_pk": pk, "minhash": sig, "sentences": sentences})
        index.add(str(pk), sig=sig, sentences=sentences)
        published[pk] = day
    return found


def _signal(conn: Connection, pk: int, original: int, jaccard: float, reason: str) -> None:
    original_id = conn.execute(select(t.articles.c.id).where(t.articles.c.pk == original)).scalar()
    position = conn.execute(
        select(func.coalesce(func.max(t.signals.c.position), -1)).where(
            t.signals.c.article_pk == pk
        )
    ).scalar_one()
    conn.execute(
        insert(t.signals),
        {
            "article_pk": pk,
            "position": int(position) + 1,
            "kind": "near_duplicate",
            "start_char": None,
            "end_char": None,
            "text": None,
            "detail": f"rewrite of article {original_id} ({reason.replace('_', ' ')}, "
            f"similarity {jaccard:.2f})",
        },
    )
