"""Re-hashing domain rows against what the ledger committed to (part of ``verify_ledger``).

Per object type of an entry (see ``docs/ledger.md`` for the full list and what is not covered):

* ``import``: every row an import stored (observations, claims, effort records, storage sites and
  inspections), in id order, must fold to the committed ``rows_merkle_root`` and count, and each
  row's ``content_hash`` must be the SHA-256 of its stored canonical bytes;
* ``agreement`` and ``decision``: the row's bytes hash to ``content_sha256`` / ``decision_sha256``;
* ``verification_run`` / ``evaluation_run``: the run exists, each incident or finding it last
  wrote hashes to its ``content_hash``, and no more rows name the run than it wrote;
* ``checkpoint``: the stored checkpoint equals the one recorded.

Then the other way round: a domain row that no entry commits to is a problem (unless its event
is still waiting in the outbox).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select

from ceasefire.core.ledger.verify import Problem, check_row, check_rows
from ceasefire.store import ledger as ledger_store
from ceasefire.store.effort import effort_records, storage_inspections, storage_sites
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.store.incidents import decisions, incidents, verification_runs
from ceasefire.store.negotiations import (
    NEGOTIATION_OBJECTS,
    negotiation_rows,
    uncommitted_negotiation_rows,
)
from ceasefire.store.publications import published_reports
from ceasefire.store.schema import agreements, claims, imports, observations
from ceasefire.store.text_proposals import OBJECT_TYPE as TEXT_PROPOSAL
from ceasefire.store.text_proposals import text_proposal_rows, uncommitted_text_proposals
from ceasefire.workflows.evidence import check_evidence_entry, uncommitted_evidence
from ceasefire.workflows.ledger_runs import run_version_problems, uncommitted_versions

IMPORT_TABLES: dict[str, tuple[Table, ...]] = {
    "observations": (observations,),
    "claims": (claims,),
    "effort": (effort_records,),
    "storage_sites": (storage_sites, storage_inspections),
}
"""Tables an import of each kind writes, in the order its Merkle root folds them."""


@dataclass
class RowCoverage:
    """What the entries committed to, collected while checking them."""

    pending: set[str]
    imports: set[int] = field(default_factory=set)
    agreements: set[tuple[str, int]] = field(default_factory=set)
    decisions: set[int] = field(default_factory=set)
    verification_runs: set[int] = field(default_factory=set)
    evaluation_runs: set[int] = field(default_factory=set)
    checkpoints: set[str] = field(default_factory=set)
    negotiations: set[str] = field(default_factory=set)
    evidence: set[int] = field(default_factory=set)
    text_proposals: set[str] = field(default_factory=set)
    not_covered: dict[str, int] = field(default_factory=dict)


def _number(ref: str, prefix: str) -> int | None:
    head, _, tail = ref.partition(":")
    return int(tail) if head == prefix and tail.isdigit() else None


def check_entry_rows(
    connection: Connection, seq: int, event: dict[str, Any], coverage: RowCoverage
) -> tuple[list[Problem], int]:
    """Problems of the domain rows entry ``seq`` commits to, and how many rows were read."""
    kind = str(event.get("object_type"))
    ref = str(event.get("object_ref"))
    content = event.get("content")
    where = f"entry {seq}"
    if not isinstance(content, dict):
        return [Problem(where, "its event has no content object")], 0
    if kind == "import" and (number := _number(ref, "import")) is not None:
        coverage.imports.add(number)
        return _import_rows(connection, where, number, str(event.get("action")), content)
    if kind == "agreement":
        revision = content.get("revision")
        agreement_id = str(content.get("agreement_id"))
        coverage.agreements.add((agreement_id, int(revision) if isinstance(revision, int) else -1))
        row = ledger_store.first_row(
            connection,
            agreements,
            {"agreement_id": agreement_id, "revision": revision},
            ("id", "content_hash", "canonical"),
        )
        return _one_row(where, "agreements", row, content.get("content_sha256"))
    if kind == "decision" and (number := _number(ref, "decision")) is not None:
        coverage.decisions.add(number)
        row = ledger_store.first_row(
            connection, decisions, {"id": number}, ("id", "content_hash", "canonical")
        )
        return _one_row(where, "decisions", row, content.get("decision_sha256"))
    if kind == "verification_run" and (number := _number(ref, "run")) is not None:
        coverage.verification_runs.add(number)
        return _run_rows(
            connection,
            where,
            runs=verification_runs,
            rows_table=incidents,
            number=number,
            content=content,
        )
    if kind == "evaluation_run" and (number := _number(ref, "evaluation")) is not None:
        coverage.evaluation_runs.add(number)
        return _run_rows(
            connection,
            where,
            runs=evaluation_runs,
            rows_table=findings,
            number=number,
            content=content,
        )
    if kind == "checkpoint" and (number := _number(ref, "checkpoint")) is not None:
        coverage.checkpoints.add(ref)
        saved = dict(ledger_store.stored_checkpoints(connection)).get(number)
        if saved is None:
            return [Problem(where, f"checkpoint {number} it records is missing")], 0
        if saved.as_json() != content:
            return [Problem(f"checkpoint {number}", "differs from what the ledger recorded")], 1
        return [], 1
    if kind == "published_report":
        return _published_rows(connection, where, content)
    if kind in NEGOTIATION_OBJECTS:  # stance, condition and lifecycle records: one row each
        coverage.negotiations.add(ref)
        return negotiation_rows(connection, where, ref, content)
    if kind == "evidence":
        return check_evidence_entry(connection, where, content, coverage.evidence)
    if kind == TEXT_PROPOSAL:  # text proposals and their reviews: one row each
        coverage.text_proposals.add(ref)
        return text_proposal_rows(connection, where, ref, content, str(event.get("action")))
    coverage.not_covered[kind] = coverage.not_covered.get(kind, 0) + 1
    return [], 0


def _published_rows(
    connection: Connection, where: str, content: dict[str, Any]
) -> tuple[list[Problem], int]:
    """Each rendering of a published report: its stored bytes hash to what was committed."""
    renderings = content.get("renderings")
    if not isinstance(renderings, dict):
        return [Problem(where, "its published-report event lists no renderings")], 0
    problems: list[Problem] = []
    read = 0
    for format_name, committed in sorted(renderings.items()):
        row = ledger_store.first_row(
            connection,
            published_reports,
            {
                "period_start": datetime.fromisoformat(str(content.get("period_start"))),
                "period_end": datetime.fromisoformat(str(content.get("period_end"))),
                "time_zone": content.get("time_zone"),
                "edition": content.get("edition"),
                "version": content.get("version"),
                "format": format_name,
            },
            ("id", "sha256", "content"),
        )
        name = f"published_reports {content.get('period_end')} {format_name}"
        if row is None:
            problems.append(Problem(where, f"the {format_name} rendering it commits to is missing"))
            continue
        read += 1
        data = ledger_store.stored_bytes(row["content"])
        expected = committed.get("sha256") if isinstance(committed, dict) else None
        if hashlib.sha256(data).hexdigest() != expected or row["sha256"] != expected:
            problems.append(
                Problem(
                    f"{name} (row {row['id']})",
                    "its stored bytes do not hash to what the ledger committed",
                )
            )
    return problems, read


def _import_rows(
    connection: Connection, where: str, number: int, action: str, content: dict[str, Any]
) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    stored = ledger_store.first_row(connection, imports, {"id": number}, ("file_sha256",))
    if stored is None:
        return [Problem(where, f"import {number} it commits to is missing")], 0
    if stored["file_sha256"] != content.get("file_sha256"):
        problems.append(Problem(f"imports row {number}", "file_sha256 differs from the ledger"))
    tables = IMPORT_TABLES.get(action.removesuffix(".imported"), ())
    root = content.get("rows_merkle_root")
    if not tables or not isinstance(root, str):
        return [*problems, Problem(where, f"import kind of {action!r} is not known")], 0
    rows: Iterator[tuple[str, str, bytes, bytes | None]] = itertools.chain.from_iterable(
        ledger_store.committed_rows_of(connection, table, "import_id", number) for table in tables
    )
    count = content.get("rows_stored")
    found, read = check_rows(
        rows,
        committed_root=root,
        committed_count=count if isinstance(count, int) else None,
        committed_by=f"{where} (import {number})",
    )
    return problems + found, read


def _one_row(
    where: str, table: str, row: dict[str, object] | None, committed: object
) -> tuple[list[Problem], int]:
    if row is None:
        return [Problem(where, f"the {table} row it commits to is missing")], 0
    name = f"{table} row {row['id']}"
    canonical = ledger_store.stored_bytes(row["canonical"])
    return check_row(name, str(row["content_hash"]), canonical, str(committed)), 1


def _run_rows(
    connection: Connection,
    where: str,
    *,
    runs: Table,
    rows_table: Table,
    number: int,
    content: dict[str, Any],
) -> tuple[list[Problem], int]:
    if ledger_store.first_row(connection, runs, {"id": number}, ("id",)) is None:
        return [Problem(where, f"{runs.name} row {number} it commits to is missing")], 0
    if "versions_merkle_root" in content:  # versions kept: the root is checked (ledger_runs)
        kind = "incident" if rows_table is incidents else "finding"
        return run_version_problems(connection, where, kind=kind, number=number, content=content)
    problems: list[Problem] = []
    read = 0
    for name, stored_hash, canonical in ledger_store.rows_of(
        connection, rows_table, "run_id", number
    ):
        problems += check_row(name, stored_hash, canonical)
        read += 1
    written = sum(v for k in ("created", "changed") if isinstance(v := content.get(k), int))
    if read > written:
        problems.append(
            Problem(where, f"{read} {rows_table.name} rows name run {number}, it wrote {written}")
        )
    return problems, read


def uncommitted_rows(connection: Connection, coverage: RowCoverage) -> list[Problem]:
    """Domain rows that no ledger entry commits to (rows of events still pending are skipped)."""
    problems: list[Problem] = []
    pending = coverage.pending
    for number in connection.execute(select(imports.c.id).order_by(imports.c.id)).scalars():
        if number not in coverage.imports and f"import:{number}" not in pending:
            problems.append(Problem(f"imports row {number}", "no ledger entry commits to it"))
    for tables in IMPORT_TABLES.values():
        for table in tables:
            for value, first in ledger_store.distinct_values(
                connection, table, "import_id"
            ).items():
                if value not in coverage.imports and f"import:{value}" not in pending:
                    problems.append(
                        Problem(f"{table.name} row {first}", f"import {value} is not in the ledger")
                    )
    for table, runs, prefix in (
        (incidents, coverage.verification_runs, "run"),
        (findings, coverage.evaluation_runs, "evaluation"),
    ):
        for value, first in ledger_store.distinct_values(connection, table, "run_id").items():
            if value not in runs and f"{prefix}:{value}" not in pending:
                problems.append(
                    Problem(f"{table.name} row {first}", f"run {value} is not in the ledger")
                )
    decided = connection.execute(select(func.count()).select_from(decisions)).scalar_one()
    if decided != len(coverage.decisions):  # the covered ids are ids of stored rows
        query = select(decisions.c.id).order_by(decisions.c.id)
        for number in connection.execute(query).scalars():
            if number not in coverage.decisions and f"decision:{number}" not in pending:
                problems.append(Problem(f"decisions row {number}", "no ledger entry commits to it"))
    query = select(agreements.c.id, agreements.c.agreement_id, agreements.c.revision)
    for row in connection.execute(query.order_by(agreements.c.id)):
        ref = f"agreement:{row.agreement_id}@{row.revision}"
        if (row.agreement_id, row.revision) not in coverage.agreements and ref not in pending:
            problems.append(Problem(f"agreements row {row.id}", "no ledger entry commits to it"))
    problems += uncommitted_evidence(connection, coverage.evidence, pending)
    recorded = {"incident": coverage.verification_runs, "finding": coverage.evaluation_runs}
    problems += uncommitted_versions(connection, recorded, pending)
    problems += uncommitted_negotiation_rows(connection, coverage.negotiations | pending)
    problems += uncommitted_text_proposals(connection, coverage.text_proposals | pending)
    return problems
