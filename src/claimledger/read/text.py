"""Plain text files: a short first line is the title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from claimledger.errors import InputError
from claimledger.read.base import Item, make_article
from claimledger.read.decode import decode_bytes

TITLE_MAX_CHARS = 200


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first non-empty line is a title when it is short, does not end a
    sentence with a full stop, and more text follows it."""
    lines = text.strip().splitlines()
    if len(lines) < 2:
        return None, text
    first = lines[0].strip()
    body = "\n".join(lines[1:]).strip()
    if first and body and len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ",", ";")):
        return first, body
    return None, text


def read_text(path: Path, data: bytes) -> Iterator[Item]:
    try:
        title, body = split_title(decode_bytes(data, str(path)))
        yield make_article(body, path=str(path), title=title)
    except InputError as exc:
        yield exc.problem
