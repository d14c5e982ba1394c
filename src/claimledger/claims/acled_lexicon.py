"""The event lexicon of the ACLED classifier: word patterns -> concepts, over a parsed Span.

Tables in data/claims/: acled_concepts.tsv (patterns), acled_precedence.txt (which actor a
phrase names), acled_discounts.tsv (positions where a mentioned event did not happen),
acled_undergoers.txt (verbs whose subject is what happened to it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claimledger.tables import cells, table_lines

HYPHENS = frozenset({"-", "–", "‐"})  # "air-strike" is "air strike"
# a dependent may hang under the head's preposition, particle or object: "took control of",
# "held the group responsible"
VIA = frozenset({"prep", "prt", "agent", "dobj"})


@dataclass(frozen=True)
class Spec:
    """One token of a pattern: a word (lemma or text), an entity label, maybe a coarse POS."""

    word: str | None = None
    exact: bool = False  # written with a capital: the token's text, case and all ("IS", "UN")
    pos: str | None = None
    ent: str | None = None

    @classmethod
    def parse(cls, text: str) -> Spec:
        if text.startswith("[") and text.endswith("]"):
            return cls(ent=text[1:-1])
        word, _, pos = text.partition("/")
        return cls(word=word, exact=word != word.lower(), pos=pos or None)

    @property
    def key(self) -> str:
        return f"[{self.ent}]" if self.ent else str(self.word)

    def matches(self, tok: Token) -> bool:
        if self.ent is not None:
            return tok.ent_type_ == self.ent
        if self.pos is not None and tok.pos_ != self.pos:
            return False
        if self.exact:
            return tok.text == self.word
        return self.word in (tok.lemma_.lower(), tok.lower_)


@dataclass(frozen=True)
class Pattern:
    specs: tuple[Spec, ...]  # consecutive tokens; for a dependency pattern, the head alone
    dep: Spec | None  # "head > dep": the dependent
    concepts: frozenset[str]
    doer_prep: bool = False  # "head >> prep": the doer is that preposition's object


@dataclass(frozen=True)
class Occurrence:
    """A pattern found in the text: the concepts it stands for, where, and its anchor token (the
    syntactic head of the matched words, whose arguments say who did what to whom)."""

    anchor: Token
    cover: tuple[int, ...]  # token indices matched
    concepts: frozenset[str]
    start: int  # char offsets in doc.text
    end: int
    # "the town fell to the rebels": the doer is the object of this preposition
    doer_prep: Token | None = None


@dataclass(frozen=True)
class Lexicon:
    index: dict[str, tuple[Pattern, ...]]  # first spec's key -> patterns
    precedence: tuple[str, ...]  # actor concepts, the first present in a phrase wins
    about: dict[str, float]  # concept -> factor for events in what it is about
    background: dict[str, float]  # preposition -> factor for events in its object
    means: frozenset[str]  # concepts the background factor spares
    under: dict[str, float]  # governing lemma -> factor
    negated: dict[str, float]  # concept -> factor when negated (others: dropped)
    concepts: frozenset[str]  # every concept some pattern stands for
    undergoers: frozenset[str]  # verbs whose subject is their target ("soldiers died")


def _pattern(text: str, concepts: frozenset[str]) -> Pattern:
    for sep in (">>", ">"):
        if sep in text:
            head, dep = (part.strip() for part in text.split(sep, 1))
            return Pattern((Spec.parse(head),), Spec.parse(dep), concepts, sep == ">>")
    return Pattern(tuple(Spec.parse(w) for w in text.split()), None, concepts)


@cache
def lexicon() -> Lexicon:
    # a pattern listed twice would have both lines' concepts (a test keeps the table free of it)
    merged: dict[str, set[str]] = defaultdict(set)
    for line in table_lines("claims", "acled_concepts.tsv"):
        pattern, names = cells(line)[:2]
        merged[" ".join(pattern.split())].update(c.strip() for c in names.split(",") if c.strip())
    index: dict[str, list[Pattern]] = defaultdict(list)
    for text, concepts in merged.items():
        p = _pattern(text, frozenset(concepts))
        index[p.specs[0].key].append(p)
    discounts: dict[str, dict[str, float]] = {
        k: {} for k in ("about", "background", "means", "under", "negated")
    }
    for line in table_lines("claims", "acled_discounts.tsv"):
        position, word, factor = cells(line)[:3]
        discounts[position][word] = float(factor)
    return Lexicon(
        index={k: tuple(v) for k, v in index.items()},
        precedence=tuple(table_lines("claims", "acled_precedence.txt")),
        about=discounts["about"],
        background=discounts["background"],
        means=frozenset(discounts["means"]),
        under=discounts["under"],
        negated=discounts["negated"],
        concepts=frozenset(c for cs in merged.values() for c in cs),
        undergoers=frozenset(table_lines("claims", "acled_undergoers.txt")),
    )


def _keys(tok: Token) -> tuple[str, ...]:
    keys = {tok.lemma_.lower(), tok.lower_, tok.text}
    if tok.ent_type_:
        keys.add(f"[{tok.ent_type_}]")
    return tuple(keys)


def _consecutive(p: Pattern, span: Span, at: int) -> tuple[int, ...] | None:
    """Token indices matching p's specs from token `at` on (hyphens between words skipped)."""
    doc = span.doc
    cover = [at]
    i = at
    for spec in p.specs[1:]:
        i += 1
        while i < span.end and doc[i].text in HYPHENS:
            i += 1
        if i >= span.end or not spec.matches(doc[i]):
            return None
        cover.append(i)
    return tuple(cover)


def _dependent(p: Pattern, head: Token) -> Token | None:
    assert p.dep is not None
    for child in head.children:
        if p.dep.matches(child):
            return child
        if child.dep_ in VIA:
            for grandchild in child.children:
                if p.dep.matches(grandchild):
                    return grandchild
    return None


def _anchor(span: Span, cover: tuple[int, ...]) -> Token:
    """The matched word whose head lies outside the match: "bomb" of "roadside bomb"."""
    inside = set(cover)
    for i in cover:
        if span.doc[i].head.i not in inside or span.doc[i].head.i == i:
            return span.doc[i]
    return span.doc[cover[-1]]


def find_occurrences(span: Span) -> list[Occurrence]:
    """Every pattern in the span; where matches overlap, the one covering more tokens wins."""
    lex = lexicon()
    found: list[tuple[tuple[int, ...], Pattern, Token | None]] = []
    for tok in span:
        for key in _keys(tok):
            for p in lex.index.get(key, ()):
                if not p.specs[0].matches(tok):
                    continue
                if p.dep is None:
                    cover = _consecutive(p, span, tok.i)
                    if cover is not None:
                        found.append((cover, p, None))
                elif (dep := _dependent(p, tok)) is not None and span.start <= dep.i < span.end:
                    via = dep if p.doer_prep else None
                    found.append((tuple(sorted((tok.i, dep.i))), p, via))
    found.sort(key=lambda f: (-len(f[0]), f[0][0]))
    taken: set[int] = set()
    out: list[Occurrence] = []
    for cover, p, via in found:
        if taken.intersection(cover):
            continue
        taken.update(cover)
        doc = span.doc
        # a dependency pattern is anchored on its head ("claimed" of "claimed responsibility")
        anchor = (
            _anchor(span, cover)
            if p.dep is None
            else next(doc[i] for i in cover if p.specs[0].matches(doc[i]))
        )
        last = doc[cover[-1]]
        out.append(
            Occurrence(anchor, cover, p.concepts, doc[cover[0]].idx, last.idx + len(last), via)
        )
    out.sort(key=lambda o: o.cover[0])
    return out
