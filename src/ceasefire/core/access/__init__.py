"""The access policy: roles, permissions, party scopes and field-level redaction.

``authorize(actor, permission, party=...)`` at the entry of every workflow; the ``redact_*``
functions on every row a read returns. See docs/access.md.
"""

from ceasefire.core.access.policy import (
    IN_PROCESS,
    INTAKE,
    MATRIX,
    PARTY_SCOPED,
    PUBLIC_READS,
    Permission,
    acting,
    allows,
    authorize,
    authorize_any,
    intake_permissions,
    party_scope,
    scope_names,
)
from ceasefire.core.access.redaction import (
    POSITION_FIELDS,
    RESTRICTED_EVIDENCE_FIELDS,
    RESTRICTED_FIELDS,
    RESTRICTED_SOURCE_KINDS,
    redact_finding,
    redact_incident,
    redact_observation,
    sees_restricted,
)

__all__ = [
    "INTAKE",
    "IN_PROCESS",
    "MATRIX",
    "PARTY_SCOPED",
    "POSITION_FIELDS",
    "PUBLIC_READS",
    "RESTRICTED_EVIDENCE_FIELDS",
    "RESTRICTED_FIELDS",
    "RESTRICTED_SOURCE_KINDS",
    "Permission",
    "acting",
    "allows",
    "authorize",
    "authorize_any",
    "intake_permissions",
    "party_scope",
    "redact_finding",
    "redact_incident",
    "redact_observation",
    "scope_names",
    "sees_restricted",
]
