"""What the parties, the media and datasets say: late, inflated, partly false, derived.

Party complaints come from the side whose ground was hit and always blame the other side; a
share of them describes nothing that happened (fabricated); sometimes the side that fired also
complains about the same exchange (a contradictory attribution). Outlets repeat complaints
(``derived_from`` the party: same provenance, not independent) or report from their own
correspondents; a third of their rows name only the nearest place. A dataset codes outlets'
rows again (``derived_from`` the outlet).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from ceasefire.core.simulate.channels import confused_acts, signatures
from ceasefire.core.simulate.events import CODE, FIRE, Events, sector_bounds
from ceasefire.core.simulate.frame import ACT, CHANNELS, Frame, concat, frame, source_index
from ceasefire.core.simulate.front import Floats, Front, offset
from ceasefire.core.simulate.scenario import Scenario

COMPLAINANTS = ("sim: RU Ministry of Defence", "sim: UA General Staff")
OUTLETS = ("sim: outlet Alpha (wire)", "sim: outlet Beta", "sim: outlet Gamma")
FABRICATED, INVALID = 1, 2


@dataclass(frozen=True)
class Gazetteer:
    """Named places media can name (arrays of equal length) and a search tree over them."""

    name: tuple[str, ...]
    admin1: tuple[str, ...]
    lon: Floats
    lat: Floats

    def nearest(self, lon: Floats, lat: Floats) -> np.ndarray:
        """Index of the nearest place to each point (-1 when there are no places)."""
        if not self.name or len(lon) == 0:
            return np.full(len(lon), -1, dtype=np.int64)
        points: np.ndarray = np.asarray(shapely.points(self.lon, self.lat))
        tree = shapely.STRtree(points)
        pairs = tree.query_nearest(shapely.points(lon, lat), all_matches=False)
        out = np.full(len(lon), -1, dtype=np.int64)
        out[pairs[0]] = pairs[1]
        return out


def complaint_rows(
    events: Events, lonlat: tuple[Floats, Floats], front: Front, scenario: Scenario,
    rng: np.random.Generator,
) -> Frame:  # fmt: skip
    """Complaints by the side hit, counter-complaints, and fabricated ones."""
    lon, lat = lonlat
    rates = scenario.rates
    kind = events.kind
    p = np.select(
        [kind == CODE["kind"]["fire"], kind == CODE["kind"]["energy_strike"],
         kind == CODE["kind"]["weapon_in_zone"]],
        [rates.complaint, 0.9, 0.3],
        0.0,
    )  # fmt: skip
    hit = np.flatnonzero(rng.random(len(events)) < p)
    counter = np.flatnonzero(
        (rng.random(len(events)) < rates.counter_complaint) & (kind == CODE["kind"]["fire"])
    )
    index = np.concatenate([hit, counter])
    accused = np.concatenate([events.perp[hit], events.victim[counter]])
    in_zone = kind[hit] == CODE["kind"]["weapon_in_zone"]
    accused[: len(hit)][in_zone] = events.perp[hit][in_zone]  # the owner of the weapons
    x, y = front.to_metric(lon[index], lat[index])
    real = _complaints(events, index, (x, y), accused, front=front, scenario=scenario, rng=rng)
    n_fake = round(len(index) * rates.fabricated_share / (1 - rates.fabricated_share))
    return concat([real, fabricated_rows(events, n_fake, front, scenario, rng)])


def _complaints(
    events: Events, index: np.ndarray, xy: tuple[Floats, Floats], accused: np.ndarray,
    *, front: Front, scenario: Scenario, rng: np.random.Generator, label: int = 0,
) -> Frame:  # fmt: skip
    x, y = xy
    n = len(index)
    rates = scenario.rates
    plon, plat = front.to_lonlat(*offset(x, y, rng.uniform(*rates.complaint_km, n) * 1000, rng))
    t = events.t[index] + rng.normal(0, 1800, n).astype(np.int64)
    part_of_day = rng.random(n) < 0.3
    start = np.where(part_of_day, t // 21_600 * 21_600, t // 3600 * 3600)
    act = confused_acts(events.act[index], rates.act_confusion, rng)
    act = np.where((rng.random(n) < 0.3) & (act <= ACT["shelling.tank"]), ACT["shelling"], act)
    explosions, bursts = signatures(events, index, rng.uniform(*rates.complaint_inflation, n))
    first = source_index(scenario)[COMPLAINANTS[0]]
    return frame(
        n,
        event=index if label == 0 else -1,
        channel=CHANNELS.index("party_complaint"),
        label=label,
        source=first + (1 - accused),
        start=start,
        end=start + np.where(part_of_day, 21_600, 3600),
        precision=np.where(part_of_day, 2, 1),
        tz=1,
        reported=events.t[index] + rng.integers(2 * 3600, 36 * 3600, n),
        loc=0,
        lon=plon,
        lat=plat,
        radius=rng.choice([10_000, 15_000], n),
        act=act,
        target=np.where(events.target[index] == CODE["target"][""], -1, events.target[index]),
        weapon=np.where(
            events.kind[index] == CODE["kind"]["weapon_in_zone"], events.weapon[index], -1
        ),
        wcount=np.where(events.count[index] > 0, events.count[index] * 2, -1),
        sig_explosion=explosions,
        sig_burst=bursts,
        perception=4,
        alleged=accused,
        credibility=5,
        text=5,
    )


def fabricated_rows(
    events: Events, n: int, front: Front, scenario: Scenario, rng: np.random.Generator
) -> Frame:
    """Complaints about nothing: plausible acts near the line on the complainant's ground."""
    start, end, _ = sector_bounds(front, scenario)
    weight = np.array([s.density for s in scenario.sectors]) * (end - start)
    sector = rng.choice(len(weight), n, p=weight / weight.sum())
    along = start[sector] + rng.random(n) * (end[sector] - start[sector])
    px, py, nx, ny = front.frame_at(along)
    ru_sign = front.side_sign(px, py, nx, ny)
    complainant = rng.integers(0, 2, n)
    toward = np.where(complainant == 0, ru_sign, -ru_sign)
    depth = rng.gamma(2.0, 2000.0, n)
    fake = Events(
        t=scenario.start_s + rng.integers(0, scenario.days * 86_400, n),
        duration=np.full(n, 600, dtype=np.int64),
        x=px + toward * nx * depth,
        y=py + toward * ny * depth,
        fx=px,
        fy=py,
        act=np.array([CODE["act"][f.act] for f in FIRE[:6]])[rng.integers(0, 6, n)],
        weapon=np.zeros(n, dtype=np.int64),
        calibre=np.zeros(n, dtype=np.int64),
        model=np.zeros(n, dtype=np.int64),
        target=rng.choice([0, 1], n, p=[0.6, 0.4]),
        perp=1 - complainant,
        victim=complainant,
        sector=sector,
        kind=np.zeros(n, dtype=np.int64),
        signatures=1 + rng.poisson(8, n),
        actor=np.zeros(n, dtype=np.int64),
        count=np.zeros(n, dtype=np.int64),
    )
    rows = _complaints(
        fake,
        np.arange(n),
        (fake.x, fake.y),
        1 - complainant,
        front=front,
        scenario=scenario,
        rng=rng,
        label=FABRICATED,
    )
    rows["reported"] = fake.t + rng.integers(2 * 3600, 36 * 3600, n)
    return rows


def media_rows(
    events: Events, lonlat: tuple[Floats, Floats], complaints: Frame, places: Gazetteer,
    *, scenario: Scenario, rng: np.random.Generator,
) -> Frame:  # fmt: skip
    """Outlets repeating complaints and reporting on their own; a third name places only."""
    lon, lat = lonlat
    rates = scenario.rates
    outlets = source_index(scenario)[OUTLETS[0]]
    repeat = np.flatnonzero(rng.random(len(complaints["event"])) < rates.media_of_complaints)
    twice = repeat[rng.random(len(repeat)) < 0.3]
    rows = np.concatenate([repeat, twice])
    m = len(rows)
    repeated = frame(
        m,
        event=complaints["event"][rows],
        label=complaints["label"][rows],
        source=outlets + rng.integers(0, len(OUTLETS), m),
        derived=complaints["source"][rows],
        start=complaints["start"][rows],
        reported=complaints["reported"][rows] + rng.integers(600, 6 * 3600, m),
        lon=complaints["lon"][rows],
        lat=complaints["lat"][rows],
        radius=10_000,
        act=complaints["act"][rows],
        target=complaints["target"][rows],
        sig_explosion=complaints["sig_explosion"][rows],
        alleged=complaints["alleged"][rows],
        text=6,
    )
    p = np.where(events.kind == CODE["kind"]["energy_strike"], 0.5, 0.0)
    p = np.where(events.kind == CODE["kind"]["fire"], rates.media_own, p)
    own = np.flatnonzero(rng.random(len(events)) < p)
    k = len(own)
    front_side = np.where(rng.random(k) < 0.85, events.perp[own], events.victim[own])
    east = rng.uniform(2000, 8000, k)
    angle = rng.uniform(0, 2 * np.pi, k)
    reporting = frame(
        k,
        event=own,
        source=outlets + rng.integers(0, len(OUTLETS), k),
        start=events.t[own] // 3600 * 3600,
        reported=events.t[own] + rng.integers(1800, 12 * 3600, k),
        lon=lon[own] + east * np.sin(angle) / (111_320 * np.cos(np.radians(lat[own]))),
        lat=lat[own] + east * np.cos(angle) / 110_570,
        radius=8000,
        act=events.act[own],
        target=np.where(events.target[own] == CODE["target"][""], -1, events.target[own]),
        alleged=front_side,
        text=7,
    )
    out = concat([repeated, reporting])
    n = len(out["event"])
    out["channel"][:] = CHANNELS.index("media")
    place_only = rng.random(n) < rates.media_place_only
    out["place"] = np.where(place_only, places.nearest(out["lon"], out["lat"]), -1)
    place_only &= out["place"] >= 0
    out["loc"] = np.where(place_only, 2, 0)
    out["lon"] = np.where(place_only, np.nan, out["lon"])
    out["lat"] = np.where(place_only, np.nan, out["lat"])
    out["radius"] = np.where(place_only, -1, out["radius"])
    by_day = rng.random(n) < 0.5
    out["start"] = np.where(by_day, -1, out["start"])  # -1: the Kyiv date is written instead
    out["day"] = np.where(by_day, _kyiv_day(events, out, rows, complaints, own), -1)
    out["precision"] = np.where(by_day, 3, 1)
    out["end"] = np.where(by_day, -1, out["start"] + 3600)
    out["tz"] = np.where(by_day, 2, 1)
    out["perception"][:] = 4
    out["credibility"][:] = 2
    return out


def _kyiv_day(
    events: Events, out: Frame, rows: np.ndarray, complaints: Frame, own: np.ndarray
) -> np.ndarray:
    """Start of the Kyiv calendar day (UTC seconds) of each media row's event time."""
    t = np.concatenate([complaints["start"][rows], events.t[own]])
    return (t + 10_800) // 86_400 * 86_400 - 10_800


def dataset_rows(
    media: Frame, places: Gazetteer, scenario: Scenario, rng: np.random.Generator
) -> Frame:
    """A dataset's secondary coding of outlets' rows: a day, a place's point, a coarse act."""
    rows = np.flatnonzero(rng.random(len(media["event"])) < scenario.rates.dataset_of_media)
    n = len(rows)
    place = media["place"][rows]
    named = place >= 0
    lon = np.where(
        named, places.lon[np.maximum(place, 0)] if len(places.lon) else np.nan, media["lon"][rows]
    )
    lat = np.where(
        named, places.lat[np.maximum(place, 0)] if len(places.lat) else np.nan, media["lat"][rows]
    )
    act = media["act"][rows]
    coarse = np.where(act <= ACT["shelling.tank"], ACT["shelling"], act)
    coarse = np.where(
        (act >= ACT["drone_strike.fpv"]) & (act <= ACT["drone_strike.bomb_drop"]),
        ACT["drone_strike"],
        coarse,
    )
    day = np.where(
        media["day"][rows] >= 0,
        media["day"][rows],
        (media["start"][rows] + 10_800) // 86_400 * 86_400 - 10_800,
    )
    return frame(
        n,
        event=media["event"][rows],
        channel=CHANNELS.index("dataset"),
        label=media["label"][rows],
        source=source_index(scenario)["sim: conflict event dataset"],
        derived=media["source"][rows],
        start=-1,
        day=day,
        precision=3,
        tz=2,
        reported=media["reported"][rows] + rng.integers(86_400, 4 * 86_400, n),
        loc=np.where(named, 0, 0),
        place=place,
        lon=lon,
        lat=lat,
        radius=np.where(named, 5000, 10_000),
        act=coarse,
        target=media["target"][rows],
        alleged=media["alleged"][rows],
        perception=4,
        credibility=2,
        text=8,
    )


def invalid_rows(scenario: Scenario) -> Frame:
    """Rows the scenario makes invalid on purpose: swapped axes, an unknown act, end < start."""
    n = scenario.rates.invalid_rows
    t = scenario.start_s + 3600
    rows = frame(
        n,
        label=INVALID,
        channel=CHANNELS.index("media"),
        source=source_index(scenario)["sim: invalid examples"],
        start=t,
        end=np.where(np.arange(n) % 3 == 2, t - 86_400, -1),
        tz=0,
        loc=0,
        lon=np.where(np.arange(n) % 3 == 0, 48.02, 37.55),
        lat=np.where(np.arange(n) % 3 == 0, 37.55, 48.02),
        radius=1000,
        act=np.where(np.arange(n) % 3 == 1, ACT["bombardment"], ACT["shelling"]),
        text=9,
    )
    return rows
