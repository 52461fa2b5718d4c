"""Times in agreements: declared in a named IANA time zone, stored in UTC.

Parties declare windows in their own clock ("from 18:00 Moscow time"). A document gives each
window's ``time_zone`` and its bounds as local wall times (or with an explicit offset); a date
alone means 00:00 in that zone. After loading, every bound is a timezone-aware UTC ``datetime``.

>>> local_to_utc("2025-04-19T18:00", "Europe/Moscow")
datetime.datetime(2025, 4, 19, 15, 0, tzinfo=datetime.timezone.utc)
>>> local_to_utc("2025-03-25", "Europe/Kyiv").isoformat()
'2025-03-24T22:00:00+00:00'
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, PlainSerializer, WithJsonSchema

from ceasefire.core.ledger.canonical import utc_text

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; ValueError (never KeyError/OSError) when there is none."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f"{name!r} is not an IANA time zone name (e.g. Europe/Moscow)")
    try:
        return ZoneInfo(name)
    except Exception as exc:  # ZoneInfoNotFoundError is a KeyError; bad keys raise ValueError
        raise ValueError(f"{name!r} is not an IANA time zone name (e.g. Europe/Moscow)") from exc


def _check_zone(name: str) -> str:
    zone_named(name)
    return name


TimeZoneName = Annotated[
    str,
    AfterValidator(_check_zone),
    WithJsonSchema({"type": "string", "description": "IANA time zone, e.g. Europe/Moscow"}),
]


def local_to_utc(value: object, zone_name: str) -> datetime:
    """``value`` (a date, a datetime or ISO text) read in ``zone_name``, as an aware UTC time.

    A date alone is 00:00 in the zone; a time with its own offset keeps that offset.
    Raises ValueError with a plain message when ``value`` is not a date or time.
    """
    zone = zone_named(zone_name)
    moment: datetime
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0))
    elif isinstance(value, str):
        text = value.strip()
        try:
            moment = (
                datetime.combine(date.fromisoformat(text), time(0))
                if len(text) == 10
                else datetime.fromisoformat(text)
            )
        except ValueError:
            raise ValueError(
                f"{value!r} is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM)"
            ) from None
    else:
        raise ValueError(f"expected a date or a time, got {type(value).__name__}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return as_utc(moment)


def as_utc(moment: datetime) -> datetime:
    """An aware time converted to UTC, within the years 1900-2200."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"{moment.isoformat()} is outside the years {EARLIEST_YEAR}-{LATEST_YEAR}")
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError(f"{moment.isoformat()} cannot be converted to UTC") from exc


def localise(data: Any, keys: tuple[str, ...], default_zone: str = "UTC") -> Any:
    """Before-validation step: read ``data[key]`` in ``data['time_zone']`` for each key.

    Values that cannot be read are left as they are, so the field's own validator reports them
    at the field's path.
    """
    if not isinstance(data, dict):
        return data
    zone = data.get("time_zone", default_zone)
    if not isinstance(zone, str):
        return data
    try:
        zone_named(zone)
    except ValueError:
        return data
    out = dict(data)
    for key in keys:
        value = out.get(key)
        if value is None:
            continue
        with contextlib.suppress(ValueError):
            out[key] = local_to_utc(value, zone)
    return out


UtcDatetime = Annotated[
    datetime,
    AfterValidator(as_utc),
    PlainSerializer(utc_text, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "description": (
                "YYYY-MM-DD (00:00 in the declared time_zone), YYYY-MM-DDTHH:MM[:SS] "
                "(wall time in the declared time_zone) or with an explicit offset or Z"
            ),
        }
    ),
]
"""A bound stored as an aware UTC time; serialised as ``YYYY-MM-DDTHH:MM:SSZ``."""
