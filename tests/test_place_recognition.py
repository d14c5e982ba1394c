"""Place-mention recognition on sentences written like war reporting, with the real small model.

Each test pins one pattern of English news language; `known` functions are small inline tables
standing in for the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.nlp import load
from claimledger.places.recognize import (
    Mention,
    Tables,
    find_aliases,
    find_mentions,
    load_tables,
)


@pytest.fixture(scope="module")
def bare_nlp() -> Language:
    # the parse only: recognition must not depend on the stages that come after it
    return load(stages=False)


def table(**scores: float) -> Callable[[str], float]:
    """A `known` function: keyword names (underscores for spaces) -> how well-known."""
    names = {name.replace("_", " "): score for name, score in scores.items()}
    return lambda name: names.get(name, 0.0)


def find(
    nlp: Language, text: str, known: Callable[[str], float] | None = None
) -> tuple[Doc, list[Mention]]:
    doc = nlp(text)
    return doc, find_mentions(doc, known)


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def texts(nlp: Language, text: str, known: Callable[[str], float] | None = None) -> list[str]:
    return [m.text for m in find(nlp, text, known)[1]]


# --- place nouns and their hints ----------------------------------------------------------------


def test_village_of_x_is_a_place(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Assault groups advanced on the village of Zorianka overnight.")
    m = by_text(found)["Zorianka"]
    assert m.hint == "settlement"


def test_frontline_town_of_x_with_adjectives_before_the_noun(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Drones struck the small town of Hrodivka before dawn.")
    assert by_text(found)["Hrodivka"].hint == "settlement"


def test_villages_of_x_and_y_share_the_hint(bare_nlp: Language) -> None:
    _, found = find(
        bare_nlp, "The brigade held the villages of Orikhove, Lozuvatka and Zelene Pole."
    )
    got = by_text(found)
    for name in ("Orikhove", "Lozuvatka", "Zelene Pole"):
        assert got[name].hint == "settlement", name


def test_x_village_names_the_place_before_the_noun(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Residents of Kozacha Lopan village were evacuated on buses.")
    m = by_text(found)["Kozacha Lopan"]
    assert (m.hint, m.text) == ("settlement", "Kozacha Lopan")


def test_direction_gives_front_hint(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Heavy fighting went on in the Kurakhove direction all day.")
    assert by_text(found)["Kurakhove"].hint == "front"


def test_bridgehead_and_sector_give_front_hint(bare_nlp: Language) -> None:
    _, found = find(
        bare_nlp, "Marines widened the Krynky bridgehead while the Siversk sector stayed quiet."
    )
    got = by_text(found)
    assert got["Krynky"].hint == "front"
    assert got["Siversk"].hint == "front"


def test_lowercase_region_is_a_hint_not_part_of_the_name(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Air raid alerts sounded across the Sumy region on Sunday.")
    assert by_text(found)["Sumy"].hint == "admin1"


def test_capitalised_oblast_is_part_of_the_name(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Two civilians were wounded in Kherson Oblast, officials said.")
    assert by_text(found)["Kherson Oblast"].hint == "admin1"


def test_district_and_raion_give_admin2_hint(bare_nlp: Language) -> None:
    _, found = find(
        bare_nlp,
        "Shelling was reported in the Nikopol district and in Chuhuiv raion on Friday.",
    )
    got = by_text(found)
    assert got["Nikopol"].hint == "admin2"
    assert got["Chuhuiv"].hint == "admin2"


def test_plural_region_noun_covers_every_name_of_a_list(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Moscow annexed the Zaporizhzhia and Kherson regions in 2022.")
    got = by_text(found)
    assert got["Zaporizhzhia"].hint == "admin1"
    assert got["Kherson"].hint == "admin1"


def test_apposition_a_village_gives_settlement_hint(bare_nlp: Language) -> None:
    _, found = find(
        bare_nlp, "They reached Tymkivka, a village on the Oskil river, by the evening."
    )
    assert by_text(found)["Tymkivka"].hint == "settlement"


# --- context cues -------------------------------------------------------------------------------


def test_near_x_finds_a_multiword_name(bare_nlp: Language) -> None:
    assert "Mala Tokmachka" in texts(bare_nlp, "Mines were cleared near Mala Tokmachka.")


def test_outside_and_towards_are_place_cues(bare_nlp: Language) -> None:
    found = texts(
        bare_nlp, "The unit dug in outside Kurdiumivka and pushed towards Kalynivske at night."
    )
    assert "Kurdiumivka" in found and "Kalynivske" in found


def test_in_x_needs_a_known_name(bare_nlp: Language) -> None:
    sentence = "Sappers worked in Pisky for a week."
    assert "Pisky" not in texts(bare_nlp, sentence)
    assert "Pisky" in texts(bare_nlp, sentence, table(Pisky=0.3))


def test_in_x_with_a_toponym_ending_needs_no_gazetteer(bare_nlp: Language) -> None:
    assert "Novoiehorivka" in texts(bare_nlp, "A school was damaged in Novoiehorivka.")


def test_from_x_to_y_names_two_places(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "The convoy drove from Sviatohirsk to Bohorodychne without lights.")
    assert "Sviatohirsk" in found and "Bohorodychne" in found


def test_captured_x_is_a_place(bare_nlp: Language) -> None:
    assert "Klishchiivka" in texts(bare_nlp, "The ministry said its troops captured Klishchiivka.")


def test_list_after_a_cue_shares_the_cue(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Strikes were reported near Ivanivske, Bila Hora and Andriivka.")
    assert {"Ivanivske", "Bila Hora", "Andriivka"} <= set(found)


def test_hyphenated_and_apostrophe_names_are_one_mention(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Units moved near Kup’iansk-Vuzlovyi and towards Novo-Oleksandrivka.")
    assert "Kup’iansk-Vuzlovyi" in found and "Novo-Oleksandrivka" in found


def test_person_after_to_is_not_a_place_even_if_a_village_has_the_name(
    bare_nlp: Language,
) -> None:
    sentence = "The general sent a report to Gerasimov on Monday."
    assert texts(bare_nlp, sentence, table(Gerasimov=0.3)) == []
    assert texts(bare_nlp, "The convoy returned to Kramatorsk on Monday.") == ["Kramatorsk"]


def test_according_to_x_is_not_a_place_cue(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Two men were detained, according to Hrytsenko.", table(Hrytsenko=0.2))
    assert "Hrytsenko" not in found


def test_sentence_initial_capital_is_not_a_name(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Fighting continued near Tonenke. Shelling resumed at noon.")
    assert found == ["Tonenke"]


def test_dateline_is_a_place(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "ZAPORIZHZHIA, Ukraine (AP) — A missile hit a depot overnight.")
    assert "ZAPORIZHZHIA" in found


# --- the gazetteer without a cue ----------------------------------------------------------------


def test_well_known_name_without_cue_needs_the_gazetteer(bare_nlp: Language) -> None:
    sentence = "Residents said Kramatorsk had no water for a third day."
    known = table(Kramatorsk=0.7)
    m = by_text(find(bare_nlp, sentence, known)[1])["Kramatorsk"]
    assert m.source in ("ner", "gazetteer")


def test_little_known_name_without_cue_is_not_a_place(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Officers said Hlyboke had been quiet.", table(Hlyboke=0.3))
    assert "Hlyboke" not in found


def test_person_named_like_a_town_is_not_a_place(bare_nlp: Language) -> None:
    found = texts(
        bare_nlp,
        "Colonel Oleksandr Lyman told reporters the brigade had rotated out.",
        table(Lyman=0.7),
    )
    assert not any("Lyman" in t for t in found)


def test_english_word_that_is_a_village_name_is_not_a_place(bare_nlp: Language) -> None:
    found = texts(
        bare_nlp,
        "Troops of the Center group fired Storm Shadow missiles, the Victory unit said.",
        table(Center=0.7, Storm=0.7, Victory=0.7),
    )
    assert found == []


def test_month_is_not_a_place(bare_nlp: Language) -> None:
    assert texts(bare_nlp, "The town fell in May after a long siege.", table(May=0.5)) == []


# --- what is not a place ------------------------------------------------------------------------


def test_ukrainian_forces_is_not_a_place(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Ukrainian forces repelled Russian troops near Russian positions.")
    assert found == []


def test_organisation_named_after_a_place_is_not_a_place(bare_nlp: Language) -> None:
    found = texts(
        bare_nlp,
        "Fighters of the Azov regiment and reporters of the Kyiv Post arrived.",
        table(Azov=0.5, Kyiv=1.0),
    )
    assert found == []


def test_lowercase_word_after_a_place_leaves_it_a_place(bare_nlp: Language) -> None:
    found = texts(
        bare_nlp, "Explosions were heard in Kyiv today, Kyiv media reported.", table(Kyiv=1.0)
    )
    assert found == ["Kyiv", "Kyiv"]


def test_kremlin_is_not_a_place_but_an_airport_is(bare_nlp: Language) -> None:
    found = texts(
        bare_nlp,
        "The Kremlin said drones attacked Pskov Airport, damaging two transport planes.",
    )
    assert "Kremlin" not in " ".join(found)
    assert any(t.startswith("Pskov") for t in found)


# --- metonymy -----------------------------------------------------------------------------------


def test_kyiv_said_is_metonymic(bare_nlp: Language) -> None:
    _, found = find(
        bare_nlp, "Kyiv said the strike hit a fuel depot. Moscow denied it.", table(Kyiv=1.0)
    )
    got = by_text(found)
    assert got["Kyiv"].flags == ("metonymic",)
    assert got["Moscow"].flags == ("metonymic",)


def test_kyiv_regime_is_metonymic(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "State television blamed the Kyiv regime.", table(Kyiv=1.0))
    assert by_text(found)["Kyiv"].flags == ("metonymic",)


def test_possessive_position_is_metonymic(bare_nlp: Language) -> None:
    _, found = find(
        bare_nlp, "Washington's position on the talks has not changed.", table(Washington=1.0)
    )
    assert by_text(found)["Washington"].flags == ("metonymic",)


def test_place_where_something_happens_is_not_metonymic(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Explosions were heard in Kyiv overnight.", table(Kyiv=1.0))
    assert by_text(found)["Kyiv"].flags == ()


# --- abbreviations, Cyrillic --------------------------------------------------------------------


def test_dpr_abbreviation_is_admin1(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Officials of the DPR and the LNR signed the document.")
    got = by_text(found)
    assert got["DPR"].hint == "admin1"
    assert got["LNR"].hint == "admin1"


def test_peoples_republic_is_one_admin1_mention(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "Elections were held in the Luhansk People's Republic on Sunday.")
    m = by_text(found)["Luhansk People's Republic"]
    assert m.hint == "admin1"


def test_cyrillic_name_in_quotes(bare_nlp: Language) -> None:
    _, found = find(bare_nlp, "A shell landed in the ‘Петровский’ neighbourhood of the city.")
    m = by_text(found)["Петровский"]
    assert m.source == "cyrillic"


# --- aliases ------------------------------------------------------------------------------------


def test_formerly_known_as_links_two_names(bare_nlp: Language) -> None:
    doc, found = find(
        bare_nlp,
        "Troops entered Myrnohrad, formerly known as Dymytrov, on Monday.",
    )
    names = [m.text for m in found]
    assert "Myrnohrad" in names and "Dymytrov" in names
    pairs = find_aliases(doc, found)
    assert (names.index("Myrnohrad"), names.index("Dymytrov")) in pairs


def test_known_in_ukrainian_as_links_names_nothing_else_found(bare_nlp: Language) -> None:
    doc, found = find(bare_nlp, "They shelled Artemovsk, known in Ukrainian as Bakhmut, again.")
    got = by_text(found)
    assert {"Artemovsk", "Bakhmut"} <= set(got)
    names = [m.text for m in found]
    assert (names.index("Artemovsk"), names.index("Bakhmut")) in find_aliases(doc, found)


def test_name_in_ukrainian_in_brackets_is_an_alias(bare_nlp: Language) -> None:
    doc, found = find(bare_nlp, "Heavy fighting near Kupyansk (Kupiansk in Ukrainian) continued.")
    names = [m.text for m in found]
    assert "Kupiansk" in names
    assert (names.index("Kupyansk"), names.index("Kupiansk")) in find_aliases(doc, found)


def test_also_called_about_a_person_is_not_an_alias(bare_nlp: Language) -> None:
    doc, found = find(bare_nlp, "The commander, also called Bison by his men, was wounded.")
    assert found == []
    assert find_aliases(doc, found) == []


# --- spans --------------------------------------------------------------------------------------


def test_the_and_possessive_are_trimmed(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Ukraine's army says the Donbas remains the main theatre.")
    assert "Ukraine" in found and "Donbas" in found


def test_model_merged_list_is_split(bare_nlp: Language) -> None:
    doc = bare_nlp("Donetsk and Luhansk lost power overnight, officials said.")
    doc.ents = [Span(doc, 0, 3, label="GPE")]  # one entity over the list, as models do
    found = [m.text for m in find_mentions(doc)]
    assert found == ["Donetsk", "Luhansk"]


def test_predicate_after_a_list_covers_every_name(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Donetsk and Luhansk were shelled overnight, officials said.")
    assert "Donetsk" in found and "Luhansk" in found


def test_country_with_and_in_its_name_is_not_split(bare_nlp: Language) -> None:
    found = texts(bare_nlp, "Aid arrived from Bosnia and Herzegovina last week.")
    assert "Bosnia" not in found


def test_mentions_do_not_overlap(bare_nlp: Language) -> None:
    text = (
        "Russian forces stormed Novomykhailivka, near Kurakhove in the Donetsk region, "
        "while Kyiv said the Pokrovsk direction and the Donetsk People's Republic border "
        "villages of Ostrivske and Sukhi Yaly came under fire from Maryinka to Vuhledar."
    )
    doc, found = find(bare_nlp, text, table(Kyiv=1.0, Donetsk=0.8))
    assert found == sorted(found, key=lambda m: m.start)
    for a, b in pairwise(found):
        assert a.end <= b.start
    for m in found:
        assert doc.text[m.start : m.end] == m.text
        assert m.source in ("ner", "context", "gazetteer", "cyrillic", "alias")


def test_tables_load_with_valid_hints() -> None:
    tables: Tables = load_tables()
    assert tables.nouns and tables.before_cues and tables.aliases
    hints = {noun.hint for noun in tables.nouns.values()} | set(tables.abbreviations.values())
    assert hints <= {"admin1", "admin2", "settlement", "front", "country", None}


# --- repeats -------------------------------------------------------------------------------------


def test_a_name_found_once_is_a_place_wherever_it_comes_back(bare_nlp: Language) -> None:
    text = (
        "Russia said its troops had captured the village of Mali Shcherbaky. Ukraine said "
        "Russian troops had attacked Mali Shcherbaky on Tuesday and that Mali Shcherbaky "
        "was still held."
    )
    _, found = find(bare_nlp, text)
    assert [m.text for m in found].count("Mali Shcherbaky") == 3, [m.text for m in found]


def test_a_repeat_inside_a_longer_name_is_not_the_place(bare_nlp: Language) -> None:
    text = "Drones hit the town of Izium overnight. The Izium Raion Council met on Friday."
    _, found = find(bare_nlp, text)
    assert [m.text for m in found if m.text == "Izium"] == ["Izium"], [m.text for m in found]
