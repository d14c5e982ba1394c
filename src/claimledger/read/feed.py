"""RSS and Atom feed files (feedparser): one article per entry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.html

from claimledger.errors import E, InputError, Problem
from claimledger.read.base import Item, make_article

# elements after which a line break belongs in the plain text
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "figure",
    "figcaption",
    "pre",
    "hr",
}


# feedparser flags these although it read the feed in full
_BENIGN = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
    feedparser.UndeclaredNamespace,
)


def fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), keeping paragraph breaks."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return markup
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return str(root.text_content())


def _entry_text(entry: Any) -> str:
    # full content beats the summary; among contents, the longest
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    best = max(contents, key=len) if contents else entry.get("summary", "")
    return fragment_to_text(best or "")


def read_feed(path: Path, data: bytes) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(broken, _BENIGN):
        broken = None
    if broken is not None or not parsed.entries:
        # feedparser still returns what it could read from a broken feed: keep those entries
        # that have text, and say once that the file is broken.
        detail = str(broken or "no entries").splitlines()[0]
        yield Problem(str(path), E.BAD_FEED.value.format(detail=detail))
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        # an aggregator's feed names each item's own outlet in <source>
        outlet = (entry.get("source") or {}).get("title") or feed_title
        if broken is not None and not _entry_text(entry).strip():
            continue
        try:
            yield make_article(
                _entry_text(entry),
                path=str(path),
                line=None,
                id=entry.get("id") or entry.get("link"),
                title=entry.get("title"),
                outlet=outlet,
                url=entry.get("link"),
                published=entry.get("published_parsed") or entry.get("updated_parsed"),
            )
        except InputError as exc:
            yield Problem(str(path), f"entry {number}: {exc.message}")
