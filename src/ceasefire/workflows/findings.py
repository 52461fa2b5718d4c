"""Reading findings: list with filters, show one with its trace and incident."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, select

from ceasefire.core.access import Permission, acting, authorize, party_scope, redact_finding
from ceasefire.core.actor import Actor
from ceasefire.core.errors import NotFound
from ceasefire.store.database import Store
from ceasefire.store.findings import findings
from ceasefire.workflows.access import withheld_names


@dataclass(frozen=True)
class FindingFilter:
    """Filters of ``ceasefire findings list``; combined with AND."""

    agreement: str | None = None
    term: str | None = None
    verdict: str | None = None
    party: str | None = None
    incident: str | None = None
    finding_id: str | None = None
    kind: str | None = None
    """``incident`` or a finding in its own right: ``storage_shortfall``, ``inspection_refused``,
    ``weapons_rise``, ``restriction``, ``interference``."""
    include_retired: bool = False
    limit: int | None = None


def list_findings(
    store: Store, where: FindingFilter, *, actor: Actor | None = None
) -> Iterator[dict[str, object]]:
    """Findings matching ``where``, by event time then ID (a liaison: their own party's)."""
    actor = acting(actor)
    authorize(actor, Permission.READ_FINDINGS, party=where.party)
    if (scope := party_scope(actor, Permission.READ_FINDINGS)) is not None:
        where = replace(where, party=scope)
    f = findings
    conditions: list[ColumnElement[bool]] = []
    if not where.include_retired:
        conditions.append(f.c.active.is_(True))
    for column, value in (
        (f.c.agreement_id, where.agreement),
        (f.c.term_id, where.term),
        (f.c.verdict, where.verdict),
        (f.c.responsible_party, where.party),
        (f.c.incident_id, where.incident),
        (f.c.finding_id, where.finding_id),
        (f.c.kind, where.kind),
    ):
        if value is not None:
            conditions.append(column == value)
    query = select(
        f.c.finding_id,
        f.c.kind,
        f.c.subject,
        f.c.agreement_id,
        f.c.term_id,
        f.c.version_party,
        f.c.incident_id,
        f.c.verdict,
        f.c.responsible_party,
        f.c.status,
        f.c.event_start,
        f.c.trace,
        f.c.active,
        f.c.version,
    )
    if conditions:
        query = query.where(and_(*conditions))
    query = query.order_by(f.c.event_start, f.c.finding_id)
    if where.limit:
        query = query.limit(where.limit)
    with store.reader.connect() as connection:
        hidden = withheld_names(connection, actor)
        for row in connection.execute(query):
            yield redact_finding(dict(row._mapping), actor, hidden)


def show_finding(store: Store, finding_id: str, *, actor: Actor | None = None) -> dict[str, object]:
    """One finding (any status); not found when outside ``actor``'s party scope."""
    where = FindingFilter(finding_id=finding_id, include_retired=True)
    for record in list_findings(store, where, actor=actor):
        return record
    raise NotFound(f"finding {finding_id!r} not found")
