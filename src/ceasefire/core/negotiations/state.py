"""The state of a negotiation as of a date: timeline, stance matrix and lifecycle per party.

What ``ceasefire stances timeline`` prints and the dashboard shows, as one value.

>>> from ceasefire.core.agreement import parse_agreement
>>> from ceasefire.core.agreement.examples import MINIMAL_YAML
>>> from ceasefire.core.negotiations.from_agreement import records_of_agreement
>>> agreement = parse_agreement(MINIMAL_YAML, "example.yaml")
>>> records = records_of_agreement(agreement)
>>> state = negotiation_state(agreement, records.stances, records.conditions,
...                           records.lifecycle, as_of=None)
>>> state.matrix.value("UA", "term:T-1").value
'accepts'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ceasefire.core.agreement import Agreement
from ceasefire.core.negotiations.model import (
    ConditionRecord,
    LifecycleKind,
    LifecycleRecord,
    StanceRecord,
)
from ceasefire.core.negotiations.timeline import (
    StanceMatrix,
    TimelineEntry,
    lifecycle_as_of,
    stance_matrix,
    timeline_entries,
)

__all__ = ["NegotiationState", "negotiation_state", "subjects_of"]


def subjects_of(agreement: Agreement, conditions: Sequence[ConditionRecord]) -> list[str]:
    """Matrix columns: the agreement's terms (retired ones left out), then its conditions and
    the condition records, each once, in document then record order."""
    terms = [f"term:{term.id}" for term in agreement.terms if not term.retired]
    names = [item.id for item in agreement.conditions] + [item.id for item in conditions]
    return terms + [f"condition:{name}" for name in dict.fromkeys(names)]


@dataclass(frozen=True)
class NegotiationState:
    """One agreement's negotiation as of a date (``None``: everything recorded)."""

    agreement_id: str
    as_of: date | None
    entries: list[TimelineEntry]
    matrix: StanceMatrix
    lifecycle: dict[tuple[str, str | None], LifecycleKind]
    """Latest lifecycle step per (party, term); term ``None`` is the whole agreement."""

    def entries_of(self, party: str) -> list[TimelineEntry]:
        """The timeline lines of one party (conditions turned into terms have no party)."""
        return [entry for entry in self.entries if entry.party == party]

    def as_json(self) -> dict[str, object]:
        """A JSON-ready value (the ``--json`` output and the API's body)."""
        by_party: dict[str, list[dict[str, object]]] = {}
        for entry in self.entries:
            by_party.setdefault(entry.party or "-", []).append(entry.as_json())
        return {
            "agreement": self.agreement_id,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "timeline": by_party,
            "matrix": self.matrix.as_json(),
            "lifecycle": [
                {"party": party, "term": term, "state": kind.value}
                for (party, term), kind in sorted(
                    self.lifecycle.items(), key=lambda item: (item[0][0], item[0][1] or "")
                )
            ],
        }


def negotiation_state(
    agreement: Agreement,
    stances: Sequence[StanceRecord],
    conditions: Sequence[ConditionRecord],
    lifecycle: Sequence[LifecycleRecord],
    as_of: date | None,
) -> NegotiationState:
    """Timeline, matrix and lifecycle of ``agreement`` as of ``as_of`` (records in stored order)."""
    parties = [party.code for party in agreement.parties]
    return NegotiationState(
        agreement_id=agreement.id,
        as_of=as_of,
        entries=timeline_entries(stances, conditions, lifecycle, as_of),
        matrix=stance_matrix(parties, subjects_of(agreement, conditions), stances, as_of),
        lifecycle=lifecycle_as_of(lifecycle, as_of),
    )
