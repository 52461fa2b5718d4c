"""Records proposed from one text: observations, claims, negotiation events and opinions.

Frozen values matching ``docs/text-proposals.schema.json`` (``ceasefire.text-proposals/1``);
``as_json()`` gives exactly the schema's JSON object for a proposal. Places and dates arrive
already resolved (:class:`PlaceMention`, :class:`DateMention`) from the gazetteer and the date
resolver, with character offsets into the same text.

>>> Opinion(span=(0, 12), text="How shameful").as_json()
{'type': 'opinion', 'span': [0, 12], 'text': 'How shameful'}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ceasefire.core.taxonomy import Act, TargetClass
from ceasefire.core.weapons import WeaponType

SCHEMA = "ceasefire.text-proposals/1"

Span = tuple[int, int]
JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A gazetteer entry: ``source`` is geonames, geonames_admin1, supplement or country."""

    source: Literal["geonames", "geonames_admin1", "supplement", "country"]
    id: str
    name: str
    country: str
    admin1: str | None

    def as_json(self) -> JsonObject:
        """The schema's ``resolved`` object."""
        return {
            "source": self.source,
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A place as written, its level, and its gazetteer entry (``None``: never guessed)."""

    name: str
    level: Literal["place", "region", "country"]
    resolved: Resolved | None

    def as_json(self) -> JsonObject:
        """The schema's ``place`` object."""
        return {
            "name": self.name,
            "level": self.level,
            "resolved": None if self.resolved is None else self.resolved.as_json(),
        }


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place found in the text at ``[start, end)`` (the gazetteer's answer)."""

    start: int
    end: int
    place: Place


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days from ``start`` to ``end``, both inclusive; either end may be unknown."""

    start: date | None
    end: date | None

    def as_json(self) -> JsonObject:
        """The schema's ``{start, end}`` object."""
        return {
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
        }


When = date | DateRange | None
TimeOfDay = str  # night, morning, afternoon, evening, day, "HH:MM" or "HH:MM-HH:MM"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``[start, end)`` resolved against the publication date."""

    start: int
    end: int
    when: When
    time_of_day: TimeOfDay | None = None


def when_json(when: When) -> str | JsonObject | None:
    """A :data:`When` as the schema's ``when``: an ISO date, ``{start, end}`` or ``null``."""
    if when is None:
        return None
    if isinstance(when, DateRange):
        return when.as_json()
    return when.isoformat()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is accused: the canonical party key (or ``None``) and the words used."""

    party: str | None
    as_written: str

    def as_json(self) -> JsonObject:
        """The schema's ``actor`` object."""
        return {"party": self.party, "as_written": self.as_written}


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who says so: a speaker (role or person as written), an institution, a party."""

    speaker: str | None
    institution: str | None
    party: str | None

    def as_json(self) -> JsonObject:
        """The schema's ``claimant`` object."""
        return {"speaker": self.speaker, "institution": self.institution, "party": self.party}


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and injured, ``None`` for a figure the text does not give."""

    killed: int | None
    injured: int | None

    def as_json(self) -> JsonObject:
        """The schema's ``casualties`` object."""
        return {"killed": self.killed, "injured": self.injured}


Qualifier = Literal["exact", "about", "at_least", "more_than", "less_than", "at_most"]


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """One figure of a claim: ``more_than 2935 violations``."""

    qualifier: Qualifier
    value: int
    unit: str

    def as_json(self) -> JsonObject:
        """The schema's claim item."""
        return {"qualifier": self.qualifier, "value": self.value, "unit": self.unit}


def _opt(value: Actor | Claimant | Casualties | None) -> JsonObject | None:
    return None if value is None else value.as_json()


def _places(places: Sequence[Place]) -> list[JsonObject]:
    return [p.as_json() for p in places]


@dataclass(frozen=True, slots=True)
class Observation:
    """A military act, presence or interference at a place and time."""

    span: Span
    text: str
    act: Act
    target_class: TargetClass | None
    weapon: WeaponType | None
    date: When
    time_of_day: TimeOfDay | None
    places: tuple[Place, ...]
    accused: Actor | None
    claimant: Claimant | None
    casualties: Casualties | None
    presented_as: Literal["fact", "claim"]
    type: Literal["observation"] = "observation"

    def as_json(self) -> JsonObject:
        """The schema's ``observation`` object."""
        return {
            "type": self.type,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "act": self.act.value,
            "target_class": None if self.target_class is None else self.target_class.value,
            "weapon": None if self.weapon is None else self.weapon.value,
            "date": when_json(self.date),
            "time_of_day": self.time_of_day,
            "places": _places(self.places),
            "accused": _opt(self.accused),
            "claimant": _opt(self.claimant),
            "casualties": _opt(self.casualties),
            "presented_as": self.presented_as,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """An aggregate statement with figures."""

    span: Span
    text: str
    claimant: Claimant | None
    accused: Actor | None
    period: DateRange
    items: tuple[ClaimItem, ...]
    places: tuple[Place, ...]
    type: Literal["claim"] = "claim"

    def as_json(self) -> JsonObject:
        """The schema's ``claim`` object."""
        return {
            "type": self.type,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "claimant": _opt(self.claimant),
            "accused": _opt(self.accused),
            "period": self.period.as_json(),
            "items": [i.as_json() for i in self.items],
            "places": _places(self.places),
        }


NegotiationKind = Literal[
    "proposal",
    "acceptance",
    "conditional_acceptance",
    "rejection",
    "demand",
    "threat",
    "warning",
    "meeting",
    "unilateral_declaration",
    "agreement_reached",
]


@dataclass(frozen=True, slots=True)
class NegotiationEvent:
    """A move in negotiations: proposal, acceptance, rejection, meeting…"""

    span: Span
    text: str
    kind: NegotiationKind
    actor: Actor
    counterpart: Actor | None
    subject: str | None
    date: When
    places: tuple[Place, ...]
    conditions: tuple[str, ...]
    type: Literal["negotiation_event"] = "negotiation_event"

    def as_json(self) -> JsonObject:
        """The schema's ``negotiation_event`` object."""
        return {
            "type": self.type,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "kind": self.kind,
            "actor": self.actor.as_json(),
            "counterpart": _opt(self.counterpart),
            "subject": self.subject,
            "date": when_json(self.date),
            "places": _places(self.places),
            "conditions": list(self.conditions),
        }


@dataclass(frozen=True, slots=True)
class Opinion:
    """A sentence that is the writer's own judgement: flagged so it never becomes a record."""

    span: Span
    text: str
    type: Literal["opinion"] = "opinion"

    def as_json(self) -> JsonObject:
        """The schema's ``opinion`` object."""
        return {"type": self.type, "span": [self.span[0], self.span[1]], "text": self.text}


Proposal = Observation | Claim | NegotiationEvent | Opinion


def document_json(
    language: str, published: date | None, proposals: Sequence[Proposal]
) -> JsonObject:
    """The whole ``ceasefire.text-proposals/1`` document, proposals in order of span start."""
    ordered = sorted(proposals, key=lambda p: (p.span[0], p.span[1]))
    return {
        "schema": SCHEMA,
        "language": language,
        "published": None if published is None else published.isoformat(),
        "proposals": [p.as_json() for p in ordered],
    }
