"""`claimledger export --format csv|geojson`: ACLED-style rows and map points from a real ledger."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.export.csv_rows import COLUMNS, csv_row
from claimledger.export.event_date import acled_date
from claimledger.export.output import open_output, partial_path
from claimledger.export.summary import duration_words, quantity_text
from claimledger.model import ClaimDate, Place, Quantity
from claimledger.store import connect, store_batch
from claimledger.store.claims_query import ClaimPlace, iter_claims
from conftest import run_cli
from records import POKROVSK, full_record, ledger_records


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("export") / "ledger.db")
    store_batch(connect(db), [full_record(), *ledger_records()])
    return db


@pytest.fixture(scope="module")
def csv_rows(ledger: str, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("csv") / "claims.csv"
    result = run_cli("export", "--db", ledger, "--format", "csv", "--output", out)
    assert result.returncode == 0, result.stderr
    assert not partial_path(out).exists()
    with out.open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == list(COLUMNS)
        f.seek(0)
        return list(csv.DictReader(f))


def by_claim(rows: list[dict[str, str]], article: str, claim: str) -> dict[str, str]:
    return next(r for r in rows if (r["article_id"], r["claim_id"]) == (article, claim))


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2025-11-19", None, "day", ("2025-11-19", 1)),
        ("2025-11-19", "2025-11-19", "day", ("2025-11-19", 1)),
        ("2025-11-17", "2025-11-19", "day", ("2025-11-18", 2)),  # "over the past days": middle
        ("2025-11-10", "2025-11-16", "day", ("2025-11-13", 2)),  # a week
        ("2025-11-01", "2025-11-20", "day", ("2025-11-10", 3)),  # wider than a week
        ("2025-11-01", "2025-11-30", "month", ("2025-11-15", 3)),
        ("2025-01-01", "2025-12-31", "year", ("2025-07-02", 3)),
        ("--11-24", None, "day", ("--11-24", 1)),  # no publication date, so no year
        ("--12-30", "--01-02", "day", ("--12-31", 2)),  # over the new year
        (None, None, "none", ("", None)),
    ],
)
def test_acled_date_and_time_precision(
    start: str | None, end: str | None, precision: str, expected: tuple[str, int | None]
) -> None:
    when = ClaimDate.model_validate({"start": start, "end": end, "precision": precision})
    assert acled_date(when) == expected


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"value": 210, "category": "personnel", "outcome": "lost"}, "210 personnel lost"),
        (
            {"value": 3, "category": "armored_vehicles", "outcome": "destroyed"},
            "3 armored vehicles destroyed",
        ),
        ({"value": 1500, "qualifier": "about", "category": "personnel"}, "about 1500 personnel"),
        (
            {"value": 40, "qualifier": "up_to", "category": "drones", "period": "P1W"},
            "up to 40 drones in 1 week",
        ),
        (
            {"value": 210, "qualifier": "more_than", "outcome": "killed", "period": "PT24H"},
            "more than 210 killed in 24 hours",
        ),
        ({"value": 2.5, "qualifier": "at_least"}, "at least 2.5"),
    ],
)
def test_quantity_text(fields: dict[str, object], text: str) -> None:
    assert quantity_text(Quantity.model_validate({"start": 0, "end": 1, **fields})) == text


def test_durations_we_cannot_read_are_kept() -> None:
    assert duration_words("P2D") == "2 days"
    assert duration_words("P1M2D") == "1 month 2 days"
    assert duration_words("the whole war") == "the whole war"


def test_csv_row_of_a_full_claim(csv_rows: list[dict[str, str]]) -> None:
    row = by_claim(csv_rows, full_record().article.id, "c1")
    assert row == {
        "event_date": "2025-11-18",
        "time_precision": "1",
        "event_type": "Strategic developments",
        "sub_event_type": "Non-state actor overtakes territory",
        "actor1": "Russian forces",
        "actor2": "Ukrainian forces",
        "country": "Ukraine",  # the ISO code as a name
        "admin1": "Kharkiv",
        "admin2": "Kupiansk Raion",
        "location": "Kupiansk",
        "latitude": "49.71",
        "longitude": "37.61",
        "geo_precision": "1",
        "source": "Russian Defence Ministry; Interfax",  # the chain ends with the outlet
        "notes": "Interfax, citing the Russian Defence Ministry, said troops had taken Kupiansk",
        "fatalities": "140",
        "article_id": full_record().article.id,
        "claim_id": "c1",
        "entry_id": "",
        "type": "territorial_control",
        "status": "claimed",
        "chain": "Russian Defence Ministry > Interfax",
        "quantities": "more than 140 personnel killed in 1 day",
        "date_text": "Tuesday",
        "flags": "date_inferred",
    }


def test_csv_rows_without_a_date_a_place_or_a_chain(csv_rows: list[dict[str, str]]) -> None:
    losses = by_claim(csv_rows, "a-new", "c1")
    assert losses["fatalities"] == "210"  # the tanks are destroyed, not killed
    assert losses["quantities"] == "210 personnel killed; 7 tanks destroyed"
    assert losses["source"] == "Russian Ministry of Defence; TASS; Example Wire"  # + the outlet
    assert losses["location"] == "Pokrovsk"  # written "Krasnoarmeysk", resolved to Pokrovsk
    yearless = by_claim(csv_rows, "a-new", "c3")
    assert (yearless["event_date"], yearless["time_precision"]) == ("--11-24", "1")
    assert (yearless["actor1"], yearless["source"], yearless["chain"]) == (
        "Ukrainian forces",
        "Example Wire",  # the article's own voice: its outlet is the source
        "",
    )
    unplaced = by_claim(csv_rows, "a-new", "c2")  # Avdiivka, unresolved
    assert [unplaced[k] for k in ("location", "latitude", "geo_precision", "country")] == [""] * 4
    assert (unplaced["event_date"], unplaced["time_precision"], unplaced["fatalities"]) == (
        "",
        "",
        "0",  # ACLED writes 0, not blank, when no one is reported killed
    )
    assert len(csv_rows) == 2 + 6


def test_geojson_has_one_point_per_placed_claim_with_the_csv_fields(
    ledger: str, csv_rows: list[dict[str, str]], tmp_path: Path
) -> None:
    out = tmp_path / "claims.geojson"
    result = run_cli("export", "--db", ledger, "--format", "geojson", "-o", out)
    assert result.returncode == 0, result.stderr
    collection = json.loads(out.read_text("utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    placed = [r for r in csv_rows if r["latitude"]]
    assert len(features) == len(placed) == 5
    for feature, row in zip(features, placed, strict=True):
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (str(lat), str(lon)) == (row["latitude"], row["longitude"])  # longitude first
        as_text = {k: "" if v is None else str(v) for k, v in feature["properties"].items()}
        assert as_text == row


def test_geo_precision_and_country_fallback(ledger: str) -> None:
    row = next(iter_claims(connect(ledger)))
    oblast = Place(
        id="geonames:709716",
        name="Donetsk Oblast",
        kind="ADM1",
        country="ZZ",  # a code GeoNames does not know stays a code
        lat=48.0,
        lon=37.8,
        precision="admin1",
    )
    region = ClaimPlace(mention_id="p9", text="Donetsk region", status="resolved", place=oblast)
    town = ClaimPlace(mention_id="p1", text="Pokrovsk", status="resolved", place=POKROVSK)
    cells = csv_row(replace(row, places=[region, town]))
    assert (cells["location"], cells["geo_precision"], cells["country"]) == (
        "Donetsk Oblast",
        3,
        "ZZ",
    )
    cells = csv_row(replace(row, places=[town, region]))
    assert (cells["location"], cells["geo_precision"], cells["country"]) == (
        "Pokrovsk",
        1,
        "Ukraine",
    )


def test_csv_to_stdout(ledger: str) -> None:
    result = CliRunner().invoke(app, ["export", "--db", ledger, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8 and rows[0]["article_id"] == "a-new"


def test_a_failed_export_leaves_no_file_and_the_old_one_intact(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    out.write_text("the previous export\n", "utf-8")
    with pytest.raises(RuntimeError), open_output(out) as f:
        f.write("half a row")
        raise RuntimeError("the database went away")
    assert out.read_text("utf-8") == "the previous export\n"
    assert not partial_path(out).exists()


def test_unwritable_output_is_one_line(ledger: str, tmp_path: Path) -> None:
    result = run_cli(
        "export", "--db", ledger, "--format", "csv", "-o", tmp_path / "no" / "such" / "x.csv"
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot write ")
    assert len(result.stderr.strip().splitlines()) == 1
