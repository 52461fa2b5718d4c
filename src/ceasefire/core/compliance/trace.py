"""Plain-language rule traces, built only when a finding is shown.

The finding table's test columns are the structured trace; :func:`rule_trace` turns one row
into a :class:`RuleTrace` (one clause per test, with the facts it rests on) and
:meth:`RuleTrace.text` renders it, e.g.

    FPV strike on a power plant in Kherson (target class: energy generation; not in registry)
    on 4 Apr 2025 10:12 Kyiv time; inside the term's window under Russia's version (from 18 Mar)
    and Ukraine's (from 25 Mar); attributed to Russia (confidence: probable). Verdict under
    Russia's version: violation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ceasefire.core.agreement.model import Agreement
from ceasefire.core.compliance.model import (
    FALSE,
    TRUE,
    FindingTable,
    Incidents,
    ProtectedObjects,
)
from ceasefire.core.compliance.temporal import OPEN_END, edge_text, in_force, local_text

SHORT_NAMES = {"RU": "Russia", "UA": "Ukraine", "US": "the United States"}
ZONE_NAMES = {"Europe/Kyiv": "Kyiv time", "Europe/Moscow": "Moscow time", "UTC": "UTC"}
ACT_WORDS = {
    "shelling": "Shelling",
    "shelling.artillery": "Artillery fire",
    "shelling.mlrs": "MLRS fire",
    "shelling.mortar": "Mortar fire",
    "shelling.tank": "Tank fire",
    "small_arms_fire": "Small-arms fire",
    "armed_clash": "Armed clash",
    "drone_strike": "Drone strike",
    "drone_strike.fpv": "FPV strike",
    "drone_strike.loitering": "Loitering-munition strike",
    "drone_strike.bomb_drop": "Drone bomb drop",
    "missile_strike": "Missile strike",
    "air_strike": "Air strike",
    "air_strike.glide_bomb": "Glide-bomb strike",
    "ground_assault": "Ground assault",
    "weapon_sighting": "Sighting of",
}
TARGET_WORDS = {
    "energy": "an energy object",
    "energy.generation": "a power plant",
    "energy.transmission": "a substation or power line",
    "energy.refinery": "a refinery",
    "energy.pipeline": "a pipeline or pumping station",
    "energy.oil_gas_storage": "an oil or gas depot",
    "energy.oil_gas_production": "an oil or gas field",
    "energy.nuclear": "a nuclear power plant",
    "energy.dam": "a dam",
    "military": "a military target",
}


def party_name(agreement: Agreement, code: str | None) -> str:
    """A party as a reader names it (``Russia``), from its code."""
    if code is None:
        return "an unknown party"
    party = agreement.party(code)
    return SHORT_NAMES.get(code, party.name if party else code)


@dataclass(frozen=True)
class RuleTrace:
    """One finding's trace: what happened, then one clause per test, then the verdict."""

    incident: str
    time: str
    window: str
    place: str | None
    attribution: str
    verdict: str

    def text(self) -> str:
        """The trace as one paragraph of plain language."""
        clauses = [f"{self.incident} {self.time}", self.window]
        if self.place:
            clauses.append(self.place)
        clauses.append(self.attribution)
        return "; ".join(clauses) + f". {self.verdict}"


def rule_trace(
    findings: FindingTable,
    row: int,
    *,
    agreement: Agreement,
    incidents: Incidents,
    objects: ProtectedObjects | None = None,
    time_zone: str = "Europe/Kyiv",
) -> RuleTrace:
    """The trace of finding ``row`` (rendered lazily: nothing is kept but the columns)."""
    i = int(findings.incident[row])
    term = agreement.term(str(findings.term[row]))
    if term is None:
        raise ValueError(f"finding {row}: no term {findings.term[row]!r} in {agreement.id}")
    version = str(findings.version[row])
    act = incidents.act[i]
    target = incidents.target_class[i]
    words = ACT_WORDS.get(str(act), f"Incident ({act or 'act not reported'})")
    if act == "weapon_sighting":
        what = f"{words} {_weapon(incidents, i)}"
    else:
        what = f"{words} on {TARGET_WORDS.get(str(target), 'a target')}" if target else words
    if incidents.place[i]:
        what += f" in {incidents.place[i]}"
    if term.target_classes:
        listed = "in registry" if findings.registry_object[row] >= 0 else "not in registry"
        if objects is not None and findings.registry_object[row] >= 0:
            listed = f"in registry: {objects.name[int(findings.registry_object[row])]}"
        kind = str(target).replace("energy.", "energy ").replace("_", " ") if target else "unknown"
        what += f" (target class: {kind}; {listed})"
    return RuleTrace(
        incident=what,
        time=_when(incidents, i, time_zone),
        window=_window_clause(findings, row, agreement),
        place=_place_clause(findings, row, agreement),
        attribution=_attribution_clause(findings, row, agreement, incidents),
        verdict=(
            f"Verdict under {party_name(agreement, version)}'s version of {term.id}: "
            f"{findings.verdict(row).value.replace('_', ' ')}."
        ),
    )


def _weapon(incidents: Incidents, i: int) -> str:
    kind = incidents.weapon_type[i]
    if not kind:
        return "a weapon of unreported type"
    calibre = incidents.calibre_mm[i]
    size = f", {int(calibre)} mm" if not np.isnan(calibre) else ""
    return f"a weapon ({kind}{size})"


def _when(incidents: Incidents, i: int, zone: str) -> str:
    if not incidents.dated[i]:
        return "at an unknown time"
    start, end = int(incidents.start_s[i]), int(incidents.end_s[i])
    label = ZONE_NAMES.get(zone, zone)
    if end - start <= 60:
        return f"on {local_text(start, zone)} {label}"
    if end - start == 86_400 and local_text(start, zone).endswith("00:00"):
        return f"on {local_text(start, zone, with_time=False)} (date only, {label})"
    return f"between {local_text(start, zone)} and {local_text(end, zone)} {label}"


def _edges(agreement: Agreement, term_id: str, party: str) -> str:
    term = agreement.term(term_id)
    version = term.versions[party] if term else None
    spans = in_force(version) if version else []
    if not spans or version is None:
        return "never in force"
    zone = version.window.time_zone if version.window else "UTC"
    low, high = spans[0][0], spans[-1][1]
    if low <= -OPEN_END:
        return "no dates given"
    text = f"from {edge_text(low, zone)}"
    if high < OPEN_END:
        text += f" to {edge_text(high, zone)}"
    return text + ("" if zone == "Europe/Kyiv" else f" {ZONE_NAMES.get(zone, zone)}")


def _window_clause(findings: FindingTable, row: int, agreement: Agreement) -> str:
    same = np.flatnonzero(
        (findings.incident == findings.incident[row]) & (findings.term == findings.term[row])
    )
    groups: dict[str, list[str]] = {"inside": [], "outside": [], "across an edge of": []}
    for k in same.tolist():
        party = str(findings.version[k])
        value = int(findings.temporal[k])
        key = "inside" if value == TRUE else "outside" if value == FALSE else "across an edge of"
        edges = _edges(agreement, str(findings.term[k]), party)
        groups[key].append(f"{party_name(agreement, party)}'s ({edges})")
    parts = []
    for key, names in groups.items():
        if names:
            listed = " and ".join(names).replace("'s (", "'s version (", 1)
            parts.append(f"{key} the term's window under {listed}")
    return "; ".join(parts)


def _place_clause(findings: FindingTable, row: int, agreement: Agreement) -> str | None:
    if findings.weapon_class[row] is None:
        return None
    side = party_name(agreement, findings.side[row])
    km = f"{int(findings.distance_m[row]) / 1000:g} km"
    where = ("outside", "possibly inside", "inside")[int(findings.spatial[row])]
    return (
        f"weapon class '{findings.weapon_class[row]}': {where} {side}'s {km} zone, measured "
        f"from line {findings.line[row]} on ground held per {findings.control[row]}"
    )


def _attribution_clause(
    findings: FindingTable, row: int, agreement: Agreement, incidents: Incidents
) -> str:
    i = int(findings.incident[row])
    state = incidents.attribution[i]
    party = incidents.party[i]
    if state == "attributed":
        confidence = incidents.attribution_confidence[i] or "not graded"
        text = f"attributed to {party_name(agreement, party)} (confidence: {confidence})"
        if int(findings.attribution[row]) == FALSE:
            text += f"; {party_name(agreement, party)} is not bound by this term"
        return text
    if state == "contested":
        return "attribution contested: not held against any party"
    if state == "not_attributable":
        return "not attributable to a party: never a violation"
    return "attribution unknown: never a violation"
