"""Reference maps: daily occupied-territory polygons, and where a point stood on a given day."""

from claimledger.reference.deepstate import DayMap, ReferenceDataError, read_file, read_folder
from claimledger.reference.index import MapCheck, OccupationIndex

__all__ = [
    "DayMap",
    "MapCheck",
    "OccupationIndex",
    "ReferenceDataError",
    "read_file",
    "read_folder",
]
