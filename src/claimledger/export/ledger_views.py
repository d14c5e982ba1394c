"""What `claimledger ledger`, `entry` and `article` print: tables to read, JSON to process."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from claimledger.export.claims_listing import claim_json, date_cell
from claimledger.export.summary import chain_text, quantities_text, shorten
from claimledger.model import ArticleRecord
from claimledger.store.claims_query import ClaimRow
from claimledger.store.entries_query import EntryRow

COUNTS = (
    "n_claims",
    "n_articles",
    "n_origins",
    "n_sides",
    "n_contradictions",
    "amplification",
    "corroboration",
)


def _map_text(check: dict[str, Any] | None) -> str:
    return str(check.get("text", "")) if check else ""


def entry_json(row: EntryRow) -> dict[str, Any]:
    e = row.entry
    return {
        "id": row.id,
        "type": e["type"],
        "status": e["status"],
        "reason": e["reason"],
        "date": e["date"],
        "first_seen": e["first_seen"],
        "last_seen": e["last_seen"],
        "place": (
            {"id": e["place_id"], "name": e["place_name"], "lat": e["lat"], "lon": e["lon"]}
            if e["place_id"]
            else None
        ),
        "counts": {k.removeprefix("n_"): e[k] for k in COUNTS},
        "origins_by_side": e["origins_by_side"],
        "contradictions": e["contradictions"],
        "map_check": e["map_check"],
        "claims": [_entry_claim(c) for c in row.claims],
    }


def _entry_claim(c: ClaimRow) -> dict[str, Any]:
    claim = c.claim
    return {
        "claim_id": claim.id,
        "article_id": c.article_id,
        "published": c.published,
        "outlet": c.outlet,
        "type": claim.type,
        "status": claim.status,
        "date": claim.date.start,
        "chain": [s.id for s in c.chain],
        "chain_names": c.chain_names,
        "places": c.place_names,
        "quantities": [q.model_dump(mode="json") for q in claim.quantities],
        "text": claim.text,
    }


def entries_table(rows: list[EntryRow]) -> Table:
    table = Table(title=f"{len(rows)} ledger entr{'y' if len(rows) == 1 else 'ies'}")
    for name in ("entry", "type", "place", "date", "claims", "articles", "origins", "sides"):
        table.add_column(name)
    table.add_column("contra-\ndictions")
    table.add_column("status")
    table.add_column("map check")
    table.add_column("claim")
    for r in rows:
        e = r.entry
        table.add_row(
            r.id,
            e["type"],
            e["place_name"] or "",
            e["date"] or e["first_seen"] or "",
            str(e["n_claims"]),
            str(e["n_articles"]),
            str(e["n_origins"]),
            ", ".join(f"{s} {n}" for s, n in sorted(e["origins_by_side"].items())),
            str(e["n_contradictions"]),
            e["status"],
            _map_text(e["map_check"]),
            shorten(e["text"], 60),
        )
    return table


def entry_view(row: EntryRow) -> RenderableType:
    """One entry: what it says, then its chain of retellings in time order."""
    e = row.entry
    head = Text()
    head.append(f"{row.id}  {e['type']}  {e['status']}\n", style="bold")
    head.append(f"{e['reason']}\n")
    place = e["place_name"] or "no place"
    head.append(f"place: {place}; date: {e['date'] or 'unknown'}; first seen {e['first_seen']}\n")
    head.append(
        f"{e['n_claims']} claim(s) in {e['n_articles']} article(s) from {e['n_origins']} "
        f"origin(s); amplification {e['amplification']}, corroboration {e['corroboration']}\n"
    )
    if e["map_check"]:
        head.append(f"map: {_map_text(e['map_check'])}\n")
    for c in e["contradictions"]:
        head.append(f"contradiction ({c['kind']}): {c['reason']}\n", style="red")
    table = Table(title="claims, in the order they were published")
    for name in ("published", "article", "claim", "status", "date", "chain (origin first)"):
        table.add_column(name)
    table.add_column("figures")
    table.add_column("text")
    for c in row.claims:
        table.add_row(
            c.published or "",
            c.article_id,
            c.claim.id,
            c.claim.status,
            date_cell(c.claim.date),
            chain_text([*c.chain_names, *([c.outlet] if c.outlet else [])], " → "),
            quantities_text(c.claim.quantities),
            shorten(c.claim.text, 70),
        )
    return Group(head, table)


def article_json(record: ArticleRecord, claims: list[ClaimRow]) -> dict[str, Any]:
    return {
        "article": record.article.model_dump(mode="json", exclude={"text"}),
        "claims": [claim_json(c) for c in claims],
        "signals": [s.model_dump(mode="json") for s in record.signals],
    }


def article_view(record: ArticleRecord, claims: list[ClaimRow]) -> RenderableType:
    a = record.article
    head = Text()
    head.append(f"{a.id}  {a.title or ''}\n", style="bold")
    head.append(f"{a.outlet or 'unknown outlet'}, {a.published or 'no date'}; {a.url or ''}\n")
    table = Table(title=f"{len(claims)} claim(s)")
    for name in ("claim", "entry", "type", "status", "date", "places", "chain", "text"):
        table.add_column(name)
    for c in claims:
        table.add_row(
            c.claim.id,
            c.claim.entry or "",
            c.claim.type,
            c.claim.status,
            date_cell(c.claim.date),
            ", ".join(c.place_names),
            chain_text(c.chain_names),
            shorten(c.claim.text, 60),
        )
    signals = Table(title=f"{len(record.signals)} signal(s)")
    for name in ("kind", "text", "detail"):
        signals.add_column(name)
    for s in record.signals:
        signals.add_row(s.kind, shorten(s.text or "", 30), shorten(s.detail, 90))
    return Group(head, table, signals)
