"""The ledger across articles: entries, each claim's entry, near-duplicate articles and their
fingerprints, reference maps

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        # the entry a claim belongs to: the primary key of the entry's first claim
        batch.add_column(sa.Column("entry_key", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_claims_entry_key"), ["entry_key"], unique=False)
    op.create_table(
        "entries",
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("type", sa.String(32), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.String(10), index=True),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_origins", sa.Integer(), nullable=False),
        sa.Column("n_sides", sa.Integer(), nullable=False),
        sa.Column("n_contradictions", sa.Integer(), nullable=False),
        sa.Column("amplification", sa.Integer(), nullable=False),
        sa.Column("corroboration", sa.Integer(), nullable=False),
        sa.Column("origins_by_side", sa.JSON(), nullable=False),
        sa.Column("contradictions", sa.JSON(), nullable=False),
        sa.Column("place_id", sa.String(64), index=True),
        sa.Column("place_name", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("map_check", sa.JSON()),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_table(
        "article_fingerprints",
        sa.Column(
            "article_pk",
            sa.Integer(),
            sa.ForeignKey("articles.pk", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("sentences", sa.JSON(), nullable=False),
    )
    op.create_table(
        "near_duplicates",
        sa.Column(
            "article_pk",
            sa.Integer(),
            sa.ForeignKey("articles.pk", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "original_pk",
            sa.Integer(),
            sa.ForeignKey("articles.pk", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.Column("shared_sentences", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "reference_maps",
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("geometry", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint("source", "day", name="uq_reference_maps_source_day"),
    )


def downgrade() -> None:
    op.drop_table("reference_maps")
    op.drop_table("near_duplicates")
    op.drop_table("article_fingerprints")
    op.drop_table("entries")
    with op.batch_alter_table("claims") as batch:
        batch.drop_index(batch.f("ix_claims_entry_key"))
        batch.drop_column("entry_key")
