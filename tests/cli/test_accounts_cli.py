"""``users`` and ``tokens`` commands, and acting as an account with ``--as USER --token``."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire.cli import accounts as account_commands
from ceasefire.cli.adjudicate import app as adjudicate_app
from ceasefire.cli.context import Context, context, errors_reported
from ceasefire.cli.observations import app as observations_app
from ceasefire.core.actor import Role
from ceasefire.settings import Settings
from ceasefire.workflows import accounts
from ceasefire.workflows.accounts import CHEAP_PASSWORD_HASH
from ceasefire.workflows.stats import store_stats

app = typer.Typer()
app.add_typer(account_commands.users_app, name="users")
app.add_typer(account_commands.tokens_app, name="tokens")
app.add_typer(observations_app, name="observations")
app.add_typer(adjudicate_app, name="adjudicate")


@app.command("stats")
def stats(ctx: typer.Context) -> None:
    """Stand-in for main's stats command, passing the actor as the lead will."""
    with errors_reported(ctx):
        typer.echo(store_stats(context(ctx).store(), actor=context(ctx).actor))


@app.callback()
def main(
    ctx: typer.Context,
    database: str = typer.Option(..., "--database"),
    act_as: str | None = typer.Option(None, "--as"),
    token: str | None = typer.Option(None, "--token"),
) -> None:
    settings = Settings.from_env(env={}, database=database, act_as=act_as, token=token)
    ctx.obj = Context(settings=settings)
    ctx.call_on_close(ctx.obj.close)


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "PASSWORD_HASH", CHEAP_PASSWORD_HASH)


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]


def _token(runner: CliRunner, db: list[str], user: str) -> str:
    result = runner.invoke(app, [*db, "tokens", "issue", user])
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[0]


def test_first_admin_is_created_by_the_local_operator_with_a_prompted_password(
    db: list[str],
) -> None:
    runner = CliRunner()
    password = "a long enough password\n"
    added = runner.invoke(
        app, [*db, "users", "add", "root", "--role", "admin", "--password"], input=password * 2
    )
    assert added.exit_code == 0, added.output
    assert "root: admin" in added.stdout
    listed = runner.invoke(app, [*db, "users", "list", "--json"])
    assert '"role": "admin"' in listed.stdout and '"password": true' in listed.stdout


def test_acting_as_a_mediator_with_a_token_is_held_to_the_mediators_role(db: list[str]) -> None:
    runner = CliRunner()
    assert runner.invoke(app, [*db, "users", "add", "med", "--role", "mediator"]).exit_code == 0
    token = _token(runner, db, "med")
    as_med = [*db, "--as", "med", "--token", token]
    assert runner.invoke(app, [*as_med, "stats"]).exit_code == 0
    refused = runner.invoke(app, [*as_med, "users", "list"])
    assert refused.exit_code == 1
    assert "mediator may not manage users" in refused.output
    listed = runner.invoke(app, [*as_med, "observations", "list"])
    assert listed.exit_code == 1 and "mediator may not read" in listed.output


def test_token_of_another_user_missing_token_and_revoked_token_are_refused(
    db: list[str],
) -> None:
    runner = CliRunner()
    for name in ("ana", "bob"):
        assert runner.invoke(app, [*db, "users", "add", name, "--role", "analyst"]).exit_code == 0
    token = _token(runner, db, "ana")
    other = runner.invoke(app, [*db, "--as", "bob", "--token", token, "stats"])
    assert other.exit_code == 1 and "belongs to another user" in other.output
    missing = runner.invoke(app, [*db, "--as", "ana", "stats"])
    assert missing.exit_code == 1 and "CEASEFIRE_TOKEN" in missing.output
    assert runner.invoke(app, [*db, "tokens", "revoke", "TOK-000001"]).exit_code == 0
    revoked = runner.invoke(app, [*db, "--as", "ana", "--token", token, "stats"])
    assert revoked.exit_code == 1 and "revoked" in revoked.output


def test_account_cannot_claim_another_role_in_adjudicate(db: list[str]) -> None:
    runner = CliRunner()
    add = [*db, "users", "add", "olga", "--role", "party_liaison", "--party", "RU"]
    assert runner.invoke(app, add).exit_code == 0
    token = _token(runner, db, "olga")
    settings = Settings.from_env(env={}, database=db[1], act_as="olga", token=token)
    cli = Context(settings=settings)
    try:
        acting = cli.acting_as(Role.CHIEF_MONITOR, None, "someone")
    finally:
        cli.close()
    assert (acting.user, acting.role, acting.party) == ("olga", Role.PARTY_LIAISON, "RU")
    local = Context(settings=Settings.from_env(env={}, database=db[1]))
    assert local.acting_as(Role.CHIEF_MONITOR, None, None).role is Role.CHIEF_MONITOR
