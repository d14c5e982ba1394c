"""Names that their context says are places: cues, place nouns, lists, pairs and datelines.

The small model misses many Ukrainian names; a cue word ("near", "captured", "the village of",
"X Oblast") gives a level of evidence, and `_accepts` decides whether that level, with what the
gazetteer knows of the name, is enough. A list shares its cues ("the villages of A, B and C"),
"from X to Y" marks both names, and a dateline ("KYIV, Ukraine (AP) —") names a place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimledger.places.recognize.mention import KNOWN_ALONE, MAX_NAME_WORDS, _Candidate
from claimledger.places.recognize.reader import _Reader, _Segment
from claimledger.places.recognize.tables import FAINT, MEDIUM, NONE, PLACE, STRONG, WEAK

# Tokens between two names of one list: "A, B and C", "A or B".
_LIST_GAPS = frozenset({(",",), ("and",), ("or",), (",", "and"), (",", "or")})
# What follows a dateline's place: "KYIV, Ukraine (AP) —", "DONETSK, Dec 3 (Reuters) -".
_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})


def _accepts(r: _Reader, start: int, end: int, level: int, known: float) -> bool:
    """Whether a name with this much context evidence is a place (see context_cues.txt)."""
    if r.org_after(end) or (r.not_name(start, end) and level < PLACE):
        return False
    if level >= STRONG:
        return True
    support = known > 0 or r.toponymic(start, end)
    if level == MEDIUM:
        return support or not r.conflict(start, end)
    if level == WEAK:
        return support
    if level == FAINT:
        # "a letter to Putin", "a call from Shoigu": a person's name may be a village somewhere
        return support and (
            r.toponymic(start, end) or known >= KNOWN_ALONE or not r.person(start, end)
        )
    return False


def _name_extent(r: _Reader, seg: _Segment, from_left: bool, level: int) -> tuple[int, int] | None:
    """The name inside a segment that a cue on one side points at."""
    if r.words(seg.start, seg.end) <= 3:
        return seg.start, seg.end
    if level < STRONG:
        return None  # "at George Washington High School": not "George"
    # a long run (a title-case line): only a known part next to the cue
    ends = range(seg.end, seg.start, -1) if from_left else range(seg.start, seg.end)
    for k in ends:
        start, end = (seg.start, k) if from_left else (k, seg.end)
        if r.words(start, end) <= MAX_NAME_WORDS and r.known(r.text(start, end)) > 0:
            return start, end
    if not from_left and seg.noun is not None:
        return seg.end - 1, seg.end
    return None


def _context(
    r: _Reader, segments: list[_Segment], accepted: set[tuple[int, int]]
) -> list[_Candidate]:
    """Names that a cue, a place noun or a list with a recognised place says are places.

    `accepted` holds the token spans already taken by the model; the context candidates found
    are added to it.
    """
    left = [NONE if s.institution else r.left_level(s.start, s.span_end) for s in segments]
    right = [NONE if s.institution else r.right_level(s) for s in segments]
    _pairs(r, segments, left)
    out: dict[int, _Candidate] = {}

    def consider(k: int, level: int) -> None:
        seg = segments[k]
        from_left = left[k] >= right[k]
        extent = _name_extent(r, seg, from_left, level)
        if extent is None:
            return
        start, end = extent
        if end == seg.end:
            end = seg.span_end
        name_end = seg.end if end == seg.span_end else end
        if _accepts(r, start, end, level, r.known(r.text(start, name_end))):
            out[k] = _Candidate(start, end, "context")
            accepted.add((start, end))

    for k in range(len(segments)):
        level = max(left[k], right[k])
        if level > NONE:
            consider(k, level)
    # a list shares its cues: "the villages of A, B and C", "A and B regions", "in A, B and C"
    for chain in _chains(r, [(s.start, s.span_end) for s in segments]):
        first, last = chain[0], chain[-1]
        # a plural noun or a predicate after the last name is about every name of the list
        tail = segments[last]
        shared = max(
            left[first],
            right[last] if _plural_after(r, tail) else NONE,
            r.right_cue(tail.span_end),
        )
        # a recognised place in the list lends support, not proof: "Arlington and Citizen"
        if any(
            k in out or _overlaps_any((segments[k].start, segments[k].span_end), accepted)
            for k in chain
        ):
            shared = max(shared, WEAK)
        for k in chain:
            if k not in out and shared > max(left[k], right[k]):
                consider(k, shared)
    return list(out.values())


def _plural_after(r: _Reader, seg: _Segment) -> bool:
    noun = seg.noun or r.right_noun(seg.span_end)
    return noun is not None and noun.plural


def _pairs(r: _Reader, segments: list[_Segment], left: list[int]) -> None:
    """ "from X to Y", "between X and Y": both names are places."""
    at = {s.start: k for k, s in enumerate(segments)}
    for k, seg in enumerate(segments):
        pair = r.ending_at(r.t.pair_cues, seg.start, "pair")
        if pair is None:
            continue
        middle, level = pair
        e = seg.span_end
        if tuple(r.low[e : e + len(middle)]) == middle and e + len(middle) in at:
            other = at[e + len(middle)]
            left[k] = max(left[k], level)
            left[other] = max(left[other], level)


def _chains(r: _Reader, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Lists of names ("A, B and C"): indices into `spans` (sorted), ending on "and"/"or"."""
    chains = []
    current: list[int] = []
    last_and = 0
    for k, span in enumerate(spans):
        if current:
            prev = spans[current[-1]]
            gap = tuple(r.low[prev[1] : span[0]])
            if gap in _LIST_GAPS:
                current.append(k)
                if gap[-1] in ("and", "or"):
                    last_and = len(current)
                continue
            if last_and >= 2:
                chains.append(current[:last_and])
        current, last_and = [k], 0
    if last_and >= 2:
        chains.append(current[:last_and])
    return chains


def _overlaps_any(span: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _datelines(r: _Reader) -> Iterable[_Candidate]:
    """The place of a news dateline: "KYIV, Ukraine (AP) —", "DONETSK, Dec 3 (Reuters) -"."""
    i = 0
    while i < r.n:
        if not _capitals(r.texts[i]) or not r._initial(i):
            i += 1
            continue
        j = i + 1
        while j < r.n and j - i < 3 and _capitals(r.texts[j]):
            j += 1
        if j < r.n and _dateline_follows(r, j) and not _listed(r, i, j):
            yield _Candidate(i, j, "context")
        i = j


def _capitals(text: str) -> bool:
    return len(text) >= 3 and text.isalpha() and text.isupper()


def _listed(r: _Reader, start: int, end: int) -> bool:
    words = " ".join(r.low[start:end])
    return (
        r.text(start, end) in r.t.abbreviations or words in r.t.not_names or words in r.t.breakers
    )


def _dateline_follows(r: _Reader, j: int) -> bool:
    """A comma or bracket, then within a few tokens of the same line the dateline's dash."""
    if r.doc[j].text in _DATELINE_DASHES and r.doc[j].whitespace_:
        return True  # "BLOOMFIELD — ..."
    if r.doc[j].text not in (",", "("):
        return False
    for k in range(j, min(j + 8, r.n)):
        tok = r.doc[k]
        if tok.is_space or tok.text == ".":
            return False
        if tok.text in _DATELINE_DASHES and tok.whitespace_ and r.doc[k - 1].whitespace_:
            return True
    return False
