"""Accounts: users with a role (and a party for liaisons), and their API tokens.

Passwords are kept only as argon2 hashes (``password_hash`` is empty for a user who signs in
with tokens alone); tokens only as the SHA-256 of the token, looked up by that digest. A user
is never deleted: ``disabled`` keeps their past actions attributable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    select,
)

from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

users = Table(
    "users",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("username", String(200), nullable=False, unique=True),
    Column("role", String(30), nullable=False),
    Column("party", String(20), nullable=True),
    Column("password_hash", Text, nullable=True),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", UTCTime, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("user_id", BigId, ForeignKey("users.id"), nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("scopes", Text, nullable=False),
    Column("expires_at", UTCTime, nullable=False),
    Column("revoked_at", UTCTime, nullable=True),
    Column("created_at", UTCTime, nullable=False),
    Column("label", String(200), nullable=False),
)
Index("ix_api_tokens_user_id", api_tokens.c.user_id)


@dataclass(frozen=True)
class UserRow:
    """One account as stored (the password hash stays in the store)."""

    id: int
    username: str
    role: str
    party: str | None
    disabled: bool
    created_at: datetime
    has_password: bool


@dataclass(frozen=True)
class TokenRow:
    """One API token as stored: its digest, never the token."""

    id: int
    user_id: int
    token_sha256: str
    scopes: str
    expires_at: datetime
    revoked_at: datetime | None
    created_at: datetime
    label: str


def _user(row: object) -> UserRow:
    return _user_from(row._mapping)  # type: ignore[attr-defined]


def _user_from(m: Mapping[Any, Any], prefix: str = "") -> UserRow:
    return UserRow(
        id=m[f"{prefix}id"],
        username=m[f"{prefix}username"],
        role=m[f"{prefix}role"],
        party=m[f"{prefix}party"],
        disabled=bool(m[f"{prefix}disabled"]),
        created_at=m[f"{prefix}created_at"],
        has_password=m[f"{prefix}password_hash"] is not None,
    )


def user_by_name(connection: Connection, username: str) -> UserRow | None:
    """The account called ``username``, if any."""
    row = connection.execute(select(users).where(users.c.username == username)).one_or_none()
    return None if row is None else _user(row)


def user_by_id(connection: Connection, user_id: int) -> UserRow | None:
    """The account with ``user_id``, if any."""
    row = connection.execute(select(users).where(users.c.id == user_id)).one_or_none()
    return None if row is None else _user(row)


def password_hash_of(connection: Connection, username: str) -> str | None:
    """The stored argon2 hash of ``username``'s password (``None``: no such user or password)."""
    found = connection.execute(
        select(users.c.password_hash).where(users.c.username == username)
    ).scalar_one_or_none()
    return None if found is None else str(found)


def all_users(connection: Connection) -> list[UserRow]:
    """Every account, by user name."""
    return [_user(row) for row in connection.execute(select(users).order_by(users.c.username))]


def token_by_digest(connection: Connection, digest: str) -> TokenRow | None:
    """The token whose SHA-256 is ``digest``, if any."""
    row = connection.execute(
        select(api_tokens).where(api_tokens.c.token_sha256 == digest)
    ).one_or_none()
    return None if row is None else TokenRow(**row._mapping)


def token_with_owner(connection: Connection, digest: str) -> tuple[TokenRow, UserRow] | None:
    """The token whose SHA-256 is ``digest`` and its user, in one query (every API request)."""
    token_columns = [c.label(f"t_{c.name}") for c in api_tokens.c]
    user_columns = [c.label(f"u_{c.name}") for c in users.c]
    row = connection.execute(
        select(*token_columns, *user_columns)
        .join_from(api_tokens, users, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_sha256 == digest)
    ).one_or_none()
    if row is None:
        return None
    m = row._mapping
    token = TokenRow(**{c.name: m[f"t_{c.name}"] for c in api_tokens.c})
    return token, _user_from(m, "u_")


def token_by_id(connection: Connection, token_id: int) -> TokenRow | None:
    """The token with ``token_id``, if any."""
    row = connection.execute(select(api_tokens).where(api_tokens.c.id == token_id)).one_or_none()
    return None if row is None else TokenRow(**row._mapping)
