"""The places of a claim: the place mentions inside it, else in its sentence, else the nearest
one before it in its paragraph, else the article's main place (these two flagged
`place_inferred`)."""

from __future__ import annotations

from collections.abc import Sequence

from claimledger.model import PlaceMention


def places_for(
    text: str,
    mentions: Sequence[PlaceMention],
    ranges: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
    main: str | None = None,
) -> tuple[list[str], bool]:
    """Mention ids for a claim whose content is `ranges`, and whether they were inferred."""
    inside = [m.id for m in mentions if any(s <= m.start and m.end <= e for s, e in ranges)]
    if inside:
        return inside, False
    s, e = sentence
    in_sentence = [m.id for m in mentions if s <= m.start and m.end <= e]
    if in_sentence:
        return in_sentence, False
    paragraph = text.rfind("\n", 0, s) + 1
    before = [m for m in mentions if paragraph <= m.start and m.end <= s]
    if before:
        return [before[-1].id], True
    if main is not None:
        return [main], True
    return [], False


def main_place(mentions: Sequence[PlaceMention]) -> str | None:
    """The first mention of the place an article names most often (a town, not a region or a
    country: an article is about what happened somewhere), when one leads."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for m in mentions:
        if m.status == "resolved" and m.place is not None and m.place.precision == "point":
            counts[m.place.id] = counts.get(m.place.id, 0) + 1
            first.setdefault(m.place.id, m.id)
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None  # two places as often: no main one
    best = max(counts, key=lambda k: counts[k])
    return first[best]
