"""Agreements as data: parties, instruments, terms with per-party versions, stances, geography.

Public entry points: :func:`parse_agreement` (YAML text to :class:`Agreement`, every error by
field path), :class:`Agreement` (``.canonical()`` gives RFC 8785 bytes), :func:`weapon_class_of`,
:func:`withdrawal_zone` and :func:`agreement_json_schema`. Reading files is done by
``ceasefire.ingest.agreement_files`` (``read_agreement``, ``shipped_agreement_paths``).
"""

from ceasefire.core.agreement.geography import (
    ControlArea,
    Geography,
    Layer,
    Provenance,
    ReferenceLine,
    Registry,
)
from ceasefire.core.agreement.model import (
    Actor,
    Affiliation,
    Agreement,
    Authority,
    Condition,
    Instrument,
    InstrumentKind,
    Party,
    PartyKind,
    Stance,
    StanceKind,
    Wording,
)
from ceasefire.core.agreement.monitoring import JointCommission, Monitoring, ReportingDay
from ceasefire.core.agreement.parse import field_path, parse_agreement
from ceasefire.core.agreement.schema import agreement_json_schema
from ceasefire.core.agreement.terms import (
    LifecycleEvent,
    LifecycleState,
    Term,
    TermKind,
    TermVersion,
    Window,
)
from ceasefire.core.agreement.weapon_classes import (
    WeaponClass,
    WeaponRule,
    possible_weapon_classes,
    weapon_class_of,
)
from ceasefire.core.agreement.zones import Zone, buffer_zone, withdrawal_zone, within_zone

__all__ = [
    "Actor",
    "Affiliation",
    "Agreement",
    "Authority",
    "Condition",
    "ControlArea",
    "Geography",
    "Instrument",
    "InstrumentKind",
    "JointCommission",
    "Layer",
    "LifecycleEvent",
    "LifecycleState",
    "Monitoring",
    "Party",
    "PartyKind",
    "Provenance",
    "ReferenceLine",
    "Registry",
    "ReportingDay",
    "Stance",
    "StanceKind",
    "Term",
    "TermKind",
    "TermVersion",
    "WeaponClass",
    "WeaponRule",
    "Window",
    "Wording",
    "Zone",
    "agreement_json_schema",
    "buffer_zone",
    "field_path",
    "parse_agreement",
    "possible_weapon_classes",
    "weapon_class_of",
    "withdrawal_zone",
    "within_zone",
]
