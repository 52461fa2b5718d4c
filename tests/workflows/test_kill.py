"""A killed import (a real SIGKILL) leaves nothing behind; re-running stores each row once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from ceasefire.store.database import Store
from ceasefire.store.schema import imports, observation_heads, observations

ROWS = 150_000


def _big_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("source_kind,source_name,start,act,lat,lon,radius_m\n")
        for i in range(ROWS):
            out.write(
                f"monitor_team,T{i % 7},2025-04-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d},"
                f"shelling,{47.5 + (i % 1000) / 1000:.4f},{36.0 + (i % 997) / 500:.4f},{i % 5000}\n"
            )


def _counts(url: str) -> tuple[int, int, int]:
    store = Store.open(url)
    with store.reader.connect() as c:
        result = tuple(
            int(c.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (observations, observation_heads, imports)
        )
    store.close()
    return result  # type: ignore[return-value]


def _ingest(url: str, path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CEASEFIRE_CHUNK_ROWS": "5000"}
    return subprocess.Popen(
        [sys.executable, "-m", "ceasefire", "--database", url, "ingest", str(path), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_kill_9_mid_import_leaves_nothing_and_rerun_stores_each_row_once(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    _big_csv(path)
    process = _ingest(database_url, path)
    time.sleep(2.5)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert _counts(database_url) == (0, 0, 0)
    again = _ingest(database_url, path)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    assert b'"accepted": ' + str(ROWS).encode() in out
    assert _counts(database_url) == (ROWS, ROWS, 1)
