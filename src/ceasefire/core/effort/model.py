"""Observation effort and weapon storage sites: what was watched, and what was declared.

"No violations recorded" is not "no violations": counts mean something only beside the effort
that produced them. An :class:`EffortRecord` is one of three kinds — a *patrol* (a team, a
window, a route and the distance covered), a *sensor* window (a camera, UAV or radar and its
uptime in whole minutes), or a *restriction* (a place the monitors could not reach, when, who
stopped them and why). A :class:`StorageSite` holds a party's declared inventory of weapons; an
:class:`Inspection` counts what was there, so that "missing" = declared − counted.

Every record has canonical bytes (RFC 8785, no floats: micro-degrees, UTC text, minutes, metres).

>>> from datetime import UTC
>>> site = StorageSite(site_id="S-1", party="Ukraine", declared_at=datetime(2025, 4, 1,
...     tzinfo=UTC), items=(InventoryItem(WeaponType.MLRS, 122, None, 6),))
>>> site.canonical()[:47]
b'{"declared_at":"2025-04-01T00:00:00Z","items":['
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ceasefire.core.effort.route import Position
from ceasefire.core.ledger.canonical import CanonicalRecord, utc_text
from ceasefire.core.weapons import WeaponType

EFFORT_LAYOUT = "effort/1"
SITE_LAYOUT = "storage_site/1"
INSPECTION_LAYOUT = "storage_inspection/1"


class EffortKind(StrEnum):
    """The three kinds of effort record."""

    PATROL = "patrol"
    SENSOR = "sensor"
    RESTRICTION = "restriction"


class SensorKind(StrEnum):
    """What kind of sensor a window of uptime belongs to."""

    CAMERA = "camera"
    UAV = "uav"
    RADAR = "radar"
    ACOUSTIC = "acoustic"


class RestrictionReason(StrEnum):
    """Why the monitors could not reach a place (OSCE SMM reports used the same grounds)."""

    DENIED_AT_CHECKPOINT = "denied_at_checkpoint"
    MINES = "mines"
    SECURITY = "security"
    ONGOING_FIRE = "ongoing_fire"
    ESCORT_NOT_PROVIDED = "escort_not_provided"
    UAV_JAMMING = "uav_jamming"
    ROAD_CONDITIONS = "road_conditions"
    WEATHER = "weather"
    OTHER = "other"


def _present(values: dict[str, object | None]) -> dict[str, object]:
    return {name: value for name, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class EffortRecord(CanonicalRecord):
    """One patrol, sensor window or restriction, in the flat effort layout."""

    key: str
    source_name: str
    kind: EffortKind
    start: datetime
    end: datetime | None = None
    source_tz: str | None = None
    team: str | None = None
    route: tuple[Position, ...] = ()
    distance_m: int | None = None
    distance_from: str | None = None
    """``reported`` (the file's ``distance_m``) or ``route`` (geodesic length of the route)."""
    sensor_id: str | None = None
    sensor_kind: SensorKind | None = None
    uptime_min: int | None = None
    lat: int | None = None
    lon: int | None = None
    radius_m: int | None = None
    place_name: str | None = None
    restricted_by: str | None = None
    reason: RestrictionReason | None = None
    text: str | None = None
    row: int | None = field(default=None, compare=False)
    """Row in the source file (not part of the content)."""

    def content(self) -> dict[str, object]:
        """The record as a JSON-ready dict with no floats (what the record commits to)."""
        return _present(
            {
                "layout": EFFORT_LAYOUT,
                "key": self.key,
                "source_name": self.source_name,
                "kind": self.kind.value,
                "start": utc_text(self.start),
                "end": utc_text(self.end) if self.end else None,
                "source_tz": self.source_tz,
                "team": self.team,
                "route": [list(p) for p in self.route] or None,
                "distance_m": self.distance_m,
                "distance_from": self.distance_from,
                "sensor_id": self.sensor_id,
                "sensor_kind": self.sensor_kind.value if self.sensor_kind else None,
                "uptime_min": self.uptime_min,
                "lat": self.lat,
                "lon": self.lon,
                "radius_m": self.radius_m,
                "place_name": self.place_name,
                "restricted_by": self.restricted_by,
                "reason": self.reason.value if self.reason else None,
                "text": self.text,
            }
        )


@dataclass(frozen=True, slots=True)
class InventoryItem:
    """A declared holding: ``declared`` weapons of one type, calibre and model."""

    weapon_type: WeaponType
    calibre_mm: int | None
    model: str | None
    declared: int
    row: int | None = field(default=None, compare=False)

    @property
    def identity(self) -> tuple[str, int | None, str | None]:
        """What an inspection count is matched on: type, calibre and model."""
        return (self.weapon_type.value, self.calibre_mm, self.model)

    def as_dict(self) -> dict[str, object]:
        """Present fields as a dict."""
        return _present(
            {
                "weapon_type": self.weapon_type.value,
                "calibre_mm": self.calibre_mm,
                "model": self.model,
                "declared": self.declared,
            }
        )


@dataclass(frozen=True, slots=True)
class StorageSite(CanonicalRecord):
    """A weapon storage site with the inventory a party declared for it."""

    site_id: str
    party: str
    declared_at: datetime
    items: tuple[InventoryItem, ...]
    name: str | None = None
    lat: int | None = None
    lon: int | None = None
    source_tz: str | None = None
    row: int | None = field(default=None, compare=False)

    def content(self) -> dict[str, object]:
        """The declaration as a JSON-ready dict with no floats."""
        return _present(
            {
                "layout": SITE_LAYOUT,
                "site_id": self.site_id,
                "party": self.party,
                "declared_at": utc_text(self.declared_at),
                "name": self.name,
                "lat": self.lat,
                "lon": self.lon,
                "source_tz": self.source_tz,
                "items": [item.as_dict() for item in self.items],
            }
        )


@dataclass(frozen=True, slots=True)
class ItemCount:
    """What an inspection counted of one declared item."""

    weapon_type: WeaponType
    calibre_mm: int | None
    model: str | None
    counted: int
    row: int | None = field(default=None, compare=False)

    @property
    def identity(self) -> tuple[str, int | None, str | None]:
        """Type, calibre and model, as :attr:`InventoryItem.identity`."""
        return (self.weapon_type.value, self.calibre_mm, self.model)

    def as_dict(self) -> dict[str, object]:
        """Present fields as a dict."""
        return _present(
            {
                "weapon_type": self.weapon_type.value,
                "calibre_mm": self.calibre_mm,
                "model": self.model,
                "counted": self.counted,
            }
        )


@dataclass(frozen=True, slots=True)
class Inspection(CanonicalRecord):
    """A visit to a storage site that counted its weapons; keyed by site and time."""

    site_id: str
    inspected_at: datetime
    counts: tuple[ItemCount, ...]
    inspected_by: str | None = None
    row: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """``site_id@UTC time``: one inspection per site and moment."""
        return f"{self.site_id}@{utc_text(self.inspected_at)}"

    def content(self) -> dict[str, object]:
        """The inspection as a JSON-ready dict with no floats."""
        return _present(
            {
                "layout": INSPECTION_LAYOUT,
                "site_id": self.site_id,
                "inspected_at": utc_text(self.inspected_at),
                "inspected_by": self.inspected_by,
                "counts": [count.as_dict() for count in self.counts],
            }
        )


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Declared weapons an inspection did not find (``missing`` > 0) or found in excess (< 0)."""

    weapon_type: WeaponType
    calibre_mm: int | None
    model: str | None
    declared: int
    counted: int

    @property
    def missing(self) -> int:
        """Declared − counted."""
        return self.declared - self.counted


def shortfalls(site: StorageSite, inspection: Inspection) -> tuple[Shortfall, ...]:
    """Declared − counted for each declared item the inspection counted.

    >>> from datetime import UTC
    >>> item = InventoryItem(WeaponType.TANK, 125, "T-72", 10)
    >>> found = Inspection("S-1", datetime(2025, 4, 2, tzinfo=UTC),
    ...                    (ItemCount(WeaponType.TANK, 125, "T-72", 7),))
    >>> [s.missing for s in shortfalls(StorageSite("S-1", "X", found.inspected_at, (item,)),
    ...                                found)]
    [3]
    """
    counted = {count.identity: count.counted for count in inspection.counts}
    return tuple(
        Shortfall(item.weapon_type, item.calibre_mm, item.model, item.declared, counted[key])
        for item in site.items
        if (key := item.identity) in counted
    )
