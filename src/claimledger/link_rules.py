"""Whether two claims state the same thing: the rules of same-claim linking (see link.py).

Two claims are one when their kinds are compatible, their places coincide (the same place, a
few kilometres apart, or one inside the other's division), their dates overlap given their
precision, and their figures agree; when no place says it, when one origin says it in nearly the
same words or figures, or two origins in nearly the same sentence.
"""

from __future__ import annotations

import math
import re

from rapidfuzz import fuzz

from claimledger.link_claim import APPROXIMATE, FRONT, LinkClaim, PlacePoint

# places closer than this are one place written two ways (a town and its district, two
# gazetteer ids for one village); a neighbouring village is farther
SAME_PLACE_KM = 5.0
# days two dated claims may be apart: reports of "overnight" or "yesterday" straddle midnight
DATE_SLACK = 1
# days between two reports of one side taking one place (see _same_capture)
CAPTURE_SLACK = 6
# a claim over more days than this is a summary ("this month"), not one event's date
RANGE_DAYS = 3
# days between publications when a claim has no date of its own
PUBLISHED_SLACK = 2
# two claims with no place in common must say nearly the same thing, from the same origin
SAME_WORDS = 80.0
# two claims from different origins with no place in common are one claim only in nearly the
# same sentence (character-level ratio), of enough words to say something
SAME_SENTENCE = 90.0
SAME_SENTENCE_TOKENS = 5
# a figure this large is rarely repeated by chance ("two tanks" is; "86 drones" is not)
DISTINCT_FIGURE = 10.0
# a claim about a whole division joined to one inside it needs words in common too
CONTAINED_WORDS = 55.0
# a division-level claim's place: admin1/admin2 (point claims carry their admin1 code)
DIVISIONS = frozenset({"admin1", "admin2"})
# families whose claims are linked by place and date; statements and accusations link only
# by origin and words
LINKED = frozenset({"ground", "violence", "capture_of_personnel", "weapons_seizure", "deployment"})


def same_claim(
    a: LinkClaim, b: LinkClaim, norm_a: str | None = None, norm_b: str | None = None
) -> bool:
    """Whether two claims state the same thing (see the module docstring)."""
    if not _kinds_meet(a, b) or not _dates_meet(a, b):
        return False

    def words() -> float:  # compared only when needed: the costliest test
        return float(
            fuzz.token_set_ratio(
                norm_a if norm_a is not None else normalise(a.text),
                norm_b if norm_b is not None else normalise(b.text),
            )
        )

    if _answers_before(a, b) or _answers_before(b, a):
        return False
    if a.family in LINKED or b.family in LINKED:
        place = _place_match(a, b)
        if place == "same":
            return _figures_compatible(a, b) or a.origin != b.origin
        if place == "contained":
            return a.origin == b.origin and words() >= CONTAINED_WORDS
        if a.places and b.places:
            return False
    if not _figures_compatible(a, b):
        return False
    # no place in common to go by: one origin in nearly the same words; or any origins in
    # nearly the same sentence (a rewrite, or an anonymous source quoted twice), whose places
    # did not disagree (see above) and whose days meet
    if a.origin == b.origin:
        return words() >= SAME_WORDS or _shared_figure(a, b)
    if a.places and b.places and _place_match(a, b) is None:
        return False  # two origins' statements about two places
    return _near_same(a, b, norm_a, norm_b)


def _near_same(a: LinkClaim, b: LinkClaim, norm_a: str | None, norm_b: str | None) -> bool:
    if a.day is None or b.day is None or abs(a.day - b.day) > DATE_SLACK:
        return False
    x = norm_a if norm_a is not None else normalise(a.text)
    y = norm_b if norm_b is not None else normalise(b.text)
    if min(x.count(" "), y.count(" ")) + 1 < SAME_SENTENCE_TOKENS:
        return False  # "the claim", "a capture": too short to tell two claims apart by
    return fuzz.ratio(x, y) >= SAME_SENTENCE


def _kinds_meet(a: LinkClaim, b: LinkClaim) -> bool:
    if a.wildcard or b.wildcard:
        # a bare denial is taken to be about a claim of ground taken, the usual one denied
        return (a.family == "ground" or a.wildcard) and (b.family == "ground" or b.wildcard)
    if a.family != b.family or not (a.side and b.side and a.side != b.side):
        return a.family == b.family
    if a.family == "ground":
        # Russia taking a village and Ukraine taking it back are two events, as are a Russian
        # assault and a Ukrainian counterattack repelled there; a capture and its denial, or
        # "still held", are accounts of one fight whichever side they happen to name
        return not (_names_attacker(a) and _names_attacker(b))
    # one side's losses and the other's are two tallies
    return not (a.type == b.type == "losses")


def _answers_before(a: LinkClaim, b: LinkClaim) -> bool:
    """Whether `a`, a denial of a capture or a claim that the ground held, is dated before the
    capture `b` it would contradict: a contradiction answers a claim, so an assault repelled
    the day before a capture is an earlier fight, not a denial of it."""
    if a.family != "ground" and not a.wildcard:
        return False
    if _names_attacker(a) or b.type != "territorial_control" or not _names_attacker(b):
        return False
    if a.start is None or b.start is None:
        return False
    return (a.end if a.end is not None else a.start) < b.start


def _names_attacker(c: LinkClaim) -> bool:
    """A claim whose side is the one that attacked: it took the ground, or its assault failed
    (not a denial or a claim that the ground is still held, whose side is inferred)."""
    if c.type == "territorial_control":
        return not c.repelled and c.status != "denied"
    return c.repelled


def _figures_compatible(a: LinkClaim, b: LinkClaim) -> bool:
    """One origin's figures for one thing do not change between retellings; another day's
    report from the same origin does ("lost 900 soldiers" vs "lost 1,100 soldiers")."""
    ours = {(c, o): v for c, o, v in a.quantities}
    for c, o, v in b.quantities:
        w = ours.get((c, o))
        if w is not None and not math.isclose(v, w, rel_tol=0.05):
            return False
    return True


def _shared_figure(a: LinkClaim, b: LinkClaim) -> bool:
    """One origin giving the same distinctive figure for the same thing on the same days is
    one claim told twice ("launched 86 drones ... overnight"), in whatever words."""
    ours = {(c, o): v for c, o, v in a.quantities}
    return any(v >= DISTINCT_FIGURE and ours.get((c, o)) == v for c, o, v in b.quantities)


def _dates_meet(a: LinkClaim, b: LinkClaim) -> bool:
    if a.ongoing != b.ongoing:
        return False  # "almost daily since May" is not one day's strike
    if a.start is not None and b.start is not None:
        a_end = a.end if a.end is not None else a.start
        b_end = b.end if b.end is not None else b.start
        if (a_end - a.start > RANGE_DAYS) != (b_end - b.start > RANGE_DAYS):
            return False  # "every night this month" is not one night's strike
        if a.tally and b.tally:
            return a_end == b_end  # yesterday's tally of the same front is another claim
        gap = max(a.start, b.start) - min(a_end, b_end)
        if _same_capture(a, b):
            return gap <= CAPTURE_SLACK
        # the slack is for a night told as one day; a date already given as the night's two
        # days ("overnight on November 18": the 17th and 18th) has it
        return gap <= (DATE_SLACK if a_end == a.start and b_end == b.start else 0)
    # an undated claim of who holds ground tells the state on the day it is reported
    slack = DATE_SLACK if a.family == b.family == "ground" else PUBLISHED_SLACK
    if a.start is not None and b.published is not None:
        return _reported_by(a.start, b.published, slack)
    if b.start is not None and a.published is not None:
        return _reported_by(b.start, a.published, slack)
    da, db = a.day, b.day
    if da is None or db is None:
        return True  # nothing to tell them apart by date
    return abs(da - db) <= PUBLISHED_SLACK


def _reported_by(day: int, published: int, slack: int) -> bool:
    """Whether an undated claim published on `published` can be about an event of `day`: a
    report comes after what it tells (a day's grace for time zones), and soon after it."""
    return -slack <= day - published <= DATE_SLACK


def _same_capture(a: LinkClaim, b: LinkClaim) -> bool:
    """Two reports of one side taking one place: a capture is confirmed days after it is
    claimed, and a side does not take the same village twice in a week."""
    return (
        a.type == b.type == "territorial_control"
        and not a.repelled
        and not b.repelled
        and a.side is not None
        and a.side == b.side
    )


def _km(p: PlacePoint, q: PlacePoint) -> float:
    assert p.lat is not None and p.lon is not None and q.lat is not None and q.lon is not None
    mean_lat = math.radians((p.lat + q.lat) / 2)
    dx = math.radians(q.lon - p.lon) * math.cos(mean_lat)
    dy = math.radians(q.lat - p.lat)
    return 6371.0 * math.hypot(dx, dy)


def _place_match(a: LinkClaim, b: LinkClaim) -> str | None:
    """ "same" when the places the claims are about first (the claims stage puts the place
    nearest the event word first: "took Rodynske, near Pokrovsk") are one place, or a few km
    apart; "contained" when one is a division the other's place lies in; else None."""
    if not a.places or not b.places:
        return None
    p, q = a.places[0], b.places[0]
    if p.id == q.id:
        return "same"
    if {p.precision, q.precision} & {APPROXIMATE, FRONT}:
        # a village placed at its hromada's seat is not that seat, nor near it; the front
        # named after a town is not the town
        return None
    p_div, q_div = p.precision in DIVISIONS, q.precision in DIVISIONS
    if not p_div and not q_div:
        if None not in (p.lat, p.lon, q.lat, q.lon) and _km(p, q) <= SAME_PLACE_KM:
            return "same"
        return None
    if p.admin1_code and p.admin1_code == q.admin1_code:
        return "contained"
    return None


_PUNCT = re.compile(r"[^\w\s]+")


def normalise(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())
