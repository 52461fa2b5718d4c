"""Read the period a claim covers from its own words, deriving UTC bounds where possible.

Forms understood (times without a stated zone are read in the claimant's zone; ``MSK`` means
Europe/Moscow, ``Kyiv`` Europe/Kyiv, ``UTC`` UTC):

====================================  ============  =========================================
written                               precision     window
====================================  ============  =========================================
``2025-04-04`` / ``2025-04-20 (day)``  days          that local day
``2025-03-18..2025-03-26``             days          both days included
``2025-04-19 18:00..2025-04-20 00:00`` exact         as written (``..16:00`` = same day)
``2025-04-20 to 16:00``               as_of         00:00 → 16:00 that day
``from 2025-03-18 for 30 days``       days          start + 30 days
``since 2025-03-18``                  open_end      start only
``24h to 2025-04-09``                 bounded       08 Apr 00:00 → 10 Apr 00:00 (contains it)
``2025-05-08 first hours``            bounded       that local day
``2025-05-08 00:00..morning``         open_end      start only
``… as of ~01:55 2025-04-21``         as_of         end only
anything else ("whole truce")         relative      none: resolved against the arrangement
====================================  ============  =========================================

>>> p = parse_period("2025-04-19 18:00 MSK..2025-04-21 00:00 MSK", "Europe/Kyiv")
>>> p.precision.value, p.start.isoformat(), p.end.isoformat(), p.time_zone
('exact', '2025-04-19T15:00:00+00:00', '2025-04-20T21:00:00+00:00', 'Europe/Moscow')
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ceasefire.core.claims.model import Period, PeriodPrecision

ZONE_WORDS: dict[str, str] = {"MSK": "Europe/Moscow", "KYIV": "Europe/Kyiv", "UTC": "UTC"}
PARTY_ZONES: dict[str, str] = {"russia": "Europe/Moscow", "ukraine": "Europe/Kyiv"}
"""The zone a party's unzoned times are read in; other claimants' times are read as UTC."""

_D = r"(\d{4}-\d{2}-\d{2})"
_T = r"(\d{1,2}:\d{2})"
_Z = r"(?:\s+(MSK|Kyiv|UTC))?"
_RANGE = re.compile(rf"^{_D}(?:\s+{_T})?{_Z}\s*(?:\.\.|–|—)\s*{_D}?\s*{_T}?{_Z}$", re.IGNORECASE)
_TO_TIME = re.compile(rf"^{_D}\s+to\s+{_T}{_Z}$", re.IGNORECASE)
_DAY = re.compile(rf"^{_D}(?:\s+\(day\))?$", re.IGNORECASE)
_FOR_DAYS = re.compile(rf"^from\s+{_D}\s+for\s+(\d+)\s+days?$", re.IGNORECASE)
_SINCE = re.compile(rf"^(?:since|from)\s+{_D}$", re.IGNORECASE)
_HOURS_TO = re.compile(rf"^24\s*h(?:ours)?\s+to\s+{_D}$", re.IGNORECASE)
_FIRST_HOURS = re.compile(rf"^{_D}\s+first\s+hours$", re.IGNORECASE)
_START_OPEN = re.compile(rf"^{_D}\s+{_T}{_Z}\s*\.\.\s*[a-z ]+$", re.IGNORECASE)
_AS_OF = re.compile(rf"as\s+of\s+~?\s*{_T}\s+{_D}", re.IGNORECASE)


def zone_for(claimant_party: str) -> str:
    """The zone unzoned times of this party's claims are read in."""
    return PARTY_ZONES.get(claimant_party.strip().lower(), "UTC")


def _at(day: str, clock: str | None, zone: str) -> datetime:
    d = date.fromisoformat(day)
    t = time.fromisoformat(clock.zfill(5)) if clock else time(0, 0)
    return datetime.combine(d, t, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def _zone(word: str | None, default: str) -> str:
    return ZONE_WORDS[word.upper()] if word else default


def parse_period(text: str, default_zone: str) -> Period:
    """The period written in ``text``; raises ``ValueError`` for an impossible date or time."""
    written = " ".join(text.split())
    if m := _DAY.match(written):
        start = _at(m[1], None, default_zone)
        end = _local_next_day(m[1], default_zone)
        return Period(written, PeriodPrecision.DAYS, start, end, default_zone)
    if m := _RANGE.match(written):
        first_day, first_time, first_zone, last_day, last_time, last_zone = m.groups()
        zone = _zone(last_zone or first_zone, default_zone)
        start = _at(first_day, first_time, zone)
        if last_day is None and last_time is None:
            raise ValueError(f"{written!r}: the range has no end")
        if first_time is None and last_time is None:
            return Period(
                written,
                PeriodPrecision.DAYS,
                start,
                _local_next_day(last_day or first_day, zone),
                zone,
            )
        end = _at(last_day or first_day, last_time, zone)
        return Period(written, PeriodPrecision.EXACT, start, end, zone)
    if m := _TO_TIME.match(written):
        zone = _zone(m[3], default_zone)
        return Period(
            written, PeriodPrecision.AS_OF, _at(m[1], None, zone), _at(m[1], m[2], zone), zone
        )
    if m := _FOR_DAYS.match(written):
        start = _at(m[1], None, default_zone)
        last = date.fromisoformat(m[1]) + timedelta(days=int(m[2]))
        return Period(
            written,
            PeriodPrecision.DAYS,
            start,
            _at(last.isoformat(), None, default_zone),
            default_zone,
        )
    if m := _SINCE.match(written):
        return Period(
            written, PeriodPrecision.OPEN_END, _at(m[1], None, default_zone), None, default_zone
        )
    if m := _HOURS_TO.match(written):
        day = date.fromisoformat(m[1])
        before = (day - timedelta(days=1)).isoformat()
        return Period(
            written,
            PeriodPrecision.BOUNDED,
            _at(before, None, default_zone),
            _local_next_day(m[1], default_zone),
            default_zone,
        )
    if m := _FIRST_HOURS.match(written):
        return Period(
            written,
            PeriodPrecision.BOUNDED,
            _at(m[1], None, default_zone),
            _local_next_day(m[1], default_zone),
            default_zone,
        )
    if m := _START_OPEN.match(written):
        zone = _zone(m[3], default_zone)
        return Period(written, PeriodPrecision.OPEN_END, _at(m[1], m[2], zone), None, zone)
    if m := _AS_OF.search(written):
        return Period(
            written, PeriodPrecision.AS_OF, None, _at(m[2], m[1], default_zone), default_zone
        )
    return Period(written, PeriodPrecision.RELATIVE)


def _local_next_day(day: str, zone: str) -> datetime:
    following = date.fromisoformat(day) + timedelta(days=1)
    return _at(following.isoformat(), None, zone)
