"""The web app's JSON under load: 100k claims, loopback only.

    python benchmarks/web.py                         generate 100k claims, serve, time
    python benchmarks/web.py --claims 20000 --requests 50
    python benchmarks/web.py --db /tmp/web100k.db     reuse a generated database

Data: examples/ is ingested once with the real pipeline (the gazetteer from the usual place or
$CLAIMLEDGER_GAZETTEER), then the whole ledger is copied through SQLAlchemy inserts into the real
schema until it holds the asked number of claims. Each copy moves its dates by up to 450 days and
maps every place to a Ukrainian settlement of the gazetteer drawn with Zipf weights (as
benchmarks/linking.py does: a few towns in most reports, most villages in few), so the map,
ledger and timeline see many places and days; articles, mentions, sources, chains, signals and
entries are copied with it, so every join the pages make has rows to join.

Serving: `claimledger serve` in its own process on 127.0.0.1 (so the client's time does not share
the server's interpreter); one httpx client times N sequential requests per endpoint after a
warm-up, and the same for two baselines (/openapi.json and a static file) to show what the
framework alone costs. Prints p50 / p95 / max in ms and appends a line to
benchmarks/results/web.jsonl. The target (issue 7): map, ledger and timeline under 300 ms p95.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, Table, func, select

from claimledger.places.gazetteer.build import resolve_path
from claimledger.store import schema
from claimledger.store.db import connect
from common import print_table, record_result

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300.0
BUDGET_S = 60.0  # per endpoint
MIN_REQUESTS = 20
SPAN_DAYS = 450
# (label, path) — the filtered ones use values the example articles really have
ENDPOINTS: list[tuple[str, str]] = [
    ("baseline /openapi.json", "/openapi.json"),
    ("baseline static file", "/static/js/common.js"),
    ("/api/map first page (100)", "/api/map"),
    ("/api/map first page (5000)", "/api/map?limit=5000"),
    ("/api/map filtered", "/api/map?limit=5000&side=RU&type=territorial_control"),
    ("/api/map date range", "/api/map?limit=5000&since=2025-09-01&until=2025-10-31"),
    ("/api/map bbox", "/api/map?limit=5000&bbox=36.5,47.5,38.5,49.0"),
    ("/api/map page 5 (5000)", "MAP_PAGE_5"),
    ("/api/ledger", "/api/ledger"),
    ("/api/ledger search", "/api/ledger?q=Pokrovsk"),
    ("/api/ledger filtered", "/api/ledger?type=territorial_control&since=2025-10-01"),
    ("/api/ledger page 5", "LEDGER_PAGE_5"),
    ("/api/timeline", "/api/timeline"),
    ("/api/timeline filtered", "/api/timeline?side=UA&since=2025-09-01"),
    ("/api/claims", "/api/claims"),
    ("/api/claims filtered", "/api/claims?type=attack&side=RU"),
    ("/api/claims one day", "/api/claims?since=2025-11-20&until=2025-11-20"),
]
# what the target applies to
TARGETED = ("/api/map", "/api/ledger", "/api/timeline")

# tables copied per round, in foreign-key order: (table, primary-key column or None)
COPIED: list[tuple[Table, str | None]] = [
    (schema.articles, "pk"),
    (schema.place_mentions, "pk"),
    (schema.sources, "pk"),
    (schema.claims, "pk"),
    (schema.claim_chain, None),
    (schema.claim_places, None),
    (schema.signals, "pk"),
    (schema.entries, "pk"),
]


# --- data ------------------------------------------------------------------------------------


def ingest_examples(folder: Path) -> Path:
    db = folder / "examples.db"
    subprocess.run(
        [sys.executable, "-m", "claimledger", "ingest", str(ROOT / "examples"), "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    return db


def place_pool(size: int = 5000) -> list[tuple[str, str, float, float]]:
    """Ukraine's most populous settlements in the gazetteer: (id, name, lat, lon)."""
    with sqlite3.connect(resolve_path(None)) as db:
        rows = db.execute(
            "SELECT id, name, lat, lon FROM places WHERE country = 'UA' AND precision = 'point'"
            " AND lat IS NOT NULL AND feature_class = 'P' ORDER BY population DESC LIMIT ?",
            (size,),
        ).fetchall()
    return [(str(i), str(n), float(la), float(lo)) for i, n, la, lo in rows]


def _shift(day: str | None, by: int) -> str | None:
    if not day or len(day) != 10 or day.startswith("--"):
        return day  # a day without a year (or none) stays as written
    try:
        return (date.fromisoformat(day) + timedelta(days=by)).isoformat()
    except ValueError:
        return day


class Copier:
    """Turns the base ledger's rows into copy k: new keys, moved dates, other places."""

    def __init__(
        self, base: dict[str, list[dict[str, Any]]], pool: list[tuple[str, str, float, float]]
    ):
        self.base = base
        self.pool = pool
        self.weights = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(pool))))
        self.stride = {
            name: max((r["pk"] for r in rows), default=0) + 1
            for name, rows in base.items()
            if rows and "pk" in rows[0]
        }
        self.place_ids = sorted(
            {r["place_id"] for r in base["place_mentions"] if r["place_id"]}
            | {r["place_id"] for r in base["entries"] if r["place_id"]}
        )

    def rows(self, k: int, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
        shift = -rng.randrange(SPAN_DAYS)
        # a copy keeps a place as itself now and then, so the real towns stay on the map
        places = {
            pid: None if rng.random() < 0.1 else rng.choices(self.pool, cum_weights=self.weights)[0]
            for pid in self.place_ids
        }
        art, men, src, clm = (
            self.stride["articles"] * k,
            self.stride["place_mentions"] * k,
            self.stride["sources"] * k,
            self.stride["claims"] * k,
        )
        out: dict[str, list[dict[str, Any]]] = {}
        out["articles"] = [
            {
                **r,
                "pk": r["pk"] + art,
                "id": f"{r['id']}~{k}",
                "content_hash": hashlib.sha256(f"{r['content_hash']}{k}".encode()).hexdigest(),
                "published": _shift(r["published"], shift),
                "published_at": None,
            }
            for r in self.base["articles"]
        ]
        out["place_mentions"] = [
            {**r, "pk": r["pk"] + men, "article_pk": r["article_pk"] + art, **_moved(r, places)}
            for r in self.base["place_mentions"]
        ]
        out["sources"] = [
            {**r, "pk": r["pk"] + src, "article_pk": r["article_pk"] + art}
            for r in self.base["sources"]
        ]
        out["claims"] = [
            {
                **r,
                "pk": r["pk"] + clm,
                "article_pk": r["article_pk"] + art,
                "entry_key": r["entry_key"] + clm if r["entry_key"] is not None else None,
                "date_start": _shift(r["date_start"], shift),
                "date_end": _shift(r["date_end"], shift),
            }
            for r in self.base["claims"]
        ]
        out["claim_chain"] = [
            {**r, "claim_pk": r["claim_pk"] + clm, "source_pk": r["source_pk"] + src}
            for r in self.base["claim_chain"]
        ]
        out["claim_places"] = [
            {**r, "claim_pk": r["claim_pk"] + clm, "mention_pk": r["mention_pk"] + men}
            for r in self.base["claim_places"]
        ]
        out["signals"] = [
            {**r, "pk": r["pk"] + self.stride["signals"] * k, "article_pk": r["article_pk"] + art}
            for r in self.base["signals"]
        ]
        out["entries"] = [
            {
                **r,
                "pk": r["pk"] + clm,  # an entry's key is its first claim's key
                "first_seen": _shift(r["first_seen"], shift),
                "last_seen": _shift(r["last_seen"], shift),
                "date": _shift(r["date"], shift),
                **_moved(r, places),
            }
            for r in self.base["entries"]
        ]
        return out


def _moved(
    row: dict[str, Any], places: dict[str, tuple[str, str, float, float] | None]
) -> dict[str, Any]:
    """A row's place columns pointed at its copy's place (a mention's `place` JSON too)."""
    new = places.get(row["place_id"]) if row["place_id"] else None
    if new is None:
        return {}
    pid, name, lat, lon = new
    moved: dict[str, Any] = {"place_id": pid, "place_name": name, "lat": lat, "lon": lon}
    if isinstance(row.get("place"), dict):
        moved["place"] = {**row["place"], "id": pid, "name": name, "lat": lat, "lon": lon}
    return moved


def generate(base_db: Path, target: Path, n_claims: int, seed: int = 7) -> dict[str, int]:
    """Copies the base ledger into `target` until it holds at least n_claims claims."""
    source = connect(str(base_db))
    with source.connect() as conn:
        base = {t.name: [dict(r) for r in conn.execute(select(t)).mappings()] for t, _ in COPIED}
    source.dispose()
    per_copy = len(base["claims"])
    if not per_copy:
        raise SystemExit("the examples gave no claims to copy")
    copies = math.ceil(n_claims / per_copy)
    copier = Copier(base, place_pool())
    rng = random.Random(seed)
    if target.exists():
        target.unlink()
    engine = connect(str(target))
    batch = 20  # copies per transaction: big executemany batches, bounded memory
    for first in range(0, copies, batch):
        rounds = [copier.rows(k, rng) for k in range(first, min(first + batch, copies))]
        with engine.begin() as conn:
            for table, _ in COPIED:
                rows = [row for r in rounds for row in r[table.name]]
                if rows:
                    conn.execute(table.insert(), rows)
    counts = _counts(engine)
    engine.dispose()
    return counts


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t, _ in COPIED
        }


# --- serving and timing ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("CLAIMLEDGER_TOKEN", "CLAIMLEDGER_TILES")
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "claimledger", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise SystemExit(f"claimledger serve stopped:\n{output}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("claimledger serve did not answer within 60 s")


def page_url(client: httpx.Client, first: str, pages: int) -> str:
    """The URL of the given page of a list, following `next` from the first."""
    url = first
    for _ in range(pages - 1):
        following = client.get(url).json()["next"]
        if not following:
            break
        url = following
    return url


def time_endpoint(
    client: httpx.Client, path: str, n: int, warmup: int = 3, give_up_s: float = 30.0
) -> dict[str, Any]:
    """n timed GETs after a warm-up; an endpoint slower than `give_up_s` once is reported as
    such (with that one time) rather than holding the run for n times as long."""
    started = time.perf_counter()
    try:
        first = client.get(path, timeout=give_up_s * 4)
    except httpx.TimeoutException:
        return {"path": path, "n": 1, "timed_out_s": give_up_s * 4}
    first_ms = (time.perf_counter() - started) * 1000
    if first.status_code != 200:
        raise SystemExit(f"{path}: HTTP {first.status_code}: {first.text[:200]}")
    if first_ms > give_up_s * 1000:
        return {"path": path, "n": 1, "p50_ms": first_ms, "p95_ms": first_ms, "max_ms": first_ms}
    for _ in range(warmup - 1):
        client.get(path)
    times: list[float] = []
    size = 0
    budget = time.perf_counter() + BUDGET_S
    # n requests, or fewer (never under MIN_REQUESTS) when a slow endpoint would take too long
    while len(times) < n and (len(times) < MIN_REQUESTS or time.perf_counter() < budget):
        started = time.perf_counter()
        response = client.get(path)
        body = response.content
        times.append((time.perf_counter() - started) * 1000)
        size = len(body)
    items = len(first.json().get("items", [])) if path.startswith("/api/") else 0
    times.sort()
    return {
        "path": path,
        "n": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)],
        "max_ms": times[-1],
        "mean_ms": statistics.fmean(times),
        "bytes": size,
        "items": items,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", type=Path, help="a database generated before (kept as it is)")
    ap.add_argument("--keep", type=Path, help="write the generated database here and keep it")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimledger-web-") as tmp:
        folder = Path(tmp)
        if args.db:
            db = args.db
            engine = connect(str(db), create=False)
            counts = _counts(engine)
            engine.dispose()
            generation_s = None
        else:
            started = time.perf_counter()
            db = args.keep or folder / "web.db"
            counts = generate(ingest_examples(folder), db, args.claims)
            generation_s = time.perf_counter() - started
            print(f"generated {counts['claims']:,} claims in {generation_s:.0f} s: {counts}")
        port = free_port()
        server = serve(db, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                special = {
                    "MAP_PAGE_5": page_url(client, "/api/map?limit=5000", 5),
                    "LEDGER_PAGE_5": page_url(client, "/api/ledger", 5),
                }
                results: dict[str, dict[str, Any]] = {}
                for label, path in ENDPOINTS:
                    results[label] = r = time_endpoint(
                        client, special.get(path, path), args.requests
                    )
                    print(f"  {label}: p95 {r.get('p95_ms', float('nan')):.1f} ms", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:  # a query still running holds the shutdown
                server.kill()
                server.wait()

    rows: list[tuple[str, ...]] = []
    for label, r in results.items():
        if "timed_out_s" in r:
            rows.append(
                (label, "1", "-", f"> {r['timed_out_s'] * 1000:.0f}", "-", "-", "-", "OVER")
            )
            continue
        over = label.startswith(TARGETED) and r["p95_ms"] > TARGET_MS
        rows.append(
            (
                label,
                str(r["n"]),
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['max_ms']:.1f}",
                str(r.get("items", "")),
                f"{r.get('bytes', 0) / 1024:.0f}",
                "OVER" if over else "",
            )
        )
    print(
        f"\n{counts['claims']:,} claims, up to {args.requests} requests each (at least"
        f" {MIN_REQUESTS}, {BUDGET_S:.0f} s at most), loopback, one client"
    )
    print_table(
        rows, ("endpoint", "requests", "p50 ms", "p95 ms", "max ms", "items", "KiB", "300 ms")
    )
    record_result(
        "web",
        {
            "claims": counts["claims"],
            "counts": counts,
            "requests": args.requests,
            "generation_s": generation_s,
            "target_p95_ms": TARGET_MS,
            "endpoints": results,
        },
    )


if __name__ == "__main__":
    main()
