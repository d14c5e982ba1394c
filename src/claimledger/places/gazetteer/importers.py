"""Importers for files a user downloads from GeoNames: the main dump and the postal codes.

Both read line by line (allCountries.txt is 1.6 GB) and write into an open gazetteer
connection; the caller owns the transaction. Main-format rows upsert places: a place the
gazetteer has gains its feature code and admin2, a new one is added (villages, ADM3 hromadas),
and a Ukrainian village the gazetteer knew only from KATOTTG becomes its GeoNames place.
Postal rows improve the points of places the gazetteer has only roughly.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.errors import ClaimledgerError, E
from claimledger.places.gazetteer.records import (
    NameRow,
    NameSet,
    PlaceRecord,
    PointMean,
    cyrillic_lang,
    cyrillic_rows,
    division_core,
    geonames_names,
    kmu,
    script,
)
from claimledger.places.gazetteer.schema import INDEX_SKELETONS, INSERT_NAME, INSERT_PLACE
from claimledger.places.gazetteer.sources import read_divisions
from claimledger.places.geo import km
from claimledger.places.names import fold, romanizations, skeleton

Progress = Callable[[str], None]
FORMATS = ("geonames", "postal")
GEONAMES_COLUMNS = 19
POSTAL_COLUMNS = 12
# Malformed lines tolerated at the start of a file before it is judged not to be a dump at all.
_PROBE_LINES = 20
_PROGRESS_EVERY = 100_000

# How far a place the gazetteer placed roughly may lie from the point a dump gives it and still
# be the same place: a KATOTTG village sits at its hromada or raion seat ("admin2"), or at its
# oblast's point ("admin1": an oblast is at most some 400 km across).
MATCH_KM = {"point": 15.0, "admin2": 50.0, "admin1": 250.0}
# GeoNames postal accuracy: 4 = from a GeoNames place, 6 = centroid of addresses, 3 = same code
# under another name, 1 = estimated from neighbouring codes. The first three are a point.
POINT_ACCURACY = 3


@dataclass
class ImportReport:
    """What one import did."""

    path: str
    format: str
    rows: int = 0
    skipped_lines: int = 0
    places_added: int = 0
    places_updated: int = 0
    names_added: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def import_file(
    connection: sqlite3.Connection, path: Path, fmt: str, *, progress: Progress | None = None
) -> ImportReport:
    """Import `path` in format `fmt` ("geonames" or "postal") into the open gazetteer."""
    started = time.perf_counter()
    if fmt == "geonames":
        report = import_geonames(connection, path, progress=progress)
    elif fmt == "postal":
        report = import_postal(connection, path, progress=progress)
    else:
        raise ClaimledgerError(E.GAZETTEER_FORMAT, format=fmt, formats=", ".join(FORMATS))
    report.seconds = round(time.perf_counter() - started, 1)
    return report


# --- reading ---------------------------------------------------------------------------------


def _tsv(
    path: Path, columns: int, fmt: str, report: ImportReport, progress: Progress | None
) -> Iterator[list[str]]:
    """The rows of a tab-separated dump with `columns` columns; other lines are counted, skipped."""
    first_problem = ""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if progress is not None and number % _PROGRESS_EVERY == 0:
                progress(f"{path.name}: {number:,} lines")
            text = line.rstrip("\r\n")
            if not text.strip() or text.startswith("#"):
                continue
            cells = text.split("\t")
            if len(cells) != columns:
                report.skipped_lines += 1
                first_problem = first_problem or (
                    f"line {number} has {len(cells)} tab-separated columns, not {columns}"
                )
                if report.rows == 0 and report.skipped_lines >= _PROBE_LINES:
                    break
                continue
            report.rows += 1
            yield cells
    if report.rows == 0:
        raise ClaimledgerError(
            E.GAZETTEER_BAD_FILE, path=path, format=fmt, detail=first_problem or "no rows"
        )


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


# --- writing ---------------------------------------------------------------------------------


class _Writer:
    """Inserts and updates on an open gazetteer, keeping the skeleton and trigram index in step."""

    def __init__(self, connection: sqlite3.Connection, report: ImportReport) -> None:
        self.db = connection
        self.report = report
        self.names_before = connection.execute(
            "SELECT coalesce(max(rowid), 0) FROM names"
        ).fetchone()[0]
        self.skeletons_before = connection.execute(
            "SELECT coalesce(max(id), 0) FROM skeletons"
        ).fetchone()[0]

    def exists(self, place_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM places WHERE id = ?", (place_id,)).fetchone()
        return row is not None

    def insert(self, record: PlaceRecord) -> None:
        self.db.execute(INSERT_PLACE, record.row())
        self._insert_names(record.id, record.name_rows())
        self.report.places_added += 1

    def add_names(self, place_id: str, rows: Iterable[NameRow]) -> None:
        """Add the names a place does not have yet (by key)."""
        staged = PlaceRecord(id=place_id, name="", kind="", feature_class="", source="")
        staged.add_names(rows)
        known = {
            k for (k,) in self.db.execute("SELECT key FROM names WHERE place_id = ?", (place_id,))
        }
        self._insert_names(place_id, (row for row in staged.name_rows() if row[0] not in known))

    def _insert_names(
        self, place_id: str, rows: Iterable[tuple[str, str, str, str | None]]
    ) -> None:
        values = [
            (place_id, name, key, skeleton(name), kind, lang) for key, name, kind, lang in rows
        ]
        self.db.executemany(INSERT_NAME, values)
        self.report.names_added += len(values)

    def finish(self) -> None:
        """Index the skeletons of the names added, once, in two set-wise statements."""
        self.db.execute(
            "INSERT INTO skeletons (skeleton) SELECT DISTINCT n.skeleton FROM names n "
            "WHERE n.rowid > ? AND n.skeleton != '' "
            "AND NOT EXISTS (SELECT 1 FROM skeletons s WHERE s.skeleton = n.skeleton)",
            (self.names_before,),
        )
        self.db.execute(INDEX_SKELETONS, (self.skeletons_before,))


def precision_for(feature_class: str, feature_code: str) -> str:
    """How exact a GeoNames point is for a feature: a division's point stands for its area.

    ADM3 and finer divisions (hromadas, communes) are smaller than a raion: "admin2" is the
    closest word the contract has.
    """
    if feature_code.startswith("PCL") or feature_code == "TERR":
        return "country"
    if feature_code.startswith("ADM1"):
        return "admin1"
    if feature_class == "A" and feature_code.startswith(("ADM", "ADMD")):
        return "admin2"
    return "point"


# --- the main GeoNames format ---------------------------------------------------------------


def import_geonames(
    connection: sqlite3.Connection, path: Path, *, progress: Progress | None = None
) -> ImportReport:
    """Upsert the places of a GeoNames main-format file (UA.txt, allCountries.txt)."""
    report = ImportReport(path=str(path), format="geonames")
    writer = _Writer(connection, report)
    admin1_names = dict(
        connection.execute("SELECT admin1_code, name FROM places WHERE kind = 'ADM1'")
    )
    admin2_names = {d.geonames_code: d.name for d in read_divisions() if d.level == 2}
    for cells in _tsv(path, GEONAMES_COLUMNS, "geonames", report, progress):
        gid, name, ascii_name, alternates, lat_s, lon_s, fclass, fcode, cc = cells[:9]
        admin1, admin2, population_s = cells[10], cells[11], cells[14]
        lat, lon = _number(lat_s), _number(lon_s)
        if not gid.isdigit() or not name or lat is None or lon is None:
            report.skipped_lines += 1
            continue
        country = cc or None
        names = geonames_names(
            name, [ascii_name, *(a for a in alternates.split(",") if a)], country
        )
        admin1_code = f"{cc}.{admin1}" if cc and admin1 else None
        admin2_name = (
            admin2_names.get(f"{admin1_code}.{admin2}") if admin1_code and admin2 else None
        )
        population = int(_number(population_s) or 0)
        place_id = f"geonames:{gid}"
        kind = fcode or ("PPL" if fclass == "P" else fclass or "PPL")
        if writer.exists(place_id):
            _update(writer, place_id, kind, fclass, admin2_name, population, lat, lon, names)
            continue
        if cc == "UA" and fclass == "P" and admin1_code:
            old = _katottg_only(writer, names, admin1_code, lat, lon)
            if old is not None:
                _upgrade(writer, old, place_id, int(gid), name, kind, population, lat, lon, names)
                continue
        record = PlaceRecord(
            id=place_id,
            geonameid=int(gid),
            name=name,
            kind=kind,
            feature_class=fclass or "P",
            source="geonames",
            name_uk=names.name_uk,
            name_ru=names.name_ru,
            country=country,
            admin1_code=admin1_code,
            admin1=admin1_names.get(admin1_code or ""),
            admin2=admin2_name,
            lat=lat,
            lon=lon,
            precision=precision_for(fclass, fcode),
            population=population,
        )
        record.add_names(names.rows)
        writer.insert(record)
    writer.finish()
    return report


def _update(
    writer: _Writer,
    place_id: str,
    kind: str,
    fclass: str,
    admin2: str | None,
    population: int,
    lat: float,
    lon: float,
    names: NameSet,
) -> None:
    """A place the gazetteer has: the dump adds its feature code, admin2, names.

    Populated places take the dump's point; a division keeps the point derived from its
    settlements, and its precision word.
    """
    writer.db.execute(
        "UPDATE places SET kind = ?, feature_class = coalesce(nullif(?, ''), feature_class), "
        "admin2 = coalesce(admin2, ?), population = CASE WHEN ? > 0 THEN ? ELSE population END, "
        "name_uk = coalesce(name_uk, ?), name_ru = coalesce(name_ru, ?), "
        "lat = CASE WHEN feature_class = 'P' THEN ? ELSE lat END, "
        "lon = CASE WHEN feature_class = 'P' THEN ? ELSE lon END, "
        "precision = CASE WHEN feature_class = 'P' THEN 'point' ELSE precision END WHERE id = ?",
        (kind, fclass, admin2, population, population, names.name_uk, names.name_ru, lat, lon,
         place_id),
    )  # fmt: skip
    writer.add_names(place_id, names.rows)
    writer.report.places_updated += 1


def _katottg_only(
    writer: _Writer, names: NameSet, admin1_code: str, lat: float, lon: float
) -> str | None:
    """The KATOTTG-only village this GeoNames place is: same oblast, a shared name, nearest."""
    keys = sorted({fold(n) for n, kind, _lang in names.rows if kind != "historic"} - {""})
    if not keys:
        return None
    marks = ", ".join("?" for _ in keys)
    rows = writer.db.execute(
        "SELECT DISTINCT p.id, p.lat, p.lon, p.precision FROM names n "
        "JOIN places p ON p.id = n.place_id "
        f"WHERE n.key IN ({marks}) AND p.source = 'katottg' AND p.feature_class = 'P' "
        "AND p.geonameid IS NULL AND p.admin1_code = ?",
        (*keys, admin1_code),
    ).fetchall()
    best: tuple[float, str] | None = None
    for place_id, plat, plon, precision in rows:
        distance = km(lat, lon, plat, plon) if plat is not None and plon is not None else 0.0
        if distance <= MATCH_KM.get(precision, 0.0) and (best is None or distance < best[0]):
            best = (distance, place_id)
    return best[1] if best is not None else None


def _upgrade(
    writer: _Writer,
    old_id: str,
    place_id: str,
    geonameid: int,
    name: str,
    kind: str,
    population: int,
    lat: float,
    lon: float,
    names: NameSet,
) -> None:
    """A KATOTTG-only village found in the dump becomes that GeoNames place, keeping its codes."""
    writer.db.execute(
        "UPDATE places SET id = ?, geonameid = ?, name = ?, kind = ?, lat = ?, lon = ?, "
        "precision = 'point', population = ?, source = 'geonames', "
        "name_ru = coalesce(name_ru, ?) WHERE id = ?",
        (place_id, geonameid, name, kind, lat, lon, population, names.name_ru, old_id),
    )
    writer.db.execute("UPDATE names SET place_id = ? WHERE place_id = ?", (place_id, old_id))
    writer.add_names(place_id, names.rows)
    writer.report.places_updated += 1


# --- postal codes ---------------------------------------------------------------------------

_QUALIFIER = re.compile(r"\s*\([^)]*\)")


@dataclass
class _PostalPlace:
    """The postal codes of one place (name, admin1, admin2) and their mean point."""

    country: str
    name: str
    admin1_name: str
    admin1_code: str
    admin2_name: str
    mean: PointMean = field(default_factory=PointMean)
    accuracy: int = 0
    codes: int = 0


def _postal_groups(
    path: Path, report: ImportReport, progress: Progress | None
) -> list[_PostalPlace]:
    groups: dict[tuple[str, str, str, str], _PostalPlace] = {}
    for cells in _tsv(path, POSTAL_COLUMNS, "postal", report, progress):
        country, _code, raw_name, admin1_name, admin1_code, admin2_name = cells[:6]
        lat, lon = _number(cells[9]), _number(cells[10])
        # "Пацканьово (Пацканівська сільська рада)": the council in brackets is not the name
        name = " ".join(_QUALIFIER.sub("", raw_name).split())
        if not country or not name or lat is None or lon is None:
            report.skipped_lines += 1
            continue
        group_key = (country, name, admin1_name, admin2_name)
        group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = _PostalPlace(
                country, name, admin1_name, admin1_code, admin2_name
            )
        group.mean.add(lat, lon)
        group.codes += 1
        accuracy = cells[11].strip()
        group.accuracy = max(group.accuracy, int(accuracy) if accuracy.isdigit() else 0)
    return list(groups.values())


def _admin1_resolver(connection: sqlite3.Connection) -> Callable[[str, str, str], str | None]:
    """Postal admin1 (name, code) -> the gazetteer's "UA.05" admin1 code.

    By name: the postal files' admin1 codes are not always GeoNames' (the Ukrainian file gives
    Kyiv oblast 12 and Kyiv city 13, GeoNames the reverse). A division's own name first
    ("Kyivska" ~ "Kyivska oblast", "Kyiv" ~ "Kyiv"), then any of its names; the file's code only
    when the name says nothing.
    """
    official: dict[tuple[str, str], set[str]] = {}
    other: dict[tuple[str, str], set[str]] = {}
    for country, code, name in connection.execute(
        "SELECT country, admin1_code, name FROM places WHERE kind = 'ADM1'"
    ):
        official.setdefault((country, division_core(name)), set()).add(code)
    for country, code, key in connection.execute(
        "SELECT p.country, p.admin1_code, n.key FROM names n JOIN places p ON p.id = n.place_id "
        "WHERE p.kind = 'ADM1'"
    ):
        other.setdefault((country, division_core(key)), set()).add(code)
    known = {code for codes in official.values() for code in codes}

    def resolve(country: str, name: str, code: str) -> str | None:
        core = division_core(name)
        for table in (official, other):
            found = table.get((country, core), set())
            if len(found) == 1:
                return next(iter(found))
        fallback = f"{country}.{code}"
        return fallback if fallback in known else None

    return resolve


def import_postal(
    connection: sqlite3.Connection, path: Path, *, progress: Progress | None = None
) -> ImportReport:
    """Import a GeoNames postal-code file: one place per (name, admin1, admin2), its mean point.

    A group whose name a place of the same oblast carries, near enough, is that place: if the
    gazetteer had it only roughly (a KATOTTG village at its hromada seat), it now gets the postal
    point. Each place takes the nearest group and each group one place. The rest are added as
    "postal:<country>:<admin1>:<name>[:<admin2>]" (admin2 keeps namesakes in one oblast apart).
    """
    report = ImportReport(path=str(path), format="postal")
    writer = _Writer(connection, report)
    groups = _postal_groups(path, report, progress)
    admin1_of = _admin1_resolver(connection)
    admin1_names = dict(
        connection.execute("SELECT admin1_code, name FROM places WHERE kind = 'ADM1'")
    )
    codes = [admin1_of(g.country, g.admin1_name, g.admin1_code) for g in groups]

    # Postal files carry wrong points (a village of Vinnytsia oblast placed in Zaporizhzhia
    # oblast): a point outside its admin1 neither moves a place nor adds one.
    boxes = _admin1_boxes(connection)
    pairs: list[tuple[float, int, str, str]] = []
    for index, (group, code) in enumerate(zip(groups, codes, strict=True)):
        point = group.mean.point()
        box = boxes.get(code or "")
        if code is None or point is None or box is None or not box.holds(*point):
            continue
        for place_id, plat, plon, precision in connection.execute(
            "SELECT DISTINCT p.id, p.lat, p.lon, p.precision FROM names n "
            "JOIN places p ON p.id = n.place_id WHERE n.key = ? AND p.country = ? "
            "AND p.admin1_code = ? AND p.feature_class = 'P'",
            (fold(group.name), group.country, code),
        ):
            distance = km(point[0], point[1], plat, plon) if plat is not None else 0.0
            if distance <= MATCH_KM.get(precision, 0.0):
                pairs.append((distance, index, place_id, precision))

    matched: set[int] = set()
    taken: set[str] = set()
    for _distance, index, place_id, precision in sorted(pairs):
        if index in matched or place_id in taken:
            continue
        matched.add(index)
        taken.add(place_id)
        group = groups[index]
        lat, lon = group.mean.point() or (None, None)
        if precision != "point" and group.accuracy >= POINT_ACCURACY:
            better = "point"
        elif precision == "admin1":
            better = "admin2"  # an estimated postal point still beats the oblast's centre
        else:
            continue
        connection.execute(
            "UPDATE places SET lat = ?, lon = ?, precision = ? WHERE id = ?",
            (lat, lon, better, place_id),
        )
        report.places_updated += 1

    outside = 0
    for index, (group, code) in enumerate(zip(groups, codes, strict=True)):
        if index in matched:
            continue
        point = group.mean.point()
        box = boxes.get(code or "")
        if point is None or box is None or not box.holds(*point):
            outside += 1
            continue
        record = _postal_record(group, code, point, admin1_names)
        if not writer.exists(record.id):
            writer.insert(record)
    if outside:
        report.notes.append(f"{outside:,} places left out: their point is not in their admin1")
    writer.finish()
    return report


@dataclass(frozen=True)
class _Box:
    south: float
    north: float
    west: float
    east: float

    def holds(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def _admin1_boxes(connection: sqlite3.Connection, margin: float = 0.1) -> dict[str, _Box]:
    """The box around each admin1's exactly placed settlements, a little wider."""
    return {
        code: _Box(south - margin, north + margin, west - margin, east + margin)
        for code, south, north, west, east in connection.execute(
            "SELECT admin1_code, min(lat), max(lat), min(lon), max(lon) FROM places "
            "WHERE feature_class = 'P' AND precision = 'point' AND admin1_code IS NOT NULL "
            "GROUP BY admin1_code"
        )
    }


def _postal_record(
    group: _PostalPlace,
    admin1_code: str | None,
    point: tuple[float, float],
    admin1_names: dict[str, str],
) -> PlaceRecord:
    part = admin1_code.split(".", 1)[1] if admin1_code else group.admin1_code
    place_id = f"postal:{group.country}:{part}:{group.name}"
    if group.admin2_name:
        place_id += f":{group.admin2_name}"
    record = PlaceRecord(
        id=place_id,
        name=group.name,
        kind="PPL",
        feature_class="P",
        source="postal",
        country=group.country,
        admin1_code=admin1_code,
        admin1=admin1_names.get(admin1_code or ""),
        admin2=group.admin2_name or None,
        lat=point[0],
        lon=point[1],
        precision="point" if group.accuracy >= POINT_ACCURACY else "admin2",
    )
    if script(group.name) == "cyrillic":
        lang = cyrillic_lang(group.name, group.country)
        if lang == "uk" or group.country == "UA":
            record.name, record.name_uk = kmu(group.name), group.name
        else:
            record.name_ru = group.name
            latin = sorted(
                romanizations(group.name, "ru"), key=lambda s: (not s.isascii(), len(s), s)
            )
            record.name = latin[0] if latin else group.name
        record.add_name(group.name, "official", "uk" if record.name_uk else "ru")
        record.add_names(cyrillic_rows(group.name, "uk" if record.name_uk else "ru"))
    else:
        record.add_name(group.name, "official")
    return record
