"""Telegram Desktop channel exports (`result.json`): one article per message with text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimledger.errors import E, InputError, Problem
from claimledger.read.base import Item, make_article


def is_telegram_export(doc: object) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("messages"), list)


def flatten_text(value: object) -> str:
    """Telegram writes formatted text as a list of plain strings and entity objects."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict):
                parts.append(str(part.get("text", "")))
        return "".join(parts)
    return ""


def _message_url(doc: dict[str, Any], message_id: object) -> str | None:
    username = doc.get("username")  # present only in some exports
    return f"https://t.me/{username}/{message_id}" if username else None


def read_telegram_export(doc: dict[str, Any], path: Path) -> Iterator[Item]:
    channel = doc.get("name") or "telegram"
    channel_id = doc.get("id", channel)
    found = False
    for message in doc["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue  # service messages (pins, joins) carry no article
        text = flatten_text(message.get("text"))
        if not text.strip():
            continue  # photo or video without a caption
        found = True
        try:
            yield make_article(
                text,
                path=str(path),
                id=f"telegram:{channel_id}/{message.get('id')}",
                outlet=channel,
                url=_message_url(doc, message.get("id")),
                published=message.get("date"),
            )
        except InputError as exc:
            yield exc.problem
    if not found:
        yield Problem(str(path), E.NO_TEXT.value)
