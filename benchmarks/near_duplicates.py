"""Near-duplicate articles at scale: time and peak memory to index N articles, and recall.

    python benchmarks/near_duplicates.py [--sizes 10000 100000] [--rewrites 0.05] [--seed 1]

Articles are synthetic, ~200 words drawn from a Zipf-weighted vocabulary of made-up words, so
unrelated articles share common words as real ones do. A share of them (`--rewrites`) rewrite an
earlier article in one of three ways: `light` (new headline, a few words changed, two sentences
swapped), `cut` (a paragraph dropped as well) and `excerpt` (three or four of its sentences in an
otherwise new article). Each article is queried against those before it, then added — the
incremental use of `claimledger ingest` — with its signature computed once. Each size runs in a
fresh process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import random
import resource
import sys
import time
from array import array
from typing import Any

from claimledger.near_duplicates import NearDuplicateIndex, sentence_hashes, signature
from common import print_table, record_result

VOCABULARY = 20_000
KINDS = ("light", "cut", "excerpt")


def vocabulary(seed: int) -> tuple[list[str], list[float]]:
    """Made-up words with Zipf weights (rank k has weight 1/k)."""
    rng = random.Random(seed)
    onsets = [*"bcdfghklmnprstvz", "br", "kr", "st", "tr", "pl", "sh", "ch"]
    syllables = [o + v for o in onsets for v in "aeiou"]
    seen: set[str] = set()
    while len(seen) < VOCABULARY:
        seen.add("".join(rng.choices(syllables, k=rng.choice((1, 2, 2, 3)))))
    words = sorted(seen, key=lambda w: (len(w), w))
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / k for k in range(1, VOCABULARY + 1)))


class Corpus:
    """Article i is generated from (seed, i), so no text is kept in memory."""

    def __init__(self, seed: int, rewrite_share: float) -> None:
        self.seed = seed
        self.share = rewrite_share
        self.words, self.weights = vocabulary(seed)
        self.originals: list[int] = []

    def sentences(self, rng: random.Random, n: int) -> list[str]:
        out = []
        for _ in range(n):
            w = rng.choices(self.words, cum_weights=self.weights, k=rng.randint(11, 22))
            out.append(" ".join(w).capitalize() + ".")
        return out

    def original(self, i: int) -> list[str]:
        rng = random.Random(f"{self.seed}:{i}")
        return self.sentences(rng, rng.randint(10, 14))

    def article(self, i: int) -> tuple[str, int | None, str | None]:
        """The text, and the article it rewrites with how (None for an original)."""
        rng = random.Random(f"{self.seed}:rewrite:{i}")
        if len(self.originals) < 100 or rng.random() >= self.share:
            self.originals.append(i)
            return " ".join(self.original(i)), None, None
        source = rng.choice(self.originals)
        kind = rng.choice(KINDS)
        sents = self.original(source)
        if kind == "excerpt":
            new = self.sentences(rng, rng.randint(8, 12))
            start = rng.randrange(len(sents) - 4)
            k = rng.randint(3, 4)
            at = rng.randrange(len(new))
            return " ".join(new[:at] + sents[start : start + k] + new[at:]), source, kind
        if kind == "cut":
            cut = rng.randint(len(sents) // 4, len(sents) * 2 // 5)
            start = rng.randrange(len(sents) - cut)
            sents = sents[:start] + sents[start + cut :]
        a, b = rng.sample(range(len(sents)), 2)
        sents[a], sents[b] = sents[b], sents[a]
        tokens = " ".join([*self.sentences(rng, 1), *sents]).split()
        for j in rng.sample(range(len(tokens)), len(tokens) // 30):  # ~3% of words changed
            tokens[j] = rng.choice(self.words[:2000])
        return " ".join(tokens), source, kind


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, seed: int, share: float) -> dict[str, Any]:
    """One size in this process: index `size` articles, query each first."""
    NearDuplicateIndex().query("warm up the imports and LSH parameters")
    baseline = rss_mb()
    corpus = Corpus(seed, share)
    index = NearDuplicateIndex()
    timers = {"generate": 0.0, "signature": 0.0, "query": 0.0, "add": 0.0}
    cpu = 0.0  # this process's CPU time for signature + query + add: steadier on a busy machine
    found = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    false_matches = words = 0
    family = array("l", bytes(8 * size))  # article -> the original it comes from
    for i in range(size):
        t0 = time.perf_counter()
        text, source, kind = corpus.article(i)
        t1 = time.perf_counter()
        c1 = time.process_time()
        sig, sentences = signature(text), sentence_hashes(text)
        t2 = time.perf_counter()
        matches = index.query(sig=sig, sentences=sentences)
        t3 = time.perf_counter()
        index.add(str(i), sig=sig, sentences=sentences)
        t4 = time.perf_counter()
        cpu += time.process_time() - c1
        for name, dt in zip(timers, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            timers[name] += dt
        words += len(text.split())
        keys = {m.key for m in matches}
        if kind is not None:
            total[kind] += 1
            found[kind] += str(source) in keys
        # an earlier rewrite of the same source is a right answer too
        family[i] = source if source is not None else i
        false_matches += sum(family[int(k)] != family[i] for k in keys)
    rewrites = sum(total.values())
    work = timers["signature"] + timers["query"] + timers["add"]
    return {
        "articles": size,
        "mean_words": round(words / size, 1),
        "rewrites": rewrites,
        "recall": round(sum(found.values()) / rewrites, 4) if rewrites else None,
        "recall_by_kind": {k: round(found[k] / total[k], 4) for k in KINDS if total[k]},
        "false_matches": false_matches,
        "seconds": {k: round(v, 2) for k, v in timers.items()},
        "seconds_index_and_query": round(work, 2),
        "articles_per_s": round(size / work, 1),
        "cpu_seconds_index_and_query": round(cpu, 2),
        "articles_per_cpu_s": round(size / cpu, 1),
        "baseline_rss_mb": round(baseline, 1),
        "peak_rss_mb": round(rss_mb(), 1),
    }


def _child(size: int, seed: int, share: float, out: Any) -> None:
    out.put(run(size, seed, share))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rewrites", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    context = multiprocessing.get_context("spawn")
    results = []
    for size in args.sizes:
        queue = context.Queue()
        child = context.Process(target=_child, args=(size, args.seed, args.rewrites, queue))
        child.start()
        results.append(queue.get())
        child.join()
    rows: list[tuple[str, ...]] = [
        (
            f"{r['articles']:,}",
            f"{r['seconds_index_and_query']:.1f}",
            f"{r['articles_per_s']:.0f}",
            f"{r['articles_per_cpu_s']:.0f}",
            f"{1e6 * r['seconds']['query'] / r['articles']:.0f}",
            f"{1e6 * r['seconds']['add'] / r['articles']:.0f}",
            f"{r['peak_rss_mb']:.0f}",
            f"{r['peak_rss_mb'] - r['baseline_rss_mb']:.0f}",
            f"{r['recall']:.3f}",
            str(r["false_matches"]),
        )
        for r in results
    ]
    print_table(
        rows,
        ("articles", "seconds", "articles/s", "per CPU s", "query µs", "add µs", "peak MB",
         "index MB", "recall", "false matches"),
    )  # fmt: skip
    for r in results:
        print(f"{r['articles']:,}: recall by kind {r['recall_by_kind']}, seconds {r['seconds']}")
    print("seconds = signature + query + add (article generation excluded)")
    figures = {"rewrite_share": args.rewrites, "seed": args.seed, "runs": results}
    print(f"appended to {record_result('near_duplicates', figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
