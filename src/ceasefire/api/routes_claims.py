"""``/api/claims``: parties' aggregate claims, kept beside incidents (never merged into them)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import End, Party, Start, time_range
from ceasefire.api.intake import (
    ALREADY_STORED,
    ImportOut,
    client_name,
    ingest_upload,
    one_record_csv,
)
from ceasefire.api.pagination import Page, Window, paginate, window
from ceasefire.api.reads import ClaimFilter, list_claims
from ceasefire.api.routes_observations import Invalid, Name, raw_body
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.claims import CLAIM_COLUMNS

router = APIRouter(
    prefix="/api/claims",
    tags=["claims"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)


class ClaimOut(BaseModel):
    """A stored claim: id, revision, SHA-256, then its content (claimant, period, items, …)."""

    model_config = ConfigDict(extra="allow")

    id: int
    key: str
    revision: int
    content_hash: str


ClaimIn = Annotated[
    dict[str, str | int | None],
    Field(
        min_length=1,
        description="one claim in the claims layout: " + ", ".join(CLAIM_COLUMNS),
        examples=[
            {
                "arrangement": "easter_truce",
                "claimant": "Russia (MoD)",
                "accused_party": "UA",
                "period": "2025-04-19/2025-04-21",
                "metric": "violations",
                "value": "4900",
                "source_url": "https://example.org/statement",
            }
        ],
    ),
]


@router.get("", response_model=Page[ClaimOut])
def claims(
    *,
    page: Annotated[Window, Depends(window)],
    actor: ActorDep,
    owner: ServiceDep,
    start: Start = None,
    end: End = None,
    claimant_party: Party = None,
    accused_party: Party = None,
    arrangement: Annotated[str | None, Query(max_length=200)] = None,
) -> Page[dict[str, object]]:
    """Current claims by period; filters are combined with AND."""
    times = time_range(start, end)
    where = ClaimFilter(times.start, times.end, claimant_party, accused_party, arrangement)

    def fetch(bound: int) -> list[dict[str, object]]:
        return list(list_claims(owner.store, actor, replace(where, limit=bound)))

    return paginate(fetch, lambda r: int(str(r["id"])), page.limit, page.cursor, page.offset)


@router.post("", response_model=ImportOut, status_code=201, responses=ALREADY_STORED)
def submit(
    record: ClaimIn, actor: ActorDep, owner: ServiceDep, write: WritesDep, response: Response
) -> ImportOut:
    """Lodge one claim; stored once (the same claim again: 200, duplicates 1)."""
    summary = ingest_upload(
        write,
        owner.store,
        actor,
        one_record_csv(record),
        name="claim.csv",
        settings=owner.settings,
        kind="claims",
        format_name="party-claims",
        on_invalid="reject",
    )
    if summary.import_id is None:
        response.status_code = 200
    return ImportOut.of(summary)


@router.post(
    "/bulk",
    response_model=ImportOut,
    status_code=201,
    responses=ALREADY_STORED,
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
)
def submit_file(
    *,
    body: Annotated[bytes, Depends(raw_body)],
    actor: ActorDep,
    owner: ServiceDep,
    write: WritesDep,
    response: Response,
    on_invalid: Invalid = "quarantine",
    name: Name = None,
) -> ImportOut:
    """Import a claims CSV sent as the body, exactly like `ceasefire ingest`."""
    summary = ingest_upload(
        write,
        owner.store,
        actor,
        body,
        name=client_name(name, "claims.csv"),
        settings=owner.settings,
        kind="claims",
        format_name="party-claims",
        on_invalid=on_invalid,
    )
    if summary.import_id is None:
        response.status_code = 200
    return ImportOut.of(summary)
