"""Field-level redaction: what a role without the restricted read never sees.

A party liaison, a mediator or the public must never learn a monitor's identity or position,
nor the restricted evidence a monitor filed, nor geometry that reveals where a monitor stood
(an observer's position, or a bearing and distance from it). Rows keep their shape: a withheld
identity reads :data:`WITHHELD`, withheld positions and evidence are left out, and the row says
which fields were withheld.

>>> from ceasefire.core.actor import Actor, Role
>>> row = {"id": 7, "source_kind": "monitor_team", "source_name": "Team 3",
...        "observer_lat": 48.1, "observer_lon": 37.2, "bearing_min_deg": 80, "act": "shelling"}
>>> redact_observation(row, Actor(user="olga", role=Role.PARTY_LIAISON, party="RU"))
{'id': 7, 'source_kind': 'monitor_team', 'source_name': '[withheld]', 'act': 'shelling', \
'withheld': ['bearing_min_deg', 'observer_lat', 'observer_lon', 'source_name']}
>>> redact_observation(row, Actor(user="Team 3", role=Role.MONITOR)) == row
True
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ceasefire.core.access.policy import Permission, allows
from ceasefire.core.actor import Actor, Role

WITHHELD = "[withheld]"
"""What a withheld identity reads as."""
MONITOR_WORDS = "a monitor team"
"""What a withheld name reads as inside free text (incident reasons, finding traces)."""

RESTRICTED_SOURCE_KINDS = frozenset({"monitor_team", "sensor"})
"""Source kinds whose identity and evidence are restricted: the mission's own teams and
sensors (a party's statement or a media report names its source openly)."""

POSITION_FIELDS: tuple[str, ...] = (
    "observer_lat",
    "observer_lon",
    "bearing_min_deg",
    "bearing_max_deg",
    "distance_min_m",
    "distance_max_m",
)
"""Where the observer stood, and the geometry from which that can be worked out. Withheld on
every row, whatever its source kind."""

RESTRICTED_EVIDENCE_FIELDS: tuple[str, ...] = ("evidence_url", "evidence_collector")
"""Evidence that leads to a monitor: where the capture is kept and who collected it."""

IDENTITY_FIELDS: tuple[str, ...] = ("source_name",)
"""Who filed the report (a team or sensor name)."""

RESTRICTED_FIELDS: tuple[str, ...] = IDENTITY_FIELDS + POSITION_FIELDS + RESTRICTED_EVIDENCE_FIELDS
"""Every restricted field of the observation layout (``core/observations/columns.py``): the
identity and evidence fields of monitor and sensor reports, and the observer's position and
sector on any report. Exported bundles carry salted commitments in their place."""


def sees_restricted(actor: Actor) -> bool:
    """Whether ``actor`` reads restricted fields as stored.

    >>> sees_restricted(Actor(user="m", role=Role.MEDIATOR))
    False
    """
    return allows(actor.role, Permission.READ_RESTRICTED)


def restricted_fields_of(row: Mapping[str, object]) -> tuple[str, ...]:
    """The fields of observation ``row`` that are restricted, given its source kind.

    >>> restricted_fields_of({"source_kind": "media", "source_name": "Reuters"})
    ('observer_lat', 'observer_lon', 'bearing_min_deg', 'bearing_max_deg', 'distance_min_m', \
'distance_max_m')
    """
    if row.get("source_kind") in RESTRICTED_SOURCE_KINDS:
        return RESTRICTED_FIELDS
    return POSITION_FIELDS


def is_own(row: Mapping[str, object], actor: Actor) -> bool:
    """Whether observation ``row`` was filed by monitor ``actor`` (their team is their user
    name)."""
    return actor.role is Role.MONITOR and row.get("source_name") == actor.user


def redact_observation(row: Mapping[str, object], actor: Actor) -> dict[str, object]:
    """``row`` as ``actor`` may see it: restricted fields withheld unless the role reads them
    or the row is the monitor's own."""
    if sees_restricted(actor) or is_own(row, actor):
        return dict(row)
    restricted = set(restricted_fields_of(row))
    shown: dict[str, object] = {}
    withheld: list[str] = []
    for name, value in row.items():
        if name not in restricted or value is None:
            shown[name] = value
        elif name in IDENTITY_FIELDS:
            shown[name] = WITHHELD
            withheld.append(name)
        else:
            withheld.append(name)
    if withheld:
        shown["withheld"] = sorted(withheld)
    return shown


def _scrub(text: str, names: Collection[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = text.replace(name, MONITOR_WORDS)
    return text


def _redact_text(
    record: Mapping[str, object], actor: Actor, withheld_names: Collection[str]
) -> dict[str, object]:
    if sees_restricted(actor) or not withheld_names:
        return dict(record)
    return {
        name: _scrub(value, withheld_names) if isinstance(value, str) else value
        for name, value in record.items()
    }


def redact_incident(
    record: Mapping[str, object], actor: Actor, withheld_names: Collection[str] = ()
) -> dict[str, object]:
    """An incident as ``actor`` may see it: the names of monitor teams and sensors
    (``withheld_names``) that its reasons quote read as "a monitor team".

    >>> redact_incident({"confidence_reason": "best evidence: monitor (Team 3, A2)"},
    ...                 Actor(user="p", role=Role.PUBLIC), {"Team 3"})
    {'confidence_reason': 'best evidence: monitor (a monitor team, A2)'}
    """
    return _redact_text(record, actor, withheld_names)


def redact_finding(
    record: Mapping[str, object], actor: Actor, withheld_names: Collection[str] = ()
) -> dict[str, object]:
    """A finding as ``actor`` may see it: monitor names in its trace withheld as for
    incidents."""
    return _redact_text(record, actor, withheld_names)
