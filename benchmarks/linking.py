"""Same-claim linking: quality on labelled claim pairs, and how the cost grows with the ledger.

    python benchmarks/linking.py                       quality, then scaling at 10k and 100k
    python benchmarks/linking.py --sizes 10000,100000,1000000
    python benchmarks/linking.py --quality-only
    python benchmarks/linking.py --quality-only --articles A.jsonl --pairs P.tsv

Quality: the articles of examples/ledger/ are analysed with the full pipeline and linked; each
pair of benchmarks/data/linking_pairs.tsv (written by hand from those articles, labels decided
by meaning) names its two claims by a quote inside each. A pair is predicted `same` when both
claims end in one ledger entry. Precision and recall of `same`, over pairs whose quotes were
found in a claim (the others are counted and shown: the pipeline made no claim there). Four
sets are scored: the pairs the rules were developed on; three held-out sets, each written (by
another hand) before the linker was run on it: heldout.jsonl and heldout2.jsonl were since used
to find general errors, heldout3.jsonl never was. `--articles` and `--pairs` score one other set
instead.

Scaling: claims extracted from the same articles are perturbed into N synthetic claims (dates
moved within 15 months, places drawn from Ukraine's settlements in the gazetteer with Zipf
weights, origins drawn from a pool, figures changed), then linked in one process per size,
which reports its own time and peak memory (ru_maxrss), so sizes do not share a heap. The span
of time is fixed, so larger ledgers are denser: the cost per claim grows with the claims per
place and day, which this measures honestly rather than hiding.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from claimledger.analyze import analyze
from claimledger.ledger_claims import record_features
from claimledger.link import LinkClaim, Linker, PlacePoint
from claimledger.model import Article, ArticleRecord
from claimledger.read import read_paths
from common import print_table, record_result

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "ledger" / "articles.jsonl"
PAIRS = ROOT / "benchmarks" / "data" / "linking_pairs.tsv"
HELDOUT_ARTICLES = ROOT / "examples" / "ledger" / "heldout.jsonl"
HELDOUT_PAIRS = ROOT / "benchmarks" / "data" / "linking_pairs_heldout.tsv"
HELDOUT2_ARTICLES = ROOT / "examples" / "ledger" / "heldout2.jsonl"
HELDOUT2_PAIRS = ROOT / "benchmarks" / "data" / "linking_pairs_heldout2.tsv"
HELDOUT3_ARTICLES = ROOT / "examples" / "ledger" / "heldout3.jsonl"
HELDOUT3_PAIRS = ROOT / "benchmarks" / "data" / "linking_pairs_heldout3.tsv"
TARGET = {"precision": 0.95, "recall": 0.85, "1M minutes": 10.0, "1M GB": 4.0}


def analysed(path: Path) -> list[ArticleRecord]:
    items = [a for a in read_paths([path]) if isinstance(a, Article)]
    return [r for r in analyze(items) if isinstance(r, ArticleRecord)]


def features(records: list[ArticleRecord]) -> tuple[list[LinkClaim], dict[tuple[str, str], int]]:
    out: list[LinkClaim] = []
    keys: dict[tuple[str, str], int] = {}
    for a, record in enumerate(records):
        first = len(out) + 1
        ids = list(range(first, first + len(record.claims)))
        for claim, key, (link, _) in zip(
            record.claims, ids, record_features(record, ids, a), strict=True
        ):
            out.append(link)
            keys[(record.article.id, claim.id)] = key
    return out, keys


def quality(records: list[ArticleRecord], pairs: Path = PAIRS) -> dict[str, Any]:
    claims, keys = features(records)
    linker = Linker()
    linker.add(claims)
    by_article = {r.article.id: r for r in records}

    def claim_key(article: str, quote: str) -> int | None:
        record = by_article.get(article)
        if record is None:
            return None
        at = record.article.text.find(quote)
        if at < 0:
            return None
        inside = [c for c in record.claims if c.start <= at and at + len(quote) <= c.end]
        if not inside:
            return None
        best = min(inside, key=lambda c: c.end - c.start)
        return keys[(article, best.id)]

    tp = fp = fn = tn = missing = 0
    rows: list[tuple[str, ...]] = []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("article_a"):
            continue
        cells = line.split("\t")
        art_a, quote_a, art_b, quote_b, label = cells[:5]
        ka, kb = claim_key(art_a, quote_a), claim_key(art_b, quote_b)
        if ka is None or kb is None:
            missing += 1
            continue
        predicted = linker.entry_of(ka) == linker.entry_of(kb)
        gold = label == "same"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not predicted and not gold
        if predicted != gold:
            rows.append((cells[5] if len(cells) > 5 else "", label, quote_a[:50], quote_b[:50]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pairs": tp + fp + fn + tn,
        "missing": missing,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "errors": rows,
    }


def place_pool() -> list[PlacePoint]:
    """Ukraine's settlements from the gazetteer, most populous first (a claim's place is drawn
    from them with Zipf weights: a few towns are in most reports, most villages in few)."""
    from claimledger.places.gazetteer.build import resolve_path

    with sqlite3.connect(resolve_path(None)) as db:
        rows = db.execute(
            "SELECT id, lat, lon, admin1_code FROM places WHERE country = 'UA' AND"
            " precision = 'point' AND lat IS NOT NULL ORDER BY population DESC LIMIT 30000"
        ).fetchall()
    return [PlacePoint(i, lat, lon, a1) for i, lat, lon, a1 in rows]


def synthetic(
    base: list[LinkClaim], pool: list[PlacePoint], n: int, seed: int = 7
) -> list[LinkClaim]:
    """n claims: each a real extracted claim with its date moved within 15 months, its place
    drawn from the pool (Zipf), its origin from 400 synthetic and the real ones, its figures
    changed by up to half."""
    rng = random.Random(seed)
    weights = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(pool))))
    origins = [f"origin:{k}" for k in range(400)] + sorted({c.origin for c in base})
    day0 = date(2025, 6, 1).toordinal()
    out = []
    for k in range(n):
        c = base[k % len(base)]
        day = day0 + rng.randrange(450)
        place = rng.choices(pool, cum_weights=weights)[0]
        out.append(
            replace(
                c,
                key=k + 1,
                article=k // 5,
                start=day if c.start is not None or rng.random() < 0.7 else None,
                end=day,
                published=day + rng.randrange(2),
                places=(place,) if c.places or rng.random() < 0.5 else (),
                origin=origins[rng.randrange(len(origins))],
                quantities=tuple(
                    (cat, out_, float(int(v * rng.uniform(0.5, 1.5))))
                    for cat, out_, v in c.quantities
                ),
            )
        )
    return out


def _from_json(d: dict[str, Any]) -> LinkClaim:
    names = {f.name for f in fields(LinkClaim) if f.init}
    return LinkClaim(
        **{
            **{k: v for k, v in d.items() if k in names},
            "places": tuple(PlacePoint(**p) for p in d["places"]),
            "quantities": tuple((c, o, float(v)) for c, o, v in d["quantities"]),
        }
    )


def scale_one(n: int, base_path: Path) -> None:
    """Run in a child process: link n synthetic claims, print one JSON line."""
    base = [_from_json(d) for d in json.loads(base_path.read_text())]
    claims = synthetic(base, place_pool(), n)
    started = time.perf_counter()
    linker = Linker()
    linker.add(claims)
    entries = len(linker.entries())
    seconds = time.perf_counter() - started
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(json.dumps({"n": n, "seconds": seconds, "peak_gb": peak_gb, "entries": entries}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--quality-only", action="store_true")
    ap.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--base", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=Path, help="articles (jsonl) of one other labelled set")
    ap.add_argument("--pairs", type=Path, help="labelled pairs (tsv) of one other labelled set")
    args = ap.parse_args()
    if args.scale_one:
        scale_one(args.scale_one, args.base)
        return
    if args.articles or args.pairs:
        sets = [("given", args.articles or ARTICLES, args.pairs or PAIRS)]
    else:
        sets = [
            ("dev", ARTICLES, PAIRS),
            ("heldout", HELDOUT_ARTICLES, HELDOUT_PAIRS),
            ("heldout2", HELDOUT2_ARTICLES, HELDOUT2_PAIRS),
            ("heldout3", HELDOUT3_ARTICLES, HELDOUT3_PAIRS),
        ]
    result: dict[str, object] = {}
    records: list[ArticleRecord] = []
    for name, articles, pairs in sets:
        analysed_set = analysed(articles)
        records = records or analysed_set  # scaling perturbs the first set's claims
        q = quality(analysed_set, pairs)
        print(f"Same-claim linking on labelled pairs ({name}: {pairs.name})")
        print_table(
            [
                (
                    str(q["pairs"]),
                    str(q["missing"]),
                    f"{q['precision']:.3f}",
                    f"{q['recall']:.3f}",
                    f"{TARGET['precision']} / {TARGET['recall']}",
                )
            ],
            ("pairs", "no claim found", "precision", "recall", "target P / R"),
        )
        for kind, label, a, b in q["errors"]:
            print(f"  wrong ({label}, {kind}): {a!r} | {b!r}")
        print()
        figures = {k: v for k, v in q.items() if k != "errors"}
        if name in ("dev", "given"):
            result.update(figures)
        else:
            result[name] = figures
    if not args.quality_only:
        base, _ = features(records)
        base_path = Path("/tmp") / "claimledger_link_base.json"
        base_path.write_text(json.dumps([asdict(c) for c in base]))
        rows: list[tuple[str, ...]] = []
        for n in (int(s) for s in args.sizes.split(",")):
            out = subprocess.run(
                [sys.executable, __file__, "--scale-one", str(n), "--base", str(base_path)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(
                (
                    f"{n:,}",
                    f"{r['seconds']:.1f}",
                    f"{n / r['seconds']:,.0f}",
                    f"{r['peak_gb']:.2f}",
                    f"{r['entries']:,}",
                )
            )
            result[f"scale_{n}"] = r
        print("\nLinking cost (synthetic claims perturbed from the extracted ones)")
        print_table(rows, ("claims", "seconds", "claims/s", "peak GB", "entries"))
    record_result("linking", result)


if __name__ == "__main__":
    main()
