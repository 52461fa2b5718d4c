"""True events: where and when each side fires, strikes energy objects, moves weapons into
withdrawal zones and stops monitors. Vectorised with numpy; one seeded generator drives it.

Events are generated in the front's metric frame: a position along the line (sector by sector,
day by day, at each sector's intensity), a point on the victim's side of the line and a firing
position on the shooter's side at the weapon's range; a small share of fire lands on the
shooter's own ground instead (``Rates.own_ground_fire``). Events that land where neither side
holds the ground (the sea, a wiggle of the line) are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from ceasefire.core.simulate.front import PARTIES, Floats, Front, Ints
from ceasefire.core.simulate.scenario import DAY_S, Scenario


@dataclass(frozen=True, slots=True)
class FireKind:
    """One kind of fire: act, weapon, range behind the line and depth of impact."""

    act: str
    weapon: str
    calibre: int
    range_km: tuple[float, float]
    depth_km: float
    signature: str
    weight_ru: float
    weight_ua: float


FIRE: tuple[FireKind, ...] = (
    FireKind("shelling.artillery", "artillery.towed", 152, (8, 20), 4.0, "explosion", 0.26, 0.22),
    FireKind("shelling.mortar", "mortar", 120, (2, 5), 2.0, "explosion", 0.15, 0.16),
    FireKind("shelling.mlrs", "mlrs.light", 122, (10, 25), 6.0, "explosion", 0.06, 0.05),
    FireKind("shelling.tank", "tank", 125, (2, 5), 2.0, "explosion", 0.03, 0.02),
    FireKind("drone_strike.fpv", "drone.fpv", 0, (2, 10), 3.0, "explosion", 0.22, 0.30),
    FireKind("drone_strike.bomb_drop", "drone.bomber", 0, (2, 8), 3.0, "explosion", 0.08, 0.12),
    FireKind("air_strike.glide_bomb", "glide_bomb", 0, (40, 60), 8.0, "explosion", 0.06, 0.0),
    FireKind("small_arms_fire", "small_arms", 0, (0.3, 1), 0.5, "burst", 0.08, 0.08),
    FireKind("ground_assault", "", 0, (0.5, 2), 0.7, "burst", 0.06, 0.05),
)
ENERGY_ACTS = (("drone_strike.loitering", "drone.loitering"), ("missile_strike", "missile.cruise"))
FIRE_TARGETS = (
    ("military", 0.70),
    ("civilian.residential", 0.18),
    ("civilian.transport", 0.05),
    ("energy.transmission", 0.04),
    ("unknown", 0.03),
)
ENERGY_TARGETS_RU_SIDE = ("energy.refinery", "energy.oil_gas_storage", "energy.transmission")
KINDS = ("fire", "energy_strike", "weapon_in_zone", "interference")
IN_ZONE_WEAPONS = (
    ("mlrs.light", 122, "BM-21 Grad"),
    ("mlrs.heavy", 220, "BM-27 Uragan"),
    ("artillery.towed", 152, "2A65 Msta-B"),
    ("tank", 125, "T-72"),
    ("mortar", 120, "2B11"),
)


def vocabulary() -> dict[str, tuple[str, ...]]:
    """Code → text tables for the coded event columns."""
    acts = (
        *(f.act for f in FIRE),
        *(a for a, _ in ENERGY_ACTS),
        "weapon_sighting",
        "restriction_of_movement",
    )
    weapons = tuple(dict.fromkeys([f.weapon for f in FIRE] + [w for _, w in ENERGY_ACTS]))
    weapons = tuple(dict.fromkeys(weapons + tuple(w for w, _, _ in IN_ZONE_WEAPONS)))
    targets = (
        *(t for t, _ in FIRE_TARGETS),
        "energy.generation",
        "energy.dam",
        *ENERGY_TARGETS_RU_SIDE[:2],
        "",
    )
    return {"act": acts, "weapon": weapons, "target": targets, "kind": KINDS}


VOCAB = vocabulary()
CODE = {name: {text: i for i, text in enumerate(values)} for name, values in VOCAB.items()}


@dataclass(frozen=True)
class Sites:
    """Power plants from the registry that strikes may target (arrays of equal length)."""

    name: tuple[str, ...]
    lon: Floats
    lat: Floats
    target_class: tuple[str, ...]


@dataclass
class Events:
    """True events as columns; ``perp`` and ``victim`` are party indices (0 RU, 1 UA)."""

    t: Ints
    duration: Ints
    x: Floats
    y: Floats
    fx: Floats
    fy: Floats
    act: Ints
    weapon: Ints
    calibre: Ints
    model: Ints
    target: Ints
    perp: Ints
    victim: Ints
    sector: Ints
    kind: Ints
    signatures: Ints
    actor: Ints
    count: Ints

    def __len__(self) -> int:
        return len(self.t)

    def take(self, index: Ints) -> Events:
        """The events at ``index``, in that order."""
        return Events(**{k: getattr(self, k)[index] for k in self.__dataclass_fields__})

    @classmethod
    def concat(cls, parts: Sequence[Events]) -> Events:
        """Events of several parts, one after another."""
        return cls(
            **{k: np.concatenate([getattr(p, k) for p in parts]) for k in cls.__dataclass_fields__}
        )


def sector_bounds(front: Front, scenario: Scenario) -> tuple[Floats, Floats, Ints]:
    """Start and end (m along the line) of each sector, and the order along the line."""
    anchors = front.positions([s.lon for s in scenario.sectors], [s.lat for s in scenario.sectors])
    order = np.argsort(anchors, kind="stable")
    ordered = anchors[order]
    cuts = np.concatenate([[0.0], (ordered[1:] + ordered[:-1]) / 2, [front.length_m]])
    start = np.empty(len(anchors))
    end = np.empty(len(anchors))
    start[order], end[order] = cuts[:-1], cuts[1:]
    return start, end, order.astype(np.int64)


def sector_of(along_m: Floats, front: Front, scenario: Scenario) -> Ints:
    """The sector index of each position along the line."""
    start, _, order = sector_bounds(front, scenario)
    cuts = np.sort(start)[1:]
    return order[np.searchsorted(cuts, along_m, side="right")]


def _actors(perp: Ints, sector: Ints, rng: np.random.Generator, sectors: int) -> Ints:
    return (perp * sectors + sector) * 3 + rng.integers(0, 3, len(perp))


def actor_names(scenario: Scenario) -> tuple[str, ...]:
    """Actor index → name: three formations per party and sector (all simulated)."""
    return tuple(
        f"{party} formation {k + 1}, {sector.name} (simulated)"
        for party in PARTIES
        for sector in scenario.sectors
        for k in range(3)
    )


def _blank(n: int) -> dict[str, Ints]:
    return {k: np.zeros(n, dtype=np.int64) for k in ("calibre", "model", "signatures", "count")}


def fire_events(front: Front, scenario: Scenario, rng: np.random.Generator) -> Events:
    """Fire across the line, sector by sector and day by day at each sector's intensity."""
    start, end, _ = sector_bounds(front, scenario)
    length_10km = (end - start) / 10_000
    density = np.array([s.density for s in scenario.sectors]) * scenario.intensity
    jitter = rng.uniform(0.9, 1.2, (scenario.days, len(scenario.sectors)))
    counts = rng.poisson(density * length_10km * jitter)
    sector = np.repeat(np.tile(np.arange(len(scenario.sectors)), scenario.days), counts.ravel())
    day = np.repeat(np.repeat(np.arange(scenario.days), len(scenario.sectors)), counts.ravel())
    t = scenario.start_s + day * DAY_S + rng.integers(0, DAY_S, len(day))
    in_truce = (t >= scenario.truce[0]) & (t < scenario.truce[1])
    keep = ~in_truce | (rng.random(len(t)) < scenario.truce_factor)
    sector, t = sector[keep], t[keep]
    n = len(t)
    along = start[sector] + rng.random(n) * (end[sector] - start[sector])
    px, py, nx, ny = front.frame_at(along)
    ru_sign = front.side_sign(px, py, nx, ny)
    perp = (rng.random(n) >= 0.58).astype(np.int64)  # RU fires 58 % of the time
    victim = 1 - perp
    weights = np.array([[f.weight_ru for f in FIRE], [f.weight_ua for f in FIRE]])
    cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    kind = (rng.random(n)[:, None] > cumulative[perp]).sum(axis=1)
    kind = np.minimum(kind, len(FIRE) - 1)
    depth = np.array([f.depth_km for f in FIRE])[kind] * 1000 * rng.gamma(2.0, 0.5, n)
    low = np.array([f.range_km[0] for f in FIRE])[kind]
    high = np.array([f.range_km[1] for f in FIRE])[kind]
    reach = rng.uniform(low, high) * 1000
    toward_victim = np.where(victim == 0, ru_sign, -ru_sign)
    jx, jy = rng.normal(0, 300, n), rng.normal(0, 300, n)
    x = px + toward_victim * nx * depth + jx
    y = py + toward_victim * ny * depth + jy
    wrong = front.controller(*front.to_lonlat(x, y)) != victim  # the line bends: try the other side
    toward_victim = np.where(wrong, -toward_victim, toward_victim)
    x = px + toward_victim * nx * depth + jx
    y = py + toward_victim * ny * depth + jy
    fx = px - toward_victim * nx * reach
    fy = py - toward_victim * ny * reach
    held = front.controller(*front.to_lonlat(x, y)) == victim
    own = _own_ground(front, (px, py, nx, ny), toward_victim, (depth, reach), perp=perp,
                      rng=rng.spawn(1)[0], share=scenario.rates.own_ground_fire)  # fmt: skip
    moved = own.mask & held
    x, y = np.where(moved, own.x, x), np.where(moved, own.y, y)
    fx, fy = np.where(moved, own.fx, fx), np.where(moved, own.fy, fy)
    target_p = np.array([w for _, w in FIRE_TARGETS])
    target = rng.choice(len(FIRE_TARGETS), n, p=target_p / target_p.sum())
    signature_scale = np.where(np.array([f.signature for f in FIRE])[kind] == "burst", 30, 8)
    extra = _blank(n)
    extra["calibre"] = np.array([f.calibre for f in FIRE], dtype=np.int64)[kind]
    extra["signatures"] = 1 + rng.poisson(signature_scale)
    events = Events(
        t=t.astype(np.int64),
        duration=rng.integers(60, 1200, n),
        x=x,
        y=y,
        fx=fx,
        fy=fy,
        act=np.array([CODE["act"][f.act] for f in FIRE], dtype=np.int64)[kind],
        weapon=np.array([CODE["weapon"][f.weapon] for f in FIRE], dtype=np.int64)[kind],
        target=target.astype(np.int64),
        perp=perp,
        victim=victim,
        sector=sector.astype(np.int64),
        kind=np.full(n, CODE["kind"]["fire"], dtype=np.int64),
        actor=_actors(perp, sector, rng, len(scenario.sectors)),
        **extra,
    )
    return events.take(np.flatnonzero(held))


@dataclass(frozen=True)
class OwnGround:
    """Fire landing on the shooter's own ground: which events, and their impact and origin."""

    mask: np.ndarray
    x: Floats
    y: Floats
    fx: Floats
    fy: Floats


def _own_ground(
    front: Front, frame: tuple[Floats, Floats, Floats, Floats], toward_victim: Ints,
    depth_reach: tuple[Floats, Floats], *, perp: Ints, rng: np.random.Generator, share: float,
) -> OwnGround:  # fmt: skip
    """A ``share`` of fire lands on the shooter's own ground (see docs/simulator.md, "Fire on
    one's own ground"): at the depth it would have had across the line, fired from further back
    on the same side, so neither the impact's side nor the direction of fire points across the
    line. Drawn from ``rng`` (a child generator, so the other events and channels draw the same
    numbers as without it); where a bend of the line puts that point on the other side's
    ground, the event stays as it was.
    """
    px, py, nx, ny = frame
    depth, reach = depth_reach
    n = len(px)
    mask = rng.random(n) < share
    jx, jy = rng.normal(0, 300, n), rng.normal(0, 300, n)
    x = px - toward_victim * nx * depth + jx
    y = py - toward_victim * ny * depth + jy
    fx = px - toward_victim * nx * (depth + reach)
    fy = py - toward_victim * ny * (depth + reach)
    mask &= front.controller(*front.to_lonlat(x, y)) == perp
    return OwnGround(mask, x, y, fx, fy)


def _held(front: Front, events: Events) -> Events:
    """Only events whose impact lies on the victim's ground (the firing point is not checked)."""
    lon, lat = front.to_lonlat(events.x, events.y)
    ok = front.controller(lon, lat) == events.victim
    return events.take(np.flatnonzero(ok))


def energy_events(
    front: Front, scenario: Scenario, sites: Sites, rng: np.random.Generator
) -> Events:
    """Strikes on energy objects: registry plants and generated substations, depots, refineries."""
    n = int(rng.poisson(scenario.energy_strikes_per_day * scenario.days))
    t = scenario.start_s + rng.integers(0, scenario.days * DAY_S, n)
    perp = 1 - (rng.random(n) < 0.65).astype(np.int64)
    along = rng.random(n) * front.length_m
    px, py, nx, ny = front.frame_at(along)
    ru_sign = front.side_sign(px, py, nx, ny)
    toward_victim = np.where(perp == 1, ru_sign, -ru_sign)
    depth = rng.uniform(20_000, 150_000, n)
    x, y = px + toward_victim * nx * depth, py + toward_victim * ny * depth
    target = np.where(
        perp == 0,
        CODE["target"]["energy.transmission"],
        np.array([CODE["target"][c] for c in ENERGY_TARGETS_RU_SIDE])[rng.integers(0, 3, n)],
    ).astype(np.int64)
    plant = (perp == 0) & (rng.random(n) < 0.5) & (len(sites.name) > 0)
    if plant.any():
        pick = rng.integers(0, max(len(sites.name), 1), int(plant.sum()))
        x[plant], y[plant] = front.to_metric(sites.lon[pick], sites.lat[pick])
        codes = np.array([CODE["target"][c] for c in sites.target_class], dtype=np.int64)
        target[plant] = codes[pick]
    reach = rng.uniform(30_000, 150_000, n)
    act_pick = (rng.random(n) < 0.35).astype(np.int64)
    extra = _blank(n)
    extra["signatures"] = 1 + rng.poisson(2, n)
    sector = _nearest_sector(front, scenario, x, y)
    events = Events(
        t=t.astype(np.int64),
        duration=rng.integers(60, 900, n),
        x=x,
        y=y,
        fx=px - toward_victim * nx * reach,
        fy=py - toward_victim * ny * reach,
        act=np.array([CODE["act"][a] for a, _ in ENERGY_ACTS], dtype=np.int64)[act_pick],
        weapon=np.array([CODE["weapon"][w] for _, w in ENERGY_ACTS], dtype=np.int64)[act_pick],
        target=target,
        perp=perp,
        victim=1 - perp,
        sector=sector,
        kind=np.full(n, CODE["kind"]["energy_strike"], dtype=np.int64),
        actor=_actors(perp, sector, rng, len(scenario.sectors)),
        **extra,
    )
    return _held(front, events)


def _nearest_sector(front: Front, scenario: Scenario, x: Floats, y: Floats) -> Ints:
    along = np.asarray(shapely.line_locate_point(front.line_m, shapely.points(x, y)), dtype=float)
    return sector_of(along, front, scenario)


def presence_events(
    front: Front,
    scenario: Scenario,
    zones_m: Mapping[str, int],
    rng: np.random.Generator,
) -> Events:
    """Weapons moved into withdrawal zones, and monitors stopped at checkpoints."""
    n_w = int(rng.poisson(scenario.weapons_in_zone_per_day * scenario.days))
    n_r = int(rng.poisson(scenario.restrictions_per_day * scenario.days))
    n = n_w + n_r
    is_weapon = np.arange(n) < n_w
    day = rng.integers(0, scenario.days, n)
    t = scenario.start_s + day * DAY_S + rng.integers(4 * 3600, 16 * 3600, n)  # daylight
    owner = rng.integers(0, 2, n)
    along = rng.random(n) * front.length_m
    px, py, nx, ny = front.frame_at(along)
    ru_sign = front.side_sign(px, py, nx, ny)
    toward_own = np.where(owner == 0, ru_sign, -ru_sign)
    pick = rng.integers(0, len(IN_ZONE_WEAPONS), n)
    zone = np.array([zones_m.get(w, 15_000) for w, _, _ in IN_ZONE_WEAPONS], dtype=float)[pick]
    depth = np.where(is_weapon, rng.uniform(0.15, 0.9, n) * zone, rng.uniform(3_000, 20_000, n))
    x, y = px + toward_own * nx * depth, py + toward_own * ny * depth
    weapon_codes = np.array([CODE["weapon"][w] for w, _, _ in IN_ZONE_WEAPONS], dtype=np.int64)
    extra = _blank(n)
    extra["calibre"] = np.where(is_weapon, np.array([c for _, c, _ in IN_ZONE_WEAPONS])[pick], 0)
    extra["model"] = np.where(is_weapon, pick + 1, 0)
    extra["count"] = np.where(is_weapon, rng.integers(1, 7, n), 0)
    sector = sector_of(along, front, scenario)
    events = Events(
        t=t.astype(np.int64),
        duration=rng.integers(600, 3600, n),
        x=x,
        y=y,
        fx=x.copy(),
        fy=y.copy(),
        act=np.where(
            is_weapon, CODE["act"]["weapon_sighting"], CODE["act"]["restriction_of_movement"]
        ).astype(np.int64),
        weapon=np.where(is_weapon, weapon_codes[pick], CODE["weapon"][""]).astype(np.int64),
        target=np.full(n, CODE["target"][""], dtype=np.int64),
        perp=owner.astype(np.int64),
        victim=owner.astype(np.int64),
        sector=sector,
        kind=np.where(
            is_weapon, CODE["kind"]["weapon_in_zone"], CODE["kind"]["interference"]
        ).astype(np.int64),
        actor=_actors(owner.astype(np.int64), sector, rng, len(scenario.sectors)),
        **extra,
    )
    return _held(front, events)


def true_events(
    front: Front,
    scenario: Scenario,
    sites: Sites,
    zones_m: Mapping[str, int],
    rng: np.random.Generator,
) -> Events:
    """Every true event of the scenario, in time order."""
    events = Events.concat(
        [
            fire_events(front, scenario, rng),
            energy_events(front, scenario, sites, rng),
            presence_events(front, scenario, zones_m, rng),
        ]
    )
    return events.take(np.argsort(events.t, kind="stable"))
