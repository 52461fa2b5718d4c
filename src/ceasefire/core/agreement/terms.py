"""Terms, their per-party versions, windows and lifecycles.

A term has a stable ``id`` that is never reused: a term that no longer applies stays in the
document with ``retired: true``. Each party's commitment to it is a :class:`TermVersion` citing
the instrument it comes from, with its own window, scope, object list and lifecycle. "Violated"
is an assessment by findings, never a lifecycle state.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator, model_validator

from ceasefire.core.agreement.base import (
    Identifier,
    LongText,
    PartyCode,
    Record,
    ShortText,
)
from ceasefire.core.agreement.times import TimeZoneName, UtcDatetime, localise
from ceasefire.core.taxonomy import Act, TargetClass


class TermKind(StrEnum):
    """What a term is about."""

    CEASEFIRE = "ceasefire"
    HEAVY_WEAPON_WITHDRAWAL = "heavy_weapon_withdrawal"
    PROTECTED_INFRASTRUCTURE = "protected_infrastructure"
    MARITIME = "maritime"
    MONITORING = "monitoring"
    DISENGAGEMENT = "disengagement"
    OTHER = "other"


class LifecycleState(StrEnum):
    """Where one party's commitment to a term stands. There is no "violated"."""

    PROPOSED = "proposed"
    COMMITTED = "committed"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


NEXT_STATES: dict[LifecycleState, frozenset[LifecycleState]] = {
    LifecycleState.PROPOSED: frozenset(
        {LifecycleState.COMMITTED, LifecycleState.IN_FORCE, LifecycleState.WITHDRAWN}
    ),
    LifecycleState.COMMITTED: frozenset(
        {LifecycleState.IN_FORCE, LifecycleState.EXPIRED, LifecycleState.WITHDRAWN}
    ),
    LifecycleState.IN_FORCE: frozenset(
        {LifecycleState.SUSPENDED, LifecycleState.EXPIRED, LifecycleState.WITHDRAWN}
    ),
    LifecycleState.SUSPENDED: frozenset(
        {LifecycleState.IN_FORCE, LifecycleState.EXPIRED, LifecycleState.WITHDRAWN}
    ),
    LifecycleState.EXPIRED: frozenset(),
    LifecycleState.WITHDRAWN: frozenset(),
}
"""Allowed moves from each state."""
STARTING_STATES = frozenset(
    {LifecycleState.PROPOSED, LifecycleState.COMMITTED, LifecycleState.IN_FORCE}
)


class Window(Record):
    """When a version applies: declared in ``time_zone``, stored as UTC; ``end`` may be open."""

    time_zone: TimeZoneName
    start: UtcDatetime
    end: UtcDatetime | None = None
    note: LongText | None = None

    @model_validator(mode="before")
    @classmethod
    def _read_local_times(cls, data: Any) -> Any:
        return localise(data, ("start", "end"))

    @model_validator(mode="after")
    def _end_after_start(self) -> Window:
        if self.end is not None and self.end <= self.start:
            raise ValueError(
                f"end ({self.end:%Y-%m-%dT%H:%MZ}) is not after start "
                f"({self.start:%Y-%m-%dT%H:%MZ})"
            )
        return self

    def contains(self, moment: datetime) -> bool:
        """True when ``moment`` (aware) is in ``[start, end)``."""
        return self.start <= moment and (self.end is None or moment < self.end)


class LifecycleEvent(Record):
    """One step of a party's lifecycle for a term, dated and citing its instrument."""

    state: LifecycleState
    date: date
    instrument: Identifier | None = None
    note: LongText | None = None

    @field_validator("state", mode="before")
    @classmethod
    def _no_violated(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() == "violated":
            raise ValueError(
                "'violated' is an assessment by findings, never a lifecycle state; use one of "
                + ", ".join(state.value for state in LifecycleState)
            )
        return value


class TermVersion(Record):
    """One party's version of a term: its instrument, window, scope, objects and lifecycle."""

    instrument: Identifier
    window: Window | None = None
    duration_days: int | None = Field(default=None, ge=1, le=3650)
    scope: LongText | None = None
    objects: list[ShortText] = Field(
        default_factory=list, description="the object list in the party's own words"
    )
    target_classes: list[TargetClass] = Field(
        default_factory=list, description="replaces the term's target classes for this party"
    )
    withdrawal_m: dict[Identifier, int] = Field(
        default_factory=dict,
        description="withdrawal distance in metres per weapon class id of the agreement",
    )
    conditions_precedent: list[Identifier] = Field(default_factory=list)
    lifecycle: list[LifecycleEvent] = Field(default_factory=list)
    note: LongText | None = None

    @field_validator("withdrawal_m")
    @classmethod
    def _distances(cls, value: dict[str, int]) -> dict[str, int]:
        for key, metres in value.items():
            if not 0 < metres <= 1_000_000:
                raise ValueError(f"{key}: distance {metres} m is not between 1 m and 1000 km")
        return value

    @model_validator(mode="after")
    def _lifecycle_in_order(self) -> TermVersion:
        steps = self.lifecycle
        if steps and steps[0].state not in STARTING_STATES:
            raise ValueError(
                f"lifecycle[0]: a lifecycle starts at proposed, committed or in_force, "
                f"not {steps[0].state.value}"
            )
        for index, (before, after) in enumerate(itertools.pairwise(steps), start=1):
            if after.date < before.date:
                raise ValueError(f"lifecycle[{index}]: date {after.date} is before {before.date}")
            if after.state not in NEXT_STATES[before.state]:
                raise ValueError(
                    f"lifecycle[{index}]: cannot go from {before.state.value} "
                    f"to {after.state.value}"
                )
        return self

    def state_on(self, day: date) -> LifecycleState | None:
        """The lifecycle state on ``day`` (the last event dated on or before it)."""
        current = None
        for step in self.lifecycle:
            if step.date <= day:
                current = step.state
        return current


class Term(Record):
    """A term of an agreement with per-party versions keyed by party code."""

    id: Identifier
    kind: TermKind
    title: ShortText
    prohibited_acts: list[Act] = Field(
        default_factory=list, description="acts the term prohibits; a parent covers its kinds"
    )
    target_classes: list[TargetClass] = Field(
        default_factory=list, description="protected target classes (target-class terms)"
    )
    versions: dict[PartyCode, TermVersion]
    retired: bool = False
    note: LongText | None = None

    def target_classes_for(self, party: str) -> list[TargetClass]:
        """The target classes that bind ``party``: its version's own list, else the term's."""
        version = self.versions.get(party)
        if version is not None and version.target_classes:
            return version.target_classes
        return self.target_classes

    @property
    def committed_parties(self) -> list[str]:
        """Parties whose version reached committed or in_force at some point."""
        bound = {LifecycleState.COMMITTED, LifecycleState.IN_FORCE}
        return [
            party
            for party, version in self.versions.items()
            if any(step.state in bound for step in version.lifecycle)
        ]
