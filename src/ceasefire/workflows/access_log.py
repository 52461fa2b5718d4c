"""The access log: every read of restricted data, in a hash chain of its own.

Reads of restricted evidence, of observations with restricted fields unredacted and of monitor
identities are recorded here *before* the data is handed out (no entry, no read). The chain uses
the ledger's entry layout and event form (``ceasefire.core.ledger.chain``; ``object_type`` is
``restricted_read``, ``action`` the permission used), so the ledger's verifier checks it too.
It is separate from the ledger: the ledger is exported to the parties, the access log is not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.ledger.canonical import canonical_bytes, utc_text
from ceasefire.core.ledger.verify import ChainWalk, Problem
from ceasefire.store import custody as custody_store
from ceasefire.store.database import Store

MAX_PROBLEMS = 1_000


def access_event(actor: Actor, what: str, object_ref: str, at: datetime) -> dict[str, object]:
    """The hashed event of one read, in the ledger's event form.

    >>> from ceasefire.core.actor import Actor
    >>> sorted(access_event(Actor.local_cli("ana"), "read", "evidence:x",
    ...     datetime(2025, 4, 20, tzinfo=UTC)))
    ['action', 'actor', 'actor_role', 'content', 'object_ref', 'object_type', 'recorded_at']
    """
    return {
        "action": what,
        "actor": actor.ref,
        "actor_role": actor.role.value,
        "content": {"via": actor.via, "party": actor.party},
        "object_ref": object_ref,
        "object_type": custody_store.ACCESS_OBJECT_TYPE,
        "recorded_at": utc_text(at),
    }


def record_access(
    store: Store, actor: Actor, what: str, object_ref: str, *, now: datetime | None = None
) -> int:
    """Chain one read of restricted data (``what``: the permission used, e.g.
    ``Permission.READ_RESTRICTED_EVIDENCE``) and commit it; return its sequence number.

    Call it before handing the data out. Gap-free: appenders are serialised the way the ledger
    sequencer is (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL).
    """
    at = (now or datetime.now(UTC)).replace(microsecond=0)
    what = str(what)
    event = access_event(actor, what, object_ref, at)
    data = canonical_bytes(event)
    with store.writer.begin() as connection:
        custody_store.lock_access_log(connection)
        return custody_store.append_access(
            connection,
            at=at,
            actor_ref=actor.ref,
            permission=what,
            object_ref=object_ref,
            canonical=data,
            content_digest=hashlib.sha256(data).digest(),
        )


@dataclass
class AccessLogReport:
    """What :func:`verify_access_log` found; ``ok`` when nothing is wrong."""

    entries: int = 0
    head_hash: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chain verifies."""
        return not self.problems

    def as_json(self) -> dict[str, object]:
        """The machine-readable report."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head_hash": self.head_hash,
            "problems": [{"where": p.where, "reason": p.reason} for p in self.problems],
        }


def verify_access_log(store: Store, actor: Actor | None = None) -> AccessLogReport:
    """Re-hash the access log: gap-free ``seq``, each entry's bytes, links and columns.

    Problems name the first bad entry (``access-log entry N``). With an ``actor``, it must hold
    ``Permission.READ_ACCESS_LOG``.
    """
    if actor is not None:
        authorize(actor, Permission.READ_ACCESS_LOG)
    report = AccessLogReport()
    walk = ChainWalk()
    with store.reader.connect() as connection, connection.begin():
        for entry in custody_store.access_entries(connection):
            problems, _ = walk.check(entry)
            room = MAX_PROBLEMS - len(report.problems)
            report.problems += [
                Problem("access-log " + p.where, p.reason) for p in problems[: max(room, 0)]
            ]
    report.entries = walk.size
    report.head_hash = walk.head.hex()
    return report


def access_log_entries(
    store: Store, actor: Actor, *, limit: int | None = 100
) -> list[dict[str, object]]:
    """The newest ``limit`` reads of restricted data (oldest first); needs
    ``Permission.READ_ACCESS_LOG``."""
    authorize(actor, Permission.READ_ACCESS_LOG)
    with store.reader.connect() as connection:
        rows = custody_store.access_rows(connection, limit)
    shown = []
    for row in rows:
        at = row["at"]
        shown.append({**row, "at": utc_text(at) if isinstance(at, datetime) else at})
    return shown
