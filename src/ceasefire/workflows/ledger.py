"""The trusted record: sequence the outbox, sign checkpoints, verify the ledger and the rows.

* :func:`sequence` chains every outbox entry not yet in the ledger; call it after every write
  (idempotent, cheap when there is nothing to do, safe from several processes at once).
* :func:`make_checkpoint` sequences, signs the head with an Ed25519 key and records the
  checkpoint in the ledger itself.
* :func:`verify_ledger` re-hashes the chain and the domain rows each entry commits to (what is
  covered is listed in ``docs/ledger.md``) and checks signed checkpoints.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.ledger.chain import GENESIS
from ceasefire.core.ledger.checkpoint import Checkpoint, endorse_key, key_id, sign_head
from ceasefire.core.ledger.heads import check_heads, trusted_closure
from ceasefire.core.ledger.verify import ChainWalk, Problem
from ceasefire.store import ledger as ledger_store
from ceasefire.store.database import Store
from ceasefire.workflows.ledger_actors import actor_pseudonym_problems
from ceasefire.workflows.ledger_derived import derived_column_problems
from ceasefire.workflows.ledger_rows import RowCoverage, check_entry_rows, uncommitted_rows
from ceasefire.workflows.ledger_runs import current_row_problems
from ceasefire.workflows.ledger_scan import scan_ledger

MAX_PROBLEMS = 1_000
"""Verification stops collecting after this many problems (the first one is what matters)."""


def sequence(store: Store) -> int:
    """Chain every outbox entry not yet in the ledger, in outbox-id order; return how many.

    Idempotent and safe to call after every write: a lock (SQLite's ``BEGIN IMMEDIATE``,
    PostgreSQL's advisory lock) keeps two callers from creating a gap or a fork.
    """
    with store.writer.begin() as connection:
        ledger_store.lock_sequencer(connection)
        return ledger_store.append_pending(connection)


@dataclass(frozen=True)
class LedgerStatus:
    """Size and head of the ledger, what waits in the outbox, the last checkpoint."""

    size: int
    head_hash: str
    pending: int
    last_checkpoint: Checkpoint | None

    def as_json(self) -> dict[str, object]:
        """The machine-readable status."""
        return {
            "size": self.size,
            "head_hash": self.head_hash,
            "pending": self.pending,
            "last_checkpoint": self.last_checkpoint.as_json() if self.last_checkpoint else None,
        }


def ledger_status(store: Store, *, actor: Actor | None = None) -> LedgerStatus:
    """The ledger's head, the outbox entries not yet chained, and the newest checkpoint."""
    authorize(acting(actor), Permission.LEDGER_VERIFY)
    with store.reader.connect() as connection:
        size, head_hash = ledger_store.head(connection)
        saved = ledger_store.stored_checkpoints(connection)
        return LedgerStatus(
            size=size,
            head_hash=head_hash.hex(),
            pending=ledger_store.pending_count(connection),
            last_checkpoint=saved[-1][1] if saved else None,
        )


def make_checkpoint(
    store: Store,
    actor: Actor,
    private_pem: bytes,
    passphrase: bytes | None = None,
    *,
    now: datetime | None = None,
) -> Checkpoint:
    """Sequence what is pending, sign the head, store the checkpoint and chain its record.

    The checkpoint's own ledger entry comes right after the head it signs, so deleting a stored
    checkpoint is detected like any other row.
    """
    authorize(actor, Permission.LEDGER_CHECKPOINT)
    with store.unit_of_work(actor, now=now) as uow:
        connection = uow.connection
        ledger_store.lock_sequencer(connection)
        ledger_store.append_pending(connection)
        size, head_hash = ledger_store.head(connection)
        checkpoint = sign_head(private_pem, passphrase, size, head_hash, uow.now)
        number = ledger_store.save_checkpoint(connection, checkpoint)
        uow.record(
            "ledger.checkpoint_signed", "checkpoint", f"checkpoint:{number}", checkpoint.as_json()
        )
        ledger_store.append_pending(connection)
    return checkpoint


@dataclass
class VerifyReport:
    """What ``ceasefire ledger verify`` found; ``ok`` when there is no problem."""

    entries: int = 0
    rows_checked: int = 0
    checkpoints_checked: int = 0
    pending: int = 0
    not_covered: dict[str, int] = field(default_factory=dict)
    """Entries by object type whose domain rows are not re-hashed yet (chain checked only)."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when everything checked verifies."""
        return not self.problems

    def add(self, found: Sequence[Problem]) -> None:
        """Keep problems, up to :data:`MAX_PROBLEMS`."""
        room = MAX_PROBLEMS - len(self.problems)
        if room > 0:
            self.problems.extend(found[:room])

    def as_json(self) -> dict[str, object]:
        """The machine-readable report (problems as ``{"where", "reason"}``)."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "rows_checked": self.rows_checked,
            "checkpoints_checked": self.checkpoints_checked,
            "pending": self.pending,
            "not_covered": dict(sorted(self.not_covered.items())),
            "problems": [{"where": p.where, "reason": p.reason} for p in self.problems],
        }


def verify_ledger(
    store: Store,
    *,
    checkpoints: Sequence[tuple[str, Checkpoint]] = (),
    trusted_keys: Collection[str] = (),
    actor: Actor | None = None,
) -> VerifyReport:
    """Check the chain, the rows each entry commits to and every checkpoint.

    ``checkpoints`` are ``(label, checkpoint)`` held outside the database (e.g. by a party);
    those stored in the database are checked too. ``trusted_keys`` are key ids (hex SHA-256 of
    raw public keys); when given, a checkpoint signed by any other key is a problem.
    """
    authorize(acting(actor), Permission.LEDGER_VERIFY)
    report = VerifyReport()
    with store.reader.connect() as connection, connection.begin():
        stored = [(f"checkpoint {n}", cp) for n, cp in ledger_store.stored_checkpoints(connection)]
        every = [*stored, *checkpoints]
        wanted = {cp.size for _, cp in every}
        waiting = ledger_store.pending_entries(connection)
        report.pending = len(waiting)
        coverage = RowCoverage(pending=set(waiting))
        scanned = scan_ledger(connection, wanted, coverage)  # chain, columns, batched kinds
        report.add(scanned.problems)
        report.rows_checked += scanned.rows_checked
        walk = ChainWalk()
        walk.size, walk.head = scanned.size, scanned.head
        hashes_at: dict[int, bytes] = {0: GENESIS, **scanned.hashes_at}
        rotations: list[tuple[bytes, bytes, datetime, bytes]] = [
            _rotation(event.get("content"))
            for _, event in scanned.events
            if event.get("action") == "keys.rotated"
        ]
        report.entries = walk.size
        for seq, event in scanned.events:
            problems, rows = check_entry_rows(connection, seq, event, coverage)
            report.add(problems)
            report.rows_checked += rows
        report.add(uncommitted_rows(connection, coverage))
        report.add(current_row_problems(connection))  # rows vs their stored versions
        report.add(derived_column_problems(connection))  # query columns vs canonical bytes
        report.add(actor_pseudonym_problems(connection))  # pseudonyms vs restricted names
        report.not_covered = coverage.not_covered
        report.add(
            _checkpoint_problems(
                connection,
                every=every,
                walk=walk,
                hashes_at=hashes_at,
                trusted_keys=trusted_closure(trusted_keys, rotations)[0] if trusted_keys else (),
                coverage=coverage,
            )
        )
        report.checkpoints_checked = len(every)
    return report


def _checkpoint_problems(
    connection: Connection,
    *,
    every: Sequence[tuple[str, Checkpoint]],
    walk: ChainWalk,
    hashes_at: dict[int, bytes],
    trusted_keys: Collection[str],
    coverage: RowCoverage,
) -> list[Problem]:
    problems = check_heads(every, size=walk.size, hash_at=hashes_at, trusted_keys=trusted_keys)
    ids = connection.execute(select(ledger_store.ledger_checkpoints.c.id)).scalars()
    for number in ids:
        ref = f"checkpoint:{number}"
        if ref not in coverage.checkpoints and ref not in coverage.pending:
            problems.append(Problem(f"checkpoint {number}", "no ledger entry records it"))
    return problems


def rotate_key(
    store: Store,
    actor: Actor,
    old_pem: bytes,
    old_passphrase: bytes | None,
    new_public: bytes,
    *,
    now: datetime | None = None,
) -> dict[str, object]:
    """Record a hand-over from the old mission key to ``new_public`` (raw 32 bytes) in the
    ledger: the key history. The old key signs the hand-over (``core.ledger.checkpoint.
    rotation_message``), so a verifier that trusts the old key comes to trust the new one."""
    with store.unit_of_work(actor, now=now) as uow:
        old_public, endorsement = endorse_key(old_pem, old_passphrase, new_public, uow.now)
        content: dict[str, object] = {
            "old_key_id": key_id(old_public),
            "old_public_key": old_public.hex(),
            "new_key_id": key_id(new_public),
            "new_public_key": new_public.hex(),
            "rotated_at": utc_text(uow.now),
            "endorsement": endorsement.hex(),
        }
        uow.record("keys.rotated", "key", f"key:{key_id(new_public)[:16]}", content)
    sequence(store)
    return content


def _rotation(content: object) -> tuple[bytes, bytes, datetime, bytes]:
    """A ``keys.rotated`` event's content as ``(old, new, rotated_at, endorsement)``."""
    try:
        assert isinstance(content, dict)
        return (
            bytes.fromhex(str(content["old_public_key"])),
            bytes.fromhex(str(content["new_public_key"])),
            datetime.strptime(str(content["rotated_at"]), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
            bytes.fromhex(str(content["endorsement"])),
        )
    except (AssertionError, KeyError, ValueError):
        return (b"", b"", datetime.now(UTC), b"")


def utc_now() -> datetime:
    """The current time in UTC, whole seconds (what checkpoints sign)."""
    return datetime.now(UTC).replace(microsecond=0)
