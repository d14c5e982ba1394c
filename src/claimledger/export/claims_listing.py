"""What `claimledger claims` prints: a table to read, or JSON with the names beside the ids."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any, TextIO

from rich.table import Table

from claimledger.export.summary import chain_text, quantities_text, shorten
from claimledger.model import ClaimDate
from claimledger.store.claims_query import ClaimRow


def claim_json(row: ClaimRow) -> dict[str, Any]:
    """The contract's claim, plus where it is and what its chain and place ids stand for."""
    return {
        **row.claim.model_dump(mode="json"),
        "article_id": row.article_id,
        "chain_names": row.chain_names,
        "place_names": row.place_names,
    }


def write_claims_json(rows: Iterable[ClaimRow], out: TextIO) -> int:
    """A JSON list, streamed claim by claim; returns how many were written."""
    n = 0
    out.write("[")
    for row in rows:
        body = textwrap.indent(json.dumps(claim_json(row), ensure_ascii=False, indent=2), "  ")
        out.write(("\n" if n == 0 else ",\n") + body)
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def date_cell(when: ClaimDate) -> str:
    if when.start is None:
        return ""
    if when.end and when.end != when.start:
        return f"{when.start}/{when.end}"  # an ISO 8601 interval
    return when.start


def claims_table(rows: Iterable[ClaimRow]) -> Table:
    listed = list(rows)
    table = Table(title=f"{len(listed)} claim(s)")
    # ids, dates and types stay on one line; the rest wraps into what is left of the width
    for name, width in (("article", 16), ("claim", 6), ("date", 21), ("type", 19)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width)
    for name in ("status", "ACLED sub-event", "places", "chain (origin first)", "quantities"):
        table.add_column(name, overflow="fold", max_width=30)
    table.add_column("text", overflow="fold", ratio=2)
    for row in listed:
        claim = row.claim
        table.add_row(
            shorten(row.article_id, 16),
            claim.id,
            date_cell(claim.date),
            claim.type,
            claim.status,
            claim.acled.sub_event_type if claim.acled else "",
            ", ".join(dict.fromkeys(row.place_names)),  # each place once, in order
            chain_text(row.chain_names, " → "),
            quantities_text(claim.quantities),
            shorten(claim.text, 100),
        )
    return table
