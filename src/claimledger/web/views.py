"""One data dict per page (Datasette's way): the page renders it, the API returns it as JSON."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sqlalchemy import Engine

from claimledger.export.ledger_views import article_json, entry_json
from claimledger.export.summary import chain_text, quantities_text
from claimledger.store.claims_query import ClaimFilter, ClaimRow, iter_claims
from claimledger.store.entries_query import EntryRow, entry_key, get_entry
from claimledger.store.query import record_by_id
from claimledger.web import queries
from claimledger.web.annotate import place_flags
from claimledger.web.errors import NotFound
from claimledger.web.reference import IndexCache, map_history

PLACE_CLAIMS = 500  # a place page lists this many claims, and says how many there are


def retelling(row: ClaimRow) -> list[str]:
    """Who told it, origin first, ending with the outlet that published it."""
    names = list(row.chain_names)
    if row.outlet and (not names or names[-1].casefold() != row.outlet.casefold()):
        names.append(row.outlet)
    return names


def graph(rows: list[ClaimRow]) -> dict[str, list[dict[str, Any]]]:
    """origin -> each later link of the chain -> the article; a source that appears in several
    chains (by registry id, else by name) is one node."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], None] = {}

    def node(key: str, label: str, kind: str, side: str) -> str:
        found = nodes.get(key)
        if found is None:
            nodes[key] = {"id": key, "label": label, "kind": kind, "side": side}
        elif kind == "origin":  # an origin anywhere is drawn as one
            found["kind"] = "origin"
        return key

    for row in rows:
        path = [
            node(
                f"source:{s.id if '.' in s.id else s.name.casefold()}",
                s.name,
                "origin" if i == 0 else "outlet",
                s.side,
            )
            for i, s in enumerate(row.chain)
        ]
        if row.outlet and (not row.chain or row.chain[-1].name.casefold() != row.outlet.casefold()):
            path.append(node(f"source:{row.outlet.casefold()}", row.outlet, "outlet", "unknown"))
        path.append(node(f"article:{row.article_id}", row.article_id, "article", "unknown"))
        for left, right in pairwise(path):
            if left != right:
                edges[(left, right)] = None
    return {
        "nodes": list(nodes.values()),
        "edges": [{"from": left, "to": right} for left, right in edges],
    }


def _entry(engine: Engine, entry_id: str) -> EntryRow:
    key = entry_key(entry_id)
    row = get_entry(engine, key) if key is not None else None
    if row is None:
        raise NotFound(f"no entry '{entry_id[:60]}' in the ledger")
    return row


def entry_data(engine: Engine, entry_id: str) -> dict[str, Any]:
    row = _entry(engine, entry_id)
    data = entry_json(row)
    data["text"] = row.entry["text"]
    for item, claim in zip(data["claims"], row.claims, strict=True):
        item["retelling"] = retelling(claim)
        item["retelling_text"] = chain_text(retelling(claim), " → ")
        item["quantities_text"] = quantities_text(claim.claim.quantities)
        item["side"] = claim.origin_side
    data["graph"] = graph(row.claims)
    return data


def article_data(engine: Engine, article_id: str) -> dict[str, Any]:
    record = record_by_id(engine, article_id)
    if record is None:
        raise NotFound(f"no article '{article_id[:60]}' in the ledger")
    claims = list(iter_claims(engine, ClaimFilter(article=record.article.id)))
    data = article_json(record, claims)
    data["text"] = record.article.text
    mentions = []
    for m in record.places:
        item = m.model_dump(mode="json")
        item["flagged"] = place_flags(m.status, m.flags)
        mentions.append(item)
    data["mentions"] = mentions
    data["sources"] = [s.model_dump(mode="json") for s in record.sources]
    for item, row in zip(data["claims"], claims, strict=True):
        item["entry_id"] = row.claim.entry
        item["retelling"] = retelling(row)
        item["retelling_text"] = chain_text(retelling(row), " → ")
        item["quantities_text"] = quantities_text(row.claim.quantities)
        item["side"] = row.origin_side
    data["record"] = record  # for the page's annotation; dropped from the JSON
    return data


def place_data(engine: Engine, place_id: str, index_cache: IndexCache) -> dict[str, Any]:
    with engine.connect() as conn:
        place, spellings = queries.place_mentions_of(conn, place_id)
        if place is None:
            raise NotFound(f"no place '{place_id[:60]}' in the ledger")
        rows, total = queries.claims_by_pk(
            conn, queries.claims_at_place_id(place_id), limit=PLACE_CLAIMS
        )
    claims = []
    for row in rows:
        item = queries.claim_item(row)
        item["retelling_text"] = chain_text(retelling(row), " → ")
        claims.append(item)
    index = index_cache.get(engine)
    return {
        "place": place,
        "spellings": spellings,
        "claims": claims,
        "claims_total": total,
        "maps_loaded": index is not None,
        "map_history": map_history(index, place.get("lat"), place.get("lon")),
    }


def overview_data(engine: Engine) -> dict[str, Any]:
    return {"counts": queries.totals(engine), "latest": queries.latest_entries(engine)}
