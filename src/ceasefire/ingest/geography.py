"""Shipped geography by date: the control areas valid at a moment.

A layer dated D (``control_D.geojson``) shows the evening of D and stays valid until the next
snapshot; before the first snapshot the first one is used (and the caller is told).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from ceasefire.ingest.agreement_files import load_layer


def _folder() -> Path:
    return Path(str(resources.files("ceasefire") / "data" / "geography"))


@lru_cache(maxsize=1)
def control_dates() -> tuple[str, ...]:
    """Dates (``YYYY-MM-DD``) of the shipped control-area snapshots, oldest first."""
    return tuple(
        sorted(p.stem.removeprefix("control_") for p in _folder().glob("control_*.geojson"))
    )


def control_snapshot_at(moment: datetime) -> str | None:
    """The snapshot date valid at ``moment`` (evening of D, 18:00 UTC, onwards)."""
    dates = control_dates()
    if not dates:
        return None
    valid = [d for d in dates if datetime.fromisoformat(d).replace(hour=18, tzinfo=UTC) <= moment]
    return valid[-1] if valid else dates[0]


def control_areas_at(moment: datetime) -> dict[str, BaseGeometry]:
    """Land held by each side (``RU``, ``UA``) at ``moment``, from the shipped snapshots."""
    snapshot = control_snapshot_at(moment)
    if snapshot is None:
        return {}
    return {
        party: load_layer(f"package:control_{snapshot}.geojson#party={party}")
        for party in ("RU", "UA")
    }
