"""Serving and loading the API for the benchmark and the load test: servers, wrk, open loop.

* :func:`served` starts a server (``ceasefire serve`` or the bare baseline under uvicorn) as a
  child process group on a free loopback port and stops it afterwards.
* :func:`wrk` runs wrk with ``bench/wrk/submit.lua`` (closed loop: each connection sends its
  next request when the last is answered) and returns its counts and latency percentiles.
* :func:`open_loop` sends at a fixed rate whatever the answers do, and measures each latency
  from the request's *scheduled* time, so a stalled server cannot hide its queue (no
  coordinated omission). wrk cannot do that (its ``delay()`` waits after an answer) and wrk2
  is not in Debian, so this is a small asyncio client; at 50 requests/s it idles.
* :func:`stored` and :func:`ledger_verified` check what the server kept.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ceasefire.core.actor import Actor, Role
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import CHEAP_PASSWORD_HASH, add_user, issue_token
from ceasefire.workflows.ledger import ledger_status

HERE = Path(__file__).resolve().parent
SUBMIT_LUA = HERE / "wrk" / "submit.lua"
BIN = Path(sys.executable).parent
SECRET = "bench-secret-key-not-for-production-use-0123456789"


def free_port() -> int:
    """A loopback port nobody listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ceasefire_server(database: str, port: int, workers: int) -> list[str]:
    """The command line of ``ceasefire serve`` on ``database``."""
    return [str(BIN / "ceasefire"), "--database", database, "serve", "--port", str(port),
            "--workers", str(workers)]  # fmt: skip


def baseline_server(port: int, workers: int) -> list[str]:
    """The command line of the bare Starlette baseline under uvicorn (same defaults)."""
    return [sys.executable, "-m", "uvicorn", "bench.api_baseline:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--proxy-headers"]  # fmt: skip


@contextmanager
def served(argv: list[str], database: str, port: int, log: Path) -> Iterator[str]:
    """Run ``argv`` (a server on ``port``) until the block ends; yield its base URL."""
    env = os.environ | {
        "CEASEFIRE_DATABASE": database,
        "CEASEFIRE_SECRET_KEY": SECRET,
        "PYTHONPATH": str(HERE.parent),
    }
    with log.open("ab") as out:
        child = subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, child, log)
        yield base
    finally:
        _stop(child)


def _wait_until_up(base: str, child: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"server exited with {child.returncode}: {log.read_text()[-2000:]}")
        try:
            httpx.get(base + "/", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not answer within 90 s")


def _stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGINT)
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(10)


@dataclass(frozen=True)
class WrkRun:
    """What wrk reported: answers by class, errors, latency percentiles (ms)."""

    seconds: float
    requests: int
    created: int
    duplicates: int
    client4xx: int
    server5xx: int
    socket_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float

    @property
    def throughput(self) -> float:
        """Answered requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(
    base: str, path: str, token: str, run: str, *, seconds: int, connections: int = 32
) -> WrkRun:
    """Run wrk against ``base + path`` with the submission script; its parsed result."""
    env = os.environ | {"WRK_TOKEN": token, "WRK_PATH": path, "WRK_RUN": run}
    threads = min(2, connections)
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
            "--timeout", "10s", "--latency", "-s", str(SUBMIT_LUA), base + path]  # fmt: skip
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRK_RESULT "))
    found = json.loads(line.removeprefix("WRK_RESULT "))
    errors = sum(found[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    return WrkRun(
        seconds=found["duration_us"] / 1e6,
        requests=found["requests"],
        created=found["created"],
        duplicates=found["duplicates"],
        client4xx=found["client4xx"],
        server5xx=found["server5xx"],
        socket_errors=errors,
        p50_ms=found["p50_us"] / 1000,
        p90_ms=found["p90_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
        max_ms=found["max_us"] / 1000,
    )


@dataclass(frozen=True)
class OpenLoopRun:
    """An open-loop run: how many were sent and answered, latency from scheduled time (ms)."""

    rate: float
    sent: int
    created: int
    failed: int
    p50_ms: float
    p99_ms: float
    max_ms: float


def open_loop(base: str, token: str, run: str, *, rate: float, seconds: float) -> OpenLoopRun:
    """Submit ``rate`` observations per second for ``seconds``, on schedule (module doc)."""
    return asyncio.run(_open_loop(base, token, run, rate, seconds))


async def _open_loop(base: str, token: str, run: str, rate: float, seconds: float) -> OpenLoopRun:
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    statuses: list[int] = []
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:

        async def one(n: int, scheduled: float) -> None:
            record = {"source_kind": "monitor_team", "source_name": "open loop",
                      "key": f"{run}-{n}", "start": "2025-04-20T10:15:00+03:00",
                      "act": "shelling.mortar", "lat": 48.0 + n % 997 / 1e4,
                      "lon": 37.5 + n % 991 / 1e4, "radius_m": 500}  # fmt: skip
            try:
                answer = await client.post("/api/observations", json=record, timeout=30)
                statuses.append(answer.status_code)
            except httpx.HTTPError:
                statuses.append(0)
            latencies.append(time.perf_counter() - scheduled)

        start = time.perf_counter() + 0.1
        tasks = []
        for n in range(int(rate * seconds)):
            scheduled = start + n / rate
            await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
            tasks.append(asyncio.create_task(one(n, scheduled)))
        await asyncio.gather(*tasks)
    ordered = sorted(latencies)
    return OpenLoopRun(
        rate=rate,
        sent=len(ordered),
        created=sum(s == 201 for s in statuses),
        failed=sum(s != 201 for s in statuses),
        p50_ms=_percentile(ordered, 50) * 1000,
        p99_ms=_percentile(ordered, 99) * 1000,
        max_ms=ordered[-1] * 1000 if ordered else 0.0,
    )


def _percentile(ordered: list[float], pct: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


@contextmanager
def scratch_database(backend: str, folder: Path) -> Iterator[str]:
    """A new, migrated database: SQLite under ``folder``; PostgreSQL on the server named by
    ``CEASEFIRE_BENCH_POSTGRES_URL`` (or ``CEASEFIRE_TEST_POSTGRES_URL``), dropped after."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'api-bench.db'}"
        Store.open(url).close()
        yield url
        return
    server = postgres_server()
    if server is None:
        raise RuntimeError("no PostgreSQL: set CEASEFIRE_BENCH_POSTGRES_URL")
    name = f"cf_bench_api_{os.getpid()}"
    admin = create_engine(make_url(server).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        Store.open(url).close()
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def postgres_server() -> str | None:
    """The PostgreSQL server to benchmark on, if one is configured."""
    return os.environ.get("CEASEFIRE_BENCH_POSTGRES_URL") or os.environ.get(
        "CEASEFIRE_TEST_POSTGRES_URL"
    )


def monitor_token(database: str, role: Role = Role.MONITOR) -> str:
    """A new account's API token (by default a monitor: monitors file observations)."""
    store = Store.open(database)
    name = f"bench-{role.value}"
    try:
        operator = Actor.local_cli("bench")
        add_user(store, operator, name, role, password="bench-password-1",
                 hasher=CHEAP_PASSWORD_HASH)  # fmt: skip
        return issue_token(store, operator, name).token
    finally:
        store.close()


@dataclass(frozen=True)
class Stored:
    """Rows with a run's keys: all of them, and distinct keys."""

    rows: int
    distinct: int


def stored(database: str, table: str, prefix: str) -> Stored:
    """How many rows of ``table`` have keys starting with ``prefix``."""
    engine = create_engine(database)
    query = f"SELECT count(*), count(DISTINCT key) FROM {table} WHERE key LIKE :p"
    with engine.connect() as connection:
        rows, distinct = connection.execute(text(query), {"p": prefix + "%"}).one()
    engine.dispose()
    return Stored(int(rows), int(distinct))


def wait_for_ledger(database: str, timeout: float = 120) -> int:
    """Wait until the server has chained its outbox into the ledger; the ledger's size."""
    store = Store.open(database)
    try:
        deadline = time.monotonic() + timeout
        while True:
            status = ledger_status(store, actor=Actor.local_cli("bench"))
            if status.pending == 0 or time.monotonic() > deadline:
                return status.size
            time.sleep(0.5)
    finally:
        store.close()


def ledger_verified(database: str) -> tuple[bool, str]:
    """``ceasefire ledger verify`` on ``database``: (passed, its last line)."""
    done = subprocess.run(
        [str(BIN / "ceasefire"), "--database", database, "ledger", "verify"],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode == 0, lines[-1] if lines else ""


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A scratch folder for databases and server logs."""
    return tempfile.TemporaryDirectory(prefix="ceasefire-api-bench-")
