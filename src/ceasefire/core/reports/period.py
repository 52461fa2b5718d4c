"""Reporting periods: the day a mission reports on, set by a start time and a time zone.

Reporting day ``D`` is the period that *ends* at the start time on ``D`` (local time): with the
OSCE SMM's 19:30 Kyiv time, the report for 19 April covers 18 April 19:30 to 19 April 19:30.
A day is 23 or 25 hours long across a clock change; a report over ``days=2`` or ``3`` (a
weekend) covers 48 to 72 hours, one more or less across a change.

>>> from datetime import date, time
>>> period = reporting_period(date(2025, 3, 30), tz="Europe/Kyiv", start_time=time(19, 30))
>>> period.minutes // 60, utc_text(period.start), utc_text(period.end)
(23, '2025-03-29T17:30:00Z', '2025-03-30T16:30:00Z')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import utc_text

DEFAULT_TIME_ZONE = "Europe/Kyiv"
DEFAULT_START = time(19, 30)
ZONE_WORDS = {"Europe/Kyiv": "Kyiv time", "Europe/Moscow": "Moscow time", "UTC": "UTC"}

__all__ = [
    "DEFAULT_START",
    "DEFAULT_TIME_ZONE",
    "ReportingPeriod",
    "reporting_period",
    "utc_text",
]


@dataclass(frozen=True, slots=True)
class ReportingPeriod:
    """``[start, end)`` in UTC, with the local day and zone it was set in."""

    day: date
    """The reporting day: the local date on which the period ends."""
    days: int
    time_zone: str
    start_time: time
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        """Length in whole minutes (1,380 / 1,440 / 1,500 for a 23 / 24 / 25 h day)."""
        return int((self.end - self.start).total_seconds()) // 60

    @property
    def zone_words(self) -> str:
        """The time zone as a reader says it (``Kyiv time``)."""
        return ZONE_WORDS.get(self.time_zone, self.time_zone)

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the period's time zone."""
        return moment.astimezone(ZoneInfo(self.time_zone))

    def label(self) -> str:
        """``18 Apr 2025 19:30 – 19 Apr 2025 19:30 Kyiv time (24 h)``."""
        start, end = self.local(self.start), self.local(self.end)
        hours = self.minutes / 60
        length = f"{hours:.0f} h" if self.minutes % 60 == 0 else f"{hours:.1f} h"
        return f"{start:%-d %b %Y %H:%M} – {end:%-d %b %Y %H:%M} {self.zone_words} ({length})"

    def contains(self, moment: datetime) -> bool:
        """Whether ``moment`` lies in ``[start, end)``."""
        return self.start <= moment < self.end

    def previous(self) -> ReportingPeriod:
        """The period of the same length in days that ends where this one starts."""
        return reporting_period(
            self.day - timedelta(days=self.days),
            tz=self.time_zone,
            start_time=self.start_time,
            days=self.days,
        )

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields (no floats)."""
        return {
            "day": self.day.isoformat(),
            "days": self.days,
            "time_zone": self.time_zone,
            "start_time": self.start_time.strftime("%H:%M"),
            "start": utc_text(self.start),
            "end": utc_text(self.end),
            "minutes": self.minutes,
            "label": self.label(),
        }


def reporting_period(
    day: date, *, tz: str = DEFAULT_TIME_ZONE, start_time: time = DEFAULT_START, days: int = 1
) -> ReportingPeriod:
    """The period that ends at ``start_time`` local time on ``day`` and covers ``days`` days.

    Local wall-clock times are converted with :mod:`zoneinfo`, so a day across a clock change is
    23 or 25 hours long (a start time inside a spring-forward gap follows PEP 495).
    """
    if days < 1 or days > 7:
        raise CeasefireError(f"a report covers 1 to 7 days, not {days}")
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise CeasefireError(f"unknown time zone {tz!r}; expected e.g. Europe/Kyiv") from None
    end_local = datetime.combine(day, start_time, tzinfo=zone)
    start_local = datetime.combine(day - timedelta(days=days), start_time, tzinfo=zone)
    return ReportingPeriod(
        day=day,
        days=days,
        time_zone=tz,
        start_time=start_time,
        start=start_local.astimezone(UTC),
        end=end_local.astimezone(UTC),
    )
