"""Actors' keyed pseudonyms for the rows that record who acted (decisions, adjudication events).

The same function and mission secret as the ledger's sequencer
(``core.ledger.chain.keyed_pseudonym`` keyed by ``store.commitments.ACTOR_SECRET``), so one person
has one pseudonym across the whole record: in ledger entries, in decisions and in adjudication
events. Writers commit to the pseudonym and keep the reference in a restricted column; readers
without ``READ_RESTRICTED`` see the pseudonym only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from ceasefire.core.ledger.chain import keyed_pseudonym
from ceasefire.store.commitments import ACTOR_SECRET, ledger_secrets, mission_secret

Pseudonym = Callable[[str], str]
"""Actor reference (or a commission member's name) -> its keyed pseudonym ``p:`` + 16 hex."""


def writer_pseudonym(connection: Connection) -> Pseudonym:
    """The pseudonym function of the mission, creating its secret on first use.

    Call inside a write transaction. Two first writers racing on PostgreSQL both end with the
    secret the first one stored (the loser's insert is rolled back to a savepoint)."""
    try:
        with connection.begin_nested():
            secret = mission_secret(connection)
    except IntegrityError:  # another writer stored the secret first; read theirs
        secret = stored_secret(connection) or b""
        if not secret:
            raise
    return partial(keyed_pseudonym, secret)


def reader_pseudonym(connection: Connection) -> Pseudonym:
    """The pseudonym function for reads (never writes). Before any secret exists no keyed
    pseudonym can be formed; every actor then reads as ``p:withheld``."""
    secret = stored_secret(connection)
    if secret is None:
        return lambda _ref: "p:withheld"
    return partial(keyed_pseudonym, secret)


def stored_secret(connection: Connection) -> bytes | None:
    """The mission secret of actor pseudonyms, or ``None`` when none was made yet."""
    found = connection.execute(
        select(ledger_secrets.c.value).where(ledger_secrets.c.name == ACTOR_SECRET)
    ).scalar_one_or_none()
    return None if found is None else bytes(found)
