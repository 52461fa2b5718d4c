"""``/api/stances``, ``/api/conditions``, ``/api/lifecycle``: parties' recorded positions over
time, the conditions they set, lifecycle steps; the stance matrix and timeline of an agreement."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import Day, Party
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.negotiations import ConditionRecord, LifecycleRecord, StanceRecord
from ceasefire.workflows.stances import (
    AddOutcome,
    add_condition,
    add_lifecycle_event,
    add_stance,
    list_conditions,
    list_lifecycle_events,
    list_stances,
    timeline,
)

router = APIRouter(
    prefix="/api",
    tags=["stances"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)

Agreement = Annotated[str | None, Query(max_length=80, description="agreement id")]
AsOf = Annotated[Day | None, Query(description="as of this date (default: everything)")]


class AddedOut(BaseModel):
    """What adding a record did: new, revised or unchanged."""

    record_id: str
    status: str

    @classmethod
    def of(cls, outcome: AddOutcome) -> AddedOut:
        """The response for an outcome."""
        return cls(record_id=outcome.record_id, status=str(outcome.status))


@router.get("/stances", response_model=list[StanceRecord])
def stances(
    actor: ActorDep, owner: ServiceDep, agreement: Agreement = None, party: Party = None
) -> list[StanceRecord]:
    """Stances (latest revision of each), in the order they were recorded."""
    return list_stances(owner.store, actor, agreement_id=agreement, party=party)


@router.post("/stances", response_model=AddedOut, status_code=201)
def record_stance(
    body: StanceRecord, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> AddedOut:
    """Record a party's stance on a term or condition (checked against the agreement)."""
    return AddedOut.of(write(add_stance, owner.store, actor, body))


@router.get("/conditions", response_model=list[ConditionRecord])
def conditions(
    actor: ActorDep, owner: ServiceDep, agreement: Agreement = None
) -> list[ConditionRecord]:
    """Conditions (latest revision of each)."""
    return list_conditions(owner.store, actor, agreement_id=agreement)


@router.post("/conditions", response_model=AddedOut, status_code=201)
def record_condition(
    body: ConditionRecord, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> AddedOut:
    """Record a condition, or a revision of it."""
    return AddedOut.of(write(add_condition, owner.store, actor, body))


@router.get("/lifecycle", response_model=list[LifecycleRecord])
def lifecycle(
    actor: ActorDep, owner: ServiceDep, agreement: Agreement = None, party: Party = None
) -> list[LifecycleRecord]:
    """Lifecycle events (latest revision of each)."""
    return list_lifecycle_events(owner.store, actor, agreement_id=agreement, party=party)


@router.post("/lifecycle", response_model=AddedOut, status_code=201)
def record_lifecycle(
    body: LifecycleRecord, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> AddedOut:
    """Record a party's lifecycle step (proposed, committed, in force, …)."""
    return AddedOut.of(write(add_lifecycle_event, owner.store, actor, body))


@router.get("/agreements/{agreement_id}/negotiation")
def negotiation(
    agreement_id: str, actor: ActorDep, owner: ServiceDep, as_of: AsOf = None
) -> dict[str, Any]:
    """Each party's timeline, the stance matrix and the lifecycle, as of a date."""
    return timeline(owner.store, actor, agreement_id, as_of).as_json()
