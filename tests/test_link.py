"""Same-claim linking and what an entry says, on hand-made claims, and what linking reads of
real analysed articles (the full pipeline, on sentences written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from spacy.language import Language

from claimledger.analyze import analyze
from claimledger.entries import EntryClaim, summarise
from claimledger.ledger_claims import record_features
from claimledger.link import LinkClaim, Linker, PlacePoint, same_claim
from claimledger.model import Article, ArticleRecord

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


def test_placeless_claims_link_by_origin_and_words() -> None:
    text = "the enemy lost 1,130 soldiers over the past day"
    a = claim(1, type="losses", places=(), origin="ua.general_staff", text=text)
    b = claim(2, type="losses", places=(), origin="ua.general_staff", text=text + ", it said")
    c = claim(3, type="losses", places=(), origin="ua.general_staff", text="the enemy regrouped")
    assert same_claim(a, b) and not same_claim(a, c)


def test_each_side_reports_the_others_losses() -> None:
    # "the enemy" is Russia's army for the General Staff and Ukraine's for the ministry
    text = "the enemy lost 1,130 soldiers over the past day"
    a = replace(claim(1, type="losses", places=(), origin="ua.general_staff", text=text), side="RU")
    b = replace(claim(2, type="losses", places=(), origin="ru.mod", text=text), side="UA")
    assert not same_claim(a, b)
    assert not same_claim(replace(a, places=(POKROVSK,)), replace(b, places=(POKROVSK,)))


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


# --- nearly the same sentence from two origins (a rewrite, or one anonymous source twice)

REWRITE = "Russian missiles and drones struck the city overnight, killing two people"


def test_nearly_the_same_sentence_links_across_origins_when_places_failed() -> None:
    a = claim(1, type="attack", places=(), origin="anonymous:a:s1", text=REWRITE)
    b = claim(2, type="attack", places=(), origin="anonymous:b:s1", text=REWRITE + ".")
    with_place = claim(3, type="attack", origin="anonymous:c:s1", text=REWRITE)
    assert same_claim(a, b) and same_claim(a, with_place)


def test_nearly_the_same_sentence_is_not_enough_against_a_near_miss() -> None:
    a = claim(1, type="attack", places=(), origin="anonymous:a:s1", text=REWRITE)
    other_day = claim(2, type="attack", places=(), on="2025-11-25", text=REWRITE)
    other_figures = claim(
        3, type="attack", places=(), text=REWRITE, quantities=(("civilians", "killed", 3),)
    )
    two_places = (
        claim(4, type="attack", places=(POKROVSK,), origin="anonymous:d:s1", text=REWRITE),
        claim(5, type="attack", places=(KUPIANSK,), origin="anonymous:e:s1", text=REWRITE),
    )
    figures = replace(a, quantities=(("civilians", "killed", 2),))
    assert not same_claim(a, replace(other_day, origin="anonymous:b:s1"))
    assert not same_claim(figures, replace(other_figures, origin="anonymous:b:s1"))
    assert not same_claim(*two_places)
    short = claim(6, type="denial", places=(), origin="name:kyiv", text="the claim")
    assert not same_claim(short, replace(short, key=7, origin="name:moscow"))


def test_linker_finds_a_rewrite_without_places_across_origins() -> None:
    linker = Linker()
    linker.add([claim(1, type="attack", places=(), origin="anonymous:a:s1", text=REWRITE)])
    linker.add([claim(2, type="attack", places=(), origin="anonymous:b:s2", text=REWRITE)])
    assert linker.entry_of(2) == 1


def test_one_origins_same_distinctive_figure_is_one_claim_in_other_words() -> None:
    a = claim(1, type="attack", places=(), origin="ua.air_force", quantities=(("drones", "", 86),))
    b = replace(a, key=2, text="the enemy sent 86 attack drones against the country at night")
    assert same_claim(a, b)
    small = (("tanks", "destroyed", 2),)
    assert not same_claim(replace(a, quantities=small), replace(b, quantities=small))


# --- fights over ground: who is named, and when


def test_a_denial_or_held_ground_meets_a_capture_whatever_side_it_names() -> None:
    capture = replace(claim(1), side="RU")
    held = replace(claim(2, origin="ua.general_staff", repelled=True), side="UA")
    denied = replace(claim(3, origin="ua.general_staff", status="denied"), side="UA")
    assert same_claim(capture, held) and same_claim(capture, denied)


def test_captures_or_repelled_assaults_by_opposite_sides_are_two_events() -> None:
    assert not same_claim(replace(claim(1), side="RU"), replace(claim(2), side="UA"))
    ru_assault = replace(claim(3, type="attack", repelled=True, origin="ua.mod"), side="RU")
    ua_assault = replace(claim(4, type="attack", repelled=True), side="UA")
    assert not same_claim(ru_assault, ua_assault)


def test_an_assault_repelled_before_a_capture_is_an_earlier_fight() -> None:
    capture = replace(claim(1, on="2025-11-20"), side="RU")
    before = claim(2, on="2025-11-19", origin="ua.general_staff", repelled=True)
    after = claim(3, on="2025-11-21", origin="ua.general_staff", repelled=True)
    assert not same_claim(capture, before) and same_claim(capture, after)


def test_an_undated_report_cannot_tell_of_a_later_event() -> None:
    dated = claim(1, type="attack", on="2025-11-22", published="2025-11-22", origin="ua.mod")
    undated = claim(2, type="attack", on=None, published="2025-11-20")
    assert not same_claim(dated, undated)
    assert same_claim(replace(dated, start=day("2025-11-19"), end=day("2025-11-19")), undated)


def test_undated_ground_claims_tell_the_state_on_their_day() -> None:
    held_then = claim(1, on="2025-11-18", origin="ua.general_staff", repelled=True)
    held_now = claim(2, on=None, published="2025-11-20", origin="anonymous:a:s1", repelled=True)
    assert not same_claim(held_then, held_now)


def test_two_days_tallies_of_one_front_are_two_claims() -> None:
    tally = replace(
        claim(1, type="attack", on="2025-11-19", end="2025-11-20", origin="ua.mod"), tally=True
    )
    next_day = replace(tally, key=2, start=day("2025-11-20"), end=day("2025-11-21"))
    retold = replace(tally, key=3, origin="anonymous:a:s1")
    assert not same_claim(tally, next_day) and same_claim(tally, retold)


def test_a_state_over_a_span_is_not_one_days_event() -> None:
    strike = claim(1, type="attack", on=None, published="2025-11-20", origin="ua.mod")
    daily = replace(claim(2, type="attack", on=None, published="2025-11-20"), ongoing=True)
    assert not same_claim(strike, daily)


def test_one_oblast_named_twice_is_one_place() -> None:
    oblast = PlacePoint("admin1:UA.05", 48.0, 37.8, "UA.05", "admin1")
    a = claim(1, type="attack", places=(oblast,), origin="ua.mod")
    assert same_claim(a, claim(2, type="attack", places=(oblast,)))


# --- what linking reads of real analysed articles (full pipeline, sentences of our own)

TEXTS = {
    "t1": (
        "Ukrinform",
        "2025-09-10",
        "Russia said on Tuesday its troops had captured Kupiansk. Kyiv denied the claim.\n\n"
        "Ukrainian units withdrew from Kindrashivka, north of Kupiansk, the General Staff said."
        "\n\nThe General Staff said Russia lost 1,050 troops over the past day.",
    ),
    "t2": (
        "Suspilne",
        "2025-09-11",
        "Russian drones hit a warehouse in the Odesa region overnight, the regional governor "
        "said.\n\nThe Air Force said Russia had launched 57 drones at Ukraine overnight.\n\n"
        "A Russian glide bomb hit a market in Sloviansk on Thursday, killing three people, the "
        "city administration said. The injured were taken to hospital.",
    ),
    "t3": (
        "Reuters",
        "2025-09-12",
        "KRAMATORSK, Ukraine (Reuters) - The town of Kostiantynivka has been shelled almost "
        "daily since the spring, officials said.\n\nDonetsk regional governor Vadym Filashkin "
        "said the village of Illinivka remains under Ukrainian control.",
    ),
    "t4": (
        "Reuters",
        "2025-09-13",
        "ODESA, Ukraine (Reuters) - Russian drones struck Izmail overnight, damaging a grain "
        "terminal, the regional governor said. The drones also hit the Odesa and Mykolaiv "
        "regions, the governor said.\n\nThe injured were taken to hospital, he said.\n\n"
        "Rescuers worked at the site through the night, the emergency service said.\n\n"
        "Shelling damaged a school in the Izmail district on Friday, the district "
        "administration said. No one was hurt in Izmail, it added.",
    ),
    "t5": (
        "Ukrinform",
        "2025-09-14",
        "Russia said on Sunday its troops had captured Huliaipole, a town that has been on the "
        "front line since 2022. Kyiv denied the claim.\n\nRussian groups tried to advance near "
        "Huliaipole on Saturday and were pushed back, the General Staff said.",
    ),
    "t7": (
        "Ukrinform",
        "2025-09-16",
        "Russian drones hit the port of Izmail overnight, governor Oleh Kiper said.\n\n"
        "A grain silo caught fire and a crane was damaged, he said.\n\n"
        "Russia lost 1,100 troops over the past day, the General Staff said.",
    ),
    "t6": (
        "Suspilne",
        "2025-09-15",
        "Russia said its troops had captured Yampil, a village near Siversk.\n\n"
        '"Our soldiers still hold the village," a brigade spokesman said on Monday.\n\n'
        "Shelling killed a man in Kramatorsk, the governor said. A school in Kramatorsk was "
        "damaged, and power was cut in parts of Kramatorsk, officials said.",
    ),
    "t8": (
        "TASS",
        "2025-09-17",
        "The FSB said on Tuesday it had found a cache of explosives in Melitopol.\n\n"
        "Ukraine's defence ministry said the claims were baseless.",
    ),
    "t9": (
        "Ukrinform",
        "2025-09-18",
        "Russia said on Thursday its troops had captured Toretsk.\n\n"
        "The Ukrainian army said fighting was still going on in the town's northern districts.",
    ),
    "t10": (
        "AFP",
        "2025-09-19",
        "Ukraine's army said on Friday that Moscow's forces had attacked Huliaipole.\n\n"
        "The FSB said on Friday it had found a cache of explosives in Kursk. Officers also "
        "seized four mines and a detonator, the FSB said.\n\n"
        '"The village of Zaliznychne is under our control," a brigade spokesman said.',
    ),
}


@pytest.fixture(scope="module")
def features(nlp: Language) -> dict[str, list[LinkClaim]]:
    articles = [
        Article(id=k, content_hash=k, outlet=o, published=p, text=t)
        for k, (o, p, t) in TEXTS.items()
    ]
    out: dict[str, list[LinkClaim]] = {}
    for record in analyze(articles, nlp=nlp):
        assert isinstance(record, ArticleRecord)
        keys = list(range(len(record.claims)))
        out[record.article.id] = [link for link, _ in record_features(record, keys, 0)]
    return out


def _about(claims: list[LinkClaim], words: str) -> LinkClaim:
    return next(c for c in claims if words in c.text)


def test_a_bare_denial_is_about_the_place_of_the_claim_it_answers(
    features: dict[str, list[LinkClaim]],
) -> None:
    capture = _about(features["t1"], "captured Kupiansk")
    denial = next(c for c in features["t1"] if c.type == "denial")
    # "Kyiv" is who denied, not where: the denial is about Kupiansk, like the capture
    assert denial.places[:1] == capture.places[:1] and capture.places
    assert same_claim(capture, denial)


def test_a_withdrawal_credits_the_other_side(features: dict[str, list[LinkClaim]]) -> None:
    assert _about(features["t1"], "withdrew").side == "RU"


def test_losses_are_the_enemys_of_the_reporting_side(
    features: dict[str, list[LinkClaim]],
) -> None:
    tally = _about(features["t1"], "lost 1,050")
    assert (tally.side, tally.tally, tally.places) == ("RU", True, ())


def test_a_region_is_the_oblast_not_its_capital(features: dict[str, list[LinkClaim]]) -> None:
    warehouse = _about(features["t2"], "warehouse")
    assert [(p.id, p.precision) for p in warehouse.places] == [("admin1:UA.17", "admin1")]


def test_a_shared_name_is_the_outlets_sides_institution(
    features: dict[str, list[LinkClaim]],
) -> None:
    tally = _about(features["t2"], "57 drones")
    # a nationwide tally has no place of its own: not the article's town, not "Ukraine"
    assert (tally.origin, tally.places) == ("ua.air_force", ())


def test_a_follow_up_is_about_the_place_of_the_event_before_it(
    features: dict[str, list[LinkClaim]],
) -> None:
    market = _about(features["t2"], "market in Sloviansk")
    injured = _about(features["t2"], "injured were taken")
    assert injured.places == market.places and market.places


def test_a_state_over_a_span_and_ground_still_held(features: dict[str, list[LinkClaim]]) -> None:
    assert _about(features["t3"], "almost daily").ongoing
    held = _about(features["t3"], "remains under")
    assert held.repelled and held.type == "territorial_control"


def test_a_name_the_recogniser_missed_is_the_place_the_article_resolves(
    features: dict[str, list[LinkClaim]],
) -> None:
    strike = _about(features["t4"], "struck Izmail")
    later = _about(features["t4"], "hurt in Izmail")
    assert strike.places[:1] == later.places[:1] and later.places


def test_regions_named_together_are_oblasts(features: dict[str, list[LinkClaim]]) -> None:
    regions = _about(features["t4"], "Mykolaiv regions")
    assert [p.precision for p in regions.places] == ["admin1", "admin1"]


def test_a_pronoun_speaker_goes_on_with_the_account_before(
    features: dict[str, list[LinkClaim]],
) -> None:
    regions = _about(features["t4"], "Mykolaiv regions")
    injured = _about(features["t4"], "injured were taken")
    assert (injured.origin, injured.places) == (regions.origin, regions.places)


def test_the_dateline_is_not_what_the_article_is_about(
    features: dict[str, list[LinkClaim]],
) -> None:
    # "the site" with no place of its own: the town the article names, not where it was filed
    site = _about(features["t4"], "at the site")
    assert site.places[:1] == _about(features["t4"], "hurt in Izmail").places[:1]


def test_a_year_borrowed_from_around_a_denial_is_not_its_date(
    features: dict[str, list[LinkClaim]],
) -> None:
    capture = _about(features["t5"], "captured Huliaipole")
    denial = next(c for c in features["t5"] if c.type == "denial")
    assert denial.start is None and not capture.ongoing  # "since 2022" is a clause of its own
    assert same_claim(capture, denial)


def test_an_attempt_pushed_back_is_no_taking(features: dict[str, list[LinkClaim]]) -> None:
    attempt = _about(features["t5"], "tried to advance")
    assert attempt.repelled and attempt.family == "ground"


def test_a_village_placed_at_its_hromada_seat_is_not_the_seat() -> None:
    # a KATOTTG village GeoNames lacks sits at its hromada's seat: same point, other place
    village = PlacePoint(
        "katottg:UA14120070180099999", POKROVSK.lat, POKROVSK.lon, "UA.05", "approx"
    )
    assert not same_claim(claim(1), claim(2, places=(village,)))
    assert same_claim(claim(1, places=(village,)), claim(2, places=(village,)))


def test_linking_skips_a_reading_far_from_the_text_and_keeps_villages_first(
    nlp: Language,
) -> None:
    from claimledger.link_places import link_places

    text = (
        "Russian drones hit the Black Sea port of Odesa overnight, the governor said. "
        "Russian troops took the village of Stupochky, south of Chasiv Yar, the ministry said."
    )
    article = Article(id="far", content_hash="far", outlet="X", published="2025-08-19", text=text)
    [record] = [r for r in analyze([article], nlp=nlp) if isinstance(r, ArticleRecord)]
    places = link_places(record)
    ids = {p.id for points in places.values() for p in points}
    black_sea = [m for m in record.places if m.text == "Black Sea"]
    if black_sea and "far_from_context" in black_sea[0].flags:
        assert not {c.id for c in black_sea[0].candidates} & ids
    capture = next(c for c in record.claims if "Stupochky" in c.text)
    assert places[capture.id][0].id.startswith("katottg:")
    assert places[capture.id][0].precision == "approx"


def test_the_village_in_a_quote_is_the_one_named_just_before(
    features: dict[str, list[LinkClaim]],
) -> None:
    # the article names Kramatorsk most, but "the village" is the one the paragraph before named
    held = _about(features["t6"], "still hold the village")
    capture = _about(features["t6"], "captured Yampil")
    assert held.places[:1] == capture.places[:1] and held.places


def test_regions_listed_with_commas_are_oblasts(nlp: Language) -> None:
    from claimledger.link_places import link_places

    text = (
        "Air defences shot down 30 drones over the Belgorod, Kursk and Bryansk regions "
        "overnight, the ministry said."
    )
    article = Article(id="list", content_hash="list", outlet="X", published="2025-09-02", text=text)
    [record] = [r for r in analyze([article], nlp=nlp) if isinstance(r, ArticleRecord)]
    [claim_id] = [c.id for c in record.claims]
    assert {p.precision for p in link_places(record)[claim_id]} == {"admin1"}


def test_a_front_named_after_a_town_is_not_the_town() -> None:
    front = replace(KUPIANSK, id=f"front:{KUPIANSK.id}", precision="front")
    tally = claim(1, type="attack", places=(front,), text="14 attacks in the Kupiansk direction")
    strike = claim(2, type="attack", places=(KUPIANSK,), text="a drone hit a house in Kupiansk")
    assert not same_claim(tally, strike)
    assert same_claim(tally, replace(tally, key=3, article=3))


def test_the_direction_after_a_town_makes_it_a_front(nlp: Language) -> None:
    from claimledger.link_places import link_places

    text = "Russian forces carried out 12 assaults in the Lyman direction, the General Staff said."
    article = Article(
        id="front", content_hash="front", outlet="X", published="2025-09-02", text=text
    )
    [record] = [r for r in analyze([article], nlp=nlp) if isinstance(r, ArticleRecord)]
    [claim_id] = [c.id for c in record.claims]
    assert [p.precision for p in link_places(record)[claim_id]] == ["front"]


def test_a_source_going_on_about_a_strike_speaks_of_its_town(
    features: dict[str, list[LinkClaim]],
) -> None:
    strike = _about(features["t7"], "hit the port of Izmail")
    fire = _about(features["t7"], "caught fire")
    assert fire.places[:1] == strike.places[:1] and strike.places
    # another source's nationwide tally takes no town
    assert not _about(features["t7"], "1,100 troops").places


def test_a_bare_denial_answers_the_kind_of_claim_just_before_it(
    features: dict[str, list[LinkClaim]],
) -> None:
    cache = _about(features["t8"], "cache of explosives")
    denial = next(c for c in features["t8"] if c.type == "denial")
    assert (denial.answers, denial.family, denial.wildcard) == (
        "weapons_seizure",
        "weapons_seizure",
        False,
    )
    assert same_claim(cache, denial)
    # not a denial of whatever ground was fought over there that day
    capture = claim(9, on="2025-09-16", published="2025-09-17", places=denial.places)
    assert denial.places and not same_claim(capture, denial)


def test_a_bare_denial_after_a_capture_or_first_in_its_article_meets_any_capture() -> None:
    after_capture = claim(2, type="denial", status="denied", origin="ua.mod")
    first = replace(after_capture, key=3, answers=None)
    after_capture = replace(after_capture, answers="territorial_control")
    for denial in (after_capture, first):
        assert denial.wildcard and same_claim(claim(1), denial)
    after_statement = replace(after_capture, key=4, answers="statement")
    assert not after_statement.wildcard and not same_claim(claim(1), after_statement)


def test_fighting_that_goes_on_contradicts_a_capture_there(
    features: dict[str, list[LinkClaim]],
) -> None:
    capture = _about(features["t9"], "captured Toretsk")
    fighting = _about(features["t9"], "still going on")
    assert (fighting.family, fighting.repelled, fighting.side) == ("ground", True, "RU")
    assert fighting.places[:1] == capture.places[:1] and capture.places
    assert same_claim(capture, fighting)


def test_a_capitals_forces_are_its_state_not_a_place(features: dict[str, list[LinkClaim]]) -> None:
    attack = _about(features["t10"], "attacked Huliaipole")
    assert attack.places and all(p.id != "geonames:524901" for p in attack.places)  # Moscow


def test_the_source_going_on_about_a_find_speaks_of_its_town(
    features: dict[str, list[LinkClaim]],
) -> None:
    cache = _about(features["t10"], "found a cache")
    detail = _about(features["t10"], "four mines")
    assert cache.places and detail.places[:1] == cache.places[:1]


def test_ground_under_our_control_is_still_held(features: dict[str, list[LinkClaim]]) -> None:
    held = _about(features["t10"], "under our control")
    assert (held.type, held.repelled, held.family) == ("territorial_control", True, "ground")


def test_a_night_given_as_two_days_takes_no_more_slack() -> None:
    overnight = claim(1, type="attack", on="2025-11-17", end="2025-11-18")
    day_before = claim(2, type="attack", on="2025-11-16")
    assert not same_claim(overnight, day_before)
    assert same_claim(claim(3, type="attack", on="2025-11-17"), day_before)
