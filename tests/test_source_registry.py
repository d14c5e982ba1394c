"""The source registry and source descriptions: which outlet or body a phrase names, on which side,
and what an unnamed or personal source is.

Every phrase here is the kind of source phrase war reporting writes (most from
../shared/examples/seeds/); the traps are words that contain or look like a registry name.
Pure Python: no spaCy pipeline is loaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimledger.model import Side
from claimledger.sources.describe import Profile, describe
from claimledger.sources.registry import (
    DATA,
    KINDS,
    AmbiguousName,
    Registry,
    RegistryMatch,
    TableError,
    read_rows,
    registry,
    tokenize,
)


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry()


def matched(reg: Registry, text: str, side_hint: Side | None = None) -> str | None:
    entry = reg.match(text, side_hint=side_hint)
    return entry.id if entry is not None else None


# --- the phrases of the brief ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the pro-Kremlin tabloid Life", "ru.life"),
        ("the Telegram channel Mash", "ru.mash"),
        ("the Russian Ministry of Defense", "ru.mod"),
        ("the Russian Ministry of Defence", "ru.mod"),
        ("Russia’s Defence Ministry", "ru.mod"),
        ("the russian defence ministry", "ru.mod"),
        ("a spokeswoman for the Ukrainian Defence Ministry", "ua.mod"),
        ("the ministry’s Telegram channel", None),
        ("the ministry", None),
        ("an insider in Russian customs, who talked to RIA Novosti", "ru.ria"),
        ("the SVR (Foreign Intelligence Service)", "ru.svr"),
        ("Kremlin spokesman Dmitry Peskov", "ru.kremlin"),
        ("Foreign Ministry spokeswoman Maria Zakharova", "ru.mfa"),
        ("Major General Igor Konashenkov", "ru.mod"),
        ("the 'Center' group", "ru.grouping_center"),
        ("the ‘Center’ military grouping", "ru.grouping_center"),
        ("Battlegroup Tsentr", "ru.grouping_center"),
        ("the Zapad group of forces", "ru.grouping_west"),
        ("the Yug group", "ru.grouping_south"),
        ("the Vostok grouping", "ru.grouping_east"),
        ("the Dnepr group", "ru.grouping_dnepr"),
        ("the Sever group", "ru.grouping_north"),
        ("Itar-Tass", "ru.tass"),
        ("ТАСС", "ru.tass"),
        ("the Institute for the Study of War", "intl.isw"),
        ("the UN Human Rights Monitoring Mission in Ukraine", "intl.ohchr"),
        ("Britain's Ministry of Defence", "intl.uk_mod"),
        ("British intelligence", "intl.uk_mod"),
        ("the Pentagon", "intl.pentagon"),
        ("The Kyiv Independent", "ua.kyiv_independent"),
        ("HUR", "ua.gur"),
        ("Ukraine's military intelligence", "ua.gur"),
        ("DeepState", "ua.deepstate"),
        ("Meduza", "other.meduza"),
    ],
)
def test_match_names_the_source(reg: Registry, phrase: str, expected: str | None) -> None:
    assert matched(reg, phrase) == expected


def test_match_all_finds_the_agency_and_the_body_it_cites_in_order(reg: Registry) -> None:
    text = "a dispatch by TASS quoting the Russian Ministry of Defense"
    found = reg.match_all(text)
    assert [(m.entry.id, m.start, m.end) for m in found] == [
        ("ru.tass", 14, 18),
        ("ru.mod", 31, 58),
    ]
    assert [text[m.start : m.end] for m in found] == ["TASS", "Russian Ministry of Defense"]
    assert [m.text for m in found] == ["TASS", "Russian Ministry of Defense"]


def test_match_all_keeps_a_chain_of_outlets_in_text_order(reg: Registry) -> None:
    text = "the tabloid Life, citing the Telegram channel Mash, wrote that the FSB had detained"
    assert [m.entry.id for m in reg.match_all(text)] == ["ru.life", "ru.mash", "ru.fsb"]


def test_match_prefers_the_longest_name(reg: Registry) -> None:
    # TASS (4 characters) and the Russian Ministry of Defense (27): the body is the longer name
    assert matched(reg, "a dispatch by TASS quoting the Russian Ministry of Defense") == "ru.mod"
    # names that contain shorter ones
    assert matched(reg, "the UN Security Council") == "intl.unsc"
    assert matched(reg, "the UN") == "intl.un"
    assert matched(reg, "Interfax-Ukraine") == "ua.interfax_ukraine"
    assert matched(reg, "Interfax") == "ru.interfax"
    assert matched(reg, "RBC-Ukraine") == "ua.rbc_ukraine"
    assert matched(reg, "RBC") == "ru.rbc"
    assert matched(reg, "the Vostok Battalion") == "ru.vostok_battalion"


def test_spokesperson_names_the_institution(reg: Registry) -> None:
    (found,) = reg.match_all("Peskov told reporters")
    assert found.entry.id == "ru.kremlin"
    assert found.via == "spokesperson"
    assert found.spokesperson is not None
    assert found.spokesperson.name == "Dmitry Peskov"


# --- names both sides use --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "side_hint", "expected"),
    [
        # no side word, no hint: ambiguous
        ("the Ministry of Defence", None, None),
        ("the General Staff", None, None),
        ("the Foreign Ministry", None, None),
        ("the Air Force", None, None),
        ("a defence ministry spokesperson", None, None),
        # the caller's context decides
        ("the Ministry of Defence", "RU", "ru.mod"),
        ("the Ministry of Defence", "UA", "ua.mod"),
        ("the General Staff", "UA", "ua.general_staff"),
        ("the Foreign Ministry", "RU", "ru.mfa"),
        ("the Air Force", "RU", "ru.vks"),
        ("the Air Force", "UA", "ua.air_force"),
        # a hint that is not a belligerent decides nothing
        ("the Ministry of Defence", "international", None),
        # a side word next to the name wins over the hint
        ("the Russian General Staff", "UA", "ru.general_staff"),
        ("the Ukrainian Air Force", "RU", "ua.air_force"),
        ("Moscow's Defence Ministry", "UA", "ru.mod"),
        ("Kyiv's Foreign Ministry", "RU", "ua.mfa"),
        ("Kiev’s Foreign Ministry", "RU", "ua.mfa"),
        ("the Security Service of Russia", "UA", "ru.fsb"),
        ("the General Staff of the Armed Forces of Ukraine", "RU", "ua.general_staff"),
        ("DPR Defence Ministry", None, "ru.mod"),
        # a side word elsewhere in the phrase, when the phrase has only one side
        ("the Defence Ministry, speaking of Russian troops near Pokrovsk", None, "ru.mod"),
        # a Ukrainian soldier citing the Russian ministry: the word next to it wins
        ("a Ukrainian soldier citing the Russian Defence Ministry", None, "ru.mod"),
        # two sides in the phrase and none next to the name: the hint
        ("Ukrainian and Russian sources citing the Ministry of Defence", "UA", "ua.mod"),
        ("Ukrainian and Russian sources citing the Ministry of Defence", None, None),
        # a third country's body is not Russia's or Ukraine's, whatever the context
        ("the French Ministry of Defence", "RU", None),
        ("France's Defence Ministry", "UA", None),
        ("the Ministry of Defence of Poland", "UA", None),
        ("the Ministry of Defence in Moscow said", None, "ru.mod"),
        # a side that has no body of the name
        ("Defence Intelligence", "UA", "ua.gur"),
        ("Defence Intelligence", "RU", None),
    ],
)
def test_shared_names_are_resolved_by_side_words_then_the_hint(
    reg: Registry, phrase: str, side_hint: Side | None, expected: str | None
) -> None:
    assert matched(reg, phrase, side_hint) == expected


def test_an_unresolved_shared_name_is_reported_with_its_candidates(reg: Registry) -> None:
    (found,) = reg.scan("the General Staff said")
    assert isinstance(found, AmbiguousName)
    assert found.text == "General Staff"
    assert {entry.id for entry in found.candidates} == {"ru.general_staff", "ua.general_staff"}
    assert reg.match_all("the General Staff said") == []


@pytest.mark.parametrize("side", ["RU", "UA"])
def test_every_shared_name_is_ambiguous_alone_and_resolved_by_the_hint(
    reg: Registry, side: Side
) -> None:
    for shared in reg.shared_names:
        name = shared.name
        assert reg.match(name) is None, name
        expected = shared.entry_for(side)
        found = reg.match(name, side_hint=side)
        assert found == expected, (name, side)


# --- whole words and capitals ----------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "fighting in Syria",  # RIA
        "an APC was destroyed",  # AP
        "a lifeline for the town",  # Life
        "they mash the potatoes",  # Mash
        "an un-named officer",  # UN
        "unverified reports",  # UN
        "rt",  # RT
        "the ap style",  # AP
        "Shotgun fire",  # SHOT
        "two majors were wounded",  # Two Majors
        "a Kremlin-backed outlet",  # the Kremlin as a modifier
        "pro-Kremlin bloggers",
        "the Zapad-2021 exercises",  # Zapad
        "the Sea of Azov",  # Azov
        "Azovstal",
        "the Sputnik V vaccine",
        "the Grand Kremlin Palace",
        "a TASSEL",
        "the FSBs",
    ],
)
def test_no_registry_name_inside_other_words(reg: Registry, phrase: str) -> None:
    assert reg.match_all(phrase) == [], phrase


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("RT reported", "ru.rt"),
        ("the AP", "intl.ap"),
        ("the UN", "intl.un"),
        ("the U.N.", "intl.un"),
        ("Mash", "ru.mash"),
        ("MASH", "ru.mash"),
        ("Two Majors", "ru.two_majors"),
        ("Life's editors", "ru.life"),
        ("TASS’s correspondent", "ru.tass"),
        ("Tass", "ru.tass"),
        ("Nato", "intl.nato"),
        ("the Azov brigade", "ua.azov"),
        ("Azov", "ua.azov"),
        ("Zapad", "ru.grouping_west"),
    ],
)
def test_names_are_found_as_written(reg: Registry, phrase: str, expected: str) -> None:
    assert matched(reg, phrase) == expected


def test_tokens_keep_the_offsets_of_the_text() -> None:
    text = "Russia’s ‘Center’ group"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Russia", "'s", "Center", "group"]
    assert [text[t.start : t.end] for t in tokens] == ["Russia", "’s", "Center", "group"]


# --- the tables ------------------------------------------------------------------------------


def test_the_packaged_tables_are_reachable_from_the_package() -> None:
    assert DATA.is_dir()
    for name in ["registry.tsv", "shared_names.tsv", "spokespeople.tsv", "side_words.tsv"]:
        assert (DATA / name).is_file(), name
    assert Registry.load() is registry()


def test_registry_rows_are_valid(reg: Registry) -> None:
    rows = read_rows(DATA / "registry.tsv", columns=(4, 5))
    ids = [cells[0] for _, cells in rows]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert len(reg) == len(rows)
    registry_kinds = KINDS - {"person", "group", "unknown"}
    for entry in reg:
        assert entry.kind in registry_kinds, entry.id
        assert entry.side in {"RU", "UA", "international", "other"}, entry.id
        assert (
            entry.id.split(".")[0]
            == {
                "RU": "ru",
                "UA": "ua",
                "international": "intl",
                "other": "other",
            }[entry.side]
        ), entry.id


def test_the_registry_covers_what_reporting_cites(reg: Registry) -> None:
    expected = {
        "ru.tass": ("news_agency", "RU"),
        "ru.ria": ("news_agency", "RU"),
        "ru.interfax": ("news_agency", "RU"),
        "ru.rt": ("state_media", "RU"),
        "ru.zvezda": ("state_media", "RU"),
        "ru.rossiya_24": ("state_media", "RU"),
        "ru.life": ("media", "RU"),
        "ru.izvestia": ("media", "RU"),
        "ru.shot": ("telegram_channel", "RU"),
        "ru.mash": ("telegram_channel", "RU"),
        "ru.rybar": ("telegram_channel", "RU"),
        "ru.readovka": ("telegram_channel", "RU"),
        "ru.fsb": ("security_service", "RU"),
        "ru.kremlin": ("government", "RU"),
        "ua.deepstate": ("telegram_channel", "UA"),
        "ua.sbu": ("security_service", "UA"),
        "ua.general_staff": ("military", "UA"),
        "ua.azov": ("military", "UA"),
        "intl.reuters": ("news_agency", "international"),
        "intl.isw": ("think_tank", "international"),
        "intl.iaea": ("international_organisation", "international"),
    }
    for id_, (kind, side) in expected.items():
        entry = reg.get(id_)
        assert (entry.kind, entry.side) == (kind, side), id_
    for grouping in ["center", "west", "south", "east", "dnepr", "north"]:
        entry = reg.get(f"ru.grouping_{grouping}")
        assert (entry.kind, entry.side) == ("military", "RU")


def test_every_name_and_alias_finds_its_own_entry(reg: Registry) -> None:
    for entry in reg:
        for alias in (entry.name, *entry.aliases):
            found = reg.match(alias)
            assert found is not None and found.id == entry.id, (alias, entry.id, found)


def _alias_keys(alias: str) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """The key and (for names matched as written) the capitalisation of an alias."""
    exact = alias.startswith("=") or (" " not in alias and not alias.islower())
    tokens = tokenize(alias.removeprefix("="), registry().spellings)
    shapes = tuple(str([c.isupper() for c in t.text if c.isalpha()][:2]) for t in tokens)
    return tuple(t.key for t in tokens), shapes if exact else None


def test_no_alias_names_two_entries(reg: Registry) -> None:
    owners: dict[tuple[str, ...], list[tuple[str, tuple[str, ...] | None]]] = {}
    rows = read_rows(DATA / "registry.tsv", columns=(4, 5))
    for _, (id_, name, _kind, _side, aliases) in rows:
        for alias in ["=" + name, *aliases.split("|")]:
            if alias.strip():
                key, shapes = _alias_keys(alias.strip())
                owners.setdefault(key, []).append((id_, shapes))
    shared = {_alias_keys(s.name)[0] for s in reg.shared_names}
    for key, claims in owners.items():
        assert key not in shared, f"{key} is a shared name and an alias of {claims[0][0]}"
        by_id: dict[str, set[tuple[str, ...] | None]] = {}
        for id_, written in claims:
            by_id.setdefault(id_, set()).add(written)
        if len(by_id) > 1:  # only allowed when written differently and matched as written
            seen: list[tuple[str, ...] | None] = [w for ws in by_id.values() for w in ws]
            assert None not in seen and len(set(seen)) == len(seen), (key, claims)


def _copy_tables(tmp_path: Path) -> Path:
    directory = tmp_path / "sources"
    shutil.copytree(DATA, directory)
    return directory


def test_a_second_entry_for_an_alias_is_refused(tmp_path: Path) -> None:
    directory = _copy_tables(tmp_path)
    with (directory / "registry.tsv").open("a", encoding="utf-8") as table:
        table.write("ru.copy\tCopy\tmedia\tRU\tTASS\n")
    with pytest.raises(TableError, match=r"registry\.tsv:\d+: 'TASS' already names ru\.tass"):
        Registry.read(directory)


def test_a_shared_name_may_not_also_be_an_alias(tmp_path: Path) -> None:
    directory = _copy_tables(tmp_path)
    with (directory / "registry.tsv").open("a", encoding="utf-8") as table:
        table.write("ru.copy\tCopy\tmedia\tRU\tGeneral Staff\n")
    with pytest.raises(TableError, match=r"'General Staff' already names ru\.copy"):
        Registry.read(directory)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ru.bad\tBad\tblog\tRU\t", "kind 'blog'"),
        ("ru.bad\tBad\tperson\tRU\t", "kind 'person'"),
        ("ru.bad\tBad\tmedia\tRussia\t", "side 'Russia'"),
        ("ru.tass\tTASS again\tmedia\tRU\t", "id 'ru.tass' is used twice"),
        ("Bad Id\tBad\tmedia\tRU\t", "not a slug"),
        ("ru.bad\tBad", "expected 4 to 5 columns"),
    ],
)
def test_bad_registry_rows_are_refused_with_their_line(
    tmp_path: Path, row: str, message: str
) -> None:
    directory = _copy_tables(tmp_path)
    with (directory / "registry.tsv").open("a", encoding="utf-8") as table:
        table.write(row + "\n")
    with pytest.raises(TableError, match=message):
        Registry.read(directory)


def test_a_shared_name_must_name_registry_entries(tmp_path: Path) -> None:
    directory = _copy_tables(tmp_path)
    with (directory / "shared_names.tsv").open("a", encoding="utf-8") as table:
        table.write("Border Guard Service\tru.border\tua.border\n")
    with pytest.raises(TableError, match=r"no registry entry 'ru\.border'"):
        Registry.read(directory)


def test_a_user_table_extends_the_registry(tmp_path: Path) -> None:
    directory = _copy_tables(tmp_path)
    with (directory / "registry.tsv").open("a", encoding="utf-8") as table:
        table.write("ru.voenkor_kotenok\tVoenkor Kotenok\ttelegram_channel\tRU\tKotenok\n")
    extended = Registry.read(directory)
    entry = extended.match("the Telegram channel Voenkor Kotenok")
    assert entry is not None and entry.id == "ru.voenkor_kotenok"
    assert registry().match("the Telegram channel Voenkor Kotenok") is None


# --- descriptions of sources -----------------------------------------------------------------


def profile(text: str, side_hint: Side | None = None) -> tuple[str, str, bool]:
    found = describe(text, side_hint=side_hint)
    return found.kind, found.side, found.anonymous


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("a Ukrainian army source", ("military", "UA", True)),
        ("a source inside the Ukrainian army", ("military", "UA", True)),
        ("a source in the Russian security services", ("security_service", "RU", True)),
        # the outlet the source spoke to is not the source's side
        (
            "a source in the Russian security services, who talked to Reuters",
            ("security_service", "RU", True),
        ),
        ("Russian officials", ("government", "RU", True)),
        ("according to Russian army officers", ("military", "RU", True)),
        ("an EU diplomat", ("government", "international", True)),
        ("a European Commission diplomat", ("government", "international", True)),
        ("a senior SVR official", ("security_service", "RU", True)),
        (
            "a senior SVR official, who talked to Izvestia on condition of anonymity",
            ("security_service", "RU", True),
        ),
        ("a Western intelligence official", ("security_service", "international", True)),
        ("a defence ministry spokesman", ("military", "unknown", True)),
        ("an unnamed Ukrainian colonel", ("military", "UA", True)),
        ("people with knowledge of the talks", ("unknown", "unknown", True)),
        ("eyewitnesses", ("group", "unknown", True)),
        ("Eyewitnesses", ("group", "unknown", True)),
        ("local residents", ("group", "unknown", True)),
        ("Local residents", ("group", "unknown", True)),
        ("Kramatorsk residents", ("group", "unknown", True)),
        ("a source in Kramatorsk", ("unknown", "unknown", True)),
        ("Ukrainian defence analysts", ("group", "UA", True)),
        ("a military analyst", ("think_tank", "unknown", True)),
        ("Ukrainian media", ("media", "UA", True)),
        ("pro-Russian military bloggers", ("telegram_channel", "RU", True)),
        ("an anti-Kremlin blogger", ("telegram_channel", "unknown", True)),
        ("people close to the Kremlin", ("government", "RU", True)),
        ("an operative codenamed 'Lynx'", ("security_service", "unknown", True)),
        # a body the registry knows, named as such, is not anonymous
        ("the Russian Ministry of Defense", ("military", "RU", False)),
        ("the pro-Kremlin tabloid Life", ("media", "RU", False)),
        ("the Telegram channel Mash", ("telegram_channel", "RU", False)),
        ("the Ukrainian military", ("military", "UA", False)),
        # ... and someone speaking for it is
        ("a spokeswoman for the Ukrainian Defence Ministry", ("military", "UA", True)),
    ],
)
def test_describe(phrase: str, expected: tuple[str, str, bool]) -> None:
    assert profile(phrase) == expected


def test_a_side_hint_fills_in_a_side_the_phrase_does_not_give() -> None:
    assert profile("a defence ministry spokesman", side_hint="UA") == ("military", "UA", True)
    assert describe("a defence ministry spokesman", side_hint="UA").organisation == "ua.mod"
    assert profile("Sergei Lavrov", side_hint="RU") == ("person", "RU", False)
    # the phrase's own side word wins over the hint
    assert profile("a Ukrainian army source", side_hint="RU") == ("military", "UA", True)


def test_a_named_commander_takes_the_side_of_his_grouping() -> None:
    text = "Ilya Sorokin, the deputy commander of a motor rifle battalion of the 'West' group"
    assert describe(text) == Profile(
        kind="person",
        side="RU",
        anonymous=False,
        role="the deputy commander of a motor rifle battalion of the 'West' group",
        name="Ilya Sorokin",
        organisation="ru.grouping_west",
    )


def test_a_general_with_his_office() -> None:
    text = "General Mykola Petrenko, Chief of the General Staff of the Ukrainian Armed Forces"
    found = describe(text)
    assert (found.kind, found.side, found.anonymous) == ("person", "UA", False)
    assert found.name == "Mykola Petrenko"
    assert found.role == "Chief of the General Staff of the Ukrainian Armed Forces"
    assert found.organisation == "ua.general_staff"


def test_a_name_alone_has_no_side() -> None:
    assert describe("Sergei Lavrov") == Profile("person", "unknown", False, None, "Sergei Lavrov")


@pytest.mark.parametrize(
    ("phrase", "name", "role", "side"),
    [
        (
            "Russian Foreign Minister Sergei Lavrov",
            "Sergei Lavrov",
            "Russian Foreign Minister",
            "RU",
        ),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "Kremlin spokesman", "RU"),
        ("Peskov", "Peskov", "Kremlin spokesman", "RU"),
        ("Sorokin said", "Sorokin", None, "unknown"),
        (
            "Donetsk regional governor Denis Pushilin",
            "Denis Pushilin",
            "Donetsk regional governor",
            "unknown",
        ),
        ("Zelensky adviser Mykhailo Podolyak", "Mykhailo Podolyak", "Zelensky adviser", "unknown"),
        (
            "European Commission President Ursula von der Leyen",
            "Ursula von der Leyen",
            "European Commission President",
            "international",
        ),
    ],
)
def test_named_people(phrase: str, name: str, role: str | None, side: str) -> None:
    found = describe(phrase)
    assert (found.kind, found.anonymous) == ("person", False)
    assert (found.name, found.role, found.side) == (name, role, side)


def test_person_spans_from_a_parser_give_the_name() -> None:
    text = "General Mykola Petrenko"
    found = describe(text, person_spans=[(0, len(text))])
    assert (found.kind, found.name, found.role) == ("person", "Mykola Petrenko", "General")
    # a span the heuristics would not find: a lower-case name
    found = describe("the blogger kotenok", person_spans=[(12, 19)])
    assert (found.kind, found.name, found.anonymous) == ("person", "kotenok", False)


def test_the_name_of_an_unnamed_source_is_its_description() -> None:
    found = describe("a senior SVR official, who talked to Izvestia")
    assert found.name == "senior SVR official"
    assert found.organisation == "ru.svr"
    assert found.role is None
    assert describe("the Russian Ministry of Defense").name == (
        "Ministry of Defence of the Russian Federation"
    )


def test_registry_matches_are_typed(reg: Registry) -> None:
    found = reg.scan("TASS and the Navy")
    assert isinstance(found[0], RegistryMatch)
    assert isinstance(found[1], AmbiguousName)
