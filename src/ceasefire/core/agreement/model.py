"""The agreement model: parties, actors, instruments, terms, conditions, stances, geography.

An agreement is built from *instruments* (source texts with a date and an issuer). It holds
*terms* with stable ids, each with per-party versions; *conditions* as their own records, since
they often become terms later; *stances*, each party's recorded position on a term or condition
at a date; its *geography*; and its *weapon classes*. A unilateral declaration is an agreement
whose terms have one committed party.

There are no floats in the model (distances are integer metres), so :meth:`Agreement.canonical`
gives RFC 8785 bytes that every implementation reproduces.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator

from ceasefire.core.agreement.base import (
    Identifier,
    LongText,
    PartyCode,
    Record,
    ShortText,
    Url,
)
from ceasefire.core.agreement.geography import Geography
from ceasefire.core.agreement.monitoring import Monitoring
from ceasefire.core.agreement.terms import Term
from ceasefire.core.agreement.weapon_classes import WeaponClass
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash


class PartyKind(StrEnum):
    """What kind of party signs, declares, mediates or monitors."""

    STATE = "state"
    MEDIATOR = "mediator"
    MONITOR = "monitor"
    ARMED_GROUP = "armed_group"


class Party(Record):
    """A party: signs or declares (a state, an armed group), mediates or monitors."""

    code: PartyCode
    name: ShortText
    kind: PartyKind


class AffiliationStatus(StrEnum):
    """Whether an actor's affiliation is agreed or disputed."""

    UNDISPUTED = "undisputed"
    CONTESTED = "contested"


class Affiliation(Record):
    """An actor's affiliation to a party over a date range; it can be contested."""

    party: PartyCode
    valid_from: date
    valid_to: date | None = None
    status: AffiliationStatus = AffiliationStatus.UNDISPUTED
    source_url: Url | None = None
    note: LongText | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Affiliation:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self


class Actor(Record):
    """Who acts on the ground (a brigade, a volunteer unit); attribution goes through it."""

    id: Identifier
    name: ShortText
    affiliations: list[Affiliation] = Field(default_factory=list)

    def parties_on(self, day: date) -> list[Affiliation]:
        """The affiliations in effect on ``day`` (several when contested)."""
        return [
            item
            for item in self.affiliations
            if item.valid_from <= day and (item.valid_to is None or day <= item.valid_to)
        ]


class InstrumentKind(StrEnum):
    """Kinds of source text an agreement is built from."""

    JOINT_STATEMENT = "joint_statement"
    CALL_READOUT = "call_readout"
    DECREE = "decree"
    STATEMENT = "statement"
    AGREEMENT_TEXT = "agreement_text"


class Instrument(Record):
    """A source text with a date and an issuer (a joint statement, a readout, a decree)."""

    id: Identifier
    kind: InstrumentKind
    date: date
    issuer: ShortText
    title: ShortText
    source_url: Url
    see_also: list[Url] = Field(default_factory=list)
    note: LongText | None = None


class Condition(Record):
    """A condition a party raises ("a monitoring mechanism"); often a term later."""

    id: Identifier
    title: ShortText
    text: LongText
    raised_by: PartyCode | None = None
    source_url: Url | None = None


class Authority(StrEnum):
    """The speaker's standing."""

    HEAD_OF_STATE = "head_of_state"
    MINISTRY = "ministry"
    SPOKESPERSON = "spokesperson"
    UNNAMED_OFFICIAL = "unnamed_official"
    DELEGATION = "delegation"
    NOT_STATED = "not_stated"


class StanceKind(StrEnum):
    """A party's position on a term or a condition."""

    PROPOSES = "proposes"
    ACCEPTS = "accepts"
    ACCEPTS_WITH_CONDITIONS = "accepts_with_conditions"
    REJECTS = "rejects"
    DEMANDS = "demands"


class Wording(StrEnum):
    """Whether ``text`` is the speaker's words or our paraphrase."""

    QUOTE = "quote"
    PARAPHRASE = "paraphrase"


class Stance(Record):
    """A party's recorded position at a date on one term or one condition."""

    id: Identifier
    date: date
    party: PartyCode
    speaker: ShortText | None = None
    authority: Authority
    stance: StanceKind
    term: Identifier | None = None
    condition: Identifier | None = None
    conditions: list[Identifier] = Field(
        default_factory=list, description="conditions attached (accepts_with_conditions)"
    )
    text: LongText
    wording: Wording
    source_url: Url
    note: LongText | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Stance:
        if (self.term is None) == (self.condition is None):
            raise ValueError("a stance is on exactly one of term or condition")
        return self


class Agreement(Record):
    """An agreement (or a unilateral declaration) as data."""

    id: Identifier
    title: ShortText
    summary: LongText | None = None
    example: bool = Field(
        default=False, description="true for an illustration, not a real arrangement"
    )
    parties: list[Party] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    instruments: list[Instrument] = Field(min_length=1)
    conditions: list[Condition] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    geography: Geography = Field(default_factory=Geography)
    weapon_classes: list[WeaponClass] = Field(default_factory=list)
    monitoring: Monitoring | None = Field(
        default=None,
        description="the mission's reporting day, reply window and joint commission "
        "(defaults when absent)",
    )

    @property
    def monitoring_settings(self) -> Monitoring:
        """``monitoring``, or the defaults (19:30 Kyiv reporting day, 48 h, no commission)."""
        return self.monitoring or Monitoring()

    def party(self, code: str) -> Party | None:
        """The party with ``code``."""
        return next((item for item in self.parties if item.code == code), None)

    def term(self, term_id: str) -> Term | None:
        """The term with ``term_id`` (retired terms included)."""
        return next((item for item in self.terms if item.id == term_id), None)

    def instrument(self, instrument_id: str) -> Instrument | None:
        """The instrument with ``instrument_id``."""
        return next((item for item in self.instruments if item.id == instrument_id), None)

    def weapon_class(self, class_id: str) -> WeaponClass | None:
        """The weapon class with ``class_id``."""
        return next((item for item in self.weapon_classes if item.id == class_id), None)

    @property
    def active_terms(self) -> list[Term]:
        """Terms not retired."""
        return [item for item in self.terms if not item.retired]

    @property
    def is_unilateral(self) -> bool:
        """True when at most one party is committed to any term (a unilateral declaration)."""
        committed = {party for term in self.terms for party in term.committed_parties}
        return len(committed) == 1

    def canonical(self) -> bytes:
        """RFC 8785 bytes of the agreement; times as UTC ``Z`` text, no floats.

        An absent ``monitoring`` section is left out, so agreements written before it existed
        keep their hashes.
        """
        data = self.model_dump(mode="json")
        if data.get("monitoring") is None:
            data.pop("monitoring", None)
        return canonical_bytes(data)

    def content_hash(self) -> str:
        """SHA-256 (hex) of :meth:`canonical`."""
        return content_hash(self.canonical())
