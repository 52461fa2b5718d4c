"""The simulator's own violation labels: windows, zones, parties and scope, by hand."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from shapely.geometry import LineString, box
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement import Agreement
from ceasefire.core.simulate.violations import TrueEvents, in_force_spans, label_violations
from ceasefire.ingest.agreement_files import load_layer, read_agreement, shipped_agreement_paths
from ceasefire.workflows.simulate import run_simulation


@pytest.fixture(scope="module")
def shipped() -> dict[str, Agreement]:
    agreements = [read_agreement(path) for path in shipped_agreement_paths()]
    return {a.id: a for a in agreements}


def event(event_id: str, start: str, end: str, **fields: str) -> dict[str, str]:
    row = {"event_id": event_id, "start": start, "end": end, "lon": "37.5", "lat": "48.3"}
    row.update({"act": "shelling.artillery", "target_class": "military", "perpetrator": "RU"})
    return {**row, **fields}


def labels(
    agreement: Agreement,
    rows: list[dict[str, str]],
    layers: object = load_layer,
) -> dict[tuple[str, str, str], bool]:
    events = TrueEvents.from_rows(rows)
    found = label_violations([agreement], events, layers)  # type: ignore[arg-type]
    columns = found.columns(events)
    return {
        (str(e), str(t), str(v)): flag == "true"
        for e, t, v, flag in zip(
            columns["event_id"],
            columns["term_id"],
            columns["version_party"],
            columns["violated"],
            strict=True,
        )
    }


def test_easter_window_edges_are_exact_to_the_second(shipped: Mapping[str, Agreement]) -> None:
    # the truce runs 19 Apr 18:00 - 21 Apr 00:00 Moscow time = 15:00Z - 21:00Z (20 Apr)
    rows = [
        event("E1", "2025-04-19T14:59:00Z", "2025-04-19T15:00:00Z"),  # ends as it opens
        event("E2", "2025-04-19T15:00:00Z", "2025-04-19T15:05:00Z"),  # first minute
        event("E3", "2025-04-19T14:55:00Z", "2025-04-19T15:05:00Z"),  # runs into it
        event("E4", "2025-04-20T20:59:00Z", "2025-04-20T21:01:00Z"),  # runs past the end
        event("E5", "2025-04-20T21:00:00Z", "2025-04-20T21:05:00Z"),  # after the end
    ]
    found = labels(shipped["easter-truce-2025"], rows)
    assert {e: found[(e, "T-1", "RU")] for e in ("E1", "E2", "E3", "E4", "E5")} == {
        "E1": False,
        "E2": True,
        "E3": True,
        "E4": True,
        "E5": False,
    }


def test_wrong_party_and_acts_out_of_scope(shipped: Mapping[str, Agreement]) -> None:
    rows = [
        event("E1", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z", perpetrator="UA"),
        event("E2", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z", act="weapon_sighting"),
        event("E3", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z", act="small_arms_fire"),
    ]
    found = labels(shipped["easter-truce-2025"], rows)
    assert found[("E1", "T-1", "RU")] is False  # a unilateral declaration binds Russia only
    assert ("E2", "T-1", "RU") not in found  # a sighting is no act the truce prohibits
    assert found[("E3", "T-1", "RU")] is True


def test_energy_moratorium_versions_and_target_classes(shipped: Mapping[str, Agreement]) -> None:
    strike = {"act": "drone_strike.loitering"}
    rows = [
        event("E1", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z",
              target_class="energy.generation", **strike),
        event("E2", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z",
              target_class="energy.oil_gas_production", perpetrator="UA", **strike),
        event("E3", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z", **strike),
        event("E4", "2025-04-10T10:00:00Z", "2025-04-10T10:05:00Z",
              target_class="energy.transmission", **strike),
        event("E5", "2025-03-24T10:00:00Z", "2025-03-24T10:05:00Z",
              target_class="energy.transmission", **strike),
    ]  # fmt: skip
    found = labels(shipped["energy-moratorium-2025"], rows)
    # Russia's version ended on 17 April (Moscow); Ukraine's runs from 25 March, open-ended
    assert found[("E1", "E-1", "RU")] is False and found[("E1", "E-1", "UA")] is True
    # oil and gas production is on Ukraine's list only
    assert ("E2", "E-1", "RU") not in found and found[("E2", "E-1", "UA")] is True
    assert not any(key[0] == "E3" for key in found)  # a military target: not this term's
    assert found[("E4", "E-1", "RU")] is True and found[("E4", "E-1", "UA")] is True
    assert found[("E5", "E-1", "RU")] is True and found[("E5", "E-1", "UA")] is False


def test_a_version_never_in_force_gets_no_labels(shipped: Mapping[str, Agreement]) -> None:
    jeddah = shipped["jeddah-30-day-ceasefire-2025"]
    assert all(in_force_spans(v) == [] for v in jeddah.terms[0].versions.values())
    assert labels(jeddah, [event("E1", "2025-04-20T10:00:00Z", "2025-04-20T10:05:00Z")]) == {}


def flat_layers(ref: str) -> BaseGeometry:
    """A straight north-south line at 37°E; Russia holds the east, Ukraine the west."""
    if "#party=RU" in ref:
        return box(37.0, 40.0, 45.0, 55.0)
    if "#party=UA" in ref:
        return box(30.0, 40.0, 37.0, 55.0)
    return LineString([(37.0, 45.0), (37.0, 51.0)])


def west_of_line_km(km: float) -> str:
    return f"{37.0 - km / 74.1:.5f}"  # ~74.1 km per degree of longitude at 48.3°N


def test_withdrawal_zones_by_weapon_class_side_and_distance(
    shipped: Mapping[str, Agreement],
) -> None:
    sighting = {"act": "weapon_sighting", "target_class": "", "perpetrator": "UA"}
    mortar = {"weapon_type": "mortar", "calibre_mm": "120", **sighting}
    at = ("2025-04-20T10:00:00Z", "2025-04-20T10:30:00Z")
    rows = [
        event("E1", *at, lon=west_of_line_km(14), **mortar),
        event("E2", *at, lon=west_of_line_km(16), **mortar),
        event("E3", *at, lon=west_of_line_km(26), **mortar),
        event("E4", *at, lon="37.2", **mortar),  # a UA mortar on ground Russia holds
        event("E5", *at, lon=west_of_line_km(10), weapon_type="drone.fpv", **sighting),
    ]
    found = labels(shipped["example-minsk-ii-withdrawal-2025"], rows, flat_layers)
    # a 120 mm mortar is in the 25 km class (M2-2) and in the addendum's 15 km class (AD-1)
    assert found[("E1", "AD-1", "UA")] and found[("E1", "M2-2", "UA")]
    assert not found[("E2", "AD-1", "UA")] and found[("E2", "M2-2", "UA")]
    assert not found[("E3", "AD-1", "UA")] and not found[("E3", "M2-2", "UA")]
    assert not found[("E4", "AD-1", "UA")] and not found[("E4", "M2-2", "UA")]
    assert not found[("E5", "AD-1", "UA")]  # a drone is in no weapon class
    assert found[("E1", "AD-1", "RU")]  # Russia's version reads the same zones


def test_violations_csv_is_byte_identical_per_seed(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        run_simulation("quiet", seed, tmp_path / name, days=3)
    first = (tmp_path / "a" / "truth" / "violations.csv").read_bytes()
    assert first == (tmp_path / "b" / "truth" / "violations.csv").read_bytes()
    assert first != (tmp_path / "c" / "truth" / "violations.csv").read_bytes()
    header, *rows = first.decode().splitlines()
    assert header == "event_id,agreement_id,term_id,version_party,violated"
    assert any(row.endswith(",true") for row in rows)
