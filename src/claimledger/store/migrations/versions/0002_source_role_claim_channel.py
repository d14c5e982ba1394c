"""sources.role and claims.channel

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("role", sa.Text(), nullable=True))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("channel", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("channel")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("role")
