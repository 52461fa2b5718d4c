"""The review queue of text proposals: stored for analysts, never published by themselves.

:func:`store_proposals` (``ceasefire ingest-text FILE --store``) keeps each proposal of one text
as a ``proposed`` row, with a ``stance_link`` on negotiation events that match a stored
agreement's term or condition (``ceasefire.core.text.stance_link``). An analyst then accepts or
rejects each one (``ceasefire proposals accept|reject``):

* an accepted observation or claim is written as a one-row file in our own CSV layout and
  imported with :func:`~ceasefire.workflows.ingest.ingest_file`, so its validation and
  quarantine are those of any import;
* an accepted negotiation event with a stance link becomes a stance record
  (:func:`~ceasefire.workflows.stances.add_stance`; a source URL is required);
* an opinion is never a record: it can only be rejected.

Storing needs the ``ingest`` permission, reviewing ``decide``, reading ``read observations``.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError, ConfigurationError, NotFound
from ceasefire.core.negotiations import StanceRecord
from ceasefire.core.text.gazetteer import Gazetteer
from ceasefire.core.text.review_rows import RowRefusedError, claim_row, observation_row
from ceasefire.core.text.stance_link import best_link
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.text_proposals import (
    Status,
    StoredProposal,
    read_proposal,
    read_proposals,
    review_proposal,
    write_proposal,
)
from ceasefire.workflows.agreements import get_agreement, list_agreements
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.stances import add_stance
from ceasefire.workflows.text_intake import Proposals, propose_records, read_input


class ReviewError(CeasefireError):
    """A review that cannot be done as asked (the message says why and what to do)."""


@dataclass(frozen=True, slots=True)
class StoredText:
    """What ``ingest-text --store`` kept: the proposals and the ids of their rows."""

    proposals: Proposals
    ids: tuple[int, ...]
    bodies: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of one review: the proposal's new state and the record it made, if any."""

    proposal_id: int
    status: Status
    outcome: str | None
    detail: str


def link_stances(store: Store, actor: Actor, bodies: list[dict[str, Any]]) -> None:
    """Add ``stance_link`` to each negotiation event that matches a stored agreement."""
    events = [b for b in bodies if b["type"] == "negotiation_event"]
    if not events:
        return
    agreements = [
        get_agreement(store, s.agreement_id, actor=actor)
        for s in list_agreements(store, actor=actor)
    ]
    for body in events:
        body["stance_link"] = best_link(body, agreements)


def store_proposals(
    store: Store,
    actor: Actor,
    source: str,
    published: date | None = None,
    *,
    stdin: bytes | None = None,
    gazetteer: Gazetteer | None = None,
) -> StoredText:
    """Propose records from one text and keep them for review (status ``proposed``)."""
    from ceasefire.ingest.text.document import read_text_input

    authorize(actor, Permission.INGEST)
    data, name = read_input(source, stdin)
    result = propose_records(read_text_input(data, name, published), gazetteer)
    bodies = list(result.as_json()["proposals"])
    link_stances(store, actor, bodies)
    digest = hashlib.sha256(data).hexdigest()
    with store.unit_of_work(actor) as uow:
        ids = tuple(
            write_proposal(
                uow, source_name=name, text_sha256=digest, published=result.published, body=body
            )
            for body in bodies
        )
    return StoredText(result, ids, tuple(bodies))


def list_proposals(
    store: Store, actor: Actor, status: Status | None = None
) -> list[StoredProposal]:
    """Stored proposals in id order (of one status if given)."""
    authorize(actor, Permission.READ_OBSERVATIONS)
    with store.reader.connect() as connection:
        return read_proposals(connection, status)


def _open(store: Store, proposal_id: int) -> StoredProposal:
    with store.reader.connect() as connection:
        found = read_proposal(connection, proposal_id)
    if found is None:
        raise NotFound(f"proposal {proposal_id} not found (see: ceasefire proposals list)")
    if found.status != "proposed":
        raise ReviewError(f"proposal {proposal_id} is already {found.status}; a review is final")
    return found


def _import_row(
    store: Store, actor: Actor, settings: Settings, row: dict[str, str], *, name: str, fmt: str
) -> tuple[str, str]:
    with tempfile.TemporaryDirectory(prefix="ceasefire-review-") as folder:
        path = Path(folder) / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(row))
            writer.writeheader()
            writer.writerow(row)
        summary = ingest_file(store, actor, path, settings=settings, format_name=fmt)
    outcome = f"import:{summary.import_id}"
    if summary.quarantined:
        reasons = "; ".join(f"{p.field}: {p.reason}" for p in summary.problems) or "see the import"
        return outcome, f"imported as import {summary.import_id}, row quarantined ({reasons})"
    return outcome, f"imported as import {summary.import_id} ({summary.accepted} row stored)"


def _stance(
    store: Store, actor: Actor, found: StoredProposal, source_url: str | None
) -> tuple[str, str]:
    link = found.body.get("stance_link")
    if not link:
        raise ReviewError(
            f"proposal {found.id} matches no agreement's term or condition (no stance_link); "
            "record the stance by hand (ceasefire stances add) and reject the proposal"
        )
    if not source_url:
        raise ReviewError("a stance needs its source: give --source-url URL")
    day = found.body.get("date")
    start = day.get("start") if isinstance(day, dict) else day
    conditions = "; ".join(link.get("conditions") or [])
    record = StanceRecord.model_validate(
        {
            "id": f"text-proposal-{found.id}",
            "agreement": link["agreement"],
            "party": link["party"],
            "term": link.get("term"),
            "condition": link.get("condition"),
            "stance": link["stance"],
            "date": start,
            "summary": found.body.get("text", "")[:2000],
            "source_url": source_url,
            "source_title": found.source_name[:200],
            "note": f"from text proposal {found.id}"
            + (f"; conditions as written: {conditions}" if conditions else ""),
        }
    )
    outcome = add_stance(store, actor, record)
    return f"stance:{outcome.record_id}", f"stance {outcome.record_id} {outcome.status}"


def accept_proposal(
    store: Store,
    actor: Actor,
    proposal_id: int,
    *,
    settings: Settings,
    when: str | None = None,
    period: str | None = None,
    source_url: str | None = None,
    note: str | None = None,
) -> Review:
    """Accept a proposal: it becomes an observation, a claim or a stance (see the module)."""
    authorize(actor, Permission.DECIDE)
    found = _open(store, proposal_id)
    key = f"text-{found.text_sha256[:12]}-{found.span[0]}-{found.span[1]}"
    name = f"text-proposal-{found.id}.csv"
    try:
        if found.proposal_type == "observation":
            row = observation_row(
                found.body, key=key, source=found.source_name, published=found.published, when=when
            )
            outcome, detail = _import_row(
                store, actor, settings, row, name=name, fmt="ceasefire-csv"
            )
        elif found.proposal_type == "claim":
            row = claim_row(found.body, key=key, published=found.published, period=period)
            outcome, detail = _import_row(
                store, actor, settings, row, name=name, fmt="party-claims"
            )
        elif found.proposal_type == "negotiation_event":
            outcome, detail = _stance(store, actor, found, source_url)
        else:
            raise ReviewError(f"proposal {found.id} is an opinion: never a record; reject it")
    except RowRefusedError as exc:
        raise ConfigurationError(f"proposal {found.id}: {exc}") from None
    with store.unit_of_work(actor) as uow:
        review_proposal(uow, found.id, "accepted", note, outcome)
    return Review(found.id, "accepted", outcome, detail)


def reject_proposal(store: Store, actor: Actor, proposal_id: int, reason: str) -> Review:
    """Reject a proposal with the reason (kept, ledgered); nothing else is written."""
    authorize(actor, Permission.DECIDE)
    if not reason.strip():
        raise ConfigurationError("--reason: say why the proposal is rejected")
    found = _open(store, proposal_id)
    with store.unit_of_work(actor) as uow:
        review_proposal(uow, found.id, "rejected", reason.strip(), None)
    return Review(found.id, "rejected", None, f"rejected: {reason.strip()}")
