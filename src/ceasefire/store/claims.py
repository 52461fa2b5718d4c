"""Writing claims: parties' aggregate statements, kept beside incidents, never merged into them.

Claims are revisioned records keyed by ``key`` (see ``ceasefire.store.revisions``); each stored
claim's items go to ``claim_items`` with their qualifier, value and unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, insert

from ceasefire.core.claims import Claim
from ceasefire.store.revisions import WriteOutcome, write_revision
from ceasefire.store.schema import claim_items, claims


def write_claims(connection: Connection, import_id: int, batch: Sequence[Claim]) -> WriteOutcome:
    """Store new claims and revisions; count duplicates; same key twice in one file conflicts."""
    outcome = WriteOutcome()
    for claim in batch:
        claim_id = write_revision(
            connection,
            claims,
            import_id,
            outcome,
            natural={"key": claim.key},
            row=claim.row or 0,
            data=claim.canonical(),
            digest=claim.content_hash(),
            values={
                "claimant": claim.claimant.text,
                "claimant_party": claim.claimant.party,
                "accused_party": claim.accused_party,
                "arrangement": claim.arrangement,
                "metric": claim.metric,
                "period_text": claim.period.text,
                "period_start": claim.period.start,
                "period_end": claim.period.end,
                "published_on": claim.published_on.isoformat() if claim.published_on else None,
                "source_url": claim.source_url,
            },
        )
        if claim_id is not None and claim.items:
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
    return outcome
