"""Synthetic observations on real geography, for the demo until the simulator ([2/6]) lands.

Every row is marked as generated: its ``source_name`` starts with ``generated:``. Events are
placed near the given line of contact on the side that holds the ground (from the control
areas), and each event is reported by some of the channels a mission sees: a monitor patrol
(a point with 1-3 km uncertainty, or the observer's position with bearing and distance ranges),
a camera, the party whose side was hit (late, 5-15 km off, blaming the other side) and the media
(a nearby place name only). A few strikes hit power plants from the registry, and a few rows are
deliberately invalid to show the quarantine.

The output is raw text columns in the flat observation layout, so it goes through the same
intake as any file.

>>> from shapely.geometry import LineString, box
>>> line = LineString([(37.0, 47.6), (37.6, 48.6)])
>>> areas = {"RU": box(37.3, 47.0, 39.0, 49.0), "UA": box(35.0, 47.0, 37.3, 49.0)}
>>> columns = synthetic_observations(line, areas, [], [], seed=1, events_per_day=5, days=2)
>>> len(columns["act"]) > 10, columns["source_name"][0].startswith("generated:")
(True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from ceasefire.core.taxonomy import Act, TargetClass

KM_PER_DEGREE = 111.32
DEFAULT_START = datetime(2025, 4, 16, 21, 0, tzinfo=UTC)  # 17 April 00:00 Kyiv time

ACTS = (
    (Act.SHELLING_ARTILLERY, 0.32, "artillery", 122),
    (Act.SHELLING_MORTAR, 0.2, "mortar", 120),
    (Act.DRONE_STRIKE_FPV, 0.25, "drone.fpv", None),
    (Act.SMALL_ARMS_FIRE, 0.1, "small_arms", None),
    (Act.SHELLING_MLRS, 0.05, "mlrs.light", 122),
    (Act.GROUND_ASSAULT, 0.05, None, None),
    (Act.DRONE_STRIKE_BOMB_DROP, 0.03, "drone.bomber", None),
)
PARTY_NAMES = {"RU": "Russia", "UA": "Ukraine"}
COMPLAINANTS = {"RU": "generated: RU Ministry of Defence", "UA": "generated: UA General Staff"}


@dataclass(frozen=True)
class Place:
    """A named place (from the gazetteer) that media reports can name."""

    name: str
    lon: float
    lat: float
    admin1: str


@dataclass(frozen=True)
class Plant:
    """A power plant from the registry (a possible target of energy strikes)."""

    name: str
    lon: float
    lat: float
    fuel: str


@dataclass(frozen=True)
class _Event:
    """One generated true event, before the channels report it."""

    index: int
    lon: float
    lat: float
    when: datetime
    act: Act
    weapon: str | None
    calibre: int | None
    hit: str
    shooter: str


def _offset(
    lon: np.ndarray, lat: np.ndarray, east_km: np.ndarray, north_km: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    scale = KM_PER_DEGREE * np.cos(np.radians(lat))
    return lon + east_km / scale, lat + north_km / KM_PER_DEGREE


def _event_positions(
    line: LineString | MultiLineString, count: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    fractions = rng.random(count)
    points = shapely.line_interpolate_point(line, fractions, normalized=True)
    lon, lat = shapely.get_x(points), shapely.get_y(points)
    distance = rng.gamma(2.0, 2.5, count)  # km from the line, mostly 1-10
    angle = rng.uniform(0, 2 * math.pi, count)
    return _offset(lon, lat, distance * np.cos(angle), distance * np.sin(angle))


def _bearing(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    d_lon = math.radians(lon2 - lon1)
    y = math.sin(d_lon) * math.cos(math.radians(lat2))
    x = math.cos(math.radians(lat1)) * math.sin(math.radians(lat2)) - math.sin(
        math.radians(lat1)
    ) * math.cos(math.radians(lat2)) * math.cos(d_lon)
    return (math.degrees(math.atan2(y, x)) + 360) % 360


class _Rows:
    """Accumulates rows as text columns."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def add(self, **cells: object) -> None:
        self.rows.append({k: str(v) for k, v in cells.items() if v is not None and v != ""})

    def columns(self) -> dict[str, list[str | None]]:
        names = sorted({name for row in self.rows for name in row})
        return {name: [row.get(name) for row in self.rows] for name in names}


def synthetic_observations(
    line: LineString | MultiLineString,
    control: dict[str, BaseGeometry],
    places: list[Place],
    plants: list[Plant],
    *,
    seed: int = 2025,
    start: datetime = DEFAULT_START,
    days: int = 7,
    events_per_day: int = 250,
) -> dict[str, list[str | None]]:
    """Raw text columns of generated observations (see the module docstring)."""
    rng = np.random.default_rng(seed)
    count = days * events_per_day
    lon, lat = _event_positions(line, count, rng)
    held_by_ru = shapely.contains_xy(control["RU"], lon, lat)
    held_by_ua = shapely.contains_xy(control["UA"], lon, lat)
    weights = np.array([w for _, w, _, _ in ACTS])
    act_index = rng.choice(len(ACTS), size=count, p=weights / weights.sum())
    seconds = rng.uniform(0, days * 86_400, count)
    place_xy = np.array([(p.lon, p.lat) for p in places]) if places else np.empty((0, 2))
    out = _Rows()
    for i in range(count):
        if not (held_by_ru[i] or held_by_ua[i]):
            continue  # sea or outside both areas
        hit = "RU" if held_by_ru[i] else "UA"
        shooter = "UA" if hit == "RU" else "RU"
        act, _, weapon, calibre = ACTS[act_index[i]]
        when = start + timedelta(seconds=float(seconds[i]))
        _report(
            out,
            rng,
            _Event(i, float(lon[i]), float(lat[i]), when, act, weapon, calibre, hit, shooter),
            place_xy,
            places,
        )
    _energy_strikes(out, rng, plants, start, days)
    _invalid_examples(out, start)
    return out.columns()


def _report(
    out: _Rows,
    rng: np.random.Generator,
    event: _Event,
    place_xy: np.ndarray,
    places: list[Place],
) -> None:
    i, lon, lat, when, act = event.index, event.lon, event.lat, event.when, event.act
    weapon, calibre, hit, shooter = event.weapon, event.calibre, event.hit, event.shooter
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    signatures = int(rng.integers(1, 15))
    if rng.random() < 0.45:
        east, north = rng.normal(0, 1.2, 2)
        plon, plat = _offset(np.array(lon), np.array(lat), np.array(east), np.array(north))
        out.add(
            key=f"smm-{i}",
            source_kind="monitor_team",
            source_name=f"generated: monitoring team {1 + i % 12}",
            reliability="B",
            credibility="2",
            start=stamp,
            act=act.value,
            lat=f"{float(plat):.5f}",
            lon=f"{float(plon):.5f}",
            radius_m=int(rng.integers(1000, 3001)),
            sig_explosion=signatures if act.value.startswith("shelling") else None,
            perception="seen_and_heard",
            weapon_type=weapon,
            weapon_calibre_mm=calibre,
            text=f"{signatures} signatures recorded (generated)",
        )
    elif rng.random() < 0.5:
        distance = float(rng.uniform(3, 9))
        angle = float(rng.uniform(0, 2 * math.pi))
        olon, olat = _offset(
            np.array(lon),
            np.array(lat),
            np.array(distance * math.cos(angle)),
            np.array(distance * math.sin(angle)),
        )
        bearing = _bearing(float(olon), float(olat), lon, lat)
        out.add(
            key=f"smm-sector-{i}",
            source_kind="monitor_team",
            source_name=f"generated: monitoring team {1 + i % 12}",
            reliability="B",
            credibility="3",
            start=stamp,
            act=act.value,
            location_kind="sector",
            observer_lat=f"{float(olat):.5f}",
            observer_lon=f"{float(olon):.5f}",
            bearing_min_deg=int(bearing - 10) % 360,
            bearing_max_deg=int(bearing + 10) % 360,
            distance_min_m=int(max(distance - 2, 0.5) * 1000),
            distance_max_m=int((distance + 2) * 1000),
            perception="heard",
            sig_explosion=signatures,
            text="heard, not seen (generated)",
        )
    if rng.random() < 0.15:
        out.add(
            key=f"cam-{i}",
            source_kind="sensor",
            source_name=f"generated: camera {i % 9}",
            reliability="A",
            credibility="1",
            start=stamp,
            act=act.value,
            lat=f"{lat:.5f}",
            lon=f"{lon:.5f}",
            radius_m=300,
            perception="imagery",
        )
    if rng.random() < 0.4:
        late = when + timedelta(hours=float(rng.uniform(2, 30)))
        east, north = rng.normal(0, 8, 2)
        clon, clat = _offset(np.array(lon), np.array(lat), np.array(east), np.array(north))
        out.add(
            key=f"complaint-{hit}-{i}",
            source_kind="party_official",
            source_name=COMPLAINANTS[hit],
            reliability="D",
            credibility="4",
            start=when.strftime("%Y-%m-%dT%H:00:00Z"),
            time_precision="hour",
            reported_at=late.strftime("%Y-%m-%dT%H:%M:%SZ"),
            act=act.value,
            lat=f"{float(clat):.5f}",
            lon=f"{float(clon):.5f}",
            radius_m=int(rng.integers(5000, 15001)),
            alleged_perpetrator=shooter,
            claimant=COMPLAINANTS[hit].removeprefix("generated: "),
            text=f"{PARTY_NAMES[shooter]} violated the ceasefire (generated complaint)",
        )
    if places and rng.random() < 0.2:
        nearest = int(np.argmin((place_xy[:, 0] - lon) ** 2 + (place_xy[:, 1] - lat) ** 2))
        place = places[nearest]
        out.add(
            key=f"media-{i}",
            source_kind="media",
            source_name="generated: news wire",
            reliability="C",
            credibility="3",
            derived_from=COMPLAINANTS[hit],
            start=when.strftime("%Y-%m-%d"),
            source_tz="Europe/Kyiv",
            act="shelling",
            place_name=place.name,
            admin1=place.admin1,
            country="UA",
            alleged_perpetrator=shooter,
            text=f"Shelling reported near {place.name}, officials said (generated)",
        )


def _energy_strikes(
    out: _Rows, rng: np.random.Generator, plants: list[Plant], start: datetime, days: int
) -> None:
    targets = [p for p in plants if p.fuel in ("Coal", "Gas", "Nuclear", "Hydro")]
    for k in range(min(len(targets), 2 * days)):
        plant = targets[int(rng.integers(len(targets)))]
        when = start + timedelta(hours=float(rng.uniform(0, 24 * days)))
        target = (
            TargetClass.ENERGY_NUCLEAR
            if plant.fuel == "Nuclear"
            else (
                TargetClass.ENERGY_DAM if plant.fuel == "Hydro" else TargetClass.ENERGY_GENERATION
            )
        )
        out.add(
            key=f"energy-{k}",
            source_kind="party_official",
            source_name=COMPLAINANTS["UA"],
            reliability="D",
            credibility="3",
            start=when.strftime("%Y-%m-%dT%H:%M:00Z"),
            act="drone_strike.loitering",
            target_class=target.value,
            lat=f"{plant.lat:.4f}",
            lon=f"{plant.lon:.4f}",
            radius_m=2000,
            alleged_perpetrator="RU",
            text=f"Drone strike on {plant.name} (generated)",
        )


def _invalid_examples(out: _Rows, start: datetime) -> None:
    stamp = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    common = {"source_kind": "media", "source_name": "generated: invalid examples", "start": stamp}
    out.add(
        key="invalid-swapped",
        act="shelling",
        lat="37.55",
        lon="48.02",
        text="deliberately invalid: latitude and longitude swapped",
        **common,
    )
    out.add(
        key="invalid-act",
        act="bombardment",
        lat="48.02",
        lon="37.55",
        text="deliberately invalid: not an act of the taxonomy",
        **common,
    )
    out.add(
        key="invalid-window",
        act="shelling",
        lat="48.02",
        lon="37.55",
        end="2025-01-01T00:00:00Z",
        text="deliberately invalid: ends before it starts",
        **common,
    )
