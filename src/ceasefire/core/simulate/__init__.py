"""The simulator: true events on the front and what each channel reports about them (pure).

``simulate(scenario, front, seed=…)`` returns columns; ``rows`` turns them into text in blocks;
``claims`` builds the parties' totals and the mission's effort. Files are written by
``ceasefire.workflows.simulate``. See docs/simulator.md.
"""

from ceasefire.core.simulate.claims import claim_rows, effort_rows
from ceasefire.core.simulate.events import Sites
from ceasefire.core.simulate.front import Front
from ceasefire.core.simulate.reports import Gazetteer
from ceasefire.core.simulate.rows import (
    TRUTH_EVENT_COLUMNS,
    TRUTH_OBSERVATION_COLUMNS,
    observation_columns,
    truth_event_columns,
    truth_observation_columns,
)
from ceasefire.core.simulate.run import Simulation, simulate
from ceasefire.core.simulate.scenario import SCENARIOS, Scenario, Sector, scenario_named

__all__ = [
    "SCENARIOS",
    "TRUTH_EVENT_COLUMNS",
    "TRUTH_OBSERVATION_COLUMNS",
    "Front",
    "Gazetteer",
    "Scenario",
    "Sector",
    "Simulation",
    "Sites",
    "claim_rows",
    "effort_rows",
    "observation_columns",
    "scenario_named",
    "simulate",
    "truth_event_columns",
    "truth_observation_columns",
]
