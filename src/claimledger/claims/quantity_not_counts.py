"""The figures that count nothing: dates, times, money, shares, labels and names, phone numbers,
hyphenated modifiers, measures ("30 km", "24 hours"), a year, a bare "one"; with the table
data/claims/quantity_not_counts.tsv."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimledger.claims.numbers import DIGITS, Number, number_at
from claimledger.claims.quantity_nouns import calibre
from claimledger.claims.quantity_tables import HYPHENS, OutcomeRow, not_counts

YEAR = re.compile(r"(19|20)\d\d")


def not_a_count(doc: Doc, number: Number) -> bool:
    """Dates, times, money, shares, labels and names, phone numbers, hyphenated modifiers."""
    if any(doc[k].ent_type_ in ("MONEY", "PERCENT") for k in range(number.start, number.end)):
        return True
    if doc[number.start].text.startswith("+") or _in_digit_run(doc, number):
        return True  # phone numbers
    if _labelled(doc, number.start) or _glued_modifier(doc, number):
        return True
    nxt = doc[number.end] if number.end < len(doc) else None
    if nxt is not None and _is_month(nxt):
        return True  # "24 November"
    return is_one(doc, number) and _one_is_no_count(doc, number)


def _labelled(doc: Doc, i: int) -> bool:
    """The words before token i make it a name, a label or a date: "No. 5", "Brigade 47",
    "$5", "Storm Shadow 2", "November 24", "IRIS-T", "Zapad-2021"."""
    if i == 0:
        return False
    prev = doc[i - 1]
    kinds = _kinds(prev) | not_counts().get(prev.lower_.rstrip("."), frozenset())
    if "before" in kinds or (not prev.is_alpha and "measure" in kinds) or _is_month(prev):
        return True
    if i > 1 and "before" in _kinds_of(doc[i - 2 : i]):
        return True
    return (
        prev.text in HYPHENS
        and not prev.whitespace_
        and i > 1
        and doc[i - 2].is_alpha
        and not doc[i - 2].whitespace_
    )


def _glued_modifier(doc: Doc, number: Number) -> bool:
    """The figure is glued by a hyphen to the word after it: "a 45-year-old", "a 1,500-strong
    unit", "155-mm" (but "30-40" is a range, "40-odd" a qualifier)."""
    j = number.end
    if j + 1 >= len(doc) or doc[j].text not in HYPHENS:
        return False
    if doc[j - 1].whitespace_ or doc[j].whitespace_:
        return False
    return doc[j + 1].lower_ not in ("odd", "plus") and number_at(doc, j + 1) is None


def _kinds(token: Token) -> frozenset[str]:
    return not_counts().get(token.lower_, frozenset())


def _kinds_of(tokens: Span) -> frozenset[str]:
    return not_counts().get(tokens.text.lower(), frozenset())


def _is_month(token: Token) -> bool:
    return token.text[:1].isupper() and "month" in not_counts().get(
        token.lower_.rstrip("."), frozenset()
    )


def _in_digit_run(doc: Doc, number: Number) -> bool:
    """A bare run of digit groups ("44 123 4567"): a phone or an identifier, not a count."""

    def bare(k: int) -> bool:
        return 0 <= k < len(doc) and bool(DIGITS.fullmatch(doc[k].text)) and "," not in doc[k].text

    if number.end != number.start + 1 or not bare(number.start):
        return False
    if bare(number.end):
        return not calibre(doc, number.end)  # "3 155 mm guns" is three guns
    return bare(number.start - 1) and not calibre(doc, number.start)


def _one_is_no_count(doc: Doc, number: Number) -> bool:
    """ "no one", "the one", "one of the", "one another": "one" counting nothing."""
    prev = doc[number.start - 1].lower_ if number.start > 0 else ""
    nxt = doc[number.end] if number.end < len(doc) else None
    if prev in ("no", "any", "every", "each", "the", "this", "that", "which", "another"):
        return True
    return nxt is not None and (nxt.lower_ == "of" or "not-one" in _kinds(nxt))


def measure_or_name(doc: Doc, j: int, end: int | None) -> bool:
    """ "30 km", "24 hours", "40 percent", "three times"; "47 Brigade", "12 Lenina Street"."""
    first = doc[j] if j < len(doc) else None
    if first is not None and ("measure" in _kinds(first) or "measure" in _kinds_lemma(first)):
        return True
    if end is None:
        return False
    head = doc[end - 1]
    if "measure" in _kinds_lemma(head):
        return True
    return head.text[:1].isupper() and head.tag_ == "NNP" and "name" in _kinds(head)


def _kinds_lemma(token: Token) -> frozenset[str]:
    return not_counts().get(token.lemma_.lower(), frozenset())


def is_year(doc: Doc, number: Number) -> bool:
    text = doc[number.start].text
    return number.end == number.start + 1 and bool(YEAR.fullmatch(text))


def is_one(doc: Doc, number: Number) -> bool:
    return number.end == number.start + 1 and doc[number.start].lower_ == "one"


def bare_figure_counts(doc: Doc, number: Number, anchor: Token, outcome: OutcomeRow | None) -> bool:
    """A figure with no counted noun counts only as a subject or object with an outcome, or as
    one of a clause's arguments ("killed 12", "12 died", "thousands fled")."""
    if outcome is not None:
        return True
    if doc[number.start].lower_ == "one" or doc[number.start].ent_type_ in ("DATE", "TIME"):
        return False
    return anchor.dep_ in ("nsubj", "nsubjpass", "dobj")
