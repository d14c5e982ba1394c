"""Choosing among overlapping candidates, and finishing the chosen ones into mentions.

The longer span wins, then the more trusted source (ner, context, gazetteer, cyrillic, alias).
Each chosen name then gets the hint its own context gives (or the one a list shares) and its
flags.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger.places.recognize.context import _chains
from claimledger.places.recognize.mention import Mention, _Candidate
from claimledger.places.recognize.metonymy import _metonymic
from claimledger.places.recognize.reader import _Reader
from claimledger.places.recognize.tables import PlaceNoun

_SOURCE_RANK = {"ner": 0, "context": 1, "gazetteer": 2, "cyrillic": 3, "alias": 4, "repeat": 5}


def _select(candidates: Iterable[_Candidate], r: _Reader) -> list[_Candidate]:
    """Non-overlapping candidates: the longest first, then by source."""

    def key(c: _Candidate) -> tuple[int, int, int]:
        length = r.doc[c.end - 1].idx + len(r.doc[c.end - 1]) - r.doc[c.start].idx
        return (-length, _SOURCE_RANK[c.source], c.start)

    taken = [False] * r.n
    chosen = []
    for c in sorted(set(candidates), key=key):
        if c.start >= c.end or any(taken[c.start : c.end]):
            continue
        for i in range(c.start, c.end):
            taken[i] = True
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _own_hint(
    r: _Reader, start: int, end: int
) -> tuple[str | None, PlaceNoun | None, PlaceNoun | None]:
    """(hint, the left noun, the right noun) a mention's own context gives."""
    text = r.text(start, end)
    if text in r.t.abbreviations:
        return r.t.abbreviations[text], None, None
    right: PlaceNoun | None = None
    for size in range(min(r.t.longest["nouns"], end - start - 1), 0, -1):
        noun = r.t.nouns.get(tuple(r.low[end - size : end]))
        if noun is not None and noun.after:
            right = noun
            break
    right = right or r.right_noun(end)
    left = r.left_noun(start)
    for noun in (right, left, r.apposition(end)):
        if noun is not None and noun.hint is not None:
            return noun.hint, left, right
    return None, left, right


def _finish(r: _Reader, chosen: list[_Candidate]) -> list[Mention]:
    hints: list[str | None] = []
    lefts: list[PlaceNoun | None] = []
    rights: list[PlaceNoun | None] = []
    for c in chosen:
        hint, left, right = _own_hint(r, c.start, c.end)
        hints.append(hint)
        lefts.append(left)
        rights.append(right)
    # "the villages of A, B and C", "the Donetsk and Luhansk regions": one noun for the list
    for chain in _chains(r, [(c.start, c.end) for c in chosen]):
        shared: str | None = None
        left, right = lefts[chain[0]], rights[chain[-1]]
        if right is not None and right.plural and right.hint:
            shared = right.hint
        elif left is not None and left.hint:
            shared = left.hint
        for k in chain:
            hints[k] = hints[k] or shared
    doc = r.doc
    out = []
    for c, hint in zip(chosen, hints, strict=True):
        start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
        flags = ("metonymic",) if _metonymic(r, c.start, c.end) else ()
        out.append(Mention(start, end, r.doc_text[start:end], c.source, hint, flags))
    return out
