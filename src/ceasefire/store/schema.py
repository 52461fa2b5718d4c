"""Tables of the store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Observations are append-only: a revision is a new row linked to the previous one (which gets
``superseded_by``), and the ``observation_heads`` view shows the current revision of each
natural key. Every domain row keeps
its canonical bytes and their SHA-256 so the record ([4/6]) can re-hash rows against the ledger.
Spatial indexing is per backend (an R*Tree on SQLite, a generated ``geography`` column with GiST
on PostGIS) and is created by the migrations, not here.
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
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ceasefire.core.observations.columns import COLUMNS, STORED
from ceasefire.store.revisions import revisioned_columns
from ceasefire.store.types import BigId, UTCTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _hash() -> Column[str]:
    return Column("content_hash", String(64), nullable=False)


def _bytes() -> Column[bytes]:
    return Column("canonical", LargeBinary, nullable=False)


imports = Table(
    "imports",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("file_name", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("format", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("actor", String(220), nullable=False),
    Column("on_invalid", String(12), nullable=False),
    Column("received_at", UTCTime, nullable=False),
    Column("rows_read", Integer, nullable=False, default=0),
    Column("accepted", Integer, nullable=False, default=0),
    Column("revised", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
)


def _observation_column(name: str, kind: str) -> Column[object]:
    if kind in ("int", "degrees"):
        return Column(name, BigInteger, nullable=True)
    if kind == "time":
        return Column(name, UTCTime, nullable=True)
    if kind == "bool":
        return Column(name, Boolean, nullable=True)
    return Column(name, Text, nullable=True)


observations = Table(
    "observations",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("import_id", BigId, ForeignKey("imports.id"), nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("previous_id", BigId, ForeignKey("observations.id"), nullable=True),
    _hash(),
    _bytes(),
    Column("superseded_by", BigId, ForeignKey("observations.id"), nullable=True),
    *(_observation_column(c.name, c.kind) for c in COLUMNS if c.name in STORED),
    UniqueConstraint("source_name", "key", "revision"),
)
"""No unique index on ``content_hash``: the canonical bytes hold ``source_name`` and ``key``, so
equal hashes mean the same natural key, and the writer finds duplicates through the
``(source_name, key, revision)`` index. ``superseded_by`` is NULL on the current revision."""
Index("ix_observations_start", observations.c.start)

views = MetaData()
"""Views, created by migration 0002 (not by autogenerate)."""

observation_heads = Table(
    "observation_heads",
    views,
    Column("source_name", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("observation_id", BigId, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("import_id", BigId, nullable=False),
)
"""The current revision of each natural key: a view of ``observations`` where
``superseded_by`` is NULL (a first import writes no separate head rows)."""

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("import_id", BigId, ForeignKey("imports.id"), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("row", Integer, nullable=False),
    Column("field", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=True),
)
Index("ix_quarantine_import_id", quarantine.c.import_id)

outbox = Table(
    "outbox",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("recorded_at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("action", String(80), nullable=False),
    Column("object_type", String(40), nullable=False),
    Column("object_ref", Text, nullable=False),
    _hash(),
    _bytes(),
    Column("sequenced", Boolean, nullable=False, default=False),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("agreement_id", String(120), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("loaded_at", UTCTime, nullable=False),
    Column("current", Boolean, nullable=False),
    _hash(),
    _bytes(),
    UniqueConstraint("agreement_id", "revision"),
    UniqueConstraint("content_hash"),
)

agreement_terms = Table(
    "agreement_terms",
    metadata,
    Column("agreement_row", BigId, ForeignKey("agreements.id"), primary_key=True),
    Column("term_id", String(120), primary_key=True),
    Column("kind", String(60), nullable=False),
    Column("title", Text, nullable=False),
    Column("retired", Boolean, nullable=False),
    Column("parties", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    *revisioned_columns("claims"),
    Column("key", Text, nullable=False),
    Column("claimant", Text, nullable=False),
    Column("claimant_party", Text, nullable=False),
    Column("accused_party", Text, nullable=True),
    Column("arrangement", Text, nullable=True),
    Column("metric", Text, nullable=False),
    Column("period_text", Text, nullable=False),
    Column("period_start", UTCTime, nullable=True),
    Column("period_end", UTCTime, nullable=True),
    Column("published_on", Text, nullable=True),
    Column("source_url", Text, nullable=True),
    UniqueConstraint("content_hash"),
    UniqueConstraint("key", "revision"),
)

claim_items = Table(
    "claim_items",
    metadata,
    Column("claim_id", BigId, ForeignKey("claims.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("metric", Text, nullable=False),
    Column("qualifier", String(20), nullable=False),
    Column("value", BigInteger, nullable=False),
    Column("unit", String(20), nullable=False),
    Column("part_of", Text, nullable=True),
)
import ceasefire.store.accounts  # noqa: E402 - users and API token tables on the same metadata
import ceasefire.store.adjudication  # noqa: E402 - adjudication tables on the same metadata
import ceasefire.store.commitments  # noqa: E402 - salts and mission secret tables on the same metadata
import ceasefire.store.custody  # noqa: E402 - evidence and access-log tables on the same metadata
import ceasefire.store.effort  # noqa: E402 - effort tables on the same metadata
import ceasefire.store.findings  # noqa: E402 - compliance tables on the same metadata
import ceasefire.store.incidents  # noqa: E402 - verification tables on the same metadata
import ceasefire.store.ledger  # noqa: E402 - ledger tables on the same metadata
import ceasefire.store.negotiations  # noqa: E402 - stance, condition and lifecycle tables on the same metadata
import ceasefire.store.publications  # noqa: E402 - published report tables on the same metadata
import ceasefire.store.run_versions  # noqa: E402 - incident and finding versions on the same metadata
import ceasefire.store.text_proposals  # noqa: E402, F401 - text proposals awaiting review on the same metadata
