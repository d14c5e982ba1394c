"""Figures written in digits or words ("210", "1,500", "1.5 thousand", "twenty-two", "two dozen",
"dozens"), read off a Doc's tokens with the reviewed table data/claims/number_words.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from claimledger.tables import cells, table_lines

# "1,500", "210", "1.5"; more than two decimals is a coordinate or a European "1.500", not a count
DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d{1,2})?")
# a range written as one token: "30–40", "30-40"
DIGIT_RANGE = re.compile(rf"({DIGITS.pattern})[-–—]({DIGITS.pattern})")
KINDS = frozenset({"unit", "ten", "scale", "vague", "several", "half"})


@dataclass(frozen=True)
class Number:
    """A figure over tokens [start, end) of a Doc."""

    start: int
    end: int
    value: int | float
    vague: bool = False  # the least value of a vague plural ("dozens"): at least this many
    upper: int | float | None = None  # the upper bound of a range written as one token ("30-40")


@cache
def number_words() -> dict[str, tuple[int | float, str]]:
    """word -> (value, kind)."""
    table: dict[str, tuple[int | float, str]] = {}
    for line in table_lines("claims", "number_words.tsv"):
        word, value, kind = cells(line)
        if kind not in KINDS:
            raise ValueError(f"number_words.tsv: bad kind {kind!r} for {word!r}")
        table[word] = (_whole(float(value)), kind)
    return table


def _whole(value: float) -> int | float:
    return int(value) if value == int(value) else value


def digits_value(text: str) -> int | float | None:
    """The value of a figure in digits ("1,500" -> 1500, "1.5" -> 1.5), else None."""
    if not DIGITS.fullmatch(text):
        return None
    return _whole(float(text.replace(",", "")))


def _word(token: Token) -> tuple[int | float, str] | None:
    return number_words().get(token.lower_)


def _glued(doc: Doc, i: int) -> bool:
    """doc[i] is a hyphen written without spaces between two words ("twenty-two")."""
    return (
        doc[i].text in ("-", "–")
        and i > 0
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and i + 1 < len(doc)
    )


def _compose(parts: list[tuple[int | float, str]]) -> int | float:
    """Add units and tens, multiply by scales: "three hundred and ten thousand" -> 310,000."""
    total: float = 0
    current: float = 0
    for value, kind in parts:
        if kind in ("unit", "ten"):
            current += value
        elif value < 1000:  # hundred, dozen: multiply what stands before them
            current = (current or 1) * value
        else:  # thousand, million: close a group
            total += (current or 1) * value
            current = 0
    return _whole(total + current)


def _word_parts(doc: Doc, i: int, end: int) -> tuple[list[tuple[int | float, str]], int]:
    """The run of unit, ten and scale words from token i (with glued hyphens, "and" after a
    scale), as (values, index after the run)."""
    parts: list[tuple[int | float, str]] = []
    j = i
    while j < end:
        token = doc[j]
        pieces = token.lower_.split("-") if "-" in token.lower_ else [token.lower_]
        found = [number_words().get(p) for p in pieces]
        if all(f is not None and f[1] in ("unit", "ten", "scale") for f in found):
            parts.extend(f for f in found if f is not None)
            j += 1
        elif parts and (_glued_number(doc, j) or _and_after_scale(doc, j, end, parts)):
            j += 1  # "twenty-two", "two hundred and ten"
        else:
            break
    return parts, j


def _glued_number(doc: Doc, j: int) -> bool:
    return _glued(doc, j) and _is_number_word(doc[j + 1])


def _and_after_scale(doc: Doc, j: int, end: int, parts: list[tuple[int | float, str]]) -> bool:
    return (
        doc[j].lower_ == "and"
        and parts[-1][1] == "scale"
        and j + 1 < end
        and _is_number_word(doc[j + 1], kinds=("unit", "ten"))
    )


def _is_number_word(token: Token, kinds: tuple[str, ...] = ("unit", "ten", "scale")) -> bool:
    found = number_words().get(token.lower_)
    return found is not None and found[1] in kinds


def _scale_after(doc: Doc, j: int) -> tuple[int | float, int]:
    """A scale word run after a figure ("1.5 thousand", "2 million"): (factor, index after)."""
    factor: int | float = 1
    while j < len(doc):
        found = _word(doc[j])
        if found is None or found[1] != "scale":
            break
        factor *= found[0]
        j += 1
    return factor, j


def number_at(doc: Doc, i: int) -> Number | None:
    """The figure that starts at token i, read as far as it goes, or None."""
    token = doc[i]
    low = token.lower_
    n = len(doc)
    if DIGIT_RANGE.fullmatch(token.text):
        match = DIGIT_RANGE.fullmatch(token.text)
        assert match is not None
        low_value = digits_value(match.group(1))
        high_value = digits_value(match.group(2))
        if low_value is None or high_value is None:
            return None
        return Number(i, i + 1, low_value, upper=high_value)
    value = digits_value(token.text)
    if value is not None:
        factor, j = _scale_after(doc, i + 1)
        return Number(i, j, _whole(value * factor))
    # "a dozen", "a hundred", "a few hundred"; "half a dozen"
    if low in ("a", "an", "half") and i + 1 < n:
        return _after_article(doc, i)
    found = _word(token)
    if found is None:
        if "-" in low:  # "twenty-two" as one token
            parts, j = _word_parts(doc, i, n)
            return Number(i, j, _compose(parts)) if parts and parts[0][1] != "scale" else None
        return None
    value, kind = found
    if kind == "vague":
        return _vague(doc, i, value)
    if kind == "several":
        return _several(doc, i, i)
    if kind == "scale":  # a bare "hundred" or "dozen" counts nothing without "a" or a number
        return None
    if kind in ("unit", "ten"):
        parts, j = _word_parts(doc, i, n)
        return Number(i, j, _compose(parts))
    return None


def _after_article(doc: Doc, i: int) -> Number | None:
    low = doc[i].lower_
    nxt = doc[i + 1]
    if low == "half":
        if nxt.lower_ in ("a", "an") and i + 2 < len(doc) and doc[i + 2].lower_ == "dozen":
            return Number(i, i + 3, 6)
        return None
    found = _word(nxt)
    if found is None:
        return None
    if found[1] == "scale":
        parts, j = _word_parts(doc, i + 1, len(doc))
        return Number(i, j, _compose(parts))
    if found[1] == "several" and nxt.lower_ == "few":
        return _several(doc, i, i + 1)
    return None


def _several(doc: Doc, start: int, i: int) -> Number | None:
    """ "several hundred" (at least 300), "a few thousand" (at least 2,000); alone, no figure."""
    found = _word(doc[i])
    factor, j = _scale_after(doc, i + 1)
    if found is None or j == i + 1:
        return None
    return Number(start, j, _whole(found[0] * factor), vague=True)


def _vague(doc: Doc, i: int, value: int | float) -> Number:
    """ "dozens", "hundreds"; "tens of thousands" (at least 20 x 1,000)."""
    if i + 2 < len(doc) and doc[i + 1].lower_ == "of":
        found = _word(doc[i + 2])
        if found is not None and found[1] == "vague" and found[0] >= 100:
            # the singular scale: "thousands" in "tens of thousands" is 1,000 per ten
            scale = number_words()[doc[i + 2].lower_.removesuffix("s")][0]
            return Number(i, i + 3, _whole(value * scale), vague=True)
    return Number(i, i + 1, value, vague=True)


def number_value(text: str) -> int | float | None:
    """The value of a one-word figure, in digits or words ("24", "three", "a"), else None."""
    low = text.lower()
    if low in ("a", "an"):
        return 1
    value = digits_value(text)
    if value is not None:
        return value
    parts = [number_words().get(p) for p in low.split("-")]
    if all(p is not None and p[1] in ("unit", "ten") for p in parts):
        return _compose([p for p in parts if p is not None])
    return None
