"""Reference maps: time to load DeepStateMap's daily polygons, memory, and point queries per second.

    python benchmarks/reference_maps.py [../shared/data/deepstate] [--points 2000] [--seed 1]

Loads every daily map from GeoJSON (as `claimledger reference add` would) and from WKB (as a
ledger reading stored maps would), builds the index, then checks random points in the maps'
bounding box on random covered days: `map_check` on points never asked before (cold), the same
points again (cached), `map_checks` on a batch of new points, `first_inside` on new points, and
for comparison a plain loop testing the point against each day's polygon in turn.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import shapely  # type: ignore[import-untyped, unused-ignore]

from claimledger.reference import DayMap, OccupationIndex, read_folder
from common import print_table, record_result

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "deepstate"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    files = sorted(args.folder.glob("*.geojson"))
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    baseline = rss_mb()
    t0 = time.perf_counter()
    maps = list(read_folder(args.folder))
    read_s = time.perf_counter() - t0
    rss_read = rss_mb()

    t0 = time.perf_counter()
    blobs = [(m.day, m.to_wkb()) for m in maps]
    to_wkb_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    stored = [DayMap.from_wkb(day, blob) for day, blob in blobs]
    from_wkb_s = time.perf_counter() - t0
    del blobs, stored

    t0 = time.perf_counter()
    index = OccupationIndex(maps)
    build_s = time.perf_counter() - t0
    first_day, last_day = index.days[0], index.days[-1]
    span = (last_day - first_day).days

    rng = random.Random(args.seed)
    xmin, ymin, xmax, ymax = shapely.total_bounds([m.geometry for m in maps])

    def points(n: int) -> list[tuple[float, float, date]]:
        return [
            (
                rng.uniform(ymin, ymax),
                rng.uniform(xmin, xmax),
                first_day + timedelta(days=rng.randint(0, span)),
            )
            for _ in range(n)
        ]

    def rate(n: int, seconds: float) -> float:
        return n / seconds if seconds else float("inf")

    t0 = time.perf_counter()
    index.map_check(48.0, 37.8, last_day)  # the first query builds each map's edge index
    first_query_s = time.perf_counter() - t0

    cold = points(args.points)
    t0 = time.perf_counter()
    checks = [index.map_check(lat, lon, day) for lat, lon, day in cold]
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for lat, lon, day in cold:
        index.map_check(lat, lon, day)
    warm_s = time.perf_counter() - t0
    batch = points(args.points)
    t0 = time.perf_counter()
    index.map_checks(batch)
    batch_s = time.perf_counter() - t0
    fresh = points(args.points)
    t0 = time.perf_counter()
    for lat, lon, _day in fresh:
        index.first_inside(lat, lon)
    first_inside_s = time.perf_counter() - t0

    naive = points(max(args.points // 10, 10))
    t0 = time.perf_counter()
    for lat, lon, _day in naive:
        [bool(shapely.contains_xy(m.geometry, lon, lat)) for m in maps]
    naive_s = time.perf_counter() - t0

    statuses = {s: sum(c.status == s for c in checks) for s in ("consistent", "not_on_map")}
    figures = {
        "folder": str(args.folder),
        "maps": len(maps),
        "distinct_maps": index.distinct_maps,
        "first_day": str(first_day),
        "last_day": str(last_day),
        "geojson_mb": round(megabytes, 1),
        "read_geojson_s": round(read_s, 2),
        "to_wkb_s": round(to_wkb_s, 3),
        "from_wkb_s": round(from_wkb_s, 3),
        "wkb_mb": round(sum(len(m.to_wkb()) for m in maps) / 1e6, 1),
        "build_index_s": round(build_s, 3),
        "first_query_s": round(first_query_s, 3),
        "points": args.points,
        "map_check_cold_per_s": round(rate(len(cold), cold_s)),
        "map_check_cached_per_s": round(rate(len(cold), warm_s)),
        "map_checks_batch_cold_per_s": round(rate(len(batch), batch_s)),
        "first_inside_cold_per_s": round(rate(len(fresh), first_inside_s)),
        "naive_loop_per_s": round(rate(len(naive), naive_s)),
        "share_consistent": round(statuses["consistent"] / len(checks), 3),
        "baseline_rss_mb": round(baseline, 1),
        "rss_after_read_mb": round(rss_read, 1),
        "peak_rss_mb": round(rss_mb(), 1),
    }
    print_table(
        [
            (
                "read GeoJSON (all files)",
                f"{read_s:.2f} s",
                f"{megabytes:.0f} MB, {len(maps)} maps",
            ),
            ("maps to WKB", f"{to_wkb_s:.3f} s", f"{figures['wkb_mb']} MB"),
            ("maps from WKB", f"{from_wkb_s:.3f} s", "what a ledger loads"),
            ("build index", f"{build_s:.3f} s", f"{index.distinct_maps} distinct geometries"),
            ("first query", f"{first_query_s:.3f} s", "builds the edge indexes"),
            ("map_check, new points", f"{figures['map_check_cold_per_s']:,} /s", ""),
            ("map_check, cached points", f"{figures['map_check_cached_per_s']:,} /s", ""),
            ("map_checks, new points", f"{figures['map_checks_batch_cold_per_s']:,} /s", "batch"),
            ("first_inside, new points", f"{figures['first_inside_cold_per_s']:,} /s", ""),
            ("plain loop over the maps", f"{figures['naive_loop_per_s']:,} /s", "for comparison"),
        ],
        ("step", "time or rate", "note"),
    )
    print(
        f"\npeak RSS {figures['peak_rss_mb']} MB (after imports {baseline:.0f} MB, after reading "
        f"{rss_read:.0f} MB); {statuses['consistent']} of {len(checks)} random points inside"
    )
    print(f"appended to {record_result('reference_maps', figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
