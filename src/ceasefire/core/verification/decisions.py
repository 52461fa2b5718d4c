"""Analyst decisions, replayed on every verification run so re-running never loses them.

A decision is an input keyed to an incident ID, with actor, time and reason. Membership
decisions carry the observations they concern, as they were when the analyst decided:

* ``merge`` — these observations (all of the incidents merged) belong together;
* ``split`` — these observations leave their incident and form one of their own;

Assessment decisions override what the rules concluded for the incident with that ID:

* ``grade`` — set the confidence; ``discount`` — confidence "discounted";
* ``attribute`` — set the party (or ``contested`` / ``not_attributable``).

Decisions are replayed in the order they were made, so when two contradict each other the
latest wins; the history stays in the store.

>>> import numpy as np
>>> ids = np.array([10, 11, 12, 13])
>>> labels = np.array([0, 0, 1, 2])
>>> merge = Decision("merge", "INC-1", observations=(11, 12))
>>> apply_membership(ids, labels, [merge]).tolist()
[0, 0, 0, 2]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt


class DecisionKind(StrEnum):
    """What an analyst can decide about an incident."""

    MERGE = "merge"
    SPLIT = "split"
    GRADE = "grade"
    ATTRIBUTE = "attribute"
    DISCOUNT = "discount"


CONFIDENCE_LEVELS = ("confirmed", "probable", "possible", "unverified", "discounted")
ATTRIBUTION_STATES = ("contested", "not_attributable")


@dataclass(frozen=True)
class Decision:
    """One analyst decision, as replayed (actor, time and reason live in the store)."""

    kind: str
    incident_id: str
    observations: tuple[int, ...] = ()
    value: str | None = None
    reason: str = ""


def apply_membership(
    observation_ids: npt.NDArray[np.int64],
    labels: npt.NDArray[np.int64],
    decisions: Sequence[Decision],
) -> npt.NDArray[np.int64]:
    """Labels after replaying merge and split decisions in order (a new array)."""
    out = labels.copy()
    position = {int(obs): i for i, obs in enumerate(observation_ids.tolist())}
    for decision in decisions:
        at = [position[o] for o in decision.observations if o in position]
        if not at:
            continue
        if decision.kind == DecisionKind.MERGE:
            together = np.unique(out[at])
            out[np.isin(out, together)] = together.min()
        elif decision.kind == DecisionKind.SPLIT:
            out[at] = (out.max() + 1) if out.size else 0
    return out


@dataclass(frozen=True)
class Override:
    """What decisions set for one incident (``None``: the rules' result stands)."""

    confidence: str | None = None
    party: str | None = None
    attribution: str | None = None
    reasons: tuple[str, ...] = ()


def overrides(decisions: Sequence[Decision]) -> dict[str, Override]:
    """The latest grade/discount and attribute decision per incident ID."""
    found: dict[str, Override] = {}
    for decision in decisions:
        current = found.get(decision.incident_id, Override())
        if decision.kind == DecisionKind.GRADE:
            current = Override(
                decision.value,
                current.party,
                current.attribution,
                (*current.reasons, f"graded {decision.value}: {decision.reason}"),
            )
        elif decision.kind == DecisionKind.DISCOUNT:
            current = Override(
                "discounted",
                current.party,
                current.attribution,
                (*current.reasons, f"discounted: {decision.reason}"),
            )
        elif decision.kind == DecisionKind.ATTRIBUTE:
            state = decision.value if decision.value in ATTRIBUTION_STATES else "attributed"
            party = None if decision.value in ATTRIBUTION_STATES else decision.value
            current = Override(
                current.confidence,
                party,
                state,
                (*current.reasons, f"attributed {decision.value}: {decision.reason}"),
            )
        else:
            continue
        found[decision.incident_id] = current
    return found
