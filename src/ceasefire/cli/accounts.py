"""``ceasefire users add|list|disable`` and ``ceasefire tokens issue|revoke``.

There is no default account: the holder of the database file (the local operator) creates the
first administrator, e.g. ``ceasefire users add ana --role admin --password``. Passwords are
asked for at a prompt, never taken from the command line. A token is printed once; keep it in
``CEASEFIRE_TOKEN`` and act as its user with ``ceasefire --as USER …``.
"""

from __future__ import annotations

import json
from datetime import timedelta

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.access import scope_names
from ceasefire.core.actor import Role
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.workflows.accounts import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    add_user,
    disable_user,
    issue_token,
    list_users,
    revoke_token,
    token_ref,
    user_ref,
)

users_app = typer.Typer(help="Accounts: add, list and disable users.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens: issue and revoke.", no_args_is_help=True)

ROLES = [r.value for r in Role if r is not Role.LOCAL_OPERATOR]


@users_app.command("add")
def add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="the user name", show_default=False),
    role: str = typer.Option(..., "--role", help=", ".join(ROLES), show_default=False),
    party: str | None = typer.Option(
        None, "--party", help="the party a liaison acts for (e.g. RU, UA)", show_default=False
    ),
    password: bool = typer.Option(
        False, "--password", help=f"ask for a password (at least {MIN_PASSWORD_LENGTH} characters)"
    ),
) -> None:
    """Create an account (the first administrator is created by the local operator)."""
    cli = context(ctx)
    with errors_reported(ctx):
        if role not in ROLES:
            raise AccountError(f"--role {role!r}: expected one of {', '.join(ROLES)}")
        secret = None
        if password:
            secret = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        user = add_user(cli.store(), cli.actor, username, Role(role), party=party, password=secret)
    typer.echo(f"{user.username}: {user.role}{f' for {user.party}' if user.party else ''}")


@users_app.command("list")
def list_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="JSON lines"),
) -> None:
    """Every account with its role, party and state."""
    cli = context(ctx)
    with errors_reported(ctx):
        rows = list_users(cli.store(), cli.actor)
    for user in rows:
        record = {
            "id": user_ref(user.id),
            "username": user.username,
            "role": user.role,
            "party": user.party,
            "disabled": user.disabled,
            "password": user.has_password,
            "created_at": utc_text(user.created_at),
        }
        if as_json:
            typer.echo(json.dumps(record, sort_keys=True))
        else:
            state = "disabled" if user.disabled else "active"
            typer.echo(f"{user.username}  {user.role}  {user.party or '-'}  {state}")


@users_app.command("disable")
def disable(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="the user name", show_default=False),
) -> None:
    """Disable an account: its password and tokens stop working at once."""
    cli = context(ctx)
    with errors_reported(ctx):
        user = disable_user(cli.store(), cli.actor, username)
    typer.echo(f"{user.username}: disabled")


@tokens_app.command("issue")
def issue(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="whose token", show_default=False),
    scope: list[str] = typer.Option(
        [],
        "--scope",
        help="limit the token to a permission (repeatable; default: all the role grants), "
        f"one of: {', '.join(scope_names())}",
    ),
    days: int = typer.Option(30, "--days", min=1, max=366, help="days until it expires"),
    label: str = typer.Option("", "--label", help="what the token is for"),
) -> None:
    """Issue an API token; it is printed once and stored only as its SHA-256."""
    cli = context(ctx)
    with errors_reported(ctx):
        issued = issue_token(
            cli.store(),
            cli.actor,
            username,
            scopes=tuple(scope) or None,
            lifetime=timedelta(days=days),
            label=label,
        )
    typer.echo(issued.token)
    typer.echo(
        f"{token_ref(issued.id)} for {issued.username}, scopes {' '.join(issued.scopes)}, "
        f"expires {utc_text(issued.expires_at)}; it is not shown again",
        err=True,
    )


@tokens_app.command("revoke")
def revoke(
    ctx: typer.Context,
    token: str = typer.Argument(..., help="the token's ID, e.g. TOK-000003", show_default=False),
) -> None:
    """Revoke a token; it stops working at once."""
    cli = context(ctx)
    with errors_reported(ctx):
        number = token.upper().removeprefix("TOK-")
        if not number.isdigit():
            raise AccountError(f"token {token!r}: expected its ID, e.g. TOK-000003")
        revoked = revoke_token(cli.store(), cli.actor, int(number))
    typer.echo(f"{token_ref(revoked.id)}: revoked")
