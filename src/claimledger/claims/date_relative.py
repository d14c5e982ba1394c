"""Relative dates ("yesterday", "last week", "over the past 24 hours", "on Monday", "the next
day"): the rows of data/claims/date_relative.txt, and the period each gives for an anchor date."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from dateutil.parser import parserinfo
from dateutil.relativedelta import relativedelta

from claimledger.claims.date_forms import WEEKDAY
from claimledger.tables import cells, table_lines

Anchor = Literal["published", "previous"]
Precision = Literal["day", "month", "year"]
ANCHORS: dict[str, Anchor] = {"published": "published", "previous": "previous"}
PERIODS = frozenset({"day", "week", "weekend", "weekday", "month", "year"})
_INFO = parserinfo()
_OFFSET = re.compile(r"([+-]?\d*)(N?)([hdwmy]?)")


@dataclass(frozen=True)
class Offset:
    """`k`, or k times the count N when `counted`, in `unit` (h, d, w, m, y)."""

    k: int
    counted: bool
    unit: str

    def of(self, n: int) -> int:
        return self.k * n if self.counted else self.k


@dataclass(frozen=True)
class Rule:
    phrase: str
    pattern: re.Pattern[str]
    anchor: Anchor
    period: str
    first: Offset
    last: Offset


@dataclass(frozen=True)
class Relative:
    """A mention read as a relative date: its rule, the count N and the weekday it names."""

    rule: Rule
    n: int
    weekday: int | None


def _offset(text: str, phrase: str) -> Offset:
    found = _OFFSET.fullmatch(text)
    if found is None:
        raise ValueError(f"date_relative.txt: bad offset {text!r} for {phrase!r}")
    sign, counted, unit = found.groups()
    if counted and sign in ("", "+", "-"):
        sign += "1"  # "-N" is -1 times N
    return Offset(int(sign or "0"), bool(counted), unit or "d")


@cache
def counts() -> dict[str, int]:
    rows = map(cells, table_lines("claims", "date_counts.txt"))
    return {word.lower(): int(value) for word, value in rows}


def phrase_pattern(phrase: str, *, named: bool = True) -> str:
    """A table phrase as a pattern: N a count, WEEKDAY a day name, a plural after N optional.
    `named`: N and WEEKDAY are the groups `n` and `weekday`."""
    count = "|".join(map(re.escape, sorted(counts(), key=len, reverse=True)))
    words = phrase.split()
    out = []
    for i, word in enumerate(words):
        if word == "N":
            out.append(rf"(?{'P<n>' if named else ':'}\d{{1,3}}(?!\d)|{count})")
        elif word == "WEEKDAY":
            out.append(rf"(?{'P<weekday>' if named else ':'}{WEEKDAY})")
        elif i and words[i - 1] == "N" and word.endswith("s"):
            out.append(re.escape(word) + "?")
        else:
            out.append(re.escape(word))
    return r"\s+".join(out)


@cache
def rules() -> tuple[Rule, ...]:
    out = []
    for line in table_lines("claims", "date_relative.txt"):
        phrase, anchor, period, first, last = cells(line)
        if anchor not in ANCHORS or period not in PERIODS:
            raise ValueError(f"date_relative.txt: bad row {line!r}")
        pattern = re.compile(phrase_pattern(phrase), re.IGNORECASE)
        offsets = _offset(first, phrase), _offset(last, phrase)
        out.append(Rule(phrase, pattern, ANCHORS[anchor], period, *offsets))
    return tuple(out)


def read_relative(text: str) -> Relative | None:
    """The rule a whole mention matches (prepositions and modifiers taken off), or None."""
    for rule in rules():
        found = rule.pattern.fullmatch(text)
        if found is None:
            continue
        groups = found.groupdict()
        n = groups.get("n")
        count = 1 if n is None else int(n) if n.isdigit() else counts()[n.lower()]
        day = groups.get("weekday")
        return Relative(rule, count, _INFO.weekday(day) if day else None)
    return None


def period(rel: Relative, anchor: date) -> tuple[date, date, Precision]:
    """The first and last day the mention means for `anchor`; a period under way at publication
    ends then. Month and year precision give the period's first day."""
    rule, n = rel.rule, rel.n
    first, last = rule.first.of(n), rule.last.of(n)
    precision: Precision = "day"
    if rule.period == "day":
        start = _shift(anchor, first, rule.first.unit, end=False)
        end = _shift(anchor, last, rule.last.unit, end=True)
    elif rule.period == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        start, end = monday + timedelta(weeks=first), monday + timedelta(weeks=last, days=6)
    elif rule.period == "weekend":
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        start, end = saturday + timedelta(weeks=first), saturday + timedelta(weeks=last, days=1)
    elif rule.period == "weekday":
        assert rel.weekday is not None
        start = end = _latest_weekday(anchor + timedelta(days=first), rel.weekday)
    elif rule.period == "month":
        base = anchor.replace(day=1)
        start, end = base + relativedelta(months=first), base + relativedelta(months=last)
        precision = "month"
    else:
        start, end = date(anchor.year + first, 1, 1), date(anchor.year + last, 1, 1)
        precision = "year"
    if rule.anchor == "published" and precision == "day" and start <= anchor:
        end = min(end, anchor)
    return start, end, precision


def _shift(anchor: date, k: int, unit: str, *, end: bool) -> date:
    if unit == "h":  # hours widen to the whole days they touch
        return anchor + timedelta(days=math.ceil(k / 24) if end else math.floor(k / 24))
    if unit in ("m", "y"):
        return anchor + relativedelta(months=k if unit == "m" else 12 * k)
    return anchor + timedelta(days=7 * k if unit == "w" else k)


def _latest_weekday(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)
