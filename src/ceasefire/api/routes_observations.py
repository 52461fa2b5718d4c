"""``/api/observations``: list and read observations, submit one or a file of them."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    File,
    Query,
    Request,
    Response,
    UploadFile,
)
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import Bbox, End, RowId, Start, parse_bbox, time_range
from ceasefire.api.group_commit import SubmissionWriterDep
from ceasefire.api.intake import (
    ALREADY_STORED,
    ImportOut,
    client_name,
    ingest_upload,
)
from ceasefire.api.pagination import Page, Window, paginate, window
from ceasefire.api.reads import observation_by_id
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.access import authorize_any, intake_permissions
from ceasefire.ingest.readers import READERS
from ceasefire.workflows.ingest import OnInvalid
from ceasefire.workflows.observations import ObservationFilter, list_observations

router = APIRouter(
    prefix="/api/observations",
    tags=["observations"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)

OBSERVATION_FORMATS = tuple(r.NAME for r in READERS if r.KIND == "observations")
BULK_TYPES = {
    "text/csv": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "application/geo+json": {"schema": {"type": "object"}},
}


class ObservationOut(BaseModel):
    """A stored observation: its id, revision and SHA-256, then the flat layout's fields."""

    model_config = ConfigDict(extra="allow")

    id: int
    revision: int | None = None
    content_hash: str | None = None


ObservationIn = Annotated[
    dict[str, str | int | float | None],
    Field(
        min_length=1,
        description="one observation in the flat layout (docs/formats.md): column → value",
        examples=[
            {
                "source_kind": "monitor_team",
                "source_name": "SMM team 4",
                "key": "T4-2025-04-20-001",
                "start": "2025-04-20T10:15:00+03:00",
                "act": "shelling.artillery",
                "lat": 48.28,
                "lon": 37.18,
                "radius_m": 500,
            }
        ],
    ),
]
Format = Annotated[
    str | None,
    Query(
        pattern="^(" + "|".join(OBSERVATION_FORMATS) + ")$",
        description="the file's format (default: detected from its content)",
    ),
]
Invalid = Annotated[
    OnInvalid,
    Query(description="quarantine: keep valid rows, quarantine the others; reject: all or none"),
]
Name = Annotated[str | None, Query(max_length=200, description="the file's name, for messages")]


@router.get("", response_model=Page[ObservationOut])
def observations(
    *,
    page: Annotated[Window, Depends(window)],
    actor: ActorDep,
    owner: ServiceDep,
    start: Start = None,
    end: End = None,
    bbox: Bbox = None,
    act: Annotated[list[str], Query(description="act or act family, repeatable")] = [],  # noqa: B006 - FastAPI copies defaults
    source: Annotated[str | None, Query(max_length=200)] = None,
    include_superseded: bool = False,
) -> Page[dict[str, object]]:
    """Observations by event time; filters are combined with AND."""
    times = time_range(start, end)
    where = ObservationFilter(
        start=times.start,
        end=times.end,
        bbox=parse_bbox(bbox),
        acts=tuple(act),
        source=source,
        current_only=not include_superseded,
    )

    def fetch(bound: int) -> list[dict[str, object]]:
        return list(list_observations(owner.store, replace(where, limit=bound), actor=actor))

    return paginate(fetch, lambda r: int(str(r["id"])), page.limit, page.cursor, page.offset)


@router.get("/{observation_id}", response_model=ObservationOut)
def observation(observation_id: RowId, actor: ActorDep, owner: ServiceDep) -> dict[str, object]:
    """One observation (any revision)."""
    return observation_by_id(owner.store, actor, observation_id)


@router.post("", response_model=ImportOut, status_code=201, responses=ALREADY_STORED)
async def submit(
    record: ObservationIn,
    actor: ActorDep,
    writer: SubmissionWriterDep,
    background: BackgroundTasks,
) -> JSONResponse:
    """File one observation; stored once (posting it again stores nothing: 200, duplicates 1).

    Invalid fields are refused with 422 naming each field; nothing is quarantined. The answer
    is sent once the record is committed (with the others filed at the same moment: see
    ``ceasefire.api.group_commit``).
    """
    authorize_any(actor, intake_permissions("observations"))  # before the body is queued
    outcome = await writer.submit(actor, record, background)
    body = ImportOut.of(outcome.summary()).model_dump(mode="json")
    return JSONResponse(body, status_code=201 if outcome.import_id is not None else 200,
                        background=background)  # fmt: skip


async def raw_body(request: Request) -> bytes:
    """The request body (its size already checked by the request-size limit)."""
    return await request.body()


@router.post(
    "/bulk",
    response_model=ImportOut,
    status_code=201,
    responses=ALREADY_STORED,
    openapi_extra={"requestBody": {"required": True, "content": BULK_TYPES}},
)
def submit_file(
    *,
    body: Annotated[bytes, Depends(raw_body)],
    actor: ActorDep,
    owner: ServiceDep,
    write: WritesDep,
    response: Response,
    format: Format = None,
    on_invalid: Invalid = "quarantine",
    name: Name = None,
) -> ImportOut:
    """Import a file sent as the body (CSV, JSON Lines, GeoJSON), like `ceasefire ingest`."""
    summary = ingest_upload(
        write,
        owner.store,
        actor,
        body,
        name=client_name(name, "observations"),
        settings=owner.settings,
        kind="observations",
        format_name=format,
        on_invalid=on_invalid,
    )
    if summary.import_id is None:
        response.status_code = 200
    return ImportOut.of(summary)


@router.post("/bulk/upload", response_model=ImportOut, status_code=201, responses=ALREADY_STORED)
def upload_file(
    *,
    file: Annotated[UploadFile, File(description="a CSV, JSON Lines or GeoJSON file")],
    actor: ActorDep,
    owner: ServiceDep,
    write: WritesDep,
    response: Response,
    format: Format = None,
    on_invalid: Invalid = "quarantine",
) -> ImportOut:
    """Import a file sent as multipart/form-data (field ``file``)."""
    summary = ingest_upload(
        write,
        owner.store,
        actor,
        file.file,
        name=client_name(file.filename, "observations"),
        settings=owner.settings,
        kind="observations",
        format_name=format,
        on_invalid=on_invalid,
    )
    if summary.import_id is None:
        response.status_code = 200
    return ImportOut.of(summary)
