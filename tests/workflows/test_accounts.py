"""Accounts: users, argon2 passwords, SHA-256-stored tokens, and what each records."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import NotFound, PermissionDenied
from ceasefire.store.accounts import api_tokens, users
from ceasefire.store.database import Store
from ceasefire.store.schema import outbox
from ceasefire.workflows import accounts
from ceasefire.workflows.accounts import (
    CHEAP_PASSWORD_HASH,
    AccountError,
    add_user,
    authenticate_password,
    authenticate_token,
    disable_user,
    issue_token,
    list_users,
    revoke_token,
    token_sha256,
)

REAL_HASH = accounts.PASSWORD_HASH
PASSWORD = "correct horse battery staple"
NOW = datetime(2025, 4, 20, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "PASSWORD_HASH", CHEAP_PASSWORD_HASH)


def _olga(store: Store, actor: Actor) -> None:
    add_user(store, actor, "olga", Role.PARTY_LIAISON, party="RU", password=PASSWORD)


def test_password_is_stored_only_as_argon2_and_verifies(store: Store, actor: Actor) -> None:
    _olga(store, actor)
    with store.reader.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    signed_in = authenticate_password(store, "olga", PASSWORD)
    assert (signed_in.user, signed_in.role, signed_in.party) == ("olga", Role.PARTY_LIAISON, "RU")


def test_wrong_password_unknown_user_and_disabled_user_are_refused_alike(
    store: Store, actor: Actor
) -> None:
    _olga(store, actor)
    for username, password in (("olga", "wrong password!"), ("nobody", PASSWORD)):
        with pytest.raises(PermissionDenied, match="unknown user name or wrong password"):
            authenticate_password(store, username, password)
    disable_user(store, actor, "olga")
    with pytest.raises(PermissionDenied):
        authenticate_password(store, "olga", PASSWORD)


def test_default_hasher_is_real_argon2() -> None:
    hashed = REAL_HASH.hash("x" * 12)
    assert hashed.startswith("$argon2id$") and "m=65536" in hashed


def test_account_rules(store: Store, actor: Actor) -> None:
    with pytest.raises(AccountError, match="needs --party"):
        add_user(store, actor, "ivan", Role.PARTY_LIAISON)
    with pytest.raises(AccountError, match="at least 12"):
        add_user(store, actor, "ivan", Role.ANALYST, password="short")
    with pytest.raises(AccountError, match="user name"):
        add_user(store, actor, "bad name", Role.ANALYST)
    with pytest.raises(AccountError, match="not an account"):
        add_user(store, actor, "ivan", Role.LOCAL_OPERATOR)
    add_user(store, actor, "ivan", Role.ANALYST)
    with pytest.raises(AccountError, match="exists already"):
        add_user(store, actor, "ivan", Role.MONITOR)
    assert [u.username for u in list_users(store, actor)] == ["ivan"]


def test_only_administrators_manage_users(store: Store, actor: Actor) -> None:
    add_user(store, actor, "root", Role.ADMIN)
    admin = Actor(user="root", role=Role.ADMIN)
    add_user(store, admin, "ana", Role.ANALYST)
    analyst = Actor(user="ana", role=Role.ANALYST)
    with pytest.raises(PermissionDenied, match="analyst may not manage users"):
        add_user(store, analyst, "eve", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        list_users(store, analyst)


def test_token_is_returned_once_stored_by_sha256_and_authenticates(
    store: Store, actor: Actor
) -> None:
    _olga(store, actor)
    issued = issue_token(store, actor, "olga", now=NOW, label="laptop")
    assert len(issued.token) >= 43
    with store.reader.connect() as connection:
        row = connection.execute(select(api_tokens)).one()
    assert row.token_sha256 == token_sha256(issued.token)
    assert issued.token not in json.dumps([str(v) for v in row])
    found = authenticate_token(store, issued.token, now=NOW + timedelta(days=1))
    assert (found.user, found.role, found.party, found.scopes) == (
        "olga",
        Role.PARTY_LIAISON,
        "RU",
        None,
    )


def test_expired_revoked_unknown_and_disabled_tokens_are_refused(
    store: Store, actor: Actor
) -> None:
    _olga(store, actor)
    issued = issue_token(store, actor, "olga", lifetime=timedelta(days=1), now=NOW)
    with pytest.raises(PermissionDenied, match="expired"):
        authenticate_token(store, issued.token, now=NOW + timedelta(days=1))
    with pytest.raises(PermissionDenied, match="unknown API token"):
        authenticate_token(store, issued.token + "x", now=NOW)
    second = issue_token(store, actor, "olga")
    revoke_token(store, actor, second.id)
    with pytest.raises(PermissionDenied, match="revoked"):
        authenticate_token(store, second.token)
    third = issue_token(store, actor, "olga")
    disable_user(store, actor, "olga")
    with pytest.raises(PermissionDenied, match="disabled"):
        authenticate_token(store, third.token)


def test_scoped_token_limits_the_actor(store: Store, actor: Actor) -> None:
    add_user(store, actor, "ana", Role.ANALYST)
    issued = issue_token(store, actor, "ana", scopes=("read_findings",))
    assert authenticate_token(store, issued.token).scopes == ("read_findings",)
    with pytest.raises(AccountError, match="may not publish reports"):
        issue_token(store, actor, "ana", scopes=("publish_report",))
    with pytest.raises(AccountError, match="scope 'nonsense'"):
        issue_token(store, actor, "ana", scopes=("nonsense",))


def test_users_issue_their_own_tokens_but_not_others(store: Store, actor: Actor) -> None:
    add_user(store, actor, "ana", Role.ANALYST)
    add_user(store, actor, "bob", Role.ANALYST)
    ana = Actor(user="ana", role=Role.ANALYST)
    mine = issue_token(store, ana, "ana")
    with pytest.raises(PermissionDenied):
        issue_token(store, ana, "bob")
    theirs = issue_token(store, actor, "bob")
    with pytest.raises(PermissionDenied):
        revoke_token(store, ana, theirs.id)
    assert revoke_token(store, ana, mine.id).revoked_at is not None
    with pytest.raises(NotFound):
        revoke_token(store, actor, 999)


def test_events_are_recorded_without_secrets(store: Store, actor: Actor) -> None:
    _olga(store, actor)
    issued = issue_token(store, actor, "olga")
    revoke_token(store, actor, issued.id)
    disable_user(store, actor, "olga")
    with store.reader.connect() as connection:
        events = connection.execute(select(outbox.c.action, outbox.c.canonical)).all()
        stored_hash = connection.execute(select(users.c.password_hash)).scalar_one()
    actions = [e.action for e in events]
    assert actions == ["user.created", "token.issued", "token.revoked", "user.disabled"]
    text = b" ".join(e.canonical for e in events).decode()
    assert issued.token not in text
    assert token_sha256(issued.token) not in text
    assert stored_hash not in text and PASSWORD not in text
    assert "olga" not in json.loads(events[0].canonical)["content"].values()
    assert "USR-000001" in text
