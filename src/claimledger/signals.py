"""Article signals: what a reader should weigh about one article, each finding with the text that
triggered it — never one opaque score. Read from the results the earlier stages put on the Doc
(`doc._.places`, `doc._.sources`, `doc._.claims`); written as contract `Signal`s.

Kinds (a contract: stored and exported by name; add kinds, never rename). Offsets "-": none,
the signal is about the whole article.

| kind                      | offsets        | detail                                              |
|---------------------------|----------------|-----------------------------------------------------|
| claims_by_side            | -              | "RU 6 of 9 (67%), UA 2 of 9 (22%), own voice 1 of 9 |
|                           |                | (11%)": a claim counts for the side of its origin   |
|                           |                | (its chain's first source); no chain: own voice     |
| anonymous_sources         | -              | "2 of 5 (40%) sources are anonymous: ..."           |
| anonymous_source          | first mention  | the anonymous source's name and side                |
| chain_ends_at_state_media | source span    | the source the article cites for the claim(s) is    |
|                           |                | state media (registry kind state_media, or a news   |
|                           |                | agency a state owns); each claim's chain            |
| chain_ends_at_telegram    | source span    | the same for a Telegram channel, or for a source    |
|                           |                | that put the claim out on Telegram                  |
| unresolved_place          | place mention  | no gazetteer place bears the name                   |
| ambiguous_place           | first mention  | its candidates, with their scores; once a name      |
| place_alias_conflict      | place mention  | the text gives it and another name as one place,    |
|                           |                | but no gazetteer place bears both; the candidates   |
| russian_form_name         | place mention  | "Gorlovka → Horlivka (the place's Ukrainian name)": |
|                           |                | a Ukrainian place written in its Russian form       |
| former_name               | place mention  | "Artemovsk → Bakhmut (the place's current name)": a |
|                           |                | Ukrainian place by a name it no longer bears; the   |
|                           |                | renamings since 2016 (Bakhmut, Pokrovsk, Dnipro)    |
|                           |                | are the ones Russian usage keeps                    |
| loaded_term               | occurrence     | the term, whose usage, its category and note, and   |
|                           |                | whose words: the article's, a source's, quoted      |
| near_duplicate            | -              | reserved: not known from one article; the ledger    |
|                           |                | adds it at ingest (`near_duplicate_signal`)         |
| not_analyzed              | -              | added by the analyse step (analyze.py) to an        |
|                           |                | article the pipeline cannot read                    |

Place signals leave out a mention inside the name of a registered source ("the Telegram channel
Rybar" is no unresolved place), and a region over several divisions of one country ("Donbas") is
no ambiguous place. Reference tables: data/signals/loaded_terms.tsv (the loaded
terms) and data/signals/state_owned_agencies.txt (news agencies a state owns).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from claimledger.model import Candidate, Claim, PlaceMention, Signal, Source
from claimledger.tables import cells, table_lines

# kind -> what it says, in the order signals of one place in the text are listed
KINDS: dict[str, str] = {
    "claims_by_side": "share of the article's claims per side of their origin",
    "anonymous_sources": "share of the article's sources that are anonymous",
    "anonymous_source": "an anonymous source, at its first mention",
    "chain_ends_at_state_media": "claims the article cites from state media",
    "chain_ends_at_telegram": "claims the article cites from a Telegram channel",
    "unresolved_place": "a place name no gazetteer place bears",
    "ambiguous_place": "a place name the gazetteer cannot settle on one place",
    "place_alias_conflict": "two names the text gives as one place that no place shares",
    "russian_form_name": "a Ukrainian place written in its Russian form",
    "former_name": "a Ukrainian place called by a name it no longer bears",
    "loaded_term": "a loaded term from data/signals/loaded_terms.tsv",
    "near_duplicate": "a rewrite of an earlier article (added by the ledger at ingest)",
    "not_analyzed": "an article the pipeline cannot read (added by the analyse step)",
}
# the kinds `article_signals` computes; the component replaces these and keeps all others
COMPUTED = frozenset(KINDS) - {"near_duplicate", "not_analyzed"}
_ORDER = {kind: n for n, kind in enumerate(KINDS)}

SIDES = ("RU", "UA", "international", "other", "unknown")
OWN_VOICE = "own voice"
TERM_SIDES = frozenset({"RU", "UA", "both"})
TERM_CATEGORIES = frozenset(
    {
        "delegitimising",
        "dehumanising",
        "euphemism",
        "irredentist",
        "conspiratorial",
        "slur",
        "labelling",
    }
)
ALIAS_GAP = 80  # characters: the two names of an alias statement stand this close at most
SHOWN_CANDIDATES = 3
QUOTES = {"'": "'", '"': '"', "‘": "’", "“": "”", "«": "»"}


# -- the loaded-term table and its matcher ----------------------------------------------------
@dataclass(frozen=True)
class LoadedTerm:
    term: str
    side: str  # RU, UA, both: whose usage it is
    category: str
    note: str


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    text: str
    term: LoadedTerm


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[LoadedTerm, ...]:
    """The reviewed table data/signals/loaded_terms.tsv."""
    terms = []
    for line in table_lines("signals", "loaded_terms.tsv"):
        row = cells(line)
        if len(row) != 4 or row[1] not in TERM_SIDES or row[2] not in TERM_CATEGORIES:
            raise ValueError(f"loaded_terms.tsv: bad row {line!r} (term | side | category | note)")
        terms.append(LoadedTerm(*row))
    return tuple(terms)


@lru_cache(maxsize=1)
def state_owned_agencies() -> frozenset[str]:
    """Registry ids of the news agencies a state owns (data/signals/state_owned_agencies.txt)."""
    return frozenset(cells(line)[0] for line in table_lines("signals", "state_owned_agencies.txt"))


def term_pattern(term: str) -> str:
    """A term as a regular expression: its words apart by spaces or a hyphen, the parts of a
    hyphenated word apart by a hyphen, a space or nothing ("neo-Nazi": "neo Nazi", "neonazi"),
    and a plural ending on the last word. Whole words only; case is the caller's flag."""
    words = []
    for word in term.split():
        words.append(r"(?:-|\s+)?".join(re.escape(part) for part in word.split("-") if part))
    return r"(?<!\w)" + r"(?:\s+|-)".join(words) + r"(?:e?s)?(?!\w)"


@lru_cache(maxsize=8)
def _matcher(terms: tuple[LoadedTerm, ...]) -> re.Pattern[str]:
    # longest terms first: at one position the fuller term wins ("neo-Nazi regime", not "neo-Nazi")
    ordered = sorted(range(len(terms)), key=lambda k: -len(terms[k].term))
    alternatives = [f"(?P<t{k}>{term_pattern(terms[k].term)})" for k in ordered]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def find_loaded_terms(text: str, terms: Sequence[LoadedTerm] | None = None) -> list[TermMatch]:
    """Every occurrence of a loaded term in `text`, in text order, none overlapping."""
    table = tuple(terms) if terms is not None else loaded_terms()
    if not table:
        return []
    found = []
    for m in _matcher(table).finditer(text):
        assert m.lastgroup is not None  # every alternative is a named group
        found.append(TermMatch(m.start(), m.end(), m.group(), table[int(m.lastgroup[1:])]))
    return found


# -- the signals ------------------------------------------------------------------------------
def article_signals(doc: Doc) -> list[Signal]:
    """The signals of one analysed Doc: whole-article ones first, then the rest in text order."""
    return find_signals(doc.text, doc._.places or [], doc._.sources or [], doc._.claims or [])


def find_signals(
    text: str,
    places: Sequence[PlaceMention],
    sources: Sequence[Source],
    claims: Sequence[Claim],
) -> list[Signal]:
    """The same from an article's text and stage results (a stored record, say), without a Doc."""
    by_id = {s.id: s for s in sources}
    located = [
        *_anonymous_sources(text, sources),
        *_chain_ends(text, claims, by_id),
        *_place_signals(places, sources),
        *_loaded_terms(text, claims, by_id),
    ]
    located.sort(key=lambda s: (s.start or 0, s.end or 0, _ORDER[s.kind]))
    return [*_claims_by_side(claims, by_id), *_anonymous_share(sources), *located]


def near_duplicate_signal(original_id: str, similarity: float) -> Signal:
    """The hook for the ledger: an article found at ingest to be a rewrite of an earlier one."""
    return Signal(
        kind="near_duplicate",
        detail=f"near-duplicate of article {original_id} (similarity {similarity:.2f})",
    )


def _share(n: int, total: int) -> str:
    return f"{n} of {total} ({100 * n / total:.0f}%)"


def _claims_by_side(claims: Sequence[Claim], by_id: dict[str, Source]) -> list[Signal]:
    if not claims:
        return []
    counts: Counter[str] = Counter()
    for claim in claims:
        if not claim.chain:
            counts[OWN_VOICE] += 1
        else:
            origin = by_id.get(claim.chain[0])
            counts[origin.side if origin is not None else "unknown"] += 1
    order = {label: n for n, label in enumerate((*SIDES, OWN_VOICE))}
    labels = sorted(counts, key=lambda label: (-counts[label], order[label]))
    detail = ", ".join(f"{label} {_share(counts[label], len(claims))}" for label in labels)
    return [Signal(kind="claims_by_side", detail=detail)]


def _anonymous_share(sources: Sequence[Source]) -> list[Signal]:
    if not sources:
        return []
    anonymous = [s.name for s in sources if s.anonymous]
    detail = f"{_share(len(anonymous), len(sources))} sources are anonymous"
    if anonymous:
        detail += ": " + "; ".join(anonymous)
    return [Signal(kind="anonymous_sources", detail=detail)]


def _anonymous_sources(text: str, sources: Sequence[Source]) -> Iterable[Signal]:
    for source in sources:
        if source.anonymous and source.mentions:
            start, end = min(source.mentions)
            detail = f"{source.name} ({source.side})"
            yield Signal(
                kind="anonymous_source", start=start, end=end, text=text[start:end], detail=detail
            )


def _is_state_media(source: Source) -> bool:
    return source.kind == "state_media" or source.id in state_owned_agencies()


def _via_telegram(claim: Claim, source: Source) -> bool:
    return source.kind == "telegram_channel" or "telegram" in (claim.channel or "").lower()


def _chain_ends(text: str, claims: Sequence[Claim], by_id: dict[str, Source]) -> Iterable[Signal]:
    found: list[tuple[str, int, int, Claim, Source]] = []
    for claim in claims:
        last = by_id.get(claim.chain[-1]) if claim.chain else None
        if last is None:
            continue
        start, end = _cited_span(claim, last)
        if _is_state_media(last):
            found.append(("chain_ends_at_state_media", start, end, claim, last))
        if _via_telegram(claim, last):
            found.append(("chain_ends_at_telegram", start, end, claim, last))
    # claims cited through one span ("TASS reported ...", or "TASS" inside it) make one signal
    groups: list[_Citation] = []
    for kind, start, end, claim, last in sorted(found, key=lambda f: f[1] - f[2]):
        group = next((g for g in groups if g.holds(kind, start, end, last)), None)
        if group is None:
            group = _Citation(kind, start, end, last)
            groups.append(group)
        group.claims.append(claim)
    for g in groups:
        yield _chain_signal(g, text[g.start : g.end], by_id)


@dataclass
class _Citation:
    """Where the article cites one source, and the claims it cites there."""

    kind: str
    start: int
    end: int
    source: Source
    claims: list[Claim] = field(default_factory=list)

    def holds(self, kind: str, start: int, end: int, source: Source) -> bool:
        same = kind == self.kind and source.id == self.source.id
        return same and self.start <= start and end <= self.end


def _chain_signal(g: _Citation, text: str, by_id: dict[str, Source]) -> Signal:
    last = g.source
    if g.kind == "chain_ends_at_state_media":
        what = "state media" if last.kind == "state_media" else "state-owned news agency"
        head = f"{last.name} ({what}, {last.side})"
    elif last.kind == "telegram_channel":
        head = f"{last.name} (Telegram channel, {last.side})"
    else:
        head = f"{last.name} ({last.side}), on Telegram"
    cited = ", ".join(
        c.id + (f" ({_chain_text(c, by_id)})" if len(c.chain) > 1 else "")
        for c in sorted(g.claims, key=lambda c: c.start)
    )
    detail = f"{head}; claim{'s' if len(g.claims) > 1 else ''} {cited}"
    return Signal(kind=g.kind, start=g.start, end=g.end, text=text, detail=detail)


def _cited_span(claim: Claim, last: Source) -> tuple[int, int]:
    """Where the text names the source the article cites: the claim's source span when it names
    that source; else that source's mention nearest the claim (a claim can inherit its chain
    from the sentence before: "a report by TASS ... The ministry also said"); else the claim's
    source span, else the claim."""
    span = claim.source_span
    if span is not None and any(s < span.end and span.start < e for s, e in last.mentions):
        return span.start, span.end
    if last.mentions:
        return min(last.mentions, key=lambda m: (max(m[0] - claim.end, claim.start - m[1], 0), m))
    if span is not None:
        return span.start, span.end
    return claim.start, claim.end


def _chain_text(claim: Claim, by_id: dict[str, Source]) -> str:
    return " → ".join(by_id[i].name if i in by_id else i for i in claim.chain)


def _place_signals(places: Sequence[PlaceMention], sources: Sequence[Source]) -> Iterable[Signal]:
    # a name the registry knows as a source's ("the Telegram channel Rybar") is not a place;
    # registry ids have a dot ("ru.rybar"), sources described in the text do not ("s1")
    registered = [src for src in sources if "." in src.id]
    named = [(s, e) for src in registered for s, e in src.mentions]
    names = {src.name.casefold() for src in registered}
    conflicting = [m for m in places if "alias_conflict" in m.flags]
    # an ambiguous name is shown once, at its first mention, with how often it comes
    ambiguous = Counter(m.text for m in places if m.status == "ambiguous")
    shown: set[str] = set()
    for m in places:
        in_name = m.text.casefold() in names or any(s <= m.start and m.end <= e for s, e in named)
        if m.status == "unresolved" and not in_name:
            yield _at(m, "unresolved_place", "no place in the gazetteer bears this name")
        elif m.status == "ambiguous" and not in_name and m.text not in shown:
            shown.add(m.text)
            if not _spans_divisions(m):
                yield _at(m, "ambiguous_place", _ambiguous_detail(m, ambiguous[m.text]))
        if "alias_conflict" in m.flags:
            yield _at(m, "place_alias_conflict", _alias_detail(m, conflicting))
        renamed = _renamed(m)
        if renamed is not None:
            yield _at(m, *renamed)


def _spans_divisions(m: PlaceMention) -> bool:
    """A region over several first-level divisions of one country ("Donbas": Donetsk and
    Luhansk oblasts) is not resolved to one of them, and is no ambiguity either."""
    kinds = {(c.precision, c.country) for c in m.candidates}
    return len(m.candidates) > 1 and len(kinds) == 1 and next(iter(kinds))[0] == "admin1"


def _ambiguous_detail(m: PlaceMention, count: int) -> str:
    detail = f"could be {_candidates(m.candidates)}"
    if "far_from_context" in m.flags:
        detail += "; the likeliest lies far from the article's other places"
    return detail + (f" ({count} mentions)" if count > 1 else "")


def _at(m: PlaceMention, kind: str, detail: str) -> Signal:
    return Signal(kind=kind, start=m.start, end=m.end, text=m.text, detail=detail)


def _candidates(candidates: Sequence[Candidate]) -> str:
    shown = [
        f"{c.name} ({', '.join(x for x in (c.admin1, c.country) if x) or c.kind}) {c.score:.2f}"
        for c in candidates[:SHOWN_CANDIDATES]
    ]
    more = len(candidates) - SHOWN_CANDIDATES
    return " or ".join(shown) + (f" (and {more} more)" if more > 0 else "")


def _alias_detail(m: PlaceMention, conflicting: Sequence[PlaceMention]) -> str:
    # the other name of the statement ("A, known in Ukrainian as B") is the nearest flagged one
    others = [o for o in conflicting if o.id != m.id]
    gaps = [(max(o.start - m.end, m.start - o.end), o) for o in others]
    near = [(gap, o) for gap, o in gaps if gap <= ALIAS_GAP]
    partner = f"'{min(near, key=lambda g: g[0])[1].text}'" if near else "another name"
    mine = _candidates(m.candidates) if m.candidates else "no gazetteer place"
    return f"given as one place with {partner}, but no place bears both names; this one: {mine}"


def _renamed(m: PlaceMention) -> tuple[str, str] | None:
    """ "Gorlovka → Horlivka", the Russian form of a Ukrainian place's name; "Artemovsk →
    Bakhmut", a Ukrainian place's former name (the places stage tells them apart by its flags)."""
    place = m.place or (m.candidates[0] if m.candidates else None)
    if place is None:
        return None
    if "russian_form" in m.flags:
        kind, what = "russian_form_name", "the place's Ukrainian name"
    elif "historical_name" in m.flags and place.country == "UA":
        kind, what = "former_name", "the place's current name"
    else:
        return None
    if m.place is None:
        what += ", if it is the likeliest place: the name is not resolved"
    return kind, f"{m.text} → {place.name} ({what})"


def _loaded_terms(text: str, claims: Sequence[Claim], by_id: dict[str, Source]) -> Iterable[Signal]:
    for match in find_loaded_terms(text):
        t = match.term
        voice = _voice(match, text, claims, by_id)
        detail = f"{t.term} ({t.category}, {t.side} usage: {t.note}); {voice}"
        yield Signal(
            kind="loaded_term", start=match.start, end=match.end, text=match.text, detail=detail
        )


def _voice(match: TermMatch, text: str, claims: Sequence[Claim], by_id: dict[str, Source]) -> str:
    """Whose word it is: a source's, when inside the content of a claim with a chain; else the
    article's own; in quotation marks, the writer keeps their distance from it."""
    before, after = text[match.start - 1 : match.start], text[match.end : match.end + 1]
    quoted = bool(before) and QUOTES.get(before) == after
    for claim in claims:
        content = claim.content_span
        if claim.chain and content.start <= match.start and match.end <= content.end:
            who = by_id[claim.chain[0]].name if claim.chain[0] in by_id else claim.chain[0]
            return f"in claim {claim.id}, from {who}" + (", in quotation marks" if quoted else "")
    return "in quotation marks" if quoted else "in the article's own words"
