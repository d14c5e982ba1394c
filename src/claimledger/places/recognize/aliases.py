"""Alias statements: "Pokrovsk, formerly Krasnoarmiisk", "X, known in Ukrainian as Y".

The phrases of alias_cues.txt tie two names together. `_aliases` finds names that are places
only because such a phrase ties them to one; `find_aliases` reports which mentions the text says
name one place.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from claimledger.places.recognize.mention import Mention, _Candidate, _unknown
from claimledger.places.recognize.reader import _Reader, _Segment
from claimledger.places.recognize.tables import AliasTemplate, Tables, load_tables


def _skip_quotes(r: _Reader, i: int) -> int:
    while i < r.n and r.doc[i].is_quote:
        i += 1
    return i


def _match_alias(
    r: _Reader, template: AliasTemplate, a_end: int, spans_at: Mapping[int, tuple[int, int]]
) -> tuple[int, int] | None:
    """The second name of `template` after a first name ending at token `a_end`, if it matches."""
    i = _skip_quotes(r, a_end)
    for allowed in template.middle:
        if i >= r.n or r.low[i] not in allowed:
            return None
        i += 1
    b = spans_at.get(_skip_quotes(r, i))
    if b is None:
        return None
    j = _skip_quotes(r, b[1])
    for allowed in template.after:
        if j >= r.n or r.low[j] not in allowed:
            return None
        j += 1
    return b


def _aliases(r: _Reader, chosen: list[_Candidate], segments: list[_Segment]) -> list[_Candidate]:
    """Names that an alias phrase ties to a place ("Pokrovsk, formerly Krasnoarmiisk")."""
    found = {(c.start, c.end) for c in chosen}
    names = dict.fromkeys(found, True)
    for seg in segments:
        if r.words(seg.start, seg.end) <= 3:
            names.setdefault((seg.start, seg.span_end), False)
    starts = {s: (s, e) for (s, e) in sorted(names, key=lambda sp: sp[0] - sp[1])}
    out = []
    for (a_start, a_end), a_found in names.items():
        opener = _skip_quotes(r, a_end)
        if opener >= r.n or r.low[opener] not in r.t.alias_openers:
            continue
        for template in r.t.aliases:
            b = _match_alias(r, template, a_end, starts)
            if b is None:
                continue
            b_found = names.get(b, False)
            if not (template.strength == "strong" or a_found or b_found):
                continue
            for span, is_found in (((a_start, a_end), a_found), (b, b_found)):
                if is_found or r.org_after(span[1]) or r.not_name(*span):
                    continue
                if template.strength == "loose" and r.conflict(*span):
                    continue  # "Kyiv, now Zelensky says ..."
                out.append(_Candidate(*span, "alias"))
    return out


def find_aliases(
    doc: Doc, mentions: list[Mention], *, tables: Tables | None = None
) -> list[tuple[int, int]]:
    """Pairs (i, j) of indices into `mentions` that the text says name one place.

    The phrases are those of alias_cues.txt ("X, known in Ukrainian as Y", "Y, formerly X"),
    matched between two mentions, whatever their source.
    """
    r = _Reader(doc, _unknown, tables or load_tables())
    index: dict[tuple[int, int], int] = {}
    for k, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            index[(span.start, span.end)] = k
    starts = {s: (s, e) for (s, e) in index}
    pairs = set()
    for (_, a_end), i in index.items():
        for template in r.t.aliases:
            b = _match_alias(r, template, a_end, starts)
            if b is not None and index[b] != i:
                pairs.add((i, index[b]))
    return sorted(pairs)
