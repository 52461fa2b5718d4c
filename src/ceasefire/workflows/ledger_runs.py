"""Verification and evaluation runs against their roots, and rows against their versions
(part of ``ledger verify``).

A run's event commits to ``versions`` and ``versions_merkle_root`` over the incident or finding
versions it wrote (``core.ledger.run_roots``); every version is kept in ``run_versions``. So:

* :func:`run_version_problems`: the versions stored for a run re-fold, in ID order, to the root
  its entry committed to; each version's bytes hash to its ``content_hash`` (an edit names
  ``incident INC-… version 3``);
* :func:`current_row_problems`: each ``incidents`` / ``findings`` row is its latest stored
  version (same version number, run, hash and bytes) — an edit of the row names it even when
  its ``content_hash`` was edited too;
* :func:`uncommitted_versions`: a stored version whose run no ledger entry records.

Runs recorded before ``run_versions`` existed have no root; their rows are checked one by one
(``ledger_rows``) and their current versions were copied in by migration 0009.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import Connection, Table, and_, exists, func, literal, or_, select

from ceasefire.core.ledger.run_roots import id_order
from ceasefire.core.ledger.verify import Problem, check_rows
from ceasefire.store import ledger as ledger_store
from ceasefire.store.findings import findings
from ceasefire.store.incidents import incidents
from ceasefire.store.run_versions import run_versions

KINDS: dict[str, tuple[Table, str]] = {
    "incident": (incidents, "incident_id"),
    "finding": (findings, "finding_id"),
}
"""Kind of version → the table of current rows and its public-ID column."""


def run_version_problems(
    connection: Connection, where: str, *, kind: str, number: int, content: dict[str, Any]
) -> tuple[list[Problem], int]:
    """The versions of run ``number`` against the root its entry ``where`` committed to."""
    v = run_versions
    query = select(v.c.id, v.c.object_id, v.c.version, v.c.content_hash, v.c.canonical)
    rows = list(connection.execute(query.where(v.c.kind == kind, v.c.run_id == number)))
    rows.sort(key=lambda row: (id_order(str(row.object_id)), int(row.version)))
    count = content.get("versions")
    return check_rows(
        (
            (
                f"{kind} {row.object_id} version {row.version} (run_versions row {row.id})",
                str(row.content_hash),
                ledger_store.stored_bytes(row.canonical),
            )
            for row in rows
        ),
        committed_root=str(content.get("versions_merkle_root")),
        committed_count=count if isinstance(count, int) else None,
        committed_by=f"{where} ({kind} run {number})",
    )


def current_row_problems(connection: Connection) -> list[Problem]:
    """Incidents and findings whose row is not their latest stored version."""
    problems: list[Problem] = []
    v, later = run_versions, run_versions.alias("later")
    for kind, (table, id_column) in KINDS.items():
        public_id = table.c[id_column]
        newer = exists().where(
            later.c.kind == literal(kind),
            later.c.object_id == public_id,
            later.c.version > table.c.version,
        )
        query = (
            select(table.c.id, public_id, v.c.id, newer)
            .select_from(
                table.outerjoin(
                    v,
                    and_(
                        v.c.kind == literal(kind),
                        v.c.object_id == public_id,
                        v.c.version == table.c.version,
                    ),
                )
            )
            .where(
                or_(
                    v.c.id.is_(None),
                    v.c.run_id != table.c.run_id,
                    v.c.content_hash != table.c.content_hash,
                    v.c.canonical != table.c.canonical,
                    newer,
                )
            )
            .order_by(table.c.id)
        )
        for row_id, object_id, version_id, has_newer in connection.execute(query):
            if version_id is None:
                reason = f"{object_id}: no stored version holds its version number"
            elif has_newer:
                reason = f"{object_id}: a later version is stored; the row was rolled back"
            else:
                reason = (
                    f"{object_id} differs from its stored version (run_versions row "
                    f"{version_id}): the row or the version was edited"
                )
            problems.append(Problem(f"{table.name} row {row_id}", reason))
    return problems


def uncommitted_versions(
    connection: Connection, runs: Mapping[str, Collection[int]], pending: Collection[str]
) -> list[Problem]:
    """Stored versions whose run no ledger entry records (``runs``: kind → runs recorded)."""
    prefixes = {"incident": "run", "finding": "evaluation"}
    problems: list[Problem] = []
    v = run_versions
    query = select(v.c.kind, v.c.run_id, func.min(v.c.id)).group_by(v.c.kind, v.c.run_id)
    for kind, run_id, first in connection.execute(query.order_by(v.c.kind, v.c.run_id)):
        recorded = runs.get(str(kind), ())
        if run_id not in recorded and f"{prefixes.get(str(kind))}:{run_id}" not in pending:
            problems.append(
                Problem(f"run_versions row {first}", f"{kind} run {run_id} is not in the ledger")
            )
    return problems
