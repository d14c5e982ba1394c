"""Claims from a parsed Doc: the attribution stage's claims, filled in, and the events the
article states in its own voice. Every field comes from one small module:

    types.py       claim type            acled.py       ACLED event and sub-event type
    quantities.py  figures               dates.py       dates against the publication date
    actors.py      actor1 / actor2       status.py      asserted/claimed/denied/unverified/...
    where.py       places
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from claimledger.claims.acled import EventLabel, classify
from claimledger.claims.actors import find_actors
from claimledger.claims.dates import DateMention, find_dates
from claimledger.claims.lexicon import area_words, type_words, types_from_acled
from claimledger.claims.quantities import find_quantities
from claimledger.claims.status import StatusReader
from claimledger.claims.types import OWN_VOICE, Trigger, choose, find_triggers
from claimledger.claims.where import main_place, places_for
from claimledger.model import (
    Acled,
    Actor,
    CharRange,
    Claim,
    ClaimDate,
    ClaimType,
    PlaceMention,
    Side,
    Source,
)

GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
PLACE_RANK = {"point": 0, "admin2": 1, "admin1": 2, "country": 3}
# gazetteer kinds of a settlement (KATOTTG's own kinds; GeoNames' are PPL*)
SETTLEMENT_KINDS = frozenset({"city", "town", "settlement", "village"})
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "none": 3}
# a participle that describes a noun reports no event: "the area surrounding the town"
MODIFIERS = frozenset({"amod", "acl", "compound"})


class _Context:
    """What every claim of one document is read against."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        article = doc._.article
        self.published: str | None = article.published if article is not None else None
        self.places = list(doc._.places or [])
        self.main_place = main_place(self.places)
        self.countries = {m.id: m.place.country if m.place else None for m in self.places}
        self.place_tokens = {
            t.i
            for m in self.places
            for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())
        }
        self.sources: dict[str, Source] = {s.id: s for s in doc._.sources or []}
        self.dates = find_dates(doc, self.published)
        self.date_starts = [d.start for d in self.dates]
        self.status = StatusReader(doc)
        self.sentences = self.status.sentences
        # where each attribution starts, and where its content does: "rejected the claim,
        # saying fighting went on" shares its source with the second, whose words are its own
        self.claim_starts = sorted(
            {c.start for c in doc._.claims or []}
            | {c.content_span.start for c in doc._.claims or []}
        )

    def nearest_first(self, ids: list[str], event: Token) -> list[str]:
        """Place mentions ordered by their distance in the parse from the claim's event word:
        "took Rodynske, near Pokrovsk" is about Rodynske first. Linking reads the first."""
        spans = {m.id: (m.start, m.end) for m in self.places}
        # a settlement before a district, a region or a country: it says where it happened
        rank = {m.id: self._rank(m) for m in self.places}

        def distance(mention_id: str) -> tuple[int, int, int]:
            span = self.doc.char_span(*spans[mention_id], alignment_mode="expand")
            if span is None or not len(span):
                return (rank[mention_id], 99, 0)
            return (rank[mention_id], _tree_distance(span.root, event), spans[mention_id][0])

        return sorted(ids, key=distance)

    def _rank(self, mention: PlaceMention) -> int:
        """Settlements first; a name followed by "region", "direction", "district" ... names an
        area whatever it resolved to ("the Pokrovsk direction", "the Zaporozhye region")."""
        place = mention.place or (mention.candidates[0] if mention.candidates else None)
        precision = place.precision if place else None
        if place is not None and place.kind in SETTLEMENT_KINDS:
            precision = "point"  # a village placed at its hromada's seat is still a village
        rank = PLACE_RANK.get(precision or "", 4)
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if (
            span is not None
            and span.end < len(self.doc)
            and self.doc[span.end].lemma_.lower() in area_words()
        ):
            rank = max(rank, PLACE_RANK["admin1"])
        return rank

    def place_country(self, mention_id: str) -> str | None:
        return self.countries.get(mention_id)

    def scope(self, claim: Claim) -> tuple[int, int]:
        """Where a sourced claim's fields are read: its content, and the rest of its sentence
        when no other attribution starts there. The parse often ends a content at the first
        item of a list ("..., including 210 personnel killed, seven tanks destroyed and ...")."""
        start, end = claim.content_span.start, claim.content_span.end
        sentence_end = self.sentence_range(start, end)[1]
        if end < sentence_end and not any(end <= s < sentence_end for s in self.claim_starts):
            end = len(self.doc.text[:sentence_end].rstrip())
        return start, end

    def sentence_range(self, start: int, end: int) -> tuple[int, int]:
        first = self.sentences[self.status.sentence_of(start)]
        last = self.sentences[self.status.sentence_of(max(start, end - 1))]
        return first.start_char, last.end_char

    def date(
        self, content: tuple[int, int], sentence: tuple[int, int], verbs: Sequence[int]
    ) -> tuple[ClaimDate | None, bool]:
        """The claim's date. Of the dates in its sentence: the one its event verb governs, else
        the one its cue governs ("said on Tuesday"), else those inside its content, else any;
        the finest of them ("on Tuesday" before "since 2022"), nearest the event. With none in
        the sentence, the latest one before it in its paragraph (inferred)."""
        near = [m for m in self.dates if sentence[0] <= m.start and m.end <= sentence[1]]
        if near:
            pick: list[DateMention] = []
            for verb in verbs:
                pick = [m for m in near if m.governor == verb]
                if pick:
                    break
            pick = pick or [m for m in near if content[0] <= m.start and m.end <= content[1]]
            anchor = verbs[0] if verbs else content[0]
            best = min(
                pick or near,
                key=lambda m: (PRECISION_RANK[m.date.precision], abs(m.start - anchor)),
            )
            return best.date, False
        paragraph = self.doc.text.rfind("\n", 0, sentence[0]) + 1
        k = bisect_right(self.date_starts, sentence[0]) - 1
        if k >= 0 and self.dates[k].start >= paragraph:
            return self.dates[k].date, True
        return None, False


def build_claims(doc: Doc) -> list[Claim]:
    """All claims of the document, in text order, numbered c1, c2, ..."""
    ctx = _Context(doc)
    attributed = list(doc._.claims or [])
    claims = [_fill(ctx, c) for c in attributed]
    taken = sorted((c.start, c.end) for c in attributed)
    claims.extend(_own_voice(ctx, taken))
    claims.sort(key=lambda c: (c.start, c.end))
    return [c.model_copy(update={"id": f"c{n}"}) for n, c in enumerate(claims, 1)]


def _fill(ctx: _Context, claim: Claim) -> Claim:
    """An attributed claim: its type, figures, date, actors, places and status."""
    doc = ctx.doc
    content = ctx.scope(claim)
    triggers = find_triggers(doc, *content, ctx.place_tokens)
    trigger = choose(triggers)
    denial = claim.status == "denied"
    kind: ClaimType
    if trigger is not None:
        kind = trigger.type
    else:
        kind = _cue_type(doc, claim) or ("denial" if denial else "statement")
    origin = ctx.sources.get(claim.chain[0]) if claim.chain else None
    return _complete(
        ctx,
        claim,
        kind,
        trigger,
        content,
        attributed=bool(claim.chain),
        denial=denial,
        origin_side=origin.side if origin else None,
    )


def _cue_type(doc: Doc, claim: Claim) -> ClaimType | None:
    """ "accused X of ...", "denied the reports": the cue says what kind of claim it is."""
    if claim.cue is None:
        return None
    cue = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
    for tok in cue or ():
        for word in type_words().get(tok.lemma_.lower(), ()):
            if word.type in ("allegation", "denial") and len(word.lemmas) == 1:
                return word.type
    return None


def _complete(
    ctx: _Context,
    claim: Claim,
    kind: ClaimType,
    trigger: Trigger | None,
    content: tuple[int, int],
    *,
    attributed: bool,
    denial: bool,
    origin_side: Side | None,
) -> Claim:
    doc = ctx.doc
    sentence = ctx.sentence_range(claim.start, claim.end)
    span = doc.char_span(*content, alignment_mode="expand")
    token = trigger.token if trigger is not None else None
    # with no event word, the content's own main verb carries "could", "would", "if"
    governing = token if token is not None else (span.root if span is not None else None)
    actors = find_actors(doc, *content, token, origin_side)
    places, place_inferred = places_for(doc.text, ctx.places, [content], sentence, ctx.main_place)
    if governing is not None and len(places) > 1:
        places = ctx.nearest_first(places, governing)
    label = classify(span) if span is not None and len(span) else None
    acled = _acled(label, actors, [ctx.place_country(p) for p in places])
    if kind == "statement" and acled is not None:
        kind = types_from_acled().get(acled.sub_event_type, kind)
    flags = list(claim.flags)
    if trigger is not None and trigger.word.flag:
        flags.append(trigger.word.flag)
    if place_inferred:
        flags.append("place_inferred")
    verbs = [governing.idx] if governing is not None else []
    cue = (
        doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
        if claim.cue
        else None
    )
    if cue is not None and len(cue):
        verbs.append(cue.root.idx)
    date, date_inferred = ctx.date(content, sentence, verbs)
    if date_inferred:
        flags.append("date_inferred")
    return claim.model_copy(
        update={
            "type": kind,
            "status": ctx.status.status(
                governing,
                trigger.negated if trigger is not None else False,
                content[0],
                attributed=attributed,
                denial=denial,
            ),
            "sentence": CharRange(start=sentence[0], end=sentence[1]),
            "quantities": find_quantities(doc, *content),
            "date": date or ClaimDate(),
            "actors": actors,
            "places": places,
            "acled": acled,
            "flags": flags,
        }
    )


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree (99 across sentences)."""
    up = {a.i: 0}
    for n, t in enumerate(a.ancestors, 1):
        up[t.i] = n
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return up[t.i] + n
    return 99


def _acled(
    label: EventLabel | None, actors: Sequence[Actor], countries: Sequence[str | None]
) -> Acled | None:
    """ACLED's types for a claim. ACLED reads "government" as the government of the country
    where the event happens: a foreign state's forces taking ground are coded as a non-state
    actor overtaking territory (Russian forces in Ukraine), not as a government regaining it."""
    if label is None or not label.event_type or not label.sub_event_type:
        return None
    sub = label.sub_event_type
    actor1 = next((a for a in actors if a.role == "actor1"), None)
    if (
        sub == GOVERNMENT_REGAINS
        and actor1 is not None
        and actor1.side in ("RU", "UA")
        and any(c in ("RU", "UA") and c != actor1.side for c in countries)
    ):
        sub = NON_STATE_OVERTAKES
    return Acled(event_type=label.event_type, sub_event_type=sub)


def _own_voice(ctx: _Context, taken: list[tuple[int, int]]) -> list[Claim]:
    """Events the article states itself: a sentence whose main event word lies outside every
    attribution is one claim, status asserted (or unverified, hypothetical ...)."""
    doc = ctx.doc
    out = []
    for sent in ctx.sentences:
        # a sentence with an attribution in it is that source's: the parse may have cut its
        # content short, and what is left is rarely the article speaking
        if any(s < sent.end_char and sent.start_char < e for s, e in taken):
            continue
        triggers = [
            t
            for t in find_triggers(doc, sent.start_char, sent.end_char, ctx.place_tokens)
            if t.type in OWN_VOICE and t.token.pos_ == "VERB" and t.token.dep_ not in MODIFIERS
        ]
        trigger = choose(triggers)
        if trigger is None or trigger.negated:
            continue
        start, end = _trim(sent)
        draft = Claim(
            id="c0",
            start=start,
            end=end,
            text=doc.text[start:end],
            content_span=CharRange(start=start, end=end),
            type=trigger.type,
            status="asserted",
        )
        out.append(
            _complete(
                ctx,
                draft,
                trigger.type,
                trigger,
                (start, end),
                attributed=False,
                denial=False,
                origin_side=None,
            )
        )
    return out


def _trim(sent: Span) -> tuple[int, int]:
    text = sent.text
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(stripped)
