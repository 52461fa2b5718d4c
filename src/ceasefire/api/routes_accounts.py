"""``/api/users`` and ``/api/tokens``: accounts and API tokens (administrators; a user may
issue and revoke their own tokens)."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import RowId
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.actor import Role
from ceasefire.store.accounts import TokenRow, UserRow
from ceasefire.workflows.accounts import (
    DEFAULT_TOKEN_LIFETIME,
    add_user,
    disable_user,
    issue_token,
    list_users,
    revoke_token,
)

router = APIRouter(
    prefix="/api",
    tags=["accounts"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)


class UserOut(BaseModel):
    """An account (never its password or hash)."""

    id: int
    username: str
    role: Role
    party: str | None
    disabled: bool
    created_at: datetime
    has_password: bool

    @classmethod
    def of(cls, row: UserRow) -> UserOut:
        """The response for a stored account."""
        return cls.model_validate(row, from_attributes=True)


class UserIn(BaseModel):
    """A new account: a party liaison needs a party; no password means tokens only."""

    username: str = Field(min_length=1, max_length=200)
    role: Role
    party: str | None = Field(default=None, max_length=20)
    password: str | None = Field(default=None, max_length=1000)


class TokenIn(BaseModel):
    """A token request: whose, which permissions (none: all the role grants), how long."""

    username: str | None = Field(default=None, max_length=200, description="default: yourself")
    scopes: list[str] = Field(default_factory=list)
    lifetime_days: int = Field(default=DEFAULT_TOKEN_LIFETIME.days, ge=1, le=366)
    label: str = Field(default="", max_length=200)


class IssuedTokenOut(BaseModel):
    """A new token: ``token`` is shown this once and never stored."""

    id: int
    username: str
    token: str
    scopes: list[str]
    expires_at: datetime
    label: str


class TokenOut(BaseModel):
    """A stored token (its SHA-256, never the token)."""

    id: int
    user_id: int
    scopes: str
    expires_at: datetime
    revoked_at: datetime | None
    created_at: datetime
    label: str

    @classmethod
    def of(cls, row: TokenRow) -> TokenOut:
        """The response for a stored token."""
        return cls.model_validate(row, from_attributes=True)


@router.get("/users", response_model=list[UserOut])
def users(actor: ActorDep, owner: ServiceDep) -> list[UserOut]:
    """Every account, by user name."""
    return [UserOut.of(row) for row in list_users(owner.store, actor)]


@router.post("/users", response_model=UserOut, status_code=201)
def create_user(body: UserIn, actor: ActorDep, owner: ServiceDep, write: WritesDep) -> UserOut:
    """Create an account (the password is stored only as an argon2 hash)."""
    row = write(
        add_user,
        owner.store,
        actor,
        body.username,
        body.role,
        party=body.party,
        password=body.password,
    )
    return UserOut.of(row)


@router.post("/users/{username}/disable", response_model=UserOut)
def disable(username: str, actor: ActorDep, owner: ServiceDep, write: WritesDep) -> UserOut:
    """Disable an account: its password and tokens stop working; its past stays attributed."""
    return UserOut.of(write(disable_user, owner.store, actor, username))


@router.post("/tokens", response_model=IssuedTokenOut, status_code=201)
def create_token(
    body: TokenIn, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> IssuedTokenOut:
    """Issue an API token (for yourself, or for anyone as an administrator)."""
    issued = write(
        issue_token,
        owner.store,
        actor,
        body.username or actor.user,
        scopes=tuple(body.scopes) or None,
        lifetime=timedelta(days=body.lifetime_days),
        label=body.label,
    )
    return IssuedTokenOut(
        id=issued.id,
        username=issued.username,
        token=issued.token,
        scopes=list(issued.scopes),
        expires_at=issued.expires_at,
        label=issued.label,
    )


@router.delete("/tokens/{token_id}", response_model=TokenOut)
def revoke(token_id: RowId, actor: ActorDep, owner: ServiceDep, write: WritesDep) -> TokenOut:
    """Revoke a token (yours, or anyone's as an administrator); it stops working at once."""
    return TokenOut.of(write(revoke_token, owner.store, actor, token_id))
