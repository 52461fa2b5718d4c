"""Receipt-time "as of" queries: the answer as the system would have given it at a past moment.

The store keeps every input with the time it arrived: imports (observations, claims, effort,
storage sites and inspections) by ``received_at``, analysts' decisions by ``decided_at``,
agreements by ``loaded_at``, stances and lifecycle records by ``recorded_at``, evidence by
``stored_at``, published reports by ``published_at``, adjudication by ``at``. Verification and
evaluation are deterministic functions of those inputs, and each of their runs is recorded with
its start time. So a past state is *reconstructed*, not stored: a scratch SQLite store receives
the inputs known at each recorded run (rows copied through the store's tables, revisions
re-linked), the run is replayed through the ordinary ``verify`` and ``evaluate_store`` workflows
(so incident and finding IDs are minted in the same order), the inputs received after the last
run up to the moment are added, and the question is answered from that store. Findings take the
adjudication state of their last event at or before the moment.

Report time is simpler: published reports are immutable rows with their publication time, so
"the version published at T" is a lookup (:func:`published_version_at`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, and_, exists, func, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.reports import DailyReport, ReportingPeriod
from ceasefire.store.database import Store
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.store.incidents import verification_runs
from ceasefire.store.publications import published_reports
from ceasefire.store.schema import metadata

__all__ = [
    "as_of_notice",
    "findings_as_of",
    "incidents_as_of",
    "parse_as_of",
    "published_version_at",
    "reconstructed",
]

ROOTS: tuple[tuple[str, str], ...] = (
    ("agreements", "loaded_at"),
    ("lifecycle_events", "recorded_at"),
    ("condition_records", "recorded_at"),
    ("stance_records", "recorded_at"),
    ("evidence_files", "stored_at"),
    ("imports", "received_at"),
    ("decisions", "decided_at"),
)
"""Input tables and the column saying when each row became known."""
CHILDREN: tuple[tuple[str, str, str], ...] = (
    ("agreement_terms", "agreement_row", "agreements"),
    ("observations", "import_id", "imports"),
    ("quarantine", "import_id", "imports"),
    ("claims", "import_id", "imports"),
    ("claim_items", "claim_id", "claims"),
    ("effort_records", "import_id", "imports"),
    ("storage_sites", "import_id", "imports"),
    ("storage_site_items", "site_row", "storage_sites"),
    ("storage_inspections", "import_id", "imports"),
    ("storage_inspection_items", "inspection_row", "storage_inspections"),
)
"""(table, column, parent table): rows known when their parent row is; parents listed first."""
REPLAYER = Actor.local_cli("as-of")
BATCH = 2_000


def parse_as_of(text: str) -> datetime:
    """A moment from ``--as-of``: ISO 8601 with ``Z`` or an offset (no offset means UTC).

    >>> parse_as_of("2025-04-21T08:00:00+03:00").isoformat()
    '2025-04-21T05:00:00+00:00'
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CeasefireError(
            f"--as-of: {text!r} is not a time (expected ISO 8601, e.g. 2025-04-21T08:00:00Z)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def as_of_notice(at: datetime) -> str:
    """The sentence every reconstructed answer carries."""
    return (
        f"Reconstruction as of {utc_text(at)}: computed from the inputs the system had received "
        "by then (observations, claims and effort by their import's receipt time; decisions, "
        "agreements and adjudication by their time), replaying the verification and evaluation "
        "runs made up to then. Information received later is not shown."
    )


@dataclass(frozen=True)
class _Run:
    at: datetime
    kind: str  # "verify" (full or windowed) or "evaluate"
    full: bool


def _runs(connection: Connection, at: datetime) -> list[_Run]:
    v, e = verification_runs.c, evaluation_runs.c
    found = [
        (row.started_at, 0, row.id, _Run(row.started_at, "verify", row.window_start is None))
        for row in connection.execute(
            select(v.id, v.started_at, v.window_start).where(v.started_at <= at)
        )
    ]
    found += [
        (row.started_at, 1, row.id, _Run(row.started_at, "evaluate", False))
        for row in connection.execute(select(e.id, e.started_at).where(e.started_at <= at))
    ]
    return [run for *_, run in sorted(found, key=lambda item: item[:3])]


def _window(table: Table, column: str, low: datetime | None, high: datetime) -> ColumnElement[bool]:
    moment = table.c[column]
    return and_(moment <= high, moment > low) if low is not None else moment <= high


def _copy(source: Connection, target: Connection, table: Table, query: Any) -> None:
    """Insert the rows of ``query`` (over ``table`` in the source) into the scratch store."""
    rows = source.execute(query).mappings()
    while chunk := rows.fetchmany(BATCH):
        values = [dict(r) for r in chunk]
        if "superseded_by" in table.c:
            for value in values:
                value["superseded_by"] = None
        target.execute(insert(table), values)


def _copy_inputs(
    source: Connection, target: Connection, low: datetime | None, high: datetime
) -> None:
    """Copy the inputs that became known in ``(low, high]``."""
    tables = metadata.tables
    known = {}
    for name, column in ROOTS:
        table = tables[name]
        known[name] = select(table.c.id).where(_window(table, column, low, high))
        _copy(source, target, table, select(table).where(_window(table, column, low, high)))
    for name, column, parent in CHILDREN:
        table = tables[name]
        if "id" in table.c:
            known[name] = select(table.c.id).where(table.c[column].in_(known[parent]))
        _copy(source, target, table, select(table).where(table.c[column].in_(known[parent])))
    _relink(target)


def _relink(target: Connection) -> None:
    """Heads and ``current`` flags as they were with only the copied revisions."""
    tables = metadata.tables
    for name in ("claims", "effort_records", "storage_sites", "storage_inspections"):
        table = tables[name]
        newer = table.alias("newer")
        target.execute(
            update(table).values(current=~exists().where(newer.c.previous_id == table.c.id))
        )
    o = tables["observations"]
    newer = o.alias("newer")
    target.execute(
        update(o)
        .where(o.c.superseded_by.is_(None), exists().where(newer.c.previous_id == o.c.id))
        .values(
            superseded_by=select(newer.c.id).where(newer.c.previous_id == o.c.id).scalar_subquery()
        )
    )
    a = tables["agreements"]
    later = a.alias("later")
    target.execute(
        update(a).values(
            current=~exists().where(
                later.c.agreement_id == a.c.agreement_id, later.c.revision > a.c.revision
            )
        )
    )


def _replay(source: Store, scratch: Store, at: datetime) -> None:
    from ceasefire.workflows.evaluate import evaluate_store
    from ceasefire.workflows.verify import verify

    with source.reader.connect() as connection:
        runs = _runs(connection, at)
    low: datetime | None = None
    for run in [*runs, None]:
        high = run.at if run is not None else at
        with source.reader.connect() as reading, scratch.writer.begin() as writing:
            _copy_inputs(reading, writing, low, high)
        low = high
        if run is None:
            break
        if run.kind == "verify":
            verify(scratch, REPLAYER, full=run.full)
        else:
            evaluate_store(scratch, REPLAYER)
    with source.reader.connect() as reading, scratch.writer.begin() as writing:
        p = published_reports
        _copy(reading, writing, p, select(p).where(p.c.published_at <= at).order_by(p.c.id))
        _adjudicated(reading, writing, at)


def _adjudicated(source: Connection, target: Connection, at: datetime) -> None:
    """Each finding's status: the ``to_state`` of its last adjudication event by ``at``."""
    a = metadata.tables["adjudication_events"]
    last = (
        select(a.c.finding_id, func.max(a.c.id).label("id"))
        .where(a.c.at <= at)
        .group_by(a.c.finding_id)
        .subquery()
    )
    rows = source.execute(select(a.c.finding_id, a.c.to_state).join(last, last.c.id == a.c.id))
    for finding_id, state in rows:
        target.execute(
            update(findings).where(findings.c.finding_id == finding_id).values(status=state)
        )


@contextmanager
def reconstructed(store: Store, at: datetime) -> Iterator[Store]:
    """A scratch store holding the state of ``store`` as of ``at`` (deleted afterwards)."""
    if at.tzinfo is None:
        raise CeasefireError("an 'as of' time needs a time zone (UTC or an offset)")
    with tempfile.TemporaryDirectory(prefix="ceasefire-as-of-") as folder:
        scratch = Store.open(f"sqlite:///{Path(folder) / 'as_of.db'}")
        try:
            _replay(store, scratch, at.astimezone(UTC))
            yield scratch
        finally:
            scratch.close()


def daily_report_as_of(
    store: Store, at: datetime, day: date, *, actor: Actor | None = None, **options: Any
) -> DailyReport:
    """``daily_report`` as the system would have built it at ``at`` (with a notice saying so)."""
    import dataclasses

    from ceasefire.workflows.report import daily_report

    authorize(acting(actor), Permission.BUILD_REPORT)
    with reconstructed(store, at) as scratch:
        report = daily_report(scratch, day, actor=actor, **options)
    return dataclasses.replace(report, notices=(as_of_notice(at), *report.notices))


def incidents_as_of(
    store: Store, at: datetime, where: Any, *, actor: Actor | None = None
) -> list[dict[str, object]]:
    """``list_incidents`` as of ``at`` (``where`` an ``IncidentFilter``)."""
    from ceasefire.workflows.incidents import list_incidents

    authorize(acting(actor), Permission.READ_INCIDENTS, party=where.party)
    with reconstructed(store, at) as scratch:
        return list(list_incidents(scratch, where, actor=actor))


def findings_as_of(
    store: Store, at: datetime, where: Any, *, actor: Actor | None = None
) -> list[dict[str, object]]:
    """``list_findings`` as of ``at`` (``where`` a ``FindingFilter``)."""
    from ceasefire.workflows.findings import list_findings

    authorize(acting(actor), Permission.READ_FINDINGS, party=where.party)
    with reconstructed(store, at) as scratch:
        return list(list_findings(scratch, where, actor=actor))


def published_version_at(
    connection: Connection, period: ReportingPeriod, edition: str, format: str, at: datetime
) -> int | None:
    """The version of a report that was the latest published at ``at`` (None: not yet)."""
    p = published_reports.c
    return connection.execute(
        select(func.max(p.version)).where(
            p.period_start == period.start,
            p.period_end == period.end,
            p.time_zone == period.time_zone,
            p.edition == edition,
            p.format == format,
            p.published_at <= at,
        )
    ).scalar_one_or_none()
