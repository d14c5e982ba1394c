"""Names found by look-up alone, with no cue: well-known gazetteer names and abbreviations.

A name without context must be well-known (a country, a large city), and the model's labels and
the words around can still deny it ("Paris" in "Paris Hilton", "the Azov regiment").
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger.places.recognize.mention import KNOWN_ALONE, MAX_NAME_WORDS, _Candidate
from claimledger.places.recognize.reader import _CONFLICT_LABELS, _Reader, _Segment

# The small model calls a well-known city a PERSON or ORG now and then ("the Kyiv regime");
# a name with no cue overrules such a label only when it is this well-known.
KNOWN_OVER_LABEL = 0.85


def _abbreviations(r: _Reader) -> Iterable[_Candidate]:
    # a lookup in a name table, like the gazetteer's
    for i, text in enumerate(r.texts):
        if text in r.t.abbreviations:
            yield _Candidate(i, i + 1, "gazetteer")


def _gazetteer(r: _Reader, segments: list[_Segment]) -> Iterable[_Candidate]:
    """Well-known names with no cue: the longest known part of each run, left to right."""
    for seg in segments:
        i = seg.start
        while i < seg.end:
            if not r._shaped(i):
                i += 1
                continue
            found = None
            for j in range(seg.end, i, -1):
                if not r._shaped(j - 1) or r.words(i, j) > MAX_NAME_WORDS:
                    continue
                if r.known(r.text(i, j)) >= KNOWN_ALONE:
                    found = j
                    break
            if found is None:
                i += 1
                continue
            end = seg.span_end if found == seg.end else found
            if _known_alone_ok(r, i, found, end):
                yield _Candidate(i, end, "gazetteer")
            i = found


def _known_alone_ok(r: _Reader, start: int, name_end: int, end: int) -> bool:
    """A well-known name with no cue, unless the model's labels or the words around deny it."""
    if r.org_after(end) or r.not_name(start, name_end):
        return False
    for k in {r.ent_of[i] for i in range(start, name_end)} - {-1}:
        ent = r.ents[k]
        if ent.label_ == "PERSON" and (ent.start < start or ent.end > name_end):
            return False  # "Paris" in "Paris Hilton"
        # the same words labelled PERSON/ORG: the label may be the small model's mistake
        if ent.label_ in _CONFLICT_LABELS and (ent.start, ent.end) == (start, name_end):
            return r.known(r.text(start, name_end)) >= KNOWN_OVER_LABEL or r.toponymic(
                start, name_end
            )
    # inside a longer ORG ("the Ohio Department of Health") the name still names its place
    return True
