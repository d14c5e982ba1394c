"""The gazetteer's SQLite schema: places, their names, a trigram index of name skeletons, meta.

Indexes are created after the bulk insert (`INDEXES`), which is several times faster than
keeping them up to date row by row.
"""

from __future__ import annotations

import sqlite3

# Bump when the schema or the way places and names are derived changes: a gazetteer built by an
# older version is then rebuilt on open, since its fingerprint no longer matches.
BUILD_VERSION = "1"

TABLES = """
CREATE TABLE places (
    id TEXT PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    name_uk TEXT,
    name_ru TEXT,
    kind TEXT NOT NULL,
    feature_class TEXT NOT NULL,
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin3 TEXT,
    lat REAL,
    lon REAL,
    precision TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    katottg TEXT
);
CREATE TABLE names (
    place_id TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    skeleton TEXT NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT
);
-- One row per distinct skeleton: the trigram index then holds each spelling skeleton once
-- rather than once per place that carries it (Novoselivka alone names dozens of villages).
CREATE TABLE skeletons (
    id INTEGER PRIMARY KEY,
    skeleton TEXT NOT NULL
);
-- Contentless, keyed to skeletons.id. Each skeleton is indexed as '^' || skeleton || '$', so
-- that the trigram index also answers "begins with" and "ends with" as phrase queries
-- ("^kras" OR "mask$"): a garbled name rarely differs from the real one at both ends.
CREATE VIRTUAL TABLE name_trigrams USING fts5(skeleton, tokenize = 'trigram', content = '');
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""

INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_skeleton ON names (skeleton);
CREATE INDEX names_place ON names (place_id);
CREATE UNIQUE INDEX skeletons_skeleton ON skeletons (skeleton);
CREATE INDEX places_admin1 ON places (country, admin1_code, feature_class);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_katottg ON places (katottg);
"""

PLACE_COLUMNS = (
    "id", "geonameid", "name", "name_uk", "name_ru", "kind", "feature_class", "country",
    "admin1_code", "admin1", "admin2", "admin3", "lat", "lon", "precision", "population",
    "source", "katottg",
)  # fmt: skip

INSERT_PLACE = (
    f"INSERT INTO places ({', '.join(PLACE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in PLACE_COLUMNS)})"
)
INSERT_NAME = (
    "INSERT INTO names (place_id, name, key, skeleton, kind, lang) VALUES (?, ?, ?, ?, ?, ?)"
)


def create_tables(connection: sqlite3.Connection) -> None:
    connection.executescript(TABLES)


INDEX_SKELETONS = (
    "INSERT INTO name_trigrams (rowid, skeleton) "
    "SELECT id, '^' || skeleton || '$' FROM skeletons WHERE id > ?"
)


def create_indexes(connection: sqlite3.Connection) -> None:
    """Indexes, then the trigram index filled from the skeleton table in one pass."""
    connection.executescript(INDEXES)
    connection.execute(INDEX_SKELETONS, (0,))
