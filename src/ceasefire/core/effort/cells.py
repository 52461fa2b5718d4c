"""Reading one cell of an effort or storage-sites row: each reader returns a value or records a
:class:`~ceasefire.core.errors.RowProblem` naming row and field and returns ``None``.

>>> cells = Cells({"n": " 12 ", "t": "2025-04-20T10:00"}, row=2, now=datetime(2025, 5, 1,
...     tzinfo=UTC))
>>> cells.integer("n", minimum=0), cells.time("t", "Europe/Kyiv"), cells.problems
(12, datetime.datetime(2025, 4, 20, 7, 0, tzinfo=datetime.timezone.utc), [])
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfoNotFoundError

from ceasefire.core.errors import RowProblem
from ceasefire.core.ledger.canonical import micro_degrees
from ceasefire.core.observations.parse import EARLIEST, FUTURE_SLACK, parse_time, zone

DEFAULT_MAX_CHARS = 500
E = TypeVar("E", bound=StrEnum)


def clean(value: str | None) -> str | None:
    """Trimmed text, ``None`` when empty."""
    if value is None:
        return None
    text = value.strip()
    return text or None


class Cells:
    """The cleaned cells of one row and the problems found reading them."""

    def __init__(
        self,
        raw: Mapping[str, str | None],
        row: int,
        *,
        now: datetime | None = None,
        max_chars: Mapping[str, int] | None = None,
    ) -> None:
        self.row = row
        self.now = now or datetime.now(UTC)
        self.problems: list[RowProblem] = []
        self.values: dict[str, str | None] = {}
        limits = max_chars or {}
        for name, value in raw.items():
            text = clean(value)
            limit = limits.get(name, DEFAULT_MAX_CHARS)
            if text is not None and len(text) > limit:
                self.flag(name, f"longer than {limit} chars")
                text = None
            self.values[name] = text

    def flag(self, name: str, reason: str) -> None:
        """Record a problem with field ``name``."""
        self.problems.append(RowProblem(self.row, name, reason))

    def text(self, name: str, *, required: bool = False) -> str | None:
        """The cell as text; an empty required cell is a problem."""
        value = self.values.get(name)
        if value is None and required:
            self.flag(name, "required value is empty")
        return value

    def choice(self, name: str, enum: type[E], *, required: bool = False) -> E | None:
        """One value of ``enum`` (case-insensitive)."""
        value = self.text(name, required=required)
        if value is None:
            return None
        for member in enum:
            if member.value == value.lower():
                return member
        allowed = ", ".join(m.value for m in enum)
        self.flag(name, f"unknown value {value!r}; expected one of {allowed}")
        return None

    def integer(
        self, name: str, *, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        """A whole number in range (``12.0`` from spreadsheets is read as 12)."""
        value = self.values.get(name)
        if value is None:
            return None
        try:
            number = int(value)
        except ValueError:
            try:
                as_float = float(value)
            except ValueError:
                as_float = math.nan
            if not as_float.is_integer():
                self.flag(name, f"{value!r} is not a whole number")
                return None
            number = int(as_float)
        if minimum is not None and number < minimum:
            self.flag(name, f"{number} is below {minimum}")
            return None
        if maximum is not None and number > maximum:
            self.flag(name, f"{number} is above {maximum}")
            return None
        return number

    def degrees(self, name: str, limit: int) -> int | None:
        """Decimal degrees within ±``limit`` as integer micro-degrees."""
        value = self.values.get(name)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            self.flag(name, f"{value!r} is not a number of degrees")
            return None
        if not math.isfinite(number) or abs(number) > limit:
            self.flag(name, f"{value!r} is outside -{limit} … {limit} degrees")
            return None
        return micro_degrees(number)

    def zone_name(self, name: str = "source_tz") -> str | None:
        """An IANA zone name; unknown zones are a problem."""
        value = self.values.get(name)
        if value is None:
            return None
        try:
            zone(value)
        except (ZoneInfoNotFoundError, ValueError):
            self.flag(name, f"unknown time zone {value!r}; use an IANA name such as Europe/Kyiv")
            return None
        return value

    def time(self, name: str, zone_name: str | None, *, required: bool = False) -> datetime | None:
        """An ISO 8601 time read in ``zone_name`` (UTC if none); a date alone is 00:00 there."""
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            moment, _ = parse_time(value, zone(zone_name or "UTC"))
        except (ValueError, OverflowError):
            self.flag(
                name, f"{value!r} is not an ISO 8601 date or time (e.g. 2025-04-20T14:30+03:00)"
            )
            return None
        if moment < EARLIEST:
            self.flag(name, f"{value!r} is out of range (before 1900)")
            return None
        if moment > self.now + FUTURE_SLACK:
            self.flag(name, f"{value!r} is in the future")
            return None
        return moment
