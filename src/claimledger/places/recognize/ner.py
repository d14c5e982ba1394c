"""The model's entities as mentions: GPE and LOC, and FAC when it names a locatable facility.

An entity is trimmed of "the", possessives and lower-case edges, cut after a capitalised place
noun, and split when the model merged a list ("Donetsk and Luhansk"); demonyms and names of
organisations are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger.places.recognize.mention import _Candidate
from claimledger.places.recognize.reader import _Reader
from claimledger.places.recognize.tables import PLACE


def _trim(r: _Reader, start: int, end: int, *, keep_lower: bool = False) -> tuple[int, int]:
    """Drop a leading "the", possessive "'s", punctuation and (unless FAC) lower-case edges."""
    doc = r.doc

    def loose(i: int) -> bool:
        tok = doc[i]
        if tok.is_punct or tok.is_space or tok.is_quote or r.low[i] in ("the", "'s", "'"):
            return True
        return not keep_lower and not tok.text[0].isupper()

    while start < end and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    return start, end


def _ner(r: _Reader) -> Iterable[_Candidate]:
    for ent in r.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        if ent.label_ == "FAC":
            start, end = _trim(r, ent.start, ent.end, keep_lower=True)
            heads = r.t.facility_heads
            last_two = tuple(r.low[max(start, end - 2) : end])
            if start < end and (last_two in heads or last_two[-1:] in heads):
                yield _Candidate(start, end, "ner")
            continue
        start, end = _trim(r, ent.start, ent.end)
        end = _cut_after_noun(r, start, end)
        for piece in _split_list(r, start, end):
            if _ner_piece_ok(r, *piece):
                yield _Candidate(*piece, "ner")


def _cut_after_noun(r: _Reader, start: int, end: int) -> int:
    """ "Pokrovsk Region Amid Escalating" (a title-case line) -> "Pokrovsk Region"."""
    for j in range(start + 1, end):
        hit = r.starting_at(r.t.nouns, j, "nouns")
        if hit is not None and hit[0].after and r.doc[j].text[0].isupper() and j + hit[1] < end:
            return j + hit[1]
    return end


def _split_list(r: _Reader, start: int, end: int) -> list[tuple[int, int]]:
    """ "Donetsk and Luhansk" merged by the model -> two names (not "Bosnia and Herzegovina")."""
    if start >= end:
        return []
    cuts = [i for i in range(start, end) if r.low[i] in (",", "and", "or", "&")]
    if not cuts:
        return [(start, end)]
    whole = " ".join(r.low[start:end])
    if "," not in r.low[start:end] and (whole in r.t.whole_names or r.known(r.text(start, end))):
        return [(start, end)]
    pieces = []
    a = start
    for c in [*cuts, end]:
        s, e = _trim(r, a, c)
        if s < e:
            pieces.append((s, e))
        a = c + 1
    return pieces


def _ner_piece_ok(r: _Reader, start: int, end: int) -> bool:
    if end - start == 1 and r.demonym(start):
        return False  # "Ukrainian" tagged GPE in "known in Ukrainian as"
    if r.org_after(end):
        return False
    return not (r.not_name(start, end) and r.left_level(start, end) < PLACE)
