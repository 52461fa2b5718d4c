"""Pseudonyms of decisions and adjudication events against their restricted names (part of
``verify_ledger``).

Since migration 0010 a decision's and an adjudication event's canonical bytes carry the actor's
keyed pseudonym (and a commission's dissenting members'), and the names are kept in the
restricted ``actor_user`` / ``dissent_members`` columns. The ledger commits to the bytes, so an
edited pseudonym is caught by the row's hash; this check catches the other half: a restricted
name edited (or a pseudonym that was never the name's), naming the row
(``decisions row 3: its actor pseudonym is not the keyed pseudonym of its restricted
actor_user``). Rows recorded before 0010 name the actor in their bytes and have no restricted
column; they are checked only for that shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial

from sqlalchemy import Connection, Table, literal, select

from ceasefire.core.ledger.actors import actor_row_problems, plainly_named
from ceasefire.core.ledger.chain import keyed_pseudonym
from ceasefire.core.ledger.verify import Problem
from ceasefire.store import ledger as ledger_store
from ceasefire.store.adjudication import adjudication_events
from ceasefire.store.incidents import decisions
from ceasefire.store.pseudonyms import stored_secret


def actor_pseudonym_problems(connection: Connection) -> list[Problem]:
    """Rows of ``decisions`` and ``adjudication_events`` whose committed pseudonyms do not match
    their restricted names (see the module docstring), in table and id order."""
    secret = stored_secret(connection)
    pseudonym = None if secret is None else _cached(partial(keyed_pseudonym, secret))
    problems: list[Problem] = []
    for table in (decisions, adjudication_events):
        problems += _table_problems(connection, table, pseudonym)
    return problems


def _table_problems(
    connection: Connection, table: Table, pseudonym: Callable[[str], str] | None
) -> list[Problem]:
    names = table.c.get("dissent_members")
    query = select(
        table.c.id,
        table.c.actor,
        table.c.actor_user,
        table.c.canonical,
        (names if names is not None else literal(None)).label("names"),
    ).order_by(table.c.id)
    problems: list[Problem] = []
    for row_id, actor, actor_user, canonical, names_text in connection.execute(query):
        data = ledger_store.stored_bytes(canonical)
        if actor_user is None and names_text is None and plainly_named(data, str(actor)):
            continue  # the common old-form row, settled without parsing its bytes
        found = actor_row_problems(
            data,
            str(actor),
            None if actor_user is None else str(actor_user),
            None if names_text is None else _names(names_text),
            pseudonym,
        )
        problems += [Problem(f"{table.name} row {row_id}", reason) for reason in found]
    return problems


def _names(text: object) -> list[str]:
    try:
        value = json.loads(str(text))
    except ValueError:
        return ["(not a JSON list)"]
    return [str(v) for v in value] if isinstance(value, list) else ["(not a JSON list)"]


def _cached(function: Callable[[str], str]) -> Callable[[str], str]:
    seen: dict[str, str] = {}

    def cached(ref: str) -> str:
        found = seen.get(ref)
        if found is None:
            found = seen[ref] = function(ref)
        return found

    return cached
