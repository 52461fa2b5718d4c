"""Reading observations back: filters, and the formats ``observations list`` prints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

from ceasefire.core.access import (
    Permission,
    acting,
    authorize_any,
    redact_observation,
    sees_restricted,
)
from ceasefire.core.actor import Actor
from ceasefire.core.observations.columns import COLUMN_BY_NAME
from ceasefire.store.database import Store
from ceasefire.store.observations import ObservationFilter, select_observations

__all__ = ["ObservationFilter", "list_observations", "observation_record"]


def observation_record(canonical: bytes) -> dict[str, object]:
    """The flat record held in stored canonical bytes, with degrees and aware UTC datetimes.

    >>> observation_record(b'{"lat":48280000,"layout":"observation/1"}')
    {'lat': 48.28}
    """
    record: dict[str, object] = {}
    for name, stored in json.loads(canonical).items():
        column = COLUMN_BY_NAME.get(name)
        if column is None:
            continue
        if column.kind == "degrees":
            record[name] = stored / 1_000_000
        elif column.kind == "time":
            record[name] = datetime.fromisoformat(stored)
        else:
            record[name] = stored
    return record


def list_observations(
    store: Store, where: ObservationFilter, *, actor: Actor | None = None
) -> Iterator[dict[str, object]]:
    """Current observations matching ``where``, oldest first, as dicts of present values.

    Restricted fields are withheld unless ``actor`` may read them; a monitor sees their own.
    """
    actor = acting(actor)
    wanted = (Permission.READ_OBSERVATIONS, Permission.READ_OWN_OBSERVATIONS)
    own_only = authorize_any(actor, wanted) is Permission.READ_OWN_OBSERVATIONS
    if own_only:
        where = replace(where, source=actor.user)
    see = sees_restricted(actor)
    with store.reader.connect() as connection:
        for row in connection.execute(select_observations(connection, where)):
            record = {"id": row.id, "revision": row.revision, "content_hash": row.content_hash}
            record.update(observation_record(row.canonical))
            yield record if see else redact_observation(record, actor)
