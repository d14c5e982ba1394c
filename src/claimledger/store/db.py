"""Opening the ledger database: SQLite by default, any SQLAlchemy URL (PostgreSQL) by choice."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from claimledger.errors import ClaimledgerError, E

DB_ENV = "CLAIMLEDGER_DB"
DEFAULT_DB = "claimledger.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_url(db: str | None = None) -> str:
    """--db value, else $CLAIMLEDGER_DB, else claimledger.db here; a plain path means SQLite."""
    value = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the web app) never block a writer
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def connect(db: str | None = None, *, create: bool = True) -> Engine:
    """An engine on the ledger, migrated to the newest schema.

    With create=False a missing SQLite file is an error rather than a new empty ledger: commands
    that only read should not leave empty files behind a typo.
    """
    url = resolve_url(db)
    try:
        path = _sqlite_path(url)
        if path is not None:
            if not create and not path.exists():
                raise ClaimledgerError(E.NO_LEDGER, url=url)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        upgrade(engine)
    except ClaimledgerError:
        raise
    except (ArgumentError, SQLAlchemyError, OSError, ImportError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClaimledgerError(E.BAD_DB_URL, url=url, detail=detail) from exc
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    if current_revision(engine) == head_revision():
        return
    with engine.begin() as conn:
        config = alembic_config(str(engine.url))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
