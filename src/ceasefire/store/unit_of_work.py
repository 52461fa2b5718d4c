"""The one write path: a unit of work records domain events in the outbox, same transaction.

Every workflow that writes opens a :class:`UnitOfWork` with the :class:`Actor` it acts for. Domain
rows and their outbox entries commit together or not at all. A sequencer ([4/6]) later chains
outbox entries into the ledger; nothing written before that is left outside the record because
each outbox entry already holds the canonical bytes of what happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType

from sqlalchemy import Connection, Engine, insert

from ceasefire.core.actor import Actor
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, utc_text
from ceasefire.store.schema import outbox


class UnitOfWork:
    """A write transaction on behalf of an actor; use as a context manager.

    >>> # with store.unit_of_work(actor) as uow:
    >>> #     uow.connection.execute(...); uow.record("observation.ingested", ...)
    """

    def __init__(self, engine: Engine, actor: Actor, *, now: datetime | None = None) -> None:
        self.engine = engine
        self.actor = actor
        self.now = (now or datetime.now(UTC)).replace(microsecond=0)
        self._connection: Connection | None = None
        self.events = 0
        self._discarded = False

    def __enter__(self) -> UnitOfWork:
        self._connection = self.engine.connect()
        self._transaction = self._connection.begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._connection is not None
        try:
            if self._discarded:
                pass
            elif exc_type is None:
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._connection.close()
            self._connection = None

    def rollback(self) -> None:
        """Discard everything written so far; the unit of work then ends without commit."""
        self._transaction.rollback()
        self._discarded = True

    @property
    def connection(self) -> Connection:
        """The transaction's connection (only inside ``with``)."""
        if self._connection is None:
            raise RuntimeError("the unit of work is not open")
        return self._connection

    def record(
        self, action: str, object_type: str, object_ref: str, content: Mapping[str, object]
    ) -> str:
        """Append a domain event to the outbox; return the SHA-256 of its canonical bytes.

        ``content`` must hold no floats (see ``ceasefire.core.ledger.canonical``); the actor,
        action, object and time are part of the hashed event.
        """
        values = outbox_entry(self.actor, self.now, action, object_type, object_ref, content)
        self.connection.execute(insert(outbox).values(**values))
        self.events += 1
        return str(values["content_hash"])


def outbox_entry(  # noqa: PLR0917 - the fields of one event
    actor: Actor,
    now: datetime,
    action: str,
    object_type: str,
    object_ref: str,
    content: Mapping[str, object],
) -> dict[str, object]:
    """The outbox row of one domain event (what :meth:`UnitOfWork.record` inserts), for
    writers that insert several events with one statement (``store.submissions``)."""
    event = {
        "action": action,
        "actor": actor.ref,
        "actor_role": actor.role.value,
        "content": dict(content),
        "object_ref": object_ref,
        "object_type": object_type,
        "recorded_at": utc_text(now),
    }
    data = canonical_bytes(event)
    return {
        "recorded_at": now,
        "actor": actor.ref,
        "action": action,
        "object_type": object_type,
        "object_ref": object_ref,
        "content_hash": content_hash(data),
        "canonical": data,
        "sequenced": False,
    }
