"""DeepStateMap's daily maps of occupied territory, read into shapely geometries.

The folder format is that of github.com/cyterat/deepstate-map-data: one file a day named
`deepstatemap_data_YYYYMMDD.geojson`, a FeatureCollection whose polygons are the territory of
Ukraine assessed as Russian-occupied that day, in longitude/latitude degrees (CRS84). Any file
name carrying one date (`..._20251125.geojson`, `2025-11-25.json`) is read the same way. Points
and lines in a file are not territory and are left out; several polygonal features are merged.

Every problem is a `ReferenceDataError` whose message is one line naming the file, so the CLI
can print it without a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import shapely  # type: ignore[import-untyped, unused-ignore]
from shapely.errors import GEOSException  # type: ignore[import-untyped, unused-ignore]

SUFFIXES = (".geojson", ".json")
# eight digits with optional dashes, not part of a longer number
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_POLYGON, _MULTI, _COLLECTION = 3, 6, 7  # shapely geometry type ids
_MULTIPART = (_MULTI, 5, 4, _COLLECTION)  # MultiPolygon, MultiLineString, MultiPoint, collection
# GEOS wraps its JSON reader's errors in two prefixes that tell a user nothing
_GEOS_NOISE = re.compile(r"^(?:\w+Exception: )?(?:Error parsing JSON: '(.*)'$)?")
_JSON_CODE = re.compile(r"^\[json\.exception\.\S+\] ")


class ReferenceDataError(Exception):
    """A reference map that cannot be used; the message is one line and names the input."""


@dataclass(frozen=True)
class DayMap:
    """The occupied area on one day: a polygonal shapely geometry in lon/lat degrees."""

    day: date
    geometry: Any  # shapely Polygon or MultiPolygon (shapely ships no type hints)

    def to_wkb(self) -> bytes:
        """The geometry as WKB, for a BLOB column beside the day."""
        data: bytes = shapely.to_wkb(self.geometry)
        return data

    @classmethod
    def from_wkb(cls, day: date, data: bytes) -> DayMap:
        """A map stored with `to_wkb` (already checked when first read: not re-validated)."""
        try:
            geometry = shapely.from_wkb(data)
        except (GEOSException, TypeError, ValueError) as exc:
            raise ReferenceDataError(
                f"stored map of {day}: not a geometry ({_one_line(exc)})"
            ) from exc
        if shapely.get_type_id(geometry) not in (_POLYGON, _MULTI):
            raise ReferenceDataError(f"stored map of {day}: a {geometry.geom_type}, not polygons")
        return cls(day, geometry)


def day_of(path: Path) -> date:
    """The date written in a map's file name."""
    found = {m.groups() for m in _DATE_IN_NAME.finditer(path.stem)}
    if len(found) != 1:
        what = "no date" if not found else "several dates"
        example = "deepstatemap_data_20251125.geojson"
        raise ReferenceDataError(f"{path}: {what} in the file name (expected one, as in {example})")
    year, month, day = (int(part) for part in found.pop())
    try:
        return date(year, month, day)
    except ValueError:
        raise ReferenceDataError(
            f"{path}: '{year:04d}{month:02d}{day:02d}' in the file name is not a date"
        ) from None


def read_file(path: Path | str, day: date | None = None) -> DayMap:
    """One day's map; its date comes from the file name unless given."""
    path = Path(path)
    day = day if day is not None else day_of(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise ReferenceDataError(f"{path}: file is empty")
    try:
        parsed = shapely.from_geojson(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReferenceDataError(f"{path}: not UTF-8 text, so not GeoJSON") from None
    except (GEOSException, ValueError) as exc:
        raise ReferenceDataError(f"{path}: not GeoJSON ({_one_line(exc)})") from exc
    return DayMap(day, _territory(parsed, path))


def read_folder(path: Path | str) -> Iterator[DayMap]:
    """The maps of a folder in date order (a single file is a folder of one).

    The folder is checked at once — it exists, holds maps, every name has a date and no date
    comes twice — so a bad folder fails before any file is parsed; files are then read lazily,
    and a bad one stops the iteration with its error.
    """
    path = Path(path)
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    else:
        raise ReferenceDataError(f"{path}: no such file or folder")
    if not files:
        raise ReferenceDataError(f"{path}: no map files in it (expected *.geojson, one a day)")
    dated: dict[date, Path] = {}
    for file in files:
        day = day_of(file)
        if day in dated:
            raise ReferenceDataError(f"{file}: a second map for {day} (also {dated[day].name})")
        dated[day] = file
    return (read_file(dated[day], day) for day in sorted(dated))


def _territory(parsed: Any, path: Path) -> Any:
    """The polygonal part of what a file holds, merged into one valid geometry."""
    top = list(shapely.get_parts(parsed)) if _kind(parsed) == _COLLECTION else [parsed]
    polygonal = [g for g in top if _kind(g) in (_POLYGON, _MULTI) and not g.is_empty]
    # a collection nested in a feature is rare; flatten it rather than drop its polygons
    for g in top:
        if _kind(g) == _COLLECTION:
            polygonal.extend(p for p in _flat(g) if _kind(p) == _POLYGON and not p.is_empty)
    if not polygonal:
        raise ReferenceDataError(f"{path}: no polygons in it (an occupied area is expected)")
    # separate features may overlap, and an overlapping MultiPolygon is invalid
    territory = polygonal[0] if len(polygonal) == 1 else shapely.union_all(polygonal)
    xmin, ymin, xmax, ymax = territory.bounds
    if xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
        raise ReferenceDataError(
            f"{path}: coordinates are not longitude/latitude degrees (CRS84/EPSG:4326 expected)"
        )
    if not shapely.is_valid(territory):
        # a self-crossing ring makes point-in-polygon answers arbitrary; repair, keep the area
        territory = shapely.make_valid(territory)
        parts = [p for p in _flat(territory) if _kind(p) == _POLYGON and not p.is_empty]
        if not parts:
            raise ReferenceDataError(f"{path}: its polygons enclose no area")
        territory = shapely.multipolygons(parts) if len(parts) != 1 else parts[0]
    return territory


def _flat(geometry: Any) -> list[Any]:
    out: list[Any] = []
    stack = [geometry]
    while stack:
        g = stack.pop()
        if _kind(g) in _MULTIPART:
            stack.extend(shapely.get_parts(g))
        else:
            out.append(g)
    return out


def _kind(geometry: Any) -> int:
    return int(shapely.get_type_id(geometry))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    text = _JSON_CODE.sub("", _GEOS_NOISE.sub(r"\1", text, count=1))
    return text[:200] or type(exc).__name__
