"""Articles in, contract records out: the NLP parse, then each stage's results read off the Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import tee

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import E, Problem
from claimledger.model import Article, ArticleRecord, Signal
from claimledger.nlp import load, parse

# Languages the loaded pipelines can read; articles in others are kept, not parsed.
PIPELINE_LANGUAGE = "en"


def record_from_doc(article: Article, doc: Doc) -> ArticleRecord:
    return ArticleRecord(
        article=article,
        places=doc._.places or [],
        sources=doc._.sources or [],
        claims=doc._.claims or [],
        signals=doc._.signals or [],
    )


def unparsed_record(article: Article) -> ArticleRecord:
    """An article the pipeline cannot read: stored and exported, with a signal saying why."""
    return ArticleRecord(
        article=article,
        signals=[
            Signal(
                kind="not_analyzed",
                detail=f"language '{article.language}' is not supported yet; stored unanalysed",
            )
        ],
    )


def _parseable(article: Article, nlp: Language) -> bool:
    return article.language in (None, PIPELINE_LANGUAGE) and len(article.text) <= nlp.max_length


def analyze(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[ArticleRecord | Problem]:
    """A record for every article, in input order; a Problem for one the pipeline cannot take."""
    nlp = nlp or load(model)
    for_docs, for_records = tee(articles)
    docs = parse(
        nlp,
        (a for a in for_docs if _parseable(a, nlp)),
        batch_size=batch_size,
        n_process=n_process,
    )
    for article in for_records:
        if len(article.text) > nlp.max_length:
            message = E.TOO_LONG_FOR_MODEL.value.format(
                length=len(article.text), limit=nlp.max_length
            )
            yield Problem(article.source_path or article.id, message)
        elif _parseable(article, nlp):
            yield record_from_doc(article, next(docs))
        else:
            yield unparsed_record(article)
