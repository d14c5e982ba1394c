"""Corpora of many articles: JSON Lines, CSV/TSV, and JSON documents.

Columns: id, title, text, url, outlet, published (only `text` required). The field names that
common scrapers write (news-please's `maintext`, `date_publish`, `source_domain`) are accepted too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from claimledger.errors import E, InputError, Problem
from claimledger.read.base import Item, make_article
from claimledger.read.decode import decode_bytes
from claimledger.read.telegram import is_telegram_export, read_telegram_export

# contract field -> names accepted for it, first match wins
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "maintext", "body", "content"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "source_domain", "sitename", "site_name"),
    "published": ("published", "date_publish", "date", "published_at", "pubdate"),
}


def _field(row: Mapping[str, Any], name: str) -> Any:
    for key in FIELDS[name]:
        value = row.get(key)
        if value not in (None, ""):
            return value
    return None


def _has_text(row: Mapping[str, Any]) -> bool:
    return any(key in row for key in FIELDS["text"])


def article_from_mapping(row: Mapping[str, Any], path: Path, line: int | None) -> Item:
    text = _field(row, "text")
    if not isinstance(text, str) or not text.strip():
        return Problem(
            str(path), E.NO_TEXT_FIELD.value if not _has_text(row) else E.NO_TEXT.value, line
        )
    try:
        return make_article(
            text,
            path=str(path),
            line=line,
            **{name: _field(row, name) for name in ("id", "title", "outlet", "url", "published")},
        )
    except InputError as exc:
        return exc.problem


def read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    try:
        text = decode_bytes(data, str(path))
    except InputError as exc:
        yield exc.problem
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(str(path), E.BAD_JSON_LINE.value.format(detail=exc.msg), number)
            continue
        if not isinstance(row, dict):
            yield Problem(str(path), E.NOT_AN_OBJECT.value, number)
            continue
        yield article_from_mapping(row, path, number)


def read_csv(path: Path, data: bytes) -> Iterator[Item]:
    try:
        text = decode_bytes(data, str(path))
    except InputError as exc:
        yield exc.problem
        return
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    csv.field_size_limit(2**31 - 1)  # article texts are longer than csv's 128 KB default
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    except csv.Error as exc:
        yield Problem(str(path), E.BAD_CSV.value.format(detail=exc))
        return
    reader.fieldnames = columns
    if not any(c in columns for c in FIELDS["text"]):
        yield Problem(
            str(path), E.NO_TEXT_COLUMN.value.format(columns=", ".join(columns) or "none")
        )
        return
    try:
        for row in reader:
            # the header is line 1; a record spanning several lines is named by its last line
            yield article_from_mapping(row, path, reader.line_num)
    except csv.Error as exc:
        yield Problem(str(path), E.BAD_CSV.value.format(detail=exc), reader.line_num)


def read_json(path: Path, data: bytes) -> Iterator[Item]:
    """A Telegram Desktop export, one article object, or a list of article objects."""
    try:
        doc = json.loads(decode_bytes(data, str(path)))
    except InputError as exc:
        yield exc.problem
        return
    except json.JSONDecodeError as exc:
        yield Problem(str(path), E.BAD_JSON.value.format(detail=exc.msg), exc.lineno)
        return
    if is_telegram_export(doc):
        yield from read_telegram_export(doc, path)
    elif isinstance(doc, dict) and _has_text(doc):
        yield article_from_mapping(doc, path, None)
    elif isinstance(doc, list) and doc and all(isinstance(row, dict) for row in doc):
        for row in doc:
            yield article_from_mapping(row, path, None)
    else:
        yield Problem(str(path), E.BAD_JSON_DOC.value)
