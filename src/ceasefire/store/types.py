"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

BigId = BigInteger().with_variant(Integer(), "sqlite")
"""64-bit IDs; on SQLite an INTEGER PRIMARY KEY is the 64-bit rowid (autoincrementing)."""


class UTCTime(TypeDecorator[datetime]):
    """A timezone-aware UTC time: ``timestamptz`` on PostgreSQL, fixed-width text on SQLite.

    SQLite text is ``YYYY-MM-DDTHH:MM:SSZ`` (sortable, compared as strings); values read back
    are always aware datetimes in UTC. Binding accepts aware datetimes or that text.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(20))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"expected a timezone-aware datetime, got {value!r}")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.strftime("%Y-%m-%dT%H:%M:%SZ")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        result: datetime = value.astimezone(UTC)
        return result
