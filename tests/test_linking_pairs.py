"""The ledger example corpus and the labelled claim pairs of the linking benchmark stay usable.

No pipeline here: these check the files' own contract (columns, balance, quotes that can be found
in their article), so an edit to an article that orphans a pair fails at once.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

ARTICLES = EXAMPLES / "ledger" / "articles.jsonl"
PAIRS = ROOT / "benchmarks" / "data" / "linking_pairs.tsv"
COLUMNS = ["article_a", "quote_a", "article_b", "quote_b", "label", "kind", "note"]
KINDS = {
    "same": {
        "retelling",
        "near_duplicate",
        "corroboration",
        "denial",
        "contradiction",
        "figures_differ",
    },
    "different": {
        "near_miss_date",
        "near_miss_place",
        "near_miss_figures",
        "near_miss_type",
        "other_event",
    },
}
# invented addresses only: the corpus must never point at a real page
URL = re.compile(r"https://example\.(?:org|com|net)/\S+")


def _articles() -> dict[str, dict[str, str]]:
    rows = [json.loads(line) for line in ARTICLES.read_text("utf-8").splitlines() if line]
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows), "article ids must be unique"
    return by_id


def _pairs(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = [dict(zip(header, cells, strict=True)) for cells in reader]
    return header, rows


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, str]]:
    return _articles()


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, str]]:
    header, rows = _pairs(PAIRS)
    assert header == COLUMNS
    return rows


def test_corpus_articles_follow_the_brief(articles: dict[str, dict[str, str]]) -> None:
    assert 36 <= len(articles) <= 48
    for aid, art in articles.items():
        assert set(art) == {"id", "title", "outlet", "published", "url", "text"}, aid
        assert URL.fullmatch(art["url"]), aid
        assert date(2025, 6, 5) <= date.fromisoformat(art["published"]) <= date(2026, 8, 20), aid
        assert 80 <= len(art["text"].split()) <= 300, aid
        assert "\n\n" in art["text"], f"{aid}: paragraphs are separated by a blank line"
    assert len({a["text"] for a in articles.values()}) == len(articles)


def test_pairs_are_many_and_balanced(pairs: list[dict[str, str]]) -> None:
    assert len(pairs) >= 150
    labels = Counter(p["label"] for p in pairs)
    assert set(labels) == {"same", "different"}
    assert 0.40 <= labels["same"] / len(pairs) <= 0.60
    near_misses = sum(p["kind"].startswith("near_miss_") for p in pairs)
    assert near_misses >= labels["different"] / 2, "most different pairs should be near-misses"


def test_every_kind_fits_its_label_and_every_pair_has_a_note(pairs: list[dict[str, str]]) -> None:
    for n, p in enumerate(pairs, start=1):
        assert p["kind"] in KINDS[p["label"]], (n, p["label"], p["kind"])
        assert p["note"].strip(), n


def test_every_quote_is_found_once_in_its_article(
    pairs: list[dict[str, str]], articles: dict[str, dict[str, str]]
) -> None:
    for n, p in enumerate(pairs, start=1):
        for side in ("a", "b"):
            aid, quote = p[f"article_{side}"], p[f"quote_{side}"]
            assert aid in articles, (n, aid)
            assert quote and quote == quote.strip(), (n, quote)
            # once, so the claim it points at is not in doubt
            assert articles[aid]["text"].count(quote) == 1, (n, aid, quote)


def test_no_pair_is_listed_twice(pairs: list[dict[str, str]]) -> None:
    keys = [
        frozenset({(p["article_a"], p["quote_a"]), (p["article_b"], p["quote_b"])}) for p in pairs
    ]
    assert all(len(k) == 2 for k in keys), "a pair joins two different claims"
    assert len(set(keys)) == len(keys)


def test_every_article_takes_part_in_some_pair(
    pairs: list[dict[str, str]], articles: dict[str, dict[str, str]]
) -> None:
    used = {p["article_a"] for p in pairs} | {p["article_b"] for p in pairs}
    assert used == set(articles)


HELDOUT = [
    (
        EXAMPLES / "ledger" / f"heldout{n}.jsonl",
        ROOT / "benchmarks" / "data" / f"linking_pairs_heldout{n}.tsv",
    )
    for n in ("", "2", "3")
]


@pytest.mark.parametrize(
    "articles_path, pairs_path", HELDOUT, ids=["heldout", "heldout2", "heldout3"]
)
def test_heldout_set_is_usable_on_its_own(articles_path: Path, pairs_path: Path) -> None:
    """Each held-out set keeps the same contract: its own articles (no id shared with another
    set), at least 60 pairs with valid kinds and notes, every quote found once, no pair twice."""
    rows = [json.loads(line) for line in articles_path.read_text("utf-8").splitlines() if line]
    texts = {row["id"]: row["text"] for row in rows}
    assert len(texts) == len(rows) and not set(texts) & set(_articles())
    others = [a for a, _ in HELDOUT if a != articles_path]
    for other in others:
        ids = {json.loads(line)["id"] for line in other.read_text("utf-8").splitlines() if line}
        assert not set(texts) & ids, other.name
    assert all(URL.fullmatch(row["url"]) for row in rows)
    header, pairs = _pairs(pairs_path)
    assert header == COLUMNS and len(pairs) >= 60
    keys = set()
    for n, p in enumerate(pairs, start=1):
        assert p["kind"] in KINDS[p["label"]] and p["note"].strip(), n
        for side in ("a", "b"):
            assert texts[p[f"article_{side}"]].count(p[f"quote_{side}"]) == 1, (n, side)
        keys.add(frozenset({(p["article_a"], p["quote_a"]), (p["article_b"], p["quote_b"])}))
    assert len(keys) == len(pairs)
    assert {p["article_a"] for p in pairs} | {p["article_b"] for p in pairs} == set(texts)
