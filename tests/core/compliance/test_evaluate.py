"""Evaluation on the shipped agreements and geography, named by behaviour."""

from __future__ import annotations

from ceasefire.core.compliance import Tri, evaluate, rule_trace
from ceasefire.core.compliance.model import FindingTable
from ceasefire.ingest.agreement_files import layer_source
from ceasefire.ingest.compliance_inputs import protected_objects
from tests.core.compliance.conftest import Shipped, incident, table


def verdicts(findings: FindingTable, term: str) -> dict[str, str]:
    rows = [i for i in range(len(findings)) if findings.term[i] == term]
    return {str(findings.version[i]): findings.verdict(i).value for i in rows}


def sighting(lon: float, weapon: str = "mlrs.light", **fields: object) -> dict[str, object]:
    return incident(
        "2025-04-20T10:00+03:00",
        "2025-04-20T11:00+03:00",
        lon=lon,
        lat=48.3,
        act="weapon_sighting",
        weapon_type=weapon,
        **fields,
    )


def test_mlrs_30km_behind_line_breaks_35km_rule(minsk: Shipped) -> None:
    agreement, path = minsk
    findings = evaluate(agreement, table(sighting(38.3)), layer_source(path))
    assert verdicts(findings, "M2-2") == {"RU": "violation", "UA": "violation"}
    assert set(findings.weapon_class.tolist()) == {"mlrs"}
    assert set(findings.side.tolist()) == {"RU"}


def test_mlrs_40km_behind_line_is_outside_35km_zone(minsk: Shipped) -> None:
    agreement, path = minsk
    findings = evaluate(agreement, table(sighting(38.45)), layer_source(path))
    assert verdicts(findings, "M2-2") == {}


def test_mlrs_33km_behind_line_with_5km_radius_is_indeterminate(minsk: Shipped) -> None:
    agreement, path = minsk
    findings = evaluate(agreement, table(sighting(38.35, radius_m=5_000.0)), layer_source(path))
    assert verdicts(findings, "M2-2") == {"RU": "indeterminate", "UA": "indeterminate"}
    assert set(findings.spatial.tolist()) == {Tri.UNKNOWN}


def test_artillery_of_unknown_calibre_near_line_is_indeterminate(minsk: Shipped) -> None:
    agreement, path = minsk
    findings = evaluate(
        agreement, table(sighting(38.1, weapon="artillery.towed")), layer_source(path)
    )
    assert verdicts(findings, "M2-2")["RU"] == "indeterminate"
    known = table(sighting(38.1, weapon="artillery.towed", calibre_mm=152.0))
    assert verdicts(evaluate(agreement, known, layer_source(path)), "M2-2")["RU"] == "violation"


def test_zone_uses_the_line_valid_at_the_incidents_time(minsk: Shipped) -> None:
    agreement, path = minsk
    march = sighting(37.3, party="UA")
    march.update(start_s=march["start_s"] - 31 * 86_400, end_s=march["end_s"] - 31 * 86_400)
    findings = evaluate(agreement, table(march, sighting(37.3, party="UA")), layer_source(path))
    lines = {int(findings.incident[i]): findings.line[i] for i in range(len(findings))}
    assert lines == {0: "loc-2025-03-17-ua", 1: "loc-2025-04-18-ua"}


def test_date_only_report_straddling_18h_edge_is_indeterminate(easter: Shipped) -> None:
    agreement, _ = easter
    day = incident("2025-04-19T00:00+03:00", "2025-04-20T00:00+03:00", act="shelling.artillery")
    findings = evaluate(agreement, table(day))
    assert verdicts(findings, "T-1") == {"RU": "indeterminate"}
    assert int(findings.temporal[0]) == Tri.UNKNOWN


def test_easter_window_edges_are_exact_to_the_minute(easter: Shipped) -> None:
    agreement, _ = easter
    before = incident("2025-04-19T17:59+03:00", act="shelling.mortar")
    after = incident("2025-04-19T18:00+03:00", act="shelling.mortar")
    last = incident("2025-04-20T23:59+03:00", act="shelling.mortar")
    ended = incident("2025-04-21T00:00+03:00", act="shelling.mortar")
    findings = evaluate(agreement, table(before, after, last, ended))
    held = {int(findings.incident[i]): findings.verdict(i).value for i in range(len(findings))}
    assert held == {1: "violation", 2: "violation"}


def test_unattributed_strike_is_never_a_violation(easter: Shipped) -> None:
    agreement, _ = easter
    rows = [
        incident("2025-04-20T10:00+03:00", act="shelling.mlrs", attribution=state)
        for state in ("contested", "not_attributable", None)
    ]
    findings = evaluate(agreement, table(*rows))
    assert len(findings) == 3
    assert {findings.verdict(i).value for i in range(3)} == {"indeterminate"}
    assert all(findings.responsible[i] is None for i in range(3))


def test_strike_by_a_party_not_bound_by_a_unilateral_truce_is_no_violation(
    easter: Shipped,
) -> None:
    agreement, _ = easter
    incidents = table(incident("2025-04-20T10:00+03:00", act="shelling", party="UA"))
    findings = evaluate(agreement, incidents)
    assert verdicts(findings, "T-1") == {"RU": "no_violation"}
    assert (
        "Ukraine is not bound by this term"
        in rule_trace(findings, 0, agreement=agreement, incidents=incidents).text()
    )


def test_energy_strike_on_plant_before_ukraines_start_is_violation_only_under_russias_version(
    energy: Shipped,
) -> None:
    agreement, _ = energy
    strike = incident(
        "2025-03-20T10:00+02:00", act="drone_strike.fpv", target_class="energy.generation"
    )
    findings = evaluate(agreement, table(strike))
    assert verdicts(findings, "E-1") == {"RU": "violation", "UA": "no_violation"}


def test_strike_on_oil_field_is_protected_only_under_ukraines_list(energy: Shipped) -> None:
    agreement, _ = energy
    strike = incident(
        "2025-04-04T10:12+03:00", act="missile_strike", target_class="energy.oil_gas_production"
    )
    assert verdicts(evaluate(agreement, table(strike)), "E-1") == {
        "RU": "no_violation",
        "UA": "violation",
    }


def test_strike_reported_only_as_energy_is_indeterminate_under_russias_list(
    energy: Shipped,
) -> None:
    agreement, _ = energy
    strike = incident("2025-04-04T10:12+03:00", act="missile_strike", target_class="energy")
    assert verdicts(evaluate(agreement, table(strike)), "E-1") == {
        "RU": "indeterminate",
        "UA": "violation",
    }


def test_strike_on_military_target_is_not_held_against_energy_moratorium(energy: Shipped) -> None:
    agreement, _ = energy
    strike = incident("2025-04-04T10:12+03:00", act="missile_strike", target_class="military")
    assert len(evaluate(agreement, table(strike))) == 0


def test_trace_reads_like_the_issue_example(energy: Shipped) -> None:
    agreement, path = energy
    strike = incident(
        "2025-04-04T10:12+03:00",
        act="drone_strike.fpv",
        target_class="energy.generation",
        lon=32.6,
        lat=46.65,
        place="Kherson",
    )
    incidents = table(strike)
    findings = evaluate(agreement, incidents, objects=protected_objects(agreement, path))
    text = rule_trace(findings, 0, agreement=agreement, incidents=incidents).text()
    assert text.startswith(
        "FPV strike on a power plant in Kherson (target class: energy generation; "
        "not in registry) on 4 Apr 2025 10:12 Kyiv time; inside the term's window under "
        "Russia's version (from 18 Mar to 17 Apr Moscow time) and Ukraine's (from 25 Mar); "
        "attributed to Russia (confidence: probable)."
    )


def test_strike_on_a_registered_plant_names_it_in_the_trace(energy: Shipped) -> None:
    agreement, path = energy
    objects = protected_objects(agreement, path)
    strike = incident(
        "2025-04-04T10:12+03:00",
        act="missile_strike",
        target_class="energy.generation",
        lon=float(objects.lon[1]),
        lat=float(objects.lat[1]),
    )
    incidents = table(strike)
    findings = evaluate(agreement, incidents, objects=objects)
    assert int(findings.registry_object[0]) >= 0
    assert (
        f"in registry: {objects.name[int(findings.registry_object[0])]}"
        in rule_trace(findings, 0, agreement=agreement, incidents=incidents, objects=objects).text()
    )


def test_proposal_never_in_force_gives_no_findings(jeddah: Shipped) -> None:
    agreement, _ = jeddah
    assert len(evaluate(agreement, table(incident("2025-03-20T10:00+02:00", act="shelling")))) == 0


def test_discounted_incident_is_not_evaluated(easter: Shipped) -> None:
    agreement, _ = easter
    row = incident("2025-04-20T10:00+03:00", act="shelling", confidence="discounted")
    assert len(evaluate(agreement, table(row))) == 0


def test_true_events_evaluate_as_exact_attributed_incidents(easter: Shipped) -> None:
    from ceasefire.core.compliance import Incidents

    agreement, _ = easter
    rows = [
        {"event_id": "E0000001", "start": "2025-04-20T07:00:00Z", "end": "2025-04-20T07:05:00Z",
         "lon": "37.9", "lat": "48.3", "act": "shelling.artillery", "weapon_type": "artillery",
         "target_class": "military", "perpetrator": "RU", "kind": "fire"},
    ]  # fmt: skip
    incidents = Incidents.from_events(rows)
    assert evaluate(agreement, incidents).keyed(incidents) == {
        ("E0000001", "T-1", "RU"): "violation"
    }
