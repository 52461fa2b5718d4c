"""What is in a store, in numbers (``ceasefire stats``)."""

from __future__ import annotations

from sqlalchemy import func, select

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.store.database import Store
from ceasefire.store.effort import effort_records, storage_sites
from ceasefire.store.findings import findings
from ceasefire.store.incidents import decisions, incidents
from ceasefire.store.ledger import ledger, ledger_checkpoints
from ceasefire.store.publications import published_reports
from ceasefire.store.schema import (
    agreement_terms,
    agreements,
    claims,
    imports,
    observation_heads,
    observations,
    outbox,
    quarantine,
)


def store_stats(store: Store, *, actor: Actor | None = None) -> dict[str, int]:
    """Counts of the main records; observations and claims count current revisions."""
    authorize(acting(actor), Permission.READ_STATS)

    def count(table: object, *where: object) -> int:
        query = select(func.count()).select_from(table)  # type: ignore[arg-type]
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return int(connection.execute(query).scalar_one())

    with store.reader.connect() as connection:
        current = select(agreements.c.id).where(agreements.c.current.is_(True))
        return {
            "agreements": count(agreements, agreements.c.current.is_(True)),
            "terms": count(agreement_terms, agreement_terms.c.agreement_row.in_(current)),
            "observations": count(observation_heads),
            "observation_revisions": count(observations),
            "claims": count(claims, claims.c.current.is_(True)),
            "effort_records": count(effort_records, effort_records.c.current.is_(True)),
            "storage_sites": count(storage_sites, storage_sites.c.current.is_(True)),
            "incidents": count(incidents, incidents.c.active.is_(True)),
            "decisions": count(decisions),
            "findings": count(findings, findings.c.active.is_(True)),
            "findings_of_violation": count(
                findings, findings.c.active.is_(True), findings.c.verdict == "violation"
            ),
            "published_reports": count(published_reports),
            "ledger_entries": count(ledger),
            "ledger_checkpoints": count(ledger_checkpoints),
            "imports": count(imports),
            "quarantined_rows": count(quarantine),
            "outbox_events": count(outbox),
        }
