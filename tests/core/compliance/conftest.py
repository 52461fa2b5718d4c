"""Shared fixtures: the shipped agreements, their layer sources, and an incident builder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance import Incidents
from ceasefire.ingest.agreement_files import read_agreement, shipped_agreement_paths

Shipped = tuple[Agreement, Path]


def seconds(text: str) -> int:
    """Epoch seconds of an ISO time with its offset."""
    return int(datetime.fromisoformat(text).timestamp())


def _shipped(stem: str) -> Shipped:
    path = next(p for p in shipped_agreement_paths() if p.stem == stem)
    return read_agreement(path), path


@pytest.fixture(scope="session")
def energy() -> Shipped:
    return _shipped("energy_moratorium_2025")


@pytest.fixture(scope="session")
def easter() -> Shipped:
    return _shipped("easter_truce_2025")


@pytest.fixture(scope="session")
def minsk() -> Shipped:
    return _shipped("example_minsk_ii_withdrawal_2025")


@pytest.fixture(scope="session")
def jeddah() -> Shipped:
    return _shipped("jeddah_30_day_ceasefire_2025")


def incident(start: str, end: str | None = None, **fields: Any) -> dict[str, Any]:
    """One incident as a dict of column values (attributed to Russia unless told)."""
    row: dict[str, Any] = {
        "start_s": seconds(start),
        "end_s": seconds(end or start),
        "lon": 37.9,
        "lat": 48.3,
        "radius_m": 500.0,
        "party": "RU",
        "attribution": "attributed",
        "attribution_confidence": "probable",
        "confidence": "probable",
    }
    row.update(fields)
    return row


def table(*rows: dict[str, Any]) -> Incidents:
    """Incidents from row dicts."""
    names = {key for row in rows for key in row}
    return Incidents.from_columns(
        len(rows), **{name: [row.get(name) for row in rows] for name in names}
    )


Build = Callable[..., dict[str, Any]]
