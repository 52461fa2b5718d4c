"""Stances, conditions and lifecycle events as dated records: the time dimension of an agreement.

The agreement model (:mod:`ceasefire.core.agreement.model`) already has conditions and stances;
a :class:`StanceRecord` is the same concept kept over time, one record per statement, so a
party's position on a term or a condition can be read *as of* any date. Records are immutable:
a correction is a new revision of the same record id; history is never rewritten.

Every record has canonical bytes (RFC 8785, no floats) and their SHA-256, like every other
record the ledger covers.

>>> record = StanceRecord(
...     id="S-1", agreement="truce", party="RU", term="T-1", stance="accepts",
...     date="2025-04-19", authority="head_of_state",
...     source_url="https://tass.com/politics/1947203")
>>> record.subject, record.stance.value
('term:T-1', 'accepts')
>>> len(record.content_hash())
64
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date as Date  # noqa: N812 - a field is called ``date``
from datetime import datetime
from datetime import time as Time  # noqa: N812 - a field is called ``time``
from enum import StrEnum

from pydantic import Field, model_validator

from ceasefire.core.agreement.base import Identifier, LongText, PartyCode, Record, ShortText, Url
from ceasefire.core.agreement.model import Authority, StanceKind
from ceasefire.core.agreement.terms import LifecycleState
from ceasefire.core.agreement.times import TimeZoneName, local_to_utc
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, utc_text

__all__ = [
    "Authority",
    "ConditionRecord",
    "LifecycleKind",
    "LifecycleRecord",
    "StanceKind",
    "StanceRecord",
]


class LifecycleKind(StrEnum):
    """A step of a party's lifecycle: the term-version states plus a unilateral declaration."""

    PROPOSED = "proposed"
    COMMITTED = "committed"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    UNILATERAL_DECLARATION = "unilateral_declaration"

    @classmethod
    def of_state(cls, state: LifecycleState) -> LifecycleKind:
        """The kind for a term version's lifecycle state (same word)."""
        return cls(state.value)


class _Dated(Record):
    """A date, with an optional wall time in a named zone."""

    date: Date
    time: Time | None = None
    time_zone: TimeZoneName | None = None

    @model_validator(mode="after")
    def _time_needs_zone(self) -> _Dated:
        if self.time is not None and self.time_zone is None:
            raise ValueError("time_zone: required when a time is given (e.g. Europe/Moscow)")
        return self

    @property
    def moment(self) -> datetime | None:
        """The UTC instant when a time is given (``None`` for a date alone)."""
        if self.time is None or self.time_zone is None:
            return None
        return local_to_utc(datetime.combine(self.date, self.time), self.time_zone)

    def order_key(self) -> tuple[Date, str]:
        """Sort key: the date, then the UTC time when known (a date alone sorts first)."""
        moment = self.moment
        return (self.date, utc_text(moment) if moment is not None else "")

    def _dated_content(self) -> dict[str, object]:
        data: dict[str, object] = {"date": self.date.isoformat()}
        if self.time is not None:
            data["time"] = self.time.isoformat()
            data["time_zone"] = self.time_zone
        return data


def _drop_none(data: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in data.items() if value is not None and value != []}


class StanceRecord(_Dated):
    """A party's stance on exactly one term or one condition, stated at a date."""

    id: Identifier
    agreement: Identifier
    party: PartyCode
    term: Identifier | None = None
    condition: Identifier | None = None
    stance: StanceKind
    speaker: ShortText | None = None
    authority: Authority = Authority.NOT_STATED
    quote: LongText | None = Field(default=None, description="the speaker's exact words")
    summary: LongText | None = Field(default=None, description="our paraphrase, not a quote")
    conditions: list[Identifier] = Field(
        default_factory=list, description="condition ids the stance refers to or attaches"
    )
    source_url: Url
    source_title: ShortText | None = None
    note: LongText | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> StanceRecord:
        if (self.term is None) == (self.condition is None):
            raise ValueError("term/condition: a stance is on exactly one of a term or a condition")
        if len(set(self.conditions)) != len(self.conditions):
            raise ValueError("conditions: a condition is listed twice")
        return self

    @property
    def subject(self) -> str:
        """``term:ID`` or ``condition:ID``: what the stance is on."""
        return f"term:{self.term}" if self.term is not None else f"condition:{self.condition}"

    def content(self) -> dict[str, object]:
        """What the record commits to (JSON-ready, no floats)."""
        return _drop_none(
            {
                "record": "stance",
                "id": self.id,
                "agreement": self.agreement,
                "party": self.party,
                "term": self.term,
                "condition": self.condition,
                "stance": self.stance.value,
                **self._dated_content(),
                "speaker": self.speaker,
                "authority": self.authority.value,
                "quote": self.quote,
                "summary": self.summary,
                "conditions": list(self.conditions),
                "source_url": self.source_url,
                "source_title": self.source_title,
                "note": self.note,
            }
        )

    def canonical(self) -> bytes:
        """RFC 8785 bytes of :meth:`content`."""
        return canonical_bytes(self.content())

    def content_hash(self) -> str:
        """SHA-256 hex of :meth:`canonical`."""
        return content_hash(self.canonical())


class ConditionRecord(Record):
    """A condition raised by a party, as its own record; ``becomes_term`` once it is a term."""

    id: Identifier
    agreement: Identifier
    title: ShortText
    text: LongText
    raised_by: PartyCode | None = None
    date: Date | None = None
    source_url: Url | None = None
    source_title: ShortText | None = None
    becomes_term: Identifier | None = None
    becomes_term_on: Date | None = None
    note: LongText | None = None

    @model_validator(mode="after")
    def _term_link(self) -> ConditionRecord:
        if self.becomes_term_on is not None and self.becomes_term is None:
            raise ValueError("becomes_term: required when becomes_term_on is given")
        if (
            self.becomes_term_on is not None
            and self.date is not None
            and self.becomes_term_on < self.date
        ):
            raise ValueError("becomes_term_on: before the date the condition was raised")
        return self

    def content(self) -> dict[str, object]:
        """What the record commits to (JSON-ready, no floats)."""
        return _drop_none(
            {
                "record": "condition",
                "id": self.id,
                "agreement": self.agreement,
                "title": self.title,
                "text": self.text,
                "raised_by": self.raised_by,
                "date": self.date.isoformat() if self.date else None,
                "source_url": self.source_url,
                "source_title": self.source_title,
                "becomes_term": self.becomes_term,
                "becomes_term_on": self.becomes_term_on.isoformat()
                if self.becomes_term_on
                else None,
                "note": self.note,
            }
        )

    def canonical(self) -> bytes:
        """RFC 8785 bytes of :meth:`content`."""
        return canonical_bytes(self.content())

    def content_hash(self) -> str:
        """SHA-256 hex of :meth:`canonical`."""
        return content_hash(self.canonical())


class LifecycleRecord(_Dated):
    """One party's lifecycle step for the agreement (``term`` empty) or for one term."""

    id: Identifier
    agreement: Identifier
    party: PartyCode
    kind: LifecycleKind
    term: Identifier | None = None
    instrument: Identifier | None = None
    source_url: Url
    source_title: ShortText | None = None
    note: LongText | None = None

    def content(self) -> dict[str, object]:
        """What the record commits to (JSON-ready, no floats)."""
        return _drop_none(
            {
                "record": "lifecycle",
                "id": self.id,
                "agreement": self.agreement,
                "party": self.party,
                "kind": self.kind.value,
                "term": self.term,
                **self._dated_content(),
                "instrument": self.instrument,
                "source_url": self.source_url,
                "source_title": self.source_title,
                "note": self.note,
            }
        )

    def canonical(self) -> bytes:
        """RFC 8785 bytes of :meth:`content`."""
        return canonical_bytes(self.content())

    def content_hash(self) -> str:
        """SHA-256 hex of :meth:`canonical`."""
        return content_hash(self.canonical())
