"""What every reader shares: building an `Article`, and metadata given on the command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import E, InputError, Problem
from claimledger.model import Article
from claimledger.read.dates import parse_published
from claimledger.read.language import detect_language
from claimledger.read.normalize import content_hash, normalize_text

Item = Article | Problem
# A reader gets the file's path and its bytes (already checked against the size limit).
Reader = Callable[[Path, bytes], Iterator[Item]]


@dataclass(frozen=True)
class Defaults:
    """Metadata from the command line, used where the input itself gives none."""

    outlet: str | None = None
    published: str | None = None

    def apply(self, article: Article) -> Article:
        updates: dict[str, str] = {}
        if self.outlet and not article.outlet:
            updates["outlet"] = self.outlet
        if self.published and not article.published:
            updates["published"] = self.published
        return article.model_copy(update=updates) if updates else article


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def make_article(
    text: str,
    *,
    path: str,
    line: int | None = None,
    id: object = None,
    title: object = None,
    outlet: object = None,
    url: object = None,
    published: object = None,
) -> Article:
    """Normalise the text and fill in hash, id and language. Raises InputError without text."""
    normalized = normalize_text(text)
    if not normalized:
        raise InputError(E.NO_TEXT, path, line)
    try:
        day, moment = parse_published(published)
    except ValueError as exc:
        raise InputError(E.BAD_DATE, path, line, value=str(published)) from exc
    digest = content_hash(normalized)
    return Article(
        id=_clean(id) or digest,
        content_hash=digest,
        title=_clean(title),
        outlet=_clean(outlet),
        url=_clean(url),
        published=day,
        published_at=moment,
        language=detect_language(normalized),
        text=normalized,
        source_path=path,
    )
