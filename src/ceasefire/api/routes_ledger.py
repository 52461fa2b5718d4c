"""``/api/ledger``: the trusted record — its head, a full verification, signed checkpoints."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.reads import checkpoints
from ceasefire.api.service import ServiceDep
from ceasefire.core.actor import Actor
from ceasefire.workflows.ledger import ledger_status, verify_ledger

router = APIRouter(
    prefix="/api/ledger",
    tags=["ledger"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)


class CheckpointOut(BaseModel):
    """A signed ledger head (Ed25519), as ``ceasefire ledger checkpoint`` writes it."""

    format: str
    size: int
    head_hash: str
    signed_at: str
    key_id: str
    public_key: str
    signature: str


class LedgerStatusOut(BaseModel):
    """Size and head of the ledger, entries waiting in the outbox, the last checkpoint."""

    size: int
    head_hash: str
    pending: int
    last_checkpoint: CheckpointOut | None


class ProblemOut(BaseModel):
    """Where verification failed, and why."""

    where: str
    reason: str


class VerifyOut(BaseModel):
    """What `ceasefire ledger verify` found; ``ok`` when there is no problem."""

    ok: bool
    entries: int
    rows_checked: int
    checkpoints_checked: int
    pending: int
    not_covered: dict[str, int] = Field(description="entries whose rows are not re-hashed yet")
    problems: list[ProblemOut]


def status_of(owner: ServiceDep, actor: Actor) -> LedgerStatusOut:
    """The ledger's status (shared with the public route)."""
    return LedgerStatusOut.model_validate(ledger_status(owner.store, actor=actor).as_json())


@router.get("", response_model=LedgerStatusOut)
def status(actor: ActorDep, owner: ServiceDep) -> LedgerStatusOut:
    """The ledger's size and head hash, what is pending, the last checkpoint."""
    return status_of(owner, actor)


@router.get("/verify", response_model=VerifyOut)
def verify(actor: ActorDep, owner: ServiceDep) -> VerifyOut:
    """Re-hash the chain and every domain row it commits to; check stored checkpoints."""
    return VerifyOut.model_validate(verify_ledger(owner.store, actor=actor).as_json())


@router.get("/checkpoints", response_model=list[CheckpointOut])
def checkpoint_list(actor: ActorDep, owner: ServiceDep) -> list[CheckpointOut]:
    """Every checkpoint stored in the ledger, oldest first."""
    return [CheckpointOut.model_validate(cp.as_json()) for _, cp in checkpoints(owner.store, actor)]
