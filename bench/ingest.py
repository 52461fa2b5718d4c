"""Ingest benchmark: N observations from CSV into SQLite with full validation, idempotency and
canonical bytes, against the floor of stdlib ``csv`` + ``executemany`` of the same rows in one
transaction. ``sqlite-utils insert`` on the same file is recorded for reference.

Target (issue [1/6]): ceasefire <= 4x the floor, peak memory < 500 MB.
"""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "key",
    "source_kind",
    "source_name",
    "reliability",
    "credibility",
    "start",
    "source_tz",
    "act",
    "lat",
    "lon",
    "radius_m",
    "sig_explosion",
    "perception",
    "text",
]
ACTS = ["shelling.artillery", "shelling.mortar", "drone_strike.fpv", "small_arms_fire"]


def write_csv(path: Path, rows: int) -> None:
    """A deterministic file of monitor observations near the Donetsk front."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow(
                [
                    f"obs-{i}",
                    "monitor_team",
                    f"SMM-T{i % 40}",
                    "B",
                    "2",
                    f"2025-04-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}",
                    "Europe/Kyiv",
                    ACTS[i % 4],
                    f"{47.6 + (i % 9973) / 10000:.5f}",
                    f"{36.9 + (i % 9967) / 5000:.5f}",
                    str(500 + i % 3000),
                    str(1 + i % 12),
                    "heard",
                    f"{1 + i % 12} explosions",
                ]
            )


def _child(code: str) -> tuple[float, float]:
    """Run ``code`` in a fresh interpreter; return (seconds, peak RSS MiB) of that process."""
    script = (
        "import time, resource\n"
        f"{code}\n"
        "t = time.perf_counter(); work(); t = time.perf_counter() - t\n"
        "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), float(peak)


def floor_code(csv_path: Path, db: Path) -> str:
    return f"""
import csv, sqlite3
def work():
    c = sqlite3.connect({str(db)!r}, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA synchronous=NORMAL")
    with open({str(csv_path)!r}, newline="", encoding="utf-8") as f:
        r = csv.reader(f); header = next(r)
        c.execute("CREATE TABLE t (" + ", ".join(h + " TEXT" for h in header) + ")")
        c.execute("BEGIN")
        c.executemany("INSERT INTO t VALUES (" + ",".join("?" * len(header)) + ")", r)
        c.execute("COMMIT")
"""


def ceasefire_code(csv_path: Path, db: Path, *, new_rows: bool) -> str:
    return f"""
from pathlib import Path
from ceasefire import Actor, Settings, Store, ingest_file
store = Store.open("sqlite:///{db}")
def work():
    s = ingest_file(store, Actor.local_cli("bench"), Path({str(csv_path)!r}),
                    settings=Settings.from_env(env={{}}))
    assert (s.accepted > 0) is {new_rows} and s.quarantined == 0, s.as_json()
"""


def _sqlite_utils(csv_path: Path, db: Path) -> float | None:
    exe = Path(sys.executable).with_name("sqlite-utils")
    if not exe.exists():
        return None
    start = time.perf_counter()
    subprocess.run(
        [str(exe), "insert", str(db), "t", str(csv_path), "--csv", "--no-detect-types"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def run(rows: int) -> str:
    """Run the benchmark at ``rows`` rows; return its Markdown section."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "observations.csv"
        write_csv(data, rows)
        floor_s, floor_mb = _child(floor_code(data, folder / "floor.db"))
        ours_s, ours_mb = _child(ceasefire_code(data, folder / "ours.db", new_rows=True))
        again_s, _ = _child(ceasefire_code(data, folder / "ours.db", new_rows=False))
        utils_s = _sqlite_utils(data, folder / "utils.db")
        dup = (
            sqlite3.connect(folder / "ours.db")
            .execute("SELECT count(*) FROM observations")
            .fetchone()[0]
        )
    assert dup == rows, f"re-import changed the row count: {dup} != {rows}"
    ratio = ours_s / floor_s
    verdict = "met" if ratio <= 4 and ours_mb < 500 else "MISSED"
    lines = [
        f"\n## Ingest: {rows:,} observations from CSV into SQLite\n",
        "| run | seconds | rows/s | peak RSS MiB | ratio to floor |",
        "|---|---:|---:|---:|---:|",
        f"| floor: stdlib csv + executemany, one transaction | {floor_s:.2f} | "
        f"{rows / floor_s:,.0f} | {floor_mb:.0f} | 1.00 |",
        f"| ceasefire ingest (validation, canonical bytes, idempotency, outbox) | {ours_s:.2f} | "
        f"{rows / ours_s:,.0f} | {ours_mb:.0f} | {ratio:.2f} |",
        f"| ceasefire re-import of the same file (all duplicates) | {again_s:.2f} | "
        f"{rows / again_s:,.0f} | | {again_s / floor_s:.2f} |",
    ]
    if utils_s is not None:
        lines.append(
            f"| reference: `sqlite-utils insert --csv` | {utils_s:.2f} | "
            f"{rows / utils_s:,.0f} | | {utils_s / floor_s:.2f} |"
        )
    lines.append(
        f"\nTarget <= 4x the floor and < 500 MiB peak: **{verdict}** "
        f"({ratio:.2f}x, {ours_mb:.0f} MiB).\n"
    )
    return "\n".join(lines)
