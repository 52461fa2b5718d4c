"""Observation rows as columns of codes and numbers, before they become text.

A :data:`Frame` maps a field name to a numpy array; every channel builds one and
:func:`concat` stacks them. Integers use ``-1`` for absent, floats ``NaN``; coded fields index
the tables in :data:`TABLES`. Sources are fixed per scenario (:func:`sources`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ceasefire.core.simulate.events import VOCAB
from ceasefire.core.simulate.scenario import Scenario

Frame = dict[str, np.ndarray]

INT_FIELDS = (
    "event", "channel", "label", "source", "derived", "start", "end", "day", "precision", "tz",
    "reported", "loc", "radius", "bmin", "bmax", "dmin", "dmax", "place", "fire_from", "act",
    "target", "weapon", "calibre", "model", "wcount", "sig_explosion", "sig_burst",
    "perception", "alleged", "credibility", "text",
)  # fmt: skip
FLOAT_FIELDS = ("lon", "lat", "olon", "olat")

CHANNELS = ("monitor_patrol", "camera", "uav", "party_complaint", "media", "dataset")
LABELS = ("true", "fabricated", "invalid")
TABLES: dict[str, tuple[str, ...]] = {
    "precision": ("minute", "hour", "part_of_day", "day"),
    "loc": ("point", "sector", "place"),
    "act": (*VOCAB["act"], "shelling", "drone_strike", "bombardment"),
    "target": VOCAB["target"],
    "weapon": VOCAB["weapon"],
    "model": ("", "BM-21 Grad", "BM-27 Uragan", "2A65 Msta-B", "T-72", "2B11"),
    "perception": ("seen", "heard", "seen_and_heard", "imagery", "reported"),
    "credibility": ("1", "2", "3", "4", "5", "6"),
}
ACT = {name: i for i, name in enumerate(TABLES["act"])}
PARTY_NAMES = ("Russia", "Ukraine")


@dataclass(frozen=True, slots=True)
class Source:
    """A source that files observations in the simulation (all names start ``sim:``)."""

    name: str
    kind: str
    reliability: str
    claimant: str = ""


def sources(scenario: Scenario) -> tuple[Source, ...]:
    """Every source: two teams and the cameras per sector, UAVs, parties, outlets, a dataset."""
    out = [
        Source(f"sim: mission team {s.name} {ab}", "monitor_team", "B")
        for s in scenario.sectors
        for ab in "AB"
    ]
    out += [
        Source(f"sim: camera {s.name} {k + 1}", "sensor", "A")
        for s in scenario.sectors
        for k in range(s.cameras)
    ]
    out += [
        Source("sim: mission UAV unit", "sensor", "A"),
        Source("sim: RU Ministry of Defence", "party_official", "D", "Russia (MoD)"),
        Source("sim: UA General Staff", "party_official", "D", "Ukraine (General Staff)"),
        Source("sim: outlet Alpha (wire)", "media", "C"),
        Source("sim: outlet Beta", "media", "C"),
        Source("sim: outlet Gamma", "media", "D"),
        Source("sim: conflict event dataset", "dataset", "B"),
        Source("sim: invalid examples", "media", "F"),
    ]
    return tuple(out)


def source_index(scenario: Scenario) -> dict[str, int]:
    """Source name → index in :func:`sources`."""
    return {s.name: i for i, s in enumerate(sources(scenario))}


def frame(n: int, **columns: np.ndarray | int | float) -> Frame:
    """A frame of ``n`` rows: the given columns (scalars broadcast), the rest absent."""
    out: Frame = {name: np.full(n, -1, dtype=np.int64) for name in INT_FIELDS}
    out |= {name: np.full(n, np.nan, dtype=np.float64) for name in FLOAT_FIELDS}
    for name, value in columns.items():
        if name not in out:
            raise KeyError(f"unknown frame field {name!r}")
        out[name] = np.broadcast_to(np.asarray(value, dtype=out[name].dtype), (n,)).copy()
    out["label"][out["label"] < 0] = 0
    return out


def concat(frames: Sequence[Frame]) -> Frame:
    """Rows of several frames, one after another."""
    return {name: np.concatenate([f[name] for f in frames]) for name in frames[0]}


def take(rows: Frame, index: np.ndarray) -> Frame:
    """The rows at ``index``."""
    return {name: values[index] for name, values in rows.items()}
