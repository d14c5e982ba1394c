"""Attributions to contract models: the article's sources (registry, description, coreference)
and one claim per attribution with its chain, origin first."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimledger.model import CharRange, Claim, PlaceMention, Side, Source, Span
from claimledger.sources.chains import Link, chain_for, link_for
from claimledger.sources.coref import Focus
from claimledger.sources.describe import Profile, describe
from claimledger.sources.registry import AmbiguousName, RegistryEntry, registry
from claimledger.sources.types import Attribution

# kinds of source that carry someone else's statement (a chain through them is a retelling)
CARRIERS = {"news_agency", "state_media", "media", "telegram_channel"}


class _Sources:
    """The article's sources as they are met, merged by registry id or by name."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.focus = Focus()
        self.by_id: dict[str, Source] = {}
        self.by_name: dict[str, str] = {}
        self.paragraphs = [0] + [i + 1 for i, ch in enumerate(doc.text) if ch == "\n"]
        self.side_at: list[tuple[int, Side]] = []  # (char, side) of sourced statements

    def source_for(self, link: Link) -> tuple[Source, bool]:
        """The source a link names, and whether it was found by coreference."""
        doc = self.doc
        end = max(link.end, link.role_end)
        phrase = list(doc.char_span(link.start, end, alignment_mode="expand") or [link.head])
        known = self.focus.resolve(link.head, phrase)
        if known is not None:
            self._mention(known, link)
            return known, True
        hint = self._side_hint(link.start)
        text = link.description
        reg = registry()
        head_at = link.head.idx - link.start
        named = next(
            (
                m.entry
                for m in reg.match_all(text, side_hint=hint)
                if m.start <= head_at < m.end and m.via != "spokesperson"
            ),
            None,
        )
        if named is None:
            named = self._shared_in_focus(text, head_at)
        profile = None
        if named is None:
            persons = [
                (e.start_char - link.start, e.end_char - link.start)
                for e in doc.ents
                if e.label_ == "PERSON" and link.start <= e.start_char < len(text) + link.start
            ]
            profile = describe(text, person_spans=persons, side_hint=hint)
            if profile.kind == "person" and " " not in profile.name:
                profile = self._introduced(profile, link, hint)
            # "the pro-Kremlin tabloid Life": the outlet is the registry's
            if profile.organisation and not profile.anonymous and profile.kind != "person":
                named = reg.get(profile.organisation)
        if named is not None:
            source = self.by_id.get(named.id) or Source(
                id=named.id, name=named.name, kind=named.kind, side=named.side
            )
        else:
            assert profile is not None
            key = profile.name.lower().removeprefix("the ")
            existing = self.by_name.get(key)
            if existing is not None:
                # one article's "Russian military officials" twice are one group of sources
                source = self.by_id[existing]
            else:
                number = sum(1 for s in self.by_id if s.startswith("s") and s[1:].isdigit()) + 1
                source = Source(
                    id=f"s{number}",
                    name=profile.name or link.text,
                    kind=profile.kind,
                    side=profile.side,
                    anonymous=profile.anonymous,
                    role=profile.role or link.role,
                )
                self.by_name[key] = source.id
        self.by_id[source.id] = source
        self._mention(source, link)
        self.focus.add(source, link.head.lemma_.lower())
        if source.side != "unknown":
            self.side_at.append((link.start, source.side))
        return source, False

    def _shared_in_focus(self, text: str, head_at: int) -> RegistryEntry | None:
        """ "The General Staff said" after "Ukraine's General Staff": a name both sides use,
        with no side word, is the one of them already in the article."""
        for found in registry().scan(text):
            if isinstance(found, AmbiguousName) and found.start <= head_at < found.end:
                ids = {entry.id for entry in found.candidates}
                for source, _head in reversed(self.focus.seen):
                    if source.id in ids:
                        return next(e for e in found.candidates if e.id == source.id)
        return None

    def _introduced(self, profile: Profile, link: Link, hint: Side | None) -> Profile:
        """A surname alone ("Sorokin said") names the person introduced earlier in full
        ("Ilya Sorokin, the deputy commander of a battalion ..."), with that role and side."""
        for ent in self.doc.ents:
            if ent.start_char >= link.start:
                break
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == profile.name:
                full = link_for(ent[-1])
                persons = [(ent.start_char - full.start, ent.end_char - full.start)]
                return describe(full.description, person_spans=persons, side_hint=hint)
        return profile

    def _mention(self, source: Source, link: Link) -> None:
        span = (link.start, link.end)
        if span not in source.mentions:
            source.mentions.append(span)

    def _side_hint(self, char: int) -> Side | None:
        """The side of the latest sourced statement in the same paragraph."""
        para = self.paragraphs[bisect_right(self.paragraphs, char) - 1]
        for at, side in reversed(self.side_at):
            if at < para:
                break
            if at <= char:
                return side
        return None


def assemble(
    doc: Doc, found: Sequence[Attribution], places: Sequence[PlaceMention] = ()
) -> tuple[list[Source], list[Claim]]:
    sources = _Sources(doc)
    own: list[list[str]] = []
    channels: list[str | None] = []
    last_chain: dict[str, list[str]] = {}
    for a in found:
        chain: list[str] = []
        channel = None
        if a.source is not None:
            head = _head(doc, a.source)
            cue = _last_token(doc, a.cue)
            if head is not None and cue is not None:
                links = chain_for(head, cue)
                by_coref = False
                for link in links:
                    source, coref = sources.source_for(link)
                    by_coref = by_coref or coref
                    if not chain or chain[-1] != source.id:
                        chain.append(source.id)
                    channel = channel or link.channel
                # "The ministry claims ..." after "a report by TASS citing the ministry":
                # the ministry still speaks through TASS
                earlier = last_chain.get(chain[0]) if len(chain) == 1 and by_coref else None
                if earlier and len(earlier) > 1:
                    chain = list(earlier)
                if chain:
                    last_chain[chain[0]] = chain
        own.append(chain)
        channels.append(channel)
    # "Ukrainian officials have not commented": no claim is made; an attribution with no
    # source of its own ("a term used to describe ...") is the article's voice, not a claim
    # of a source (the claims stage reads those)
    kept = [n for n, a in enumerate(found) if not a.negated and own[n]]
    claims = [
        _claim(doc, number, found[n], _full_chain(found, own, n), channels[n], places)
        for number, n in enumerate(kept)
    ]
    used = {sid for c in claims for sid in c.chain}
    return [s for s in sources.by_id.values() if s.id in used], claims


def _full_chain(found: Sequence[Attribution], own: list[list[str]], n: int) -> list[str]:
    """A statement reported inside another's content came through that source."""
    chain = list(own[n])
    seen = {n}
    parent = found[n].parent
    while parent is not None and parent not in seen:
        seen.add(parent)
        for sid in own[parent]:
            if sid not in chain:
                chain.append(sid)
        parent = found[parent].parent
    return chain


def _claim(
    doc: Doc,
    n: int,
    a: Attribution,
    chain: list[str],
    channel: str | None,
    places: Sequence[PlaceMention],
) -> Claim:
    content_start = min(s for s, _ in a.content)
    content_end = max(e for _, e in a.content)
    edges = [content_start, content_end, *a.cue, *(a.source or ())]
    start, end = min(edges), max(edges)
    text = doc.text
    return Claim(
        id=f"c{n + 1}",
        start=start,
        end=end,
        text=text[start:end],
        cue=Span(start=a.cue[0], end=a.cue[1], text=text[a.cue[0] : a.cue[1]]),
        source_span=(
            Span(start=a.source[0], end=a.source[1], text=text[a.source[0] : a.source[1]])
            if a.source
            else None
        ),
        content_span=CharRange(start=content_start, end=content_end),
        chain=chain,
        channel=channel,
        type="denial" if a.denial else "statement",
        status="denied" if a.denial else "claimed",
        places=[p.id for p in places if any(s <= p.start and p.end <= e for s, e in a.content)],
    )


def _head(doc: Doc, span: tuple[int, int]) -> Token | None:
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return s.root if s is not None else None


def _last_token(doc: Doc, span: tuple[int, int]) -> Token | None:
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return s[-1] if s is not None and len(s) else None
