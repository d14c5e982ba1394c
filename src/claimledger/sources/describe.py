"""What a source phrase says about a source: kind, side, whether it is named, and its role.

For the sources the registry does not hold: "a Ukrainian army source" is military, UA and
anonymous; "a senior SVR official" is security_service, RU and anonymous (the SVR is named, the
official is not); "Ilya Sorokin, the deputy commander of a motor rifle battalion of the 'West'
group" is a named person, RU, because the registry knows the West group as a Russian grouping.

The words are reviewed tables under data/sources/: descriptors.tsv (kinds, and how a phrase is
cut into speaker, body and circumstances), anonymous_heads.txt (nouns and markers of an unnamed
source), not_names.txt (capitalised words that are not personal names); registry names and side
words come from the registry. The order of decision is written in descriptors.tsv.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, cast

from claimledger.model import Side
from claimledger.sources.registry import (
    DATA,
    KINDS,
    AmbiguousName,
    PhraseIndex,
    Registry,
    RegistryMatch,
    SourceKind,
    TableError,
    Token,
    read_rows,
)

__all__ = ["Profile", "Vocabulary", "describe"]

Slot = Literal["head", "member", "body", "link", "clause"]
_SLOTS: frozenset[str] = frozenset({"head", "member", "body", "link", "clause"})
_PLURAL_SLOTS: frozenset[str] = frozenset({"head", "member"})
_ARTICLES = frozenset({"a", "an", "the"})
_TRAILING = frozenset(",;:.-–—(")


@dataclass(frozen=True)
class Profile:
    """What a source phrase says about its source.

    `name` is the personal name of a named person, the registry name of a named body, else the
    description itself ("Ukrainian military source"). `role` is a named person's function as the
    phrase gives it ("the deputy commander of a motor rifle battalion of the 'West' group", "Kremlin
    spokesman"). `organisation` is the registry id of the body the source is or speaks for.
    """

    kind: SourceKind
    side: Side
    anonymous: bool
    role: str | None
    name: str
    organisation: str | None = None


@dataclass(frozen=True)
class _Descriptor:
    slot: Slot
    kind: SourceKind | None


def _plural(phrase: str) -> str | None:
    """The regular plural of a phrase's last word, when it is lower case and not in -s."""
    *first, last = phrase.split(" ")
    if not last.isalpha() or not last.islower() or last.endswith("s"):
        return None
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        plural = last[:-1] + "ies"
    elif last.endswith(("sh", "ch", "x", "z")):
        plural = last + "es"
    else:
        plural = last + "s"
    return " ".join([*first, plural])


class Vocabulary:
    """The description tables, indexed with a registry's spellings."""

    def __init__(self, registry: Registry, directory: Path = DATA) -> None:
        self.descriptors: PhraseIndex[_Descriptor] = PhraseIndex(registry.spellings)
        self.anonymity: PhraseIndex[str] = PhraseIndex(registry.spellings)  # "head" | "marker"
        self.not_names: dict[str, str] = {}  # key -> "never" | "modifier" | "particle"

        table = directory / "descriptors.tsv"
        derived: list[tuple[str, _Descriptor]] = []
        for number, (phrase, slot, kind) in read_rows(table, columns=(3, 3)):
            where = f"{table.name}:{number}"
            if slot not in _SLOTS:
                raise TableError(f"{where}: slot '{slot}' is not one of {sorted(_SLOTS)}")
            if kind != "-" and kind not in KINDS:
                raise TableError(f"{where}: kind '{kind}' is not one of {sorted(KINDS)}")
            row = _Descriptor(cast(Slot, slot), None if kind == "-" else cast(SourceKind, kind))
            if self.descriptors.add(phrase, row) is not None:
                raise TableError(f"{where}: '{phrase}' is listed twice")
            plural = _plural(phrase) if slot in _PLURAL_SLOTS else None
            if plural:
                derived.append((plural, row))
        for plural, row in derived:  # after all rows: a listed plural wins over a derived one
            self.descriptors.add(plural, row, if_absent=True)

        table = directory / "anonymous_heads.txt"
        derived_heads: list[str] = []
        for number, (phrase, what) in read_rows(table, sep="|", columns=(2, 2)):
            if what not in ("head", "marker"):
                raise TableError(f"{table.name}:{number}: '{what}' is neither head nor marker")
            if self.anonymity.add(phrase, what) is not None:
                raise TableError(f"{table.name}:{number}: '{phrase}' is listed twice")
            plural = _plural(phrase) if what == "head" else None
            if plural:
                derived_heads.append(plural)
        for plural in derived_heads:
            self.anonymity.add(plural, "head", if_absent=True)

        table = directory / "not_names.txt"
        for number, (word, what) in read_rows(table, sep="|", columns=(2, 2)):
            if what not in ("never", "modifier", "particle"):
                raise TableError(f"{table.name}:{number}: '{what}' is not never/modifier/particle")
            self.not_names[word.lower()] = what


@cache
def _vocabulary(registry: Registry) -> Vocabulary:
    return Vocabulary(registry)


_Hit = RegistryMatch | AmbiguousName


def _token_ranges(tokens: Sequence[Token], hits: Sequence[_Hit]) -> list[tuple[int, int, _Hit]]:
    """The token range of each registry hit (hits come in text order, without overlaps)."""
    ranges = []
    k = 0
    for hit in hits:
        while k < len(tokens) and tokens[k].start < hit.start:
            k += 1
        i = k
        while k < len(tokens) and tokens[k].end <= hit.end:
            k += 1
        if i < k:
            ranges.append((i, k, hit))
    return ranges


def _hit_kind(hit: _Hit) -> SourceKind | None:
    if isinstance(hit, RegistryMatch):
        return hit.entry.kind
    kinds = {entry.kind for entry in hit.candidates}
    return kinds.pop() if len(kinds) == 1 else None  # "the defence ministry": military either way


def describe(
    text: str,
    *,
    person_spans: Sequence[tuple[int, int]] = (),
    side_hint: Side | None = None,
    registry: Registry | None = None,
) -> Profile:
    """The profile of the source a phrase describes.

    `person_spans` are (start, end) offsets in `text` of PERSON entities, when a parser found
    them; without them capitalised words that no table knows are read as a name. `side_hint` is
    the side of the article's context: it resolves names both sides use ("a defence ministry
    spokesperson") and is the side when the phrase gives none. `registry` defaults to the
    packaged one.
    """
    reg = registry if registry is not None else Registry.load()
    vocab = _vocabulary(reg)
    tokens = reg.tokenize(text)
    hits = _token_ranges(tokens, reg.scan(text, side_hint=side_hint))
    in_hits = {k for i, j, _ in hits for k in range(i, j)}
    sides = reg.find_sides(tokens, blocked=in_hits)
    words = vocab.descriptors.find_all(tokens, blocked=in_hits)
    anonymity = vocab.anonymity.find_all(tokens, blocked=in_hits)

    # cut: [begin, link) the speaker, [link, end) the body it belongs to, [end, ...) the rest
    word_at = {i: (j, d) for i, j, d in words}
    begin = 0
    while begin in word_at and word_at[begin][1].slot in ("clause", "link"):
        begin = word_at[begin][0]  # "according to ..."
    end = next((i for i, _, d in words if d.slot == "clause" and i > begin), len(tokens))
    link = next((i for i, _, d in words if d.slot == "link" and begin < i < end), end)
    hits = [(i, j, hit) for i, j, hit in hits if begin <= i and j <= end]
    sides = [(i, j, side) for i, j, side in sides if begin <= i and j <= end]
    marked = any(what == "marker" for _, _, what in anonymity)

    known = in_hits | {k for i, j, _ in [*sides, *words, *anonymity] for k in range(i, j)}
    # first words of nouns a capitalised run may modify ("Kramatorsk residents")
    nouns = {i for i, _, d in words if d.slot in ("head", "member", "body")}
    nouns |= {i for i, _, what in anonymity if what == "head"}
    person = _person(text, tokens, person_spans, (begin, link, end), known, nouns, vocab)
    spokesperson = next(
        (
            (i, j, hit)
            for i, j, hit in hits
            if isinstance(hit, RegistryMatch) and hit.spokesperson is not None
        ),
        None,
    )
    if person is None and spokesperson is not None:
        person = spokesperson[0], spokesperson[1]
    if person is not None:
        return _person_profile(text, tokens, person, begin, end, hits, sides, side_hint)

    def within(i: int, j: int, lo: int, hi: int) -> bool:
        return lo <= i and j <= hi

    # a noun for the source named right after it: "the Telegram channel Mash", "the outlet Life"
    hit_starting = {i: hit for i, _, hit in hits if isinstance(hit, RegistryMatch)}
    heads = [(i, j) for i, j, what in anonymity if what == "head" and within(i, j, begin, link)]
    for _, j in heads:
        if j in hit_starting:
            entry = hit_starting[j].entry
            return Profile(entry.kind, entry.side, marked, None, entry.name, entry.id)

    kind, organisation = _kind(words, hits, begin, link, end)
    side = _side(hits, sides, link, side_hint)
    anonymous = marked or bool(heads)
    speaker_words = any(d.slot in ("head", "member") and i < link for i, _, d in words)
    body = next((hit for i, _, hit in hits if i < link and isinstance(hit, RegistryMatch)), None)
    if body is not None and not anonymous and not speaker_words:
        name = body.entry.name  # the phrase names the body itself: "the Russian MoD"
    else:
        name = _description(text, tokens, begin, end)
    return Profile(kind, side, anonymous, None, name, organisation)


def _person(
    text: str,
    tokens: Sequence[Token],
    person_spans: Sequence[tuple[int, int]],
    cut: tuple[int, int, int],
    known: Collection[int],
    nouns: Collection[int],
    vocab: Vocabulary,
) -> tuple[int, int] | None:
    """Token range of the speaker's personal name, if the phrase gives one.

    `cut` is (begin, link, end) of the phrase; `known` the tokens some table knows, which are
    never part of a name; `nouns` the first tokens of nouns a capitalised run may modify.
    """
    begin, link, end = cut

    def name_like(k: int) -> bool:
        token = tokens[k]
        return (
            k not in known
            and token.text[:1].isupper()
            and token.text.isalpha()
            and vocab.not_names.get(token.key) not in ("never", "modifier")
        )

    if person_spans:
        for start, stop in person_spans:
            inside = [
                k for k in range(begin, end) if tokens[k].start >= start and tokens[k].end <= stop
            ]
            while inside and not _part_of_name(tokens[inside[0]], inside[0] in known, vocab):
                inside.pop(0)  # "General Mykola Petrenko" -> "Mykola Petrenko"
            if inside:
                return inside[0], inside[-1] + 1
        return None

    k = begin
    while k < end:
        if not name_like(k):
            k += 1
            continue
        a, b = k, k + 1
        while b < end:
            if name_like(b):
                b += 1
                continue
            c = b  # joiners: particles ("von der"), or a hyphen without spaces ("Jean-Pierre")
            while c < end and _joins(tokens, c, vocab):
                c += 1
            if c in (b, end) or not name_like(c):
                break
            b = c
        if _speaks(text, tokens, a, b, link, nouns, vocab):
            return a, b
        k = b
    return None


def _part_of_name(token: Token, known: bool, vocab: Vocabulary) -> bool:
    """Can a word of a parser's PERSON span be part of the name (not a title or a side word)?"""
    return not known and token.text.isalpha() and vocab.not_names.get(token.key) != "never"


def _joins(tokens: Sequence[Token], b: int, vocab: Vocabulary) -> bool:
    """True when tokens[b] joins two parts of one name: a particle, or a hyphen without spaces."""
    if vocab.not_names.get(tokens[b].key) == "particle":
        return True
    return (
        tokens[b].text == "-"
        and b + 1 < len(tokens)
        and tokens[b - 1].end == tokens[b].start
        and tokens[b].end == tokens[b + 1].start
    )


def _speaks(
    text: str,
    tokens: Sequence[Token],
    a: int,
    b: int,
    link: int,
    nouns: Collection[int],
    vocab: Vocabulary,
) -> bool:
    """Is the capitalised run tokens[a:b] the speaker's name, rather than a place or body word?"""
    after = tokens[b - 1].end
    if text[after : after + 1] == "-":
        return False  # "Berlin-based"
    if b < len(tokens) and (b in nouns or vocab.not_names.get(tokens[b].key) == "modifier"):
        return False  # "Kramatorsk residents", "Zelensky adviser", "Donetsk regional governor"
    # after a link, a capitalised word is where the speaker is: "a source in Kramatorsk"
    return a < link or tokens[a - 1].text == ","


def _role(text: str, tokens: Sequence[Token], a: int, b: int, begin: int, end: int) -> str | None:
    """A named person's function: the apposition after the name, else the words before it."""
    if b < end and tokens[b].text == ",":
        stop = end
        while stop > b + 1 and tokens[stop - 1].text in _TRAILING:
            stop -= 1
        if stop > b + 1:
            return text[tokens[b + 1].start : tokens[stop - 1].end]
    if a > begin:
        stop = a
        while stop > begin and tokens[stop - 1].text in _TRAILING:
            stop -= 1
        if stop > begin:
            return text[tokens[begin].start : tokens[stop - 1].end]
    return None


def _person_profile(
    text: str,
    tokens: Sequence[Token],
    person: tuple[int, int],
    begin: int,
    end: int,
    hits: Sequence[tuple[int, int, _Hit]],
    sides: Sequence[tuple[int, int, Side]],
    side_hint: Side | None,
) -> Profile:
    a, b = person
    name = text[tokens[a].start : tokens[b - 1].end]
    role = _role(text, tokens, a, b, begin, end)
    votes: list[tuple[int, Side]] = [(i, side) for i, _, side in sides]
    organisation = None
    for i, j, hit in hits:
        if not isinstance(hit, RegistryMatch):
            continue
        if hit.spokesperson is not None and (i, j) == (a, b):
            role = role or hit.spokesperson.role
        votes.append((i, hit.entry.side))
        organisation = organisation or hit.entry.id
    votes.sort()
    side = votes[0][1] if votes else side_hint or "unknown"
    return Profile("person", side, False, role, name, organisation)


def _kind(
    words: Sequence[tuple[int, int, _Descriptor]],
    hits: Sequence[tuple[int, int, _Hit]],
    begin: int,
    link: int,
    end: int,
) -> tuple[SourceKind, str | None]:
    """The kind, in the order descriptors.tsv gives, and the registry body that decided it."""

    Item = tuple[int, SourceKind | None, str | None]

    def last(items: list[Item]) -> tuple[SourceKind, str | None] | None:
        for _, kind, organisation in reversed(items):
            if kind is not None:
                return kind, organisation
        return None

    def entry_id(hit: _Hit) -> str | None:
        return hit.entry.id if isinstance(hit, RegistryMatch) else None

    before = [(i, d) for i, j, d in words if begin <= i and j <= link]
    after = [(i, d) for i, j, d in words if link <= i and j <= end]
    hits_before = [(i, _hit_kind(hit), entry_id(hit)) for i, j, hit in hits if j <= link]
    hits_after = [(i, _hit_kind(hit), entry_id(hit)) for i, j, hit in hits if i >= link]

    steps: list[list[Item]] = [
        [(i, d.kind, None) for i, d in before if d.slot == "head"],
        hits_before,
        [(i, d.kind, None) for i, d in before if d.slot == "body"],
    ]
    for step in steps:
        found = last(step)
        if found is not None:
            return found
    after_items = sorted(
        [(i, d.kind, None) for i, d in after if d.slot in ("head", "body")] + hits_after,
        key=lambda item: item[0],
    )
    for _, kind, organisation in after_items:
        if kind is not None:
            return kind, organisation
    found = last([(i, d.kind, None) for i, d in before if d.slot == "member"])
    return found if found is not None else ("unknown", None)


def _side(
    hits: Sequence[tuple[int, int, _Hit]],
    sides: Sequence[tuple[int, int, Side]],
    link: int,
    side_hint: Side | None,
) -> Side:
    """The speaker's side: the side word or registry body nearest the speaker's noun, else the
    first one after the link, else the caller's hint."""
    votes = sorted(
        [(i, side) for i, _, side in sides]
        + [(i, hit.entry.side) for i, _, hit in hits if isinstance(hit, RegistryMatch)]
    )
    before = [side for i, side in votes if i < link]
    if before:
        return before[-1]
    after = [side for i, side in votes if i >= link]
    if after:
        return after[0]
    return side_hint or "unknown"


def _description(text: str, tokens: Sequence[Token], begin: int, end: int) -> str:
    """The phrase as a name for an unnamed source: no leading article, no trailing comma."""
    while begin < end and tokens[begin].key in _ARTICLES:
        begin += 1
    while end > begin and tokens[end - 1].text in _TRAILING:
        end -= 1
    if begin >= end:
        return text.strip()
    return text[tokens[begin].start : tokens[end - 1].end]
