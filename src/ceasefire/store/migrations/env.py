"""Alembic environment: runs on the connection the Store hands over (or a URL for autogenerate).

SQLite uses batch mode (ALTER TABLE by copy); PostGIS's own tables are left alone.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from ceasefire.store.schema import metadata

POSTGIS_TABLES = {"spatial_ref_sys", "topology", "layer"}


def _include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name in POSTGIS_TABLES)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_object=_include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


config = context.config
connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        _run(conn)
