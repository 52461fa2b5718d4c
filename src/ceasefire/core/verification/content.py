"""The canonical content of an incident: what the record commits to for one incident.

No floats: coordinates in micro-degrees, times as UTC text, the radius in whole metres; the
members are the SHA-256 of their observations' canonical bytes, sorted, so the content does
not depend on database IDs. Analysts' decisions applied are listed with their reasons.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from ceasefire.core.ledger.canonical import micro_degrees, utc_text
from ceasefire.core.verification.decisions import Override
from ceasefire.core.verification.model import IncidentTable


def assessed_content(table: IncidentTable, row: int) -> dict[str, object]:
    """An assessed incident as canonical-ready values (micro-degrees, UTC text, ints)."""
    values = table.row(row)
    content: dict[str, object] = {
        name: values[name]
        for name in (
            "act",
            "target_class",
            "weapon_type",
            "confidence",
            "confidence_reason",
            "party",
            "attribution",
            "attribution_confidence",
            "attribution_basis",
            "independent_sources",
            "locatable",
            "dated",
            "is_summary",
        )
    }
    if values["dated"]:
        for name in ("start", "end"):
            moment = datetime.fromtimestamp(int(str(values[f"{name}_s"])), tz=UTC)
            content[name] = utc_text(moment)
    lon, lat, radius = (float(str(values[n])) for n in ("lon", "lat", "radius_m"))
    if values["locatable"] and np.isfinite(lon) and np.isfinite(lat):
        content["lon"], content["lat"] = micro_degrees(lon), micro_degrees(lat)
        if np.isfinite(radius):
            content["radius_m"] = round(radius)
    return content


def incident_content(
    table: IncidentTable,
    row: int,
    *,
    incident_id: str,
    version: int,
    members: list[str],
    override: Override | None,
) -> dict[str, object]:
    """The canonical content of one incident (no floats; members as observation hashes)."""
    content = assessed_content(table, row)
    content.update(
        {"incident_id": incident_id, "version": version, "observations": sorted(members)}
    )
    if override is not None:
        if override.confidence is not None:
            content["confidence"] = override.confidence
        if override.attribution is not None:
            content["attribution"] = override.attribution
            content["party"] = override.party
        content["decisions"] = list(override.reasons)
    return {k: v for k, v in content.items() if v is not None}


def incident_table(contents: list[dict[str, object]]) -> IncidentTable:
    """An :class:`IncidentTable` rebuilt from stored incidents' canonical content."""

    def column(name: str, default: object = None) -> np.ndarray:
        out = np.empty(len(contents), dtype=object)
        out[:] = [c.get(name, default) for c in contents]
        return out

    def seconds(name: str) -> np.ndarray:
        return np.array(
            [
                int(datetime.fromisoformat(str(c[name])).timestamp()) if name in c else -1
                for c in contents
            ],
            dtype=np.int64,
        )

    def degrees(name: str) -> np.ndarray:
        return np.array([int(str(c[name])) / 1e6 if name in c else np.nan for c in contents])

    count = len(contents)
    return IncidentTable(
        label=np.arange(count, dtype=np.int64),
        start_s=seconds("start"),
        end_s=seconds("end"),
        lon=degrees("lon"),
        lat=degrees("lat"),
        radius_m=np.array([float(str(c.get("radius_m", "nan"))) for c in contents]),
        act=column("act"),
        target_class=column("target_class"),
        weapon_type=column("weapon_type"),
        observations=np.array(
            [len(c.get("observations", [])) for c in contents],  # type: ignore[arg-type]
            dtype=np.int64,
        ),
        independent_sources=np.array(
            [int(str(c.get("independent_sources", 0))) for c in contents], dtype=np.int64
        ),
        confidence=column("confidence"),
        confidence_reason=column("confidence_reason"),
        party=column("party"),
        attribution=column("attribution"),
        attribution_confidence=column("attribution_confidence"),
        attribution_basis=column("attribution_basis"),
        locatable=np.array([bool(c.get("locatable", True)) for c in contents]),
        dated=np.array([bool(c.get("dated", True)) for c in contents]),
        is_summary=np.array([bool(c.get("is_summary", False)) for c in contents]),
    )
