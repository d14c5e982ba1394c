"""`claimledger claims`: stored claims across articles, filtered, on a real SQLite ledger."""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.export.claims_listing import claims_table
from claimledger.model import Claim
from claimledger.store import connect, store_batch
from claimledger.store.claims_query import ClaimFilter, iter_claims
from conftest import run_cli
from records import ledger_records


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("claims") / "ledger.db")
    store_batch(connect(db), ledger_records())
    return db


def ids(db: str, **where: str) -> list[str]:
    rows = iter_claims(connect(db, create=False), ClaimFilter(**where))
    return [f"{r.article_id}/{r.claim.id}" for r in rows]


def test_newest_article_first_then_claim_order(ledger: str) -> None:
    assert ids(ledger) == [
        "a-new/c1",
        "a-new/c2",
        "a-new/c3",
        "b-old/c1",
        "b-old/c2",
        "c-undated/c1",
    ]


def test_type_and_status(ledger: str) -> None:
    assert ids(ledger, type="losses") == ["a-new/c1"]
    assert ids(ledger, status="claimed") == ["a-new/c1", "b-old/c1"]
    assert ids(ledger, type="losses", status="denied") == []


def test_place_by_resolved_name_whatever_the_spelling(ledger: str) -> None:
    # "Krasnoarmeysk" in a-new was resolved to Pokrovsk: asking for Pokrovsk finds it
    assert ids(ledger, place="pokrovsk") == ["a-new/c1", "a-new/c3", "b-old/c1"]
    assert ids(ledger, place="KRASNOARMEYSK") == ["a-new/c1", "a-new/c3"]  # as written
    assert ids(ledger, place="Avdiivka") == ["a-new/c2"]  # unresolved: by its text
    assert ids(ledger, place="Pokrov") == []  # a whole name, not a part of one


def test_side_of_the_origin_else_of_actor1(ledger: str) -> None:
    assert ids(ledger, side="RU") == ["a-new/c1", "b-old/c1"]
    # c2's chain starts with the General Staff; c3 is the article's own voice, actor1 Ukrainian
    assert ids(ledger, side="UA") == ["a-new/c2", "a-new/c3", "c-undated/c1"]
    assert ids(ledger, side="unknown") == ["b-old/c2"]


def test_since_uses_the_claim_date_else_the_publication_date(ledger: str) -> None:
    # a-new/c2 and b-old/c2 have no date of their own: their articles' dates count;
    # a-new/c3 (--11-24) has no year and c-undated/c1 no date at all: both left out
    assert ids(ledger, since="2025-10-01") == ["a-new/c1", "a-new/c2", "b-old/c2"]
    assert ids(ledger, since="2025-11-20") == ["a-new/c2"]


def test_limit_and_chunks_keep_each_claim_with_its_own_chain_and_places(ledger: str) -> None:
    engine = connect(ledger, create=False)
    whole = list(iter_claims(engine))
    assert list(iter_claims(engine, chunk_size=2)) == whole
    assert list(iter_claims(engine, limit=2)) == whole[:2]
    first = whole[0]
    assert first.chain_names == ["Russian Ministry of Defence", "TASS"]
    assert first.place_names == ["Pokrovsk"]
    assert first.claim.chain == ["ru.mod", "ru.tass"] and first.claim.places == ["p1"]
    assert whole[1].place_names == ["Avdiivka"]  # an unresolved mention is named as written


def test_json_is_the_contract_claim_with_names(ledger: str) -> None:
    result = run_cli("claims", "--db", ledger, "--format", "json", "--place", "Pokrovsk")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["article_id"], r["id"]) for r in rows] == [
        ("a-new", "c1"),
        ("a-new", "c3"),
        ("b-old", "c1"),
    ]
    first = rows[0]
    assert first["chain_names"] == ["Russian Ministry of Defence", "TASS"]
    assert first["place_names"] == ["Pokrovsk"]
    claim = {
        k: v for k, v in first.items() if k not in ("article_id", "chain_names", "place_names")
    }
    assert Claim.model_validate(claim) == ledger_records()[2].claims[0]


def table_rows(table: Table) -> list[dict[str, str]]:
    """The table's cells as printed, wrapped lines joined back: {header: cell} per row."""
    console = Console(width=200, record=True)
    console.print(table)
    head: list[list[str]] = []  # lines of the header (┃) and of the body (│), split into cells
    body: list[list[str]] = []
    for line in console.export_text().splitlines():
        if line[:1] in ("┃", "│"):
            cells = [cell.strip() for cell in line[1:-1].split(line[0])]
            (head if line[0] == "┃" else body).append(cells)
    header = [" ".join(filter(None, column)) for column in zip(*head, strict=True)]
    rows: list[list[list[str]]] = []
    for cells in body:
        if cells[0]:  # a row starts with its article id; wrapped lines have none
            rows.append([[] for _ in cells])
        for column, cell in zip(rows[-1], cells, strict=True):
            column.extend([cell] if cell else [])
    return [dict(zip(header, (" ".join(c) for c in row), strict=True)) for row in rows]


def test_table_shows_chain_quantities_and_dates(ledger: str) -> None:
    result = run_cli("claims", "--db", ledger, "--type", "losses", "--side", "RU")
    assert result.returncode == 0, result.stderr
    assert "1 claim(s)" in result.stdout and "a-new" in result.stdout
    rows = table_rows(claims_table(iter_claims(connect(ledger), ClaimFilter(side="RU"))))
    assert rows[0] == {
        "article": "a-new",
        "claim": "c1",
        "date": "2025-11-19",
        "type": "losses",
        "status": "claimed",
        "ACLED sub-event": "Armed clash",
        "places": "Pokrovsk",
        "chain (origin first)": "Russian Ministry of Defence → TASS",
        "quantities": "210 personnel killed; 7 tanks destroyed",
        "text": "Claim c1.",
    }
    assert rows[1]["date"] == "2025-09-30" and rows[1]["quantities"] == ""
    empty = CliRunner().invoke(
        app, ["claims", "--db", ledger, "--since", "2030-01-01", "--format", "json"]
    )
    assert (empty.exit_code, json.loads(empty.stdout)) == (0, [])


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--since", "last week", "not a date: 'last week'"),
        ("--since", "2025-13-01", "not a date: '2025-13-01'"),
        ("--type", "battle", "'battle' is not one of"),
        ("--side", "NATO", "'NATO' is not one of"),
        ("--status", "confirmed", "'confirmed' is not one of"),
    ],
)
def test_bad_values_are_usage_errors(ledger: str, option: str, value: str, message: str) -> None:
    # in process (the app the command runs), so that five runs stay fast
    result = CliRunner().invoke(app, ["claims", "--db", ledger, option, value])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())  # the box wraps it
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_says_how_side_and_since_are_read() -> None:
    result = CliRunner().invoke(app, ["claims", "--help"])
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "the side of the claim's origin (the first source in its chain)" in text
    assert "of its actor1" in text
    assert "(--MM-DD) cannot be compared and are left out" in text
