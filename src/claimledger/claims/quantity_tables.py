"""The reviewed tables the quantity reader works with, loaded once and checked: data/claims/
quantity_categories.tsv, quantity_outcomes.tsv, quantity_qualifiers.tsv, quantity_not_counts.tsv
and periods.tsv (number_words.tsv is read in numbers.py). Their header comments document the
conventions (ranges, vague plurals, "shot down", "military equipment").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import get_args

from claimledger.model import Qualifier, QuantityCategory
from claimledger.tables import cells, table_lines

CATEGORIES = frozenset(get_args(QuantityCategory))
QUALIFIERS = frozenset(get_args(Qualifier))
PEOPLE = frozenset({"personnel", "civilians"})
HYPHENS = frozenset({"-", "–"})


@dataclass(frozen=True)
class CategoryRow:
    category: str | None  # a contract category, None for a known noun of no category, "of"
    generic: bool = False
    only_with: frozenset[str] = frozenset()  # outcomes the row needs, empty: any


@dataclass(frozen=True)
class OutcomeRow:
    outcome: str  # "=subject" for a linking verb
    people: str | None = None  # the outcome when the figure counts people, if it differs

    def for_category(self, category: str | None) -> str:
        return self.people if self.people and category in PEOPLE else self.outcome


@dataclass(frozen=True)
class CategoryTable:
    phrases: dict[str, CategoryRow]
    prefixes: dict[str, CategoryRow]  # designation prefixes: "t-" (T-72), "bmp" (BMP-2)
    prefix_sizes: tuple[int, ...]  # their lengths, longest first
    longest: int  # words in the longest phrase

    def get(self, phrase: str) -> CategoryRow | None:
        row = self.phrases.get(phrase)
        if row is not None or " " in phrase:
            return row
        for size in self.prefix_sizes:
            row = self.prefixes.get(phrase[:size])
            rest = phrase[size:]
            if row is not None and (not rest or any(c.isdigit() for c in rest)):
                return row
        return None


@cache
def category_table() -> CategoryTable:
    phrases: dict[str, CategoryRow] = {}
    prefixes: dict[str, CategoryRow] = {}
    for line in table_lines("claims", "quantity_categories.tsv"):
        phrase, category, use = [*cells(line), ""][:3]
        if category not in CATEGORIES and category not in ("-", "of"):
            raise ValueError(f"quantity_categories.tsv: bad category {category!r} for {phrase!r}")
        only_with: frozenset[str] = frozenset()
        if use.startswith("with:"):
            only_with = frozenset(o.strip() for o in use[5:].split(","))
        row = CategoryRow(None if category == "-" else category, use == "generic", only_with)
        if phrase.endswith("*"):
            prefixes[phrase[:-1]] = row
        else:
            phrases[phrase] = row
    sizes = tuple(sorted({len(p) for p in prefixes}, reverse=True))
    longest = max(len(p.split()) for p in phrases)
    return CategoryTable(phrases, prefixes, sizes, longest)


@cache
def outcome_table() -> dict[str, OutcomeRow]:
    table: dict[str, OutcomeRow] = {}
    for line in table_lines("claims", "quantity_outcomes.tsv"):
        word, outcome, people = [*cells(line), ""][:3]
        table[word] = OutcomeRow(outcome, people or None)
    return table


@dataclass(frozen=True)
class QualifierTable:
    before: dict[tuple[str, ...], tuple[str, bool]]  # words -> (qualifier, is also a preposition)
    after: dict[tuple[str, ...], str]
    longest: int
    last_before: frozenset[str]  # the words a `before` phrase ends with: a quick first test
    first_after: frozenset[str]


@cache
def qualifier_table() -> QualifierTable:
    before: dict[tuple[str, ...], tuple[str, bool]] = {}
    after: dict[tuple[str, ...], str] = {}
    for line in table_lines("claims", "quantity_qualifiers.tsv"):
        phrase, qualifier, position, check = [*cells(line), "", ""][:4]
        if qualifier not in QUALIFIERS or position not in ("before", "after"):
            raise ValueError(f"quantity_qualifiers.tsv: bad row for {phrase!r}")
        words = tuple(phrase.split())
        if position == "after":
            after[words] = qualifier
        else:
            before[words] = (qualifier, check == "prep")
    longest = max(len(w) for w in [*before, *after])
    last_before = frozenset(w[-1] for w in before)
    return QualifierTable(before, after, longest, last_before, frozenset(w[0] for w in after))


@cache
def not_counts() -> dict[str, frozenset[str]]:
    """word -> its kinds (measure, before, name, month, not-one); time units are measures."""
    kinds: dict[str, set[str]] = {}
    for line in table_lines("claims", "quantity_not_counts.tsv"):
        word, kind = cells(line)
        kinds.setdefault(word, set()).add(kind)
    for unit in period_table().units:
        kinds.setdefault(unit, set()).add("measure")
    return {word: frozenset(k) for word, k in kinds.items()}


@dataclass(frozen=True)
class PeriodTable:
    units: dict[str, tuple[str, int]]  # word -> (ISO designator, how many)
    leads: frozenset[str]
    recent: frozenset[str]
    rates: frozenset[str]
    adverbs: dict[str, str]
    after: frozenset[str]


@cache
def period_table() -> PeriodTable:
    rows: dict[str, list[list[str]]] = {}
    for line in table_lines("claims", "periods.tsv"):
        kind, *rest = cells(line)
        rows.setdefault(kind, []).append(rest)

    def words(kind: str) -> frozenset[str]:
        return frozenset(r[0] for r in rows.get(kind, []))

    return PeriodTable(
        units={r[0]: (r[1], int(r[2])) for r in rows["unit"]},
        leads=words("lead"),
        recent=words("recent"),
        rates=words("rate"),
        adverbs={r[0]: r[1] for r in rows.get("adverb", [])},
        after=words("after"),
    )
