"""The command line on real files, as a user runs it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, run_cli

BAD = FIXTURES / "bad"


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text


def test_analyze_jsonl_prints_one_record_per_article(tmp_path: Path) -> None:
    result = run_cli("analyze", FIXTURES / "tabular" / "articles.jsonl", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in records[:2]] == ["tab-0001", "tab-0002"]
    assert set(records[0]) == {
        "schema_version",
        "article",
        "places",
        "sources",
        "claims",
        "signals",
    }
    assert not (tmp_path / "claimledger.db").exists()


def test_analyze_json_and_table_and_metadata_options(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Strike on Dnipro\n\nA missile hit a warehouse, the governor said.", "utf-8")
    result = run_cli(
        "analyze",
        article,
        "--format",
        "json",
        "--published",
        "2025-11-20",
        "--outlet",
        "Local desk",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["article"]["published"] == "2025-11-20"
    assert record["article"]["outlet"] == "Local desk"
    assert not (tmp_path / "claimledger.db").exists()  # analyze never touches a database
    table = run_cli("analyze", article, "--format", "table")
    assert table.returncode == 0 and "Strike on Dnipro" in table.stdout


def test_bad_option_values_are_usage_errors() -> None:
    result = run_cli("analyze", EXAMPLES, "--published", "yesterday")
    assert result.returncode == 2
    assert "not a date: 'yesterday'" in result.stderr
    assert run_cli("analyze", EXAMPLES, "--format", "xml").returncode == 2
    _no_traceback(result.stderr)


def test_every_bad_input_reported_on_its_own_line_and_the_rest_processed(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "Shelling reported overnight. " * 50, "utf-8")
    good = FIXTURES / "encodings" / "utf8.txt"
    inputs = [
        BAD / "binary.bin",
        BAD / "empty.txt",
        BAD / "truncated.jsonl",
        BAD / "malformed-feed.xml",
        BAD / "no-articles",
        tmp_path / "missing.txt",
        big,
        good,
    ]
    result = run_cli("analyze", *inputs, "--max-bytes", "1000")
    assert result.returncode == 1
    _no_traceback(result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 7, result.stderr
    for path, fragment in [
        (BAD / "binary.bin", "binary file"),
        (BAD / "empty.txt", "file is empty"),
        (f"{BAD / 'truncated.jsonl'}:2", "not valid JSON"),
        (BAD / "malformed-feed.xml", "not a readable RSS/Atom feed"),
        (BAD / "no-articles", "no readable articles"),
        (tmp_path / "missing.txt", "no such file or folder"),
        (big, "over the limit of 1,000"),
    ]:
        assert any(line.startswith(f"error: {path}: ") and fragment in line for line in errors)
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert ids[:2] == ["bad-0001", "bad-0003"] and len(ids) == 3


def test_ingest_articles_export_round_trip(tmp_path: Path) -> None:
    analysed = run_cli("analyze", EXAMPLES, "--format", "jsonl")
    by_hash = {
        json.loads(x)["article"]["content_hash"]: json.loads(x)
        for x in analysed.stdout.splitlines()
    }
    n = len(by_hash)  # examples/ grows; every article in it is distinct
    assert n >= 10 and n == len(analysed.stdout.splitlines())

    db = tmp_path / "ledger.db"
    first = run_cli("ingest", EXAMPLES, "--db", db)
    assert first.returncode == 0, first.stderr
    assert f"stored {n} new article(s), 0 already in the ledger" in first.stderr
    again = run_cli("ingest", EXAMPLES, "--db", db)
    assert f"stored 0 new article(s), {n} already in the ledger" in again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (n,)

    listing = run_cli("articles", "--db", db, "--format", "json")
    rows = json.loads(listing.stdout)
    assert len(rows) == n and {"id", "title", "claims"} <= set(rows[0])
    assert f"{n} article(s) in the ledger" in run_cli("articles", "--db", db).stdout

    out = tmp_path / "ledger.jsonl"
    exported = run_cli("export", "--db", db, "--format", "jsonl", "--output", out)
    assert exported.returncode == 0, exported.stderr
    back = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert len(back) == n
    # the ledger adds what one article alone cannot say: the entry of each claim, and which
    # articles rewrite an earlier one (examples/ledger has four rewrites)
    rewrites = [s for r in back for s in r["signals"] if s["kind"] == "near_duplicate"]
    assert len(rewrites) >= 4
    for record in back:  # every field of the contract, new ones included, comes back
        record["signals"] = [s for s in record["signals"] if s["kind"] != "near_duplicate"]
        entries = [claim.pop("entry") for claim in record["claims"]]
        assert all(e and e.startswith("e") for e in entries)  # ingest linked every claim
        for claim in by_hash[record["article"]["content_hash"]]["claims"]:
            claim.pop("entry")
        assert record == by_hash[record["article"]["content_hash"]]


def test_database_from_the_environment(tmp_path: Path) -> None:
    result = run_cli(
        "ingest",
        FIXTURES / "feeds" / "atom.xml",
        cwd=tmp_path,
        env={"CLAIMLEDGER_DB": str(tmp_path / "env.db")},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists() and not (tmp_path / "claimledger.db").exists()


def test_ingest_with_bad_inputs_stores_the_good_and_fails(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    result = run_cli("ingest", BAD / "truncated.jsonl", BAD / "binary.bin", "--db", db)
    assert result.returncode == 1
    _no_traceback(result.stderr)
    assert "stored 2 new article(s), 0 already in the ledger, 2 problem(s)" in result.stderr


@pytest.mark.parametrize("command", ["articles", "claims", "export"])
def test_reading_commands_on_a_missing_ledger(command: str, tmp_path: Path) -> None:
    result = run_cli(command, "--db", tmp_path / "nope.db")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no ledger at sqlite:///")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "nope.db").exists()


def test_unknown_model_is_one_clear_error() -> None:
    result = run_cli("analyze", EXAMPLES, "--model", "en_core_web_nonexistent")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: spaCy pipeline 'en_core_web_nonexistent' is not installed "
        "(pip install en_core_web_nonexistent, or pick another with --model)"
    )


@pytest.mark.parametrize("command", ["analyze", "ingest", "articles", "claims", "export", "schema"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "Example: claimledger" in result.stdout


def test_schema_command_prints_the_committed_schema() -> None:
    from conftest import ROOT

    result = run_cli("schema")
    assert result.stdout == (ROOT / "docs" / "schema" / "article.schema.json").read_text("utf-8")
