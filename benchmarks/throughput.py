"""Throughput of `analyze` against the bare spaCy pipeline on the same texts, in one process.

    python benchmarks/throughput.py ../shared/data/ppn-en [--model NAME] [--rounds 3]

Machines here are shared and noisy, so the figure that matters is the ratio: both runs are timed
alternately, several rounds, and the best round of each is kept.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from claimledger.analyze import analyze
from claimledger.model import Article, ArticleRecord
from claimledger.nlp import default_model, load
from claimledger.read import read_paths
from common import print_table, record_result


def _files(paths: list[Path]) -> list[Path]:
    """A folder of saved pages also holds news-please's .html.json sidecars: read the pages."""
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.glob("*.html")) if path.is_dir() else [path])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)

    files = _files(args.paths)
    started = time.perf_counter()
    items = list(read_paths(files))
    read_seconds = time.perf_counter() - started
    articles = [i for i in items if isinstance(i, Article)]
    if not articles:
        print("no articles to measure", file=sys.stderr)
        return 1
    nlp = load(args.model)
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    for _ in nlp.pipe(texts[:8]):  # warm up
        pass

    ours_stages = [name for name in nlp.pipe_names if name.startswith("claimledger")]
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(args.rounds):
        with nlp.select_pipes(disable=ours_stages):  # the model's own components only
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=args.batch_size):
                pass
            bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        records = [
            r
            for r in analyze(articles, nlp=nlp, batch_size=args.batch_size)
            if isinstance(r, ArticleRecord)
        ]
        ours.append(time.perf_counter() - t0)
        assert len(records) == len(articles)

    n = len(articles)
    figures = {
        "input": [str(p) for p in args.paths],
        "model": args.model or default_model(),
        "articles": n,
        "chars": chars,
        "read_articles_per_s": round(n / read_seconds, 1),
        "bare_spacy_articles_per_s": round(n / min(bare), 2),
        "analyze_articles_per_s": round(n / min(ours), 2),
        "ratio_analyze_to_bare": round(min(ours) / min(bare), 3),
        # the first round meets every name for the first time (gazetteer caches cold)
        "ratio_first_round": round(ours[0] / bare[0], 3),
        "rounds": args.rounds,
    }
    print_table(
        [
            ("read (trafilatura etc.)", f"{n / read_seconds:.1f}", "", ""),
            (
                "bare spaCy nlp.pipe",
                f"{n / min(bare):.2f}",
                f"{chars / min(bare) / 1000:.0f}",
                "1.00",
            ),
            (
                "claimledger analyze",
                f"{n / min(ours):.2f}",
                f"{chars / min(ours) / 1000:.0f}",
                f"{min(ours) / min(bare):.2f}",
            ),
        ],
        ("stage", "articles/s", "kchars/s", "time vs bare"),
    )
    print(f"first round, gazetteer caches cold: analyze takes {ours[0] / bare[0]:.2f}x bare")
    print(f"\n{n} articles, {chars:,} characters, model {figures['model']}, best of {args.rounds}")
    print(f"appended to {record_result('throughput', figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
