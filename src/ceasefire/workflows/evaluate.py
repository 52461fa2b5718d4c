"""``ceasefire evaluate``: active incidents against every stored agreement, per party version.

Each relevant (incident, term, party version) becomes a finding — violation, no violation or
indeterminate — with its plain-language rule trace (``ceasefire.core.compliance``). Beside
them come the findings in their own right (``kind`` other than ``incident``): weapons missing
from storage sites, inspections refused, a rise in heavy weapons near the line normalised by
effort, restrictions of the monitors' movement and interference (``workflows.regrouping``).
Findings are stored with canonical bytes and recorded in the outbox; a re-run changes only
findings whose content changed, and retires findings whose subject is no longer there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance import Incidents, ProtectedObjects, evaluate, rule_trace
from ceasefire.core.compliance.regrouping import weapon_rise
from ceasefire.core.compliance.standing import StandingFinding
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, utc_text
from ceasefire.core.ledger.merkle import merkle_root
from ceasefire.core.ledger.run_roots import run_commitment
from ceasefire.core.verification.content import incident_table
from ceasefire.ingest.agreement_files import load_layer
from ceasefire.ingest.compliance_inputs import protected_objects
from ceasefire.store.adjudication import reopen_changed
from ceasefire.store.database import Store
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.store.incidents import incidents
from ceasefire.store.run_versions import Version, save_versions
from ceasefire.store.verification import next_ids
from ceasefire.workflows.agreements import get_agreement, list_agreements
from ceasefire.workflows.regrouping import load_effort, mission_findings, reporting_days


@dataclass
class EvaluateOutcome:
    """What an evaluation run did."""

    run_id: int | None = None
    incidents: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    retired: int = 0
    by_verdict: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """The machine-readable summary."""
        return dict(self.__dict__)


def finding_ref(number: int) -> str:
    """The public ID of finding number ``number``: ``FND-000042``."""
    return f"FND-{number:06d}"


def _objects(agreement: Agreement) -> ProtectedObjects:
    from pathlib import Path

    return protected_objects(agreement, Path.cwd() / "agreement.yaml")


def standing_content(found: StandingFinding) -> dict[str, object]:
    """What a finding in its own right commits to (absent fields left out)."""
    return {
        "kind": found.kind.value,
        "subject": found.subject,
        "agreement_id": found.agreement_id,
        "term_id": found.term_id,
        "version_party": found.version_party,
        "incident_id": found.incident_id,
        "at": utc_text(found.moment),
        "verdict": found.verdict.value,
        "responsible_party": found.responsible_party,
        "trace": found.trace,
    }


def standing_values(found: StandingFinding) -> dict[str, object]:
    """The row columns of a finding in its own right (besides verdict, trace and hashes)."""
    return {
        "kind": found.kind.value,
        "subject": found.subject,
        "agreement_id": found.agreement_id,
        "term_id": found.term_id,
        "version_party": found.version_party,
        "incident_id": found.incident_id,
        "event_start": found.moment,
    }


def _incidents(connection: Connection) -> tuple[list[str], Incidents]:
    rows = connection.execute(
        select(incidents.c.incident_id, incidents.c.canonical)
        .where(incidents.c.active.is_(True))
        .order_by(incidents.c.incident_id)
    ).all()
    table = incident_table([json.loads(row.canonical) for row in rows])
    return [row.incident_id for row in rows], Incidents.from_table(table)


def evaluate_store(store: Store, actor: Actor) -> EvaluateOutcome:
    """Evaluate every active incident against every stored agreement (see module docstring)."""
    authorize(actor, Permission.EVALUATE)
    outcome = EvaluateOutcome()
    with store.unit_of_work(actor) as uow:
        connection = uow.connection
        names, batch = _incidents(connection)
        outcome.incidents = len(names)
        run_id = int(
            connection.execute(
                insert(evaluation_runs)
                .values(started_at=uow.now, actor=actor.ref, incidents=len(names), findings=0)
                .returning(evaluation_runs.c.id)
            ).scalar_one()
        )
        outcome.run_id = run_id
        existing = {
            row.finding_key: row
            for row in connection.execute(
                select(
                    findings.c.finding_key,
                    findings.c.finding_id,
                    findings.c.content_hash,
                    findings.c.version,
                    findings.c.active,
                    findings.c.status,
                    findings.c.verdict,
                    findings.c.responsible_party,
                )
            )
        }
        seen: set[str] = set()
        written: list[bytes] = []
        fresh: list[dict[str, object]] = []
        versions: list[Version] = []  # every version written, kept in run_versions

        def write(key: str, content: dict[str, object], values: dict[str, object]) -> None:
            """Create, update or keep the finding ``key`` (``content`` is what it commits to)."""
            if key in seen:
                return
            seen.add(key)
            verdict = str(content["verdict"])
            outcome.by_verdict[verdict] = outcome.by_verdict.get(verdict, 0) + 1
            data = canonical_bytes({k: v for k, v in content.items() if v is not None})
            digest = content_hash(data)
            before = existing.get(key)
            if before is not None and before.content_hash == digest and before.active:
                outcome.unchanged += 1
                return
            values |= {
                "verdict": verdict,
                "responsible_party": content["responsible_party"],
                "trace": content["trace"],
                "active": True,
                "run_id": run_id,
                "content_hash": digest,
                "canonical": data,
            }
            written.append(bytes.fromhex(digest))
            if before is None:
                fresh.append({"finding_key": key, "status": "proposed", "version": 1, **values})
                outcome.created += 1
                return
            connection.execute(
                update(findings)
                .where(findings.c.finding_key == key)
                .values(version=before.version + 1, **values)
            )
            versions.append(Version(before.finding_id, before.version + 1, digest, data))
            reopen_changed(
                uow,
                before.finding_id,
                status=before.status,
                old_verdict=before.verdict,
                new_verdict=verdict,
                old_party=before.responsible_party,
                new_party=values["responsible_party"],
                version=before.version + 1,
                finding_sha256=digest,
            )
            outcome.changed += 1

        agreements = []
        effort = load_effort(connection)
        windows = reporting_days(batch)
        standing: list[StandingFinding] = []
        for summary in list_agreements(store):
            agreement = get_agreement(store, summary.agreement_id)
            agreements.append(agreement)
            objects = _objects(agreement)
            table = evaluate(agreement, batch, layers=load_layer, objects=objects)
            for row in range(len(table)):
                incident = names[int(table.incident[row])]
                trace = rule_trace(
                    table, row, agreement=agreement, incidents=batch, objects=objects
                ).text()
                content = {
                    "agreement_id": agreement.id,
                    "agreement_sha256": summary.content_hash,
                    "term_id": str(table.term[row]),
                    "version_party": str(table.version[row]),
                    "incident_id": incident,
                    "verdict": table.verdict(row).value,
                    "responsible_party": table.responsible[row] or None,
                    "trace": trace,
                }
                start = int(batch.start_s[int(table.incident[row])])
                write(
                    f"{agreement.id}/{table.term[row]}/{table.version[row]}/{incident}",
                    content,
                    {
                        "kind": "incident",
                        "subject": None,
                        "agreement_id": agreement.id,
                        "term_id": content["term_id"],
                        "version_party": content["version_party"],
                        "incident_id": incident,
                        "event_start": datetime.fromtimestamp(start, tz=UTC)
                        if start >= 0
                        else None,
                    },
                )
            standing += weapon_rise(agreement, batch, effort, windows, load_layer)
        standing += mission_findings(connection, agreements, batch, names, effort)
        for found in standing:
            write(found.key, standing_content(found), standing_values(found))
        numbers = next_ids(connection, "finding", len(fresh))
        for record, number in zip(fresh, numbers, strict=True):
            record["finding_id"] = finding_ref(number)
            data = record["canonical"]
            assert isinstance(data, bytes)
            versions.append(Version(finding_ref(number), 1, str(record["content_hash"]), data))
        if fresh:
            connection.execute(insert(findings), fresh)
        gone = [k for k, row in existing.items() if row.active and k not in seen]
        for start in range(0, len(gone), 5_000):
            connection.execute(
                update(findings)
                .where(findings.c.finding_key.in_(gone[start : start + 5_000]))
                .values(active=False)
            )
        outcome.retired = len(gone)
        if outcome.created + outcome.changed + outcome.retired == 0:
            uow.rollback()  # nothing changed: leave no trace, like a re-import
            outcome.run_id = None
            return outcome
        connection.execute(
            update(evaluation_runs).where(evaluation_runs.c.id == run_id).values(findings=len(seen))
        )
        save_versions(connection, "finding", run_id, versions)
        uow.record(
            "evaluation.ran",
            "evaluation_run",
            f"evaluation:{run_id}",
            {
                "incidents": len(names),
                "created": outcome.created,
                "changed": outcome.changed,
                "retired": outcome.retired,
                "findings_merkle_root": merkle_root(written).hex(),
                **run_commitment((v.object_id, v.canonical) for v in versions),
                "recorded_at": utc_text(uow.now),
            },
        )
    return outcome
