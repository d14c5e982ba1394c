"""claims.sentence_start/end, claims.flags, claims.origin_side

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Just the columns the backfill reads and writes, as they are at this revision.
_claims = sa.table(
    "claims",
    sa.column("pk", sa.Integer()),
    sa.column("actors", sa.JSON()),
    sa.column("origin_side", sa.String()),
)
_chain = sa.table(
    "claim_chain",
    sa.column("claim_pk", sa.Integer()),
    sa.column("position", sa.Integer()),
    sa.column("source_pk", sa.Integer()),
)
_sources = sa.table("sources", sa.column("pk", sa.Integer()), sa.column("side", sa.String()))


def _actor1_side(actors: list[dict[str, Any]] | None) -> str | None:
    return next((a.get("side") for a in actors or [] if a.get("role") == "actor1"), None)


def _backfill_origin_side() -> None:
    """Old claims get the side of their origin, else of their actor1, as new ones do."""
    conn = op.get_bind()
    origin = (
        sa.select(_sources.c.side)
        .join(_chain, _chain.c.source_pk == _sources.c.pk)
        .where(_chain.c.claim_pk == _claims.c.pk, _chain.c.position == 0)
        .scalar_subquery()
    )
    rows = conn.execute(sa.select(_claims.c.pk, _claims.c.actors, origin.label("side"))).all()
    updates = [
        {"claim": pk, "side": side or _actor1_side(actors) or "unknown"}
        for pk, actors, side in rows
    ]
    known = [u for u in updates if u["side"] != "unknown"]  # "unknown" is the column default
    if known:
        conn.execute(
            _claims.update()
            .where(_claims.c.pk == sa.bindparam("claim"))
            .values(origin_side=sa.bindparam("side")),
            known,
        )


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("sentence_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sentence_end", sa.Integer(), nullable=True))
        # Old rows were found before flags existed: they have none.
        batch.add_column(sa.Column("flags", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(
            sa.Column(
                "origin_side",
                sa.String(length=16),
                nullable=False,
                server_default="unknown",
            )
        )
        batch.create_index(batch.f("ix_claims_origin_side"), ["origin_side"], unique=False)
    _backfill_origin_side()


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_index(batch.f("ix_claims_origin_side"))
        batch.drop_column("origin_side")
        batch.drop_column("flags")
        batch.drop_column("sentence_end")
        batch.drop_column("sentence_start")
