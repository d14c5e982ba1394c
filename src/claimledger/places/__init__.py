"""Places: the gazetteer, name variants, recognition of place mentions, and their resolution.

`resolve(text, spans)` resolves given character spans (the setting benchmarks with gold spans
need); the spaCy component `claimledger_places` finds and resolves mentions on a Doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimledger.model import PlaceMention
    from claimledger.places.gazetteer import Gazetteer


def resolve_spans(
    text: str, spans: Sequence[tuple[int, int]], *, gazetteer: Gazetteer | None = None
) -> list[PlaceMention]:
    """A place mention for each (start, end) span of `text`, in the order given."""
    from claimledger.places.gazetteer import Gazetteer
    from claimledger.places.resolve import Resolver, target_in_text

    resolver = Resolver(gazetteer or Gazetteer.open())
    return resolver.resolve([target_in_text(text, start, end) for start, end in spans])


resolve = resolve_spans

__all__ = ["resolve", "resolve_spans"]
