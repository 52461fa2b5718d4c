"""Load and concurrency: wrk with 32 connections submits observations to a real server for a
few seconds, on SQLite (one process) and PostgreSQL (two worker processes), loopback only.

Afterwards: no 5xx, no refusals, every acknowledged observation stored exactly once (wrk counts
the 201 answers in bench/wrk/submit.lua; the database holds at least those, and at most one more
per connection for requests cut off when wrk stopped), and ``ceasefire ledger verify`` passes.
The full 60-second runs are ``python -m bench --only api`` (bench/api.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bench.api import load_run
from bench.api_load import postgres_server

SECONDS = 5


def _need_wrk() -> None:
    if shutil.which("wrk") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the load test: install wrk (Debian package 'wrk')")
        pytest.skip("wrk is not installed (Debian package 'wrk')")


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_32_connections_submitting_observations_lose_and_double_nothing(
    backend: str, tmp_path: Path
) -> None:
    _need_wrk()
    if backend == "postgresql" and postgres_server() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test PostgreSQL: CEASEFIRE_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL not available (set CEASEFIRE_TEST_POSTGRES_URL)")
    run, _ = load_run(backend, SECONDS, tmp_path)
    assert run.load.created > 0, "wrk got no 201 answer at all"
    assert run.load.socket_errors == 0, run.load
    assert run.problems == [], run.problems
    assert run.rows == run.distinct
    assert run.load.created <= run.rows
    assert run.ledger_ok, run.ledger_line
