"""initial schema

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ceasefire.store.types import UTCTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "adjudication_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("finding_id", sa.String(length=20), nullable=False),
        sa.Column("finding_version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=True),
        sa.Column("at", UTCTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adjudication_events")),
    )
    with op.batch_alter_table("adjudication_events", schema=None) as batch_op:
        batch_op.create_index("ix_adjudication_events_finding_id", ["finding_id"], unique=False)

    op.create_table(
        "agreements",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("agreement_id", sa.String(length=120), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("loaded_at", UTCTime(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint(
            "agreement_id", "revision", name=op.f("uq_agreements_agreement_id_revision")
        ),
        sa.UniqueConstraint("content_hash", name=op.f("uq_agreements_content_hash")),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "decisions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("decided_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("incident_id", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index("ix_decisions_incident_id", ["incident_id"], unique=False)

    op.create_table(
        "evaluation_runs",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("started_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_runs")),
    )
    op.create_table(
        "imports",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("on_invalid", sa.String(length=12), nullable=False),
        sa.Column("received_at", UTCTime(), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("revised", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("quarantined", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_table(
        "ledger",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "outbox_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("recorded_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_ref", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_ledger")),
        sa.UniqueConstraint("outbox_id", name=op.f("uq_ledger_outbox_id")),
    )
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.create_index("ix_ledger_object_ref", ["object_ref"], unique=False)

    op.create_table(
        "ledger_checkpoints",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("signed_at", UTCTime(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_checkpoints")),
    )
    op.create_table(
        "outbox",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("recorded_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_ref", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("sequenced", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_table(
        "published_reports",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("period_start", UTCTime(), nullable=False),
        sa.Column("period_end", UTCTime(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("edition", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("published_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_reports")),
        sa.UniqueConstraint(
            "period_start",
            "period_end",
            "time_zone",
            "edition",
            "version",
            "format",
            name="uq_published_reports_rendering",
        ),
    )
    with op.batch_alter_table("published_reports", schema=None) as batch_op:
        batch_op.create_index("ix_published_reports_period_end", ["period_end"], unique=False)

    op.create_table(
        "verification_runs",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("started_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("window_start", UTCTime(), nullable=True),
        sa.Column("window_end", UTCTime(), nullable=True),
        sa.Column("observations", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Integer(), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_runs")),
    )
    op.create_table(
        "agreement_terms",
        sa.Column(
            "agreement_row", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("term_id", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("parties", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_row"],
            ["agreements.id"],
            name=op.f("fk_agreement_terms_agreement_row_agreements"),
        ),
        sa.PrimaryKeyConstraint("agreement_row", "term_id", name=op.f("pk_agreement_terms")),
    )
    op.create_table(
        "claims",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column(
            "previous_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=False),
        sa.Column("claimant_party", sa.Text(), nullable=False),
        sa.Column("accused_party", sa.Text(), nullable=True),
        sa.Column("arrangement", sa.Text(), nullable=True),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("period_text", sa.Text(), nullable=False),
        sa.Column("period_start", UTCTime(), nullable=True),
        sa.Column("period_end", UTCTime(), nullable=True),
        sa.Column("published_on", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_claims_import_id_imports")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["claims.id"], name=op.f("fk_claims_previous_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_claims_content_hash")),
        sa.UniqueConstraint("key", "revision", name=op.f("uq_claims_key_revision")),
    )
    op.create_table(
        "effort_records",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column(
            "previous_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("team", sa.Text(), nullable=True),
        sa.Column("sensor_id", sa.Text(), nullable=True),
        sa.Column("sensor_kind", sa.String(length=20), nullable=True),
        sa.Column("start", UTCTime(), nullable=False),
        sa.Column("end", UTCTime(), nullable=True),
        sa.Column("distance_m", sa.BigInteger(), nullable=True),
        sa.Column("uptime_min", sa.Integer(), nullable=True),
        sa.Column("lat", sa.BigInteger(), nullable=True),
        sa.Column("lon", sa.BigInteger(), nullable=True),
        sa.Column("min_lon", sa.BigInteger(), nullable=True),
        sa.Column("min_lat", sa.BigInteger(), nullable=True),
        sa.Column("max_lon", sa.BigInteger(), nullable=True),
        sa.Column("max_lat", sa.BigInteger(), nullable=True),
        sa.Column("route_wkb", sa.LargeBinary(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("restricted_by", sa.Text(), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_effort_records_import_id_imports")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["effort_records.id"],
            name=op.f("fk_effort_records_previous_id_effort_records"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_effort_records")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_effort_records_content_hash")),
        sa.UniqueConstraint(
            "source_name",
            "key",
            "revision",
            name=op.f("uq_effort_records_source_name_key_revision"),
        ),
    )
    with op.batch_alter_table("effort_records", schema=None) as batch_op:
        batch_op.create_index("ix_effort_records_kind", ["kind"], unique=False)
        batch_op.create_index("ix_effort_records_start", ["start"], unique=False)

    op.create_table(
        "findings",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("finding_id", sa.String(length=20), nullable=False),
        sa.Column("finding_key", sa.Text(), nullable=False),
        sa.Column("agreement_id", sa.String(length=120), nullable=False),
        sa.Column("term_id", sa.String(length=120), nullable=False),
        sa.Column("version_party", sa.String(length=20), nullable=False),
        sa.Column("incident_id", sa.String(length=20), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("responsible_party", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_start", UTCTime(), nullable=True),
        sa.Column("trace", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["evaluation_runs.id"], name=op.f("fk_findings_run_id_evaluation_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
        sa.UniqueConstraint("finding_id", name=op.f("uq_findings_finding_id")),
        sa.UniqueConstraint("finding_key", name=op.f("uq_findings_finding_key")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index("ix_findings_incident_id", ["incident_id"], unique=False)
        batch_op.create_index("ix_findings_verdict", ["verdict"], unique=False)

    op.create_table(
        "incident_lineage",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("parent", sa.String(length=20), nullable=False),
        sa.Column("child", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("observations", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["verification_runs.id"],
            name=op.f("fk_incident_lineage_run_id_verification_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_lineage")),
    )
    with op.batch_alter_table("incident_lineage", schema=None) as batch_op:
        batch_op.create_index("ix_incident_lineage_child", ["child"], unique=False)
        batch_op.create_index("ix_incident_lineage_parent", ["parent"], unique=False)

    op.create_table(
        "incidents",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("incident_id", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("start", UTCTime(), nullable=True),
        sa.Column("end", UTCTime(), nullable=True),
        sa.Column("lat", sa.BigInteger(), nullable=True),
        sa.Column("lon", sa.BigInteger(), nullable=True),
        sa.Column("radius_m", sa.BigInteger(), nullable=True),
        sa.Column("act", sa.Text(), nullable=True),
        sa.Column("target_class", sa.Text(), nullable=True),
        sa.Column("confidence", sa.String(length=12), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=True),
        sa.Column("attribution", sa.String(length=20), nullable=False),
        sa.Column("observations", sa.Integer(), nullable=False),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("locatable", sa.Boolean(), nullable=False),
        sa.Column("dated", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["verification_runs.id"], name=op.f("fk_incidents_run_id_verification_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("incident_id", name=op.f("uq_incidents_incident_id")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_confidence", ["confidence"], unique=False)
        batch_op.create_index("ix_incidents_start", ["start"], unique=False)

    op.create_table(
        "observations",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column(
            "previous_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column(
            "superseded_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("start", UTCTime(), nullable=True),
        sa.Column("end", UTCTime(), nullable=True),
        sa.Column("lat", sa.BigInteger(), nullable=True),
        sa.Column("lon", sa.BigInteger(), nullable=True),
        sa.Column("observer_lat", sa.BigInteger(), nullable=True),
        sa.Column("observer_lon", sa.BigInteger(), nullable=True),
        sa.Column("act", sa.Text(), nullable=True),
        sa.Column("is_summary", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_observations_import_id_imports")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["observations.id"],
            name=op.f("fk_observations_previous_id_observations"),
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by"],
            ["observations.id"],
            name=op.f("fk_observations_superseded_by_observations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint(
            "source_name", "key", "revision", name=op.f("uq_observations_source_name_key_revision")
        ),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index("ix_observations_start", ["start"], unique=False)

    op.create_table(
        "quarantine",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_quarantine_import_id_imports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index("ix_quarantine_import_id", ["import_id"], unique=False)

    op.create_table(
        "storage_inspections",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column(
            "previous_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("site_id", sa.Text(), nullable=False),
        sa.Column("inspected_at", UTCTime(), nullable=False),
        sa.Column("inspected_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_storage_inspections_import_id_imports")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["storage_inspections.id"],
            name=op.f("fk_storage_inspections_previous_id_storage_inspections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_storage_inspections")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_storage_inspections_content_hash")),
        sa.UniqueConstraint("key", "revision", name=op.f("uq_storage_inspections_key_revision")),
    )
    with op.batch_alter_table("storage_inspections", schema=None) as batch_op:
        batch_op.create_index("ix_storage_inspections_site_id", ["site_id"], unique=False)

    op.create_table(
        "storage_sites",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column(
            "previous_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("site_id", sa.Text(), nullable=False),
        sa.Column("party", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("lat", sa.BigInteger(), nullable=True),
        sa.Column("lon", sa.BigInteger(), nullable=True),
        sa.Column("declared_at", UTCTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_storage_sites_import_id_imports")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["storage_sites.id"],
            name=op.f("fk_storage_sites_previous_id_storage_sites"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_storage_sites")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_storage_sites_content_hash")),
        sa.UniqueConstraint("site_id", "revision", name=op.f("uq_storage_sites_site_id_revision")),
    )
    op.create_table(
        "claim_items",
        sa.Column("claim_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("part_of", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_items_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("claim_id", "position", name=op.f("pk_claim_items")),
    )
    op.create_table(
        "incident_members",
        sa.Column(
            "observation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("incident_id", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_incident_members_observation_id_observations"),
        ),
        sa.PrimaryKeyConstraint("observation_id", name=op.f("pk_incident_members")),
    )
    with op.batch_alter_table("incident_members", schema=None) as batch_op:
        batch_op.create_index("ix_incident_members_incident_id", ["incident_id"], unique=False)

    op.create_table(
        "storage_inspection_items",
        sa.Column(
            "inspection_row", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("weapon_type", sa.String(length=40), nullable=False),
        sa.Column("calibre_mm", sa.Integer(), nullable=True),
        sa.Column("model", sa.Text(), nullable=True),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_row"],
            ["storage_inspections.id"],
            name=op.f("fk_storage_inspection_items_inspection_row_storage_inspections"),
        ),
        sa.PrimaryKeyConstraint(
            "inspection_row", "position", name=op.f("pk_storage_inspection_items")
        ),
    )
    op.create_table(
        "storage_site_items",
        sa.Column("site_row", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("weapon_type", sa.String(length=40), nullable=False),
        sa.Column("calibre_mm", sa.Integer(), nullable=True),
        sa.Column("model", sa.Text(), nullable=True),
        sa.Column("declared", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_row"],
            ["storage_sites.id"],
            name=op.f("fk_storage_site_items_site_row_storage_sites"),
        ),
        sa.PrimaryKeyConstraint("site_row", "position", name=op.f("pk_storage_site_items")),
    )


def downgrade() -> None:
    op.drop_table("storage_site_items")
    op.drop_table("storage_inspection_items")
    with op.batch_alter_table("incident_members", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_members_incident_id")

    op.drop_table("incident_members")
    op.drop_table("claim_items")
    op.drop_table("storage_sites")
    with op.batch_alter_table("storage_inspections", schema=None) as batch_op:
        batch_op.drop_index("ix_storage_inspections_site_id")

    op.drop_table("storage_inspections")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index("ix_quarantine_import_id")

    op.drop_table("quarantine")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_start")

    op.drop_table("observations")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_start")
        batch_op.drop_index("ix_incidents_confidence")

    op.drop_table("incidents")
    with op.batch_alter_table("incident_lineage", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_lineage_parent")
        batch_op.drop_index("ix_incident_lineage_child")

    op.drop_table("incident_lineage")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_verdict")
        batch_op.drop_index("ix_findings_incident_id")

    op.drop_table("findings")
    with op.batch_alter_table("effort_records", schema=None) as batch_op:
        batch_op.drop_index("ix_effort_records_start")
        batch_op.drop_index("ix_effort_records_kind")

    op.drop_table("effort_records")
    op.drop_table("claims")
    op.drop_table("agreement_terms")
    op.drop_table("verification_runs")
    with op.batch_alter_table("published_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_published_reports_period_end")

    op.drop_table("published_reports")
    op.drop_table("outbox")
    op.drop_table("ledger_checkpoints")
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_object_ref")

    op.drop_table("ledger")
    op.drop_table("imports")
    op.drop_table("evaluation_runs")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_incident_id")

    op.drop_table("decisions")
    op.drop_table("counters")
    op.drop_table("agreements")
    with op.batch_alter_table("adjudication_events", schema=None) as batch_op:
        batch_op.drop_index("ix_adjudication_events_finding_id")

    op.drop_table("adjudication_events")
