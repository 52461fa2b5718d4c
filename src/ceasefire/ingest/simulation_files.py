"""Writing a simulation's truth, claims and effort files (CSV and JSON), block by block."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ceasefire.core.claims import CLAIM_COLUMNS
from ceasefire.core.effort import EFFORT_COLUMNS
from ceasefire.core.errors import IngestError


def write_csv_blocks(
    path: Path, header: Sequence[str], blocks: Iterable[Mapping[str, Sequence[str | None]]]
) -> int:
    """Write ``header`` then each block's columns (``None`` as empty); return rows written."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for block in blocks:
            columns = [block[name] for name in header]
            size = len(columns[0]) if columns else 0
            writer.writerows(
                ["" if v is None else v for v in row] for row in zip(*columns, strict=True)
            )
            rows += size
    return rows


def write_records_csv(
    path: Path, layout: Sequence[str], records: Sequence[Mapping[str, str]]
) -> int:
    """Write dict rows in ``layout``'s column order, keeping only the columns some row uses."""
    header = [name for name in layout if any(record.get(name) for record in records)]
    block = {name: [record.get(name) for record in records] for name in header}
    return write_csv_blocks(path, header, [block])


def write_claims_csv(path: Path, records: Sequence[Mapping[str, str]]) -> int:
    """Party claims in the ``party-claims`` layout."""
    return write_records_csv(path, list(CLAIM_COLUMNS), records)


def write_effort_csv(path: Path, records: Sequence[Mapping[str, str]]) -> int:
    """Effort records in the ``effort-csv`` layout."""
    return write_records_csv(path, list(EFFORT_COLUMNS), records)


def write_json(path: Path, value: Mapping[str, Any]) -> None:
    """A JSON document with sorted keys (byte-identical for equal values)."""
    path.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_truth(directory: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(events, observations) rows of a simulator's ground truth in ``directory``.

    ``directory`` is the truth folder itself or the simulation folder holding ``truth/``.
    """
    folder = directory / "truth" if (directory / "truth").is_dir() else directory
    found = []
    for name in ("events.csv", "observations.csv"):
        path = folder / name
        if not path.is_file():
            raise IngestError(
                str(path),
                "no such file: expected a simulator's truth folder "
                "(events.csv and observations.csv)",
            )
        with path.open(encoding="utf-8", newline="") as handle:
            found.append(list(csv.DictReader(handle)))
    return found[0], found[1]


def truth_folder(directory: Path) -> Path:
    """``directory``'s ``truth/`` folder when it has one, else ``directory`` itself."""
    return directory / "truth" if (directory / "truth").is_dir() else directory


def read_violations(directory: Path) -> list[dict[str, str]] | None:
    """Rows of a simulator's ``truth/violations.csv`` (None when the simulation has none).

    ``directory`` is the truth folder itself or the simulation folder holding ``truth/``.
    """
    path = truth_folder(directory) / "violations.csv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = {"event_id", "agreement_id", "term_id", "version_party", "violated"}
    for number, row in enumerate(rows, start=2):
        missing = sorted(name for name in expected if not row.get(name))
        if missing or row["violated"] not in ("true", "false"):
            raise IngestError(
                str(path),
                f"row {number}: expected event_id, agreement_id, term_id, version_party and "
                f"violated (true or false); got {dict(row)!r}",
            )
    return rows
