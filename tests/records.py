"""Hand-built contract records for storage and export tests.

`full_record` fills every field of the contract; `ledger_records` are three articles whose claims
differ in each way `claimledger claims` can filter them.
"""

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
                sentence=CharRange(start=0, end=77),
                chain=["s1", "s2"],
                channel="Telegram channel",
                type="territorial_control",
                status="claimed",
                date=ClaimDate(
                    start="2025-11-18", end="2025-11-18", precision="day", text="Tuesday"
                ),
                places=["p1"],
                actors=[
                    Actor(name="Russian forces", side="RU", role="actor1", start=51, end=57),
                    Actor(name="Ukrainian forces", side="UA", role="actor2"),
                ],
                quantities=[
                    Quantity(
                        value=140,
                        qualifier="more_than",
                        category="personnel",
                        outcome="killed",
                        period="P1D",
                        start=0,
                        end=3,
                        text="more than 140",
                    )
                ],
                acled=Acled(
                    event_type="Strategic developments",
                    sub_event_type="Non-state actor overtakes territory",
                ),
                flags=["date_inferred"],
                entry=None,  # set by linking, after storing: a stored batch has none yet
            ),
            Claim(
                id="c2",
                start=78,
                end=93,
                text="Kyiv denied it.",
                content_span=CharRange(start=78, end=93),
                sentence=CharRange(start=78, end=93),
                type="denial",
                status="denied",
                places=["p2", "p1"],
                flags=["place_inferred"],
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


POKROVSK = Place(
    id="geonames:708546",
    name="Pokrovsk",
    kind="PPLA2",
    country="UA",
    admin1="Donetska oblast",
    admin2="Pokrovsk Raion",
    lat=48.28,
    lon=37.18,
)
MOD = Source(id="ru.mod", name="Russian Ministry of Defence", kind="military", side="RU")
TASS = Source(id="ru.tass", name="TASS", kind="news_agency", side="RU")
GENSTAFF = Source(id="ua.gs", name="General Staff of Ukraine", kind="military", side="UA")


def _mention(id: str, text: str, place: Place | None) -> PlaceMention:
    status = "resolved" if place else "unresolved"
    return PlaceMention(
        id=id, start=0, end=len(text), text=text, status=status, confidence=0.9, place=place
    )


def _claim(id: str, type: str, status: str, **fields: object) -> Claim:
    return Claim.model_validate(
        {
            "id": id,
            "start": 0,
            "end": 10,
            "text": f"Claim {id}.",
            "type": type,
            "status": status,
            "content_span": CharRange(start=0, end=10),
            **fields,
        }
    )


def _record(id: str, published: str | None, **parts: object) -> ArticleRecord:
    article = make_article(
        f"Report {id} on the fighting near Pokrovsk.",
        path="t",
        id=id,
        outlet="Example Wire",
        published=published,
    )
    return ArticleRecord.model_validate({"article": article, **parts})


def ledger_records() -> list[ArticleRecord]:
    """Three articles: a new one, an older one, one without a publication date."""
    day = ClaimDate(start="2025-11-19", end="2025-11-19", precision="day", text="on Wednesday")
    new = _record(
        "a-new",
        "2025-11-20",
        places=[_mention("p1", "Krasnoarmeysk", POKROVSK), _mention("p2", "Avdiivka", None)],
        sources=[MOD, TASS, GENSTAFF],
        claims=[
            _claim(
                "c1",
                "losses",
                "claimed",
                chain=["ru.mod", "ru.tass"],
                date=day,
                places=["p1"],
                quantities=[
                    Quantity(value=210, category="personnel", outcome="killed", start=0, end=3),
                    Quantity(value=7, category="tanks", outcome="destroyed", start=5, end=6),
                ],
                acled=Acled(event_type="Battles", sub_event_type="Armed clash"),
            ),
            _claim("c2", "denial", "denied", chain=["ua.gs"], places=["p2"]),
            _claim(
                "c3",
                "attack",
                "asserted",
                places=["p1"],
                date=ClaimDate(start="--11-24", precision="day", text="November 24"),
                actors=[Actor(name="Ukrainian forces", side="UA", role="actor1")],
            ),
        ],
    )
    old = _record(
        "b-old",
        "2025-10-01",
        places=[_mention("p1", "Pokrovsk", POKROVSK)],
        sources=[MOD],
        claims=[
            _claim(
                "c1",
                "territorial_control",
                "claimed",
                chain=["ru.mod"],
                places=["p1"],
                date=ClaimDate(start="2025-09-30", end="2025-09-30", precision="day"),
            ),
            _claim("c2", "statement", "asserted"),
        ],
    )
    undated = _record(
        "c-undated",
        None,
        sources=[
            Source(id="s1", name="a Ukrainian officer", kind="military", side="UA", anonymous=True)
        ],
        claims=[_claim("c1", "deployment", "unverified", chain=["s1"])],
    )
    return [old, undated, new]  # stored out of order: the listing orders them
