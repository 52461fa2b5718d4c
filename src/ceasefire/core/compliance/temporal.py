"""When a party's version of a term is in force, and whether an incident's time window is.

A version is in force over its window (declared in a named zone, stored in UTC, edges exact to
the minute) intersected with its lifecycle: from each ``in_force`` step to the next step that
leaves it (suspended, expired, withdrawn), a lifecycle date meaning 00:00 in the window's zone.
A version without a window is in force over its lifecycle alone (``duration_days`` from the
start when no step ends it); one that never reached ``in_force`` is never in force; one with
neither window nor lifecycle (an illustration) is in force at all times.

An incident's window ``[start, end)`` is inside when it lies wholly in one in-force interval,
outside when it touches none, and *indeterminate* when it straddles an edge (a date-only report
on the day a window opens at 18:00).

>>> from ceasefire.core.agreement.times import local_to_utc
>>> start = int(local_to_utc("2025-04-19T18:00", "Europe/Moscow").timestamp())
>>> day = int(local_to_utc("2025-04-19", "Europe/Moscow").timestamp())
>>> within([(start, start + 30 * 3600)], [day, start], [day + 86_400, start + 60]).tolist()
[1, 2]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from numpy.typing import ArrayLike

from ceasefire.core.agreement.terms import LifecycleState, Term, TermVersion
from ceasefire.core.agreement.times import zone_named
from ceasefire.core.compliance.model import FALSE, TRUE, UNKNOWN, TriArray

Interval = tuple[int, int]
"""``[start, end)`` in UTC epoch seconds."""
OPEN_END = 2**62
_LEAVES = {LifecycleState.SUSPENDED, LifecycleState.EXPIRED, LifecycleState.WITHDRAWN}


def _midnight(day: date, zone_name: str) -> int:
    local = datetime.combine(day, time(0), tzinfo=zone_named(zone_name))
    return int(local.astimezone(UTC).timestamp())


def bound_parties(term: Term) -> set[str]:
    """Parties a term binds: those committed to it, and those whose version has no lifecycle."""
    stated = {party for party, version in term.versions.items() if not version.lifecycle}
    return set(term.committed_parties) | stated


def version_zone(version: TermVersion) -> str:
    """The time zone the version is declared in (UTC when it has no window)."""
    return version.window.time_zone if version.window is not None else "UTC"


def in_force(version: TermVersion) -> list[Interval]:
    """The intervals (UTC seconds, half-open) over which ``version`` is in force.

    With a window, a lifecycle step counts from the start of its day (``in_force``) or to the
    end of its day (leaving), so the window's minute-exact edges decide within those days.
    """
    zone = version_zone(version)
    window: Interval | None = None
    if version.window is not None:
        end = version.window.end
        window = (
            int(version.window.start.timestamp()),
            OPEN_END if end is None else int(end.timestamp()),
        )
    if not version.lifecycle:
        return [window or (-OPEN_END, OPEN_END)]
    spans: list[Interval] = []
    begun: int | None = None
    for step in version.lifecycle:
        if step.state is LifecycleState.IN_FORCE and begun is None:
            begun = _midnight(step.date, zone)
        elif step.state in _LEAVES and begun is not None:
            extra = timedelta(days=1) if window is not None else timedelta(0)
            spans.append((begun, _midnight(step.date + extra, zone)))
            begun = None
    if begun is not None:
        days = version.duration_days
        spans.append((begun, OPEN_END if days is None or window else begun + days * 86_400))
    if window is None:
        return spans
    clipped = [(max(a, window[0]), min(b, window[1])) for a, b in spans]
    return [(a, b) for a, b in clipped if a < b]


def within(
    intervals: Sequence[Interval],
    start_s: ArrayLike,
    end_s: ArrayLike,
    dated: ArrayLike | None = None,
) -> TriArray:
    """Three-valued: is each window ``[start, end)`` (an instant when equal) in an interval?"""
    start = np.asarray(start_s, dtype=np.int64)
    last = np.maximum(np.asarray(end_s, dtype=np.int64), start + 1)
    inside = np.zeros(start.shape, dtype=bool)
    touches = np.zeros(start.shape, dtype=bool)
    for low, high in intervals:
        inside |= (low <= start) & (last <= high)
        touches |= (start < high) & (last > low)
    out = np.where(inside, TRUE, np.where(touches, UNKNOWN, FALSE)).astype(np.int8)
    if dated is not None:
        out[~np.asarray(dated, dtype=bool)] = UNKNOWN
    return out


def local_text(seconds: int, zone_name: str, *, with_time: bool = True) -> str:
    """``4 Apr 2025 10:12`` (or ``4 Apr 2025``) in ``zone_name``."""
    local = datetime.fromtimestamp(seconds, tz=zone_named(zone_name))
    text = f"{local.day} {local:%b %Y}"
    return f"{text} {local:%H:%M}" if with_time else text


def edge_text(seconds: int, zone_name: str) -> str:
    """A window edge as a reader would say it: ``18 Mar`` at midnight, else ``19 Apr 18:00``."""
    local = datetime.fromtimestamp(seconds, tz=zone_named(zone_name))
    day = f"{local.day} {local:%b}"
    return day if (local.hour, local.minute) == (0, 0) else f"{day} {local:%H:%M}"
