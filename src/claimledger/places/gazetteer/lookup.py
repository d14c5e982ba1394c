"""Looking places up by name: exact keys, equal skeletons, then trigram candidates.

The resolver asks thousands of names per second, most of them repeatedly, so results are
cached per (folded key, skeleton, fuzzy): the query is paid once per distinct name.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from claimledger.errors import ClaimledgerError, E
from claimledger.places.gazetteer.build import (
    build_gazetteer,
    read_meta,
    resolve_path,
    stale_reason,
)
from claimledger.places.names import fold, skeleton

log = logging.getLogger(__name__)

# Similarity tiers: an exact key is 1.0; a name with the same skeleton 0.90..0.99 (by how close
# the folded spellings are); a trigram candidate its rapidfuzz ratio, at most 0.89, so a fuzzy
# hit never outranks a skeleton-equal one.
SKELETON_BASE, SKELETON_SPAN = 0.90, 0.09
FUZZY_MIN, FUZZY_MAX = 0.75, 0.89
# Fuzzy retrieval runs only when fewer places than this match the key exactly.
FEW = 3
FUZZY_SKELETONS = 50  # near skeletons looked up per fuzzy query, closest first
CACHE_SIZE = 100_000
_ALL = 1_000  # places kept per cached query before `limit`

_PLACE = (
    "p.id, p.geonameid, p.name, p.kind, p.feature_class, p.country, p.admin1_code, p.admin1, "
    "p.admin2, p.admin3, p.lat, p.lon, p.precision, p.population"
)
_NAME = "n.name, n.kind, n.lang, n.key, n.skeleton"
_JOIN = "FROM names n JOIN places p ON p.id = n.place_id"
_BY_KEY = f"SELECT {_PLACE}, {_NAME} {_JOIN} WHERE n.key = ?"
# Abbreviations match by key only: the skeletons of KBP, KIV, KEV are one another's.
_BY_SKELETON = f"SELECT {_PLACE}, {_NAME} {_JOIN} WHERE n.skeleton = ? AND n.kind != 'abbreviation'"
_BY_SKELETONS = (
    f"SELECT {_PLACE}, {_NAME} {_JOIN} WHERE n.skeleton IN ({{marks}}) AND n.kind != 'abbreviation'"
)


@dataclass(frozen=True)
class Entry:
    """A gazetteer place as one lookup found it: the place, and the name that matched."""

    id: str
    geonameid: int | None
    name: str
    kind: str
    feature_class: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int
    matched_name: str
    name_kind: str
    name_lang: str | None
    similarity: float  # 0..1, 1 = exact key match


def _entry(row: tuple[Any, ...], similarity: float) -> Entry:
    return Entry(*(*row[:17], round(similarity, 4)))


def _own_name(row: tuple[Any, ...]) -> Entry:
    return Entry(*(*row[:14], row[2], "official", None, 1.0))


def anchor_query(sk: str) -> str | None:
    """An FTS5 query for skeletons that begin or end like `sk`: '"^kras" OR "mask$"'.

    The trigram index holds each skeleton between ^ and $. One typo or transliteration slip
    rarely touches both ends, so between them the two phrases find the name it garbles; four or
    five letters on longer names keep the candidate lists short (hundreds, not the thousands of
    names ending in -ivka).
    """
    if len(sk) < 3:
        return None
    size = 5 if len(sk) >= 11 else 4 if len(sk) >= 8 else 3
    return f'"^{sk[:size]}" OR "{sk[-size:]}$"'


class Gazetteer:
    """The place gazetteer (a read-only SQLite file), injected into the resolver as a service."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            self._db.execute("PRAGMA mmap_size = 268435456")
            self._db.execute("SELECT 1 FROM names LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise ClaimledgerError(E.GAZETTEER_UNREADABLE, path=path, detail=exc) from exc
        self._lock = threading.Lock()
        self._cached = lru_cache(maxsize=CACHE_SIZE)(self._lookup)

    @classmethod
    def open(cls, path: Path | str | None = None, *, build: bool = True) -> Gazetteer:
        """Open the gazetteer at `path` (default: `default_path()`).

        With `build`, a missing gazetteer is built, and one whose sources changed (package
        versions, the names module, an imported file) is rebuilt first.
        """
        target = resolve_path(path)
        if not target.exists():
            if not build:
                raise ClaimledgerError(E.GAZETTEER_MISSING, path=target)
            log.info("no gazetteer at %s: building it", target)
            build_gazetteer(target)
        else:
            reason = stale_reason(target)
            if reason is not None and build:
                log.info("rebuilding the gazetteer at %s: %s", target, reason)
                build_gazetteer(target)
            elif reason is not None:
                log.warning("the gazetteer at %s is out of date: %s", target, reason)
        return cls(target)

    def close(self) -> None:
        self._db.close()

    def cyrillic_names(self, place_id: str) -> tuple[str | None, str | None]:
        """(Ukrainian, Russian) Cyrillic names of a place, where the sources give them."""
        rows = self._rows("SELECT name_uk, name_ru FROM places WHERE id = ?", (place_id,))
        return (rows[0][0], rows[0][1]) if rows else (None, None)

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # -- lookup -------------------------------------------------------------------------------

    def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 50) -> list[Entry]:
        """Places called `name` (Latin or Cyrillic), one Entry each, best first.

        Exact key matches (similarity 1.0), then names with the same spelling skeleton
        (0.90..0.99), then, with `fuzzy` and fewer than three exact matches, trigram candidates
        on the skeleton re-scored with rapidfuzz (0.75..0.89). Ties go to the larger place.
        """
        key = fold(name)
        if not key:
            return []
        return list(self._cached(key, skeleton(name), fuzzy)[:limit])

    def _lookup(self, key: str, sk: str, fuzzy: bool) -> tuple[Entry, ...]:
        best: dict[str, Entry] = {}

        def offer(row: tuple[Any, ...], similarity: float) -> None:
            known = best.get(row[0])
            if known is None or similarity > known.similarity:
                best[row[0]] = _entry(row, similarity)

        for row in self._rows(_BY_KEY, (key,)):
            offer(row, 1.0)
        exact = len(best)
        if sk:
            for row in self._rows(_BY_SKELETON, (sk,)):
                if row[0] not in best or best[row[0]].similarity < 1.0:
                    closeness = fuzz.ratio(key, row[17]) / 100.0
                    offer(row, SKELETON_BASE + SKELETON_SPAN * closeness)
        if fuzzy and exact < FEW:
            scores = dict(self._fuzzy_skeletons(sk))
            if scores:
                marks = ", ".join("?" for _ in scores)
                for row in self._rows(_BY_SKELETONS.format(marks=marks), tuple(scores)):
                    offer(row, min(scores[row[18]], FUZZY_MAX))
        ranked = sorted(best.values(), key=lambda e: (-e.similarity, -e.population, e.id))
        return tuple(ranked[:_ALL])

    def _fuzzy_skeletons(self, sk: str) -> list[tuple[str, float]]:
        """Skeletons near `sk` (rapidfuzz ratio >= 0.75) among the trigram index's candidates."""
        query = anchor_query(sk)
        if query is None:
            return []
        candidates = [
            candidate
            for (candidate,) in self._rows(
                "SELECT s.skeleton FROM name_trigrams t JOIN skeletons s ON s.id = t.rowid "
                "WHERE name_trigrams MATCH ?",
                (query,),
            )
            if candidate != sk
        ]
        found = process.extract(
            sk, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN * 100, limit=FUZZY_SKELETONS
        )
        return [(candidate, score / 100.0) for candidate, score, _index in found]

    # -- places -------------------------------------------------------------------------------

    def get(self, place_id: str) -> Entry | None:
        rows = self._rows(f"SELECT {_PLACE} FROM places p WHERE p.id = ?", (place_id,))
        return _own_name(rows[0]) if rows else None

    def admin1_entry(self, country: str, admin1_code: str) -> Entry | None:
        """The first-level division ("UA", "UA.05" or "05") of a country."""
        code = admin1_code if "." in admin1_code else f"{country}.{admin1_code}"
        rows = self._rows(
            f"SELECT {_PLACE} FROM places p WHERE p.country = ? AND p.admin1_code = ? "
            "AND p.kind = 'ADM1' ORDER BY p.id LIMIT 1",
            (country, code),
        )
        return _own_name(rows[0]) if rows else None

    def country_entry(self, code: str) -> Entry | None:
        """The country with ISO 3166-1 alpha-2 `code`."""
        rows = self._rows(
            f"SELECT {_PLACE} FROM places p WHERE p.country = ? AND p.kind = 'PCLI' "
            "AND p.feature_class = 'A' LIMIT 1",
            (code.upper(),),
        )
        return _own_name(rows[0]) if rows else None

    def children_of(self, place_id: str, *, limit: int | None = None) -> list[Entry]:
        """What lies directly in a place: a country's ADM1s, an ADM1's ADM2s, an ADM2's places.

        Largest first. Populated places are tied to a second-level division by its name
        (admin2), the only link cities500 and KATOTTG give.
        """
        parent = self.get(place_id)
        if parent is None:
            return []
        params: tuple[object, ...]
        if parent.kind == "PCLI":
            where, params = "p.country = ? AND p.kind = 'ADM1'", (parent.country,)
        elif parent.kind == "ADM1":
            where, params = "p.country = ? AND p.admin1_code = ? AND p.kind = 'ADM2'", (
                parent.country, parent.admin1_code)  # fmt: skip
        elif parent.kind == "ADM2":
            where = "p.country = ? AND p.admin1_code = ? AND p.admin2 = ? AND p.feature_class = 'P'"
            params = (parent.country, parent.admin1_code, parent.name)
        else:
            return []
        sql = f"SELECT {_PLACE} FROM places p WHERE {where} ORDER BY p.population DESC, p.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_own_name(row) for row in self._rows(sql, params)]

    # -- about --------------------------------------------------------------------------------

    def info(self) -> dict[str, object]:
        """Where the gazetteer is, what it was built from, and what it holds."""
        meta = read_meta(self._db)
        by_source = dict(
            self._rows("SELECT source, count(*) FROM places GROUP BY source ORDER BY 2 DESC", ())
        )
        by_kind = self._rows(
            "SELECT kind, count(*) FROM places GROUP BY kind ORDER BY 2 DESC LIMIT 15", ()
        )
        by_country = self._rows(
            "SELECT country, count(*) FROM places WHERE country IS NOT NULL "
            "GROUP BY country ORDER BY 2 DESC LIMIT 10", ()
        )  # fmt: skip
        name_kinds = self._rows(
            "SELECT kind, count(*) FROM names GROUP BY kind ORDER BY 2 DESC", ()
        )
        precisions = self._rows(
            "SELECT precision, count(*) FROM places GROUP BY precision ORDER BY 2 DESC", ()
        )
        packages = _json_value(meta.get("packages")) or {}
        imports = _json_value(meta.get("imports")) or []
        sources = [f"{name} {version}" for name, version in packages.items()]
        sources += [f"{item['path']} ({item['format']})" for item in imports]
        return {
            "path": str(self.path),
            "sources": sources,
            "size_bytes": self.path.stat().st_size,
            "created": meta.get("created"),
            "build_seconds": float(meta.get("build_seconds", "0") or 0),
            "build_version": meta.get("build_version"),
            "packages": packages,
            "names_module": meta.get("names_module"),
            "imports": imports,
            "places": sum(by_source.values()),
            "names": self._rows("SELECT count(*) FROM names", ())[0][0],
            "by_source": by_source,
            "by_kind": dict(by_kind),
            "by_country": dict(by_country),
            "by_precision": dict(precisions),
            "names_by_kind": dict(name_kinds),
            "katottg_joined": int(meta.get("katottg_joined", "0") or 0),
            "up_to_date": stale_reason(self.path) is None,
        }


def _json_value(text: str | None) -> Any:
    """A JSON value stored in `meta`, or None when absent or unreadable."""
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
