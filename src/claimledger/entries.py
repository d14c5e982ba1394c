"""What a ledger entry says: its claims in time order, its origins (amplification vs
corroboration, by side), its contradictions, and a status with the reason shown."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

# an entry's status, from its contradictions and origins (first that applies)
#   contested     a denial, an opposite outcome or other figures for the same thing
#   corroborated  origins on more than one side, or two or more independent origins
#   amplified     one origin, retold by other outlets
#   single_report one claim in one article
STATUSES = ("contested", "corroborated", "amplified", "single_report")


@dataclass(frozen=True)
class EntryClaim:
    """One claim as an entry reads it."""

    key: int
    claim_id: str
    article_id: str
    published: str | None
    outlet: str | None
    type: str
    status: str
    date: str | None
    origin: str  # the first link of the chain; the article's outlet for its own voice
    origin_name: str
    origin_side: str
    chain: tuple[str, ...]  # source names, origin first
    quantities: tuple[tuple[str, str, float], ...] = ()
    repelled: bool = False
    text: str = ""


@dataclass(frozen=True)
class Contradiction:
    kind: str  # denial | opposite_outcome | figures
    claims: tuple[str, ...]  # "article_id/claim_id"
    reason: str


@dataclass
class EntrySummary:
    claims: list[EntryClaim]
    first_seen: str | None
    articles: list[str]
    origins: dict[str, list[str]]  # origin key -> claim refs
    origins_by_side: dict[str, int]
    amplification: int  # claims that repeat an origin already in the entry
    corroboration: int  # origins beyond the first
    contradictions: list[Contradiction] = field(default_factory=list)
    status: str = "single_report"
    reason: str = ""


def _ref(c: EntryClaim) -> str:
    return f"{c.article_id}/{c.claim_id}"


def summarise(claims: Sequence[EntryClaim]) -> EntrySummary:
    ordered = sorted(claims, key=lambda c: (c.published or "9999", c.article_id, c.key))
    articles = list(dict.fromkeys(c.article_id for c in ordered))
    origins: dict[str, list[str]] = defaultdict(list)
    side_of: dict[str, str] = {}
    for c in ordered:
        origins[c.origin].append(_ref(c))
        side_of[c.origin] = c.origin_side
    by_side: dict[str, int] = defaultdict(int)
    for origin in origins:
        by_side[side_of[origin]] += 1
    summary = EntrySummary(
        claims=ordered,
        first_seen=next((c.published for c in ordered if c.published), None),
        articles=articles,
        origins=dict(origins),
        origins_by_side=dict(by_side),
        amplification=len(ordered) - len(origins),
        corroboration=max(0, len(origins) - 1),
        contradictions=_contradictions(ordered),
    )
    summary.status, summary.reason = _status(summary, side_of)
    return summary


def _contradictions(claims: Sequence[EntryClaim]) -> list[Contradiction]:
    out: list[Contradiction] = []
    denied = [c for c in claims if c.status == "denied"]
    affirmed = [c for c in claims if c.status != "denied"]
    if denied and affirmed:
        names = sorted({c.origin_name for c in denied})
        out.append(
            Contradiction(
                "denial",
                tuple(_ref(c) for c in denied),
                f"denied by {', '.join(names)}",
            )
        )
    captured = [c for c in affirmed if c.type == "territorial_control" and not c.repelled]
    repelled = [c for c in affirmed if c.repelled]
    if captured and repelled:
        out.append(
            Contradiction(
                "opposite_outcome",
                tuple(_ref(c) for c in [*captured[:1], *repelled]),
                f"{captured[0].origin_name} reports a change of control; "
                + ", ".join(sorted({c.origin_name for c in repelled}))
                + " report the assault repelled",
            )
        )
    figures: dict[tuple[str, str], dict[float, EntryClaim]] = defaultdict(dict)
    for c in affirmed:
        for category, outcome, value in c.quantities:
            figures[(category, outcome)].setdefault(value, c)
    for (category, outcome), values in sorted(figures.items()):
        distinct = _distinct(sorted(values))
        if len(distinct) > 1:
            shown = ", ".join(f"{values[v].origin_name}: {v:g}" for v in distinct if v in values)
            out.append(
                Contradiction(
                    "figures",
                    tuple(_ref(values[v]) for v in distinct if v in values),
                    f"{category} {outcome}: {shown}",
                )
            )
    return out


def _distinct(values: list[float]) -> list[float]:
    kept: list[float] = []
    for v in values:
        if not kept or not math.isclose(v, kept[-1], rel_tol=0.05):
            kept.append(v)
    return kept


def _status(s: EntrySummary, side_of: dict[str, str]) -> tuple[str, str]:
    if s.contradictions:
        return "contested", "; ".join(c.reason for c in s.contradictions)
    sides = {side for side in side_of.values() if side not in ("unknown", "")}
    if len(s.origins) > 1:
        if len(sides) > 1:
            return "corroborated", f"{len(s.origins)} origins on {len(sides)} sides: " + ", ".join(
                sorted(sides)
            )
        return "corroborated", f"{len(s.origins)} independent origins"
    if len(s.claims) > 1:
        origin = s.claims[0].origin_name
        return "amplified", f"one origin ({origin}) retold in {len(s.articles)} articles"
    return "single_report", "one claim in one article"
