"""Agreements in the store: load (new revision or unchanged), list, show, validate.

An agreement is stored whole as its canonical bytes, one row per revision; its terms are indexed
in ``agreement_terms``. Term IDs are never reused: a revision that drops a term an earlier
revision had is refused (retire the term with ``retired: true`` instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, update

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.agreement import Agreement
from ceasefire.core.errors import AgreementError, NotFound
from ceasefire.ingest.agreement_files import read_agreement, shipped_agreement_paths
from ceasefire.store.database import Store
from ceasefire.store.negotiations import write_agreement_records
from ceasefire.store.schema import agreement_terms, agreements

__all__ = [
    "AgreementSummary",
    "LoadOutcome",
    "get_agreement",
    "list_agreements",
    "load_agreement",
    "load_shipped_agreements",
    "validate_agreement",
]


@dataclass(frozen=True)
class LoadOutcome:
    """What loading one agreement file did."""

    agreement_id: str
    revision: int
    status: str
    """``new``, ``revised`` or ``unchanged``."""
    terms: int


@dataclass(frozen=True)
class AgreementSummary:
    """One line of ``ceasefire agreement list``."""

    agreement_id: str
    revision: int
    title: str
    terms: int
    content_hash: str


def validate_agreement(path: Path) -> Agreement:
    """Read and check an agreement file without storing it (AgreementError on problems)."""
    return read_agreement(path)


def _all_term_ids(connection: Connection, agreement_id: str) -> set[str]:
    rows = connection.execute(
        select(agreement_terms.c.term_id)
        .join(agreements, agreements.c.id == agreement_terms.c.agreement_row)
        .where(agreements.c.agreement_id == agreement_id)
    )
    return {row.term_id for row in rows}


def load_agreement(store: Store, actor: Actor, path: Path) -> LoadOutcome:
    """Store the agreement in ``path`` as a new revision unless it is unchanged."""
    authorize(actor, Permission.LOAD_AGREEMENT)
    agreement = read_agreement(path)
    data = agreement.canonical()
    digest = agreement.content_hash()
    with store.unit_of_work(actor) as uow:
        connection = uow.connection
        current = connection.execute(
            select(agreements.c.id, agreements.c.revision, agreements.c.content_hash).where(
                agreements.c.agreement_id == agreement.id, agreements.c.current.is_(True)
            )
        ).one_or_none()
        write_agreement_records(uow, agreement)  # its stances etc. as dated records; idempotent
        if current is not None and current.content_hash == digest:
            return LoadOutcome(agreement.id, current.revision, "unchanged", len(agreement.terms))
        dropped = sorted(_all_term_ids(connection, agreement.id) - {t.id for t in agreement.terms})
        if dropped:
            raise AgreementError(
                str(path),
                [
                    f"terms: term ID(s) {', '.join(dropped)} existed in an earlier revision; term "
                    "IDs are never removed or reused: keep the term with `retired: true`"
                ],
            )
        revision = 1 if current is None else current.revision + 1
        if current is not None:
            connection.execute(
                update(agreements).where(agreements.c.id == current.id).values(current=False)
            )
        row_id = connection.execute(
            insert(agreements)
            .values(
                agreement_id=agreement.id,
                revision=revision,
                title=agreement.title,
                loaded_at=uow.now,
                current=True,
                content_hash=digest,
                canonical=data,
            )
            .returning(agreements.c.id)
        ).scalar_one()
        if agreement.terms:
            connection.execute(
                insert(agreement_terms),
                [
                    {
                        "agreement_row": row_id,
                        "term_id": term.id,
                        "kind": term.kind.value,
                        "title": term.title,
                        "retired": term.retired,
                        "parties": ",".join(sorted(term.versions)),
                    }
                    for term in agreement.terms
                ],
            )
        uow.record(
            "agreement.loaded",
            "agreement",
            f"agreement:{agreement.id}@{revision}",
            {
                "agreement_id": agreement.id,
                "revision": revision,
                "content_sha256": digest,
                "file_name": path.name,
                "terms": len(agreement.terms),
            },
        )
    status = "new" if revision == 1 else "revised"
    return LoadOutcome(agreement.id, revision, status, len(agreement.terms))


def load_shipped_agreements(store: Store, actor: Actor) -> list[LoadOutcome]:
    """Load every agreement shipped with ceasefire (2025 Russia-Ukraine arrangements)."""
    return [load_agreement(store, actor, path) for path in shipped_agreement_paths()]


def list_agreements(store: Store, *, actor: Actor | None = None) -> list[AgreementSummary]:
    """Current revision of every stored agreement, by ID."""
    authorize(acting(actor), Permission.READ_AGREEMENTS)
    terms = (
        select(agreement_terms.c.agreement_row, func.count().label("n"))
        .group_by(agreement_terms.c.agreement_row)
        .subquery()
    )
    query = (
        select(
            agreements.c.agreement_id,
            agreements.c.revision,
            agreements.c.title,
            agreements.c.content_hash,
            func.coalesce(terms.c.n, 0).label("terms"),
        )
        .outerjoin(terms, terms.c.agreement_row == agreements.c.id)
        .where(agreements.c.current.is_(True))
        .order_by(agreements.c.agreement_id)
    )
    with store.reader.connect() as connection:
        return [
            AgreementSummary(r.agreement_id, r.revision, r.title, int(r.terms), r.content_hash)
            for r in connection.execute(query)
        ]


def get_agreement(
    store: Store, agreement_id: str, revision: int | None = None, *, actor: Actor | None = None
) -> Agreement:
    """An agreement as stored (the current revision unless ``revision`` is given)."""
    authorize(acting(actor), Permission.READ_AGREEMENTS)
    query = select(agreements.c.canonical).where(agreements.c.agreement_id == agreement_id)
    query = query.where(
        agreements.c.revision == revision if revision is not None else agreements.c.current
    )
    with store.reader.connect() as connection:
        data = connection.execute(query).scalar_one_or_none()
    if data is None:
        known = ", ".join(a.agreement_id for a in list_agreements(store)) or "none loaded"
        raise NotFound(f"agreement {agreement_id!r} not found (known: {known})")
    return Agreement.model_validate_json(data)
