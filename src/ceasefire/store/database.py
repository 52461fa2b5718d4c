"""The :class:`Store`: one database, opened at the current schema version."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from ceasefire.core.actor import Actor
from ceasefire.core.errors import StoreError
from ceasefire.store.engine import make_engines, translate_operational_errors
from ceasefire.store.unit_of_work import UnitOfWork


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "ceasefire.store:migrations")
    return config


class Store:
    """A ceasefire database (SQLite or PostgreSQL + PostGIS).

    ``Store.open(url)`` creates or upgrades the schema to the newest migration.
    """

    def __init__(self, url: str, writer: Engine, reader: Engine) -> None:
        self.url = url
        self.writer = writer
        self.reader = reader

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.writer.dialect.name

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open the database at ``url``; bring its schema up to date unless ``migrate=False``."""
        writer, reader = make_engines(url)
        store = cls(url, writer, reader)
        with translate_operational_errors(url):
            if migrate:
                store.migrate()
            elif store.schema_revision() != store.head_revision():
                raise StoreError(
                    f"database {url} is not at the current schema; run `ceasefire init`"
                )
        return store

    def head_revision(self) -> str | None:
        """The newest migration shipped with this version of ceasefire."""
        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    def schema_revision(self) -> str | None:
        """The migration the database is at (``None`` for an empty database)."""
        with self.writer.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def migrate(self) -> None:
        """Upgrade the schema to the newest migration (no-op when current)."""
        if self.schema_revision() == self.head_revision():
            return
        config = _alembic_config()
        with self.writer.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def unit_of_work(self, actor: Actor, *, now: datetime | None = None) -> UnitOfWork:
        """A write transaction on behalf of ``actor`` (see :class:`UnitOfWork`)."""
        return UnitOfWork(self.writer, actor, now=now)

    def close(self) -> None:
        """Release connections."""
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()
