"""An agreement's own stances, conditions and lifecycle steps as dated records.

Loading an agreement stores these, so the YAML and the records added later are one history.
Ids are the document's (stances, conditions) or derived from the term, party and position of
the lifecycle step, so loading the same document again yields the same records.

>>> from ceasefire.core.agreement import parse_agreement
>>> from ceasefire.core.agreement.examples import MINIMAL_YAML
>>> records = records_of_agreement(parse_agreement(MINIMAL_YAML, "example.yaml"))
>>> [record.id for record in records.stances]
['S-1']
>>> [(item.party, item.kind.value) for item in records.lifecycle][:2]
[('RU', 'committed'), ('RU', 'unilateral_declaration')]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ceasefire.core.agreement import Agreement, LifecycleState, Stance, Wording
from ceasefire.core.negotiations.model import (
    ConditionRecord,
    LifecycleKind,
    LifecycleRecord,
    StanceRecord,
)

__all__ = ["AgreementRecords", "records_of_agreement", "stance_record"]

MAX_ID = 64


@dataclass(frozen=True)
class AgreementRecords:
    """The records an agreement document holds."""

    stances: list[StanceRecord]
    conditions: list[ConditionRecord]
    lifecycle: list[LifecycleRecord]


def stance_record(agreement_id: str, stance: Stance) -> StanceRecord:
    """A document's stance as a dated record (its text is a quote or a summary per wording)."""
    quoted = stance.wording is Wording.QUOTE
    return StanceRecord(
        id=stance.id,
        agreement=agreement_id,
        party=stance.party,
        term=stance.term,
        condition=stance.condition,
        stance=stance.stance,
        date=stance.date,
        speaker=stance.speaker,
        authority=stance.authority,
        quote=stance.text if quoted else None,
        summary=None if quoted else stance.text,
        conditions=list(stance.conditions),
        source_url=stance.source_url,
        note=stance.note,
    )


def _lifecycle_id(term: str, party: str, position: int, kind: str = "") -> str:
    text = f"L-{term}-{party}-{position}{kind}"
    if len(text) <= MAX_ID:
        return text
    return "L-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def records_of_agreement(agreement: Agreement) -> AgreementRecords:
    """The stances, conditions and per-party lifecycle steps of ``agreement`` as records.

    A unilateral declaration adds a ``unilateral_declaration`` step for the committed party on
    the date it committed.
    """
    stances = [stance_record(agreement.id, stance) for stance in agreement.stances]
    conditions = [
        ConditionRecord(
            id=item.id,
            agreement=agreement.id,
            title=item.title,
            text=item.text,
            raised_by=item.raised_by,
            source_url=item.source_url,
        )
        for item in agreement.conditions
    ]
    lifecycle: list[LifecycleRecord] = []
    unilateral = agreement.is_unilateral
    for term in agreement.terms:
        for party, version in sorted(term.versions.items()):
            for position, event in enumerate(version.lifecycle, start=1):
                instrument = agreement.instrument(event.instrument or version.instrument)
                if instrument is None:  # cross-checked on load; a document without it is invalid
                    continue
                step = LifecycleRecord(
                    id=_lifecycle_id(term.id, party, position),
                    agreement=agreement.id,
                    party=party,
                    kind=LifecycleKind.of_state(event.state),
                    term=term.id,
                    date=event.date,
                    instrument=instrument.id,
                    source_url=instrument.source_url,
                    note=event.note,
                )
                lifecycle.append(step)
                if unilateral and event.state is LifecycleState.COMMITTED:
                    lifecycle.append(
                        step.model_copy(
                            update={
                                "id": _lifecycle_id(term.id, party, position, "-u"),
                                "kind": LifecycleKind.UNILATERAL_DECLARATION,
                                "note": None,
                            }
                        )
                    )
    return AgreementRecords(stances, conditions, lifecycle)
