"""The figures a claim states: "more than 210 personnel", "seven tanks destroyed", "dozens of
civilians", as the contract's `Quantity`, with qualifier, category, outcome and period.

Works over the parsed tokens only (no re-parsing). This module finds the figures and puts each
together; the parts are decided in quantity_not_counts.py (which figures count nothing),
quantity_qualifiers.py (qualifiers, ranges), quantity_nouns.py (the counted noun, its category),
quantity_outcomes.py, quantity_periods.py, over the tables of quantity_tables.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimledger.claims.numbers import Number, number_at
from claimledger.claims.quantity_not_counts import (
    bare_figure_counts,
    is_one,
    is_year,
    measure_or_name,
    not_a_count,
)
from claimledger.claims.quantity_nouns import category_of, counted_noun, noun_phrase
from claimledger.claims.quantity_outcomes import outcome_of
from claimledger.claims.quantity_periods import period_for, sentence_periods
from claimledger.claims.quantity_qualifiers import qualifier_after, qualifier_before, range_end
from claimledger.claims.quantity_tables import OutcomeRow
from claimledger.model import Quantity

# what may stand between two figures of one list that share their verb ("seven tanks, three
# armored vehicles and two guns")
LIST_GLUE = frozenset({",", "and", "as", "well", "plus", "also", ";"})


@dataclass(frozen=True)
class _Found:
    """A figure with what surrounds it, before category and outcome are settled."""

    number: Number
    value: int | float
    qualifier: str
    first: int  # first token of the quantity (its qualifier)
    last: int  # last token (the counted noun, or the figure)
    noun: tuple[list[str], ...]  # the counted noun's words, each with its spellings; head last
    anchor: Token  # the token that carries the phrase's role in the clause
    outcome: OutcomeRow | None
    resume: int  # the token to read on from: "12 Leopard 2 tanks" has no figure 2


def find_quantities(doc: Doc, start: int, end: int) -> list[Quantity]:
    """The quantities whose figure lies inside doc.text[start:end], in text order."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    found: list[_Found] = []
    articles: list[_Found] = []  # "a tank": one, when it stands in a list of figures
    i = span.start
    while i < span.end:
        number = number_at(doc, i)
        if number is None or doc[i].idx < start:
            if number is None and doc[i].lower_ in ("a", "an") and doc[i].idx >= start:
                article = _article_quantity(doc, i)
                if article is not None:
                    articles.append(article)
            i += 1
            continue
        item = _quantity(doc, number)
        if item is None:
            i = number.end
            continue
        if found and found[-1].resume == i and found[-1].last >= i:
            # the whole of a partitive ("52 of the 60 drones"): the verb's fate is the part's
            item = replace(item, outcome=None)
        found.append(item)
        i = item.resume
    found = _share_list_outcomes(doc, _with_listed_articles(doc, found, articles))
    sent: Span | None = None
    periods: list[tuple[int, str]] = []
    out = []
    for item in found:
        if sent is None or not sent.start <= item.number.start < sent.end:
            sent = _sentence(doc[item.number.start])
            periods = list(sentence_periods(sent))
        out.append(_to_quantity(doc, item, period_for(periods, item.anchor, item.number.start)))
    return out


def _sentence(token: Token) -> Span:
    try:
        return token.sent
    except ValueError:  # a Doc without sentence boundaries: the whole Doc is one sentence
        return token.doc[:]


def _to_quantity(doc: Doc, item: _Found, period: str | None) -> Quantity:
    category = category_of(item.noun, item.outcome)
    s = doc[item.first].idx
    e = doc[item.last].idx + len(doc[item.last])
    return Quantity(
        value=item.value,
        qualifier=item.qualifier,
        category=category,
        outcome=item.outcome.for_category(category) if item.outcome else None,
        period=period,
        start=s,
        end=e,
        text=doc[item.first : item.last + 1].text,  # doc.text would join the whole Doc
    )


def _quantity(doc: Doc, number: Number) -> _Found | None:
    """The quantity around a figure, or None when the figure counts nothing."""
    if not_a_count(doc, number):
        return None
    value: int | float = number.value
    qualifier = "at_least" if number.vague else "exactly"
    first, j = number.start, number.end
    upper = number.upper
    # a range: "30 to 40", "30-40", "between 30 and 40", "two or three"
    second = range_end(doc, number)
    if second is not None:
        upper, j = second.value, second.end
    if upper is not None:
        qualifier = "at_least"
        if first > 0 and doc[first - 1].lower_ in ("between", "from"):
            first -= 1
    before = qualifier_before(doc, first)
    if before is not None:
        qualifier, first = before
        if upper is not None and qualifier == "up_to":
            value = upper
    after = qualifier_after(doc, j)
    if after is not None:
        qualifier, j = after
    noun = counted_noun(doc, j)
    noun_end, words = noun.end, noun.words
    last = (noun_end if noun_end is not None else j) - 1
    if measure_or_name(doc, j, noun_end):
        return None
    if noun_end is not None:
        after = qualifier_after(doc, noun_end)  # "12 soldiers or more"
        if after is not None:
            qualifier, last = after[0], after[1] - 1
    anchor = _anchor(doc, number.start, last, noun_end)
    outcome = outcome_of(anchor, doc[noun_end - 1] if noun_end is not None else None, words)
    if not words and not bare_figure_counts(doc, number, anchor, outcome):
        return None
    doubtful = is_year(doc, number) or is_one(doc, number)
    if doubtful and outcome is None and category_of(tuple(words), outcome) is None:
        return None  # "in 2022"; "one official said" (but "one tank", "one was killed")
    # after "52 of the 60 drones", the 60 is read as a figure of its own
    resume = noun.inner if noun.inner is not None else last + 1
    return _Found(number, value, qualifier, first, last, tuple(words), anchor, outcome, resume)


def _anchor(doc: Doc, first: int, last: int, noun_end: int | None) -> Token:
    """The token of the phrase whose head is outside it: its role in the clause."""
    if noun_end is not None:
        head = doc[noun_end - 1]
        if not first <= head.head.i <= last or head.head.i == head.i:
            return head
    for k in range(first, last + 1):
        t = doc[k]
        if not first <= t.head.i <= last or t.head.i == t.i:
            return t
    return doc[first]


def _article_quantity(doc: Doc, i: int) -> _Found | None:
    """ "a tank" as a figure of one, if the noun has a category."""
    end, words = noun_phrase(doc, i + 1)
    if not words:
        return None
    head = doc[end - 1]
    outcome = outcome_of(head, head, words)
    if category_of(tuple(words), outcome) is None:
        return None
    return _Found(Number(i, i + 1, 1), 1, "exactly", i, end - 1, tuple(words), head, outcome, end)


def _with_listed_articles(doc: Doc, found: list[_Found], articles: list[_Found]) -> list[_Found]:
    """Found figures, with the "a tank" of a list of figures ("lost 475 servicemen, a tank,
    four armored vehicles"); an "a tank" elsewhere is no figure."""
    items = sorted([*found, *articles], key=lambda f: f.first)
    kept = [not any(item is a for a in articles) for item in items]
    changed = True
    while changed:
        changed = False
        for k in range(len(items)):
            if kept[k]:
                continue
            neighbours = [n for n in (k - 1, k + 1) if 0 <= n < len(items) and kept[n]]
            if any(_listed(doc, items[min(k, n)], items[max(k, n)]) for n in neighbours):
                kept[k] = changed = True
    return [item for item, keep in zip(items, kept, strict=True) if keep]


def _listed(doc: Doc, before: _Found, after: _Found) -> bool:
    between = doc[before.last + 1 : after.first]
    return len(between) > 0 and all(t.lower_ in LIST_GLUE for t in between)


def _share_list_outcomes(doc: Doc, found: list[_Found]) -> list[_Found]:
    """A figure in a list takes the outcome of the figure before it when the parse gave it none:
    "destroyed seven tanks, three armored vehicles and two guns"."""
    out: list[_Found] = []
    for item in found:
        if item.outcome is None and out and out[-1].outcome and _listed(doc, out[-1], item):
            item = replace(item, outcome=out[-1].outcome)
        out.append(item)
    return out
