"""``ceasefire ledger verify|checkpoint|status`` and ``ceasefire keys generate|export-public``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.ledger.checkpoint import (
    generate_private_key,
    key_id,
    public_key_pem,
    raw_public_key,
)
from ceasefire.ingest.keys import (
    read_checkpoint,
    read_private_key,
    read_public_key,
    write_checkpoint,
    write_private_key,
    write_public_key,
)
from ceasefire.workflows.ledger import ledger_status, make_checkpoint, verify_ledger
from ceasefire.workflows.ledger_bundle import verify_bundle

PASSPHRASE_ENV = "CEASEFIRE_KEY_PASSPHRASE"
SHOWN_PROBLEMS = 20

app = typer.Typer(
    help="The tamper-evident record: verify, checkpoint, status.", no_args_is_help=True
)
keys_app = typer.Typer(help="Signing keys (Ed25519) for checkpoints.", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="print JSON on stdout")


def key_passphrase(private_pem: bytes, *, confirm: bool = False) -> bytes | None:
    if b"ENCRYPTED" not in private_pem.split(b"\n", 1)[0]:
        return None
    given = os.environ.get(PASSPHRASE_ENV)
    if given is None:
        given = typer.prompt("Key passphrase", hide_input=True, confirmation_prompt=confirm)
    return given.encode("utf-8")


@app.command("verify")
def verify(
    ctx: typer.Context,
    checkpoint: list[Path] = typer.Option(
        [], "--checkpoint", help="a checkpoint file you hold (repeatable)", show_default=False
    ),
    trust: list[Path] = typer.Option(
        [],
        "--trust",
        "--public-key",
        help="a mission public key (PEM) whose checkpoints you trust (repeatable); keys it "
        "hands over to in the ledger are trusted too, any other signer is a problem",
        show_default=False,
    ),
    bundle: Path | None = typer.Option(
        None,
        "--bundle",
        help="verify an exported bundle file on its own, with no database",
        show_default=False,
    ),
    as_json: bool = JSON,
) -> None:
    """Re-hash the ledger (or a bundle), the domain rows it commits to and the checkpoints;
    report equivocation between checkpoints; exit 1 on any problem, naming the first bad entry
    or row."""
    cli = context(ctx)
    with errors_reported(ctx):
        held = [(str(path), read_checkpoint(path)) for path in checkpoint]
        trusted = {key_id(raw_public_key(read_public_key(path))) for path in trust}
        if bundle is not None:
            report = verify_bundle(bundle, checkpoints=held, trusted_keys=trusted)
        else:
            report = verify_ledger(
                cli.store(), checkpoints=held, trusted_keys=trusted, actor=cli.actor
            )
    if as_json:
        typer.echo(json.dumps(report.as_json(), indent=2))
    else:
        typer.echo(
            f"{report.entries} entries, {report.rows_checked} domain rows, "
            f"{report.checkpoints_checked} checkpoints checked; {report.pending} pending"
        )
        for kind, count in sorted(report.not_covered.items()):
            if "withheld" in kind:
                typer.echo(f"withheld from this bundle: {count} {kind}")
            else:
                typer.echo(f"not re-hashed yet: {count} {kind} entries (chain checked)")
    if report.ok:
        if not as_json:
            typer.echo("ok: the record verifies")
        return
    first = report.problems[0]
    typer.echo(f"Error: {first}", err=True)
    for problem in report.problems[1:SHOWN_PROBLEMS]:
        typer.echo(f"  also: {problem}", err=True)
    if len(report.problems) > SHOWN_PROBLEMS:
        typer.echo(f"  … and {len(report.problems) - SHOWN_PROBLEMS} more", err=True)
    raise typer.Exit(1)


@app.command("checkpoint")
def checkpoint(
    ctx: typer.Context,
    key: Path = typer.Option(..., "--key", help="private key file (PEM)", show_default=False),
    out: Path | None = typer.Option(
        None, "--out", help="also write the checkpoint as JSON here", show_default=False
    ),
) -> None:
    """Sequence pending entries and sign the ledger head (passphrase from
    $CEASEFIRE_KEY_PASSPHRASE or a prompt)."""
    cli = context(ctx)
    with errors_reported(ctx):
        private_pem = read_private_key(key)
        signed = make_checkpoint(cli.store(), cli.actor, private_pem, key_passphrase(private_pem))
        if out is not None:
            write_checkpoint(out, signed)
    typer.echo(
        f"checkpoint: {signed.size} entries, head {signed.head_hash.hex()}, "
        f"key {signed.key_id[:16]}"
    )


@app.command("status")
def status(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Size and head of the ledger, entries waiting in the outbox, the last checkpoint."""
    cli = context(ctx)
    with errors_reported(ctx):
        found = ledger_status(cli.store(), actor=cli.actor)
    if as_json:
        typer.echo(json.dumps(found.as_json(), indent=2))
        return
    typer.echo(f"entries: {found.size}\nhead: {found.head_hash}\npending: {found.pending}")
    last = found.last_checkpoint
    if last is None:
        typer.echo("last checkpoint: none")
    else:
        typer.echo(f"last checkpoint: {last.size} entries, key {last.key_id[:16]}")


@keys_app.command("generate")
def generate(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="private key file to create (mode 600)"),
    passphrase: bool = typer.Option(
        True, "--passphrase/--no-passphrase", help="encrypt the key with a passphrase"
    ),
) -> None:
    """Create an Ed25519 signing key (PKCS#8 PEM, file mode 600, never overwritten)."""
    with errors_reported(ctx):
        secret: bytes | None = None
        if passphrase:
            given = os.environ.get(PASSPHRASE_ENV)
            if given is None:
                given = typer.prompt("New passphrase", hide_input=True, confirmation_prompt=True)
            secret = given.encode("utf-8")
        private_pem = generate_private_key(secret)
        write_private_key(path, private_pem)
        public = raw_public_key(public_key_pem(private_pem, secret))
    typer.echo(f"key written to {path}; key id {key_id(public)}")


@keys_app.command("export-public")
def export_public(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="private key file"),
    out: Path | None = typer.Option(
        None, "--out", help="write the public key here instead of stdout", show_default=False
    ),
) -> None:
    """Print (or write) the public key of a private key, to share with the parties."""
    with errors_reported(ctx):
        private_pem = read_private_key(path)
        public_pem = public_key_pem(private_pem, key_passphrase(private_pem))
        if out is not None:
            write_public_key(out, public_pem)
    if out is None:
        typer.echo(public_pem.decode("ascii"), nl=False)
    else:
        typer.echo(f"public key written to {out}; key id {key_id(raw_public_key(public_pem))}")


import ceasefire.cli.ledger_bundle  # noqa: E402, F401 - export, countersign, proof, keys rotate
