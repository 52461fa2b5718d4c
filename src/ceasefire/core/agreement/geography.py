"""Geography of an agreement: reference lines, control areas and protected-object registries.

Every layer names a file (``package:NAME`` for a shipped layer, otherwise a path relative to the
agreement document) and a validity interval: lines move, so the line a zone is measured from is
the one valid at the time in question. A reference line with a ``party`` is that party's own
line (Minsk II measured the two sides from different lines); one without is the agreement's.
Loading the files is an edge's job (``ceasefire.ingest.agreement_files``); this module holds
only the references.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from ceasefire.core.agreement.base import (
    Identifier,
    LongText,
    PartyCode,
    Record,
    ShortText,
    Url,
)
from ceasefire.core.agreement.times import TimeZoneName, UtcDatetime, localise
from ceasefire.core.taxonomy import TargetClass

LayerRef = Annotated[
    str,
    StringConstraints(
        pattern=r"^(package:[A-Za-z0-9_.-]+|[^:]+)(#[A-Za-z0-9_]+=[^#]+)?$", max_length=500
    ),
    Field(
        description=(
            "package:NAME (a file shipped in ceasefire/data) or a path relative to the agreement "
            "file, optionally with #property=value to select features"
        )
    ),
]


class Provenance(Record):
    """Where a layer comes from and how it was made."""

    source: ShortText
    method: LongText | None = None
    source_url: Url | None = None
    licence: ShortText | None = None


class Layer(Record):
    """A geographic layer in a file, valid over ``[valid_from, valid_to)``."""

    id: Identifier
    name: ShortText
    file: LayerRef
    time_zone: TimeZoneName = "UTC"
    valid_from: UtcDatetime
    valid_to: UtcDatetime | None = None
    provenance: Provenance

    @model_validator(mode="before")
    @classmethod
    def _read_local_times(cls, data: Any) -> Any:
        return localise(data, ("valid_from", "valid_to"))

    @model_validator(mode="after")
    def _ordered(self) -> Layer:
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            raise ValueError("valid_to is not after valid_from")
        return self

    def valid_at(self, moment: datetime) -> bool:
        """True when ``moment`` (aware) is in ``[valid_from, valid_to)``."""
        return self.valid_from <= moment and (self.valid_to is None or moment < self.valid_to)


class ReferenceLine(Layer):
    """A line zones are measured from: the agreement's (no party) or one party's own."""

    party: PartyCode | None = None


class ControlArea(Layer):
    """Areas each side holds at a date; features carry the party code in ``party_property``."""

    party_property: Identifier = "party"

    def ref_for(self, party: str) -> str:
        """The layer reference selecting ``party``'s area, e.g. ``package:x.geojson#party=UA``."""
        return f"{self.file}#{self.party_property}={party}"


class Registry(Record):
    """A registry of protected objects (CSV with coordinates); it helps locate, not define."""

    id: Identifier
    name: ShortText
    file: LayerRef
    lists: LongText = Field(description="what the registry lists, and what it leaves out")
    target_classes: list[TargetClass] = Field(default_factory=list)
    name_column: ShortText = "name"
    latitude_column: ShortText = "latitude"
    longitude_column: ShortText = "longitude"
    provenance: Provenance


class Geography(Record):
    """The agreement's layers."""

    reference_lines: list[ReferenceLine] = Field(default_factory=list)
    control_areas: list[ControlArea] = Field(default_factory=list)
    registries: list[Registry] = Field(default_factory=list)
    note: LongText | None = None

    def reference_line(self, party: str, moment: datetime) -> ReferenceLine | None:
        """The line ``party``'s zones are measured from at ``moment``.

        The party's own line valid then wins over the agreement's line valid then.
        """
        own = [line for line in self.reference_lines if line.party == party]
        for line in own:
            if line.valid_at(moment):
                return line
        for line in self.reference_lines:
            if line.party is None and line.valid_at(moment):
                return line
        return None

    def control_area(self, moment: datetime) -> ControlArea | None:
        """The control-area layer valid at ``moment``."""
        for area in self.control_areas:
            if area.valid_at(moment):
                return area
        return None

    def layers(self) -> list[tuple[str, Layer | Registry]]:
        """Every layer and registry with its field path, e.g. ``geography.control_areas[0]``."""
        found: list[tuple[str, Layer | Registry]] = []
        found += [
            (f"geography.reference_lines[{i}]", x) for i, x in enumerate(self.reference_lines)
        ]
        found += [(f"geography.control_areas[{i}]", x) for i, x in enumerate(self.control_areas)]
        found += [(f"geography.registries[{i}]", x) for i, x in enumerate(self.registries)]
        return found
