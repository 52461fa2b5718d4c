"""Time columns: ISO 8601 text in a source time zone to UTC, vectorised for the common forms.

A cell in one of the common shapes (``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or
``YYYY-MM-DDTHH:MM:SS``, ``T`` or a space between date and time, no offset) is parsed with numpy
arithmetic on character codes and converted to UTC with one zone lookup per distinct local hour.
Every other cell — offsets, fractions, week dates, bad text, hours where the zone changes its
offset, years before 1900 — takes the exact per-cell path (:func:`parse_time`), so results and
messages are the same either way.

>>> out, date_only, seconds, ok = parse_time_column(
...     np.array(["2025-04-20T10:00", "2025-04-21"], dtype=object),
...     np.array(["Europe/Kyiv", None], dtype=object),
...     latest=datetime(2030, 1, 1, tzinfo=UTC), flag=print, name="start")
>>> out.tolist(), date_only.tolist()
(['2025-04-20T07:00:00Z', '2025-04-21T00:00:00Z'], [False, True])
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from ceasefire.core.taxonomy import TimePrecision

ObjectArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]
Seconds = npt.NDArray[np.int64]
Flag = Callable[[int, str, str], None]

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
"""Times before this are refused as out of range."""

FUTURE_SLACK = timedelta(days=1)
"""Event times later than the import time plus this are refused as in the future."""

_EPOCH = datetime(1970, 1, 1)
_SHAPES = {10: "dddd-dd-dd", 16: "dddd-dd-ddTdd:dd", 19: "dddd-dd-ddTdd:dd:dd"}


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """A time zone by IANA name (cached)."""
    return ZoneInfo(name)


def parse_time(text: str, tz: ZoneInfo) -> tuple[datetime, bool]:
    """Parse ISO 8601; return (UTC time, date_only). Naive times are read in ``tz``."""
    if len(text) == 10:
        day = date.fromisoformat(text)
        local = datetime(day.year, day.month, day.day, tzinfo=tz)
        return local.astimezone(UTC), True
    moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC), False


def utc_z(moment: datetime) -> str:
    """UTC time as fixed-width text, sortable as a string."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_texts(seconds: Seconds) -> list[str]:
    """Epoch seconds as ``YYYY-MM-DDTHH:MM:SSZ`` texts (the same as :func:`utc_z`)."""
    stamps = seconds.astype("datetime64[s]")
    return list(np.datetime_as_string(stamps, unit="s", timezone="UTC").tolist())


def _epoch_seconds(moment: datetime) -> int:
    return int((moment - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds())


def _digits(
    texts: list[str], lengths: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], BoolArray]:
    """(codes minus '0', shape ok) for texts of the common shapes, as a (n, 19) matrix."""
    codes = np.array(texts, dtype="U19").view(np.uint32).reshape(len(texts), 19).astype(np.int64)
    ok = np.zeros(len(texts), dtype=bool)
    for length, shape in _SHAPES.items():
        rows = lengths == length
        if not rows.any():
            continue
        good = rows.copy()
        for at, char in enumerate(shape):
            column = codes[:, at]
            if char == "d":
                good &= (column >= 48) & (column <= 57)
            elif char == "T":
                good &= (column == 84) | (column == 32)
            else:
                good &= column == ord(char)
        ok |= good
    return codes - 48, ok


def _local_seconds(
    digits: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], ok: BoolArray
) -> Seconds:
    """Local epoch seconds from the digit matrix; clears ``ok`` where a field is out of range."""
    d = digits

    def number(start: int, width: int) -> npt.NDArray[np.int64]:
        value = np.zeros(d.shape[0], dtype=np.int64)
        for at in range(start, start + width):
            value = value * 10 + d[:, at]
        return value

    year, month, day = number(0, 4), number(5, 2), number(8, 2)
    timed = lengths > 10
    hour = np.where(timed, number(11, 2), 0)
    minute = np.where(timed, number(14, 2), 0)
    second = np.where(lengths > 16, number(17, 2), 0)
    ok &= (year >= 1800) & (year <= 9000) & (month >= 1) & (month <= 12) & (day >= 1)
    ok &= (hour <= 23) & (minute <= 59) & (second <= 59)
    months = np.where(ok, (year - 1970) * 12 + month - 1, 0)
    first = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    following = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    ok &= day <= following - first
    seconds: Seconds = (first + day - 1) * 86_400 + hour * 3_600 + minute * 60 + second
    return seconds


def _offsets(local: Seconds, tz: ZoneInfo) -> tuple[Seconds, BoolArray]:
    """UTC offset per local time (one lookup per distinct hour); False where the hour is mixed."""
    hours, inverse = np.unique(local // 3_600, return_inverse=True)
    offsets = np.zeros(hours.shape[0], dtype=np.int64)
    steady = np.ones(hours.shape[0], dtype=bool)
    for i, hour in enumerate(hours.tolist()):
        start = (_EPOCH + timedelta(hours=hour)).replace(tzinfo=tz).utcoffset()
        end = (_EPOCH + timedelta(hours=hour, seconds=3_599)).replace(tzinfo=tz).utcoffset()
        if start is None or start != end or start.microseconds:
            steady[i] = False
            continue
        offsets[i] = int(start.total_seconds())
    return offsets[inverse.reshape(-1)], steady[inverse.reshape(-1)]


def parse_time_column(
    raw: ObjectArray, zones: ObjectArray, *, latest: datetime, flag: Flag, name: str
) -> tuple[ObjectArray, BoolArray, Seconds, BoolArray]:
    """Parse one time column; return (UTC text, date_only, epoch seconds, parsed ok).

    ``zones`` holds each row's IANA zone name (``None`` means UTC). Bad cells are reported with
    ``flag(index, name, reason)`` and left ``None``.
    """
    size = raw.shape[0]
    out = np.full(size, None, dtype=object)
    date_only = np.zeros(size, dtype=bool)
    seconds = np.zeros(size, dtype=np.int64)
    parsed = np.zeros(size, dtype=bool)
    present = np.flatnonzero(raw != None)  # noqa: E711 - elementwise on an object array
    if present.size == 0:
        return out, date_only, seconds, parsed
    texts = raw[present].tolist()
    fast = np.zeros(present.size, dtype=bool)
    if all(type(t) is str for t in texts):
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        short = lengths <= 19
        fast = short.copy()
        if short.all():
            digits, fast = _digits(texts, lengths)
        else:
            digits = np.zeros((len(texts), 19), dtype=np.int64)
            picked = np.flatnonzero(short)
            digits[picked], fast[picked] = _digits([texts[k] for k in picked], lengths[picked])
        local = _local_seconds(digits, lengths, fast)
        utc = np.zeros(present.size, dtype=np.int64)
        names = zones[present]
        for zone_name in set(names[fast].tolist()):
            rows = fast & (names == zone_name)
            if zone_name is None or zone_name == "UTC":
                utc[rows] = local[rows]
                continue
            offsets, steady = _offsets(local[rows], zone(zone_name))
            utc[rows] = local[rows] - offsets
            fast[np.flatnonzero(rows)[~steady]] = False
        fast &= (utc >= _epoch_seconds(EARLIEST)) & (utc <= _epoch_seconds(latest))
        where = present[fast]
        out[where] = utc_texts(utc[fast])
        date_only[where] = lengths[fast] == 10
        seconds[where] = utc[fast]
        parsed[where] = True
    for j in np.flatnonzero(~fast).tolist():
        i = int(present[j])
        text = texts[j]
        try:
            moment, only_date = parse_time(text, zone(zones[i] or "UTC"))
        except (ValueError, OverflowError):
            flag(
                i,
                name,
                f"{text!r} is not an ISO 8601 date or time "
                "(e.g. 2025-04-20 or 2025-04-20T14:30+03:00)",
            )
            continue
        if moment < EARLIEST:
            flag(i, name, f"{text!r} is out of range (before 1900)")
            continue
        if moment > latest:
            flag(i, name, f"{text!r} is in the future")
            continue
        out[i] = utc_z(moment)
        date_only[i] = only_date
        seconds[i] = _epoch_seconds(moment)
        parsed[i] = True
    return out, date_only, seconds, parsed


_PRECISION_SECONDS: dict[str, int] = {
    TimePrecision.MINUTE: 60,
    TimePrecision.HOUR: 3_600,
    TimePrecision.PART_OF_DAY: 6 * 3_600,
    TimePrecision.DAY: 86_400,
    TimePrecision.WEEK: 7 * 86_400,
    TimePrecision.MONTH: 31 * 86_400,
}


def complete_windows(
    cols: dict[str, ObjectArray],
    start: tuple[BoolArray, Seconds, BoolArray],
    end: tuple[Seconds, BoolArray] | None,
    flag: Flag,
) -> None:
    """Fill ``time_precision`` (day for a date alone, else minute) and a missing ``end``
    (start + precision); refuse an end before the start.

    ``start`` is (date_only, epoch seconds, parsed ok) of the start column, ``end`` (epoch
    seconds, parsed ok) of the end column when there is one.
    """
    date_only, starts, has_start = start
    size = starts.shape[0]
    precision = cols.get("time_precision")
    if precision is None:
        precision = cols["time_precision"] = np.full(size, None, dtype=object)
    end_col = cols.get("end")
    if end_col is None:
        end_col = cols["end"] = np.full(size, None, dtype=object)
    unset = has_start & (precision == None)  # noqa: E711
    precision[unset & date_only] = TimePrecision.DAY.value
    precision[unset & ~date_only] = TimePrecision.MINUTE.value
    has_end = end[1] if end is not None else np.zeros(size, dtype=bool)
    open_ended = np.flatnonzero(has_start & ~has_end)
    spans = np.array([_PRECISION_SECONDS.get(p, -1) for p in precision[open_ended].tolist()])
    spans = spans.astype(np.int64).reshape(-1)
    known = spans >= 0
    filled = open_ended[known]
    end_col[filled] = utc_texts(starts[filled] + spans[known])
    reasons: dict[int, str] = {}
    for i in open_ended[~known].tolist():
        reasons[i] = f"time_precision {precision[i]!r} needs an explicit end"
    if end is not None:
        for i in np.flatnonzero(has_start & has_end & (end[0] < starts)).tolist():
            reasons[i] = f"end {end_col[i]} is before start {cols['start'][i]}"
    for i in sorted(reasons):
        flag(i, "end", reasons[i])
