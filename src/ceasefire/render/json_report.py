"""The report as canonical JSON (RFC 8785 bytes), and the published figures read back from it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import canonical_bytes
from ceasefire.core.reports import DailyReport, PublishedFigures


def report_json(report: DailyReport) -> bytes:
    """RFC 8785 bytes of the report value (the same value gives the same bytes)."""
    return canonical_bytes(report.as_dict())


def read_published(path: Path) -> PublishedFigures:
    """The period and figures of a published report's JSON file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        period = document["period"]
        figures = document["figures"]
        if not isinstance(figures, dict) or not all(isinstance(v, int) for v in figures.values()):
            raise ValueError("'figures' must map names to integers")
        return PublishedFigures(
            period_start=datetime.fromisoformat(period["start"]),
            period_end=datetime.fromisoformat(period["end"]),
            figures={str(k): int(v) for k, v in figures.items()},
            source=str(path),
        )
    except OSError as exc:
        raise CeasefireError(f"{path}: cannot read the previous report ({exc.strerror})") from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CeasefireError(
            f"{path}: not a report JSON written by `ceasefire report daily --format json` "
            f"(expected 'period.start', 'period.end' and 'figures'; {exc})"
        ) from None
