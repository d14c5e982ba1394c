"""The ACLED event type and sub-event type a piece of news reports, in ACLED's own names.

Rules over lemmas and the dependency parse, from reviewed tables in data/claims/:
acled_concepts.tsv turns words into concepts (the weapon, the actors, what happened),
acled_rules.tsv turns concepts, and who did what to whom, into a label with a priority score,
acled_labels.tsv names each label in ACLED's taxonomy and in CASE 2021's. Besides ACLED's 25
sub-event types the classifier knows CASE 2021's other classes (organised crime, natural and
man-made disasters, diplomacy, attribution of responsibility), which have no ACLED names.

    label = classify(doc[:])         # a whole snippet, or one claim's span
    label.sub_event_type, label.case # "Air/drone strike", "AIR_STRIKE"
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from claimledger.claims.acled_rules import Evidence, rules
from claimledger.model import Acled
from claimledger.tables import cells, table_lines


@dataclass(frozen=True)
class EventLabel:
    event_type: str | None  # ACLED event type, None for the non-ACLED classes
    sub_event_type: str | None  # ACLED sub-event type, None for the non-ACLED classes
    case: str  # the CASE 2021 label (ARMED_CLASH, ..., ORG_CRIME, DIPLO, ...)
    trigger: tuple[int, int]  # char offsets in doc.text of the word(s) that decided it
    score: float  # how strongly (for choosing between candidates)


@cache
def acled_names() -> dict[str, tuple[str, str] | None]:
    """CASE 2021 label -> (ACLED event type, sub-event type); None for the non-ACLED classes."""
    out: dict[str, tuple[str, str] | None] = {}
    for line in table_lines("claims", "acled_labels.tsv"):
        case, event_type, sub_event_type = [*cells(line), "", ""][:3]
        out[case] = (event_type, sub_event_type) if event_type and sub_event_type else None
    return out


def case_label(sub_event_type: str) -> str | None:
    """The CASE 2021 label of an ACLED sub-event type ("Grenade" -> "GRENADE")."""
    for case, names in acled_names().items():
        if names is not None and names[1] == sub_event_type:
            return case
    return None


def candidates(span: Span) -> list[EventLabel]:
    """Every label some rule finds in the span, best first, each once (with its best score)."""
    evidence = Evidence(span)
    names = acled_names()
    best: dict[str, tuple[float, int, EventLabel]] = {}
    for rule in rules():
        hit = evidence.apply(rule)
        if hit is None:
            continue
        score, occ = hit
        if rule.label in best and best[rule.label][0] >= score:
            continue
        pair = names[rule.label]
        label = EventLabel(
            event_type=pair[0] if pair else None,
            sub_event_type=pair[1] if pair else None,
            case=rule.label,
            trigger=(occ.start, occ.end),
            score=round(score, 4),
        )
        best[rule.label] = (score, rule.order, label)
    ranked = sorted(best.values(), key=lambda b: (-b[0], b[1]))
    return [label for _, _, label in ranked]


# below this, the best candidate is an event only mentioned: threatened, feared, in a
# subordinate aside ("the group threatened to attack" scores 3.0)
MIN_SCORE = 3.5


def classify(span: Span) -> EventLabel | None:
    """The best label for this text; None when it reports no event the rules know."""
    found = candidates(span)
    return found[0] if found and found[0].score >= MIN_SCORE else None


def as_acled(label: EventLabel | None) -> Acled | None:
    """The contract's `acled` field for a label: None for the non-ACLED classes."""
    if label is None or label.event_type is None or label.sub_event_type is None:
        return None
    return Acled(event_type=label.event_type, sub_event_type=label.sub_event_type)
