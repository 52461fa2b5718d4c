"""The pages of adjudication and negotiation: findings, a finding's history and the steps the
viewer may take on it, the party liaison's view, the joint commission's view, the stances."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ceasefire.core.access import Permission, allows
from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import State
from ceasefire.core.errors import PermissionDenied
from ceasefire.store.database import Store
from ceasefire.web.session import owner_of, page, render, signed_in
from ceasefire.workflows.adjudicate import history
from ceasefire.workflows.agreements import list_agreements
from ceasefire.workflows.findings import FindingFilter, list_findings, show_finding
from ceasefire.workflows.stances import timeline

router = APIRouter(include_in_schema=False)

VERDICTS = ("violation", "indeterminate", "no_violation")
LIST_LIMIT = 200
DEFAULT_AGREEMENT = "jeddah-30-day-ceasefire-2025"


def steps_for(actor: Actor, state: str | None) -> list[str]:
    """The adjudication steps the viewer's role may offer on a finding in ``state`` (the state
    machine has the last word when the step is sent)."""
    offers: dict[str, tuple[Permission, frozenset[str]]] = {
        "reply": (Permission.ADJUDICATE_REPLY, frozenset({State.PROPOSED})),
        "dispute": (Permission.ADJUDICATE_DISPUTE, frozenset({State.PROPOSED, State.SIGNED_OFF})),
        "sign_off": (Permission.ADJUDICATE_SIGN_OFF, frozenset({State.PROPOSED, State.ACCEPTED})),
        "refer": (Permission.ADJUDICATE_REFER, frozenset({State.DISPUTED})),
        "decide": (Permission.ADJUDICATE_DECIDE, frozenset({State.UNDER_REVIEW})),
        "withdraw": (
            Permission.ADJUDICATE_WITHDRAW,
            frozenset({State.PROPOSED, State.ACCEPTED, State.DISPUTED, State.SIGNED_OFF}),
        ),
    }
    return [
        step
        for step, (permission, states) in offers.items()
        if allows(actor.role, permission) and state in states
    ]


def _findings(
    store: Store, actor: Actor, where: FindingFilter, status: str | None
) -> list[dict[str, object]]:
    found = list_findings(store, where, actor=actor)
    rows = [f for f in found if status is None or f.get("status") == status]
    return rows[:LIST_LIMIT]


@router.get("/findings")
@page
def findings(
    *,
    request: Request,
    verdict: Annotated[str | None, Query(max_length=40)] = "violation",
    status: Annotated[str | None, Query(max_length=40)] = None,
    party: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """Findings (violations first by default), with their state and trace."""
    actor = signed_in(request)
    where = FindingFilter(verdict=verdict or None, party=party or None)
    rows = _findings(owner_of(request).store, actor, where, status or None)
    return render(
        request,
        "findings.html",
        actor,
        rows=rows,
        verdict=verdict or "",
        status=status or "",
        party=party or "",
        verdicts=VERDICTS,
        states=[s.value for s in State],
        limit=LIST_LIMIT,
    )


@router.get("/findings/{finding_id}")
@page
def finding(finding_id: str, *, request: Request) -> Response:
    """A finding with its trace, its adjudication history and the steps the viewer may take."""
    actor = signed_in(request)
    store = owner_of(request).store
    record = show_finding(store, finding_id, actor=actor)
    past = history(store, finding_id, actor=actor)
    state = past.case.state.value if past.case.state else None
    return render(
        request,
        "finding.html",
        actor,
        item=record,
        past=past,
        state=state,
        steps=steps_for(actor, state),
    )


@router.get("/liaison")
@page
def liaison(
    *, request: Request, verdict: Annotated[str | None, Query(max_length=40)] = None
) -> Response:
    """A party liaison's findings: only those about their own party, open replies first,
    each with its reply window and a reply form. Monitors' identities are never shown."""
    actor = signed_in(request)
    if actor.role is not Role.PARTY_LIAISON:
        raise PermissionDenied(f"{actor.role.value} has no party liaison view")
    store = owner_of(request).store
    rows = list(list_findings(store, FindingFilter(verdict=verdict or None), actor=actor))
    open_rows = [
        r
        for r in rows
        if r.get("status") == State.PROPOSED.value and r.get("verdict") == "violation"
    ]
    other = [r for r in rows if r not in open_rows]
    return render(
        request,
        "liaison.html",
        actor,
        open_rows=open_rows[:LIST_LIMIT],
        other_rows=other[:LIST_LIMIT],
        total=len(rows),
        verdict=verdict or "",
        verdicts=VERDICTS,
    )


@router.get("/commission")
@page
def commission(*, request: Request) -> Response:
    """The joint commission's view: findings referred for review, with the decide form."""
    actor = signed_in(request)
    store = owner_of(request).store
    review = _findings(store, actor, FindingFilter(), State.UNDER_REVIEW.value)
    decided = [
        f
        for f in list_findings(store, FindingFilter(), actor=actor)
        if f.get("status") in (State.UPHELD.value, State.OVERTURNED.value)
    ]
    return render(
        request,
        "commission.html",
        actor,
        review=review,
        decided=decided[:LIST_LIMIT],
        can_decide=allows(actor.role, Permission.ADJUDICATE_DECIDE),
    )


@router.get("/stances")
@page
def stances(
    *,
    request: Request,
    agreement: Annotated[str, Query(max_length=80)] = DEFAULT_AGREEMENT,
    as_of: Annotated[date | None, Query()] = None,
) -> Response:
    """The stances matrix of an agreement as of a date, with each party's timeline."""
    actor = signed_in(request)
    store = owner_of(request).store
    agreements = list_agreements(store)
    state = timeline(store, actor, agreement, as_of)
    return render(
        request,
        "stances.html",
        actor,
        agreements=agreements,
        agreement=agreement,
        as_of=as_of.isoformat() if as_of else "",
        state=state,
        matrix=state.matrix,
    )
