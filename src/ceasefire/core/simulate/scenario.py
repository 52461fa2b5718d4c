"""Scenario parameters: sectors of the front, intensity per sector and day, channel rates.

A scenario is a value; :data:`SCENARIOS` holds the named ones (``default``, ``quiet``,
``dense``). Intensities are *true events per 10 km of front per day* in each sector, before the
day profile (a truce window scales them down). docs/simulator.md documents every figure.

>>> scenario_named("default").sector("Pokrovsk").density
28.0
>>> sorted(SCENARIOS)
['default', 'dense', 'quiet']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ceasefire.core.errors import CeasefireError

DAY_S = 86_400
START_S = 1_744_837_200
"""2025-04-16T21:00:00Z: 17 April 2025 00:00 Kyiv time."""
EASTER_TRUCE_S = (1_745_074_800, 1_745_182_800)
"""The Easter truce, 19 April 2025 18:00 to 21 April 00:00 Moscow time, in UTC epoch seconds."""


@dataclass(frozen=True, slots=True)
class Sector:
    """A named stretch of the front around an anchor point, with its intensity."""

    name: str
    lon: float
    lat: float
    density: float
    """True events per 10 km of front per day outside a truce."""
    patrol_cover: float
    """Chance that a monitor patrol reports an event here (0 where access is restricted)."""
    cameras: int
    """Fixed cameras watching this sector."""


SECTORS: tuple[Sector, ...] = (
    Sector("Kupiansk", 37.61, 49.71, 12.0, 0.30, 2),
    Sector("Lyman", 37.80, 48.99, 12.0, 0.30, 2),
    Sector("Siversk", 38.10, 48.87, 7.0, 0.25, 1),
    Sector("Kramatorsk/Kostiantynivka", 37.85, 48.59, 16.0, 0.40, 3),
    Sector("Toretsk", 37.84, 48.40, 18.0, 0.30, 2),
    Sector("Pokrovsk", 37.18, 48.28, 28.0, 0.35, 3),
    Sector("Velyka Novosilka", 36.84, 47.84, 9.0, 0.20, 1),
    Sector("Huliaipole", 36.26, 47.66, 7.0, 0.20, 1),
    Sector("Orikhiv", 35.79, 47.57, 8.0, 0.25, 2),
    Sector("Kherson/Dnipro", 32.62, 46.64, 2.5, 0.05, 1),
)
"""Sectors of the 2025 front, north to south; each covers the line nearest its anchor."""


@dataclass(frozen=True, slots=True)
class Rates:
    """How often each channel reports and how it errs (shares are of true events or rows)."""

    second_monitor: float = 0.25
    """Chance a second team also reports an event a first team reported (triangulation)."""
    monitor_seen: float = 0.45
    """Share of monitor reports where the event was seen (point form, direction of fire)."""
    monitor_point_km: tuple[float, float] = (1.0, 3.0)
    """Location error of a monitor's point report, km (uniform between the bounds)."""
    camera_range_km: float = 6.0
    uav: float = 0.06
    """Chance UAV imagery catches an event (launch side visible: attributable)."""
    complaint: float = 0.45
    """Chance the party whose ground was hit files a complaint about an event."""
    counter_complaint: float = 0.08
    """Chance the shooting side also complains about the same event, blaming the other."""
    complaint_km: tuple[float, float] = (5.0, 15.0)
    fabricated_share: float = 0.075
    """Share of all complaints that describe no event at all."""
    complaint_inflation: tuple[float, float] = (1.5, 3.0)
    media_of_complaints: float = 0.25
    """Chance a complaint is repeated by an outlet (``derived_from`` the party)."""
    media_own: float = 0.05
    """Chance an outlet reports an event from its own correspondent."""
    media_place_only: float = 1 / 3
    dataset_of_media: float = 0.5
    own_ground_fire: float = 0.04
    """Share of fire whose impact is on the shooter's own ground: strikes on infiltrated units,
    fire across a salient, friendly fire (an assumption, not a measured figure)."""
    act_confusion: float = 0.15
    """Chance an observer confuses mortar with artillery, FPV with bomb drop (and back)."""
    invalid_rows: int = 3


@dataclass(frozen=True, slots=True)
class Scenario:
    """All parameters of one simulation (the seed is given separately)."""

    name: str
    description: str
    days: int = 6
    start_s: int = START_S
    line_date: str = "2025-04-18"
    truce: tuple[int, int] = EASTER_TRUCE_S
    truce_factor: float = 0.3
    """Intensity during the truce window, as a share of the usual."""
    intensity: float = 1.0
    """Multiplies every sector's density."""
    sectors: tuple[Sector, ...] = SECTORS
    energy_strikes_per_day: float = 6.0
    weapons_in_zone_per_day: float = 12.0
    restrictions_per_day: float = 4.0
    rates: Rates = field(default_factory=Rates)

    def sector(self, name: str) -> Sector:
        """The sector called ``name``."""
        for sector in self.sectors:
            if sector.name == name:
                return sector
        raise CeasefireError(f"no sector {name!r} in scenario {self.name!r}")

    def with_days(self, days: int) -> Scenario:
        """The same scenario over ``days`` days (tests use one or two)."""
        return replace(self, days=days)


SCENARIOS: dict[str, Scenario] = {
    "default": Scenario(
        "default",
        "six days around the 2025 Easter truce at realistic intensity; the fixed, documented "
        "difficulty the verification targets are set on",
    ),
    "quiet": Scenario(
        "quiet",
        "a holding truce: intensity at a tenth, a tight truce window, few weapons in zones",
        intensity=0.1,
        truce_factor=0.2,
        energy_strikes_per_day=0.5,
        weapons_in_zone_per_day=2.0,
        restrictions_per_day=1.0,
    ),
    "dense": Scenario(
        "dense",
        "a stress test: four times the default intensity, more duplicates and more noise",
        intensity=4.0,
        truce_factor=0.6,
        energy_strikes_per_day=20.0,
        weapons_in_zone_per_day=40.0,
        rates=Rates(second_monitor=0.4, complaint=0.6, media_of_complaints=0.4, act_confusion=0.25),
    ),
}


def scenario_named(name: str) -> Scenario:
    """The scenario called ``name``; a plain error listing the names otherwise."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise CeasefireError(
            f"no scenario {name!r}; expected one of {', '.join(sorted(SCENARIOS))}"
        ) from None
