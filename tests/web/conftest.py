"""The web tests' ledger: the project's examples/ and the three seed articles, really ingested
once per session with the CLI into a SQLite file. Tests that write work on a copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli, shared


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    seeds = shared("examples/seeds")
    db = tmp_path_factory.mktemp("web") / "web.db"
    result = run_cli("ingest", EXAMPLES, seeds, "--db", db)
    assert result.returncode == 0, result.stderr
    return db


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a ledger for a test module that writes (SQLite's online backup: WAL-safe)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
