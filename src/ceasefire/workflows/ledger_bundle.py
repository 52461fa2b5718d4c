"""Export the record as a self-contained bundle, and verify a bundle with no database.

The bundle (layout in ``docs/ledger.md``) is one JSON-lines file: a header; each ledger entry
(its event with a keyed actor pseudonym) followed by the rows it commits to
(``workflows.ledger_bundle_rows``: committed forms, or hashes for rows the bundle withholds,
with Merkle inclusion proofs where the entry commits to a root); then the stored checkpoints.
Restricted values never leave the database: rows travel in committed form or as hashes and the
salts stay behind.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.bundle import FORMAT, PSEUDONYM, BundleCheck
from ceasefire.core.ledger.bundle_rows import rows_committed
from ceasefire.core.ledger.checkpoint import Checkpoint, generate_private_key
from ceasefire.ingest.keys import read_private_key, write_private_key
from ceasefire.store import ledger as ledger_store
from ceasefire.store.database import Store
from ceasefire.workflows.ledger import VerifyReport, make_checkpoint, sequence
from ceasefire.workflows.ledger_bundle_rows import BundleRows, disclosure_of

MISSION_KEY = "mission-key.pem"
"""File name of the demo's mission signing key (no passphrase: a demo only)."""


class BundleError(CeasefireError):
    """A bundle file cannot be read or written (names the file and line)."""


@dataclass(frozen=True)
class BundleSummary:
    """What an export wrote."""

    path: Path
    entries: int
    rows: int
    withheld: int
    """Events withheld (sequenced before keyed pseudonyms)."""
    head_hash: str
    rows_withheld: int = 0
    """Rows carried as their hash only (they name someone, quote a restricted value, or
    concern another party than the bundle's)."""


def export_bundle(store: Store, out: Path, *, for_party: str | None = None) -> BundleSummary:
    """Sequence what is pending, then write the bundle to ``out`` (never overwritten).

    With ``for_party`` the bundle also withholds the incidents and findings that are not about
    that party (as a party liaison reads them); every bundle withholds rows naming a person or
    carrying a restricted value (``core.ledger.bundle_rows.Disclosure``)."""
    sequence(store)
    try:
        handle = out.open("x", encoding="utf-8", newline="\n")
    except FileExistsError:
        raise BundleError(f"{out}: already exists; choose another file name") from None
    except OSError as exc:
        raise BundleError(f"{out}: cannot create the bundle: {exc.strerror}") from exc
    with handle, store.reader.connect() as connection, connection.begin():
        size, head = ledger_store.head(connection)
        stored = ledger_store.stored_checkpoints(connection)
        keys = {cp.key_id: cp.public_key.hex() for _, cp in stored}
        header = {
            "format": FORMAT,
            "for_party": for_party,
            "size": size,
            "head_hash": head.hex(),
            "public_keys": [{"key_id": k, "public_key": v} for k, v in sorted(keys.items())],
        }
        _line(handle, header)
        source = BundleRows(connection, disclosure_of(connection, for_party))
        rows = withheld = 0
        for entry in ledger_store.entries(connection):
            if entry.seq > size:
                break
            event = json.loads(entry.canonical)
            shown = PSEUDONYM.fullmatch(str(event.get("actor"))) is not None
            withheld += not shown
            _line(
                handle,
                {
                    "entry": entry.seq,
                    "previous_hash": entry.previous_hash,
                    "entry_hash": entry.entry_hash,
                    "content_hash": entry.content_hash,
                    "event": entry.canonical.decode("utf-8") if shown else None,
                },
            )
            if shown and rows_committed(event) is not None:
                for row in source.of(entry.seq, event):
                    _line(handle, row)
                    rows += 1
        for number, checkpoint in stored:
            if checkpoint.size <= size:
                _line(handle, {"checkpoint": number, **checkpoint.as_json()})
    return BundleSummary(out, size, rows, withheld, head.hex(), source.withheld)


def _line(handle: IO[str], value: dict[str, Any]) -> None:
    handle.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")


def verify_bundle(
    path: Path,
    *,
    checkpoints: Sequence[tuple[str, Checkpoint]] = (),
    trusted_keys: Collection[str] = (),
) -> VerifyReport:
    """Verify a bundle file on its own (no database), with the checkpoints a party holds and
    the mission public keys it trusts; the report names the first bad entry, row or checkpoint."""
    check = BundleCheck()
    try:
        with path.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                try:
                    value = json.loads(text)
                except ValueError:
                    raise BundleError(f"{path}: line {number}: not JSON") from None
                if not isinstance(value, dict):
                    raise BundleError(f"{path}: line {number}: expected a JSON object")
                check.feed(number, value)
    except OSError as exc:
        raise BundleError(f"{path}: cannot read the bundle: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise BundleError(f"{path}: not UTF-8 text") from None
    if check.header is None:
        raise BundleError(f"{path}: empty; expected a {FORMAT} bundle")
    report = VerifyReport()
    report.add(check.finish(checkpoints, trusted_keys))
    report.entries = check.size
    report.rows_checked = check.rows_checked
    report.checkpoints_checked = len(check.recorded) + len(check.stored) + len(checkpoints)
    report.not_covered = dict(check.not_in_bundle)
    if check.withheld:
        report.not_covered["event withheld"] = len(check.withheld)
    if check.rows_withheld:
        report.not_covered["row withheld (checked as a hash)"] = check.rows_withheld
    return report


def _unchanged_checkpoint(store: Store) -> Checkpoint | None:
    """The latest checkpoint when nothing but its own record was chained after it (a re-run of
    the demo that added nothing signs nothing new)."""
    with store.reader.connect() as connection:
        size, _head = ledger_store.head(connection)
        held = ledger_store.stored_checkpoints(connection)
        pending = ledger_store.pending_count(connection)
    if held and pending == 0 and size == held[-1][1].size + 1:
        return held[-1][1]
    return None


def sign_and_export(store: Store, actor: Actor, directory: Path) -> tuple[Checkpoint, Path]:
    """The demo's record: a mission key in ``directory`` (made on first use, mode 600), a signed
    checkpoint, and a bundle that verifies on its own against it (raises if it does not)."""
    key_path = directory / MISSION_KEY
    if not key_path.exists():
        write_private_key(key_path, generate_private_key())
    private_pem = read_private_key(key_path)
    checkpoint = _unchanged_checkpoint(store) or make_checkpoint(store, actor, private_pem)
    out = directory / "ledger-bundle.jsonl"
    out.unlink(missing_ok=True)
    export_bundle(store, out)
    report = verify_bundle(out, checkpoints=[("demo checkpoint", checkpoint)])
    if not report.ok:
        raise BundleError(f"{out}: the exported bundle does not verify: {report.problems[0]}")
    return checkpoint, out
