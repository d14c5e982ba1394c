"""The data model: what `claimledger analyze --format jsonl` prints, one `ArticleRecord` a line.

Field names are a contract (../shared/DESIGN.md): extend with new fields, never rename. The JSON
Schema generated from these models is committed at docs/schema/article.schema.json.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Side = Literal["RU", "UA", "international", "other", "unknown"]
PlaceStatus = Literal["resolved", "ambiguous", "unresolved"]
Precision = Literal["point", "admin2", "admin1", "country"]
ClaimType = Literal[
    "territorial_control",
    "attack",
    "losses",
    "capture_of_personnel",
    "weapons_seizure",
    "deployment",
    "allegation",
    "denial",
    "statement",
]
ClaimStatus = Literal["asserted", "claimed", "denied", "unverified", "hypothetical"]
DatePrecision = Literal["day", "month", "year", "none"]
Qualifier = Literal["exactly", "more_than", "at_least", "about", "up_to"]
QuantityCategory = Literal[
    "personnel",
    "tanks",
    "armored_vehicles",
    "artillery",
    "aircraft",
    "helicopters",
    "drones",
    "air_defense",
    "vehicles",
    "ships",
    "civilians",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Model):
    """One input article. `text` is normalised; every offset in a record points into it."""

    id: str = Field(description="The input's own id, else the content hash.")
    content_hash: str = Field(description="sha256 (hex) of the normalised text.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO date (YYYY-MM-DD) or null.")
    published_at: str | None = Field(
        None, description="ISO date-time when the input gives a time of day, else null."
    )
    language: str | None = Field(None, description="ISO 639-1 code, detected from the text.")
    source_path: str | None = Field(None, description="File the article was read from.")
    text: str


class Span(_Model):
    start: int
    end: int
    text: str


class CharRange(_Model):
    start: int
    end: int


class Place(_Model):
    id: str = Field(description='"geonames:704422", "katottg:UA14..."')
    name: str
    kind: str
    country: str | None = None
    admin1: str | None = None
    admin1_code: str | None = Field(None, description='"UA.05"')
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Precision = "point"


class Candidate(Place):
    score: float


class PlaceMention(_Model):
    id: str
    start: int
    end: int
    text: str
    status: PlaceStatus
    confidence: float = Field(ge=0.0, le=1.0)
    place: Place | None = None
    candidates: list[Candidate] = Field(default_factory=list, max_length=5)
    flags: list[str] = Field(default_factory=list)


class Source(_Model):
    id: str
    name: str
    kind: str
    side: Side = "unknown"
    anonymous: bool = False
    role: str | None = Field(
        None,
        description='What the text says the source is: "the deputy commander of a battalion"',
    )
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class ClaimDate(_Model):
    start: str | None = Field(None, description="ISO date, or --MM-DD when the year is unknown.")
    end: str | None = None
    precision: DatePrecision = "none"
    text: str | None = None


class Quantity(_Model):
    value: int | float
    qualifier: Qualifier = "exactly"
    category: QuantityCategory | None = None
    outcome: str | None = Field(
        None, description="killed, wounded, destroyed, damaged, captured, lost, ..."
    )
    period: str | None = Field(
        None, description='ISO 8601 duration the figure covers, when stated: "P1D", "P1W"'
    )
    start: int
    end: int
    text: str | None = Field(None, description='The figure as written: "more than 210"')


class Actor(_Model):
    name: str
    side: Side = "unknown"
    role: str | None = Field(None, description="actor1, actor2 ...")
    start: int | None = None
    end: int | None = None


class Acled(_Model):
    event_type: str
    sub_event_type: str


class Claim(_Model):
    id: str
    start: int
    end: int
    text: str
    cue: Span | None = None
    source_span: Span | None = None
    content_span: CharRange
    sentence: CharRange | None = Field(None, description="The sentence(s) the claim is in.")
    chain: list[str] = Field(
        default_factory=list,
        description="Source ids, origin first ... the source the article cites directly.",
    )
    channel: str | None = Field(
        None, description='How the last source put it out, when stated: "Telegram channel"'
    )
    type: ClaimType
    status: ClaimStatus
    date: ClaimDate = Field(default_factory=ClaimDate)
    places: list[str] = Field(default_factory=list, description="Place mention ids.")
    actors: list[Actor] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    acled: Acled | None = None
    flags: list[str] = Field(
        default_factory=list,
        description='How a field was found, when not plainly: "place_inferred", "date_inferred"',
    )
    entry: str | None = Field(
        None,
        description='The ledger entry the claim belongs to ("e123"); set for stored claims only',
    )


class Signal(_Model):
    kind: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    detail: str = ""


class ArticleRecord(_Model):
    """Everything claimledger found in one article."""

    schema_version: int = SCHEMA_VERSION
    article: Article
    places: list[PlaceMention] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    schema = ArticleRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema_text() -> str:
    """The committed form of the schema: stable key order, trailing newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
