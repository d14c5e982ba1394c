"""What recognition produces: a `Mention`, the `_Candidate` each source proposes, and `Known`.

`Known` is how the gazetteer tells the recogniser how well-known a name is; the thresholds on it
that more than one source uses are here beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Known = Callable[[str], float]

# A name with no cue at all must be at least this well-known (a country, a large city).
KNOWN_ALONE = 0.6
# A run of more capitalised words than this is a title or an organisation, not one place name.
MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class Mention:
    """A stretch of ``doc.text`` that names a place."""

    start: int  # character offsets into doc.text
    end: int
    text: str
    source: str  # "ner" | "context" | "gazetteer" | "cyrillic" | "alias" | "repeat"
    hint: str | None  # "admin1" | "admin2" | "settlement" | "front" | "country" | None
    flags: tuple[str, ...] = ()  # ("metonymic",)


@dataclass(frozen=True)
class _Candidate:
    start: int  # token indices
    end: int
    source: str


def _unknown(_name: str) -> float:
    return 0.0
