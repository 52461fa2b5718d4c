"""``ceasefire proposals list|accept|reject``: the review queue of proposals from text.

Register in the main app with::

    from ceasefire.cli import proposals as proposal_commands
    app.add_typer(proposal_commands.app, name="proposals")
"""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.errors import ConfigurationError
from ceasefire.store.text_proposals import STATUSES, Status
from ceasefire.workflows.text_review import (
    Review,
    accept_proposal,
    list_proposals,
    reject_proposal,
)

app = typer.Typer(
    help="Proposals from text awaiting analyst review (ingest-text --store).",
    no_args_is_help=True,
)


def _status(text: str) -> Status | None:
    if not text:
        return None
    if text not in STATUSES:
        raise ConfigurationError(f"--status: expected one of {', '.join(STATUSES)}, got {text!r}")
    return next(s for s in STATUSES if s == text)


def _summary(body: dict[str, object]) -> str:
    kind = str(body.get("type"))
    if kind == "negotiation_event":
        link = body.get("stance_link")
        linked = ""
        if isinstance(link, dict):
            subject = link.get("term") or link.get("condition")
            linked = f" → {link['party']} {link['stance']} {link['agreement']}:{subject}"
        return f"{body.get('kind')}{linked}"
    if kind == "observation":
        return str(body.get("act"))
    return kind


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: str = typer.Option("", "--status", help="proposed, accepted or rejected"),
    as_json: bool = typer.Option(False, "--json", help="print a JSON list"),
) -> None:
    """List stored proposals (all, or of one status)."""
    cli = context(ctx)
    with errors_reported(ctx):
        found = list_proposals(cli.store(), cli.actor, _status(status))
    if as_json:
        typer.echo(json.dumps([p.as_json() for p in found], sort_keys=True, ensure_ascii=False))
        return
    table = Table("id", "status", "type", "what", "source", "evidence")
    for p in found:
        text = str(p.body.get("text", ""))
        table.add_row(
            str(p.id),
            p.status,
            p.proposal_type,
            _summary(p.body),
            p.source_name,
            text if len(text) < 70 else text[:67] + "…",
        )
    Console(soft_wrap=True).print(table)


def _echo(review: Review) -> None:
    typer.echo(f"proposal {review.proposal_id}: {review.status}; {review.detail}")


@app.command("accept")
def accept(
    ctx: typer.Context,
    proposal_id: int = typer.Argument(..., help="the proposal's id (ceasefire proposals list)"),
    when: str = typer.Option("", "--date", help="date YYYY-MM-DD when the proposal has none"),
    period: str = typer.Option("", "--period", help="a claim's period when it has no start"),
    source_url: str = typer.Option("", "--source-url", help="source URL (needed for a stance)"),
    note: str = typer.Option("", "--note", help="the reviewer's note"),
) -> None:
    """Accept a proposal: an observation or claim is imported like any file; a negotiation
    event with a stance link becomes a stance record."""
    cli = context(ctx)
    with errors_reported(ctx):
        review = accept_proposal(
            cli.store(),
            cli.actor,
            proposal_id,
            settings=cli.settings,
            when=when or None,
            period=period or None,
            source_url=source_url or None,
            note=note or None,
        )
    _echo(review)


@app.command("reject")
def reject(
    ctx: typer.Context,
    proposal_id: int = typer.Argument(..., help="the proposal's id (ceasefire proposals list)"),
    reason: str = typer.Option(..., "--reason", help="why it is rejected", show_default=False),
) -> None:
    """Reject a proposal, with the reason; nothing else is written."""
    cli = context(ctx)
    with errors_reported(ctx):
        review = reject_proposal(cli.store(), cli.actor, proposal_id, reason)
    _echo(review)
