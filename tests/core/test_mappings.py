"""ACLED and UCDP code mappings, and the taxonomy page that documents them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceasefire.core.mappings import (
    ACLED_ACTS,
    ACLED_GEO_PRECISION_RADIUS_M,
    ACLED_REFINEMENTS,
    UCDP_DATE_PREC,
    UCDP_WHERE_PREC_RADIUS_M,
    NotAnAct,
    acled_act,
    acled_window,
)
from ceasefire.core.taxonomy import Act, TargetClass, TimePrecision

TAXONOMY = Path(__file__).parents[2] / "docs" / "taxonomy.md"


@pytest.mark.parametrize(
    ("sub_event", "notes", "act"),
    [
        ("Shelling/artillery/missile attack", "shelled with MLRS Grad", Act.SHELLING_MLRS),
        ("Shelling/artillery/missile attack", "an Iskander missile hit", Act.MISSILE_STRIKE),
        ("Shelling/artillery/missile attack", "mortar fire", Act.SHELLING_MORTAR),
        ("Shelling/artillery/missile attack", "shelled the village", Act.SHELLING),
        ("Air/drone strike", "FPV drones hit a car", Act.DRONE_STRIKE_FPV),
        ("Air/drone strike", "a wave of Shahed drones", Act.DRONE_STRIKE_LOITERING),
        ("Air/drone strike", "dropped a guided aerial bomb", Act.AIR_STRIKE_GLIDE_BOMB),
        ("Air/drone strike", "a quadcopter dropped a grenade", Act.DRONE_STRIKE_BOMB_DROP),
        ("Air/drone strike", "aircraft struck positions", Act.AIR_STRIKE),
    ],
)
def test_acled_notes_refine_the_act(sub_event: str, notes: str, act: Act) -> None:
    assert acled_act("Explosions/Remote violence", sub_event, notes) is act


@pytest.mark.parametrize(
    ("event_type", "sub_event"),
    [("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
     ("Strategic developments", "Arrests"), ("Violence against civilians", "Sexual violence")],
)  # fmt: skip
def test_acled_non_military_events_are_refused(event_type: str, sub_event: str) -> None:
    with pytest.raises(NotAnAct, match=f"not a military act: ACLED {event_type} / {sub_event}"):
        acled_act(event_type, sub_event, "")


def test_acled_windows_per_time_precision() -> None:
    day = date(2025, 4, 20)
    assert acled_window(day, 1) == (day, date(2025, 4, 21), TimePrecision.DAY)
    assert acled_window(day, 2) == (date(2025, 4, 14), date(2025, 4, 27), TimePrecision.WEEK)
    assert acled_window(date(2025, 12, 15), 3) == (
        date(2025, 12, 1), date(2026, 1, 1), TimePrecision.MONTH,
    )  # fmt: skip


def test_precision_radii_grow_with_vagueness() -> None:
    assert ACLED_GEO_PRECISION_RADIUS_M[1] < ACLED_GEO_PRECISION_RADIUS_M[2]
    assert ACLED_GEO_PRECISION_RADIUS_M[2] < ACLED_GEO_PRECISION_RADIUS_M[3]
    assert sorted(UCDP_WHERE_PREC_RADIUS_M) == [1, 2, 3, 4, 5, 6, 7]
    assert UCDP_WHERE_PREC_RADIUS_M[4] == 150_000
    assert sorted(UCDP_DATE_PREC) == [1, 2, 3, 4, 5]


def test_every_act_and_target_class_is_documented() -> None:
    text = TAXONOMY.read_text(encoding="utf-8")
    missing = [v.value for v in (*Act, *TargetClass) if f"`{v.value}`" not in text]
    assert missing == []


def test_every_acled_mapping_is_documented() -> None:
    text = TAXONOMY.read_text(encoding="utf-8")
    for (event_type, sub_event), act in ACLED_ACTS.items():
        assert f"| {event_type} | {sub_event} | `{act.value}` |" in text
    for rules in ACLED_REFINEMENTS.values():
        for _, act in rules:
            assert f"`{act.value}` |" in text
    for code, radius in UCDP_WHERE_PREC_RADIUS_M.items():
        assert f"| {code} " in text and f"{radius // 1000} km" in text
