"""``ceasefire adjudicate reply|dispute|sign-off|refer|decide|withdraw|history|due``.

Until accounts exist ([4/6]) the command line says who acts: ``--as ROLE`` (default
``chief_monitor``: the operator of a local install runs the mission), ``--party CODE`` (required
for a party liaison) and ``--user NAME`` (default the configured user). All three are recorded
with each step; the rules of who may do what are checked in the core either way.
"""

from __future__ import annotations

import json
from datetime import timedelta

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.actor import Role
from ceasefire.core.compliance.adjudication import (
    Action,
    Dissent,
    Outcome,
    ReplyKind,
    Request,
)
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.workflows.adjudicate import adjudicate, due, history

app = typer.Typer(
    help="Adjudicate findings: replies, sign-off, disputes, joint-commission review.",
    no_args_is_help=True,
)

FINDING = typer.Argument(..., help="finding ID, e.g. FND-000042", show_default=False)
ROLE = typer.Option(Role.CHIEF_MONITOR, "--as", help="the role you act in")
PARTY = typer.Option(None, "--party", help="the party you act for (party liaison: required)")
USER = typer.Option(None, "--user", help="who you are (default: the configured user)")


def _act(
    ctx: typer.Context,
    finding: str,
    request: Request,
    role: Role,
    party: str | None,
    user: str | None,
) -> None:
    cli = context(ctx)
    with errors_reported(ctx):
        actor = cli.acting_as(role, party, user)
        event = adjudicate(cli.store(), actor, finding, request)
    was = event.from_state.value if event.from_state else "-"
    typer.echo(f"{event.finding_id}: {was} → {event.to_state.value} ({event.action.value})")


@app.command("reply")
def reply(
    ctx: typer.Context,
    finding: str = FINDING,
    accept: bool | None = typer.Option(
        None, "--accept/--contest", help="whether the reply accepts or contests the finding"
    ),
    text: str = typer.Option("", "--text", help="the reply (required to contest)"),
    role: Role = typer.Option(Role.PARTY_LIAISON, "--as", help="the role you act in"),
    party: str | None = PARTY,
    user: str | None = USER,
) -> None:
    """Reply for the party held responsible, within the reply window."""
    if accept is None:
        typer.echo("Error: say --accept or --contest", err=True)
        raise typer.Exit(1)
    kind = ReplyKind.ACCEPT if accept else ReplyKind.CONTEST
    _act(ctx, finding, Request(Action.REPLY, text, reply=kind), role, party, user)


@app.command("dispute")
def dispute(
    ctx: typer.Context,
    finding: str = FINDING,
    text: str = typer.Option(..., "--text", help="the party's grounds", show_default=False),
    role: Role = typer.Option(Role.PARTY_LIAISON, "--as", help="the role you act in"),
    party: str | None = PARTY,
    user: str | None = USER,
) -> None:
    """Dispute a finding for the party held responsible, within the reply window."""
    _act(ctx, finding, Request(Action.DISPUTE, text), role, party, user)


@app.command("sign-off")
def sign_off(
    ctx: typer.Context,
    finding: str = FINDING,
    text: str = typer.Option("", "--text", help="a note kept with the sign-off"),
    role: Role = ROLE,
    party: str | None = PARTY,
    user: str | None = USER,
) -> None:
    """Sign a finding off (after the reply window closes or the party accepts)."""
    _act(ctx, finding, Request(Action.SIGN_OFF, text), role, party, user)


@app.command("refer")
def refer(
    ctx: typer.Context,
    finding: str = FINDING,
    text: str = typer.Option("", "--text", help="a note for the joint commission"),
    role: Role = ROLE,
    party: str | None = PARTY,
    user: str | None = USER,
) -> None:
    """Refer a disputed finding to the agreement's joint commission."""
    _act(ctx, finding, Request(Action.REFER, text), role, party, user)


@app.command("decide")
def decide(
    ctx: typer.Context,
    finding: str = FINDING,
    upheld: bool | None = typer.Option(
        None, "--upheld/--overturned", help="the joint commission's decision"
    ),
    reason: str = typer.Option(..., "--reason", help="the decision's reasons", show_default=False),
    dissent: list[str] = typer.Option(
        [], "--dissent", help='a member\'s dissent, "member: text" (repeatable)'
    ),
    role: Role = typer.Option(Role.JOINT_COMMISSION, "--as", help="the role you act in"),
    party: str | None = PARTY,
    user: str | None = USER,
) -> None:
    """Record the joint commission's decision on a finding under review."""
    if upheld is None:
        typer.echo("Error: say --upheld or --overturned", err=True)
        raise typer.Exit(1)
    with errors_reported(ctx):
        notes = tuple(Dissent.parse(note) for note in dissent)
    outcome = Outcome.UPHELD if upheld else Outcome.OVERTURNED
    request = Request(Action.DECIDE, reason, outcome=outcome, dissent=notes)
    _act(ctx, finding, request, role, party, user)


@app.command("withdraw")
def withdraw(
    ctx: typer.Context,
    finding: str = FINDING,
    reason: str = typer.Option(..., "--reason", help="why", show_default=False),
    role: Role = ROLE,
    party: str | None = PARTY,
    user: str | None = USER,
) -> None:
    """Withdraw a finding that is not final."""
    _act(ctx, finding, Request(Action.WITHDRAW, reason), role, party, user)


@app.command("history")
def history_command(
    ctx: typer.Context,
    finding: str = FINDING,
    as_json: bool = typer.Option(False, "--json", help="JSON lines, one per event"),
) -> None:
    """A finding's state, reply window and every adjudication step with actor and time."""
    with errors_reported(ctx):
        found = history(context(ctx).store(), finding, actor=context(ctx).actor)
    if as_json:
        for event in found.events:
            typer.echo(json.dumps(event.content(), sort_keys=True))
        return
    case = found.case
    window = f", reply by {utc_text(case.reply_by)}" if case.reply_by else ""
    state = case.state.value if case.state else "-"
    typer.echo(
        f"{case.finding_id} version {case.version}: {found.verdict}, "
        f"{case.responsible_party or 'no party'} held responsible; {state}{window} "
        f"(proposed {utc_text(case.proposed_at)})"
    )
    for event in found.events:
        typer.echo(f"  {utc_text(event.at)} {event.actor} — {event.public_note()}")
    if not found.events:
        typer.echo("  no adjudication step yet")


@app.command("due")
def due_command(
    ctx: typer.Context,
    within: int = typer.Option(24, "--within", min=1, help="hours ahead"),
    party: str | None = typer.Option(None, "--party", help="only findings against this party"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines"),
) -> None:
    """Proposed findings whose reply window closes within the next N hours."""
    with errors_reported(ctx):
        rows = due(
            context(ctx).store(), timedelta(hours=within), party=party, actor=context(ctx).actor
        )
    for row in rows:
        if as_json:
            record = {**row.__dict__, "reply_by": utc_text(row.reply_by)}
            typer.echo(json.dumps(record, sort_keys=True))
        else:
            typer.echo(
                f"{row.finding_id}  {row.responsible_party}  {row.verdict}  "
                f"reply by {utc_text(row.reply_by)}"
            )
    if not as_json:
        typer.echo(f"{len(rows):,} finding(s) awaiting a reply")
