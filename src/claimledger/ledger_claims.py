"""Stored claims as linking and entries read them: one contract record in, for each claim its
`LinkClaim` (what decides a link) and `EntryClaim` (what an entry shows)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import cast

from claimledger.entries import EntryClaim
from claimledger.link import LinkClaim, PlacePoint
from claimledger.link_places import PRONOUNS, link_places
from claimledger.model import ArticleRecord, Claim, Side, Source
from claimledger.sources.registry import registry
from claimledger.tables import cells, table_lines

# claims carry the outcome of a fight in a flag the claims stage sets: an assault repelled, a
# place still held
REPELLED = "outcome_repelled"
HELD = "outcome_held"
OPPOSITE = {"RU": "UA", "UA": "RU"}


@cache
def _phrases(name: str) -> re.Pattern[str]:
    """Any phrase of a one-phrase-a-line table, as whole words."""
    phrases = sorted(table_lines("claims", name), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


@cache
def _ground_words() -> dict[str, re.Pattern[str]]:
    rows = [cells(ln) for ln in table_lines("claims", "ground_outcome_words.tsv")]
    out: dict[str, list[str]] = {}
    for words, kind in rows:
        out.setdefault(kind, []).append(re.escape(words).replace(r"\ ", r"\s+"))
    return {k: re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I) for k, v in out.items()}


def _day(iso: str | None) -> int | None:
    """An ISO day (or month/year, taken at its first day) as an ordinal; `--MM-DD` is None."""
    if not iso or iso.startswith("--"):
        return None
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day).toordinal()
    except ValueError:
        return None


def _end_day(iso: str | None, precision: str) -> int | None:
    """The last day a date can mean: a month's last day, a year's 31 December."""
    start = _day(iso)
    if start is None or iso is None:
        return None
    first = date.fromordinal(start)
    if precision == "month" or iso.count("-") == 1:
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return nxt.toordinal() - 1
    if precision == "year" or iso.count("-") == 0:
        return date(first.year, 12, 31).toordinal()
    return start


def _outlet_side(record: ArticleRecord) -> str | None:
    entry = registry().match(record.article.outlet) if record.article.outlet else None
    return entry.side if entry is not None and entry.side in OPPOSITE else None


def origin_of(record: ArticleRecord, claim: Claim) -> tuple[str, str, str]:
    """(key, name, side) of a claim's origin. Registry sources are one origin across articles;
    other named sources are one origin by name, or the registry entry the name means ("the Air
    Force" in a Ukrainian outlet is Ukraine's: the registry's shared names, settled by the
    source's side or else the outlet's); an anonymous one is its article's own (nothing says two
    anonymous officials are one person); the article's own voice is its outlet's."""
    sources = {s.id: s for s in record.sources}
    if claim.chain and claim.chain[0] in sources:
        return _origin_of_source(record, sources[claim.chain[0]])
    outlet = record.article.outlet or record.article.id
    return f"outlet:{outlet.lower()}", outlet, "unknown"


def _origin_of_source(record: ArticleRecord, s: Source) -> tuple[str, str, str]:
    if "." in s.id:  # registry ids: ru.mod, ua.general_staff
        return s.id, s.name, s.side
    if s.anonymous:
        return f"anonymous:{record.article.id}:{s.id}", s.name, s.side
    hint = s.side if s.side in OPPOSITE else _outlet_side(record)
    entry = registry().match(s.name, side_hint=cast(Side | None, hint))
    if entry is not None:
        return entry.id, entry.name, entry.side
    return f"name:{s.name.lower()}", s.name, s.side


def _attacker(claim: Claim, origin_side: str, content: str) -> tuple[str | None, bool]:
    """The side that took, or tried to take, the ground a claim is about, and whether the claim
    says it failed: the capturer; the other side from one that withdrew; the side whose assault
    was repelled; the other side from the one that still holds it."""
    held = HELD in claim.flags or REPELLED in claim.flags
    if claim.type not in ("territorial_control", "attack"):
        return None, held
    roles = {a.role: a.side for a in claim.actors if a.side in OPPOSITE}
    if REPELLED in claim.flags:
        return roles.get("actor2") or OPPOSITE.get(roles.get("actor1") or origin_side), True
    words = _ground_words()
    if claim.type == "territorial_control" and not held and words["held"].search(content):
        held = True
    if claim.type == "attack" and words["contested"].search(content):
        held = True  # "fighting was still going on in the town": not taken, a fight over ground
    if held:
        return OPPOSITE.get(roles.get("actor1") or origin_side), True
    if claim.type == "territorial_control":
        actor = roles.get("actor1") or (origin_side if origin_side in OPPOSITE else None)
        if actor is not None and words["withdrawal"].search(content):
            return OPPOSITE[actor], False
        return actor, False
    return None, False


def _loser(claim: Claim, origin_side: str) -> str | None:
    """Whose losses a losses claim counts: a belligerent's command reports the enemy's losses
    (the Russian ministry Ukraine's, the General Staff Russia's)."""
    if claim.type != "losses" or origin_side not in OPPOSITE:
        return None
    return OPPOSITE[origin_side]


def record_features(
    record: ArticleRecord, keys: Sequence[int], article_key: int
) -> list[tuple[LinkClaim, EntryClaim]]:
    """`claim_features` of each claim of an article, in its order; keys[i] is claim i's key.
    Read per article: a claim's place or speaker may be named in the claims before it."""
    places = link_places(record)
    out: list[tuple[LinkClaim, EntryClaim]] = []
    last: tuple[str, str, str] | None = None
    answered: str | None = None  # the type of the last claim that was not a bare denial
    for claim, key in zip(record.claims, keys, strict=True):
        origin = origin_of(record, claim)
        speaker = next((s for s in record.sources if claim.chain and s.id == claim.chain[0]), None)
        if speaker is not None and speaker.name.lower() in PRONOUNS and last is not None:
            origin = last
        elif claim.chain:
            last = origin
        link, entry = claim_features(record, claim, key, article_key, places[claim.id], origin)
        if claim.type == "denial":
            link = replace(link, answers=answered)
        else:
            answered = claim.type
        out.append((link, entry))
    return out


def claim_features(
    record: ArticleRecord,
    claim: Claim,
    key: int,
    article_key: int,
    places: tuple[PlacePoint, ...] | None = None,
    origin: tuple[str, str, str] | None = None,
) -> tuple[LinkClaim, EntryClaim]:
    """One claim's features; `places` and `origin` as `record_features` reads them from the
    whole article (without them, the claim's own places and its own source)."""
    if places is None:
        places = link_places(record)[claim.id]
    published = record.article.published
    start = _day(claim.date.start)
    if "date_inferred" in claim.flags and claim.date.precision in ("month", "year"):
        start = None  # a month or year borrowed from around the claim is not its date
    quantities = tuple(
        (q.category or "", q.outcome or "", float(q.value)) for q in claim.quantities if q.category
    )
    origin_key, origin_name, side = origin if origin is not None else origin_of(record, claim)
    text = record.article.text[claim.content_span.start : claim.content_span.end]
    attacker, repelled = _attacker(claim, side, text)
    link = LinkClaim(
        key=key,
        article=article_key,
        type=claim.type,
        status=claim.status,
        start=start,
        end=_end_day(claim.date.end or claim.date.start, claim.date.precision)
        if start is not None
        else None,
        published=_day(published),
        places=places,
        quantities=quantities,
        origin=origin_key,
        text=text,
        repelled=repelled,
        side=attacker if attacker is not None else _loser(claim, side),
        # an event told with its own day is that day's, whatever its clauses say of the past
        ongoing=start is None and _phrases("ongoing_words.txt").search(text) is not None,
        tally=_phrases("tally_words.txt").search(text) is not None,
    )
    names = {s.id: s.name for s in record.sources}
    entry = EntryClaim(
        key=key,
        claim_id=claim.id,
        article_id=record.article.id,
        published=published,
        outlet=record.article.outlet,
        type=claim.type,
        status=claim.status,
        date=claim.date.start,
        origin=origin_key,
        origin_name=origin_name,
        origin_side=side,
        chain=tuple(names.get(i, i) for i in claim.chain),
        quantities=quantities,
        repelled=repelled,
        text=claim.text,
    )
    return link, entry
