from __future__ import annotations

import numpy as np
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification import VerificationBatch, cluster
from ceasefire.core.verification.sides import clear_sides, party_codes
from tests.core.verification.conftest import record

CONTROL: dict[str, BaseGeometry] = {"UA": box(36, 46, 39, 48), "RU": box(36, 48, 39, 50)}


def test_a_point_within_its_margin_of_the_line_has_no_clear_side() -> None:
    parties, side = clear_sides(
        np.array([37.0, 37.0, 37.0, np.nan]),
        np.array([47.9, 47.9, 48.2, 48.2]),
        np.array([5.0, 15.0, 1.0, 1.0]),
        CONTROL,
    )
    assert parties == ["UA", "RU"]
    assert side.tolist() == [0, -1, 1, -1]


def test_party_codes_ignore_case_and_unknowns() -> None:
    values = np.array(["ru", "UA ", None, "XX"], dtype=object)
    assert party_codes(values, ["UA", "RU"]).tolist() == [1, 0, -1, -1]


def _complaint(i: int, accused: str, lat: float) -> dict[str, object]:
    return record(
        i,
        source_kind="party_official",
        source_name=f"GS{i}",
        reliability="D",
        credibility="4",
        alleged_perpetrator=accused,
        radius_m=10_000,
        lat=lat,
        time_precision="hour",
    )


def test_a_complaint_does_not_attach_to_fire_on_the_accused_partys_ground() -> None:
    # a monitor's incident clearly on Russian-held ground (48.3); complaints 5 km away
    incident = record(1, lat=48.3, perception="seen")
    blames_ru = _complaint(2, "RU", 48.26)
    blames_ua = _complaint(3, "UA", 48.34)
    batch = VerificationBatch.from_records([incident, blames_ru, blames_ua])
    plain = cluster(batch)
    sided = cluster(batch, control=CONTROL)
    assert plain[1] == plain[0] and plain[2] == plain[0]  # without sides: both attach
    assert sided[1] != sided[0]  # UA blames RU for fire on RU-held ground: not this one
    assert sided[2] == sided[0]
