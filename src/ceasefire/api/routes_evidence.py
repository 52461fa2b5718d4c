"""``/api/evidence``: upload evidence into the content-addressed store, read its captures and
the file itself (re-hashed as it is read)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, BinaryIO

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.custody import EvidenceMetadata, EvidenceRecord
from ceasefire.workflows.evidence import add_evidence, evidence_captures, open_evidence

router = APIRouter(
    prefix="/api/evidence",
    tags=["evidence"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)


class EvidenceOut(BaseModel):
    """A stored file and one capture of it: SHA-256, size, type, capture metadata."""

    model_config = ConfigDict(extra="allow")

    sha256: str
    size: int
    media_type: str
    record_sha256: str
    stored_at: str | None = None
    stored_by: str | None = None


def evidence_out(record: EvidenceRecord) -> EvidenceOut:
    """The response for an evidence record."""
    return EvidenceOut.model_validate(record.as_json())


@router.post("", response_model=EvidenceOut, status_code=201)
def upload(
    *,
    file: Annotated[UploadFile, File(description="the evidence file")],
    actor: ActorDep,
    owner: ServiceDep,
    write: WritesDep,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    captured_at: Annotated[datetime | None, Form(description="with a UTC offset")] = None,
    collector: Annotated[str | None, Form(max_length=200)] = None,
    tool: Annotated[str | None, Form(max_length=200)] = None,
    restricted: Annotated[bool, Form()] = False,
) -> EvidenceOut:
    """Store a file with its capture details (the same file and details again: stored once)."""
    metadata = EvidenceMetadata(
        url=url,
        captured_at=captured_at,
        collector=collector,
        tool=tool,
        original_name=(file.filename or None),
        restricted=restricted,
    )
    record = write(
        add_evidence, owner.store, actor, file.file, metadata=metadata, settings=owner.settings
    )
    return evidence_out(record)


@router.get("/{sha256}", response_model=list[EvidenceOut])
def captures(
    sha256: str, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> list[EvidenceOut]:
    """Every capture recorded for a file (restricted evidence: the read is access-logged)."""
    return [evidence_out(r) for r in write(evidence_captures, owner.store, actor, sha256)]


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    with stream:
        while block := stream.read(1 << 16):
            yield block


@router.get(
    "/{sha256}/file",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def download(
    sha256: str, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> StreamingResponse:
    """The file, exactly as stored (its hash is checked as it is sent)."""
    record, stream = write(open_evidence, owner.store, actor, sha256, settings=owner.settings)
    return StreamingResponse(
        _chunks(stream),
        media_type=record.media_type,
        headers={"X-Content-SHA256": record.sha256},
    )
