"""Same-claim linking and what an entry says, on hand-made claims (no pipeline needed)."""

from __future__ import annotations

from datetime import date

from claimledger.entries import EntryClaim, summarise
from claimledger.link import LinkClaim, Linker, PlacePoint, same_claim

POKROVSK = PlacePoint("geonames:708546", 48.282, 37.176, "UA.05")
POKROVSK_KATOTTG = PlacePoint("katottg:UA14160230010075803", 48.284, 37.181, "UA.05")
MYRNOHRAD = PlacePoint("geonames:709161", 48.302, 37.263, "UA.05")  # about 7 km away
DONETSK_OBLAST = PlacePoint("geonames:709716", 48.0, 37.8, "UA.05", "admin1")
KUPIANSK = PlacePoint("geonames:704422", 49.71, 37.61, "UA.07")


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def claim(
    key: int,
    *,
    type: str = "territorial_control",
    on: str | None = "2025-11-20",
    published: str = "2025-11-21",
    places: tuple[PlacePoint, ...] = (POKROVSK,),
    origin: str = "ru.mod",
    text: str = "Russian forces took control of the town",
    status: str = "claimed",
    quantities: tuple[tuple[str, str, float], ...] = (),
    repelled: bool = False,
    end: str | None = None,
) -> LinkClaim:
    return LinkClaim(
        key=key,
        article=key,
        type=type,
        status=status,
        start=day(on) if on else None,
        end=day(end or on) if on else None,
        published=day(published),
        places=places,
        quantities=quantities,
        origin=origin,
        text=text,
        repelled=repelled,
    )


def test_retelling_of_one_origin_links() -> None:
    assert same_claim(claim(1), claim(2, text="the ministry said its troops captured Pokrovsk"))


def test_two_ids_for_one_place_are_one_place() -> None:
    assert same_claim(claim(1), claim(2, places=(POKROVSK_KATOTTG,), origin="ua.general_staff"))


def test_neighbouring_town_same_day_is_another_claim() -> None:
    assert not same_claim(claim(1), claim(2, places=(MYRNOHRAD,)))


def test_same_place_a_week_later_is_another_claim() -> None:
    assert not same_claim(claim(1), claim(2, on="2025-11-27", published="2025-11-27"))


def test_overnight_reports_a_day_apart_link() -> None:
    assert same_claim(claim(1), claim(2, on="2025-11-21", origin="ua.air_force"))


def test_other_kind_of_claim_does_not_link() -> None:
    assert not same_claim(claim(1), claim(2, type="deployment"))


def test_capture_and_repelled_assault_are_one_fight() -> None:
    assert same_claim(claim(1), claim(2, type="attack", repelled=True, origin="ua.general_staff"))


def test_undated_claims_meet_by_publication_day() -> None:
    assert same_claim(claim(1, on=None), claim(2, on=None, published="2025-11-22"))
    assert not same_claim(claim(1, on=None), claim(2, on=None, published="2025-11-30"))


def test_a_month_summary_is_not_one_days_event() -> None:
    month = claim(1, on="2025-11-01", end="2025-11-30", origin="intl.isw")
    assert not same_claim(month, claim(2, on="2025-11-20"))
    assert same_claim(month, claim(3, on="2025-11-01", end="2025-11-30"))


def test_the_place_a_claim_is_about_first_decides() -> None:
    near_pokrovsk = claim(2, places=(MYRNOHRAD, POKROVSK), origin="ua.general_staff")
    assert not same_claim(claim(1), near_pokrovsk)


def test_region_only_retelling_needs_same_origin_and_words() -> None:
    region = claim(2, places=(DONETSK_OBLAST,), text="Russian forces took control of the town")
    assert same_claim(claim(1), region)
    assert not same_claim(claim(1), claim(3, places=(DONETSK_OBLAST,), origin="ua.general_staff"))


def test_placeless_claims_link_only_by_origin_and_words() -> None:
    text = "the enemy lost 1,130 soldiers over the past day"
    a = claim(1, type="losses", places=(), origin="ua.general_staff", text=text)
    b = claim(2, type="losses", places=(), origin="ua.general_staff", text=text + ", it said")
    c = claim(3, type="losses", places=(), origin="ru.mod", text=text)
    assert same_claim(a, b) and not same_claim(a, c)


def test_same_origin_other_figures_is_another_report() -> None:
    text = "the enemy lost soldiers over the past day"
    a = claim(1, type="losses", places=(), text=text, quantities=(("personnel", "lost", 900),))
    b = claim(2, type="losses", places=(), text=text, quantities=(("personnel", "lost", 1100),))
    assert not same_claim(a, b)


def test_linker_groups_incrementally_and_keeps_the_first_key() -> None:
    linker = Linker()
    linker.add([claim(5), claim(9, places=(KUPIANSK,))])
    linker.add([claim(3, origin="ua.general_staff", places=(POKROVSK_KATOTTG,))])
    entries = linker.entries()
    assert entries == {3: [3, 5], 9: [9]}
    assert linker.entry_of(5) == 3


def test_linker_merges_two_entries_through_a_bridge() -> None:
    linker = Linker()
    a = claim(1, on="2025-11-20")
    b = claim(2, on="2025-11-22", published="2025-11-22")
    linker.add([a, b])
    assert linker.entry_of(1) != linker.entry_of(2)
    linker.add([claim(3, on="2025-11-21")])
    assert linker.entry_of(1) == linker.entry_of(2) == 1


def entry_claim(
    key: int,
    origin: str,
    side: str,
    *,
    status: str = "claimed",
    type: str = "territorial_control",
    repelled: bool = False,
    quantities: tuple[tuple[str, str, float], ...] = (),
    published: str = "2025-11-21",
) -> EntryClaim:
    return EntryClaim(
        key=key,
        claim_id=f"c{key}",
        article_id=f"a{key}",
        published=published,
        outlet="Outlet",
        type=type,
        status=status,
        date="2025-11-20",
        origin=origin,
        origin_name=origin,
        origin_side=side,
        chain=(origin,),
        quantities=quantities,
        repelled=repelled,
    )


def test_repeats_of_one_origin_are_amplification() -> None:
    s = summarise([entry_claim(1, "ru.mod", "RU"), entry_claim(2, "ru.mod", "RU")])
    assert (s.amplification, s.corroboration, s.status) == (1, 0, "amplified")


def test_origins_on_two_sides_corroborate() -> None:
    s = summarise([entry_claim(1, "ru.mod", "RU"), entry_claim(2, "ua.deepstate", "UA")])
    assert (s.corroboration, s.status) == (1, "corroborated")
    assert s.origins_by_side == {"RU": 1, "UA": 1}


def test_denial_makes_an_entry_contested() -> None:
    s = summarise([entry_claim(1, "ru.mod", "RU"), entry_claim(2, "ua.mod", "UA", status="denied")])
    assert s.status == "contested"
    assert [c.kind for c in s.contradictions] == ["denial"]
    assert "ua.mod" in s.reason


def test_capture_against_repelled_assault_is_opposite_outcome() -> None:
    s = summarise(
        [
            entry_claim(1, "ru.mod", "RU"),
            entry_claim(2, "ua.general_staff", "UA", type="attack", repelled=True),
        ]
    )
    assert [c.kind for c in s.contradictions] == ["opposite_outcome"]


def test_different_figures_for_one_thing_are_a_contradiction() -> None:
    s = summarise(
        [
            entry_claim(1, "ru.mod", "RU", type="losses", quantities=(("tanks", "destroyed", 7),)),
            entry_claim(
                2,
                "intl.isw",
                "international",
                type="losses",
                quantities=(("tanks", "destroyed", 2),),
            ),
        ]
    )
    assert [c.kind for c in s.contradictions] == ["figures"]


def test_claims_in_time_order_and_first_seen() -> None:
    s = summarise(
        [
            entry_claim(1, "ru.mod", "RU", published="2025-11-22"),
            entry_claim(2, "ru.mod", "RU", published="2025-11-20"),
        ]
    )
    assert [c.key for c in s.claims] == [2, 1]
    assert s.first_seen == "2025-11-20"
