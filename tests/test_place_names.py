"""Spellings of Ukrainian and Russian place names: fold keys, skeletons, romanisations.

Every pair here is a real place and spellings found in reporting; the skeleton tests pin down which
spellings must meet for candidate retrieval and which different places must stay apart.
"""

from __future__ import annotations

import re
from typing import Literal

import pytest
from rapidfuzz.distance import Levenshtein

from claimledger.places.names import (
    fold,
    is_cyrillic,
    romanizations,
    russian_form,
    skeleton,
    spellings,
)

# --- fold ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kropyvnyts’kyi", "kropyvnytskyi"),
        ("Kropyvnyts'kyi", "kropyvnytskyi"),
        ("Kropyvnytsʹkyi", "kropyvnytskyi"),
        ("Bila Tserkva", "bila tserkva"),
        ("Mykolaiv-Kamianka", "mykolaiv kamianka"),
        ("Mykolaiv – Kamianka", "mykolaiv kamianka"),
        ("  Velyka   Novosilka ", "velyka novosilka"),
        ("St. Petersburg", "st petersburg"),
        ("Zaporižžja", "zaporizzja"),
        ("Khar´kov", "kharkov"),
    ],
)
def test_fold_ignores_case_accents_apostrophes_and_hyphens(name: str, key: str) -> None:
    assert fold(name) == key


def test_fold_keeps_cyrillic_and_its_ukrainian_i() -> None:
    assert fold("Часів Яр") == "часів яр"
    assert fold("Куп’янськ") == fold("Куп'янськ") == "купянськ"


def test_fold_folds_cyrillic_diacritics_like_latin_ones() -> None:
    # й -> и, ї -> і, ё -> е: decomposable letters lose their marks, like é -> e.
    assert fold("Гуляйполе") == "гуляиполе"
    assert fold("Київ") == "киів"
    assert fold("Артёмовск") == "артемовск"


# --- is_cyrillic -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Харків", True),
        ("Часів Яр", True),
        ("Kharkiv", False),
        ("Харків (Kharkiv)", False),
        ("м. Харків, Kh.", True),
        ("", False),
        ("123", False),
    ],
)
def test_is_cyrillic_means_most_letters_are_cyrillic(text: str, expected: bool) -> None:
    assert is_cyrillic(text) is expected


# --- skeleton: spellings of one place collide ------------------------------------------------

SAME_PLACE = {
    "kharkiv": ["Kharkiv", "Kharkov", "Harkiv", "Khar'kov", "Харків", "Харьков"],
    "kyiv": ["Kyiv", "Kiev", "Kyjiw", "Kiyev", "Kyyiv", "Київ", "Киев"],
    "zaporizhzhia": [
        "Zaporizhzhia", "Zaporozhye", "Zaporizhia", "Zaporizhzhya", "Zaporozhe", "Zaporozh'ye",
        "Zaporožʹe", "Запоріжжя", "Запорожье",
    ],
    "huliaipole": ["Huliaipole", "Gulyaypole", "Gulyaipole", "Hulyaipole", "Гуляйполе"],
    "myrnohrad": ["Myrnohrad", "Mirnograd", "Mirnohrad", "Мирноград"],
    "pokrovsk": ["Pokrovsk", "Pokrovs'k", "Pokrowsk", "Покровськ", "Покровск"],
    "krasnoarmeysk": [
        "Krasnoarmeysk", "Krasnoarmiisk", "Krasnoarmiysk", "Krasnoarmijs'k", "Krasnoarmeisk",
        "Красноармейск", "Красноармійськ",
    ],
    "kostiantynivka": [
        "Kostiantynivka", "Konstantinovka", "Kostyantynivka", "Костянтинівка", "Константиновка",
    ],
    "siversk": ["Siversk", "Seversk", "Sivers'k"],
    "kupiansk": ["Kupiansk", "Kupyansk", "Kup'yans'k", "Куп'янськ", "Купянск"],
    "vuhledar": ["Vuhledar", "Ugledar", "Wuhledar", "Вугледар", "Угледар"],
    "bakhmut": ["Bakhmut", "Bahmut", "Бахмут"],
    "avdiivka": ["Avdiivka", "Avdeyevka", "Avdeevka", "Avdiyivka", "Авдіївка", "Авдеевка"],
    "kramatorsk": ["Kramatorsk", "Kramators'k", "Краматорськ"],
    "sloviansk": ["Sloviansk", "Slavyansk", "Slovyansk", "Slov'yans'k", "Слов'янськ"],
    "luhansk": ["Luhansk", "Lugansk", "Луганськ"],
    "donetsk": ["Donetsk", "Donets'k", "Doneck", "Донецьк", "Донецк"],
    "odesa": ["Odesa", "Odessa", "Одеса", "Одесса"],
    "nikolaev": ["Nikolaev", "Nikolayev", "Николаев"],
    "chasiv yar": ["Chasiv Yar", "Chasov Yar", "Chasiv Iar", "Chasov Jar", "Часів Яр"],
    "toretsk": ["Toretsk", "Toretck", "Torets'k", "Торецьк"],
    "krasnohorivka": ["Krasnohorivka", "Krasnogorovka", "Красногорівка"],
    "velyka novosilka": [
        "Velyka Novosilka", "Velikaya Novoselka", "Velyka-Novosilka", "Велика Новосілка",
    ],
    "oleksandrivka": ["Oleksandrivka", "Aleksandrovka", "Alexandrovka", "Олександрівка"],
    "shchastia": ["Shchastia", "Schastye", "Shchastya", "Щастя"],
    "izium": ["Izium", "Izyum", "Izjum", "Ізюм"],
}  # fmt: skip


def _assert_one_skeleton(spelled: list[str]) -> None:
    keys = {name: skeleton(name) for name in spelled}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize("place", sorted(SAME_PLACE))
def test_spellings_of_one_place_share_a_skeleton(place: str) -> None:
    _assert_one_skeleton(SAME_PLACE[place])


def test_kharkov_and_kharkiv_share_a_skeleton() -> None:
    assert skeleton("Kharkov") == skeleton("Kharkiv") == skeleton("Harkiv")


def test_kiev_and_kyiv_share_a_skeleton() -> None:
    assert skeleton("Kiev") == skeleton("Kyiv")


def test_zaporozhye_and_zaporizhzhia_share_a_skeleton() -> None:
    assert skeleton("Zaporozhye") == skeleton("Zaporizhzhia") == skeleton("Zaporozhe")


def test_gulyaypole_and_huliaipole_share_a_skeleton() -> None:
    assert skeleton("Gulyaypole") == skeleton("Huliaipole")


def test_mirnograd_and_myrnohrad_share_a_skeleton() -> None:
    assert skeleton("Mirnograd") == skeleton("Myrnohrad")


def test_konstantinovka_loses_its_n_like_kostiantynivka() -> None:
    assert skeleton("Konstantinovka") == skeleton("Kostiantynivka")


def test_ugledar_and_vuhledar_share_a_skeleton_despite_the_prothetic_v() -> None:
    assert skeleton("Ugledar") == skeleton("Vuhledar")


def test_slavyansk_and_sloviansk_share_a_skeleton() -> None:
    assert skeleton("Slavyansk") == skeleton("Sloviansk")


def test_chasov_yar_and_chasiv_yar_share_a_skeleton() -> None:
    assert skeleton("Chasov Yar") == skeleton("Chasiv Yar")


def test_velikaya_novoselka_and_velyka_novosilka_share_a_skeleton() -> None:
    assert skeleton("Velikaya Novoselka") == skeleton("Velyka Novosilka")


def test_iso9_spelling_with_a_combining_caron_meets_the_english_one() -> None:
    # iuliia writes ž as z + U+030C; the skeleton must read it as zh, not z.
    assert skeleton("Zaporoz\u030cʹe") == skeleton("Zaporozhye")


def test_cyrillic_is_romanised_before_the_skeleton() -> None:
    assert skeleton("Харків") == skeleton("Kharkiv")
    assert skeleton("Запорожье") == skeleton("Zaporizhzhia")


# --- skeleton: near misses that the edit distance has to carry -------------------------------


def test_mykolaiv_and_nikolaev_are_one_edit_apart() -> None:
    # Ukrainian м- against Russian н- is not a spelling rule; the rest of the name agrees.
    assert skeleton("Mykolaiv") != skeleton("Nikolaev")
    assert Levenshtein.distance(skeleton("Mykolaiv"), skeleton("Nikolaev")) == 1


def test_gulyaypol_without_its_final_vowel_is_one_edit_from_huliaipole() -> None:
    assert Levenshtein.distance(skeleton("Gulyaypol"), skeleton("Huliaipole")) == 1


# --- skeleton: different places stay apart --------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Pokrovsk", "Pokrovka"),  # town in -sk, village in -ka
        ("Pokrovsk", "Pokrovske"),  # town, and the adjective-named village
        ("Donetsk", "Donetske"),  # city, and the village Donetske: one vowel apart
        ("Kharkiv", "Kherson"),
        ("Lviv", "Kyiv"),
        ("Sumy", "Sudzha"),
        ("Odesa", "Oleshky"),
        ("Bakhmut", "Bakhmutske"),
        ("Kramatorsk", "Kramatorske"),
        ("Shakhtarsk", "Shchastia"),
        ("Zhytomyr", "Chernihiv"),
    ],
)
def test_different_places_do_not_share_a_skeleton(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


def test_adjectival_endings_collide_with_each_other_but_not_with_the_town() -> None:
    # Ukrainian -ske, Russian -skoye/-skoe and the masculine -skyi/-skiy differ only in vowels;
    # the bare -sk of a town name has none, so Donetsk and Donetske stay one edit apart.
    _assert_one_skeleton(["Pokrovske", "Pokrovskoye", "Pokrovskoe", "Pokrovskyi", "Pokrovskiy"])
    assert Levenshtein.distance(skeleton("Donetsk"), skeleton("Donetske")) == 1


@pytest.mark.parametrize(
    "name",
    ["Kropyvnyts’kyi", "Велика Новосілка", "Zaporožʹe", "Mykolaiv-Kamianka", "Nova  Kakhovka 2"],
)
def test_skeleton_is_lowercase_ascii_letters_and_single_spaces(name: str) -> None:
    assert re.fullmatch(r"[a-z]+( [a-z]+)*", skeleton(name))


# --- romanizations ---------------------------------------------------------------------------


def test_ukrainian_romanisation_gives_the_national_system() -> None:
    assert "Kharkiv" in romanizations("Харків", "uk")
    assert {"Kyiv", "Kyyiv"} <= romanizations("Київ", "uk")


def test_ukrainian_romanisation_gives_the_older_apostrophe_style_and_its_ascii_form() -> None:
    found = romanizations("Куп’янськ", "uk")
    assert {"Kupiansk", "Kup'yans'k", "Kupyansk"} <= found


def test_russian_romanisation_gives_the_press_spellings() -> None:
    assert "Kharkov" in romanizations("Харьков", "ru")
    assert {"Zaporozhye", "Zaporozhe"} <= romanizations("Запорожье", "ru")
    assert {"Krasnoarmeysk", "Krasnoarmeisk"} <= romanizations("Красноармейск", "ru")


def test_russian_romanisation_reads_yo_both_ways() -> None:
    assert {"Artyomovsk", "Artemovsk"} <= romanizations("Артёмовск", "ru")


@pytest.mark.parametrize(
    ("name", "lang"), [("Запорожье", "ru"), ("Часов Яр", "ru"), ("Куп'янськ", "uk")]
)
def test_romanisations_are_typed_with_plain_letters_and_apostrophes(
    name: str, lang: Literal["uk", "ru"]
) -> None:
    # ISO 9's Zaporožʹe and Časov Âr are notations, not what reporting prints.
    for spelling in romanizations(name, lang):
        assert all(c.isascii() or c == "’" for c in spelling), spelling


def test_romanisations_keep_the_capitalisation_of_the_input() -> None:
    assert "KHARKIV" in romanizations("ХАРКІВ", "uk")
    assert "KHARKOV" in romanizations("ХАРЬКОВ", "ru")
    assert "Chasov Yar" in romanizations("Часов Яр", "ru")


# --- spellings -------------------------------------------------------------------------------


def test_spellings_of_pokrovsk_include_the_english_one() -> None:
    assert "Pokrovsk" in spellings("Покровськ", "uk")


def test_spellings_of_myrnohrad_include_the_russian_style_mirnograd() -> None:
    assert {"Myrnohrad", "Mirnograd"} <= spellings("Мирноград", "uk")


def test_spellings_of_huliaipole_include_the_russian_gulyaypole() -> None:
    found = spellings("Гуляйполе", "uk")
    assert "Huliaipole" in found
    assert {"Gulyaypole", "Gulyaipole"} & found


def test_spellings_of_a_ukrainian_name_add_its_russian_form() -> None:
    assert {"Kharkiv", "Kharkov"} <= spellings("Харків", "uk")
    assert {"Krasnohorivka", "Krasnogorovka"} <= spellings("Красногорівка", "uk")
    assert {"Pokrovske", "Pokrovskoye"} <= spellings("Покровське", "uk")


def test_spellings_of_a_russian_name_are_its_romanisations() -> None:
    assert spellings("Харьков", "ru") == romanizations("Харьков", "ru")


@pytest.mark.parametrize(
    "name",
    ["Харків", "Запоріжжя", "Покровськ", "Куп'янськ", "Слов'янськ", "Авдіївка", "Часів Яр"],
)
def test_every_ukrainian_system_spelling_has_the_cyrillic_names_skeleton(name: str) -> None:
    assert {skeleton(s) for s in romanizations(name, "uk")} == {skeleton(name)}


# --- russian_form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [
        ("Покровськ", "Покровск"),
        ("Мирноград", "Мирноград"),
        ("Костянтинівка", "Костянтиновка"),  # Russian Константиновка is irregular
        ("Іванівка", "Ивановка"),
        ("Новоселівка", "Новоселовка"),
        ("Часів Яр", "Часов Яр"),
        ("Гуляйполе", "Гуляйполе"),
        ("Велика Новосілка", "Великая Новосилка"),  # Russian Новосёлка: і from е is not regular
        ("Красногорівка", "Красногоровка"),
        ("Вугледар", "Вугледар"),  # Russian Угледар is irregular
        ("Харків", "Харков"),
        ("Київ", "Киев"),
        ("Авдіївка", "Авдеевка"),
        ("Андріївка", "Андреевка"),
        ("Донецьк", "Донецк"),
        ("Донецьке", "Донецкое"),
        ("Покровський", "Покровский"),
        ("Мар'їнка", "Марьинка"),
        ("Мар’їнка", "Марьинка"),
        ("Куп'янськ", "Купянск"),
        ("Єнакієве", "Енакиево"),
        ("Лутугине", "Лутугино"),
        ("Мирне", "Мирное"),
        ("Енергодар", "Энергодар"),
        ("Запоріжжя", "Запорижье"),
        ("Нова Каховка", "Новая Каховка"),
        ("Нижня Голубинка", "Нижняя Голубинка"),
        ("Новий Буг", "Новый Буг"),
        ("Нове Село", "Новое Село"),
    ],
)
def test_russian_form_follows_the_orthographic_correspondences(
    ukrainian: str, russian: str
) -> None:
    assert russian_form(ukrainian) == russian


def test_russian_form_does_not_inflect_a_noun_as_an_adjective() -> None:
    assert russian_form("Ходжа Сала") == "Ходжа Сала"  # Crimean Tatar noun, not Ходжая
    assert russian_form("Іванівка Перша") == "Ивановка Перша"


def test_russian_form_leaves_the_first_part_of_a_hyphenated_name_alone() -> None:
    # Кам'янка-Дніпровська: a noun and its adjective; only the adjective takes the Russian ending.
    assert russian_form("Кам'янка-Дніпровська") == "Камянка-Днипровская"


def test_russian_form_keeps_upper_case() -> None:
    assert russian_form("ХАРКІВ") == "ХАРКОВ"
