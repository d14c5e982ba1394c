"""The reviewed reference tables under data/places/, loaded once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from claimledger.places.names import fold

# data/ at the top of the repository, linked into the package so that wheels carry it
DATA = Path(__file__).resolve().parent.parent / "data" / "places"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """folded demonym (and its plural) -> ISO country code."""
    table: dict[str, str] = {}
    for word, country in _rows("demonyms.tsv"):
        table[fold(word)] = country
        table.setdefault(fold(word) + "s", country)  # Ukrainians, Americans
    return table


@lru_cache(maxsize=1)
def region_aliases() -> dict[str, tuple[str, tuple[str, ...]]]:
    """folded regional name -> (country, names of the first-level divisions it means)."""
    return {
        fold(name): (country, tuple(divs.split("|")))
        for name, country, divs in _rows("region_aliases.tsv")
    }


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """folded short name or abbreviation of a country -> ISO country code."""
    return {fold(name): country for name, country in _rows("country_aliases.tsv")}


@lru_cache(maxsize=1)
def admin1_abbreviations() -> dict[str, tuple[str, tuple[str, ...]]]:
    """folded abbreviation of a first-level division -> (country, (its name,))."""
    return {
        fold(abbr): (country, (name,)) for abbr, country, name in _rows("admin1_abbreviations.tsv")
    }
