"""The places linking compares a claim by, read from its article.

A stored claim's places (claims/where.py) serve the contract: every place its sentence names.
Linking needs the place the claim is *about*, so it reads them again:

- a country ("Ukraine's military said"), a place standing for its government ("Kyiv denied") and
  a place inside the claim's source phrase are not where the event happened;
- "the Belgorod region" is the oblast even when the gazetteer took "Belgorod" for the city
  (data/claims/division_words.tsv);
- a name the article resolves elsewhere means the same place where the recogniser missed it (one
  sense per article: "struck Zaporizhzhia overnight" with "Zaporizhzhia" found further on);
- a claim with no place of its own that refers back ("the town", "the injured", "the claim":
  data/claims/link_anaphora.txt) is about the place of the claim before it in its paragraph,
  else the article's main place; one that does not refer back has no place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from claimledger.link_claim import APPROXIMATE, FRONT, POINT, PlacePoint
from claimledger.model import ArticleRecord, Claim, Place, PlaceMention
from claimledger.tables import cells, table_lines

# not the place of an event: a whole country, or a continent
_WIDE = frozenset({"country", "continent"})
# a settlement the gazetteer can only place at its hromada or raion seat (a KATOTTG village
# GeoNames lacks): its point is not where it is, so it is one place only with itself
_SETTLEMENT_KINDS = frozenset({"city", "town", "settlement", "village"})
TOWN = (POINT, APPROXIMATE)  # the precisions of a settlement's place
# a dateline sits in the first characters of the text
DATELINE_CHARS = 40
# a source named by a pronoun goes on with the account of the speaker before it ("An energy
# facility was hit, he said"): its claim is about that account's place
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
# events a source goes on telling in the sentences after it named their place
GOING_ON = frozenset({"attack", "weapons_seizure", "capture_of_personnel"})
# a capital owning armed forces stands for its state: "Moscow's forces had captured ..."
_STATE_FORCES = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:forces|troops|army|military|soldiers|units|drones|missiles)\b"
)


@cache
def _division_after() -> re.Pattern[str]:
    """A division word right after a name, or after a list of names ("Zaporizhzhia and
    Dnipropetrovsk regions", "the Belgorod, Kursk and Voronezh regions"); group 1 is the word."""
    words = sorted((cells(ln)[0] for ln in table_lines("claims", "division_words.tsv")), key=len)
    alt = "|".join(re.escape(w) for w in reversed(words))
    name = r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?"  # names are capitalised; the word may not be
    return re.compile(rf"(?:\s*,\s*{name})*(?:,?\s+and\s+{name})?\s+((?i:{alt}))\b")


@cache
def _levels() -> dict[str, str]:
    return {(c := cells(ln))[0].lower(): c[1] for ln in table_lines("claims", "division_words.tsv")}


@cache
def _anaphora() -> re.Pattern[str]:
    phrases = sorted(table_lines("claims", "link_anaphora.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def refers_back(text: str) -> bool:
    """Whether a claim's words refer to a place or event told before them."""
    return _anaphora().search(text) is not None


def _place(m: PlaceMention, record: ArticleRecord) -> Place | None:
    # an ambiguous name is linked by its best candidate: two claims naming one town, one
    # article with the context to settle it and one without, are still about one town; but
    # not a reading far from the text's places in a country the text does not name ("the
    # Black Sea" read as a village in Asia)
    if m.place is not None:
        return m.place
    if not m.candidates:
        return None
    best = m.candidates[0]
    if "far_from_context" in m.flags:
        countries = {x.place.country for x in record.places if x.place is not None}
        if best.country not in countries:
            return None
    return best


def _point(p: Place, text: str, end: int) -> PlacePoint | None:
    """The mention as linking compares it: a division when a division word follows it."""
    if p.precision in _WIDE:
        return None
    if p.precision != "point" and p.kind in _SETTLEMENT_KINDS:
        return PlacePoint(p.id, p.lat, p.lon, p.admin1_code, APPROXIMATE)
    after = _division_after().match(text, end)
    level = _levels()[after.group(1).lower()] if after else None
    if level == "admin1" or p.precision == "admin1":
        if p.admin1_code is None:
            return PlacePoint(p.id, p.lat, p.lon, None, "admin1")
        # one id per oblast, however it was written or resolved
        return PlacePoint(f"admin1:{p.admin1_code}", p.lat, p.lon, p.admin1_code, "admin1")
    if level == "admin2" and p.precision == "point":
        return PlacePoint(f"admin2:{p.id}", p.lat, p.lon, p.admin1_code, "admin2")
    if level == FRONT:
        return PlacePoint(f"front:{p.id}", p.lat, p.lon, p.admin1_code, FRONT)
    return PlacePoint(p.id, p.lat, p.lon, p.admin1_code, p.precision)


def _usable(m: PlaceMention, claim: Claim, p: Place, text: str) -> bool:
    if "metonymic" in m.flags:
        return False  # "Kyiv denied": the government, not where anything happened
    if p.kind == "PPLC" and _STATE_FORCES.match(text, m.end):
        return False
    span = claim.source_span
    return not (span is not None and span.start <= m.start and m.end <= span.end)


def _paragraph(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _dateline(m: PlaceMention) -> bool:
    """ "KYIV, Ukraine (AP) -": where the report was filed, written in capitals at the top."""
    return m.start < DATELINE_CHARS and m.text.isupper()


def _main_place(record: ArticleRecord) -> PlacePoint | None:
    """The town the article names most often (divisions, countries and the dateline aside);
    of towns named as often, the first (the lead names what the article is about)."""
    text = record.article.text
    counts: dict[str, int] = {}
    points: dict[str, PlacePoint] = {}
    for m in record.places:
        p = _place(m, record)
        if p is None or "metonymic" in m.flags or _dateline(m):
            continue
        q = _point(p, text, m.end)
        if q is not None and q.precision == "point":
            counts[q.id] = counts.get(q.id, 0) + 1
            points.setdefault(q.id, q)
    if not counts:
        return None
    return points[max(counts, key=lambda k: counts[k])]  # the first of the most named


def _unrecognised(record: ArticleRecord, claim: Claim) -> list[PlacePoint]:
    """Names inside the claim that the recogniser missed there but resolved elsewhere in the
    article to a town (the same name means the same place within one article)."""
    text = record.article.text
    lo, hi = claim.content_span.start, claim.content_span.end
    found: list[PlacePoint] = []
    seen: set[str] = set()
    for m in record.places:
        p = _place(m, record)
        if p is None or p.precision != "point" or m.text in seen or "metonymic" in m.flags:
            continue
        for hit in re.finditer(rf"\b{re.escape(m.text)}\b", text[lo:hi]):
            start = lo + hit.start()
            if any(o.start <= start < o.end for o in record.places):
                continue
            q = _point(p, text, start + len(m.text))
            if q is not None and q.precision == "point":
                seen.add(m.text)
                found.append(q)
                break
    return found


def link_places(record: ArticleRecord) -> dict[str, tuple[PlacePoint, ...]]:
    """Each claim's places for linking, by claim id (see the module docstring)."""
    text = record.article.text
    mentions = {m.id: m for m in record.places}
    speakers = {s.id: s.name.lower() for s in record.sources}
    main = _main_place(record)
    out: dict[str, tuple[PlacePoint, ...]] = {}
    before: tuple[int, tuple[PlacePoint, ...]] | None = None  # the last claim with places
    before_speaker: str | None = None  # and the source it came from
    for claim in sorted(record.claims, key=lambda c: c.start):
        content = _content(record, claim)
        lo, hi = claim.content_span.start, claim.content_span.end
        inside: list[PlacePoint] = []
        near: list[PlacePoint] = []  # in its sentence, outside its words
        if "place_inferred" not in claim.flags:
            for mention_id in claim.places:
                m = mentions.get(mention_id)
                p = _place(m, record) if m is not None else None
                if m is None or p is None or not _usable(m, claim, p, text):
                    continue
                q = _point(p, text, m.end)
                if q is not None:
                    (inside if lo <= m.start and m.end <= hi else near).append(q)
        own = inside or _unrecognised(record, claim)
        paragraph = _paragraph(text, claim.start)
        places = first_places(own)
        pronoun = bool(claim.chain) and speakers.get(claim.chain[0]) in PRONOUNS
        if not places and before is not None and pronoun:
            places = before[1]
        elif not places and (claim.type == "denial" or refers_back(content)):
            # "the town", "the claim": what the claims before it were about; the nearest town
            # before it (a quote's "the village" after the paragraph that named it), else the
            # town the article names most ("the site" after a list of regions)
            town = before is not None and before[1][0].precision in TOWN
            if before is not None and (town or before[0] == paragraph):
                places = before[1]
            elif main is not None:
                places = (main,)
        if not places:
            places = first_places(near)
        speaker = claim.chain[0] if claim.chain else None
        # the same source going on with its account of a strike ("A warehouse caught fire, he
        # said"), a find or an arrest ("The cache held four grenade launchers") speaks of the
        # town it just named; a tally of losses is the front's, not a town's
        going_on = speaker is not None and speaker == before_speaker and claim.type in GOING_ON
        if not places and going_on and before is not None and before[1][0].precision in TOWN:
            places = before[1]
        out[claim.id] = places
        if places:
            before, before_speaker = (paragraph, places), speaker
    return out


def _content(record: ArticleRecord, claim: Claim) -> str:
    return record.article.text[claim.content_span.start : claim.content_span.end]


def first_places(points: Sequence[PlacePoint]) -> tuple[PlacePoint, ...]:
    """Towns before divisions: the claim is about the town named in it, "in the region" says
    where the town is (keeps the order the claims stage gave within each kind)."""
    return tuple(sorted(points, key=lambda p: p.precision not in TOWN))
