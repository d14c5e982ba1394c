"""The ledger's commands: `ledger` (entries), `entry ID` (one, with its retellings), `article ID`
(an article's claims and signals), `reference add deepstate FOLDER`. Registered on the main app
by cli.py."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimledger.console import stderr, stdout
from claimledger.errors import ClaimledgerError, E
from claimledger.export.ledger_views import (
    article_json,
    article_view,
    entries_table,
    entry_json,
    entry_view,
)
from claimledger.model import ClaimType
from claimledger.store import connect
from claimledger.store.claims_query import ClaimFilter, iter_claims
from claimledger.store.entries_query import EntryFilter, entry_key, get_entry, list_entries
from claimledger.store.query import record_by_id


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite path (default: $CLAIMLEDGER_DB, else ./claimledger.db).",
    ),
]
FormatOpt = Annotated[ViewFormat, typer.Option("--format", help="table or json.")]


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def ledger(
    place: Annotated[
        str | None,
        typer.Option("--place", metavar="NAME", help="Only entries with a claim at this place."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only entries dated (or first seen) on or after DATE."
        ),
    ] = None,
    claim_type: Annotated[
        ClaimType | None, typer.Option("--type", metavar="TYPE", help="Only entries of this type.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
    db: DbOpt = None,
    format: FormatOpt = ViewFormat.table,
) -> None:
    """List ledger entries: claims that state the same thing across articles, with their counts
    of claims, articles, origins and sides, contradictions and map check."""
    from claimledger.cli import _check_date

    where = EntryFilter(type=claim_type, place=place, since=_check_date(since))
    rows = list_entries(connect(db, create=False), where, limit=limit)
    if format is ViewFormat.json:
        _print_json([entry_json(r) for r in rows])
    else:
        stdout.print(entries_table(rows))


def entry(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An entry id: e12 (or 12).")],
    db: DbOpt = None,
    format: FormatOpt = ViewFormat.table,
) -> None:
    """Show one ledger entry: its claims in time order with their chains of retellings,
    contradictions and the map check."""
    key = entry_key(entry_id)
    row = get_entry(connect(db, create=False), key) if key is not None else None
    if row is None:
        raise ClaimledgerError(E.NO_ENTRY, id=entry_id)
    if format is ViewFormat.json:
        _print_json(entry_json(row))
    else:
        stdout.print(entry_view(row))


def article(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id or hash.")],
    db: DbOpt = None,
    format: FormatOpt = ViewFormat.table,
) -> None:
    """Show a stored article's claims (with their ledger entries) and its signals."""
    engine = connect(db, create=False)
    record = record_by_id(engine, article_id)
    if record is None:
        raise ClaimledgerError(E.NO_ARTICLE, id=article_id)
    claims = list(iter_claims(engine, ClaimFilter(article=record.article.id)))
    claims.sort(key=lambda c: int(c.claim.id[1:]) if c.claim.id[1:].isdigit() else 0)
    if format is ViewFormat.json:
        _print_json(article_json(record, claims))
    else:
        stdout.print(article_view(record, claims))


reference_app = typer.Typer(no_args_is_help=True, help="Reference maps to check claims against.")


@reference_app.command(
    "add", epilog="Example: claimledger reference add deepstate ../shared/data/deepstate"
)
def reference_add(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="deepstate")],
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Daily GeoJSON files.")],
    db: DbOpt = None,
) -> None:
    """Load daily occupied-territory maps (DeepStateMap GeoJSON, one file a day) and check the
    ledger's territorial claims against them."""
    from claimledger.reference_store import add_reference

    if kind != "deepstate":
        raise typer.BadParameter(f"unknown reference '{kind}' (known: deepstate)")
    added, checked = add_reference(connect(db), folder)
    stderr.print(f"loaded {added} daily map(s); checked {checked} entr(y/ies)", markup=False)
