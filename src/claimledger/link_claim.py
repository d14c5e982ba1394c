"""What linking reads of a stored claim: its kind, dates, places, figures, origin and words."""

from __future__ import annotations

from dataclasses import dataclass, field

# the precision of a settlement placed only at its hromada or raion seat (link_places._point)
POINT = "point"
APPROXIMATE = "approx"
# the precision of a front named after a town ("the Kupiansk direction"): the fighting around it
FRONT = "front"


@dataclass(frozen=True)
class PlacePoint:
    id: str
    lat: float | None
    lon: float | None
    admin1_code: str | None
    precision: str = "point"


@dataclass(frozen=True)
class LinkClaim:
    """What linking reads of a stored claim. Days are proleptic ordinals (date.toordinal())."""

    key: int
    article: int
    type: str
    status: str
    start: int | None
    end: int | None
    published: int | None
    places: tuple[PlacePoint, ...] = ()
    quantities: tuple[tuple[str, str, float], ...] = ()  # category, outcome, value
    origin: str = ""
    text: str = ""
    repelled: bool = False
    # for fights over ground: the side credited with taking it, or whose assault failed; for
    # losses: the side that lost them
    side: str | None = None
    # a state of affairs over a span ("has been shelling the town daily since May"): a summary
    ongoing: bool = False
    # one day's tally in a series ("over the past 24 hours"): one claim only with the same day's
    tally: bool = False
    # for a bare denial ("the claims are baseless"): the type of the claim just before it in
    # its article, which it answers; None when it follows none
    answers: str | None = None
    family: str = field(init=False, compare=False)
    wildcard: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        # read for every candidate pair: computed once
        # attacks on a front ("14 attacks in the Kupiansk direction") are assaults on ground
        front = bool(self.places) and self.places[0].precision == FRONT
        bare = self.type == "denial"
        kind = self.answers if bare and self.answers not in (None, "denial") else self.type
        family = _family(kind or self.type, self.repelled or front)
        # a denial with no event of its own ("Kyiv denied the claim") is about whatever claim
        # of ground was made at its place and time, unless its article shows it answers
        # another kind of claim (a cache found, a strike, a statement)
        wildcard = bare and (self.answers in (None, "denial") or family == "ground")
        object.__setattr__(self, "family", "denial" if wildcard else family)
        object.__setattr__(self, "wildcard", wildcard)

    @property
    def day(self) -> int | None:
        return self.start if self.start is not None else self.published


def _family(kind: str, on_ground: bool) -> str:
    """Kinds that can be one entry: a capture and a repelled assault on the same place are two
    accounts of one fight (a contradiction, not two events); a strike and the deaths it caused
    are one event told two ways."""
    if kind == "territorial_control" or (kind == "attack" and on_ground):
        return "ground"
    if kind in ("attack", "losses"):
        return "violence"
    return kind
