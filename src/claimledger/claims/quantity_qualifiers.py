"""How exact a figure is: the qualifier words around it ("more than", "up to", "or more", "40+",
"40-odd", data/claims/quantity_qualifiers.tsv) and the upper end of a range ("30 to 40")."""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.claims.numbers import Number, number_at
from claimledger.claims.quantity_tables import HYPHENS, qualifier_table


def range_end(doc: Doc, number: Number) -> Number | None:
    """The upper figure of "30 to 40", "30 - 40", "two or three", "between 30 and 40"."""
    j = number.end
    if number.vague or number.upper is not None or j + 1 >= len(doc):
        return None
    link = doc[j].lower_
    between = number.start > 0 and doc[number.start - 1].lower_ == "between"
    if link in HYPHENS or link in ("to", "or") or (link == "and" and between):
        second = number_at(doc, j + 1)
        if second is not None and not second.vague and second.value > number.value:
            return second
    return None


def qualifier_before(doc: Doc, first: int) -> tuple[str, int] | None:
    table = qualifier_table()
    if first == 0 or doc[first - 1].lower_ not in table.last_before:
        return None
    for size in range(min(table.longest, first), 0, -1):
        words = tuple(t.lower_ for t in doc[first - size : first])
        found = table.before.get(words)
        if found is None:
            continue
        qualifier, is_prep = found
        word = doc[first - 1]
        if is_prep and word.dep_ == "prep" and any(c.dep_ == "pobj" for c in word.children):
            return None  # "a battle over two villages"
        return qualifier, first - size
    return None


def qualifier_after(doc: Doc, j: int) -> tuple[str, int] | None:
    """ "40 or more", "40+", "40-odd": (qualifier, index after it)."""
    table = qualifier_table()
    k = (
        j + 1
        if j < len(doc) and doc[j].text in HYPHENS and j > 0 and not doc[j - 1].whitespace_
        else j
    )
    if k >= len(doc) or doc[k].lower_ not in table.first_after:
        return None
    for size in range(table.longest, 0, -1):
        words = tuple(t.lower_ for t in doc[k : k + size])
        if len(words) == size and words in table.after:
            return table.after[words], k + size
    return None
