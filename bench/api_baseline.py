"""The speed baseline of the API benchmark: a bare Starlette endpoint doing one INSERT.

``POST /submit`` reads the JSON body and inserts its ``key`` and the body into
``bench_baseline`` — one statement, one transaction, on the same engine configuration as the
store (:func:`ceasefire.store.engine.make_engines`: WAL, ``BEGIN IMMEDIATE`` and one writer at
a time on SQLite), run in Starlette's thread pool as FastAPI runs sync routes. No auth, no
validation, no ledger: what is left is the floor for one write over HTTP on this machine.

Served by uvicorn the same way as ``ceasefire serve``::

    CEASEFIRE_DATABASE=sqlite:///b.db uvicorn bench.api_baseline:create_app --factory
"""

from __future__ import annotations

import json
import os
import threading
from contextlib import AbstractContextManager, nullcontext

from sqlalchemy import BigInteger, Column, Engine, Integer, MetaData, Table, Text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ceasefire.store.engine import make_engines

metadata = MetaData()
baseline = Table(
    "bench_baseline",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("body", Text, nullable=False),
)


def create_table(url: str) -> None:
    """Create (or empty) the baseline's table in the database at ``url``."""
    writer, reader = make_engines(url)
    metadata.drop_all(writer)
    metadata.create_all(writer)
    writer.dispose()
    reader.dispose()


def create_app() -> Starlette:
    """The baseline app over ``CEASEFIRE_DATABASE`` (the table must exist)."""
    url = os.environ["CEASEFIRE_DATABASE"]
    writer, _reader = make_engines(url)
    one_writer: AbstractContextManager[object] = (
        threading.Lock() if writer.dialect.name == "sqlite" else nullcontext()
    )

    def insert(engine: Engine, key: str, body: str) -> int:
        with one_writer, engine.begin() as connection:
            done = connection.execute(
                baseline.insert().values(key=key, body=body).returning(baseline.c.id)
            )
            return int(done.scalar_one())

    async def submit(request: Request) -> JSONResponse:
        body = (await request.body()).decode()
        key = str(json.loads(body)["key"])
        row = await run_in_threadpool(insert, writer, key, body)
        return JSONResponse({"id": row}, status_code=201)

    return Starlette(routes=[Route("/submit", submit, methods=["POST"])])
