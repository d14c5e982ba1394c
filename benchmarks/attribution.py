"""Attribution finding on PolNeAR (../shared/data/polnear/): source, cue and content spans.

    python benchmarks/attribution.py [--split dev|train] [--data DIR] [--model NAME] [--limit N]
    python benchmarks/attribution.py --split train --errors N     (development: train only)

Each `attributions/*.ann` file is one document. For Source, Cue and Content separately: exact and
overlap precision/recall/F1, micro-averaged over all documents, beside the published exact F1
(PolNeAR *test*, BERT+CofeNet 2022; we report on dev, so the figures are a yardstick, not a
like-for-like comparison). Speed: the bare spaCy parse against parse + finder, same texts.

Span rules (one place, `normalise`): a span is the set of its character ranges, a discontinuous
one stays one span; each range is trimmed of whitespace and `,.;:` at both ends first, because
annotators are inconsistent about a trailing comma or full stop (a range of punctuation alone,
the colon cue of "Trump: ...", is kept); touching ranges are merged.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.sources.types import Attribution
from common import print_table, record_result

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
KINDS = ("Source", "Cue", "Content")
# Exact span match F1 on PolNeAR test, BERT+CofeNet (2022), as cited in ../shared/data/README.md
PUBLISHED_EXACT_F1 = {"Source": 83.2, "Cue": 75.3, "Content": 72.9}
TRIM = ",.;:"  # stripped, with whitespace, from both ends of every range before comparing
CONTEXT = 60  # characters shown either side of a span by --errors

Range = tuple[int, int]
Span = tuple[Range, ...]  # sorted, trimmed, merged ranges: the unit that is matched

# a brat record starts with its id and a tab; any other line continues the previous record's
# text (PolNeAR span texts can hold newlines: a content across two paragraphs)
_RECORD = re.compile(r"^(?:[TREAMN]\d+|#\d*|\*)\t")


# --- the corpus --------------------------------------------------------------------------------


@dataclass
class Document:
    """One .ann file with its article's text; gold spans are raw ranges, untrimmed."""

    name: str  # the .ann file's stem: article name + "_" + annotator
    text: str
    gold: dict[str, list[tuple[Range, ...]]] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)  # "T12 'its text' != 'the slice'"
    malformed: int = 0  # lines that are not valid brat records
    merged: int = 0  # Content T lines folded into another of the same attribution


def parse_ann(name: str, ann: str, text: str) -> Document:
    """A PolNeAR brat stand-off file: the Source, Cue and Content `T` lines, as gold spans.

    Other T types (Attribution, Attribution-no-source: the relation's anchor; Discard; Discuss,
    which marks talk about something, not an attribution) are not scored. A few attributions
    have their content as two T lines (`Content:T3 Content2:T7` in the `E` line, a quote broken
    around the cue): those become one discontinuous span, as the finder reports it.
    Offsets are checked against the text (the T line's text is the slices joined by a space);
    a mismatch is recorded, never raised.
    """
    doc = Document(name, text, {kind: [] for kind in KINDS})
    records: list[str] = []
    for line in ann.removesuffix("\n").split("\n"):
        if _RECORD.match(line):
            records.append(line)
        elif records:
            records[-1] += "\n" + line
        elif line.strip():
            doc.malformed += 1
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}  # T id -> (type, ranges)
    contents: list[list[str]] = []  # per E relation, its Content T ids
    for record in records:
        fields = record.split("\t", 2)
        if record.startswith("E") and len(fields) >= 2:
            roles = [arg.split(":", 1) for arg in fields[1].split() if ":" in arg]
            contents.append([tid for role, tid in roles if role.startswith("Content")])
            continue
        if not record.startswith("T"):
            continue
        try:
            kind, offsets = fields[1].split(" ", 1)
            ranges = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            )
        except (IndexError, ValueError):
            doc.malformed += 1
            continue
        if kind not in KINDS:
            continue
        found = " ".join(text[a:b] for a, b in ranges)
        stated = fields[2] if len(fields) > 2 else ""
        if found != stated or any(not 0 <= a <= b <= len(text) for a, b in ranges):
            doc.mismatches.append(f"{fields[0]} {stated[:40]!r} != {found[:40]!r}")
        spans[fields[0]] = (kind, ranges)
    for tids in contents:
        parts = [t for t in dict.fromkeys(tids) if t in spans and spans[t][0] == "Content"]
        for tid in parts[1:]:
            first = spans[parts[0]]
            spans[parts[0]] = ("Content", first[1] + spans.pop(tid)[1])
            doc.merged += 1
    for kind, ranges in spans.values():
        doc.gold[kind].append(ranges)
    return doc


def load(split_dir: Path, limit: int | None = None) -> tuple[list[Document], list[str]]:
    """Every .ann file under split_dir/attributions, with split_dir/text/<article>.txt.

    An article annotated by several annotators (`<article>_<annotator>.ann`, a handful annotated
    six times to measure agreement) gives one document per .ann file: each annotation is scored
    on its own, as a separate document. Also returns the .ann files skipped (no text).
    """
    docs: list[Document] = []
    skipped: list[str] = []
    for ann in sorted((split_dir / "attributions").glob("*.ann"))[:limit]:
        article = ann.stem.rsplit("_", 1)[0]
        text_path = split_dir / "text" / f"{article}.txt"
        if not text_path.is_file():
            skipped.append(ann.name)
            continue
        # newline="": brat offsets count every character as written, \r included
        with text_path.open(encoding="utf-8", newline="") as f:
            text = f.read()
        with ann.open(encoding="utf-8", newline="") as f:
            docs.append(parse_ann(ann.stem, f.read(), text))
    return docs, skipped


# --- predictions -------------------------------------------------------------------------------


def top_level(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions PolNeAR would annotate: it is univocal (each token in at most one
    attribution), so one reported inside another's content ("He said officials claimed X":
    the officials' claim) is not annotated. Drop every attribution whose cue lies inside the
    content of another one."""

    def inside(cue: Range, other: Attribution) -> bool:
        return any(start <= cue[0] and cue[1] <= end for start, end in other.content)

    return [
        a
        for i, a in enumerate(attributions)
        if not any(inside(a.cue, b) for j, b in enumerate(attributions) if j != i)
    ]


def predicted_spans(attributions: Sequence[Attribution]) -> dict[str, list[tuple[Range, ...]]]:
    top = top_level(attributions)
    return {
        # the source as written: PolNeAR marks "he", "who" where they stand
        "Source": [(a.source_written or a.source,) for a in top if a.source is not None],
        "Cue": [(a.cue,) for a in top],
        "Content": [a.content for a in top if a.content],
    }


# --- metrics -----------------------------------------------------------------------------------


def trim(text: str, start: int, end: int) -> Range | None:
    """The range without whitespace and `,.;:` at either end; None when nothing is left.

    A range of punctuation alone keeps it: PolNeAR annotates the colon of "Trump: ..." as the
    cue (some 220 cues in train and dev), and trimming must not erase them.
    """
    for strip in (TRIM, ""):
        a, b = start, end
        while a < b and (text[a].isspace() or text[a] in strip):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in strip):
            b -= 1
        if a < b:
            return a, b
    return None


def normalise(text: str, ranges: Iterable[Range]) -> Span | None:
    """One span: each range trimmed, empty ones dropped, sorted, overlapping or touching ones
    merged (the same characters make the same span). None when nothing is left."""
    kept = sorted(r for r in (trim(text, a, b) for a, b in ranges) if r is not None)
    merged: list[Range] = []
    for start, end in kept:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged) or None


def shared_chars(a: Span, b: Span) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match_overlap(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs sharing at least one character, taken
    greedily by the most characters shared (ties: document order)."""
    candidates = sorted(
        (-n, g, p)
        for g, gs in enumerate(gold)
        for p, ps in enumerate(pred)
        if (n := shared_chars(gs, ps)) > 0
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


@dataclass
class Comparison:
    """One document and one span type: the normalised spans and what matched."""

    gold: list[Span]
    pred: list[Span]
    exact: set[Span]
    pairs: list[tuple[int, int]]  # overlap matches


def compare(
    text: str, gold: Iterable[Sequence[Range]], pred: Iterable[Sequence[Range]]
) -> Comparison:
    """Spans are normalised, and kept once each: a set of spans per type (one of whitespace
    alone is dropped on both sides)."""

    def spans(raw: Iterable[Sequence[Range]]) -> list[Span]:
        out = (normalise(text, ranges) for ranges in raw)
        return list(dict.fromkeys(s for s in out if s is not None))

    g, p = spans(gold), spans(pred)
    return Comparison(g, p, set(g) & set(p), match_overlap(g, p))


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; with one-to-one matching, matched predictions = matched gold."""
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, c: Comparison) -> None:
        self.gold += len(c.gold)
        self.pred += len(c.pred)
        self.exact += len(c.exact)
        self.overlap += len(c.pairs)

    def exact_prf(self) -> tuple[float, float, float]:
        return prf(self.exact, self.pred, self.gold)

    def overlap_prf(self) -> tuple[float, float, float]:
        return prf(self.overlap, self.pred, self.gold)


# --- the run -----------------------------------------------------------------------------------


def _show(text: str, span: Span) -> str:
    """The span in [[ ]] with CONTEXT characters either side, on one line."""
    out, at = [], span[0][0]
    out.append(text[max(0, at - CONTEXT) : at])
    for start, end in span:
        out.append(text[at:start] + "[[" + text[start:end] + "]]")
        at = end
    out.append(text[at : at + CONTEXT])
    return " ".join("".join(out).split())


def _print_errors(
    found: dict[str, list[tuple[str, str, str]]], kind: str, label: str, n: int
) -> None:
    items = found[kind]
    print(f"\n{kind}: {label}, {min(n, len(items))} of {len(items)}")
    for doc_name, status, shown in random.Random(0).sample(items, min(n, len(items))):
        print(f"  [{status}] {doc_name}: {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "dev"], default="dev")
    parser.add_argument("--data", type=Path, default=DATA, help="PolNeAR folder with train/, dev/")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: claimledger's)")
    parser.add_argument("--limit", type=int, default=None, help="first N .ann files")
    parser.add_argument(
        "--errors", type=int, default=0, help="show N missed and N spurious spans a type"
    )
    args = parser.parse_args(argv)
    if args.errors and args.split != "train":
        print("--errors needs --split train: we develop on train, report on dev", file=sys.stderr)
        return 2
    split_dir = args.data / args.split
    if not (split_dir / "attributions").is_dir():
        print(f"{split_dir / 'attributions'} not found", file=sys.stderr)
        return 1

    from claimledger.nlp import add_parse_stages, default_model
    from claimledger.nlp import load as load_nlp
    from claimledger.sources.attribution import find_attributions

    docs, skipped = load(split_dir, args.limit)
    # articles annotated twice or more are parsed once; every annotation is still scored
    texts = list(dict.fromkeys(d.text for d in docs))
    model = args.model or default_model()
    # the parse as claimledger runs it (paragraph breaks are sentence breaks), without the
    # place stage: the finder needs nothing else
    nlp = add_parse_stages(load_nlp(model, stages=False))
    list(nlp.pipe(texts[:10]))  # warm up (model load, caches) before any timing
    started = time.perf_counter()
    parsed = dict(zip(texts, nlp.pipe(texts), strict=True))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = {text: find_attributions(doc) for text, doc in parsed.items()}
    finder_seconds = time.perf_counter() - started

    tallies = {kind: Tally() for kind in KINDS}
    missed: dict[str, list[tuple[str, str, str]]] = {kind: [] for kind in KINDS}
    spurious: dict[str, list[tuple[str, str, str]]] = {kind: [] for kind in KINDS}
    for doc in docs:
        predicted = predicted_spans(found[doc.text])
        for kind in KINDS:
            c = compare(doc.text, doc.gold[kind], predicted[kind])
            tallies[kind].add(c)
            # misses by exact match; "partial" when an overlapping span was matched to it
            gold_hit = {g for g, _ in c.pairs}
            pred_hit = {p for _, p in c.pairs}
            for i, span in enumerate(c.gold):
                if span not in c.exact:
                    status = "partial" if i in gold_hit else "missed"
                    missed[kind].append((doc.name, status, _show(doc.text, span)))
            for i, span in enumerate(c.pred):
                if span not in c.exact:
                    status = "partial" if i in pred_hit else "spurious"
                    spurious[kind].append((doc.name, status, _show(doc.text, span)))

    mismatches = [f"{d.name} {m}" for d in docs for m in d.mismatches]
    malformed = sum(d.malformed for d in docs)
    merged = sum(d.merged for d in docs)
    print(
        f"\nPolNeAR {args.split}: {len(docs)} documents (.ann files) on {len(texts)} articles; "
        f"model {model}"
    )
    print(
        f"offset mismatches: {len(mismatches)}; malformed lines: {malformed}; content T lines "
        f"merged into one span: {merged}; .ann without text: {len(skipped)}"
    )
    for line in mismatches[:5]:
        print(f"  mismatch {line}")

    rows: list[tuple[str, ...]] = []
    figures: dict[str, object] = {}
    for kind, t in tallies.items():
        exact, overlap = t.exact_prf(), t.overlap_prf()
        rows.append(
            (
                kind,
                str(t.gold),
                str(t.pred),
                *(f"{100 * v:.1f}" for v in exact),
                *(f"{100 * v:.1f}" for v in overlap),
                f"{PUBLISHED_EXACT_F1[kind]:.1f}",
            )
        )
        figures[kind.lower()] = {
            "gold": t.gold,
            "pred": t.pred,
            "exact": dict(zip(("p", "r", "f1"), (round(v, 4) for v in exact), strict=True)),
            "overlap": dict(zip(("p", "r", "f1"), (round(v, 4) for v in overlap), strict=True)),
            "published_exact_f1": round(PUBLISHED_EXACT_F1[kind] / 100, 4),
        }
    print()
    print_table(
        rows,
        (
            "span",
            "gold",
            "pred",
            "exact P",
            "exact R",
            "exact F1",
            "overlap P",
            "overlap R",
            "overlap F1",
            "published exact F1 (test, CofeNet 2022)",
        ),
    )
    n = len(texts)
    bare_rate = n / parse_seconds if parse_seconds else 0.0
    full_rate = n / (parse_seconds + finder_seconds) if parse_seconds else 0.0
    ratio = (parse_seconds + finder_seconds) / parse_seconds if parse_seconds else 0.0
    print(
        f"\nspeed: bare parse {bare_rate:.1f} articles/s, parse + finder {full_rate:.1f} "
        f"articles/s: parse + finder takes {ratio:.3f}x the bare parse "
        f"({parse_seconds:.2f}s parse, {finder_seconds:.3f}s finder, {n} articles)"
    )

    if args.errors:
        for kind in KINDS:
            _print_errors(missed, kind, "gold not matched exactly", args.errors)
            _print_errors(spurious, kind, "predicted not matched exactly", args.errors)

    figures = {
        "split": args.split,
        "model": model,
        "limit": args.limit,
        "documents": len(docs),
        "articles": n,
        "offset_mismatches": len(mismatches),
        "malformed_lines": malformed,
        "content_lines_merged": merged,
        **figures,
        "parse_articles_per_s": round(bare_rate, 2),
        "parse_finder_articles_per_s": round(full_rate, 2),
        "finder_time_ratio": round(ratio, 4),
    }
    print(f"appended to {record_result('attribution', figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
