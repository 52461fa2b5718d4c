"""Restricted tables behind salted commitments: per-row salts and the mission secret.

``row_salts`` holds, per domain row whose committed form hides fields, the names of those
fields and their random 32-byte salts (concatenated in the same order). ``ledger_secrets`` holds
the mission secret that keys actor pseudonyms. Neither ever leaves the database: exported
bundles carry committed forms and pseudonyms only.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    LargeBinary,
    String,
    Table,
    Text,
    insert,
    select,
)

from ceasefire.core.ledger.commit import (
    commit_batch,
    rows_to_commit,
    split_salts,
)
from ceasefire.store.schema import metadata

ACTOR_SECRET = "actor_pseudonyms"
"""Name of the mission secret that keys actor pseudonyms."""

row_salts = Table(
    "row_salts",
    metadata,
    Column("table_name", String(40), primary_key=True),
    Column("row_id", BigInteger, primary_key=True, autoincrement=False),
    Column("fields", Text, nullable=False),
    Column("salts", LargeBinary, nullable=False),
)
"""Restricted: never exported. ``fields`` is comma-separated, ``salts`` 32 bytes per field."""

ledger_secrets = Table(
    "ledger_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)
"""Restricted: the mission's secrets (the key of actor pseudonyms)."""


def mission_secret(connection: Connection, name: str = ACTOR_SECRET) -> bytes:
    """The mission secret ``name``, created (32 random bytes) on first use.

    Call inside a write transaction that serialises its callers (the sequencer's lock)."""
    found = connection.execute(
        select(ledger_secrets.c.value).where(ledger_secrets.c.name == name)
    ).scalar_one_or_none()
    if found is not None:
        return bytes(found)
    value = secrets.token_bytes(32)
    connection.execute(insert(ledger_secrets).values(name=name, value=value))
    return value


def commit_observations(
    connection: Connection,
    *,
    import_id: int,
    floor: int,
    columns: Mapping[str, Sequence[Any] | np.ndarray],
    blobs: Sequence[bytes],
    hashes: Sequence[str],
    ids: Sequence[int] | None = None,
) -> list[bytes]:
    """Salt the restricted fields of the observations just stored (ids above ``floor`` of this
    import, in insertion order = the order of ``blobs``) and return every row's leaf hash:
    SHA-256 of its committed form (its content hash when nothing is restricted).

    A writer that already knows the new rows' ids (in the order of ``blobs``) passes ``ids``;
    ``import_id`` and ``floor`` are then not used."""
    leaves = list(map(bytes.fromhex, hashes))
    positions = rows_to_commit(columns, len(blobs))
    if not positions:
        return leaves
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    if ids is None:
        ids = [
            int(row[0])
            for row in connection.exec_driver_sql(
                f"SELECT id FROM observations WHERE import_id = {mark} AND id > {mark} ORDER BY id",
                (import_id, floor),
            )
        ]
    if len(ids) != len(blobs):
        raise RuntimeError(f"expected {len(blobs)} new observation rows, found {len(ids)}")
    committed = commit_batch(blobs, columns, positions, os.urandom)
    connection.exec_driver_sql(  # raw executemany: the hot path of an import
        "INSERT INTO row_salts (table_name, row_id, fields, salts) "
        f"VALUES ({mark}, {mark}, {mark}, {mark})",
        [("observations", ids[r.position], ",".join(r.fields), r.salts) for r in committed],
    )
    for row in committed:
        leaves[row.position] = row.leaf_hash
    return leaves


def salt_map(connection: Connection, table: str, ids: Sequence[int]) -> dict[int, dict[str, bytes]]:
    """``row id -> {field: salt}`` for the given rows of ``table`` (those with salts)."""
    found: dict[int, dict[str, bytes]] = {}
    if not ids:
        return found
    query = select(row_salts.c.row_id, row_salts.c.fields, row_salts.c.salts).where(
        row_salts.c.table_name == table,
        row_salts.c.row_id >= min(ids),
        row_salts.c.row_id <= max(ids),
    )
    wanted = set(ids)
    for row in connection.execute(query):
        if int(row.row_id) in wanted:
            found[int(row.row_id)] = split_salts(str(row.fields), bytes(row.salts))
    return found
