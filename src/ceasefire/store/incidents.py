"""Tables of verification: incidents, their membership and lineage, analyst decisions, runs.

Defined on the shared ``metadata`` of ``ceasefire.store.schema``. Incident IDs (``INC-000123``)
are minted from a counter and never reused; an incident keeps its ID while it keeps most of its
observations, a merge or split mints new IDs and records lineage. Decisions are inputs: stored
with actor, time and reason, replayed on every run, never lost.

A decision's canonical bytes (and its ``actor`` column) carry the actor's keyed pseudonym and
role, never the person: who decided is kept in the restricted ``actor_user`` column, outside the
bytes the ledger commits to (NULL for decisions recorded before migration 0010, whose bytes and
``actor`` still hold the actor's reference).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

verification_runs = Table(
    "verification_runs",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("started_at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("window_start", UTCTime, nullable=True),
    Column("window_end", UTCTime, nullable=True),
    Column("observations", Integer, nullable=False),
    Column("created", Integer, nullable=False),
    Column("changed", Integer, nullable=False),
    Column("retired", Integer, nullable=False),
    Column("params", Text, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("incident_id", String(20), nullable=False, unique=True),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("run_id", BigId, ForeignKey("verification_runs.id"), nullable=False),
    Column("start", UTCTime, nullable=True),
    Column("end", UTCTime, nullable=True),
    Column("lat", BigInteger, nullable=True),
    Column("lon", BigInteger, nullable=True),
    Column("radius_m", BigInteger, nullable=True),
    Column("act", Text, nullable=True),
    Column("target_class", Text, nullable=True),
    Column("confidence", String(12), nullable=False),
    Column("party", String(20), nullable=True),
    Column("attribution", String(20), nullable=False),
    Column("observations", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("locatable", Boolean, nullable=False),
    Column("dated", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
)
Index("ix_incidents_start", incidents.c.start)
Index("ix_incidents_confidence", incidents.c.confidence)

incident_members = Table(
    "incident_members",
    metadata,
    Column("observation_id", BigId, ForeignKey("observations.id"), primary_key=True),
    Column("incident_id", String(20), nullable=False),
)
Index("ix_incident_members_incident_id", incident_members.c.incident_id)

incident_lineage = Table(
    "incident_lineage",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("run_id", BigId, ForeignKey("verification_runs.id"), nullable=False),
    Column("parent", String(20), nullable=False),
    Column("child", String(20), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("observations", Integer, nullable=False),
)
Index("ix_incident_lineage_parent", incident_lineage.c.parent)
Index("ix_incident_lineage_child", incident_lineage.c.child)

decisions = Table(
    "decisions",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("decided_at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("incident_id", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
    Column("actor_user", String(220), nullable=True),
)
"""``actor`` is the pseudonym the canonical bytes carry; ``actor_user`` (restricted: never
exported, read only with ``READ_RESTRICTED``) is who decided."""
Index("ix_decisions_incident_id", decisions.c.incident_id)

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
