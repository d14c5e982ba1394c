"""The period of a figure ("over the past 24 hours", "per day", "this week") as an ISO 8601
duration, from the periods its sentence states (data/claims/periods.tsv)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from claimledger.claims.numbers import number_at
from claimledger.claims.quantity_tables import period_table


def sentence_periods(sent: Span) -> Iterable[tuple[int, str]]:
    """The periods stated in a sentence, as (token index, ISO 8601 duration)."""
    table = period_table()
    doc = sent.doc
    for t in sent:
        if t.lower_ in table.adverbs:
            yield t.i, table.adverbs[t.lower_]
            continue
        unit = table.units.get(t.lemma_.lower()) or table.units.get(t.lower_)
        if unit is None:
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in table.after:
            continue  # "a day ago", "two days after the strike"
        iso = _period_before(doc, t.i, sent.start, unit)
        if iso is not None:
            yield t.i, iso


def _period_before(doc: Doc, k: int, start: int, unit: tuple[str, int]) -> str | None:
    """ "[over] [the] [past] [24|a] hours": the duration ending at the unit word k, or None."""
    table = period_table()
    j = k - 1
    count: int | float | None = None
    if j >= start:
        count, j = _count_before(doc, j, start)
    if count is None:
        if doc[k].tag_ in ("NNS", "NNPS"):
            return None  # "for years", "in recent days": no stated length
        count = 1
        if j >= start and doc[j].lower_ in table.rates:
            rate = doc[j].lower_
            if rate not in ("a", "an") or (
                j > start and doc[j - 1].pos_ in ("NOUN", "NUM", "VERB")
            ):
                return _iso(1, unit)  # "per day", "1,200 troops a day"
            if rate in ("a", "an"):
                j -= 1
    seen_recent = j >= start and doc[j].lower_ in table.recent
    if seen_recent:
        j -= 1
    seen_the = j >= start and doc[j].lower_ == "the"
    if seen_the:
        j -= 1
    lead = j >= start and doc[j].lower_ in table.leads
    if lead or (seen_the and seen_recent):
        return _iso(count, unit)
    return None


def _count_before(doc: Doc, j: int, start: int) -> tuple[int | float | None, int]:
    """The figure that ends at token j ("24", "twenty-four", "a", "one"): (value, index before)."""
    if doc[j].lower_ in ("a", "an"):
        return None, j  # read as a rate or a lead by the caller
    for first in range(max(start, j - 3), j + 1):
        number = number_at(doc, first)
        if number is not None and number.end == j + 1 and not number.vague:
            return number.value, first - 1
    return None, j


def _iso(count: int | float, unit: tuple[str, int]) -> str | None:
    designator, size = unit
    total = count * size
    if total != int(total) or total <= 0:
        return None
    whole = int(total)
    if designator == "H":
        return f"P{whole // 24}D" if whole % 24 == 0 else f"PT{whole}H"
    return f"P{whole}{designator}"


def period_for(periods: list[tuple[int, str]], anchor: Token, figure: int) -> str | None:
    """The period of the figure at token `figure`, whose phrase is `anchor` in its clause: the
    one its sentence states; of several, the one in its clause."""
    if len({iso for _, iso in periods}) <= 1:
        return periods[0][1] if periods else None
    doc = anchor.doc
    clause = _clause(anchor)
    same = [(abs(k - figure), iso) for k, iso in periods if _clause(doc[k]) == clause]
    return min(same)[1] if same else None


def _clause(token: Token) -> int:
    """The verb that heads the token's clause (a participle on a noun heads none)."""
    t = token
    while t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "amod", "acl"):
            return t.i
        t = t.head
    return t.i
