import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from ceasefire.core.agreement import withdrawal_zone, within_zone
from ceasefire.core.agreement.examples import MINIMAL_YAML
from ceasefire.core.agreement.zones import distances_m
from ceasefire.core.errors import AgreementError
from ceasefire.ingest.agreement_files import (
    layer_source,
    load_layer,
    read_agreement,
    shipped_agreement_paths,
)

SHIPPED = {path.stem: path for path in shipped_agreement_paths()}


def test_five_agreements_ship() -> None:
    assert sorted(SHIPPED) == [
        "easter_truce_2025",
        "energy_moratorium_2025",
        "example_minsk_ii_withdrawal_2025",
        "jeddah_30_day_ceasefire_2025",
        "victory_day_truce_2025",
    ]


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_shipped_agreement_loads_with_its_layers(name: str) -> None:
    agreement = read_agreement(SHIPPED[name])
    assert agreement.terms and agreement.instruments
    assert agreement.canonical().startswith(b"{")
    for instrument in agreement.instruments:
        assert instrument.source_url.startswith("http")


def test_easter_window_in_utc() -> None:
    version = read_agreement(SHIPPED["easter_truce_2025"]).terms[0].versions["RU"]
    assert version.window is not None
    assert version.window.start == datetime(2025, 4, 19, 15, 0, tzinfo=UTC)
    assert version.window.end == datetime(2025, 4, 20, 21, 0, tzinfo=UTC)


def test_easter_and_victory_day_truces_are_unilateral() -> None:
    assert read_agreement(SHIPPED["easter_truce_2025"]).is_unilateral
    assert read_agreement(SHIPPED["victory_day_truce_2025"]).is_unilateral
    assert not read_agreement(SHIPPED["jeddah_30_day_ceasefire_2025"]).is_unilateral


def test_energy_moratorium_versions_start_at_local_midnight() -> None:
    term = read_agreement(SHIPPED["energy_moratorium_2025"]).terms[0]
    ru, ua = term.versions["RU"].window, term.versions["UA"].window
    assert ru is not None and ua is not None
    assert ru.start == datetime(2025, 3, 17, 21, 0, tzinfo=UTC)
    assert ua.start == datetime(2025, 3, 24, 22, 0, tzinfo=UTC)
    assert "energy.oil_gas_production" in term.target_classes_for("UA")
    assert "energy.oil_gas_production" not in term.target_classes_for("RU")


def test_jeddah_stances_are_paraphrases_with_russias_conditions() -> None:
    agreement = read_agreement(SHIPPED["jeddah_30_day_ceasefire_2025"])
    assert {s.wording.value for s in agreement.stances} == {"paraphrase"}
    putin = next(s for s in agreement.stances if s.stance.value == "accepts_with_conditions")
    assert putin.party == "RU" and putin.authority.value == "head_of_state"
    assert set(putin.conditions) == {"C-monitoring", "C-no-rearming"}


def _point_behind_line(km: float, lat: float = 48.3) -> float:
    line = load_layer("package:line_of_contact_2025-04-18.geojson")
    ua = load_layer("package:control_2025-04-18.geojson#party=UA")
    lons = np.arange(36.0, 37.2, 0.0005)
    lats = np.full_like(lons, lat)
    distance = distances_m(line, lons.tolist(), lats.tolist())
    held = within_zone(ua, lons, lats)
    candidates = np.where(held & (np.abs(distance - km * 1000) < 100))[0]
    assert candidates.size, "no UA-held point at that distance on this parallel"
    return float(lons[candidates[0]])


def test_point_20km_behind_the_ua_line_is_in_the_25km_zone_and_outside_15km() -> None:
    path = SHIPPED["example_minsk_ii_withdrawal_2025"]
    agreement, layers = read_agreement(path), layer_source(path)
    moment = datetime(2025, 4, 20, tzinfo=UTC)
    lon = _point_behind_line(20)
    z25 = withdrawal_zone(
        agreement,
        term_id="M2-2",
        party="UA",
        weapon_class="artillery_100mm_plus",
        moment=moment,
        layers=layers,
    )
    z15 = withdrawal_zone(
        agreement,
        term_id="AD-1",
        party="UA",
        weapon_class="addendum_weapons",
        moment=moment,
        layers=layers,
    )
    assert z25.reference_line == "loc-2025-04-18-ua"
    assert within_zone(z25.geometry, [lon], [48.3])[0]
    assert not within_zone(z15.geometry, [lon], [48.3])[0]


def test_minsk_example_measures_each_side_from_its_own_line() -> None:
    path = SHIPPED["example_minsk_ii_withdrawal_2025"]
    agreement = read_agreement(path)
    moment = datetime(2025, 5, 9, tzinfo=UTC)
    ua = agreement.geography.reference_line("UA", moment)
    ru = agreement.geography.reference_line("RU", moment)
    assert ua is not None and ru is not None
    assert (ua.id, ru.id) == ("loc-2025-05-07-ua", "loc-2025-03-10-ru")


def _write(folder: Path, text: str, name: str = "agreement.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_relative_layer_inside_the_folder_is_resolved(tmp_path: Path) -> None:
    line = {"type": "LineString", "coordinates": [[37.0, 47.0], [37.0, 49.0]]}
    (tmp_path / "line.geojson").write_text(json.dumps(line), encoding="utf-8")
    text = MINIMAL_YAML.replace("package:line_of_contact_2025-04-18.geojson", "line.geojson")
    agreement = read_agreement(_write(tmp_path, text))
    assert agreement.geography.reference_lines[0].file == "line.geojson"


def test_layer_outside_the_folder_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "line.geojson").write_text('{"type": "Point", "coordinates": [37, 48]}')
    text = MINIMAL_YAML.replace("package:line_of_contact_2025-04-18.geojson", "../line.geojson")
    with pytest.raises(AgreementError) as caught:
        read_agreement(_write(inner, text))
    assert caught.value.problems[0].startswith("geography.reference_lines[0].file: ")
    assert "points outside" in caught.value.problems[0]


def test_self_intersecting_layer_is_named(tmp_path: Path) -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[36, 47], [38, 49], [38, 47], [36, 49], [36, 47]]],
    }
    (tmp_path / "bad.geojson").write_text(json.dumps(bowtie), encoding="utf-8")
    text = MINIMAL_YAML.replace("package:line_of_contact_2025-04-18.geojson", "bad.geojson")
    with pytest.raises(AgreementError) as caught:
        read_agreement(_write(tmp_path, text))
    problem = caught.value.problems[0]
    assert problem.startswith("geography.reference_lines[0].file: bad.geojson feature 0")
    assert "Self-intersection" in problem


def test_missing_package_layer_is_named(tmp_path: Path) -> None:
    text = MINIMAL_YAML.replace("control_2025-04-18.geojson", "control_1999-01-01.geojson")
    with pytest.raises(AgreementError) as caught:
        read_agreement(_write(tmp_path, text))
    assert caught.value.problems[0].startswith("geography.control_areas[0].file: layer file")


def test_unreadable_files_give_agreement_errors(tmp_path: Path) -> None:
    with pytest.raises(AgreementError, match="does not exist"):
        read_agreement(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: Kyïv".encode("latin-1"))
    with pytest.raises(AgreementError, match="not valid UTF-8"):
        read_agreement(bad)


def test_bad_field_error_names_file_and_path(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL_YAML.replace("kind: decree", "kind: tweet"))
    with pytest.raises(AgreementError) as caught:
        read_agreement(path)
    assert str(caught.value).startswith(f"{path}: instruments[0].kind: Input should be")


def test_every_shipped_agreement_geography_and_registry_file_is_in_the_data_notice() -> None:
    root = Path(__file__).resolve().parents[2]
    notice = (root / "DATA-NOTICE.md").read_text(encoding="utf-8")
    data = root / "src" / "ceasefire" / "data"
    files = [
        p for folder in ("agreements", "geography", "registries") for p in (data / folder).iterdir()
    ]
    assert files
    missing = [p.name for p in files if f"`{p.name}`" not in notice]
    assert not missing, f"not in DATA-NOTICE.md: {missing}"
