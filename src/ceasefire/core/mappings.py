"""Code mappings from secondary datasets (ACLED, UCDP GED) onto our taxonomy and precisions.

These tables are the single source of the mappings documented in ``docs/taxonomy.md``; a test
holds the two together. Only *acts* are mapped: an ACLED event type that is not a military act
(a protest, an arrest) is refused with a reason rather than forced into the taxonomy.

>>> acled_act("Explosions/Remote violence", "Shelling/artillery/missile attack",
...           "Russian forces shelled Orikhiv with MLRS.")
<Act.SHELLING_MLRS: 'shelling.mlrs'>
>>> try:
...     acled_act("Protests", "Peaceful protest", "")
... except NotAnAct as refused:
...     print(refused)
not a military act: ACLED Protests / Peaceful protest
>>> UCDP_WHERE_PREC_RADIUS_M[4]
150000
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ceasefire.core.errors import CeasefireError
from ceasefire.core.taxonomy import Act, TimePrecision


class NotAnAct(CeasefireError):  # noqa: N818 - the domain's words: "this is not an act"
    """The source's event type is not a military act of the taxonomy (e.g. a protest)."""


ACLED_ACTS: dict[tuple[str, str], Act] = {
    ("Battles", "Armed clash"): Act.ARMED_CLASH,
    ("Battles", "Government regains territory"): Act.GROUND_ASSAULT,
    ("Battles", "Non-state actor overtakes territory"): Act.GROUND_ASSAULT,
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): Act.SHELLING,
    ("Explosions/Remote violence", "Air/drone strike"): Act.AIR_STRIKE,
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): Act.MINE_OR_IED,
    ("Explosions/Remote violence", "Suicide bomb"): Act.MINE_OR_IED,
    ("Explosions/Remote violence", "Grenade"): Act.UNKNOWN,
    ("Explosions/Remote violence", "Chemical weapon"): Act.UNKNOWN,
    ("Violence against civilians", "Attack"): Act.UNKNOWN,
    ("Strategic developments", "Disrupted weapons use"): Act.UNKNOWN,
}
"""ACLED (event_type, sub_event_type) → act before refinement by the notes.

Sub-event types absent from this table (protests, riots, arrests, agreements, looting, sexual
violence, abductions, …) are not military acts of the taxonomy and are refused.
"""

ACLED_REFINEMENTS: dict[str, tuple[tuple[str, Act], ...]] = {
    "Shelling/artillery/missile attack": (
        (r"\bmissiles?\b|iskander|\bkh-\d+|kalibr|\btochka|\bs-300\b", Act.MISSILE_STRIKE),
        (r"\bmlrs\b|\bgrad\b|uragan|smerch|tornado|himars|rocket launcher", Act.SHELLING_MLRS),
        (r"\bmortars?\b", Act.SHELLING_MORTAR),
        (r"\btanks?\b", Act.SHELLING_TANK),
        (r"\bartillery\b|howitzer|\bcannon", Act.SHELLING_ARTILLERY),
    ),
    "Air/drone strike": (
        (r"\bfpv\b", Act.DRONE_STRIKE_FPV),
        (r"shahed|geran|loitering|lancet", Act.DRONE_STRIKE_LOITERING),
        (r"glide bomb|guided aerial bomb|\bkabs?\b|\bfab-\d+", Act.AIR_STRIKE_GLIDE_BOMB),
        (r"dropped|drone drop|bomb-dropping|from a drone|quadcopter", Act.DRONE_STRIKE_BOMB_DROP),
        (r"\bdrones?\b|\buavs?\b", Act.DRONE_STRIKE),
        (r"\bmissiles?\b", Act.MISSILE_STRIKE),
    ),
    "Disrupted weapons use": (
        (r"shahed|geran|\bdrones?\b|\buavs?\b", Act.DRONE_STRIKE),
        (r"\bmissiles?\b", Act.MISSILE_STRIKE),
    ),
}
"""Per sub-event type, the first pattern (case-insensitive) found in ACLED's notes refines the
act. ACLED codes drone and aircraft strikes together, so the notes decide between them."""

_COMPILED = {
    sub: tuple((re.compile(pattern, re.IGNORECASE), act) for pattern, act in rules)
    for sub, rules in ACLED_REFINEMENTS.items()
}


def acled_act(event_type: str, sub_event_type: str, notes: str) -> Act:
    """The act for an ACLED event; raises :class:`NotAnAct` for non-military event types."""
    pair = (event_type.strip(), sub_event_type.strip())
    if pair not in ACLED_ACTS:
        raise NotAnAct(f"not a military act: ACLED {pair[0]} / {pair[1]}")
    act = ACLED_ACTS[pair]
    for pattern, refined in _COMPILED.get(pair[1], ()):
        if pattern.search(notes):
            return refined
    return act


ACLED_GEO_PRECISION_RADIUS_M: dict[int, int] = {1: 5_000, 2: 25_000, 3: 100_000}
"""ACLED geo_precision → uncertainty radius: 1 the named town (its extent), 2 near a town or a
small part of a region (ACLED places it at the nearest town), 3 only a larger region (its
capital's coordinates)."""

UCDP_WHERE_PREC_RADIUS_M: dict[int, int] = {
    1: 5_000,
    2: 25_000,
    3: 50_000,
    4: 150_000,
    5: 100_000,
    6: 700_000,
    7: 500_000,
}
"""UCDP where_prec → uncertainty radius: 1 exact location (a settlement's extent), 2 within about
25 km of a known point, 3 a second-order division (a Ukrainian raion, 1,000-3,000 km²), 4 a
first-order division (an oblast, centroid to edge up to ~150 km), 5 a linear feature or area
between divisions (a front line, a border stretch), 6 only the country (Ukraine spans ~1,300 km),
7 international waters or airspace."""

ACLED_TIME_PRECISION: dict[int, TimePrecision] = {
    1: TimePrecision.DAY,
    2: TimePrecision.WEEK,
    3: TimePrecision.MONTH,
}
UCDP_DATE_PREC: dict[int, TimePrecision] = {
    1: TimePrecision.DAY,
    2: TimePrecision.WEEK,
    3: TimePrecision.WEEK,
    4: TimePrecision.MONTH,
    5: TimePrecision.LONGER,
}
"""UCDP date_prec → precision: 1 exact day, 2 a 2-6 day range, 3 a week, 4 a month, 5 longer.
The window itself is always date_start … date_end + 1 day."""


def acled_window(day: date, precision: int) -> tuple[date, date, TimePrecision]:
    """Local-day window ``[start, end)`` for an ACLED event_date and time_precision.

    1 → that day; 2 → every 7-day week containing the date, ``[d-6, d+7)``, since ACLED puts a
    week-precision event on one day of its week; 3 → the calendar month of the date.

    >>> acled_window(date(2025, 4, 20), 2)
    (datetime.date(2025, 4, 14), datetime.date(2025, 4, 27), <TimePrecision.WEEK: 'week'>)
    """
    kind = ACLED_TIME_PRECISION.get(precision, TimePrecision.DAY)
    if kind is TimePrecision.WEEK:
        return day - timedelta(days=6), day + timedelta(days=7), kind
    if kind is TimePrecision.MONTH:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following, kind
    return day, day + timedelta(days=1), kind


ACLED_TIME_ZONES: dict[str, str] = {
    "804": "Europe/Kyiv",
    "643": "Europe/Moscow",
    "112": "Europe/Minsk",
    "498": "Europe/Chisinau",
}
"""ACLED ``iso`` (numeric ISO 3166) → the time zone of its local event days; others use UTC."""
