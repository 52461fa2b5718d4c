"""The parties' aggregate claims and the mission's effort records, as text rows.

Each party claims, per Kyiv day, a total of violations by the other side: its own complaints of
the day (fabricated ones included) inflated again. The effort rows give each team's patrol per
day, each camera's uptime, the UAV unit's flight hours, and the places monitors were stopped.
These are tens of rows, built in plain loops.
"""

from __future__ import annotations

import numpy as np

from ceasefire.core.simulate.events import CODE
from ceasefire.core.simulate.frame import CHANNELS, PARTY_NAMES, sources
from ceasefire.core.simulate.front import PARTIES
from ceasefire.core.simulate.rows import utc_text
from ceasefire.core.simulate.run import Simulation
from ceasefire.core.simulate.scenario import DAY_S

Row = dict[str, str]


def _kyiv_date(seconds: int) -> str:
    return str(np.datetime64(seconds + 10_800, "s").astype("datetime64[D]"))


def claim_rows(sim: Simulation) -> list[Row]:
    """Daily totals per party, each inflated (party-claims layout)."""
    rng = np.random.default_rng([sim.seed, 1])
    rows = sim.rows
    complaints = rows["channel"] == CHANNELS.index("party_complaint")
    day = (rows["start"] + 10_800) // DAY_S
    out: list[Row] = []
    first_day = (sim.scenario.start_s + 10_800) // DAY_S
    claimants = ("Russia (MoD)", "Ukraine (General Staff)")
    for d in range(first_day, first_day + sim.scenario.days):
        for party in (0, 1):
            filed = int(np.sum(complaints & (day == d) & (rows["alleged"] == 1 - party)))
            value = round(filed * rng.uniform(1.5, 3.0))
            date = _kyiv_date(int(d * DAY_S))
            out.append(
                {
                    "key": f"SIM-CLAIM-{PARTIES[party]}-{date}",
                    "arrangement": "simulated scenario " + sim.scenario.name,
                    "claimant": claimants[party],
                    "accused_party": PARTY_NAMES[1 - party],
                    "period": date,
                    "published": _kyiv_date(int((d + 1) * DAY_S)),
                    "metric": "ceasefire violations",
                    "value": str(value),
                    "breakdown": f"simulated: {filed} complaints filed that day, inflated",
                }
            )
    return out


def effort_rows(sim: Simulation) -> list[Row]:
    """Patrols, sensor uptime and restrictions met (effort-csv layout)."""
    rng = np.random.default_rng([sim.seed, 2])
    out: list[Row] = []
    scenario = sim.scenario
    for d in range(scenario.days):
        day0 = scenario.start_s + d * DAY_S
        for index, source in enumerate(sources(scenario)):
            if source.kind == "monitor_team":
                begin = day0 + int(rng.integers(6, 9)) * 3600
                out.append(
                    {
                        "key": f"SIM-PATROL-{source.name.removeprefix('sim: ')}-{d}",
                        "source_name": "sim: mission",
                        "kind": "patrol",
                        "team": source.name.removeprefix("sim: "),
                        "start": utc_text(np.array([begin]))[0] or "",
                        "end": utc_text(np.array([begin + 6 * 3600]))[0] or "",
                        "distance_m": str(int(rng.integers(20_000, 90_000))),
                        "place_name": f"{scenario.sectors[index // 2].name} sector",
                    }
                )
            elif source.kind == "sensor":
                out.append(
                    {
                        "key": f"SIM-UPTIME-{source.name.removeprefix('sim: ')}-{d}",
                        "source_name": "sim: mission",
                        "kind": "sensor",
                        "sensor_id": source.name.removeprefix("sim: "),
                        "sensor_kind": "uav" if "UAV" in source.name else "camera",
                        "start": utc_text(np.array([day0]))[0] or "",
                        "end": utc_text(np.array([day0 + DAY_S]))[0] or "",
                        "uptime_min": str(int(rng.integers(18, 25) * 54)),
                        "lon": f"{sim.sensors[source.name.removeprefix('sim: ')][0]:.5f}",
                        "lat": f"{sim.sensors[source.name.removeprefix('sim: ')][1]:.5f}",
                    }
                )
    stopped = np.flatnonzero(sim.events.kind == CODE["kind"]["interference"])
    for i in stopped.tolist():
        out.append(
            {
                "key": f"SIM-RESTRICTION-E{i:07d}",
                "source_name": "sim: mission",
                "kind": "restriction",
                "start": utc_text(sim.events.t[i : i + 1])[0] or "",
                "lat": f"{sim.lat[i]:.5f}",
                "lon": f"{sim.lon[i]:.5f}",
                "restricted_by": PARTIES[int(sim.events.perp[i])],
                "reason": "denied_at_checkpoint",
            }
        )
    return out
