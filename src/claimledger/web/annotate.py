"""An article's text as escaped HTML with `<mark>` spans for places, sources, cues and claims.

Spans overlap (a claim's content holds places; a source phrase can straddle a cue), and HTML
elements must nest, so the text is cut at every span boundary and each piece is wrapped in the
spans covering it, outermost first (earlier start, then longer). A span cut in two shows as two
marks with the same data attributes. Every piece of text and every attribute value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from claimledger.model import ArticleRecord

# when two spans cover the same range, which is outside
_NESTING = {"claim": 0, "source": 1, "cue": 2, "place": 3}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # claim, source, cue, place
    attrs: tuple[tuple[str, str], ...]  # class first, then data-* and title
    order: int = 0

    def key(self) -> tuple[int, int, int, int]:
        return (self.start, -self.end, _NESTING.get(self.kind, 9), self.order)

    def open_tag(self) -> str:
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs)
        return f"<mark{attrs}>"


def place_flags(status: str, flags: Iterable[str]) -> list[str]:
    """What makes a place mention worth a second look: its flags, and not being resolved."""
    found = list(flags)
    if status != "resolved":
        found.append(status)
    return found


def spans_of(record: ArticleRecord) -> list[Span]:
    spans: list[Span] = []
    for claim in record.claims:
        content = claim.content_span
        spans.append(
            Span(
                content.start, content.end, "claim", (("class", "claim"), ("data-claim", claim.id))
            )
        )
        if claim.cue is not None:
            cue = (("class", "cue"), ("data-claim", claim.id), ("tabindex", "0"))
            spans.append(Span(claim.cue.start, claim.cue.end, "cue", cue))
    for source in record.sources:
        for start, end in source.mentions:
            spans.append(
                Span(start, end, "source", (("class", "source"), ("data-source", source.id)))
            )
    for mention in record.places:
        flags = place_flags(mention.status, mention.flags)
        attrs: tuple[tuple[str, str], ...] = (
            ("class", "place flagged" if flags else "place"),
            ("data-mention", mention.id),
            ("data-status", mention.status),
            ("tabindex", "0"),
        )
        if flags:
            attrs += (("title", ", ".join(flags)),)
        spans.append(Span(mention.start, mention.end, "place", attrs))
    return [
        Span(s.start, s.end, s.kind, s.attrs, i) for i, s in enumerate(spans) if s.end > s.start
    ]


def annotate(text: str, spans: Iterable[Span]) -> Markup:
    """`text` escaped, with every span wrapped in properly nested marks."""
    clipped = [
        Span(max(0, s.start), min(len(text), s.end), s.kind, s.attrs, s.order) for s in spans
    ]
    clipped = [s for s in clipped if s.end > s.start]
    cuts = sorted({0, len(text), *(s.start for s in clipped), *(s.end for s in clipped)})
    out: list[str] = []
    stack: list[Span] = []
    for left, right in pairwise(cuts):
        wanted = sorted((s for s in clipped if s.start <= left and s.end >= right), key=Span.key)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        out.extend(s.open_tag() for s in wanted[keep:])
        stack = wanted
        out.append(str(escape(text[left:right])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))
