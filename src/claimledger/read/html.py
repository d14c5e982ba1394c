"""Saved web pages: main text and metadata extracted by trafilatura (with htmldate for dates)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from claimledger.errors import E, InputError, Problem
from claimledger.read.base import Item, make_article
from claimledger.read.decode import decode_bytes


def _without_title(text: str, title: str | None) -> str:
    """trafilatura often repeats the headline as the first line; the title has its own field."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip() and rest.strip():
            return rest
    return text


def read_html(path: Path, data: bytes) -> Iterator[Item]:
    try:
        decode_bytes(data, str(path))  # rejects binary files with the same message as elsewhere
    except InputError as exc:
        yield exc.problem
        return
    # trafilatura decodes bytes itself, honouring the page's declared charset
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = doc.text if isinstance(doc, Document) else None
    if not isinstance(doc, Document) or not text or not text.strip():
        yield Problem(str(path), E.BAD_HTML.value)
        return
    title = doc.title
    try:
        yield make_article(
            _without_title(text, title),
            path=str(path),
            title=title,
            outlet=doc.sitename or doc.hostname,
            url=doc.url,
            published=doc.date,
        )
    except InputError as exc:
        yield exc.problem
