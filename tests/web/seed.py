"""A small seeded store for the browser tests, built through the ordinary workflows.

The simulator's default scenario (one day, fixed seed) gives the observations; the first
``ROWS`` of them are ingested, verified into incidents and evaluated into findings against the
shipped agreements, and the ledger is checkpointed (so the incident page's proof resolves).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ceasefire.core.actor import Actor, Role
from ceasefire.core.ledger.checkpoint import generate_private_key
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import CHEAP_PASSWORD_HASH, add_user
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import make_checkpoint
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.verify import verify

ROWS = 600
PASSWORD = "correct horse battery staple"
USERS = (
    ("ana", Role.ANALYST, None),
    ("olga", Role.PARTY_LIAISON, "RU"),
    ("jc", Role.JOINT_COMMISSION, None),
)
MONITOR_WORDS = ("mission team", "camera ", "UAV unit")
"""Words of the simulator's monitor-team and sensor names, which a liaison must never see."""


def observations_file(folder: Path) -> Path:
    """The first ``ROWS`` observations of one simulated day (seed 2025), as a CSV file."""
    run_simulation("default", 2025, folder, days=1)
    source = folder / "observations.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    out = folder / "observations_small.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows[: ROWS + 1])
    return out


def seed(url: str, observations: Path, settings: Settings) -> None:
    """Agreements, observations, incidents, findings, a checkpoint and the test accounts."""
    operator = Actor.local_cli("tester")
    store = Store.open(url)
    try:
        load_shipped_agreements(store, operator)
        ingest_file(store, operator, observations, settings=settings)
        verify(store, operator)
        evaluate_store(store, operator)
        make_checkpoint(store, operator, generate_private_key())
        for name, role, party in USERS:
            add_user(
                store,
                operator,
                name,
                role,
                party=party,
                password=PASSWORD,
                hasher=CHEAP_PASSWORD_HASH,
            )
    finally:
        store.close()
