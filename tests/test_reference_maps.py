"""Daily occupied-area maps: reading DeepStateMap files, and a point's state by day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimledger.reference import (
    DayMap,
    OccupationIndex,
    ReferenceDataError,
    read_file,
    read_folder,
)
from conftest import shared, square_map

# three squares a fifth of a degree wide; the days each is on the map (2025-03-04 has no file)
HELD = (48.0, 38.0)  # on every map
TAKEN = (47.0, 36.0)  # appears on 03-03
LOST = (49.0, 37.0)  # on 01 and 02, gone on 03, back on 06
OUTSIDE = (50.45, 30.52)
DAYS = [date(2025, 3, d) for d in (1, 2, 3, 5, 6)]
ON_MAP = {
    HELD: DAYS,
    TAKEN: DAYS[2:],
    LOST: [DAYS[0], DAYS[1], DAYS[4]],
}


def square(lat: float, lon: float, half: float = 0.1) -> list[list[list[float]]]:
    coordinates: list[list[list[float]]] = square_map(lat, lon, half)["features"][0]["geometry"][
        "coordinates"
    ]
    return coordinates


def collection(*geometries: dict[str, Any]) -> dict[str, Any]:
    features = [{"type": "Feature", "properties": {}, "geometry": g} for g in geometries]
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }


def write(folder: Path, name: str, content: dict[str, Any] | str) -> Path:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def day_file(day: date) -> str:
    return f"deepstatemap_data_{day:%Y%m%d}.geojson"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DeepState's layout: one MultiPolygon a day, a licence file beside the maps."""
    out = tmp_path_factory.mktemp("deepstate")
    for day in DAYS:
        polygons = [square(*point) for point, days in ON_MAP.items() if day in days]
        write(out, day_file(day), collection({"type": "MultiPolygon", "coordinates": polygons}))
    (out / "LICENSE").write_text("GPL-3.0\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def index(folder: Path) -> OccupationIndex:
    return OccupationIndex(read_folder(folder))


def test_read_folder_gives_each_day_in_order_and_skips_other_files(folder: Path) -> None:
    maps = list(read_folder(folder))
    assert [m.day for m in maps] == DAYS
    assert [m.geometry.geom_type for m in maps] == ["MultiPolygon"] * len(DAYS)
    assert [len(m.geometry.geoms) for m in maps] == [2, 2, 2, 2, 3]


def test_wkb_round_trip_keeps_the_geometry(folder: Path) -> None:
    day_map = read_file(folder / day_file(DAYS[0]))
    again = DayMap.from_wkb(day_map.day, day_map.to_wkb())
    assert again.day == DAYS[0]
    assert again.geometry.equals_exact(day_map.geometry, 0)
    with pytest.raises(ReferenceDataError, match="stored map of 2025-03-01: not a geometry"):
        DayMap.from_wkb(DAYS[0], b"not wkb")


def test_unchanged_days_share_one_geometry(index: OccupationIndex) -> None:
    assert len(index) == 5
    assert index.distinct_maps == 3  # 01 = 02, 03 = 05


def test_inside_by_day(index: OccupationIndex) -> None:
    assert [index.inside(*HELD, d) for d in DAYS] == [True] * 5
    assert [index.inside(*TAKEN, d) for d in DAYS] == [False, False, True, True, True]
    assert [index.inside(*LOST, d) for d in DAYS] == [True, True, False, False, True]
    assert [index.inside(*OUTSIDE, d) for d in DAYS] == [False] * 5
    # just outside a square's edge is outside
    assert index.inside(TAKEN[0], TAKEN[1] + 0.11, date(2025, 3, 5)) is False


def test_a_gap_day_uses_the_latest_map_before_it(index: OccupationIndex) -> None:
    assert index.map_for(date(2025, 3, 4)) == date(2025, 3, 3)
    assert index.map_for(date(2025, 3, 5)) == date(2025, 3, 5)
    assert index.inside(*TAKEN, date(2025, 3, 4)) is True
    assert index.inside(*LOST, date(2025, 3, 4)) is False


def test_no_answer_outside_the_covered_days(index: OccupationIndex) -> None:
    assert index.inside(*HELD, date(2025, 2, 28)) is None
    assert index.inside(*HELD, date(2025, 3, 7)) is None
    assert index.map_for(date(2025, 3, 7)) is None


def test_first_inside(index: OccupationIndex) -> None:
    assert index.first_inside(*TAKEN) == date(2025, 3, 3)
    assert index.first_inside(*TAKEN, since=date(2025, 2, 1)) == date(2025, 3, 3)
    # inside on the map in force on the day asked about: that day itself
    assert index.first_inside(*TAKEN, since=date(2025, 3, 4)) == date(2025, 3, 4)
    assert index.first_inside(*LOST) == date(2025, 3, 1)
    assert index.first_inside(*LOST, since=date(2025, 3, 3)) == date(2025, 3, 6)
    assert index.first_inside(*OUTSIDE) is None
    assert index.first_inside(*HELD, since=date(2025, 3, 7)) is None


def test_changes_list_each_flip(index: OccupationIndex) -> None:
    assert index.changes(*LOST) == [
        (date(2025, 3, 1), True),
        (date(2025, 3, 3), False),
        (date(2025, 3, 6), True),
    ]
    assert index.changes(*OUTSIDE) == [(date(2025, 3, 1), False)]


@pytest.mark.parametrize(
    ("point", "day", "status", "first", "used", "text"),
    [
        (TAKEN, "2025-03-05", "consistent", "2025-03-03", "2025-03-05",
         "consistent with the map from 2025-03-03"),
        (HELD, "2025-03-02", "consistent", "2025-03-01", "2025-03-02",
         "consistent with the map from 2025-03-01 (inside since the earliest map)"),
        (TAKEN, "2025-03-04", "consistent", "2025-03-03", "2025-03-03",
         "consistent with the map from 2025-03-03 "
         "(no map for 2025-03-04: the map of 2025-03-03 is used)"),
        (LOST, "2025-03-06", "consistent", "2025-03-06", "2025-03-06",
         "consistent with the map from 2025-03-06"),
        (TAKEN, "2025-03-02", "not_on_map", "2025-03-03", "2025-03-02",
         "not on the map as of 2025-03-02; first inside on 2025-03-03"),
        (LOST, "2025-03-04", "not_on_map", "2025-03-06", "2025-03-03",
         "not on the map as of 2025-03-04; inside again from 2025-03-06 "
         "(no map for 2025-03-04: the map of 2025-03-03 is used)"),
        (OUTSIDE, "2025-03-03", "not_on_map", None, "2025-03-03",
         "not on the map as of 2025-03-03, nor on any later map up to 2025-03-06"),
        (OUTSIDE, "2025-03-06", "not_on_map", None, "2025-03-06",
         "not on the map as of 2025-03-06"),
        (TAKEN, "2025-02-01", "no_map_for_date", "2025-03-03", None,
         "no map for 2025-02-01 (maps cover 2025-03-01 to 2025-03-06); "
         "first inside on 2025-03-03"),
        (HELD, "2025-02-01", "no_map_for_date", "2025-03-01", None,
         "no map for 2025-02-01 (maps cover 2025-03-01 to 2025-03-06); "
         "inside on the earliest map"),
        (TAKEN, "2025-04-01", "no_map_for_date", "2025-03-03", None,
         "no map for 2025-04-01 (maps cover 2025-03-01 to 2025-03-06); "
         "inside on the latest map, from 2025-03-03"),
        (HELD, "2025-04-01", "no_map_for_date", "2025-03-01", None,
         "no map for 2025-04-01 (maps cover 2025-03-01 to 2025-03-06); inside on every map"),
        (OUTSIDE, "2025-04-01", "no_map_for_date", None, None,
         "no map for 2025-04-01 (maps cover 2025-03-01 to 2025-03-06); not on the latest map"),
        (TAKEN, None, "no_date", "2025-03-03", None,
         "no date to check against the map; first inside on 2025-03-03"),
        (OUTSIDE, None, "no_date", None, None,
         "no date to check against the map; not on any map"),
    ],
)  # fmt: skip
def test_map_check_wording(
    index: OccupationIndex,
    point: tuple[float, float],
    day: str | None,
    status: str,
    first: str | None,
    used: str | None,
    text: str,
) -> None:
    check = index.map_check(*point, date.fromisoformat(day) if day else None)
    assert check.status == status
    assert check.first_date == (date.fromisoformat(first) if first else None)
    assert check.map_date == (date.fromisoformat(used) if used else None)
    assert check.text == text


def test_map_checks_in_a_batch_answer_as_one_by_one(folder: Path) -> None:
    points = [HELD, TAKEN, LOST, OUTSIDE, (47.95, 37.95)]
    days = [None, date(2025, 2, 1), *DAYS, date(2025, 3, 4), date(2025, 4, 1)]
    queries = [(lat, lon, day) for lat, lon in points for day in days] * 30  # over one batch
    one_by_one = OccupationIndex(read_folder(folder))
    batched = OccupationIndex(read_folder(folder), cache_points=3)  # evicts within a batch
    assert len(queries) > 1024
    assert batched.map_checks(queries) == [one_by_one.map_check(*q) for q in queries]


def test_last_inside_is_told_when_a_point_left_the_map(tmp_path: Path) -> None:
    for day, points in ((DAYS[0], [HELD, LOST]), (DAYS[1], [HELD]), (DAYS[2], [HELD])):
        polygons = [square(*p) for p in points]
        write(
            tmp_path, day_file(day), collection({"type": "MultiPolygon", "coordinates": polygons})
        )
    index = OccupationIndex(read_folder(tmp_path))
    assert index.map_check(*LOST, DAYS[1]).text == (
        "not on the map as of 2025-03-02, nor on any later map up to 2025-03-03; "
        "last inside on 2025-03-01"
    )
    assert index.map_check(*LOST, date(2025, 5, 1)).text == (
        "no map for 2025-05-01 (maps cover 2025-03-01 to 2025-03-03); "
        "not on the latest map, last inside on 2025-03-01"
    )


def test_a_point_that_is_not_in_degrees_is_refused(index: OccupationIndex) -> None:
    with pytest.raises(ValueError, match="not a point in degrees"):
        index.inside(95.0, 30.0, DAYS[0])


def test_several_features_merge_and_points_are_left_out(tmp_path: Path) -> None:
    overlapping = collection(
        {"type": "Polygon", "coordinates": square(48.0, 38.0)},
        {"type": "Polygon", "coordinates": square(48.05, 38.05)},
        {"type": "Point", "coordinates": [30.52, 50.45]},
        {"type": "LineString", "coordinates": [[30.0, 50.0], [31.0, 51.0]]},
    )
    day_map = read_file(write(tmp_path, "map_2025-03-01.geojson", overlapping))
    assert day_map.day == date(2025, 3, 1)
    assert day_map.geometry.geom_type == "Polygon"  # the union of the two squares
    assert day_map.geometry.is_valid
    index = OccupationIndex([day_map])
    assert index.inside(48.13, 38.13, date(2025, 3, 1)) is True
    assert index.inside(50.45, 30.52, date(2025, 3, 1)) is False


def test_a_self_crossing_ring_is_repaired(tmp_path: Path) -> None:
    bowtie = [[[37.0, 47.0], [38.0, 48.0], [38.0, 47.0], [37.0, 48.0], [37.0, 47.0]]]
    path = write(
        tmp_path, "bowtie_20250301.geojson", collection({"type": "Polygon", "coordinates": bowtie})
    )
    day_map = read_file(path)
    assert day_map.geometry.is_valid
    index = OccupationIndex([day_map])
    assert index.inside(47.5, 37.2, date(2025, 3, 1)) is True  # in the left lobe
    assert index.inside(47.2, 37.5, date(2025, 3, 1)) is False  # between the lobes


def one_line_error(path: Path) -> str:
    with pytest.raises(ReferenceDataError) as caught:
        list(read_folder(path))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_errors_name_the_problem_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("maps go here\n", encoding="utf-8")
    assert one_line_error(empty) == f"{empty}: no map files in it (expected *.geojson, one a day)"
    assert one_line_error(tmp_path / "nowhere") == f"{tmp_path / 'nowhere'}: no such file or folder"

    def alone(name: str, content: dict[str, Any] | str) -> str:
        sub = tmp_path / name.replace(".", "_")
        sub.mkdir()
        return one_line_error(write(sub, name, content)).removeprefix(str(sub / name) + ": ")

    square_map = collection({"type": "Polygon", "coordinates": square(*HELD)})
    assert alone("occupied.geojson", square_map) == (
        "no date in the file name (expected one, as in deepstatemap_data_20251125.geojson)"
    )
    assert alone("map_20251345.geojson", square_map) == "'20251345' in the file name is not a date"
    assert alone("map_20250301.geojson", "") == "file is empty"
    assert alone("map_20250302.geojson", "{not json").startswith("not GeoJSON (parse error")
    assert alone("map_20250303.geojson", collection()) == (
        "no polygons in it (an occupied area is expected)"
    )
    points = collection({"type": "Point", "coordinates": [37.8, 48.0]})
    assert (
        alone("map_20250304.geojson", points) == "no polygons in it (an occupied area is expected)"
    )
    metres = collection({"type": "Polygon", "coordinates": square(6_100_000.0, 4_200_000.0, 5000)})
    assert alone("map_20250305.geojson", metres) == (
        "coordinates are not longitude/latitude degrees (CRS84/EPSG:4326 expected)"
    )

    twice = tmp_path / "twice"
    twice.mkdir()
    write(twice, "a_20250301.geojson", square_map)
    write(twice, "b_2025-03-01.geojson", square_map)
    assert one_line_error(twice) == (
        f"{twice / 'b_2025-03-01.geojson'}: a second map for 2025-03-01 (also a_20250301.geojson)"
    )


def test_a_bad_file_in_a_folder_is_found_before_any_is_parsed(tmp_path: Path) -> None:
    square_map = collection({"type": "Polygon", "coordinates": square(*HELD)})
    write(tmp_path, "deepstatemap_data_20250301.geojson", square_map)
    write(tmp_path, "deepstatemap_data_latest.geojson", square_map)
    with pytest.raises(ReferenceDataError, match=r"deepstatemap_data_latest\.geojson: no date"):
        read_folder(tmp_path)  # raised on the call, not on iteration


def test_an_index_needs_maps_on_distinct_days() -> None:
    with pytest.raises(ReferenceDataError, match="no maps to index"):
        OccupationIndex([])


def test_real_deepstate_maps_donetsk_inside_kyiv_not() -> None:
    folder = shared("data/deepstate")
    files = [
        folder / f"deepstatemap_data_{d}.geojson" for d in ("20250601", "20251125", "20260822")
    ]
    index = OccupationIndex(read_file(f) for f in files)
    assert index.days == (date(2025, 6, 1), date(2025, 11, 25), date(2026, 8, 22))
    for day in index.days:
        assert index.inside(48.0159, 37.8028, day) is True  # Donetsk
        assert index.inside(50.45, 30.52, day) is False  # Kyiv
    donetsk = index.map_check(48.0159, 37.8028, date(2025, 12, 1))
    assert donetsk.status == "consistent"
    assert donetsk.map_date == date(2025, 11, 25)
    assert donetsk.first_date == date(2025, 6, 1)
