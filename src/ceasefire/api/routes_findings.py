"""``/api/findings``: findings, their adjudication history, and the steps people take on them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import Party
from ceasefire.api.pagination import Page, Window, paginate, window
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.compliance.adjudication import (
    Action,
    Dissent,
    Event,
    Outcome,
    ReplyKind,
    Request,
    State,
)
from ceasefire.workflows.adjudicate import adjudicate, history
from ceasefire.workflows.findings import FindingFilter, list_findings, show_finding

router = APIRouter(
    prefix="/api/findings",
    tags=["findings"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)

PERSON_ACTIONS = tuple(a.value for a in Action if a not in (Action.REOPEN, Action.CARRY))


class FindingOut(BaseModel):
    """An incident held against a term under one party's version, with its rule trace."""

    model_config = ConfigDict(extra="allow")

    finding_id: str
    agreement_id: str
    term_id: str
    incident_id: str
    verdict: str
    responsible_party: str | None = None
    status: str | None = None
    trace: str | None = None
    active: bool | None = None
    version: int | None = None


class EventOut(BaseModel):
    """One recorded adjudication step (as committed to by the ledger)."""

    model_config = ConfigDict(extra="allow")

    finding_id: str
    action: str
    to_state: str
    actor: str
    role: str
    at: str


class FindingDetailOut(BaseModel):
    """A finding, where it stands in adjudication, and every step taken on it."""

    finding: FindingOut
    state: State | None
    reply_by: datetime | None
    events: list[EventOut]
    published_notes: list[str] = Field(description="replies, disputes and dissent, as published")


class DissentIn(BaseModel):
    """One commission member's dissent."""

    member: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=5000)


class StepIn(BaseModel):
    """A step on a finding: reply, dispute, sign_off, refer, decide or withdraw."""

    action: Action = Field(description="one of " + ", ".join(PERSON_ACTIONS))
    text: str = Field(default="", max_length=20_000)
    reply: ReplyKind | None = Field(default=None, description="reply: accept or contest")
    outcome: Outcome | None = Field(default=None, description="decide: upheld or overturned")
    dissent: list[DissentIn] = Field(default_factory=list, description="decide: dissent")

    def request(self) -> Request:
        """The core's request value."""
        return Request(
            self.action,
            self.text,
            reply=self.reply,
            outcome=self.outcome,
            dissent=tuple(Dissent(d.member.strip(), d.text.strip()) for d in self.dissent),
        )


def event_out(event: Event) -> EventOut:
    """The response for a recorded step."""
    return EventOut.model_validate(event.content())


@router.get("", response_model=Page[FindingOut])
def findings(
    *,
    page: Annotated[Window, Depends(window)],
    actor: ActorDep,
    owner: ServiceDep,
    agreement: Annotated[str | None, Query(max_length=80)] = None,
    term: Annotated[str | None, Query(max_length=80)] = None,
    verdict: Annotated[str | None, Query(max_length=40)] = None,
    party: Party = None,
    incident: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[str | None, Query(max_length=40, description="adjudication state")] = None,
    include_retired: bool = False,
) -> Page[dict[str, object]]:
    """Findings by event time; filters are combined with AND."""
    where = FindingFilter(
        agreement=agreement,
        term=term,
        verdict=verdict,
        party=party,
        incident=incident,
        include_retired=include_retired,
    )

    def fetch(bound: int) -> list[dict[str, object]]:
        found = list_findings(
            owner.store, replace(where, limit=None if status else bound), actor=actor
        )
        return [f for f in found if status is None or f.get("status") == status][:bound]

    return paginate(fetch, lambda r: str(r["finding_id"]), page.limit, page.cursor, page.offset)


@router.get("/{finding_id}", response_model=FindingDetailOut)
def finding(finding_id: str, actor: ActorDep, owner: ServiceDep) -> FindingDetailOut:
    """One finding with its trace, adjudication state, reply window and history."""
    record = show_finding(owner.store, finding_id, actor=actor)
    past = history(owner.store, finding_id, actor=actor)
    return FindingDetailOut(
        finding=FindingOut.model_validate(record),
        state=past.case.state,
        reply_by=past.case.reply_by,
        events=[event_out(e) for e in past.events],
        published_notes=past.published_notes,
    )


@router.post("/{finding_id}/steps", response_model=EventOut, status_code=201)
def take_step(
    finding_id: str, body: StepIn, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> EventOut:
    """Take one adjudication step as the signed-in user (who may take which step: the policy)."""
    return event_out(write(adjudicate, owner.store, actor, finding_id, body.request()))
