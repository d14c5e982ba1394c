"""Resolution: each mention's gazetteer candidates, scored by name, prominence and the document.

Two passes. The first scores every mention on its own; countries, first-level divisions and
clear-cut places become the document's context (its countries, its divisions, its points). The
second scores again with that context, each mention leaving out its own contribution. A mention is
`resolved` only when the evidence is strong, else `ambiguous` with its candidates, or `unresolved`.
Every mention is scored inside its own error guard: one failure never touches another's result.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from rapidfuzz import fuzz

from claimledger.model import Candidate, Place, PlaceMention
from claimledger.places.gazetteer import Entry, Gazetteer
from claimledger.places.geo import km
from claimledger.places.names import fold, romanizations, russian_form, skeleton
from claimledger.places.tables import (
    admin1_abbreviations,
    country_aliases,
    demonyms,
    region_aliases,
)

log = logging.getLogger(__name__)

# words after a name that say what kind of place it is ("the Donetsk region", "Pokrovsk direction")
SUFFIX_HINTS = {
    "region": "admin1",
    "oblast": "admin1",
    "province": "admin1",
    "governorate": "admin1",
    "krai": "admin1",
    "republic": "admin1",
    "district": "admin2",
    "raion": "admin2",
    "rayon": "admin2",
    "county": "admin2",
    "direction": "front",
    "sector": "front",
    "axis": "front",
    "front": "front",
    "area": "front",
    "pocket": "front",
    "bridgehead": "front",
    "salient": "front",
    "city": "settlement",
    "town": "settlement",
    "village": "settlement",
    "settlement": "settlement",
}
PREFIX_WORDS = {
    "mikrorayon",
    "microdistrict",
    "selo",
    "posyolok",
    "poselok",
    "selyshche",
    "village",
    "town",
    "city",
    "settlement",
    "hamlet",
    "urban-type",
}
COUNTRY_KINDS = {"PCLI", "PCLD", "PCLS", "PCLF", "PCL", "PCLIX", "TERR"}
ADMIN1_KINDS = {"ADM1", "ADM1H"}
ADMIN2_KINDS = {"ADM2", "ADM2H"}
CONTINENT_KINDS = {"CONT"}

# Weights of the score's parts; each part lies in 0..1.
W_NAME, W_PROMINENCE, W_KIND, W_COUNTRY, W_ADMIN1, W_NEAR, W_ALIAS = (
    3.0,
    2.0,
    1.0,
    1.0,
    0.8,
    0.8,
    1.5,
)
TEMPERATURE = 0.35  # softmax over scores: lower = more decisive
RESOLVE_AT = 0.55  # confidence needed for `resolved`
FAR_KM = 500.0
EXACT_COMPANIONS = 0.9  # with an exact match, keep only candidates at least this similar
READINGS = 5  # readings of each other name that the context weighs
CAPITAL_OVER_DIVISION = 0.5  # a bare name: the town over the division only short for it
# a village cities500 lacks: enough to stand beside a fuzzy namesake with a population, too
# little for many namesakes together to outweigh a city
UNKNOWN_POPULATION = 30
SAME_WRITING = 80.0  # fuzz.ratio of two folded names that look like one name spelled two ways


@dataclass(frozen=True)
class Target:
    """A span to resolve: from recognition, or given (benchmarks with gold spans)."""

    start: int
    end: int
    text: str
    hint: str | None = None
    flags: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # fuller names to try first ("Clay County" for "Clay counties")


@dataclass
class _Scored:
    target: Target
    candidates: list[Entry] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)
    forced: tuple[str, ...] = ()  # candidate ids a table says it means (DPR -> Donetsk Oblast)
    boost: dict[str, float] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def top(self) -> Entry | None:
        return self.candidates[0] if self.candidates else None

    @property
    def top_prob(self) -> float:
        return self.probs[0] if self.probs else 0.0


def _strip(text: str) -> str:
    text = text.strip().strip(".,;:!?\"'“”‘’«»()[]")
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def query_forms(text: str, hint: str | None) -> tuple[list[str], str | None]:
    """Names to look up for a mention, most specific first, and the hint its words give."""
    core = _strip(text)
    words = core.split()
    if len(words) > 1 and words[0].lower() in PREFIX_WORDS:
        # "Mikrorayon Krasnoarmeysk", "Selo Ivanivka": a generic word written as part of the name
        hint = hint or "settlement"
        words = words[1:]
        core = " ".join(words)
    forms = [core]
    if len(words) > 1 and words[-1].lower() in SUFFIX_HINTS:
        hint = hint or SUFFIX_HINTS[words[-1].lower()]
        forms.append(" ".join(words[:-1]))
    return forms, hint


# "Clay and Jackson counties": the noun after a span says what kind of place it names
_NOUN_AFTER = re.compile(
    r"\s+(county|counties|parish|parishes|oblast|oblasts|region|regions|province|provinces|"
    r"district|districts|raion|raions)\b",
    re.IGNORECASE,
)
_SINGULAR = {
    "counties": "county",
    "parishes": "parish",
    "oblasts": "oblast",
    "regions": "region",
    "provinces": "province",
    "districts": "district",
    "raions": "raion",
}


def target_in_text(text: str, start: int, end: int) -> Target:
    """A Target for a given span, with what the word right after it says about it."""
    name = text[start:end]
    after = _NOUN_AFTER.match(text, end)
    if after is None or name.split()[-1].lower() in SUFFIX_HINTS:
        return Target(start, end, name)
    noun = after.group(1).lower()
    noun = _SINGULAR.get(noun, noun)
    return Target(
        start, end, name, hint=SUFFIX_HINTS.get(noun), forms=(f"{_strip(name)} {noun.title()}",)
    )


def _core_key(text: str) -> str:
    """The name without generic words before or after it: Krasnoarmeysk for "Mikrorayon
    Krasnoarmeysk" and for "the Krasnoarmeysk direction"."""
    words = query_forms(text, None)[0][-1].split()
    if len(words) > 1 and words[0].lower() in PREFIX_WORDS:
        words = words[1:]
    return fold(" ".join(words))


def prominence(entry: Entry) -> float:
    if entry.kind in COUNTRY_KINDS:
        return 1.0
    if entry.kind in CONTINENT_KINDS:
        return 0.9
    if entry.kind in ADMIN1_KINDS:
        return 0.8
    if entry.kind in ADMIN2_KINDS:
        return 0.45
    # a settlement listed without a population (Ukraine's codifier lists none) is a village of
    # unknown size, not an empty one: a small one (see UNKNOWN_POPULATION)
    population = entry.population or (UNKNOWN_POPULATION if entry.feature_class == "P" else 0)
    base = min(1.0, math.log10(population + 1) / 7.0)
    return min(1.0, base + (0.2 if entry.kind == "PPLC" else 0.1 if entry.kind == "PPLA" else 0.0))


def _kind_fit(entry: Entry, hint: str | None) -> float:
    if hint is None:
        return 0.5
    if hint == "country":
        return 1.0 if entry.kind in COUNTRY_KINDS else 0.0
    if hint == "admin1":
        # "the Pokrovsk region" is the area around a town as often as an oblast
        return 1.0 if entry.kind in ADMIN1_KINDS else 0.6
    if hint == "admin2":
        return 1.0 if entry.kind in ADMIN2_KINDS else 0.2
    # settlements, and fronts named after the town they lead to
    return 1.0 if entry.feature_class == "P" else 0.2


class Resolver:
    """Scores mentions against a gazetteer; the gazetteer is injected (a service object)."""

    def __init__(self, gazetteer: Gazetteer, *, limit: int = 30) -> None:
        self.gazetteer = gazetteer
        self.limit = limit

    # -- candidates ---------------------------------------------------------------------------
    def candidates(self, target: Target) -> tuple[list[Entry], tuple[str, ...], str | None]:
        forms, hint = query_forms(target.text, target.hint)
        forms = [*target.forms, *forms]
        key = fold(forms[len(target.forms)])
        alias = region_aliases().get(key) or admin1_abbreviations().get(key)
        if alias is not None:
            country, divisions = alias
            entries = [e for name in divisions for e in self._division(country, name)]
            return entries, tuple(e.id for e in entries), "admin1"
        country_code = country_aliases().get(key) or demonyms().get(key)
        if country_code is not None:
            entry = self.gazetteer.country_entry(country_code)
            if entry is not None:
                return [entry], (entry.id,), "country"
        best: dict[str, Entry] = {}
        # exact and same-skeleton names first; the costlier fuzzy search only for a name the
        # gazetteer does not know as written (a garble)
        for fuzzy in (False, True):
            for form in forms:
                found = self.gazetteer.lookup(form, fuzzy=fuzzy, limit=self.limit)
                for entry in map(partial(_respell, form), found):
                    known = best.get(entry.id)
                    if known is None or entry.similarity > known.similarity:
                        best[entry.id] = entry
                if any(e.similarity >= 0.999 for e in best.values()):
                    break  # the full form matched exactly: no need for the shorter one
            if any(e.similarity >= 0.999 for e in best.values()):
                break
        entries = list(best.values())
        if any(e.similarity >= 0.999 for e in entries):
            # fuzzy neighbours are for garbled names; a name the gazetteer knows as written
            # competes only with its close spellings
            entries = [e for e in entries if e.similarity >= EXACT_COMPANIONS]
        return entries, (), hint

    def _division(self, country: str, name: str) -> list[Entry]:
        return [
            e
            for e in self.gazetteer.lookup(name, fuzzy=False, limit=self.limit)
            if e.country == country and e.kind in ADMIN1_KINDS
        ][:1]

    # -- scoring ------------------------------------------------------------------------------
    def resolve(
        self,
        targets: Sequence[Target],
        aliases: Sequence[tuple[int, int]] = (),
        containers: Sequence[tuple[int, int]] = (),
    ) -> list[PlaceMention]:
        scored: list[_Scored] = []
        for target in targets:
            item = _Scored(target=target)
            try:
                item.candidates, item.forced, hint = self.candidates(target)
                item.target = replace(target, hint=hint)
            except Exception:  # one mention's failure never affects another's result
                log.exception("place candidates failed for %r", target.text)
            scored.append(item)
        self._apply_aliases(scored, aliases)
        self._apply_containers(scored, containers)
        self._score(scored, context=None)
        context = _Context.from_scored(scored)
        self._score(scored, context=context)
        self._one_sense_per_name(scored)
        context = _Context.from_scored(scored)
        self._score(scored, context=context)
        return [self._mention(i, item, context) for i, item in enumerate(scored, start=1)]

    def _apply_aliases(self, scored: list[_Scored], aliases: Sequence[tuple[int, int]]) -> None:
        """ "X, known in Ukrainian as Y": a place both names share is strong evidence for it."""
        for i, j in aliases:
            a, b = scored[i], scored[j]
            common = {e.id for e in a.candidates} & {e.id for e in b.candidates}
            if not common:
                if a.candidates and b.candidates:
                    a.flags.add("alias_conflict")
                    b.flags.add("alias_conflict")
                continue
            for item in (a, b):
                for place_id in common:
                    item.boost[place_id] = item.boost.get(place_id, 0.0) + W_ALIAS

    def _apply_containers(
        self, scored: list[_Scored], containers: Sequence[tuple[int, int]]
    ) -> None:
        """ "X, a village in the Y region": X's readings inside Y are strongly preferred."""
        for i, j in containers:
            # the division's readings, and the admin1 of any town it is named after
            codes = {e.admin1_code for e in scored[j].candidates}
            codes.discard(None)
            item = scored[i]
            for entry in item.candidates:
                if entry.admin1_code in codes and entry.kind not in ADMIN1_KINDS:
                    item.boost[entry.id] = item.boost.get(entry.id, 0.0) + W_ALIAS

    def _one_sense_per_name(self, scored: list[_Scored]) -> None:
        """A name means one place within one text: where one of its mentions is settled (an
        alias statement, a fuller form), the others lean to the same place.

        A garble leans the same way: a name that is no place's exact name, written much like a
        settled name of the same text and fuzzily matching that same place, is most likely the
        writer's other spelling of it ("Krasnoarmskoye" beside a settled "Krasnoarmiysk")."""
        settled: dict[str, str] = {}
        for item in scored:
            top = item.top
            if top is not None and item.top_prob * _name_certainty(top.similarity) >= RESOLVE_AT:
                settled.setdefault(_core_key(item.target.text), top.id)
        for item in scored:
            key = _core_key(item.target.text)
            place_ids = {settled[key]} if key in settled else _respelled(key, item, settled)
            for place_id in place_ids:
                if any(e.id == place_id for e in item.candidates):
                    item.boost[place_id] = max(item.boost.get(place_id, 0.0), W_ALIAS)

    def _score(self, scored: list[_Scored], context: _Context | None) -> None:
        for index, item in enumerate(scored):
            try:
                self._score_one(index, item, context)
            except Exception:
                log.exception("place scoring failed for %r", item.target.text)
                item.candidates, item.scores, item.probs = [], [], []

    def _score_one(self, index: int, item: _Scored, context: _Context | None) -> None:
        if not item.candidates:
            return
        scores = []
        # a bare name shared by a town and a division only short for it ("Dnepropetrovsk" for
        # Dnipropetrovska oblast) is the town: the division is written with its word ("the
        # Kharkiv region"); a division called so (the province of Istanbul) stays in the running
        divisions = (
            {
                (e.admin1_code, skeleton(e.matched_name))
                for e in item.candidates
                if e.kind in ADMIN1_KINDS and fold(e.matched_name) != fold(e.name)
            }
            if item.target.hint is None
            else set()
        )
        for entry in item.candidates:
            score = (
                W_NAME * entry.similarity
                + W_PROMINENCE * prominence(entry)
                + W_KIND * _kind_fit(entry, item.target.hint)
                + item.boost.get(entry.id, 0.0)
                + (1.0 if entry.id in item.forced else 0.0)
            )
            if fold(entry.matched_name) == fold(entry.name):
                score += 0.2  # a place called so, over a place that has it as one alternate
            elif entry.name_kind == "historic":
                score -= 0.3  # places are written under their current names more often
            if (
                divisions
                and entry.feature_class == "P"
                and (entry.admin1_code, skeleton(entry.matched_name)) in divisions
            ):
                score += CAPITAL_OVER_DIVISION
            if context is not None:
                score += context.support(entry, index)
            scores.append(score)
        order = sorted(range(len(scores)), key=lambda k: -scores[k])
        item.candidates = [item.candidates[k] for k in order]
        item.scores = [scores[k] for k in order]
        top = item.scores[0]
        weights = [math.exp((s - top) / TEMPERATURE) for s in item.scores]
        total = sum(weights)
        item.probs = [w / total for w in weights]

    # -- output -------------------------------------------------------------------------------
    def _name_flags(self, text: str, entry: Entry) -> set[str]:
        """How the text's name relates to the place's own: an old name, the Russian form of a
        Ukrainian place's name, or another spelling."""
        if entry.name_kind == "historic":
            return {"historical_name"}
        written = _written(text)
        if entry.country == "UA" and entry.feature_class == "P":
            name_uk, name_ru = self.gazetteer.cyrillic_names(entry.id)
            if name_uk:
                ukrainian = {fold(s) for s in romanizations(name_uk, "uk")} | {fold(name_uk)}
                if written in ukrainian:
                    return set()
                russian = {fold(s) for s in romanizations(name_ru or russian_form(name_uk), "ru")}
                if written in russian or entry.name_kind == "russian":
                    return {"russian_form"}
        if entry.similarity < 0.999 or written not in {fold(entry.name)}:
            return {"variant_spelling"}
        return set()

    def _mention(self, number: int, item: _Scored, context: _Context) -> PlaceMention:
        target = item.target
        flags = set(target.flags) | item.flags
        top = item.top
        if top is None:
            return PlaceMention(
                id=f"p{number}",
                start=target.start,
                end=target.end,
                text=target.text,
                status="unresolved",
                confidence=0.0,
                flags=sorted(flags),
            )
        confidence = item.top_prob * _name_certainty(top.similarity)
        if item.forced and len(item.forced) > 1:
            confidence = min(confidence, 0.5)  # Donbas: all of its divisions, none alone
        if not item.forced:  # a table's mapping (DPR -> Donetsk Oblast) is no spelling matter
            flags |= self._name_flags(target.text, top)
        # a capital, or a place standing for its government ("Kyiv said"), is far from the
        # fighting by nature
        exempt = "metonymic" in flags or top.kind == "PPLC"
        if not exempt and context.is_far(top, number - 1):
            # hundreds of kilometres from every other place in the text: more likely another
            # place of the same name, or a garble; shown with its candidates, not placed
            flags.add("far_from_context")
            confidence = min(confidence * 0.7, RESOLVE_AT - 0.05)
        resolved = confidence >= RESOLVE_AT
        candidates = [
            Candidate(**_place(entry).model_dump(), score=round(prob, 4))
            for entry, prob in zip(item.candidates[:5], item.probs[:5], strict=False)
        ]
        return PlaceMention(
            id=f"p{number}",
            start=target.start,
            end=target.end,
            text=target.text,
            status="resolved" if resolved else "ambiguous",
            confidence=round(min(1.0, confidence), 4),
            place=_place(top) if resolved else None,
            candidates=candidates,
            flags=sorted(flags),
        )


def _respelled(key: str, item: _Scored, settled: dict[str, str]) -> set[str]:
    """The settled places of names written much like this one, when this one is a garble (none
    of its candidates carries it exactly)."""
    if not item.candidates or max(e.similarity for e in item.candidates) >= 0.999:
        return set()
    return {
        place_id
        for name, place_id in settled.items()
        if name != key and fuzz.ratio(name, key) >= SAME_WRITING
    }


def _respell(form: str, entry: Entry) -> Entry:
    """A fuzzy match's similarity: the skeletons' agreement, tempered by the letters as written.

    Skeletons fold vowels and consonant pairs away on purpose, so unrelated short names can share
    most of one; the written forms tell Gulyaypol~Hulyaypole from Gulyaypol~Guipel.
    """
    if entry.similarity >= 0.999:
        return entry
    written = fuzz.ratio(fold(form), fold(entry.matched_name)) / 100.0
    return replace(entry, similarity=round((entry.similarity + written) / 2, 4))


def _name_certainty(similarity: float) -> float:
    """A garbled or fuzzy match is weaker evidence, however well the context fits."""
    if similarity >= 0.9:
        return 1.0
    return max(0.0, min(1.0, (similarity - 0.5) / 0.4))


def _written(text: str) -> str:
    return fold(query_forms(text, None)[0][-1])


def _precision(entry: Entry) -> str:
    if entry.precision in ("point", "admin2", "admin1", "country"):
        return entry.precision
    return "point"


def _place(entry: Entry) -> Place:
    return Place(
        id=entry.id,
        name=entry.name,
        kind=entry.kind,
        country=entry.country,
        admin1=entry.admin1,
        admin1_code=entry.admin1_code,
        admin2=entry.admin2,
        lat=entry.lat,
        lon=entry.lon,
        precision=_precision(entry),
    )


def _near(entry: Entry, other: Entry) -> float:
    """1 within 50 km, falling to 0 at 500 km; 0 when either has no point or is a country."""
    if entry.lat is None or entry.lon is None or other.lat is None or other.lon is None:
        return 0.0
    if other.kind in COUNTRY_KINDS or entry.kind in COUNTRY_KINDS:
        return 0.0
    distance = km(entry.lat, entry.lon, other.lat, other.lon)
    return 1.0 if distance < 50 else max(0.0, 1.0 - (distance - 50) / 450)


def _fits(entry: Entry, other: Entry) -> float:
    """How well two readings of two names sit together: one country, one division, close by."""
    if entry.country is None or entry.country != other.country:
        return 0.0
    same_admin1 = entry.admin1_code is not None and entry.admin1_code == other.admin1_code
    return W_COUNTRY + (W_ADMIN1 if same_admin1 else 0.0) + W_NEAR * _near(entry, other)


@dataclass
class _Context:
    """What the document's other names say, each by all its likely readings.

    Every other name offers its top readings weighted by their probability, so two names that
    are each unsure alone (Athens, Clarke County) can settle each other by fitting together.
    """

    # per name (a name repeated counts once): its mention indices and its weighted readings
    groups: list[tuple[frozenset[int], list[tuple[Entry, float]]]]
    # confidently placed points, for the far-from-context check: (mention index, lat, lon)
    points: list[tuple[int, float, float]]
    # mention index -> the mentions of the same name, itself included
    peers: dict[int, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def from_scored(cls, scored: list[_Scored]) -> _Context:
        by_name: dict[str, set[int]] = defaultdict(set)
        for index, item in enumerate(scored):
            by_name[fold(_strip(item.target.text))].add(index)
        peers = {i: frozenset(group) for group in by_name.values() for i in group}
        groups: list[tuple[frozenset[int], list[tuple[Entry, float]]]] = []
        points: list[tuple[int, float, float]] = []
        for members in map(frozenset, by_name.values()):
            item = scored[min(members)]
            readings = [
                (entry, prob * _name_certainty(entry.similarity))
                for entry, prob in zip(
                    item.candidates[:READINGS], item.probs[:READINGS], strict=False
                )
            ]
            readings = [(e, w) for e, w in readings if w >= 0.05]
            if not readings:
                continue
            groups.append((members, readings))
            top, weight = readings[0]
            placed = top.lat is not None and top.lon is not None
            # a dateline ("MOSCOW, May 20") says where the reporter files from, not where
            # the events are: no context for how far they are from each other
            dateline = item.target.start == 0 and item.target.text.isupper() and len(members) == 1
            if weight >= 0.5 and placed and top.kind not in COUNTRY_KINDS and not dateline:
                points.extend((i, top.lat, top.lon) for i in members)  # type: ignore[misc]
        return cls(groups, points, peers)

    def support(self, entry: Entry, index: int) -> float:
        gained = possible = 0.0
        for members, readings in self.groups:
            if index in members:
                continue
            possible += max(w for _e, w in readings)
            gained += max(w * _fits(entry, other) for other, w in readings)
        return gained / possible if possible else 0.0

    def is_far(self, entry: Entry, index: int) -> bool:
        if entry.feature_class != "P" or entry.lat is None or entry.lon is None:
            return False  # countries and divisions are far from their towns by nature
        peers = self.peers.get(index, frozenset({index}))
        others = [(lat, lon) for i, lat, lon in self.points if i not in peers]
        if not others:
            return False
        return min(km(entry.lat, entry.lon, lat, lon) for lat, lon in others) > FAR_KM
