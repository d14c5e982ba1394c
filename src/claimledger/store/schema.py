"""The ledger's tables (SQLAlchemy Core). Alembic migrations in `migrations/` create them.

Offsets are `start_char`/`end_char` (not start/end, which are SQL keywords) so that people can
query the file by hand. Nested parts of the contract that are read whole (a place's candidates, a
claim's quantities) are JSON columns; what is searched or joined on has columns of its own.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _article_fk() -> Column[int]:
    return Column(
        "article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False
    )


articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("id", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("published_at", String(40)),
    Column("language", String(16)),
    Column("source_path", Text),
    Column("text", Text, nullable=False),
    Column("model", String(200)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("mention_id", String(64), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("place_id", String(64), index=True),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("place", JSON),
    Column("candidates", JSON, nullable=False),
    Column("flags", JSON, nullable=False),
    UniqueConstraint("article_pk", "mention_id", name="uq_place_mentions_article_mention"),
)

sources = Table(
    "sources",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("source_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("side", String(16), nullable=False, index=True),
    Column("anonymous", Boolean, nullable=False),
    Column("role", Text),
    Column("mentions", JSON, nullable=False),
    UniqueConstraint("article_pk", "source_id", name="uq_sources_article_source"),
)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("claim_id", String(64), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("cue", JSON),
    Column("source_span", JSON),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("date_precision", String(8), nullable=False),
    Column("date_text", Text),
    Column("actors", JSON, nullable=False),
    Column("quantities", JSON, nullable=False),
    Column("acled", JSON),
    Column("channel", Text),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("flags", JSON, nullable=False, server_default="[]"),
    # Whose claim it is, for filtering: the side of the chain's origin, else of actor1.
    Column("origin_side", String(16), nullable=False, index=True, server_default="unknown"),
    # The ledger entry the claim belongs to: the primary key of the entry's first claim.
    Column("entry_key", Integer, index=True),
    UniqueConstraint("article_pk", "claim_id", name="uq_claims_article_claim"),
)

# A claim's chain of sources, origin first (position 0).
claim_chain = Table(
    "claim_chain",
    metadata,
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("source_pk", Integer, ForeignKey("sources.pk", ondelete="CASCADE"), nullable=False),
    Index("ix_claim_chain_source_pk", "source_pk"),
)

claim_places = Table(
    "claim_places",
    metadata,
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column(
        "mention_pk", Integer, ForeignKey("place_mentions.pk", ondelete="CASCADE"), nullable=False
    ),
    Index("ix_claim_places_mention_pk", "mention_pk"),
)

signals = Table(
    "signals",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),
    Column("kind", String(64), nullable=False, index=True),
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("text", Text),
    Column("detail", Text, nullable=False),
)

# One row per ledger entry: claims that state the same thing across articles (link.py), with
# what entries.py says of them. `pk` is the entry's first claim's primary key.
entries = Table(
    "entries",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=False),
    Column("type", String(32), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("first_seen", String(10), index=True),
    Column("last_seen", String(10)),
    Column("date", String(10), index=True),
    Column("n_claims", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_origins", Integer, nullable=False),
    Column("n_sides", Integer, nullable=False),
    Column("n_contradictions", Integer, nullable=False),
    Column("amplification", Integer, nullable=False),
    Column("corroboration", Integer, nullable=False),
    Column("origins_by_side", JSON, nullable=False),
    Column("contradictions", JSON, nullable=False),
    Column("place_id", String(64), index=True),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("map_check", JSON),
    Column("text", Text, nullable=False),
)

# An article's MinHash and normalised sentence hashes, to find later rewrites of it.
article_fingerprints = Table(
    "article_fingerprints",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
    Column("sentences", JSON, nullable=False),
)

# An article that rewrites an earlier one, linked to the earliest it copies.
near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column(
        "original_pk",
        Integer,
        ForeignKey("articles.pk", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("jaccard", Float, nullable=False),
    Column("shared_sentences", Integer, nullable=False),
    Column("reason", Text, nullable=False),
)

# Reference maps by day (DeepStateMap's occupied area), geometry as WKB.
reference_maps = Table(
    "reference_maps",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("source", String(32), nullable=False),
    Column("day", String(10), nullable=False),
    Column("geometry", LargeBinary, nullable=False),
    UniqueConstraint("source", "day", name="uq_reference_maps_source_day"),
)
