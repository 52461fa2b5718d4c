"""Writing claims: parties' aggregate statements, kept beside incidents, never merged into them.

Claims arrive in tens or thousands, so they are written row by row. A claim's natural key is its
``key``; the same key with different content becomes a new revision linked to the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, insert, select, update

from ceasefire.core.claims import Claim
from ceasefire.core.errors import RowProblem
from ceasefire.store.schema import claim_items, claims


@dataclass
class ClaimsOutcome:
    """What happened to a batch of claims."""

    accepted: int = 0
    revised: int = 0
    duplicates: int = 0
    conflicts: list[RowProblem] = field(default_factory=list)
    stored_hashes: list[bytes] = field(default_factory=list)


def write_claims(connection: Connection, import_id: int, batch: Sequence[Claim]) -> ClaimsOutcome:
    """Store new claims and revisions; count duplicates; same key twice in one file conflicts."""
    outcome = ClaimsOutcome()
    for claim in batch:
        data = claim.canonical()
        digest = claim.content_hash()
        known = connection.execute(
            select(claims.c.id).where(claims.c.content_hash == digest)
        ).first()
        if known is not None:
            outcome.duplicates += 1
            continue
        head = connection.execute(
            select(claims.c.id, claims.c.revision, claims.c.import_id).where(
                claims.c.key == claim.key, claims.c.current.is_(True)
            )
        ).first()
        if head is not None and head.import_id == import_id:
            outcome.conflicts.append(
                RowProblem(
                    claim.row or 0,
                    "key",
                    f"key {claim.key} appears again in this file with different content",
                )
            )
            continue
        if head is not None:
            connection.execute(update(claims).where(claims.c.id == head.id).values(current=False))
            outcome.revised += 1
        else:
            outcome.accepted += 1
        claim_id = connection.execute(
            insert(claims)
            .values(
                import_id=import_id,
                source_row=claim.row or 0,
                key=claim.key,
                revision=1 if head is None else head.revision + 1,
                previous_id=None if head is None else head.id,
                current=True,
                claimant=claim.claimant.text,
                claimant_party=claim.claimant.party,
                accused_party=claim.accused_party,
                arrangement=claim.arrangement,
                metric=claim.metric,
                period_text=claim.period.text,
                period_start=claim.period.start,
                period_end=claim.period.end,
                published_on=claim.published_on.isoformat() if claim.published_on else None,
                source_url=claim.source_url,
                content_hash=digest,
                canonical=data,
            )
            .returning(claims.c.id)
        ).scalar_one()
        if claim.items:
            connection.execute(
                insert(claim_items),
                [
                    {
                        "claim_id": claim_id,
                        "position": position,
                        "metric": item.metric,
                        "qualifier": item.qualifier.value,
                        "value": item.value,
                        "unit": item.unit.value,
                        "part_of": item.part_of,
                    }
                    for position, item in enumerate(claim.items)
                ],
            )
        outcome.stored_hashes.append(bytes.fromhex(digest))
    return outcome
