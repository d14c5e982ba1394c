"""Readers: files and folders in, `Article`s (or one `Problem` per bad input) out.

Which reader reads a file is decided by its suffix, in `READERS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimledger.errors import E, InputError, Problem
from claimledger.model import Article
from claimledger.read.base import Defaults, Item, Reader
from claimledger.read.decode import decode_bytes
from claimledger.read.feed import read_feed
from claimledger.read.html import read_html
from claimledger.read.tabular import read_csv, read_json, read_jsonl
from claimledger.read.text import read_text

DEFAULT_MAX_BYTES = 50_000_000

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".json": read_json,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "Defaults", "Item", "read_file", "read_paths"]


def _reader_for(path: Path, data: bytes) -> Reader:
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader
    # A file named on the command line with an unknown suffix: read it as text if it is text.
    decode_bytes(data, str(path))
    return read_text


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article in one file, and a Problem for each part that could not be read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(E.TOO_LARGE, str(path), size=size, limit=max_bytes)
        if size == 0:
            raise InputError(E.EMPTY, str(path))
        data = path.read_bytes()
        reader = _reader_for(path, data)
    except InputError as exc:
        yield exc.problem
        return
    except OSError as exc:
        yield Problem(str(path), exc.strerror or str(exc))
        return
    yield from reader(path, data)


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files below a folder, in a stable order; hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name


def read_paths(
    paths: Iterable[Path | str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    defaults: Defaults | None = None,
) -> Iterator[Item]:
    """Articles from files and folders (recursively), with a Problem for every bad input."""
    defaults = defaults or Defaults()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path):
                for item in read_file(file, max_bytes=max_bytes):
                    found = found or isinstance(item, Article)
                    yield defaults.apply(item) if isinstance(item, Article) else item
            if not found:
                yield Problem(str(path), E.NO_ARTICLES.value)
        elif path.exists():
            for item in read_file(path, max_bytes=max_bytes):
                yield defaults.apply(item) if isinstance(item, Article) else item
        else:
            yield Problem(str(path), E.NOT_FOUND.value)
