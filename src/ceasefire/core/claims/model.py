"""Claims: a party's aggregate statement about a period, kept beside incidents, never merged.

A claim is what a party *said*: "Russia violated the Easter truce 2,935 times". It has a
claimant (party, institution, speaker), the party it accuses, the arrangement it is about, a
period with its precision ("first 24 hours", "as of 16:00"), and items: each a metric with a
qualifier, an integer value and a :class:`~ceasefire.core.taxonomy.Unit`, so that unlike things
are never compared. Party claims are totals for a period, not incidents.

>>> claim = Claim(key="k1", claimant=Claimant(text="Russia (MoD)", party="Russia"),
...               period=Period(text="whole truce", precision=PeriodPrecision.RELATIVE),
...               metric="violations", value="4900",
...               items=(ClaimItem("violations", Qualifier.EXACTLY, 4900, Unit.VIOLATION),))
>>> claim.canonical()[:52]
b'{"claimant":{"party":"Russia","text":"Russia (MoD)"}'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ceasefire.core.ledger.canonical import CanonicalRecord, utc_text
from ceasefire.core.taxonomy import Unit

LAYOUT = "claim/1"


class Qualifier(StrEnum):
    """How a figure is qualified in the claim's own words."""

    EXACTLY = "exactly"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    ABOUT = "about"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"


class PeriodPrecision(StrEnum):
    """How the period a claim covers is known; ``start``/``end`` carry what can be derived."""

    EXACT = "exact"
    """Both bounds given to the minute."""
    DAYS = "days"
    """Whole local days."""
    AS_OF = "as_of"
    """Up to a stated time ("as of 16:00")."""
    BOUNDED = "bounded"
    """The true period lies inside the window ("24h to 9 April": time of day not given)."""
    OPEN_END = "open_end"
    """A start without an end ("since 18 March")."""
    RELATIVE = "relative"
    """Relative to the arrangement ("whole truce", "first 24 hours"): resolved against it."""


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who makes the claim: the party, and within it the institution and speaker if named."""

    text: str
    party: str
    institution: str | None = None
    speaker: str | None = None
    citing: str | None = None
    """Whom the speaker cites or relays ("President citing C-in-C", "brigade via Suspilne")."""

    def as_dict(self) -> dict[str, object]:
        """Present fields as a dict."""
        out: dict[str, object] = {"text": self.text, "party": self.party}
        for name in ("institution", "speaker", "citing"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass(frozen=True, slots=True)
class Period:
    """The period a claim covers, as written, with UTC bounds where they can be derived."""

    text: str
    precision: PeriodPrecision
    start: datetime | None = None
    end: datetime | None = None
    time_zone: str | None = None
    """The zone the written times were read in (stated, or by the claimant's party)."""

    def as_dict(self) -> dict[str, object]:
        """Present fields as a dict, times as UTC text."""
        out: dict[str, object] = {"text": self.text, "precision": self.precision.value}
        if self.start is not None:
            out["start"] = utc_text(self.start)
        if self.end is not None:
            out["end"] = utc_text(self.end)
        if self.time_zone is not None:
            out["time_zone"] = self.time_zone
        return out


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """One figure of a claim: ``more_than 400 drone_use`` of metric "FPV uses"."""

    metric: str
    qualifier: Qualifier
    value: int
    unit: Unit
    part_of: str | None = None
    """The metric this figure is a part of ("shelling: heavy weapons" of "shelling")."""

    def as_dict(self) -> dict[str, object]:
        """Present fields as a dict."""
        out: dict[str, object] = {
            "metric": self.metric,
            "qualifier": self.qualifier.value,
            "value": self.value,
            "unit": self.unit.value,
        }
        if self.part_of is not None:
            out["part_of"] = self.part_of
        return out


@dataclass(frozen=True, slots=True)
class Claim(CanonicalRecord):
    """A party's aggregate statement. ``metric`` and ``value`` keep the claim's own text."""

    key: str
    claimant: Claimant
    period: Period
    metric: str
    value: str | None = None
    items: tuple[ClaimItem, ...] = ()
    arrangement: str | None = None
    accused_party: str | None = None
    published: str | None = None
    published_on: date | None = None
    breakdown: str | None = None
    denial: str | None = None
    source_url: str | None = None
    row: int | None = field(default=None, compare=False)
    """Row in the source file (not part of the content)."""

    def content(self) -> dict[str, object]:
        """The claim as a JSON-ready dict with no floats (what the record commits to)."""
        out: dict[str, object] = {
            "layout": LAYOUT,
            "key": self.key,
            "claimant": self.claimant.as_dict(),
            "period": self.period.as_dict(),
            "metric": self.metric,
            "items": [item.as_dict() for item in self.items],
        }
        optional = {
            "value": self.value,
            "arrangement": self.arrangement,
            "accused_party": self.accused_party,
            "published": self.published,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "breakdown": self.breakdown,
            "denial": self.denial,
            "source_url": self.source_url,
        }
        out.update({name: value for name, value in optional.items() if value is not None})
        return out
