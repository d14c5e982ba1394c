"""Alembic environment: runs on the connection `claimledger.store.db.upgrade` hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from claimledger.store.schema import metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `claimledger db upgrade`, not the alembic command")
run_migrations(connection)
