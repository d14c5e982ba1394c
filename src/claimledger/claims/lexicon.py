"""The claims stage's reviewed tables under data/claims/, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import get_args

from claimledger.model import ClaimStatus, ClaimType, Side
from claimledger.tables import cells, table_lines

NEEDS = frozenset({"-", "place", "person", "weapon", "civilian"})
POS = frozenset({"VERB", "NOUN", "ADJ", "ANY"})
SCOPES = frozenset({"word", "sentence", "previous"})


class TableError(ValueError):
    pass


@dataclass(frozen=True)
class TypeWord:
    lemmas: tuple[str, ...]
    pos: str
    type: ClaimType
    needs: str
    flag: str | None = None


@dataclass(frozen=True)
class StatusCue:
    lemmas: tuple[str, ...]
    status: ClaimStatus
    scope: str


@dataclass(frozen=True)
class ActorName:
    name: str
    side: Side


def _row(name: str, line: str, width: int) -> list[str]:
    row = cells(line)
    if len(row) != width:
        raise TableError(f"data/claims/{name}: expected {width} cells in '{line}'")
    return row


@cache
def type_words() -> dict[str, list[TypeWord]]:
    """First lemma -> its rows, in table order (conditional rows first)."""
    table: dict[str, list[TypeWord]] = {}
    for line in table_lines("claims", "claim_types.tsv"):
        row = cells(line)
        if len(row) == 4:
            row.append("")
        words, pos, kind, needs, flag = _row("claim_types.tsv", " | ".join(row), 5)
        if kind not in get_args(ClaimType) or needs not in NEEDS or pos not in POS:
            raise TableError(f"data/claims/claim_types.tsv: bad row '{line}'")
        word = TypeWord(tuple(words.lower().split()), pos, kind, needs, flag or None)  # type: ignore[arg-type]
        table.setdefault(word.lemmas[0], []).append(word)
    return table


@cache
def object_classes() -> dict[str, str]:
    return {
        lemma.lower(): cls
        for lemma, cls in (
            _row("object_classes.tsv", ln, 2) for ln in table_lines("claims", "object_classes.tsv")
        )
    }


@cache
def status_cues() -> dict[str, list[StatusCue]]:
    table: dict[str, list[StatusCue]] = {}
    for line in table_lines("claims", "status_cues.tsv"):
        words, status, scope = _row("status_cues.tsv", line, 3)
        if status not in ("unverified", "hypothetical") or scope not in SCOPES:
            raise TableError(f"data/claims/status_cues.tsv: bad row '{line}'")
        cue = StatusCue(tuple(words.lower().split()), status, scope)  # type: ignore[arg-type]
        table.setdefault(cue.lemmas[0], []).append(cue)
    return table


@cache
def actor_names() -> dict[str, ActorName]:
    """Every name and alias, lower-cased (all-capital aliases kept as written) -> the actor."""
    table: dict[str, ActorName] = {}
    for line in table_lines("claims", "actors.tsv"):
        name, side, aliases = _row("actors.tsv", line, 3)
        if side not in get_args(Side):
            raise TableError(f"data/claims/actors.tsv: bad side in '{line}'")
        actor = ActorName(name, side)  # type: ignore[arg-type]
        for alias in [name, *(a.strip() for a in aliases.split(";") if a.strip())]:
            table.setdefault(alias if alias.isupper() else alias.lower(), actor)
    return table


@cache
def actor_nouns() -> frozenset[str]:
    return frozenset(ln.lower() for ln in table_lines("claims", "actor_nouns.txt"))


@cache
def types_from_acled() -> dict[str, ClaimType]:
    table: dict[str, ClaimType] = {}
    for line in table_lines("claims", "types_from_acled.tsv"):
        sub, kind = _row("types_from_acled.tsv", line, 2)
        if kind not in get_args(ClaimType):
            raise TableError(f"data/claims/types_from_acled.tsv: bad type in '{line}'")
        table[sub] = kind  # type: ignore[assignment]
    return table


@cache
def area_words() -> frozenset[str]:
    return frozenset(ln.lower() for ln in table_lines("claims", "area_words.txt"))
