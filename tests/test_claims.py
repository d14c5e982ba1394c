"""The claims stage in the full pipeline: type, status, actors, places and own-voice events,
on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Article, Claim
from claimledger.nlp import parse
from claimledger.read.base import make_article


def run(nlp: Language, text: str, published: str | None = None) -> Doc:
    article: Article = make_article(text, path="test.txt", published=published)
    return next(iter(parse(nlp, [article])))


def claim_with(doc: Doc, words: str) -> Claim:
    found = [c for c in doc._.claims if words in c.text]
    assert found, [(c.text, c.type) for c in doc._.claims]
    return found[0]


TYPES = [
    (
        "The ministry said its troops had captured the village of Bilohorivka.",
        "captured",
        "territorial_control",
    ),
    (
        "According to the General Staff, Ukrainian forces retook two villages near Kupiansk.",
        "retook",
        "territorial_control",
    ),
    (
        "Russian units have advanced towards Siversk, the governor said.",
        "advanced",
        "territorial_control",
    ),
    (
        "The brigade said it had taken eleven Russian soldiers prisoner near Vovchansk.",
        "prisoner",
        "capture_of_personnel",
    ),
    (
        "Officials said three marines surrendered after their position was cut off.",
        "surrendered",
        "capture_of_personnel",
    ),
    (
        "The security service said it had found a cache of rifles and grenades in Izium.",
        "cache",
        "weapons_seizure",
    ),
    (
        "Police said officers seized explosives and ammunition from a car near Sumy.",
        "seized",
        "weapons_seizure",
    ),
    (
        "A military blogger wrote that reinforcements were en route to Kostiantynivka.",
        "en route",
        "deployment",
    ),
    (
        "The governor said Moscow had deployed additional brigades to the border.",
        "deployed",
        "deployment",
    ),
    ("The ministry said its air defences shot down 41 drones overnight.", "shot down", "losses"),
    ("The General Staff said the enemy lost about 900 soldiers in a day.", "lost", "losses"),
    ("The mayor said a missile strike hit an apartment block in Dnipro.", "hit", "attack"),
    ("Local officials said Russian artillery shelled Nikopol on Sunday.", "shelled", "attack"),
    ("The ministry accused Kyiv of preparing a provocation.", "accused", "allegation"),
    ("The spokesman said the talks would resume in Geneva.", "talks", "statement"),
    (
        "The FSB said it had detained a Kursk man on suspicion of arson.",
        "detained",
        "capture_of_personnel",
    ),
    (
        "The ministry said 95 servicemen had been returned from captivity on Friday.",
        "returned",
        "capture_of_personnel",
    ),
    (
        "Kyiv said it brought home 95 of its soldiers in a prisoner exchange on Friday.",
        "brought",
        "capture_of_personnel",
    ),
    (
        "Russian forces made a push towards Huliaipole overnight, the ministry said.",
        "push",
        "territorial_control",
    ),
    ("The minister said the government would renew its push for talks.", "push", "statement"),
]


@pytest.fixture(scope="module")
def typed(nlp: Language) -> list[Doc]:
    return [run(nlp, text) for text, _, _ in TYPES]


@pytest.mark.parametrize("n", range(len(TYPES)), ids=[t[2] + ":" + t[1] for t in TYPES])
def test_claim_type(typed: list[Doc], n: int) -> None:
    _, words, kind = TYPES[n]
    claims = [c for c in typed[n]._.claims if c.start <= typed[n].text.index(words) < c.end]
    assert claims, [(c.text, c.type) for c in typed[n]._.claims]
    assert claims[0].type == kind


def test_main_verb_decides_between_event_words(nlp: Language) -> None:
    doc = run(nlp, "Russian forces captured the village of Ivanivka after days of heavy shelling.")
    assert claim_with(doc, "captured").type == "territorial_control"


def test_capture_of_people_is_not_capture_of_ground(nlp: Language) -> None:
    doc = run(nlp, "Ukrainian troops captured two Russian soldiers near Kreminna.")
    assert claim_with(doc, "captured").type == "capture_of_personnel"


def test_killing_civilians_is_an_attack_not_losses(nlp: Language) -> None:
    doc = run(nlp, "Prosecutors said the strike killed four civilians in Kramatorsk.")
    assert claim_with(doc, "killed").type == "attack"


# --- status


def test_attributed_claim_is_claimed_and_own_voice_is_asserted(nlp: Language) -> None:
    doc = run(
        nlp,
        "Russian forces shelled Kherson on Tuesday.\n"
        "The regional governor said Russian troops had struck a bakery in the city.",
    )
    own = claim_with(doc, "shelled Kherson")
    sourced = claim_with(doc, "struck a bakery")
    assert (own.status, own.chain, own.type) == ("asserted", [], "attack")
    assert sourced.status == "claimed" and sourced.chain


def test_denial_is_denied(nlp: Language) -> None:
    doc = run(nlp, "The Ukrainian army denied that Russian troops had entered Kupiansk.")
    claim = claim_with(doc, "entered")
    assert claim.status == "denied"
    assert claim.type == "territorial_control"


def test_negated_event_in_content_is_denied(nlp: Language) -> None:
    doc = run(nlp, "The brigade said Russian troops had not captured the village.")
    assert claim_with(doc, "captured").status == "denied"


def test_reportedly_makes_a_claim_unverified(nlp: Language) -> None:
    doc = run(nlp, "Russian troops reportedly entered the outskirts of Lyman on Friday.")
    assert claim_with(doc, "entered").status == "unverified"


def test_could_not_verify_applies_to_the_claim_before(nlp: Language) -> None:
    doc = run(
        nlp,
        "A Russian military blogger said troops had seized a mine shaft near Toretsk. "
        "Reuters could not independently verify the report.",
    )
    assert claim_with(doc, "seized").status == "unverified"


def test_conditional_and_forecast_are_hypothetical(nlp: Language) -> None:
    doc = run(
        nlp,
        "Analysts said Russian forces could encircle the town within weeks.\n"
        "The commander warned that the enemy would attack the bridge if the river froze.",
    )
    assert claim_with(doc, "encircle").status == "hypothetical"
    assert claim_with(doc, "attack the bridge").status == "hypothetical"


def test_plan_to_act_is_hypothetical(nlp: Language) -> None:
    doc = run(nlp, "Kyiv said Moscow planned to deploy more troops near Zaporizhzhia.")
    assert claim_with(doc, "deploy").status == "hypothetical"


# --- actors


def test_actors_from_the_table_and_from_side_words(nlp: Language) -> None:
    doc = run(nlp, "The ministry said Azov fighters repelled an assault by Russian troops.")
    actors = {a.role: (a.name, a.side) for a in claim_with(doc, "repelled").actors}
    assert actors["actor1"] == ("Azov", "UA")
    assert actors["actor2"][1] == "RU"


def test_our_troops_take_the_side_of_the_speaker(nlp: Language) -> None:
    doc = run(
        nlp, "The Russian Defence Ministry said our troops had liberated the village of Zelene."
    )
    claim = claim_with(doc, "liberated")
    assert [(a.role, a.side) for a in claim.actors] == [("actor1", "RU")]


def test_the_enemy_is_the_other_side(nlp: Language) -> None:
    doc = run(nlp, "Ukraine's General Staff said the enemy shelled Kupiansk overnight.")
    claim = claim_with(doc, "shelled")
    assert [(a.role, a.side) for a in claim.actors] == [("actor1", "RU")]


# --- places


def test_place_inside_the_claim(nlp: Language) -> None:
    doc = run(nlp, "The governor said Russian drones struck Kharkiv overnight.")
    claim = claim_with(doc, "struck")
    names = {m.id: m.text for m in doc._.places}
    assert [names[i] for i in claim.places] == ["Kharkiv"]
    assert "place_inferred" not in claim.flags


def test_place_inferred_from_the_paragraph(nlp: Language) -> None:
    doc = run(
        nlp,
        "Fighting continued around Kupiansk on Monday. "
        "The brigade said its soldiers destroyed two tanks.",
    )
    claim = claim_with(doc, "destroyed")
    names = {m.id: m.text for m in doc._.places}
    assert [names[i] for i in claim.places] == ["Kupiansk"]
    assert "place_inferred" in claim.flags


def test_across_paragraphs_the_articles_main_place_is_inferred(nlp: Language) -> None:
    doc = run(
        nlp,
        "Fighting continued around Kupiansk.\nThe brigade said its soldiers destroyed two tanks.",
    )
    claim = claim_with(doc, "destroyed")
    names = {m.id: m.text for m in doc._.places}
    assert [names[i] for i in claim.places] == ["Kupiansk"]
    assert "place_inferred" in claim.flags


def test_no_place_inferred_when_no_place_leads(nlp: Language) -> None:
    doc = run(
        nlp,
        "Fighting continued around Kupiansk and Lyman.\n"
        "The brigade said its soldiers destroyed two tanks.",
    )
    assert claim_with(doc, "destroyed").places == []


# --- own voice


def test_background_sentences_are_not_claims(nlp: Language) -> None:
    doc = run(
        nlp,
        "The war began in February 2022. Talks are planned for next month. "
        "Prices in the city have risen sharply.",
    )
    assert doc._.claims == []


def test_claims_are_in_text_order_and_numbered(nlp: Language) -> None:
    doc = run(
        nlp,
        "Russian forces shelled Sumy. The governor said two people were injured. "
        "Ukrainian drones struck a refinery in Ryazan, the Russian ministry said.",
    )
    assert [c.id for c in doc._.claims] == [f"c{n}" for n in range(1, len(doc._.claims) + 1)]
    starts = [c.start for c in doc._.claims]
    assert starts == sorted(starts) and len(starts) == 3


def iter_contract(doc: Doc) -> Iterator[tuple[int, int]]:
    for claim in doc._.claims:
        yield claim.start, claim.end
        if claim.sentence is not None:
            yield claim.sentence.start, claim.sentence.end
        for q in claim.quantities:
            yield q.start, q.end


def test_offsets_point_into_the_text(nlp: Language) -> None:
    doc = run(
        nlp,
        "The ministry said its forces destroyed seven tanks and three armored vehicles "
        "near Pokrovsk on November 3.",
        published="2025-11-05",
    )
    for start, end in iter_contract(doc):
        assert 0 <= start < end <= len(doc.text)
    claim = claim_with(doc, "destroyed")
    assert claim.date.start == "2025-11-03"


def test_negated_main_event_decides_type_and_status(nlp: Language) -> None:
    doc = run(nlp, "The governor said the town had not been captured despite heavy shelling.")
    claim = claim_with(doc, "captured")
    assert (claim.type, claim.status) == ("territorial_control", "denied")


def test_a_failed_attempt_is_not_hypothetical(nlp: Language) -> None:
    doc = run(nlp, "The brigade said Russian troops had tried to advance near Siversk.")
    assert claim_with(doc, "advance").status == "claimed"


def test_the_day_beats_a_year_in_an_aside(nlp: Language) -> None:
    doc = run(
        nlp,
        "Moscow said on Tuesday its troops had captured Vuhledar, a town held by Kyiv since 2014.",
        published="2025-11-20",
    )
    assert claim_with(doc, "captured").date.start == "2025-11-18"


def test_foreign_forces_taking_ground_are_not_a_government_regaining_it(nlp: Language) -> None:
    doc = run(
        nlp, "The Russian Defence Ministry said Russian troops had captured the town of Kurakhove."
    )
    claim = claim_with(doc, "captured")
    assert claim.acled is not None
    assert claim.acled.sub_event_type != "Government regains territory"


def test_the_settlement_comes_before_the_region_it_is_in(nlp: Language) -> None:
    doc = run(
        nlp,
        "The ministry said its troops had captured the Donetsk region village of Kurakhove.",
    )
    claim = claim_with(doc, "captured")
    names = {m.id: m.text for m in doc._.places}
    assert [names[i] for i in claim.places] == ["Kurakhove", "Donetsk"]


def test_a_bare_denial_does_not_take_the_next_statements_event(nlp: Language) -> None:
    # "saying ..." is the same speaker's second statement: its fighting is not the denial's
    doc = run(
        nlp,
        "Moscow said its troops had taken Siversk. Ukraine's army rejected the claim, saying "
        "fighting was still going on in the town.",
    )
    denial = claim_with(doc, "the claim")
    assert (denial.type, denial.status) == ("denial", "denied")


def test_damage_done_by_a_strike_is_an_attack(nlp: Language) -> None:
    doc = run(
        nlp,
        "Debris from a downed drone damaged two houses in Bilhorod-Dnistrovskyi, the governor "
        "said. A fuel depot caught fire after the strike, he added.",
    )
    assert claim_with(doc, "damaged two houses").type == "attack"
    assert claim_with(doc, "caught fire").type == "attack"


def test_a_dropped_charge_with_no_one_hurt_is_an_attack_not_a_denial(nlp: Language) -> None:
    doc = run(
        nlp,
        "A drone dropped an explosive device on a barn in Velyka Pysarivka, the governor said. "
        "No one was hurt.",
    )
    strike = claim_with(doc, "dropped an explosive device")
    assert strike.type == "attack" and strike.status != "denied"


def test_an_assault_beaten_back_failed(nlp: Language) -> None:
    doc = run(nlp, "The brigade said a Russian assault on Hryhorivka was beaten back on Monday.")
    claim = claim_with(doc, "beaten back")
    assert claim.type == "attack" and "outcome_repelled" in claim.flags


def test_forces_in_a_relative_clause_are_no_actor_of_the_claim(nlp: Language) -> None:
    doc = run(
        nlp,
        "The ministry said it had taken Bilohorivka, a village that Ukrainian forces have held "
        "since 2022.",
    )
    claim = claim_with(doc, "taken Bilohorivka")
    assert claim.type == "territorial_control"
    assert all(a.side != "UA" for a in claim.actors), claim.actors
