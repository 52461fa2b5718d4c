"""Attribution from whose ground it is: where the impact lands, where the weapon stands.

Two rules, each read only from sources independent of the parties (never a party's claim, nor
media or datasets repeating one):

* **impact side** (a presumption): indirect fire (shelling, drones, missiles, air strikes)
  whose impact lies *clearly* inside one party's controlled area — further from the other
  party's area than its location uncertainty (for a report from outside the mission, at least
  its kind's usual precision: 10 km for media) plus ``IMPACT_SIDE_MARGIN_KM`` — was very likely
  fired by the other party. Fire at one's own ground happens (strikes on infiltrated units,
  fire across a salient, friendly fire), mostly within a few km of the line; the margin keeps
  that strip out. The presumption grades ``low`` and gives way to any evidence of who fired
  (direction of fire, imagery, a monitor who saw it).
* **weapon holder**: a weapon that a monitor saw, or imagery shows, standing clearly on one
  party's ground (beyond its radius plus ``WEAPON_MARGIN_KM``) is that party's: the party
  bound by withdrawal terms.

>>> from shapely.geometry import box
>>> control = {"UA": box(36, 47, 38, 48), "RU": box(36, 48, 38, 49)}
>>> holder, depth = holding_party(np.array([37.0, 37.0]), np.array([47.5, 47.99]),
...     np.array([1.0, 1.0]), control, margin_km=3.0)
>>> holder.tolist(), [round(float(d)) for d in depth]
(['UA', None], [38, 0])
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.taxonomy import is_a
from ceasefire.core.verification.grade import evidence_level, good_standing
from ceasefire.core.verification.link import first_per_group
from ceasefire.core.verification.model import (
    BoolArray,
    FloatArray,
    IntArray,
    ObjectArray,
    VerificationBatch,
)
from ceasefire.core.verification.sides import clear_sides
from ceasefire.core.verification.spatial import DEFAULT_RADIUS_KM, KM_PER_DEG_LON_EQUATOR

IMPACT_SIDE_MARGIN_KM = 3.0
"""How far beyond its uncertainty an impact must lie inside a party's area for the impact side
to say who fired: fire at one's own ground (assault groups in the grey zone, short rounds) is
common in the first few km from the line, rare deeper."""
WEAPON_MARGIN_KM = 1.0
"""How far beyond its uncertainty a weapon must stand inside a party's area to be that party's
(equipment of both sides may stand in the strip along the line)."""
INDIRECT_FIRE = ("shelling", "drone_strike", "missile_strike", "air_strike")
"""Acts whose impact is far from the shooter: the impact side says where they came from."""
WEAPON_ACTS = ("weapon_sighting",)

Centres = tuple[FloatArray, FloatArray, FloatArray]
"""Each observation's centre (lon, lat) and radius in km (``spatial.locate``)."""


def holding_party(
    lon: FloatArray,
    lat: FloatArray,
    radius_km: FloatArray,
    control: dict[str, BaseGeometry],
    *,
    margin_km: float,
) -> tuple[ObjectArray, FloatArray]:
    """The party clearly holding each point (further than ``radius_km + margin_km`` from every
    other party's area), or None; and the point's distance inside that party's area, in km at
    the east-west scale of its latitude (an underestimate: "at least")."""
    parties, side = clear_sides(lon, lat, radius_km + margin_km, control)
    holder = np.full(lon.size, None, dtype=object)
    depth = np.zeros(lon.size)
    names = np.array(parties, dtype=object)
    clear = side >= 0
    holder[clear] = names[side[clear]]
    areas = list(control.values())
    for p in range(len(parties)):
        rows = np.flatnonzero(side == p)
        if rows.size == 0:
            continue
        points = shapely.points(lon[rows], lat[rows])
        nearest = np.min(
            [np.asarray(shapely.distance(a, points)) for q, a in enumerate(areas) if q != p]
            or [np.zeros(rows.size)],
            axis=0,
        )
        depth[rows] = nearest * KM_PER_DEG_LON_EQUATOR * np.cos(np.radians(lat[rows]))
    return holder, depth


def _place(
    labels: IntArray, rows: BoolArray, located: Centres, size: int
) -> tuple[FloatArray, FloatArray, FloatArray, IntArray]:
    """Per incident, from the ``rows`` selected only: centre weighted by 1/radius², the
    smallest radius of them (not shrunk by their number: a conservative bound), and the
    best-placed row (-1 when none)."""
    lon, lat, radius = located
    rows = rows & np.isfinite(lon) & np.isfinite(radius)
    weight = np.where(rows, 1.0 / np.where(rows, np.maximum(radius, 0.1), 1.0) ** 2, 0.0)
    total = np.bincount(labels, weight, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.bincount(labels, np.where(rows, weight * lon, 0.0), minlength=size) / total
        y = np.bincount(labels, np.where(rows, weight * lat, 0.0), minlength=size) / total
    first = first_per_group(labels, ~rows, np.where(rows, radius, np.inf))
    lead = np.full(size, -1, dtype=np.int64)
    lead[labels] = first
    lead[np.bincount(labels, rows, minlength=size) == 0] = -1
    best = np.where(lead >= 0, radius[np.maximum(lead, 0)], np.inf)
    return x, y, best, lead


def _acts_of(acts: ObjectArray, kinds: tuple[str, ...]) -> BoolArray:
    return np.array(
        [a is not None and any(is_a(str(a), k) for k in kinds) for a in acts.tolist()],
        dtype=bool,
    )


def _floored(batch: VerificationBatch, located: Centres) -> Centres:
    """Radii of reports from outside the mission raised to their kind's usual precision (an
    outlet naming a village places the event no better than the outlet usually does)."""
    lon, lat, radius = located
    own = (batch.source_kind == "monitor_team") | (batch.source_kind == "sensor")
    floor = np.array([DEFAULT_RADIUS_KM.get(k, 10.0) for k in batch.source_kind.tolist()])
    return lon, lat, np.where(own, radius, np.maximum(radius, floor))


def independent(batch: VerificationBatch) -> BoolArray:
    """Reports in good standing from a source that is not a party and repeats nobody."""
    derived = np.array([d is not None for d in batch.derived_from.tolist()], dtype=bool)
    party = batch.source_kind == "party_official"
    return np.asarray(good_standing(batch) & ~derived & ~party, dtype=bool)


def impact_side(
    batch: VerificationBatch,
    labels: IntArray,
    incident_act: ObjectArray,
    located: Centres,
    control: dict[str, BaseGeometry],
) -> tuple[ObjectArray, ObjectArray]:
    """Per incident: the party presumed to have fired from the impact's side (or None), and
    the sentence saying so. Needs exactly two parties in ``control``."""
    size = incident_act.size
    party = np.full(size, None, dtype=object)
    text = np.full(size, None, dtype=object)
    if len(control) != 2 or size == 0:
        return party, text
    lon, lat, radius, lead = _place(labels, independent(batch), _floored(batch, located), size)
    fire = _acts_of(incident_act, INDIRECT_FIRE) & (lead >= 0)
    rows = np.flatnonzero(fire)
    holder, depth = holding_party(
        lon[rows], lat[rows], radius[rows], control, margin_km=IMPACT_SIDE_MARGIN_KM
    )
    names = [str(p).strip().upper() for p in control]
    for k, held, km in zip(rows.tolist(), holder.tolist(), depth.tolist(), strict=True):
        if held is None:
            continue
        party[k] = names[1 - names.index(str(held))]
        text[k] = (
            f"impact {km:.0f} km inside {held}-held ground (placed within {radius[k]:.1f} km by "
            f"{batch.source_name[lead[k]]}); fire at a party's own ground is rare; "
            "no direction-of-fire or imagery evidence names who fired"
        )
    return party, text


def weapon_holder(
    batch: VerificationBatch,
    labels: IntArray,
    size: int,
    located: Centres,
    control: dict[str, BaseGeometry],
) -> tuple[ObjectArray, ObjectArray]:
    """Per incident: the party on whose ground a sighted weapon stands (or None), and the
    sentence saying so; from monitors who saw it or imagery, in good standing."""
    party = np.full(size, None, dtype=object)
    text = np.full(size, None, dtype=object)
    if size == 0 or not control:
        return party, text
    saw = good_standing(batch) & (evidence_level(batch.source_kind, batch.perception) >= 4)
    rows = saw & _acts_of(batch.act, WEAPON_ACTS)
    lon, lat, radius, lead = _place(labels, rows, located, size)
    found = np.flatnonzero(lead >= 0)
    holder, depth = holding_party(
        lon[found], lat[found], radius[found], control, margin_km=WEAPON_MARGIN_KM
    )
    for k, held, km in zip(found.tolist(), holder.tolist(), depth.tolist(), strict=True):
        if held is None:
            continue
        party[k] = held
        text[k] = (
            f"weapon seen by {batch.source_name[lead[k]]} {km:.0f} km inside {held}-held ground "
            f"(placed within {radius[k]:.1f} km): a weapon stands on its holder's ground"
        )
    return party, text
