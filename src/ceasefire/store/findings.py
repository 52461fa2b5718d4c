"""Tables of compliance: findings and evaluation runs (on the shared metadata).

A finding is keyed by (agreement, term, party version, incident); its public ID (``FND-…``) is
minted once per key and never reused. Re-evaluation updates a finding in place with a new
``version`` when its verdict or trace changes, and marks it inactive when its incident is gone.
Adjudication hangs off ``status``.

``kind`` says what a finding is about (``ceasefire.core.compliance.standing.FindingKind``):
``incident`` for an incident held against a term, or a finding in its own right — a storage
shortfall, an inspection refused, a rise in heavy weapons, a restriction, interference. Those
have no incident, and the mission's own (all but a rise) no agreement, term or version either.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, LargeBinary, String, Table, Text

from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

evaluation_runs = Table(
    "evaluation_runs",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("started_at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("incidents", Integer, nullable=False),
    Column("findings", Integer, nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("finding_id", String(20), nullable=False, unique=True),
    Column("finding_key", Text, nullable=False, unique=True),
    Column("kind", String(20), nullable=False, server_default="incident"),
    Column("subject", Text, nullable=True),
    Column("agreement_id", String(120), nullable=True),
    Column("term_id", String(120), nullable=True),
    Column("version_party", String(20), nullable=True),
    Column("incident_id", String(20), nullable=True),
    Column("verdict", String(16), nullable=False),
    Column("responsible_party", String(20), nullable=True),
    Column("status", String(20), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("run_id", BigId, ForeignKey("evaluation_runs.id"), nullable=False),
    Column("event_start", UTCTime, nullable=True),
    Column("trace", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
)
Index("ix_findings_incident_id", findings.c.incident_id)
Index("ix_findings_verdict", findings.c.verdict)
Index("ix_findings_kind", findings.c.kind)
