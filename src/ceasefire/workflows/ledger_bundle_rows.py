"""The row lines a bundle carries after each entry (part of ``ceasefire ledger export``).

For every entry that commits to domain rows (``core.ledger.bundle_rows.rows_committed``) the
rows are read back in the order the entry commits to them and written as
``{"entry", "row", "ref", "committed" | "withheld", "proof"}``: the committed form when the
bundle may show it, its SHA-256 otherwise (``core.ledger.bundle_rows.Disclosure``), row by
row: an observation travels as its committed form (restricted fields are salted commitments
already), a patrol-effort record never, a run's version, an adjudication event, a decision …
when it names no one and quotes nothing restricted (decisions and adjudication events recorded
since migration 0010 carry keyed pseudonyms, not names, and are shown; in a bundle for a party,
only those about that party's incidents and findings).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from ceasefire.core.ledger.bundle_rows import RUN_KINDS, Disclosure
from ceasefire.core.ledger.merkle import inclusion_proofs
from ceasefire.core.ledger.run_roots import id_order
from ceasefire.store import custody as custody_store
from ceasefire.store import ledger as ledger_store
from ceasefire.store.adjudication import adjudication_events
from ceasefire.store.commitments import row_salts
from ceasefire.store.findings import findings
from ceasefire.store.incidents import decisions, incidents
from ceasefire.store.negotiations import NEGOTIATION_OBJECTS
from ceasefire.store.publications import published_reports
from ceasefire.store.run_versions import run_versions
from ceasefire.store.schema import agreements, observations
from ceasefire.store.text_proposals import OBJECT_TYPE as TEXT_PROPOSAL
from ceasefire.store.text_proposals import text_proposals
from ceasefire.workflows.access import restricted_source_names
from ceasefire.workflows.ledger_rows import IMPORT_TABLES

Line = dict[str, Any]
TABLES: dict[str, Table] = {
    **{table.name: table for table in NEGOTIATION_OBJECTS.values()},
    text_proposals.name: text_proposals,
    decisions.name: decisions,
}
"""Tables whose entries name their row as ``TABLE:ID`` (``decision:ID`` for decisions)."""
ROW_KINDS = {
    "observations": "observation",
    "claims": "claim",
    "effort_records": "effort_record",
    "storage_sites": "storage_site",
    "storage_inspections": "storage_inspection",
}
"""The kind of row (``core.ledger.bundle_rows.Disclosure``) each import table holds."""


def disclosure_of(connection: Connection, for_party: str | None) -> Disclosure:
    """What a bundle for ``for_party`` (``None``: anyone) must not show, read from the store."""
    salted = (
        select(observations.c.content_hash)
        .join(
            row_salts,
            (row_salts.c.table_name == observations.name)
            & (row_salts.c.row_id == observations.c.id),
        )
        .distinct()
    )
    about: frozenset[str] = frozenset()
    if for_party is not None:  # decisions and adjudication events about the party's objects
        ours = (
            select(incidents.c.incident_id)
            .where(incidents.c.party == for_party)
            .union(select(findings.c.finding_id).where(findings.c.responsible_party == for_party))
        )
        about = frozenset(str(i) for i in connection.execute(ours).scalars())
    return Disclosure(
        restricted_names=restricted_source_names(connection),
        salted_hashes=frozenset(str(h) for h in connection.execute(salted).scalars()),
        for_party=for_party,
        party_objects=about,
    )


@dataclass
class BundleRows:
    """Reads the rows of each entry, in order, shown or withheld by ``disclosure``."""

    connection: Connection
    disclosure: Disclosure
    withheld: int = 0
    _adjudicated: dict[str, int] = field(default_factory=dict)
    """Per finding, how many of its adjudication events earlier entries committed to."""

    def of(self, seq: int, event: dict[str, Any]) -> Iterator[Line]:
        """The row lines of entry ``seq`` (whose event commits to rows)."""
        kind = str(event.get("object_type"))
        content: dict[str, Any] = event["content"]
        ref = str(event.get("object_ref"))
        if kind == "import":
            yield from self._merkle(seq, self._import_rows(event))
        elif kind in RUN_KINDS:
            yield from self._merkle(seq, self._versions(RUN_KINDS[kind], ref))
        elif kind == "published_report":
            yield from self._renderings(seq, content)
        else:
            found = self._one_row(kind, ref, content)
            if found is not None:
                name, row_kind, data = found
                yield self._line(seq, 0, name, row_kind, data)

    def _line(
        self,
        seq: int,
        index: int,
        name: str,
        kind: str,
        data: bytes,
        *,
        proof: list[tuple[str, bytes]] | None = None,
        withhold: bool = False,
    ) -> Line:
        line: Line = {"entry": seq, "row": index, "ref": name}
        if not withhold and self.disclosure.withholds(kind, data) is None:
            line["committed"] = data.decode("utf-8")
        else:
            line["withheld"] = hashlib.sha256(data).hexdigest()
            self.withheld += 1
        line["proof"] = [] if proof is None else [[side, node.hex()] for side, node in proof]
        return line

    def _merkle(self, seq: int, rows: list[tuple[str, str, bytes]]) -> Iterator[Line]:
        proofs = inclusion_proofs([hashlib.sha256(data).digest() for _, _, data in rows])
        for index, ((name, kind, data), proof) in enumerate(zip(rows, proofs, strict=True)):
            yield self._line(seq, index, name, kind, data, proof=proof)

    def _import_rows(self, event: dict[str, Any]) -> list[tuple[str, str, bytes]]:
        number = _number(str(event.get("object_ref")))
        tables = IMPORT_TABLES.get(str(event.get("action")).removesuffix(".imported"), ())
        return [
            (
                name,
                ROW_KINDS.get(table.name, table.name),
                canonical if committed is None else committed,
            )
            for table in tables
            for name, _, canonical, committed in ledger_store.committed_rows_of(
                self.connection, table, "import_id", number
            )
        ]

    def _versions(self, kind: str, ref: str) -> list[tuple[str, str, bytes]]:
        v = run_versions
        query = select(v.c.object_id, v.c.version, v.c.canonical).where(
            v.c.kind == kind, v.c.run_id == _number(ref)
        )
        rows = sorted(self.connection.execute(query), key=lambda r: id_order(str(r.object_id)))
        return [
            (
                f"{kind} {r.object_id} version {r.version}",
                kind,
                ledger_store.stored_bytes(r.canonical),
            )
            for r in rows
        ]

    def _renderings(self, seq: int, content: dict[str, Any]) -> Iterator[Line]:
        renderings = content.get("renderings")
        assert isinstance(renderings, dict)  # rows_committed said so
        public = content.get("edition") == "public"
        for index, format_name in enumerate(sorted(renderings)):
            row = ledger_store.first_row(
                self.connection,
                published_reports,
                {
                    "period_start": datetime.fromisoformat(str(content.get("period_start"))),
                    "period_end": datetime.fromisoformat(str(content.get("period_end"))),
                    "time_zone": content.get("time_zone"),
                    "edition": content.get("edition"),
                    "version": content.get("version"),
                    "format": format_name,
                },
                ("id", "content"),
            )
            if row is None:
                continue  # the verifier names the missing row
            data = ledger_store.stored_bytes(row["content"])
            name = f"published_reports row {row['id']} ({format_name})"
            shown = public and format_name == "json"  # a full edition or a PDF: its hash
            yield self._line(seq, index, name, "rendering", data, withhold=not shown)

    def _one_row(
        self, kind: str, ref: str, content: dict[str, Any]
    ) -> tuple[str, str, bytes] | None:
        connection = self.connection
        if kind == "agreement":
            key = {"agreement_id": content.get("agreement_id"), "revision": content.get("revision")}
            row = ledger_store.first_row(connection, agreements, key, ("id", "canonical"))
            table_name = agreements.name
        elif kind == "finding":
            finding_id = str(content.get("finding_id"))
            nth = self._adjudicated.get(finding_id, 0)
            self._adjudicated[finding_id] = nth + 1
            query = (
                select(adjudication_events.c.id, adjudication_events.c.canonical)
                .where(adjudication_events.c.finding_id == finding_id)
                .order_by(adjudication_events.c.id)
                .offset(nth)
                .limit(1)
            )
            found = connection.execute(query).first()
            row = None if found is None else dict(found._mapping)
            table_name, kind = adjudication_events.name, "adjudication_event"
        elif kind == "evidence":
            row_id = content.get("row")
            row = custody_store.row_of(connection, row_id) if isinstance(row_id, int) else None
            table_name = "evidence_files"
        else:
            table_name = ref.partition(":")[0]
            table = TABLES.get("decisions" if kind == "decision" else table_name)
            if table is None or (kind == TEXT_PROPOSAL) != (table is text_proposals):
                return None
            table_name = table.name
            key = {"id": _number(ref)}
            row = ledger_store.first_row(connection, table, key, ("id", "canonical"))
        if row is None:
            return None  # the verifier names the missing row
        data = ledger_store.stored_bytes(row["canonical"])
        return f"{table_name} row {row['id']}", kind, data


def _number(ref: str) -> int:
    tail = ref.partition(":")[2]
    return int(tail) if tail.isdigit() else 0
