"""Fixtures for verification tests: a generated scenario and a record builder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.core.verification.generator import Scenario, generate

T0 = datetime(2025, 4, 20, 10, 0, tzinfo=UTC)


def record(i: int, minutes: float = 0, **fields: object) -> dict[str, object]:
    """A monitor's point report at T0 + minutes, 1 km radius, overridable field by field."""
    base: dict[str, object] = {
        "id": i,
        "key": f"r{i}",
        "source_kind": "monitor_team",
        "source_name": f"T{i}",
        "reliability": "B",
        "credibility": "2",
        "start": T0 + timedelta(minutes=minutes),
        "time_precision": "minute",
        "lat": 47.95,
        "lon": 37.5,
        "radius_m": 1000,
        "act": "shelling.artillery",
        "perception": "heard",
    }
    base.update(fields)
    return base


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return generate(3, days=2, front_km=200.0)
