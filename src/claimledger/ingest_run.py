"""Analysing read articles and storing them in the ledger, then linking: what `claimledger
ingest` and the web app's ingest jobs both run, so both store the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine

from claimledger.analyze import analyze
from claimledger.errors import Problem
from claimledger.ledger import LedgerUpdate, update_ledger
from claimledger.model import Article, ArticleRecord
from claimledger.nlp import load
from claimledger.store import is_stored, store_batch


@dataclass
class IngestResult:
    stored: int = 0
    duplicates: int = 0
    problems: int = 0
    article_pks: list[int] = field(default_factory=list)
    linked: LedgerUpdate = field(default_factory=LedgerUpdate)


def _ignore(_item: object) -> None:
    return None


def ingest_items(
    engine: Engine,
    items: Iterable[Article | Problem],
    *,
    model: str | None,
    batch_size: int = 64,
    jobs: int = 1,
    on_problem: Callable[[Problem], None] = _ignore,
    on_warning: Callable[[str], None] = _ignore,
    on_record: Callable[[ArticleRecord], None] = _ignore,
) -> IngestResult:
    """Analyse and store `items` (a Problem is passed to `on_problem` and skipped), each batch of
    `batch_size` articles in one transaction; an article stored already is counted, not
    analysed again. Then the ledger is updated with the new articles' claims."""
    result = IngestResult()
    nlp = load(model)
    batch: list[ArticleRecord] = []

    def flush() -> None:
        stored = store_batch(engine, batch, model=model)
        result.stored += stored.stored
        result.duplicates += stored.duplicates
        result.article_pks.extend(stored.article_pks)
        for warning in stored.warnings:
            on_warning(warning)
        batch.clear()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                result.problems += 1
                on_problem(item)
            elif is_stored(engine, item.content_hash):
                result.duplicates += 1
            else:
                yield item

    for record in analyze(articles(), nlp=nlp, batch_size=min(batch_size, 32), n_process=jobs):
        if isinstance(record, Problem):
            result.problems += 1
            on_problem(record)
            continue
        on_record(record)
        batch.append(record)
        if len(batch) >= batch_size:
            flush()
    flush()
    result.linked = update_ledger(engine, result.article_pks)
    return result
