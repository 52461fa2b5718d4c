"""Query parameters shared by the list routes: time range, bounding box, party, act, …

>>> parse_bbox("36.5,47.5,38.0,48.9")
(36.5, 47.5, 38.0, 48.9)
>>> as_utc(datetime(2025, 4, 20, 12)).isoformat()
'2025-04-20T12:00:00+00:00'
>>> known_zone("Europe/Kyiv")
'Europe/Kyiv'
"""

from __future__ import annotations

import math
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator

from ceasefire.api.errors import InvalidParameter

FIRST_YEAR = 1900
LAST_YEAR = 2999
"""Times and days outside these years are refused (422): the record's canonical time text has
four-digit years, and day arithmetic near year 1 or 9999 overflows."""


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() | {"UTC"})


def known_zone(name: str) -> str:
    """``name`` if it is an IANA time zone (e.g. ``Europe/Moscow``); else ValueError (422)."""
    if name not in _zones():
        raise ValueError(f"{name[:64]!r} is not an IANA time zone name such as Europe/Kyiv")
    return name


def sane_day(day: date) -> date:
    """``day`` if its year is within FIRST_YEAR..LAST_YEAR; else ValueError (422)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()}: expected a year from {FIRST_YEAR} to {LAST_YEAR}")
    return day


def sane_moment(moment: datetime) -> datetime:
    """``moment`` if its year is within FIRST_YEAR..LAST_YEAR; else ValueError (422)."""
    sane_day(moment.date())
    return moment


MAX_ROW_ID = 2**63 - 1
"""The largest row id either database can hold (a larger one gets 422, not an overflow)."""
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="the row's numeric id")]
"""A numeric id in a path."""
Version = Annotated[
    int | None, Query(ge=1, le=2**31 - 1, description="a published version (default: latest)")
]

ZoneName = Annotated[str, AfterValidator(known_zone)]
"""An IANA time zone name, checked (a query parameter or body field)."""
Day = Annotated[date, AfterValidator(sane_day)]
"""A calendar day within the years the record can hold."""
Moment = Annotated[datetime, AfterValidator(sane_moment)]
"""A time within the years the record can hold (ISO 8601; UTC when no offset)."""

Start = Annotated[
    Moment | None,
    Query(description="only what ends at or after this time (ISO 8601; UTC when no offset)"),
]
End = Annotated[
    Moment | None,
    Query(description="only what starts before this time (ISO 8601; UTC when no offset)"),
]
Bbox = Annotated[
    str | None,
    Query(
        max_length=200,
        description="west,south,east,north in degrees (WGS 84), e.g. 36.5,47.5,38.0,48.9",
    ),
]
Party = Annotated[str | None, Query(max_length=20, description="party code, e.g. RU or UA")]


def as_utc(moment: datetime | None) -> datetime | None:
    """An aware UTC datetime (a time without offset is read as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) from ``?bbox=``; 422 naming what is wrong."""
    if text is None or not text.strip():
        return None
    try:
        parts = tuple(float(p) for p in text.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise InvalidParameter("bbox", f"{text!r}: expected four numbers west,south,east,north")
    west, south, east, north = parts
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise InvalidParameter(
            "bbox",
            f"{text!r}: expected -180 <= west <= east <= 180 and -90 <= south <= north <= 90",
        )
    return west, south, east, north


@dataclass(frozen=True)
class TimeRange:
    """A checked time range."""

    start: datetime | None
    end: datetime | None


def time_range(start: datetime | None, end: datetime | None) -> TimeRange:
    """``start`` and ``end`` in UTC; 422 when the range is empty."""
    first, last = as_utc(start), as_utc(end)
    if first is not None and last is not None and last <= first:
        raise InvalidParameter("end", "must be later than start")
    return TimeRange(first, last)
