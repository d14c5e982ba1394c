"""Keeping the ledger across articles up to date after an ingest: new claims linked to the
stored ones near them in time (link.py), the entries they touch summarised again
(entries.py), territorial entries checked against the reference map (reference_store.py),
rewrites of earlier articles found (rewrites.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from claimledger.entries import EntryClaim, EntrySummary, summarise
from claimledger.ledger_claims import record_features
from claimledger.link import LinkClaim, Linker
from claimledger.model import Place
from claimledger.reference_store import check_entries
from claimledger.rewrites import mark_rewrites
from claimledger.store.ledger_query import (
    article_days,
    article_pks_of_entries,
    articles_near,
    claim_keys,
    replace_entries,
    set_entry_keys,
)
from claimledger.store.query import records_for

# days around new claims whose stored claims are linked against them: a month-precision
# claim stands for up to 62 days (link.py), plus the slack of its dates
MARGIN = 70


@dataclass
class LedgerUpdate:
    linked: int = 0  # new claims linked
    entries: int = 0  # entries written
    merged: int = 0  # entries that became part of another
    rewrites: int = 0  # new articles that rewrite an earlier one
    notes: list[str] = field(default_factory=list)


@dataclass
class _Loaded:
    links: dict[int, LinkClaim] = field(default_factory=dict)
    shown: dict[int, EntryClaim] = field(default_factory=dict)
    places: dict[int, list[Place]] = field(default_factory=dict)
    entry: dict[int, int | None] = field(default_factory=dict)

    def read(self, conn: Connection, pks: Sequence[int]) -> None:
        keys = claim_keys(conn, pks)
        for apk, record in records_for(conn, pks):
            mentions = {m.id: m.place for m in record.places}
            pks_of = [keys[(apk, claim.id)][0] for claim in record.claims]
            features = record_features(record, pks_of, apk)
            for claim, (link, shown) in zip(record.claims, features, strict=True):
                pk, entry = keys[(apk, claim.id)]
                self.links[pk], self.shown[pk], self.entry[pk] = link, shown, entry
                self.places[pk] = [p for i in claim.places if (p := mentions.get(i)) is not None]


def update_ledger(engine: Engine, article_pks: Sequence[int]) -> LedgerUpdate:
    """Link the claims of the given (newly stored) articles into the ledger, in one transaction."""
    result = LedgerUpdate()
    if not article_pks:
        return result
    with engine.begin() as conn:
        new_articles = set(article_pks)
        window = sorted(
            set(articles_near(conn, article_days(conn, article_pks), MARGIN)) | new_articles
        )
        loaded = _Loaded()
        loaded.read(conn, window)
        fresh = {
            k
            for k, link in loaded.links.items()
            if loaded.entry[k] is None or link.article in new_articles
        }
        linker = Linker()
        linker.restore(
            (link for k, link in loaded.links.items() if k not in fresh),
            {k: e for k, e in loaded.entry.items() if e is not None},
        )
        linker.add(loaded.links[k] for k in sorted(fresh))
        changes = {
            k: linker.entry_of(k) for k in loaded.links if linker.entry_of(k) != loaded.entry[k]
        }
        set_entry_keys(conn, changes)
        dropped = {e for k in changes if (e := loaded.entry[k]) is not None} - {
            linker.entry_of(k) for k in loaded.links
        }
        touched = {linker.entry_of(k) for k in changes}
        # an entry's claims outside the window (it can span more than it) are read as well
        missing = sorted(set(article_pks_of_entries(conn, touched)) - set(window))
        if missing:
            loaded.read(conn, missing)
        members: dict[int, list[int]] = {e: [] for e in touched}
        for k in loaded.links:
            entry = changes.get(k, loaded.entry[k])
            if entry in members:
                members[entry].append(k)
        rows = [_entry_row(e, keys, loaded) for e, keys in members.items() if keys]
        replace_entries(conn, dropped, rows)
        check_entries(conn, [r["pk"] for r in rows])
        result.rewrites = mark_rewrites(conn, article_pks)
        result.linked, result.entries, result.merged = len(fresh), len(rows), len(dropped)
    return result


def _entry_row(key: int, members: list[int], loaded: _Loaded) -> dict[str, Any]:
    summary: EntrySummary = summarise([loaded.shown[k] for k in members])
    types = Counter(loaded.links[k].type for k in members)
    places = Counter(
        (p.id, p.name, p.lat, p.lon)
        for k in members
        for p in loaded.places[k]
        if p.precision == "point"
    )
    (place_id, place_name, lat, lon), _ = places.most_common(1)[0] if places else ((None,) * 4, 0)
    dates = sorted(d for k in members if (d := loaded.shown[k].date) and not d.startswith("--"))
    seen = sorted(p for c in summary.claims if (p := c.published))
    first = loaded.shown[min(members)]
    return {
        "pk": key,
        "type": types.most_common(1)[0][0],
        "status": summary.status,
        "reason": summary.reason,
        "first_seen": summary.first_seen,
        "last_seen": seen[-1] if seen else None,
        "date": dates[0] if dates else None,
        "n_claims": len(members),
        "n_articles": len(summary.articles),
        "n_origins": len(summary.origins),
        "n_sides": len([s for s in summary.origins_by_side if s not in ("unknown", "")]),
        "n_contradictions": len(summary.contradictions),
        "amplification": summary.amplification,
        "corroboration": summary.corroboration,
        "origins_by_side": summary.origins_by_side,
        "contradictions": [
            {"kind": c.kind, "claims": list(c.claims), "reason": c.reason}
            for c in summary.contradictions
        ],
        "place_id": place_id,
        "place_name": place_name,
        "lat": lat,
        "lon": lon,
        "map_check": None,
        "text": first.text,
    }
