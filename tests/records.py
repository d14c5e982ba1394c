"""Hand-built contract records with every field filled, for storage tests."""

from __future__ import annotations

from claimledger.model import (
    Acled,
    Actor,
    ArticleRecord,
    Candidate,
    CharRange,
    Claim,
    ClaimDate,
    Place,
    PlaceMention,
    Quantity,
    Signal,
    Source,
    Span,
)
from claimledger.read.base import make_article

TEXT = (
    "Interfax, citing the Russian Defence Ministry, said troops had taken Kupiansk. Kyiv denied it."
)


def full_record(text: str = TEXT, *, id: str | None = None) -> ArticleRecord:
    article = make_article(
        text, path="records.py", id=id, title="Kupiansk", outlet="Interfax", published="2025-11-18"
    )
    kupiansk = Place(
        id="geonames:704422",
        name="Kupiansk",
        kind="PPLA2",
        country="UA",
        admin1="Kharkiv",
        admin1_code="UA.07",
        admin2="Kupiansk Raion",
        lat=49.71,
        lon=37.61,
        precision="point",
    )
    return ArticleRecord(
        article=article,
        places=[
            PlaceMention(
                id="p1",
                start=68,
                end=76,
                text="Kupiansk",
                status="resolved",
                confidence=0.93,
                place=kupiansk,
                candidates=[Candidate(**kupiansk.model_dump(), score=0.93)],
                flags=["variant_spelling"],
            ),
            PlaceMention(
                id="p2",
                start=78,
                end=82,
                text="Kyiv",
                status="ambiguous",
                confidence=0.4,
                flags=["metonymic"],
            ),
        ],
        sources=[
            Source(
                id="s1",
                name="Russian Defence Ministry",
                kind="government",
                side="RU",
                mentions=[(17, 44)],
            ),
            Source(id="s2", name="Interfax", kind="news_agency", side="RU", mentions=[(0, 8)]),
        ],
        claims=[
            Claim(
                id="c1",
                start=0,
                end=77,
                text=text[:77],
                cue=Span(start=46, end=50, text="said"),
                source_span=Span(start=0, end=8, text="Interfax"),
                content_span=CharRange(start=51, end=76),
                chain=["s1", "s2"],
                type="territorial_control",
                status="claimed",
                date=ClaimDate(
                    start="2025-11-18", end="2025-11-18", precision="day", text="Tuesday"
                ),
                places=["p1"],
                actors=[Actor(name="Russian forces", side="RU", role="actor1")],
                quantities=[
                    Quantity(
                        value=140,
                        qualifier="more_than",
                        category="personnel",
                        outcome="killed",
                        start=0,
                        end=3,
                    )
                ],
                acled=Acled(
                    event_type="Strategic developments",
                    sub_event_type="Non-state actor overtakes territory",
                ),
            ),
            Claim(
                id="c2",
                start=78,
                end=93,
                text="Kyiv denied it.",
                content_span=CharRange(start=78, end=93),
                type="denial",
                status="denied",
                places=["p2", "p1"],
            ),
        ],
        signals=[
            Signal(
                kind="state_media_chain",
                start=0,
                end=8,
                text="Interfax",
                detail="chain ends at Russian state media",
            )
        ],
    )
