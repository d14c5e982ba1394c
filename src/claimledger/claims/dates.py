"""The dates a text states, normalised against the article's publication date.

Candidates are spaCy's DATE and TIME entities and what a scan of the text finds that the
statistical model misses ("24/11/2025", "on the night of 23 to 24 November", "in 2024",
"overnight"); each is read by date_read (cached), the longest readable ones kept.

A date written without a year takes the latest year that does not put it after publication.
Decisions the contract leaves open:
- without a publication date, a day is `--MM-DD` and a month `--MM` (ISO 8601:2000's reduced
  forms), and a relative date ("yesterday", "on Monday") keeps its text with precision `none`;
- "last week" is the calendar week (Monday..Sunday) before the publication week, "over the past
  week" the seven days up to publication; "over the past 24 hours" and "overnight" run from the
  day before publication to publication;
- a decade ("the 1990s") is a range of years; a bare duration ("for three years", "a 24-hour
  ceasefire"), an age or a time of day is not a date;
- "the next day", "two days later" count from the day stated before them in the text;
- vague words keep the precision of what they modify ("mid-November" is November); "in recent
  days" states no date;
- numeric dates are read day first ("03/04/2025" is 3 April) unless only month first is possible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc

from claimledger.claims.date_forms import DECADE, FORMS, MONTH_ALONE, YEAR_ALONE
from claimledger.claims.date_read import Period, Reading, after, lead_length, modifiers, read
from claimledger.claims.date_read import prepositions as preps
from claimledger.claims.date_relative import phrase_pattern, rules
from claimledger.model import ClaimDate

ENTITY_LABELS = frozenset({"DATE", "TIME"})
VERBAL = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets in doc.text
    end: int
    date: ClaimDate  # normalised; text = the words as written
    relative: bool  # "yesterday", "last week" (anchored on publication) vs explicit
    # the relative ones also count "the next day" (anchored on the date stated before it)
    governor: int | None = None  # char offset of the verb the date attaches to in the parse


def find_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """All date mentions of `doc`, in text order. `published` is the article's ISO date."""
    day = _day(published)
    text = doc.text
    candidates = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS}
    candidates |= _scan(text)
    readings: list[tuple[int, int, Reading]] = []
    for start, end in candidates:
        start, end = _trim(text, start, end)
        reading = read(text[start:end], day) if end > start else None
        if reading is None:
            continue
        if reading.relative is not None and _OF_AFTER.match(text, end):
            continue  # "the last day of the talks" names no day
        readings.append((start, end, reading))
    return _resolve(doc, text, _longest(readings))


def date_for(
    mentions: Sequence[DateMention], start: int, end: int, *, verb: int | None = None
) -> ClaimDate | None:
    """The date of a claim spanning doc.text[start:end]: the mention inside it that the claim's
    main verb governs (`verb`: the verb's char offset, when the caller knows it), else the first
    inside it; None when none is inside."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if verb is not None:
        for mention in inside:
            if mention.governor == verb:
                return mention.date
    return inside[0].date if inside else None


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:  # a malformed date anchors nothing, like a missing one
        return None


_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_TAIL = re.compile(r"(?:['’]s|[\s,;:]|(?<=\d)\.)+$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its opening prepositions and a closing possessive or punctuation."""
    start += lead_length(text[start:end])
    tail = _TAIL.search(text, start, end)
    return start, tail.start() if tail else end


@cache
def _scanners() -> tuple[re.Pattern[str], ...]:
    """Patterns over the whole text, each with a group `date`: the explicit forms (month names
    capitalised: "in May", not "may"), a month or year alone after a preposition or a modifier
    ("in November", "mid-2024"), and the phrases of date_relative.txt."""
    explicit = "|".join(map(_unnamed, FORMS))
    alone = _unnamed(f"{MONTH_ALONE}|{YEAR_ALONE}|{DECADE}")
    phrases = "|".join(phrase_pattern(rule.phrase, named=False) for rule in rules())
    return (
        re.compile(rf"\b(?P<date>{explicit})"),
        re.compile(rf"\b(?i:{preps()}|{modifiers('before')})(?:\s+|-)(?P<date>{alone})"),
        re.compile(rf"(?i)\b(?P<date>{phrases})\b"),
    )


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@cache
def _modifier_edges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Modifiers just before a span (searched in the text before it) and just after it."""
    before = rf"(?:(?:the\s+)?(?:{modifiers('before')})(?:\s+|-))+$"
    after = rf"(?:\s+(?:{modifiers('after')}))+\b"
    return re.compile(before, re.IGNORECASE), re.compile(after, re.IGNORECASE)


def _scan(text: str) -> set[tuple[int, int]]:
    """Spans the scanners find, widened to the modifiers around them ("mid-November")."""
    before, after = _modifier_edges()
    spans = set()
    for pattern in _scanners():
        for found in pattern.finditer(text):
            start, end = found.span("date")
            lead = before.search(text, max(0, start - 40), start)
            tail = after.match(text, end)
            spans.add((lead.start() if lead else start, tail.end() if tail else end))
    return spans


def _longest(readings: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """The readable spans that no longer one overlaps, in text order."""
    kept: list[tuple[int, int, Reading]] = []
    for start, end, reading in sorted(readings, key=lambda r: (r[0] - r[1], r[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, reading))
    return sorted(kept, key=lambda r: r[0])


def _resolve(doc: Doc, text: str, readings: list[tuple[int, int, Reading]]) -> list[DateMention]:
    """Mentions in text order; "the next day" counts from the last day stated before it."""
    out: list[DateMention] = []
    last_day: Period | None = None
    for start, end, reading in readings:
        found, relative = reading.period, reading.relative
        if found is None and relative is not None and relative.rule.anchor == "previous":
            found = after(last_day, relative) if last_day is not None else None
        written = text[start:end]
        claim_date = (
            found.claim_date(written) if found else ClaimDate(precision="none", text=written)
        )
        if found is not None and found.precision == "day":
            last_day = found
        governor = _governor(doc, start, end)
        out.append(DateMention(start, end, claim_date, relative is not None, governor))
    return out


def _governor(doc: Doc, start: int, end: int) -> int | None:
    """The verb the date attaches to: the nearest verb above the span's root in the parse."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    while token.pos_ not in VERBAL and token.head.i != token.i:
        token = token.head
    return token.idx if token.pos_ in VERBAL else None
