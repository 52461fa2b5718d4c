"""Writing files in our own layouts (the demo writes its generated observations this way)."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from ceasefire.core.observations.columns import NAMES


def write_observations_csv(path: Path, columns: Mapping[str, Sequence[str | None]]) -> int:
    """Write raw text columns as our CSV layout (headers in layout order); return rows written."""
    header = [name for name in NAMES if name in columns]
    size = len(next(iter(columns.values()))) if columns else 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(size):
            writer.writerow(["" if columns[h][i] is None else columns[h][i] for h in header])
    return size
