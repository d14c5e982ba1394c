"""The ledger across articles through the command line, on articles written for this test and
a small reference map drawn for it: linking at ingest, entries, contradictions, rewrites, the
map check, and the errors a user can meet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import run_cli, square_map

ARTICLES = [
    {
        "id": "ru-1",
        "outlet": "TASS",
        "published": "2025-11-20",
        "title": "Ministry reports capture",
        "text": "MOSCOW, Nov 20 - The Russian Defence Ministry said on Thursday that its troops "
        "had captured the village of Kurakhove in the Donetsk region.\n\nThe ministry said "
        "Ukrainian forces lost up to 120 servicemen in the area over the past day.",
    },
    {
        "id": "ru-2",
        "outlet": "RIA Novosti",
        "published": "2025-11-20",
        "title": "Kurakhove taken",
        "text": "The Russian Defence Ministry said on Thursday that Russian troops had captured "
        "Kurakhove, a town in the Donetsk region.",
    },
    {
        "id": "ua-1",
        "outlet": "Ukrinform",
        "published": "2025-11-21",
        "title": "Kyiv denies",
        "text": "KYIV, Nov 21 - Ukraine's General Staff denied on Friday that Russian troops had "
        "captured Kurakhove, saying fighting continued on the outskirts of the town.",
    },
    {
        "id": "other-1",
        "outlet": "Reuters",
        "published": "2025-11-25",
        "title": "Strike on Kharkiv",
        "text": "KHARKIV, Nov 25 - A Russian drone struck an apartment block in Kharkiv on "
        "Tuesday, the regional governor said, wounding four people.",
    },
]


def _corpus(folder: Path, articles: list[dict[str, str]]) -> Path:
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    folder = tmp_path_factory.mktemp("ledger")
    db = folder / "ledger.db"
    result = run_cli("ingest", _corpus(folder, ARTICLES), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "linked" in result.stderr
    return db


def _entries(db: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("ledger", "--db", db, "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_one_capture_told_by_two_outlets_and_denied_is_one_contested_entry(
    ledger_db: Path,
) -> None:
    captures = [
        e
        for e in _entries(ledger_db, "--type", "territorial_control")
        if {c["article_id"] for c in e["claims"]} >= {"ru-1", "ru-2"}
    ]
    assert len(captures) == 1
    entry = captures[0]
    assert {c["article_id"] for c in entry["claims"]} == {"ru-1", "ru-2", "ua-1"}
    assert entry["counts"]["amplification"] >= 1  # the ministry twice: one origin
    assert entry["status"] == "contested"
    # a denial, and "fighting continued" there: the defenders say it is not taken
    assert [c["kind"] for c in entry["contradictions"]] == ["denial", "opposite_outcome"]
    assert entry["place"]["name"] == "Kurakhove"


def test_other_event_is_another_entry_and_filters_work(ledger_db: Path) -> None:
    kharkiv = _entries(ledger_db, "--place", "Kharkiv")
    assert kharkiv and all(
        "Kharkiv" in p for e in kharkiv for c in e["claims"] for p in c["places"]
    )
    assert not _entries(ledger_db, "--since", "2025-12-01")


def test_entry_and_article_commands(ledger_db: Path) -> None:
    first = _entries(ledger_db)[0]
    shown = run_cli("entry", first["id"], "--db", ledger_db, "--format", "json")
    assert json.loads(shown.stdout)["id"] == first["id"]
    table = run_cli("entry", first["id"], "--db", ledger_db)
    assert "in the order they were published" in table.stdout
    article = run_cli("article", "ru-1", "--db", ledger_db, "--format", "json")
    data = json.loads(article.stdout)
    assert data["article"]["id"] == "ru-1"
    assert all(c["entry"] for c in data["claims"])
    assert {s["kind"] for s in data["signals"]} >= {"claims_by_side"}


def test_csv_export_carries_the_entry_of_each_claim(ledger_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    assert run_cli("export", "--db", ledger_db, "--format", "csv", "-o", out).returncode == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["entry_id"].startswith("e") for r in rows)


def test_unknown_entry_or_article_is_one_clear_error(ledger_db: Path) -> None:
    for args in (("entry", "e999999"), ("entry", "nonsense"), ("article", "no-such")):
        result = run_cli(*args, "--db", ledger_db)
        assert result.returncode != 0
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_rewrite_of_an_article_is_linked_to_the_original(tmp_path: Path, nlp: object) -> None:
    original = ARTICLES[0]
    copy = {
        **original,
        "id": "copy-1",
        "outlet": "Example Daily",
        "published": "2025-11-21",
        "title": "Village captured, says Moscow",
        "text": original["text"].replace("MOSCOW, Nov 20 - ", "") + " No further details.",
    }
    db = tmp_path / "ledger.db"
    assert run_cli("ingest", _corpus(tmp_path, [original]), "--db", db).returncode == 0
    folder = tmp_path / "later"
    folder.mkdir()
    assert run_cli("ingest", _corpus(folder, [copy]), "--db", db).returncode == 0
    data = json.loads(run_cli("article", "copy-1", "--db", db, "--format", "json").stdout)
    rewrites = [s for s in data["signals"] if s["kind"] == "near_duplicate"]
    assert rewrites and "ru-1" in rewrites[0]["detail"]


def test_reference_map_checks_territorial_entries(ledger_db: Path, tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    # Kurakhove (about 47.98 N, 37.28 E) outside on the 19th, inside from the 22nd
    far = square_map(46.0, 35.0, 0.2)
    near = square_map(47.98, 37.28, 0.2)
    for day, shape in (("20251119", far), ("20251122", near), ("20251123", near)):
        (maps / f"deepstatemap_data_{day}.geojson").write_text(json.dumps(shape), "utf-8")
    result = run_cli("reference", "add", "deepstate", maps, "--db", ledger_db)
    assert result.returncode == 0, result.stderr
    captures = [e for e in _entries(ledger_db, "--type", "territorial_control") if e["map_check"]]
    assert captures
    check = captures[0]["map_check"]
    assert check["status"] == "not_on_map" and check["first_date"] == "2025-11-22"


def test_reference_folder_without_maps_is_an_error(ledger_db: Path, tmp_path: Path) -> None:
    result = run_cli("reference", "add", "deepstate", tmp_path, "--db", ledger_db)
    assert result.returncode != 0 and result.stderr.startswith("error:")
    assert "Traceback" not in result.stderr
