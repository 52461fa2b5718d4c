"""``ceasefire ingest-text`` and ``ceasefire text-score``: proposals from text, and their score.

Register in the main app with::

    app.command("ingest-text")(text_commands.ingest_text)
    app.command("text-score")(text_commands.text_score)
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import errors_reported
from ceasefire.core.errors import ConfigurationError


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(f"--published: expected a date YYYY-MM-DD, got {text!r}") from None


def _places(proposal: dict[str, Any]) -> str:
    names = []
    for place in proposal.get("places", []):
        resolved = place["resolved"]
        names.append(place["name"] + ("" if resolved else " (?)"))
    return ", ".join(names)


def _when(proposal: dict[str, Any]) -> str:
    value = proposal.get("date", proposal.get("period"))
    if isinstance(value, dict):
        return f"{value['start'] or '…'} – {value['end'] or '…'}"
    return value or ""


def _what(proposal: dict[str, Any]) -> str:
    kind = proposal["type"]
    if kind == "observation":
        who = (proposal.get("accused") or {}).get("party") or "?"
        return f"{proposal['act']} by {who} ({proposal['presented_as']})"
    if kind == "claim":
        items = ", ".join(f"{i['value']} {i['unit']}" for i in proposal["items"])
        return f"claim: {items}"
    if kind == "negotiation_event":
        return (
            f"{proposal['kind']} by {proposal['actor']['party'] or proposal['actor']['as_written']}"
        )
    return "opinion (never a record)"


def _table(document: dict[str, Any]) -> None:
    console = Console(soft_wrap=True)
    console.print(
        f"language {document['language']}, published {document['published'] or 'unknown'}, "
        f"{len(document['proposals'])} proposal(s) for review"
    )
    if document["language"] != "en":
        console.print("Not an English text: no records are proposed.")
        return
    table = Table("span", "proposal", "when", "places", "evidence")
    for proposal in document["proposals"]:
        start, end = proposal["span"]
        text = proposal.get("text", "")
        table.add_row(
            f"{start}-{end}",
            _what(proposal),
            _when(proposal),
            _places(proposal),
            text if len(text) < 90 else text[:87] + "…",
        )
    console.print(table)


def ingest_text(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="a text or saved HTML file, or - for stdin"),
    published: str = typer.Option(
        "", "--published", help="publication date YYYY-MM-DD (else the text's own date)"
    ),
    as_json: bool = typer.Option(
        False, "--json", help="print the ceasefire.text-proposals/1 JSON document"
    ),
    store: bool = typer.Option(
        False,
        "--store",
        help="keep the proposals for analyst review (ceasefire proposals list|accept|reject)",
    ),
) -> None:
    """Propose records (observations, claims, negotiation events, opinion flags) from one
    English text for analyst review. Nothing is published; with --store the proposals are kept
    as records awaiting review. See docs/text-intake.md.
    """
    from ceasefire.workflows.text_intake import ingest_text as run

    with errors_reported(ctx):
        stdin = sys.stdin.buffer.read() if source == "-" else None
        if store:
            from ceasefire.cli.context import context
            from ceasefire.workflows.text_review import store_proposals

            cli = context(ctx)
            kept = store_proposals(cli.store(), cli.actor, source, _day(published), stdin=stdin)
            result = kept.proposals
            document = {**result.as_json(), "proposals": list(kept.bodies)}
            for body, number in zip(document["proposals"], kept.ids, strict=True):
                body["id"] = number
        else:
            result = run(source, _day(published), stdin=stdin)
            document = result.as_json()
    if store and not as_json:
        typer.echo(f"{len(kept.ids)} proposal(s) stored for review (ceasefire proposals list)")
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, sort_keys=True))
        return
    _table(document)


def text_score(
    ctx: typer.Context,
    corpus: Path = typer.Option(
        ..., "--corpus", help="a folder of texts with NNN-slug.gold.json files", show_default=False
    ),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Score text intake against a gold corpus: precision, recall and F1 per record type,
    field accuracy and place resolution. See docs/text-intake.md, "Scoring".
    """
    from ceasefire.workflows.text_score import score_corpus

    with errors_reported(ctx):
        figures = score_corpus(corpus).as_json()
    if as_json:
        typer.echo(json.dumps(figures, sort_keys=True))
        return
    typer.echo(f"corpus {figures['corpus']}: {figures['texts']} texts")
    rows = {**figures["types"], "observations+claims": figures["observations_and_claims"]}
    for name, c in rows.items():
        typer.echo(
            f"{name:>22}  P {c['precision']}  R {c['recall']}  F1 {c['f1']}  "
            f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"
        )
    for name, share in figures["place_resolution"].items():
        typer.echo(f"{'places ' + name:>34}  {share['right']}/{share['of']} = {share['share']}")
