"""The ordered rule list of the ACLED classifier (data/claims/acled_rules.tsv), and its
evaluation over the concepts found in a Span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claimledger.claims.acled_lexicon import Occurrence, find_occurrences, lexicon
from claimledger.claims.acled_roles import (
    doers,
    negated,
    phrases,
    position,
    sentence_ordinals,
    sentence_weight,
    targets,
    topics,
)
from claimledger.tables import cells, table_lines


@dataclass(frozen=True)
class Term:
    concepts: frozenset[str]  # any of these
    doer: frozenset[str] | None = None  # the occurrence's doer names one of these
    target: frozenset[str] | None = None  # its target names one of these
    absent: bool = False  # "!a": none of the concepts occurs


@dataclass(frozen=True)
class Rule:
    label: str
    terms: tuple[Term, ...]
    score: float
    order: int  # position in the table: the earlier rule wins a tie


def _expand(text: str, aliases: dict[str, str]) -> frozenset[str]:
    out: set[str] = set()
    for item in text.split("/"):
        item = item.strip()
        if item.startswith("@"):
            out |= _expand(aliases[item], aliases)
        elif item:
            out.add(item)
    return frozenset(out)


def parse_term(text: str, aliases: dict[str, str]) -> Term:
    text = text.strip()
    absent = text.startswith("!")
    parts = re.split(r"([<>])", text.lstrip("!"))
    doer = target = None
    for op, names in zip(parts[1::2], parts[2::2], strict=True):
        if op == "<":
            doer = _expand(names, aliases)
        else:
            target = _expand(names, aliases)
    return Term(_expand(parts[0], aliases), doer, target, absent)


@cache
def rules() -> tuple[Rule, ...]:
    aliases: dict[str, str] = {}
    out: list[Rule] = []
    for line in table_lines("claims", "acled_rules.tsv"):
        row = cells(line)
        if row[0].startswith("@"):
            aliases[row[0]] = row[1]
            continue
        terms = tuple(parse_term(t, aliases) for t in row[1].split(" + "))
        out.append(Rule(row[0], terms, float(row[2]), len(out)))
    return tuple(out)


class Evidence:
    """The concepts found in one Span, each occurrence weighted by its prominence, with the
    doers and targets of an occurrence read from the parse when a rule asks."""

    def __init__(self, span: Span) -> None:
        lex = lexicon()
        found = find_occurrences(span)
        self.token_concepts: dict[int, set[str]] = {}
        for occ in found:
            for i in occ.cover:
                self.token_concepts.setdefault(i, set()).update(occ.concepts)
        ordinals = sentence_ordinals(span)
        about = self._about_discounts(found, lex.about)
        self.by_concept: dict[str, list[tuple[float, Occurrence]]] = {}
        for occ in found:
            kept = {c: 1.0 for c in occ.concepts}
            if negated(occ.anchor):
                kept = {c: lex.negated[c] for c in occ.concepts if c in lex.negated}
            where = position(occ.anchor, lex.background, lex.under)
            weight = (
                sentence_weight(ordinals.get(occ.anchor.i, 0))
                * where.depth
                * where.under
                * about.get(occ.anchor.i, 1.0)
            )
            for concept, factor in kept.items():
                if concept not in lex.means:
                    factor *= where.background
                self.by_concept.setdefault(concept, []).append((weight * factor, occ))
        for hits in self.by_concept.values():
            hits.sort(key=lambda h: (-h[0], h[1].start))
        self.present = frozenset(self.by_concept)
        self._roles: dict[tuple[int, str], list[Token]] = {}

    def _about_discounts(
        self, found: list[Occurrence], about: dict[str, float]
    ) -> dict[int, float]:
        out: dict[int, float] = {}
        for occ in found:
            factors = [about[c] for c in occ.concepts if c in about]
            if not factors:
                continue
            for arg in topics(occ.anchor):
                for tok in arg.subtree:
                    out[tok.i] = min(out.get(tok.i, 1.0), min(factors))
        return out

    def _names(self, heads: list[Token], wanted: frozenset[str]) -> bool:
        precedence = lexicon().precedence
        for head in heads:
            for phrase in phrases(head):
                named: set[str] = set()
                for tok in phrase:
                    named |= self.token_concepts.get(tok.i, set())
                actor = next((c for c in precedence if c in named), None)
                named -= set(precedence) - {actor} if actor else set()
                if named & wanted:
                    return True
        return False

    def _role(self, occ: Occurrence, kind: str) -> list[Token]:
        key = (occ.cover[0], kind)
        if key not in self._roles:
            self._roles[key] = doers(occ) if kind == "doer" else targets(occ)
        return self._roles[key]

    def best(self, term: Term) -> tuple[float, Occurrence] | None:
        """The most prominent occurrence satisfying a (positive) term."""
        hits = sorted(
            (h for c in term.concepts for h in self.by_concept.get(c, ())),
            key=lambda h: (-h[0], h[1].start),
        )
        for weight, occ in hits:
            if term.doer is not None and not self._names(self._role(occ, "doer"), term.doer):
                continue
            if term.target is not None and not self._names(self._role(occ, "target"), term.target):
                continue
            return weight, occ
        return None

    def apply(self, rule: Rule) -> tuple[float, Occurrence] | None:
        """The rule's score weighted by the prominence of its trigger (the occurrence matching
        the first term) and of its least prominent term; None when the rule does not apply."""
        if not all(
            bool(t.concepts & self.present) != t.absent for t in rule.terms
        ):  # a concept missing, or one present that must not be: no relations to read
            return None
        weight = 1.0
        first = 1.0
        trigger: Occurrence | None = None
        for term in rule.terms:
            if term.absent:
                continue
            hit = self.best(term)
            if hit is None:
                return None
            if trigger is None:
                first, trigger = hit
            weight = min(weight, hit[0])
        if trigger is None:
            return None
        return rule.score * (first * weight) ** 0.5, trigger
