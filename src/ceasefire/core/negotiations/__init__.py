"""Negotiations over time: stances, conditions and per-party lifecycle steps as dated records.

The agreement model holds an agreement's terms, conditions and stances; this package keeps them
as a history (:class:`StanceRecord`, :class:`ConditionRecord`, :class:`LifecycleRecord`) and
answers "what was each party's stance on each term and condition as of a date"
(:func:`stance_matrix`, :func:`timeline_entries`). Pure: values in, values out.
"""

from ceasefire.core.negotiations.checks import (
    NegotiationError,
    check_against,
    parse_record,
    record_problems,
)
from ceasefire.core.negotiations.from_agreement import (
    AgreementRecords,
    records_of_agreement,
    stance_record,
)
from ceasefire.core.negotiations.model import (
    Authority,
    ConditionRecord,
    LifecycleKind,
    LifecycleRecord,
    StanceKind,
    StanceRecord,
)
from ceasefire.core.negotiations.rows import (
    REQUIRED_COLUMNS,
    STANCE_COLUMNS,
    header_problems,
    stance_from_cells,
)
from ceasefire.core.negotiations.state import NegotiationState, negotiation_state, subjects_of
from ceasefire.core.negotiations.timeline import (
    StanceCell,
    StanceMatrix,
    TimelineEntry,
    lifecycle_as_of,
    stance_matrix,
    stances_as_of,
    timeline_entries,
)

__all__ = [
    "REQUIRED_COLUMNS",
    "STANCE_COLUMNS",
    "AgreementRecords",
    "Authority",
    "ConditionRecord",
    "LifecycleKind",
    "LifecycleRecord",
    "NegotiationError",
    "NegotiationState",
    "StanceCell",
    "StanceKind",
    "StanceMatrix",
    "StanceRecord",
    "TimelineEntry",
    "check_against",
    "header_problems",
    "lifecycle_as_of",
    "negotiation_state",
    "parse_record",
    "record_problems",
    "records_of_agreement",
    "stance_from_cells",
    "stance_matrix",
    "stance_record",
    "stances_as_of",
    "subjects_of",
    "timeline_entries",
]
