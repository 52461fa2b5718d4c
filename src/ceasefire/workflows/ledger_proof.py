"""``ceasefire ledger proof OBJECT``: the entries behind an object, checked against a checkpoint.

OBJECT is an incident (``INC-…``), a finding (``FND-…``), an observation (``observation:ID``),
a published report's object reference (``report:…``, as ``ledger`` listings show it) or any
other object reference. Each entry is proven included in the chain up to the checkpoint's head:
re-hashing every entry from it to the head must give the signed head hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from ceasefire.core.errors import NotFound
from ceasefire.core.ledger.chain import entry_hash
from ceasefire.core.ledger.checkpoint import Checkpoint, signature_is_valid
from ceasefire.core.ledger.merkle import inclusion_proof
from ceasefire.store import ledger as ledger_store
from ceasefire.store.database import Store
from ceasefire.store.findings import findings
from ceasefire.store.incidents import decisions, incidents
from ceasefire.store.schema import observations

ledger = ledger_store.ledger


@dataclass
class ProofReport:
    """The entries behind an object and whether each is in the chain under the checkpoint."""

    target: str
    checkpoint_size: int
    entries: list[dict[str, object]] = field(default_factory=list)
    row_proof: list[tuple[str, str]] | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every entry is included under a validly signed checkpoint."""
        return not self.problems and bool(self.entries)

    def as_json(self) -> dict[str, object]:
        """The machine-readable report."""
        return {
            "object": self.target,
            "ok": self.ok,
            "checkpoint_size": self.checkpoint_size,
            "entries": self.entries,
            "row_proof": self.row_proof,
            "problems": self.problems,
        }


def _refs(connection: Connection, target: str) -> tuple[list[str], int | None]:
    """Object references of the entries behind ``target`` (and an observation's row id)."""
    if target.startswith("INC-"):
        runs = connection.execute(
            select(incidents.c.run_id).where(incidents.c.incident_id == target)
        ).scalars()
        refs = [f"run:{run}" for run in runs]
        if not refs:
            raise NotFound(f"incident {target}: no such incident")
        found = connection.execute(
            select(decisions.c.id).where(decisions.c.incident_id == target).order_by(decisions.c.id)
        ).scalars()
        return refs + [f"decision:{number}" for number in found], None
    if target.startswith("FND-"):
        runs = connection.execute(
            select(findings.c.run_id).where(findings.c.finding_id == target)
        ).scalars()
        refs = [f"evaluation:{run}" for run in runs]
        if not refs:
            raise NotFound(f"finding {target}: no such finding")
        return refs, None
    head, _, number = target.partition(":")
    if head == "observation" and number.isdigit():
        imported = connection.execute(
            select(observations.c.import_id).where(observations.c.id == int(number))
        ).scalar_one_or_none()
        if imported is None:
            raise NotFound(f"observation {number}: no such observation")
        return [f"import:{imported}"], int(number)
    return [target], None


def _row_proof(connection: Connection, import_id: int, row_id: int) -> list[tuple[str, str]]:
    rows = list(ledger_store.committed_rows_of(connection, observations, "import_id", import_id))
    hashes = [hashlib.sha256(c if c is not None else raw).digest() for _, _, raw, c in rows]
    index = [name for name, *_ in rows].index(f"observations row {row_id}")
    return [(side, node.hex()) for side, node in inclusion_proof(hashes, index)]


def prove(store: Store, target: str, checkpoint: Checkpoint | None = None) -> ProofReport:
    """The entries behind ``target``, each checked for inclusion under ``checkpoint`` (the
    latest stored checkpoint when none is given)."""
    with store.reader.connect() as connection, connection.begin():
        if checkpoint is None:
            stored = ledger_store.stored_checkpoints(connection)
            if not stored:
                raise NotFound("no checkpoint yet: run `ceasefire ledger checkpoint` first")
            checkpoint = stored[-1][1]
        refs, row_id = _refs(connection, target)
        report = ProofReport(target, checkpoint.size)
        if not signature_is_valid(checkpoint):
            report.problems.append("the checkpoint's signature does not verify")
        query = select(ledger).where(ledger.c.object_ref.in_(refs)).order_by(ledger.c.seq)
        for row in connection.execute(query):
            report.entries.append(
                {
                    "seq": int(row.seq),
                    "action": row.action,
                    "object_ref": row.object_ref,
                    "entry_hash": row.entry_hash,
                }
            )
            report.problems += _included(connection, int(row.seq), row.previous_hash, checkpoint)
            if row_id is not None and str(row.object_ref).startswith("import:"):
                number = int(str(row.object_ref).partition(":")[2])
                report.row_proof = _row_proof(connection, number, row_id)
        if not report.entries:
            report.problems.append(f"{target}: no ledger entry is about it")
    return report


def _included(
    connection: Connection, seq: int, previous_hex: str, checkpoint: Checkpoint
) -> Sequence[str]:
    """Re-hash entries ``seq`` … ``checkpoint.size``; the last must be the signed head."""
    if seq > checkpoint.size:
        return [f"entry {seq} comes after the checkpoint ({checkpoint.size} entries)"]
    current = bytes.fromhex(previous_hex)
    query = (
        select(ledger.c.seq, ledger.c.canonical)
        .where(ledger.c.seq >= seq, ledger.c.seq <= checkpoint.size)
        .order_by(ledger.c.seq)
    )
    expected = seq
    for number, canonical in connection.execute(query):
        if number != expected:
            return [f"entry {expected} is missing between entry {seq} and the checkpoint"]
        digest = hashlib.sha256(ledger_store.stored_bytes(canonical)).digest()
        current = entry_hash(int(number), current, digest)
        expected += 1
    if expected != checkpoint.size + 1 or current != checkpoint.head_hash:
        return [f"entry {seq} does not lead to the checkpoint's head: the chain was changed"]
    return []
