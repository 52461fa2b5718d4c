"""Attribution: which party an incident can be laid on, with the basis in plain words.

Evidence that can attribute, from monitor or sensor sources in good standing (reliability
A-C, credibility 1-3):

* *observed direction of fire*: walking back 1-25 km along the bearing the fire came from,
  the one party whose control area clearly holds points on that path (beyond their
  uncertainty: the impact's radius plus 10 degrees of bearing), other than the party clearly
  holding the impact, fired; near the line, or with two parties on the path, the direction
  says nothing; needs control areas;
* *imagery* (camera, UAV, sensor) naming the perpetrator;
* a monitor who *saw* it naming the perpetrator.

A party's own complaint, or media repeating it, never attributes on its own ("not
attributable"); when the evidence points at two parties, or the parties blame each other and
there is no evidence, the incident is "contested".

>>> from shapely.geometry import box
>>> fire_origin(np.array([37.0]), np.array([47.99]), np.array([0.0]),
...     {"UA": box(36, 47, 38, 48), "RU": box(36, 48, 38, 49)}).tolist()
['RU']
"""

from __future__ import annotations

import numpy as np
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification.grade import evidence_level, good_standing
from ceasefire.core.verification.ground import Centres, impact_side, weapon_holder
from ceasefire.core.verification.model import (
    Attribution,
    FloatArray,
    IntArray,
    ObjectArray,
    VerificationBatch,
)
from ceasefire.core.verification.sides import clear_sides
from ceasefire.core.verification.spatial import destination, locate

SAMPLE_KM = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0)
IMPACT_MARGIN = 0.5
"""The impact's side counts when the impact lies this share of its radius inside it (a stated
radius bounds the worst case; half of it is the typical error)."""
BEARING_SPREAD_DEG = 10.0
"""How far a direction of fire judged by eye or from a crater may be off."""


def fire_origin(
    lon: FloatArray,
    lat: FloatArray,
    from_bearing: FloatArray,
    control: dict[str, BaseGeometry],
    radius_km: FloatArray | None = None,
) -> ObjectArray:
    """The party the fire came from, or None when the direction does not say it clearly.

    Walking back from the impact along the bearing the fire came from (1-25 km), each point
    is judged with its uncertainty: the impact's radius (``radius_km``, at least 0.5 km) plus
    the spread of a bearing judged by eye (``BEARING_SPREAD_DEG``) at that distance. The fire
    came from the one party whose area clearly holds some of those points when the impact lies
    clearly (half its radius) on the other party's ground: the shot crossed the line. An impact
    near the line, no clear point, or clear points of two parties: None (a bend in the line
    can put both ends of a short path on one side).
    """
    out = np.full(lon.size, None, dtype=object)
    if lon.size == 0 or not control:
        return out
    radius = np.full(lon.size, 0.5) if radius_km is None else np.maximum(radius_km, 0.5)
    parties, own = clear_sides(lon, lat, radius * IMPACT_MARGIN, control)
    found = np.zeros((lon.size, len(parties)), dtype=bool)
    spread = np.sin(np.radians(BEARING_SPREAD_DEG))
    for km in SAMPLE_KM:
        x, y = destination(lon, lat, from_bearing, np.full(lon.size, km))
        there = clear_sides(x, y, radius + km * spread, control)[1]
        hit = (there >= 0) & (there != own)
        found[np.flatnonzero(hit), there[hit]] = True
    single = (found.sum(axis=1) == 1) & (own >= 0)
    names = np.array(parties, dtype=object)
    out[single] = names[np.argmax(found[single], axis=1)]
    return out


def attribute(
    batch: VerificationBatch,
    labels: IntArray,
    lon: FloatArray,
    lat: FloatArray,
    control: dict[str, BaseGeometry] | None,
    *,
    radius_km: FloatArray | None = None,
    act: ObjectArray | None = None,
    located: Centres | None = None,
) -> tuple[ObjectArray, ObjectArray, ObjectArray, ObjectArray]:
    """Party, attribution, attribution confidence and basis of each incident.

    ``lon``/``lat``/``radius_km`` are the incidents' best locations (direction of fire is traced
    from there, within that uncertainty); ``act`` is each incident's act (the impact side is
    read for indirect fire only; without it, not at all); ``located`` each observation's
    centre and radius (``spatial.locate``; computed when not given).
    """
    size = int(labels.max(initial=-1)) + 1
    level = evidence_level(batch.source_kind, batch.perception)
    trusted = good_standing(batch) & (level >= 3)
    alleged = np.array(
        [None if a is None else str(a).strip().upper() for a in batch.alleged_perpetrator.tolist()],
        dtype=object,
    )
    signals: list[list[tuple[str, str, int]]] = [[] for _ in range(size)]
    claims: list[list[tuple[str, str]]] = [[] for _ in range(size)]
    has_dof = trusted & np.isfinite(batch.fire_from_bearing_deg)
    if control:
        rows = np.flatnonzero(has_dof & np.isfinite(lon[labels]))
        origin = fire_origin(
            lon[labels[rows]],
            lat[labels[rows]],
            batch.fire_from_bearing_deg[rows],
            control,
            None if radius_km is None else radius_km[labels[rows]],
        )
        for r, party in zip(rows.tolist(), origin.tolist(), strict=True):
            if party is not None:
                how = "seen" if level[r] >= 4 else "heard"
                signals[labels[r]].append(
                    (
                        str(party),
                        f"direction of fire {how} by {batch.source_name[r]}",
                        2 if level[r] >= 4 else 1,
                    )
                )
    presumed = np.full(size, None, dtype=object)
    presumed_text = np.full(size, None, dtype=object)
    if control:
        located = located or locate(batch)
        holder, held_text = weapon_holder(batch, labels, size, located, control)
        for k in np.flatnonzero(holder != None).tolist():  # noqa: E711
            signals[k].append((str(holder[k]), str(held_text[k]), 2))
        if act is not None:
            presumed, presumed_text = impact_side(batch, labels, act, located, control)
    named = trusted & (level >= 4) & (alleged != None)  # noqa: E711
    for r in np.flatnonzero(named).tolist():
        what = "imagery" if level[r] == 5 else "a monitor who saw it"
        signals[labels[r]].append(
            (str(alleged[r]), f"{what} ({batch.source_name[r]})", 3 if level[r] == 5 else 2)
        )
    for r in np.flatnonzero(~named & (alleged != None)).tolist():  # noqa: E711
        claimant = batch.derived_from[r] or batch.claimant[r] or batch.source_name[r]
        claims[labels[r]].append((str(alleged[r]), str(claimant)))
    party = np.full(size, None, dtype=object)
    verdict = np.full(size, Attribution.NOT_ATTRIBUTABLE.value, dtype=object)
    strength = np.full(size, None, dtype=object)
    basis = np.empty(size, dtype=object)
    for k in range(size):
        party[k], verdict[k], strength[k], basis[k] = _decide(
            signals[k], claims[k], None if presumed[k] is None else (presumed[k], presumed_text[k])
        )
    return party, verdict, strength, basis


def _decide(
    signals: list[tuple[str, str, int]],
    claims: list[tuple[str, str]],
    presumed: tuple[str, str] | None = None,
) -> tuple[str | None, str, str | None, str]:
    claim_text = "; ".join(sorted({f"{c} blames {p}" for p, c in claims}))
    if presumed is not None and not signals:
        text = f"attributed to {presumed[0]} (low), presumed from the impact's side: {presumed[1]}"
        against = sorted({p for p, _ in claims if p != presumed[0]})
        if against:
            text += f"; against the claim blaming {', '.join(against)}"
        return presumed[0], Attribution.ATTRIBUTED.value, "low", text
    parties = sorted({p for p, _, _ in signals})
    if len(parties) > 1:
        said = "; ".join(sorted({f"{how} points at {p}" for p, how, _ in signals}))
        return None, Attribution.CONTESTED.value, None, f"contested: {said}"
    if parties:
        weight = sum(w for _, _, w in signals)
        grade = "high" if weight >= 3 else "medium" if weight == 2 else "low"
        hows = "; ".join(sorted({how for _, how, _ in signals}))
        text = f"attributed to {parties[0]} ({grade}): {hows}"
        against = sorted({p for p, _ in claims if p != parties[0]})
        if against:
            text += f"; against the claim blaming {', '.join(against)}"
        return parties[0], Attribution.ATTRIBUTED.value, grade, text
    blamed = sorted({p for p, _ in claims})
    if len(blamed) > 1:
        return None, Attribution.CONTESTED.value, None, f"contested: {claim_text}; no evidence"
    if blamed:
        return (
            None,
            Attribution.NOT_ATTRIBUTABLE.value,
            None,
            f"not attributable: only a party's claim ({claim_text}), never enough on its own",
        )
    return (
        None,
        Attribution.NOT_ATTRIBUTABLE.value,
        None,
        "not attributable: no evidence of who fired",
    )
