"""The ledger on real SQLite files: idempotent ingest, one transaction per batch, round trips."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError

from claimledger.errors import ClaimledgerError
from claimledger.model import Actor, Claim, ClaimDate, Quantity
from claimledger.store import connect, count_articles, iter_records, list_articles, store_batch
from claimledger.store.db import alembic_config, current_revision, head_revision, resolve_url
from claimledger.store.schema import metadata
from records import full_record


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.db")


def test_full_record_round_trips_exactly(db: str) -> None:
    engine = connect(db)
    record = full_record()
    assert store_batch(engine, [record]).stored == 1
    [back] = list(iter_records(engine))
    assert back == record
    assert back.claims[1].places == ["p2", "p1"]  # link order kept


def test_full_record_fills_every_field_of_a_claim() -> None:
    """So that the round trip above covers every field the contract has, new ones included."""
    claim = full_record().claims[0]
    assert claim.model_fields_set == set(Claim.model_fields)
    assert claim.quantities[0].model_fields_set == set(Quantity.model_fields)
    assert claim.actors[0].model_fields_set == set(Actor.model_fields)
    assert claim.date.model_fields_set == set(ClaimDate.model_fields)


def test_same_text_is_stored_once(db: str) -> None:
    engine = connect(db)
    first = store_batch(engine, [full_record(), full_record()])
    again = store_batch(connect(db), [full_record()])
    assert (first.stored, first.duplicates) == (1, 1)
    assert (again.stored, again.duplicates) == (0, 1)
    assert count_articles(engine) == 1


def test_taken_id_with_other_text_is_stored_under_its_hash(db: str) -> None:
    engine = connect(db)
    store_batch(engine, [full_record(id="wire-1")])
    other = full_record(text="A different report about Kupiansk.", id="wire-1")
    result = store_batch(engine, [other])
    assert result.stored == 1
    assert "id 'wire-1' is already used" in result.warnings[0]
    ids = {r.article.id for r in iter_records(engine)}
    assert ids == {"wire-1", other.article.content_hash}


def test_failing_batch_leaves_the_ledger_as_it_was(db: str) -> None:
    engine = connect(db)
    store_batch(engine, [full_record()])
    broken = full_record(text="Another report.")
    broken.places.append(broken.places[0])  # duplicate mention id: the database refuses it
    good = full_record(text="A third report.")
    with pytest.raises(IntegrityError):
        store_batch(engine, [good, broken])
    assert [r.article.text for r in iter_records(engine)] == [full_record().article.text]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM claims").fetchone() == (2,)


def test_process_killed_midway_through_a_batch_loses_only_that_batch(db: str) -> None:
    engine = connect(db)
    store_batch(engine, [full_record()])
    engine.dispose()
    # A real process dies (os._exit: no cleanup, no rollback call) inside the transaction.
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from claimledger.store import connect, store_batch
        from records import full_record

        def records():
            for i in range(5):
                yield full_record(text=f"Report number {{i}} on Kupiansk.")
                if i == 2:
                    os._exit(9)

        store_batch(connect({db!r}), records())
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    engine = connect(db)
    assert count_articles(engine) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_migrations_match_the_tables(db: str) -> None:
    engine = connect(db)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_reading_a_missing_ledger_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(ClaimledgerError, match="no ledger at"):
        connect(str(tmp_path / "typo.db"), create=False)
    assert not (tmp_path / "typo.db").exists()


def test_bad_database_url_is_one_clear_error() -> None:
    with pytest.raises(ClaimledgerError, match="cannot open database 'nosuchdriver://x'"):
        connect("nosuchdriver://x")


def test_plain_paths_mean_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMLEDGER_DB", raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / 'claimledger.db'}"
    monkeypatch.setenv("CLAIMLEDGER_DB", "other.db")
    assert resolve_url() == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_article_list_counts_what_was_found(db: str) -> None:
    engine = connect(db)
    store_batch(engine, [full_record()])
    [row] = list_articles(engine)
    assert (row.places, row.sources, row.claims, row.published) == (2, 2, 2, "2025-11-18")


def _ledger_at(db: str, revision: str) -> None:
    """A ledger file as an older claimledger left it: migrated only up to `revision`."""
    url = resolve_url(db)
    engine = create_engine(url)
    with engine.begin() as conn:
        config = alembic_config(url)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def test_ledger_made_at_0002_upgrades_in_place(db: str) -> None:
    _ledger_at(db, "0002")
    with sqlite3.connect(db) as conn:
        conn.executescript(
            """
            INSERT INTO articles (pk, content_hash, id, published, text, ingested_at)
            VALUES (1, 'h1', 'old-1', '2025-11-01', 'Old text.', '2025-11-01 10:00:00');
            INSERT INTO sources (pk, article_pk, source_id, name, kind, side, anonymous, mentions)
            VALUES (1, 1, 'ua.gs', 'General Staff', 'military', 'UA', 0, '[]');
            INSERT INTO claims (pk, article_pk, claim_id, start_char, end_char, text,
                content_start, content_end, type, status, date_precision, actors, quantities)
            VALUES
                (1, 1, 'c1', 0, 4, 'Old.', 0, 4, 'statement', 'claimed', 'none', '[]', '[]'),
                (2, 1, 'c2', 0, 4, 'Old.', 0, 4, 'attack', 'asserted', 'none',
                 '[{"name": "Russian forces", "side": "RU", "role": "actor1"}]', '[]'),
                (3, 1, 'c3', 0, 4, 'Old.', 0, 4, 'statement', 'asserted', 'none', '[]', '[]');
            INSERT INTO claim_chain (claim_pk, position, source_pk) VALUES (1, 0, 1);
            """
        )
    conn.close()
    engine = connect(db)
    assert current_revision(engine) == head_revision()
    [old] = iter_records(engine)
    assert [(c.flags, c.sentence) for c in old.claims] == [([], None)] * 3
    with sqlite3.connect(db) as conn:
        sides = conn.execute("SELECT claim_id, origin_side FROM claims ORDER BY pk").fetchall()
    conn.close()
    assert sides == [("c1", "UA"), ("c2", "RU"), ("c3", "unknown")]
    assert store_batch(engine, [full_record()]).stored == 1  # and it takes new records
    assert list(iter_records(engine))[1] == full_record()
