"""The place stage inside a spaCy pipeline, and end to end on the seed articles."""

from __future__ import annotations

import spacy
from spacy.language import Language

from claimledger.analyze import analyze
from claimledger.model import ArticleRecord
from claimledger.nlp import default_model
from claimledger.places.gazetteer import Gazetteer
from claimledger.places.names import fold
from conftest import articles_and_problems, shared

POKROVSK = "geonames:704422"
MYRNOHRAD = "geonames:710035"


def test_component_writes_resolved_mentions_on_the_doc(nlp: Language) -> None:
    text = (
        "Russian forces shelled Kherson and the village of Bilozerka overnight, the regional "
        "governor said. Kyiv said air defences also downed drones over Odesa."
    )
    doc = nlp(text)
    places = doc._.places
    assert [p.id for p in places] == [f"p{i}" for i in range(1, len(places) + 1)]
    by_text = {p.text: p for p in places}
    for name in ("Kherson", "Bilozerka", "Odesa"):
        mention = by_text[name]
        assert text[mention.start : mention.end] == name
        assert mention.candidates and mention.candidates[0].country == "UA", name
    assert "metonymic" in by_text["Kyiv"].flags


def test_a_region_named_after_its_seat_is_the_division(nlp: Language) -> None:
    doc = nlp(
        "Drones struck the Kharkov region overnight, and a depot burned in Kharkiv itself. "
        "Shelling also hit the Zaporozhye region."
    )
    kinds = {p.text: p.place.precision for p in doc._.places if p.place is not None}
    assert kinds == {"Kharkov": "admin1", "Kharkiv": "point", "Zaporozhye": "admin1"}


def test_common_english_spellings_of_big_cities_are_known_alone(nlp: Language) -> None:
    # the model labels these PERSON; GeoNames keeps them as alternates of another spelling
    doc = nlp("Missiles struck Zaporizhzhia overnight. A drone hit Mykolaiv on Monday.")
    assert {p.text for p in doc._.places if p.place is not None} == {"Zaporizhzhia", "Mykolaiv"}


def test_a_village_inside_a_region_or_still_held_is_a_place(nlp: Language) -> None:
    doc = nlp(
        "Kindrashivka in the Kharkiv region is quiet. Stepanivka remains under Ukrainian "
        "control. Zelensky in the evening addressed the nation."
    )
    texts = {p.text for p in doc._.places}
    assert {"Kindrashivka", "Stepanivka"} <= texts and "Zelensky" not in texts


def test_a_dateline_is_no_context_for_distance(nlp: Language) -> None:
    doc = nlp(
        "MOSCOW, May 20. Russian forces struck energy facilities in Zaporozhye overnight, "
        "the ministry said."
    )
    [city] = [p for p in doc._.places if p.text == "Zaporozhye"]
    assert "far_from_context" not in city.flags and city.status == "resolved"


def test_users_add_the_component_to_their_own_pipeline(gazetteer: Gazetteer) -> None:
    own = spacy.load(default_model())
    own.add_pipe("claimledger_places", config={"gazetteer_path": str(gazetteer.path)})
    doc = own("Fighting was reported near Huliaipole in the Zaporizhzhia region.")
    [place] = [p for p in doc._.places if p.text == "Huliaipole"]
    assert place.place is not None and place.place.admin1_code == "UA.26"


def test_a_document_that_breaks_the_stage_still_gets_through(nlp: Language) -> None:
    docs = list(nlp.pipe(["", "   ", "Strikes on Sumy.", "\u0000\u0001 Kherson"]))
    assert [d._.places == [] for d in docs[:2]] == [True, True]
    assert any(p.text == "Sumy" for p in docs[2]._.places)


def test_seed_articles_put_every_pokrovsk_spelling_on_pokrovsk(nlp: Language) -> None:
    articles, problems = articles_and_problems([shared("examples/seeds")])
    assert problems == []
    records = [r for r in analyze(articles, nlp=nlp) if isinstance(r, ArticleRecord)]
    mentions = [m for r in records for m in r.places]
    pokrovsk_like = [
        m for m in mentions if any(k in fold(m.text) for k in ("pokrovsk", "krasnoarm"))
    ]
    assert len({fold(m.text) for m in pokrovsk_like}) >= 5
    for mention in pokrovsk_like:
        assert mention.candidates[0].id == POKROVSK, mention.text
        if "mikrorayon" not in fold(mention.text) and "skoye" not in fold(mention.text):
            assert mention.status == "resolved", mention.text
    named = {fold(m.text): m for m in mentions}
    assert named["mirnoglad"].place is not None and named["mirnoglad"].place.id == MYRNOHRAD
    gulyaypol = named["gulyaypol"]
    assert gulyaypol.candidates[0].admin1_code == "UA.26"
    for key in ("donetsk people's republic", "donetsk people’s republic", "dpr"):
        if key in named:
            place = named[key].place
            assert place is not None and place.admin1_code == "UA.05", key
    # no name in these Donetsk-front articles is confidently put in Russia's towns
    for mention in mentions:
        if mention.status == "resolved" and mention.place is not None:
            assert not (mention.place.country == "RU" and mention.place.kind.startswith("PPL")), (
                mention.text,
                mention.place,
            )
