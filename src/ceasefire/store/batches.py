"""Reading many rows fast: plain tuples a chunk at a time, for the verifier's batched passes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select

CHUNK = 20_000


def batches(connection: Connection, query: Select[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """The rows of ``query`` as plain tuples, ``size`` at a time, in the connection's transaction.

    On SQLite through the driver's own cursor (no row objects; the query is rendered with its
    literal values, so pass no user input as a bound value), elsewhere through a server-side
    cursor.
    """
    if connection.dialect.name == "sqlite":
        sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql)
            while rows := cursor.fetchmany(size):
                yield list(rows)
        finally:
            cursor.close()
        return
    result = connection.execute(query.execution_options(stream_results=True, yield_per=size))
    for part in result.partitions(size):
        yield [tuple(row) for row in part]
