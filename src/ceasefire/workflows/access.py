"""What reads need from the store to redact: the names that must not be shown.

The policy itself is pure (``ceasefire.core.access``); this module only looks up, once per
read, which source names belong to the mission's own teams and sensors, so that incident
reasons and finding traces quoting them can be redacted.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, func, select

from ceasefire.core.access import RESTRICTED_SOURCE_KINDS, sees_restricted
from ceasefire.core.actor import Actor
from ceasefire.store.schema import observations


def restricted_source_names(connection: Connection) -> frozenset[str]:
    """The source names of monitor-team and sensor observations (one row read per source)."""
    firsts = (
        select(func.min(observations.c.id)).group_by(observations.c.source_name).scalar_subquery()
    )
    names = set()
    for row in connection.execute(
        select(observations.c.source_name, observations.c.canonical).where(
            observations.c.id.in_(firsts)
        )
    ):
        if json.loads(row.canonical).get("source_kind") in RESTRICTED_SOURCE_KINDS:
            names.add(str(row.source_name))
    return frozenset(names)


def withheld_names(connection: Connection, actor: Actor) -> frozenset[str]:
    """The names ``actor`` must not see in free text (none for roles reading restricted data)."""
    if sees_restricted(actor):
        return frozenset()
    return restricted_source_names(connection)
