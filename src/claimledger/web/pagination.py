"""Keyset pagination: an opaque cursor holding the sort key of the last item of a page, and the
relative URL of the next page. No OFFSET: a deep page costs what the first one does."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from claimledger.web.errors import BadRequest


def encode_cursor(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, kinds: tuple[type, ...]) -> list[Any] | None:
    """The sort key a cursor holds, checked against the types the endpoint expects."""
    if cursor is None or cursor == "":
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise BadRequest("bad cursor: use the 'next' URL of the previous page") from None
    if (
        not isinstance(key, list)
        or len(key) != len(kinds)
        or not all(
            isinstance(v, k) and not isinstance(v, bool) for v, k in zip(key, kinds, strict=True)
        )
    ):
        raise BadRequest("bad cursor: use the 'next' URL of the previous page")
    return key


def next_url(path: str, params: Mapping[str, Any], key: list[Any] | None) -> str | None:
    """The next page's URL: the same filters, the cursor after `key` (None on the last page)."""
    if key is None:
        return None
    kept = {k: v for k, v in params.items() if v is not None and v != "" and k != "cursor"}
    kept["cursor"] = encode_cursor(key)
    return f"{path}?{urlencode(kept)}"
