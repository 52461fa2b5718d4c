"""Findings in their own right: about a site, an inspection, a period or a monitor's movement.

Most findings hold one incident against one term (``kind="incident"``). Regrouping, rearming
and interference with monitors are findings of their own, beside them in the same table: a
shortfall at a storage site, an inspection refused, a significant rise in heavy weapons near
the line, a restriction of the monitors' freedom of movement, interference (jamming, fire at
monitors or their UAVs). A :class:`StandingFinding` names its ``subject`` (what it is about),
holds the same verdicts as incident findings and a plain-language trace. A finding tied to a
term (a rise in weapons under a withdrawal term) names the agreement, term and party version;
the others are the mission's and name none.

>>> aliases = party_aliases([("RU", "Russian Federation"), ("UA", "Ukraine")])
>>> party_in("Ukraine (brigade escort)", aliases), party_in("unknown", aliases)
('UA', None)
>>> party_in("armed men at checkpoint (unidentified)", aliases) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ceasefire.core.compliance.model import Verdict

COMMON_NAMES = {"russia": "RU", "ukraine": "UA"}
"""Short names parties are commonly called by in free text (beside the agreements' own)."""


class FindingKind(StrEnum):
    """What a finding is about."""

    INCIDENT = "incident"
    STORAGE_SHORTFALL = "storage_shortfall"
    INSPECTION_REFUSED = "inspection_refused"
    WEAPONS_RISE = "weapons_rise"
    RESTRICTION = "restriction"
    INTERFERENCE = "interference"


STANDING_KINDS = tuple(kind for kind in FindingKind if kind is not FindingKind.INCIDENT)
"""The kinds listed in the report's "Regrouping, rearming and restrictions" section."""


@dataclass(frozen=True)
class StandingFinding:
    """A finding about a subject other than one incident held against one term."""

    kind: FindingKind
    subject: str
    """What it is about: ``UA-S01@2025-04-20T08:00:00Z/mlrs.light/122/BM-21 Grad``, …"""
    verdict: Verdict
    responsible_party: str | None
    moment: datetime
    """When it happened (inspection time, restriction time, end of the period)."""
    trace: str
    agreement_id: str | None = None
    term_id: str | None = None
    version_party: str | None = None
    incident_id: str | None = None

    @property
    def key(self) -> str:
        """The natural key a finding's public ID is minted once for."""
        parts = (self.agreement_id, self.term_id, self.version_party)
        scope = "/".join(part or "-" for part in parts)
        return f"{self.kind.value}/{scope}/{self.subject}"


def party_aliases(parties: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case names and codes → party code, from ``(code, name)`` pairs and common names."""
    out = dict(COMMON_NAMES)
    for code, name in parties:
        out[code.lower()] = code
        out[name.lower()] = code
    return out


def party_in(text: str | None, aliases: Mapping[str, str]) -> str | None:
    """The one party ``text`` names (as a whole word or phrase), else ``None``.

    Two different parties named, or none, give ``None``: the caller says "not attributable".
    """
    if not text:
        return None
    lowered = text.lower()
    found = {
        code
        for alias, code in aliases.items()
        if re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", lowered)
    }
    return found.pop() if len(found) == 1 else None
