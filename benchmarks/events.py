"""ACLED event types on CASE 2021 task 2 (../shared/data/case2021/dev.tsv): quality and speed.

    python benchmarks/events.py [--data FILE] [--model NAME] [--limit N] [--rounds 2]

Every snippet (columns id, EventSnippet, SubType) is parsed with the full pipeline, all stages
on (the place stage needs a gazetteer: $CLAIMLEDGER_GAZETTEER), and labelled with
`claimledger.claims.acled.classify(doc[:])`; a snippet the rules find no event in is predicted
OTHER. Printed: accuracy, macro F1 and weighted F1 (classes weighted by their gold support) over
all gold labels, and again over the snippets of the 25 ACLED sub-event types alone, beside the
published figures; a per-class P/R/F1 table; the confusion table (rows gold, columns
predicted). Speed: snippets/s of the bare spaCy parse and of the full pipeline, same process,
timed alternately (best round of each), and of the classifier alone.

Tuning discipline. dev.tsv is our REPORTING set, not a development set: the lexicons and rules
in data/claims/acled_*.{tsv,txt} were written from ACLED's codebook and from how news reports
word these events, and tried on sentences we wrote ourselves (tests/test_acled.py). We run this
benchmark to see the overall figures and the confusion table, and use the confusion table only
to find whole classes or concepts with no rule at all; we never read individual dev snippets to
pick words, and no rule targets a dev snippet. That is why this script shows no snippets. The
figures were looked at after each round of lexicon work, so they flatter us somewhat: a held-out
set would score lower.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from common import print_table, record_result

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "case2021" / "dev.tsv"
NO_EVENT = "OTHER"  # the prediction when classify() finds no event
# CASE 2021 task 2, best system (transformers trained on ACLED data), weighted F1, as cited in
# ../shared/data/README.md: on the 25 ACLED sub-event types, and with the unseen types added
PUBLISHED_25 = 0.839
PUBLISHED_UNSEEN = (0.797, 0.771)


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    gold: str


def load(path: Path) -> list[Snippet]:
    """The tab-separated file with its header line; quotes are part of the text."""
    out: list[Snippet] = []
    with path.open(encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 3 and fields[2]:
                out.append(Snippet(*fields))
    return out


# --- metrics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int  # gold count
    predicted: int


def confusion(gold: Sequence[str], pred: Sequence[str]) -> Counter[tuple[str, str]]:
    """(gold, predicted) -> count."""
    return Counter(zip(gold, pred, strict=True))


def per_class(table: Counter[tuple[str, str]], labels: Sequence[str]) -> dict[str, ClassScore]:
    """Precision, recall and F1 of each label; a label never predicted has precision 0."""
    out: dict[str, ClassScore] = {}
    for label in labels:
        hit = table[(label, label)]
        support = sum(n for (g, _), n in table.items() if g == label)
        predicted = sum(n for (_, p), n in table.items() if p == label)
        p = hit / predicted if predicted else 0.0
        r = hit / support if support else 0.0
        out[label] = ClassScore(p, r, 2 * p * r / (p + r) if p + r else 0.0, support, predicted)
    return out


@dataclass(frozen=True)
class Summary:
    n: int
    accuracy: float
    macro_f1: float  # the mean F1 of the gold labels
    weighted_f1: float  # F1 of the gold labels weighted by their support

    def figures(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "weighted_f1": round(self.weighted_f1, 4),
        }


def summarise(gold: Sequence[str], pred: Sequence[str]) -> Summary:
    """Averages over the labels that occur in the gold (as scikit-learn's `labels=gold`)."""
    table = confusion(gold, pred)
    labels = sorted(set(gold))
    scores = per_class(table, labels)
    n = len(gold)
    if not n:
        return Summary(0, 0.0, 0.0, 0.0)
    return Summary(
        n=n,
        accuracy=sum(table[(lab, lab)] for lab in labels) / n,
        macro_f1=sum(s.f1 for s in scores.values()) / len(labels),
        weighted_f1=sum(s.f1 * s.support for s in scores.values()) / n,
    )


# --- the run -----------------------------------------------------------------------------------


def _print_confusion(table: Counter[tuple[str, str]], labels: Sequence[str]) -> None:
    """Rows gold, columns predicted, numbered as the rows; zeros left blank."""
    width = max(len(lab) for lab in labels)
    print(" " * (width + 4) + "".join(f"{i:>3}" for i in range(1, len(labels) + 1)))
    for i, gold in enumerate(labels, 1):
        cells = "".join(f"{table[(gold, p)] or '':>3}" for p in labels)
        print(f"{i:>2} {gold:<{width}} {cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="CASE 2021 task 2 tsv")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: claimledger's)")
    parser.add_argument("--limit", type=int, default=None, help="first N snippets")
    parser.add_argument("--rounds", type=int, default=2, help="timing rounds (best is kept)")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data} not found", file=sys.stderr)
        return 1

    from claimledger.claims.acled import acled_names, classify
    from claimledger.nlp import default_model
    from claimledger.nlp import load as load_nlp

    snippets = load(args.data)[: args.limit]
    texts = [s.text for s in snippets]
    model = args.model or default_model()
    bare = load_nlp(model, stages=False)
    full = load_nlp(model)
    list(bare.pipe(texts[:10]))  # warm up (model, gazetteer, caches) before any timing
    list(full.pipe(texts[:10]))
    bare_runs, full_runs = [], []
    docs: list[Doc] = []
    for _round in range(args.rounds):  # alternate, keep the best of each: machines are shared
        started = time.perf_counter()
        list(bare.pipe(texts))
        bare_runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        docs = list(full.pipe(texts))
        full_runs.append(time.perf_counter() - started)
    bare_seconds, full_seconds = min(bare_runs), min(full_runs)
    started = time.perf_counter()
    labels = [classify(doc[:]) for doc in docs]
    classify_seconds = time.perf_counter() - started

    gold = [s.gold for s in snippets]
    pred = [label.case if label else NO_EVENT for label in labels]
    names = acled_names()
    acled = [i for i, g in enumerate(gold) if names.get(g) is not None]
    overall = summarise(gold, pred)
    acled_only = summarise([gold[i] for i in acled], [pred[i] for i in acled])
    no_event = sum(label is None for label in labels)

    print(f"\nCASE 2021 task 2 dev: {len(snippets)} snippets, model {model}")
    print(f"no event found (predicted {NO_EVENT}): {no_event}")
    table = confusion(gold, pred)
    classes = sorted(set(gold) | set(pred))
    scores = per_class(table, classes)
    print()
    print_table(
        [
            (
                lab,
                str(s.support),
                str(s.predicted),
                f"{s.precision:.2f}",
                f"{s.recall:.2f}",
                f"{s.f1:.2f}",
            )
            for lab, s in scores.items()
        ],
        ("class", "gold", "pred", "P", "R", "F1"),
    )
    print("\nconfusion (rows gold, columns predicted, in the same order)")
    _print_confusion(table, classes)
    high, low = PUBLISHED_UNSEEN
    print()
    print_table(
        [
            (
                "all classes",
                str(overall.n),
                f"{overall.accuracy:.3f}",
                f"{overall.macro_f1:.3f}",
                f"{overall.weighted_f1:.3f}",
                f"{high:.3f} / {low:.3f} (unseen types added)",
            ),
            (
                "25 ACLED types",
                str(acled_only.n),
                f"{acled_only.accuracy:.3f}",
                f"{acled_only.macro_f1:.3f}",
                f"{acled_only.weighted_f1:.3f}",
                f"{PUBLISHED_25:.3f}",
            ),
        ],
        ("gold snippets", "n", "accuracy", "macro F1", "weighted F1", "published weighted F1"),
    )
    bare_rate = len(texts) / bare_seconds
    full_rate = len(texts) / full_seconds
    print(
        f"\nspeed: bare parse {bare_rate:.1f} snippets/s, full pipeline {full_rate:.1f} "
        f"snippets/s (ratio {full_seconds / bare_seconds:.2f}); classify "
        f"{len(texts) / classify_seconds:.0f} snippets/s"
    )
    figures: dict[str, object] = {
        "data": str(args.data.name),
        "model": model,
        "limit": args.limit,
        "snippets": len(snippets),
        "no_event": no_event,
        "all_classes": overall.figures(),
        "acled_25": acled_only.figures(),
        "published_weighted_f1": {"acled_25": PUBLISHED_25, "unseen_added": PUBLISHED_UNSEEN},
        "per_class_f1": {lab: round(s.f1, 4) for lab, s in scores.items()},
        "bare_snippets_per_s": round(bare_rate, 1),
        "full_snippets_per_s": round(full_rate, 1),
        "full_to_bare_time_ratio": round(full_seconds / bare_seconds, 3),
        "classify_snippets_per_s": round(len(texts) / classify_seconds, 1),
    }
    print(f"appended to {record_result('events', figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
