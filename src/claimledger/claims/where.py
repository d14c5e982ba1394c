"""The places of a claim: the place mentions inside it, else in its sentence, else the nearest
one before it in its paragraph (then flagged `place_inferred`)."""

from __future__ import annotations

from collections.abc import Sequence

from claimledger.model import PlaceMention


def places_for(
    text: str,
    mentions: Sequence[PlaceMention],
    ranges: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
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
    return [], False
