"""``ceasefire ledger export|countersign|proof`` and ``ceasefire keys rotate`` (registered on the
``ledger`` and ``keys`` sub-apps of ``ceasefire.cli.ledger``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.cli.ledger import JSON, PASSPHRASE_ENV, app, key_passphrase, keys_app
from ceasefire.core.ledger.checkpoint import (
    countersign,
    generate_private_key,
    key_id,
    public_key_pem,
    raw_public_key,
)
from ceasefire.ingest.keys import (
    KeyFileError,
    read_checkpoint,
    read_private_key,
    write_checkpoint,
    write_private_key,
)
from ceasefire.workflows.ledger import rotate_key
from ceasefire.workflows.ledger_bundle import export_bundle
from ceasefire.workflows.ledger_proof import prove


@app.command("export")
def export(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="bundle file to create", show_default=False),
    for_party: str | None = typer.Option(
        None,
        "--for-party",
        help="the party the bundle is for: incidents and findings about other parties are "
        "carried as hashes only",
    ),
) -> None:
    """Write a self-contained bundle (JSON lines) that verifies with no database: entries,
    the rows they commit to (committed forms, or hashes for rows naming someone or holding a
    restricted value), Merkle proofs, checkpoints, public keys; no salts, no names."""
    cli = context(ctx)
    with errors_reported(ctx):
        summary = export_bundle(cli.store(), out, for_party=for_party)
    typer.echo(
        f"bundle written to {out}: {summary.entries} entries, {summary.rows} rows, "
        f"head {summary.head_hash}"
    )
    if summary.rows_withheld:
        typer.echo(f"{summary.rows_withheld} rows carried as their hash only (withheld)")
    if summary.withheld:
        typer.echo(
            f"{summary.withheld} events sequenced before keyed pseudonyms are withheld", err=True
        )


@app.command("countersign")
def countersign_command(
    ctx: typer.Context,
    checkpoint: Path = typer.Argument(..., help="checkpoint file (JSON) to countersign"),
    key: Path = typer.Option(..., "--key", help="the party's private key (PEM)"),
    out: Path | None = typer.Option(
        None, "--out", help="write here instead of updating CHECKPOINT", show_default=False
    ),
) -> None:
    """Add a party's countersignature to a checkpoint it holds (no database needed)."""
    with errors_reported(ctx):
        held = read_checkpoint(checkpoint)
        private_pem = read_private_key(key)
        signed = countersign(held, private_pem, key_passphrase(private_pem))
        target = out or checkpoint
        if target.exists():
            target.unlink()
        write_checkpoint(target, signed)
    typer.echo(f"countersigned: {len(signed.countersignatures)} countersignature(s) in {target}")


@app.command("proof")
def proof(
    ctx: typer.Context,
    target: str = typer.Argument(
        ..., metavar="OBJECT", help="INC-…, FND-…, observation:ID or a report's object reference"
    ),
    checkpoint: Path | None = typer.Option(
        None, "--checkpoint", help="check against this checkpoint (default: the latest stored)"
    ),
    as_json: bool = JSON,
) -> None:
    """Show the entries behind an object and check their inclusion under a checkpoint."""
    cli = context(ctx)
    with errors_reported(ctx):
        held = read_checkpoint(checkpoint) if checkpoint is not None else None
        report = prove(cli.store(), target, held)
    if as_json:
        typer.echo(json.dumps(report.as_json(), indent=2))
    else:
        for entry in report.entries:
            typer.echo(
                f"entry {entry['seq']}: {entry['action']} {entry['object_ref']} "
                f"{str(entry['entry_hash'])[:16]}…"
            )
        if report.row_proof is not None:
            typer.echo(f"row inclusion proof: {len(report.row_proof)} nodes")
        if report.ok:
            typer.echo(f"ok: included under the checkpoint of {report.checkpoint_size} entries")
    if not report.ok:
        typer.echo(f"Error: {report.problems[0] if report.problems else 'no entries'}", err=True)
        raise typer.Exit(1)


@keys_app.command("rotate")
def rotate(
    ctx: typer.Context,
    old: Path = typer.Argument(..., help="the current mission key (PEM)"),
    new: Path = typer.Argument(..., help="private key file to create for the new key (mode 600)"),
    passphrase: bool = typer.Option(
        True, "--passphrase/--no-passphrase", help="encrypt the new key with a passphrase"
    ),
) -> None:
    """Make a new mission key; the old key signs the hand-over, recorded in the ledger (the key
    history), so verifiers trusting the old public key trust the new one."""
    cli = context(ctx)
    with errors_reported(ctx):
        old_pem = read_private_key(old)
        old_secret = key_passphrase(old_pem)
        if new.exists():
            raise KeyFileError(f"{new}: already exists; a key is never overwritten")
        secret: bytes | None = None
        if passphrase:
            given = os.environ.get(PASSPHRASE_ENV)
            if given is None:
                given = typer.prompt("New passphrase", hide_input=True, confirmation_prompt=True)
            secret = given.encode("utf-8")
        new_pem = generate_private_key(secret)
        public = raw_public_key(public_key_pem(new_pem, secret))
        rotate_key(cli.store(), cli.actor, old_pem, old_secret, public)
        write_private_key(new, new_pem)
    typer.echo(f"new key written to {new}; key id {key_id(public)}; hand-over recorded")
