"""Containment statements: "Bilohorivka, a village in the neighbouring Luhansk region",
"Kupiansk in the Kharkiv region". The text says which division the first name lies in; that is
stronger evidence than the document's other names, which may point at a namesake nearby.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimledger.places.recognize import Mention

# what may stand between a place and the division it lies in: an apposition's noun and
# lower-case words ("a village", "a small town"), then "in" and a few more ("the neighbouring")
_GAP = re.compile(
    r",?\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w'’-]*\s+){0,4}?in\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2}"
)
_MAX_GAP = 60


def find_containers(
    text: str, mentions: Sequence[Mention], hints: Sequence[str | None]
) -> list[tuple[int, int]]:
    """(i, j): mention i lies, the text says, in mention j, a division (hint admin1 or admin2)."""
    out: list[tuple[int, int]] = []
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if hints[i + 1] not in ("admin1", "admin2") or hints[i] in ("admin1", "country"):
            continue
        gap = text[a.end : b.start]
        if len(gap) <= _MAX_GAP and _GAP.fullmatch(gap):
            out.append((i, i + 1))
    return out
