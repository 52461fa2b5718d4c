"""Accounts: users, passwords, API tokens, and turning credentials into an :class:`Actor`.

There is no default account and no default password: the holder of the database file (the
local operator, an administrator) creates the first administrator from the command line
(``ceasefire users add``). Passwords are hashed with argon2 (pwdlib); API tokens are 32 random
bytes, shown once, stored and looked up by their SHA-256, scoped and expiring. Every change is
recorded in the outbox under the account's pseudonymous reference (``USR-000001``, ``TOK-…``),
never with the token, the password or its hash.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import insert, update

from ceasefire.core.access import Permission, allows, authorize, scope_names
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import CeasefireError, NotFound, PermissionDenied
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.store.accounts import (
    TokenRow,
    UserRow,
    all_users,
    api_tokens,
    password_hash_of,
    token_by_id,
    token_with_owner,
    user_by_id,
    user_by_name,
    users,
)
from ceasefire.store.database import Store

PASSWORD_HASH = PasswordHash((Argon2Hasher(),))
"""argon2id with pwdlib's recommended parameters (about 165 ms a check here)."""
CHEAP_PASSWORD_HASH = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
"""argon2id with the cheapest parameters: for tests only (a hash verifies whatever its cost)."""
DEFAULT_TOKEN_LIFETIME = timedelta(days=30)
MIN_PASSWORD_LENGTH = 12
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,199}")
_PARTY = re.compile(r"[A-Z][A-Z0-9_-]{0,19}")


@cache
def _dummy_hash() -> str:
    """Verified against when the user is unknown: a wrong name costs as long as a wrong
    password, so names cannot be probed by timing."""
    return PASSWORD_HASH.hash(secrets.token_urlsafe(16))


class AccountError(CeasefireError):
    """An account request that cannot be met as asked (bad name, role, party or scope)."""


def user_ref(user_id: int) -> str:
    """The pseudonymous reference of a user in the record.

    >>> user_ref(3)
    'USR-000003'
    """
    return f"USR-{user_id:06d}"


def token_ref(token_id: int) -> str:
    """The reference of an API token in the record (never the token)."""
    return f"TOK-{token_id:06d}"


def token_sha256(token: str) -> str:
    """The digest a token is stored and looked up by.

    >>> token_sha256("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_new_user(username: str, role: Role, party: str | None, password: str | None) -> None:
    if not _USERNAME.fullmatch(username):
        raise AccountError(
            f"user name {username!r}: expected 1-200 letters, digits or . _ @ - "
            "(starting with a letter or digit)"
        )
    if role is Role.LOCAL_OPERATOR:
        raise AccountError("local_operator is the holder of the database file, not an account")
    if role is Role.PARTY_LIAISON and not party:
        raise AccountError(f"user {username}: a party liaison needs --party (e.g. RU, UA)")
    if party is not None and not _PARTY.fullmatch(party):
        raise AccountError(f"party {party!r}: expected a code such as RU or UA")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")


def add_user(
    store: Store,
    actor: Actor,
    username: str,
    role: Role,
    *,
    party: str | None = None,
    password: str | None = None,
    hasher: PasswordHash | None = None,
) -> UserRow:
    """Create an account; ``password`` is hashed with argon2 (``None``: tokens only).

    ``hasher`` replaces the argon2 parameters (tests pass :data:`CHEAP_PASSWORD_HASH`).
    """
    authorize(actor, Permission.MANAGE_USERS)
    _check_new_user(username, role, party, password)
    hashed = None if password is None else (hasher or PASSWORD_HASH).hash(password)
    with store.unit_of_work(actor) as uow:
        if user_by_name(uow.connection, username) is not None:
            raise AccountError(f"user {username} exists already")
        new_id = uow.connection.execute(
            insert(users)
            .values(
                username=username,
                role=role.value,
                party=party,
                password_hash=hashed,
                disabled=False,
                created_at=uow.now,
            )
            .returning(users.c.id)
        ).scalar_one()
        content: dict[str, object] = {"role": role.value, "password": hashed is not None}
        if party:
            content["party"] = party
        uow.record("user.created", "user", user_ref(new_id), content)
        created = user_by_id(uow.connection, new_id)
    assert created is not None
    return created


def list_users(store: Store, actor: Actor) -> list[UserRow]:
    """Every account, by user name."""
    authorize(actor, Permission.MANAGE_USERS)
    with store.reader.connect() as connection:
        return all_users(connection)


def disable_user(store: Store, actor: Actor, username: str) -> UserRow:
    """Disable an account: its password and tokens stop working; its past stays attributed."""
    authorize(actor, Permission.MANAGE_USERS)
    with store.unit_of_work(actor) as uow:
        found = user_by_name(uow.connection, username)
        if found is None:
            raise NotFound(f"user {username!r} not found (see `ceasefire users list`)")
        uow.connection.execute(update(users).where(users.c.id == found.id).values(disabled=True))
        uow.record("user.disabled", "user", user_ref(found.id), {"disabled": True})
        changed = user_by_id(uow.connection, found.id)
    assert changed is not None
    return changed


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: ``token`` is shown this once and never stored."""

    id: int
    username: str
    token: str
    scopes: tuple[str, ...]
    expires_at: datetime
    label: str


def _scopes(owner: UserRow, scopes: tuple[str, ...] | None) -> tuple[str, ...]:
    if not scopes:
        return ("*",)
    known = set(scope_names())
    for scope in scopes:
        if scope not in known:
            raise AccountError(
                f"scope {scope!r}: expected one of {', '.join(sorted(known))}, or none for all"
            )
        if not allows(Role(owner.role), Permission[scope.upper()]):
            raise AccountError(f"scope {scope}: a {owner.role} may not {Permission[scope.upper()]}")
    return tuple(sorted(set(scopes)))


def issue_token(
    store: Store,
    actor: Actor,
    username: str,
    *,
    scopes: tuple[str, ...] | None = None,
    lifetime: timedelta = DEFAULT_TOKEN_LIFETIME,
    label: str = "",
    now: datetime | None = None,
) -> IssuedToken:
    """Issue an API token for ``username`` (an administrator, or the user for themselves).

    ``scopes`` narrows it to some permissions of the user's role (permission names, see
    ``scope_names``); none means all the role grants.
    """
    if actor.user != username or actor.role is Role.LOCAL_OPERATOR:
        authorize(actor, Permission.ISSUE_TOKENS)
    if lifetime <= timedelta(0) or lifetime > timedelta(days=366):
        raise AccountError("a token lives more than 0 and at most 366 days")
    token = secrets.token_urlsafe(32)
    with store.unit_of_work(actor, now=now) as uow:
        owner = user_by_name(uow.connection, username)
        if owner is None:
            raise NotFound(f"user {username!r} not found (see `ceasefire users list`)")
        if owner.disabled:
            raise AccountError(f"user {username} is disabled")
        granted = _scopes(owner, scopes)
        expires_at = uow.now + lifetime
        new_id = uow.connection.execute(
            insert(api_tokens)
            .values(
                user_id=owner.id,
                token_sha256=token_sha256(token),
                scopes=" ".join(granted),
                expires_at=expires_at,
                revoked_at=None,
                created_at=uow.now,
                label=label[:200],
            )
            .returning(api_tokens.c.id)
        ).scalar_one()
        uow.record(
            "token.issued",
            "api_token",
            token_ref(new_id),
            {
                "user": user_ref(owner.id),
                "scopes": list(granted),
                "expires_at": utc_text(expires_at),
            },
        )
    return IssuedToken(new_id, username, token, granted, expires_at, label[:200])


def revoke_token(store: Store, actor: Actor, token_id: int) -> TokenRow:
    """Revoke a token (an administrator, or its owner); it stops working at once."""
    with store.unit_of_work(actor) as uow:
        found = token_by_id(uow.connection, token_id)
        if found is None:
            raise NotFound(f"token {token_ref(token_id)} not found")
        owner = user_by_id(uow.connection, found.user_id)
        if owner is None or owner.username != actor.user or actor.role is Role.LOCAL_OPERATOR:
            authorize(actor, Permission.ISSUE_TOKENS)
        if found.revoked_at is None:
            uow.connection.execute(
                update(api_tokens).where(api_tokens.c.id == token_id).values(revoked_at=uow.now)
            )
            uow.record("token.revoked", "api_token", token_ref(token_id), {"revoked": True})
        revoked = token_by_id(uow.connection, token_id)
    assert revoked is not None
    return revoked


def _actor(owner: UserRow, *, via: str, scopes: tuple[str, ...] | None = None) -> Actor:
    return Actor(
        user=owner.username, role=Role(owner.role), party=owner.party, via=via, scopes=scopes
    )


def authenticate_token(
    store: Store, token: str, *, now: datetime | None = None, via: str = "api"
) -> Actor:
    """The actor an API token stands for; :class:`PermissionDenied` for an unknown, revoked
    or expired token or a disabled user."""
    moment = now or datetime.now(UTC)
    with store.reader.connect() as connection:
        both = token_with_owner(connection, token_sha256(token.strip()))
    if both is None:
        raise PermissionDenied("unknown API token")
    found, owner = both
    ref = token_ref(found.id)
    if found.revoked_at is not None:
        raise PermissionDenied(f"API token {ref} was revoked on {utc_text(found.revoked_at)}")
    if found.expires_at <= moment:
        raise PermissionDenied(f"API token {ref} expired on {utc_text(found.expires_at)}")
    if owner.disabled:
        raise PermissionDenied(f"API token {ref}: its user is disabled")
    scopes = tuple(found.scopes.split())
    return _actor(owner, via=via, scopes=None if scopes == ("*",) else scopes)


def authenticate_password(store: Store, username: str, password: str) -> Actor:
    """The actor of ``username`` if ``password`` is theirs; :class:`PermissionDenied` (one
    message for an unknown user, a wrong password or a disabled account)."""
    refused = PermissionDenied("unknown user name or wrong password")
    with store.reader.connect() as connection:
        owner = user_by_name(connection, username)
        stored = password_hash_of(connection, username)
    if owner is None or stored is None:
        PASSWORD_HASH.verify(password, _dummy_hash())
        raise refused
    if not PASSWORD_HASH.verify(password, stored) or owner.disabled:
        raise refused
    return _actor(owner, via="api")
