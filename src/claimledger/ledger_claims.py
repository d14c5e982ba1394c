"""Stored claims as linking and entries read them: one contract record in, for each claim its
`LinkClaim` (what decides a link) and `EntryClaim` (what an entry shows)."""

from __future__ import annotations

from datetime import date

from claimledger.entries import EntryClaim
from claimledger.link import LinkClaim, PlacePoint
from claimledger.model import ArticleRecord, Claim

# claims carry the outcome of a fight in a flag the claims stage sets: an assault repelled, a
# place still held
REPELLED = "outcome_repelled"
HELD = "outcome_held"
OPPOSITE = {"RU": "UA", "UA": "RU"}


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


def origin_of(record: ArticleRecord, claim: Claim) -> tuple[str, str, str]:
    """(key, name, side) of a claim's origin. Registry sources are one origin across articles;
    other named sources are one origin by name; an anonymous one is its article's own (nothing
    says two anonymous officials are one person); the article's own voice is its outlet's."""
    sources = {s.id: s for s in record.sources}
    if claim.chain and claim.chain[0] in sources:
        s = sources[claim.chain[0]]
        if "." in s.id:  # registry ids: ru.mod, ua.general_staff
            return s.id, s.name, s.side
        if s.anonymous:
            return f"anonymous:{record.article.id}:{s.id}", s.name, s.side
        return f"name:{s.name.lower()}", s.name, s.side
    outlet = record.article.outlet or record.article.id
    return f"outlet:{outlet.lower()}", outlet, "unknown"


def _attacker(claim: Claim, origin_side: str) -> str | None:
    """The side that took, or tried to take, the ground a claim is about: the capturer; the
    side whose assault was repelled; the other side from the one that still holds it."""
    if claim.type not in ("territorial_control", "attack"):
        return None
    roles = {a.role: a.side for a in claim.actors if a.side in OPPOSITE}
    if REPELLED in claim.flags:
        return roles.get("actor2") or OPPOSITE.get(roles.get("actor1") or origin_side)
    if HELD in claim.flags:
        return OPPOSITE.get(roles.get("actor1") or origin_side)
    if claim.type == "territorial_control":
        return roles.get("actor1") or (origin_side if origin_side in OPPOSITE else None)
    return None


def claim_features(
    record: ArticleRecord, claim: Claim, key: int, article_key: int
) -> tuple[LinkClaim, EntryClaim]:
    mentions = {m.id: m for m in record.places}
    points = []
    for mention_id in claim.places:
        m = mentions.get(mention_id)
        # an ambiguous name is linked by its best candidate: two claims naming one town, one
        # article with the context to settle it and one without, are still about one town
        p = m.place or (m.candidates[0] if m.candidates else None) if m is not None else None
        if p is not None:
            points.append(PlacePoint(p.id, p.lat, p.lon, p.admin1_code, p.precision))
    published = record.article.published
    start = _day(claim.date.start)
    quantities = tuple(
        (q.category or "", q.outcome or "", float(q.value)) for q in claim.quantities if q.category
    )
    origin, origin_name, side = origin_of(record, claim)
    text = record.article.text[claim.content_span.start : claim.content_span.end]
    repelled = REPELLED in claim.flags or HELD in claim.flags
    attacker = _attacker(claim, side)
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
        places=tuple(points),
        quantities=quantities,
        origin=origin,
        text=text,
        repelled=repelled,
        side=attacker,
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
        origin=origin,
        origin_name=origin_name,
        origin_side=side,
        chain=tuple(names.get(i, i) for i in claim.chain),
        quantities=quantities,
        repelled=repelled,
        text=claim.text,
    )
    return link, entry
