"""Observation effort (patrols, sensor uptime, places not reached) and weapon storage sites."""

from ceasefire.core.effort.model import (
    EffortKind,
    EffortRecord,
    Inspection,
    InventoryItem,
    ItemCount,
    RestrictionReason,
    SensorKind,
    Shortfall,
    StorageSite,
    shortfalls,
)
from ceasefire.core.effort.parse import EFFORT_COLUMNS, parse_effort
from ceasefire.core.effort.route import RouteError, parse_route, route_length_m
from ceasefire.core.effort.storage import (
    STORAGE_COLUMNS,
    parse_storage_sites,
    undeclared_counts,
)

__all__ = [
    "EFFORT_COLUMNS",
    "STORAGE_COLUMNS",
    "EffortKind",
    "EffortRecord",
    "Inspection",
    "InventoryItem",
    "ItemCount",
    "RestrictionReason",
    "RouteError",
    "SensorKind",
    "Shortfall",
    "StorageSite",
    "parse_effort",
    "parse_route",
    "parse_storage_sites",
    "route_length_m",
    "shortfalls",
    "undeclared_counts",
]
