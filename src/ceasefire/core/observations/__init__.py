"""Observations: the atomic, immutable reports as received, in a flat columnar layout."""

from ceasefire.core.observations.canonical import canonicalise, row_bytes
from ceasefire.core.observations.columns import COLUMNS, Column, LocationKind
from ceasefire.core.observations.parse import ObservationBatch, parse_columns

__all__ = [
    "COLUMNS",
    "Column",
    "LocationKind",
    "ObservationBatch",
    "canonicalise",
    "parse_columns",
    "row_bytes",
]
