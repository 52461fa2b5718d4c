"""A simulation's rows as text columns: observations in the flat layout, and the truth.

Formatting works on a slice ``[lo, hi)`` so an edge can write a million rows in blocks without
holding them all as text. Times are written in UTC (``Z``), in local time with the ``+03:00``
offset (Kyiv and Moscow in April), or as a Kyiv date alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ceasefire.core.simulate.events import VOCAB, actor_names
from ceasefire.core.simulate.frame import CHANNELS, LABELS, PARTY_NAMES, TABLES, sources
from ceasefire.core.simulate.front import PARTIES
from ceasefire.core.simulate.run import Simulation

Text = list[str | None]
KEY_PREFIX = ("MP", "CAM", "UAV", "PC", "MED", "DS")
TRUTH_EVENT_COLUMNS = (
    "event_id",
    "start",
    "end",
    "lon",
    "lat",
    "act",
    "weapon_type",
    "calibre_mm",
    "target_class",
    "perpetrator",
    "actor",
    "attributable",
    "sector",
    "kind",
)
TRUTH_OBSERVATION_COLUMNS = ("source_name", "key", "event_id", "label", "channel")


def _coded(table: Sequence[str], codes: np.ndarray) -> Text:
    lookup = np.array([v or None for v in table] + [None], dtype=object)
    return list(lookup[np.where(codes < 0, len(table), codes)])


def _ints(values: np.ndarray) -> Text:
    return [None if v < 0 else str(v) for v in values.tolist()]


def _degrees(values: np.ndarray, places: int = 5) -> Text:
    return [None if math.isnan(v) else f"{v:.{places}f}" for v in values.tolist()]


def utc_text(seconds: np.ndarray) -> Text:
    """``YYYY-MM-DDTHH:MM:SSZ`` per epoch second; ``None`` for -1."""
    text = np.datetime_as_string(np.maximum(seconds, 0).astype("datetime64[s]"), unit="s")
    return [
        None if s < 0 else f"{t}Z" for s, t in zip(seconds.tolist(), text.tolist(), strict=True)
    ]


def _times(seconds: np.ndarray, day: np.ndarray, tz: np.ndarray) -> Text:
    local = np.datetime_as_string(
        (np.maximum(seconds, 0) + 10_800).astype("datetime64[s]"), unit="s"
    )
    date = np.datetime_as_string(
        (np.maximum(day, 0) + 10_800).astype("datetime64[s]").astype("datetime64[D]"), unit="D"
    )
    utc = utc_text(seconds)
    out: Text = []
    for s, z, t, d, u in zip(
        seconds.tolist(), tz.tolist(), local.tolist(), date.tolist(), utc, strict=True
    ):
        out.append(d if z == 2 else None if s < 0 else f"{t}+03:00" if z == 1 else u)
    return out


def observation_columns(sim: Simulation, lo: int, hi: int) -> dict[str, Text]:
    """Text columns of the flat layout for rows ``lo`` to ``hi`` (exclusive)."""
    r = {name: values[lo:hi] for name, values in sim.rows.items()}
    src = sources(sim.scenario)
    index = np.arange(lo, hi)
    keys = [
        f"SIM-{KEY_PREFIX[c]}-{i:07d}"
        for c, i in zip(r["channel"].tolist(), index.tolist(), strict=True)
    ]
    names = [s.name for s in src]
    claimant_of = np.where(r["derived"] >= 0, r["derived"], r["source"])
    claimants = [s.claimant for s in src]
    has_claim = np.isin(r["channel"], [CHANNELS.index("party_complaint"), CHANNELS.index("media")])
    places = sim.places
    place = r["place"]
    act = _coded(TABLES["act"], r["act"])
    party = _coded(PARTIES, r["alleged"])
    count = r["sig_explosion"]
    source_names = _coded(names, r["source"])
    columns: dict[str, Text] = {
        "key": list(keys),
        "source_kind": _coded([s.kind for s in src], r["source"]),
        "source_name": source_names,
        "reliability": _coded([s.reliability for s in src], r["source"]),
        "credibility": _coded(TABLES["credibility"], r["credibility"]),
        "derived_from": _coded(names, r["derived"]),
        "start": _times(r["start"], r["day"], r["tz"]),
        "end": _times(r["end"], r["day"] * 0 - 1, np.where(r["tz"] == 2, 0, r["tz"])),
        "time_precision": _coded(TABLES["precision"], r["precision"]),
        "source_tz": [("Europe/Kyiv" if z == 2 else None) for z in r["tz"].tolist()],
        "reported_at": utc_text(r["reported"]),
        "received_at": utc_text(np.where(r["reported"] >= 0, r["reported"] + 600, -1)),
        "location_kind": _coded(TABLES["loc"], r["loc"]),
        "lat": _degrees(r["lat"]),
        "lon": _degrees(r["lon"]),
        "radius_m": _ints(r["radius"]),
        "observer_lat": _degrees(r["olat"]),
        "observer_lon": _degrees(r["olon"]),
        "bearing_min_deg": _ints(r["bmin"]),
        "bearing_max_deg": _ints(r["bmax"]),
        "distance_min_m": _ints(r["dmin"]),
        "distance_max_m": _ints(r["dmax"]),
        "place_name": _coded(places.name, place),
        "admin1": _coded(places.admin1, place),
        "country": [("UA" if p >= 0 else None) for p in place.tolist()],
        "fire_from_bearing_deg": _ints(r["fire_from"]),
        "act": act,
        "target_class": _coded(TABLES["target"], r["target"]),
        "weapon_type": _coded(TABLES["weapon"], r["weapon"]),
        "weapon_calibre_mm": _ints(np.where(r["calibre"] > 0, r["calibre"], -1)),
        "weapon_model": _coded(TABLES["model"], r["model"]),
        "weapon_count": _ints(r["wcount"]),
        "sig_explosion": _ints(count),
        "sig_burst": _ints(r["sig_burst"]),
        "perception": _coded(TABLES["perception"], r["perception"]),
        "alleged_perpetrator": party,
        "claimant": [
            (claimants[c] or None) if h else None
            for c, h in zip(claimant_of.tolist(), has_claim.tolist(), strict=True)
        ],
    }
    columns["text"] = [
        _text(code, act=a, party=p, count=n, via=s, place=pl)
        for code, a, p, n, s, pl in zip(
            r["text"].tolist(), act, party, count.tolist(),
            _coded(names, r["derived"]), columns["place_name"], strict=True,
        )
    ]  # fmt: skip
    return columns


def _text(code: int, *, act: str | None, party: str | None, count: int, via: str | None,
          place: str | None) -> str:  # fmt: skip
    what = (act or "an act").replace("_", " ").replace(".", ": ")
    who = PARTY_NAMES[PARTIES.index(party)] if party in PARTIES else "the other side"
    near = f" near {place}" if place else ""
    texts = (
        f"{max(count, 0)} explosion(s) recorded; assessed as {what}",
        f"weapons seen: {what}",
        "patrol stopped at a checkpoint; access denied",
        f"camera recorded {what}",
        f"UAV imagery: {what}; launch position on ground held by {who}",
        f"{who} violated the ceasefire: {what}{near} (simulated complaint)",
        f"{(via or 'officials').removeprefix('sim: ')} says {who} carried out {what}{near}",
        f"our correspondent reports {what}{near}; locals blame {who}",
        f"coded from media: {what}{near}",
        "deliberately invalid row (simulated)",
    )
    return texts[code] if 0 <= code < len(texts) else what


def truth_event_columns(sim: Simulation, lo: int, hi: int) -> dict[str, Text]:
    """Text columns of ``truth/events.csv`` for events ``lo`` to ``hi``."""
    e = sim.events
    t = e.t[lo:hi]
    return {
        "event_id": [f"E{i:07d}" for i in range(lo, hi)],
        "start": utc_text(t),
        "end": utc_text(t + e.duration[lo:hi]),
        "lon": _degrees(sim.lon[lo:hi], 6),
        "lat": _degrees(sim.lat[lo:hi], 6),
        "act": _coded(VOCAB["act"], e.act[lo:hi]),
        "weapon_type": _coded(VOCAB["weapon"], e.weapon[lo:hi]),
        "calibre_mm": [str(c) if c > 0 else None for c in e.calibre[lo:hi].tolist()],
        "target_class": _coded(VOCAB["target"], e.target[lo:hi]),
        "perpetrator": _coded(PARTIES, e.perp[lo:hi]),
        "actor": _coded(actor_names(sim.scenario), e.actor[lo:hi]),
        "attributable": ["true" if a else "false" for a in sim.attributable[lo:hi].tolist()],
        "sector": _coded([s.name for s in sim.scenario.sectors], e.sector[lo:hi]),
        "kind": _coded(VOCAB["kind"], e.kind[lo:hi]),
    }


def truth_observation_columns(sim: Simulation, lo: int, hi: int) -> dict[str, Text]:
    """Text columns of ``truth/observations.csv`` for observation rows ``lo`` to ``hi``."""
    r = {name: values[lo:hi] for name, values in sim.rows.items()}
    return {
        "source_name": _coded([s.name for s in sources(sim.scenario)], r["source"]),
        "key": [
            f"SIM-{KEY_PREFIX[c]}-{i:07d}"
            for c, i in zip(r["channel"].tolist(), range(lo, hi), strict=True)
        ],
        "event_id": [None if i < 0 else f"E{i:07d}" for i in r["event"].tolist()],
        "label": _coded(LABELS, r["label"]),
        "channel": _coded(CHANNELS, r["channel"]),
    }
