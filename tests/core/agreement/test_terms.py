from datetime import date

import pytest
from pydantic import ValidationError

from ceasefire.core.agreement.terms import LifecycleState, TermVersion, Window
from ceasefire.core.taxonomy import TargetClass


def _version(*steps: tuple[str, str]) -> TermVersion:
    return TermVersion.model_validate(
        {"instrument": "i-1", "lifecycle": [{"state": s, "date": d} for s, d in steps]}
    )


def test_violated_is_not_a_lifecycle_state() -> None:
    with pytest.raises(ValidationError, match="assessment by findings"):
        _version(("committed", "2025-04-19"), ("violated", "2025-04-20"))


def test_lifecycle_cannot_leave_a_terminal_state() -> None:
    with pytest.raises(ValidationError, match="cannot go from expired to in_force"):
        _version(("committed", "2025-04-19"), ("expired", "2025-04-21"), ("in_force", "2025-04-22"))


def test_lifecycle_dates_do_not_go_backwards() -> None:
    with pytest.raises(ValidationError, match="is before"):
        _version(("committed", "2025-04-19"), ("in_force", "2025-04-18"))


def test_state_on_a_day_is_the_last_event_up_to_it() -> None:
    version = _version(
        ("committed", "2025-04-19"), ("in_force", "2025-04-19"), ("expired", "2025-04-21")
    )
    assert version.state_on(date(2025, 4, 18)) is None
    assert version.state_on(date(2025, 4, 20)) is LifecycleState.IN_FORCE
    assert version.state_on(date(2025, 5, 1)) is LifecycleState.EXPIRED


def test_window_end_must_follow_start() -> None:
    with pytest.raises(ValidationError, match="not after start"):
        Window.model_validate(
            {"time_zone": "Europe/Moscow", "start": "2025-04-21", "end": "2025-04-19"}
        )


def test_window_is_half_open() -> None:
    window = Window.model_validate(
        {"time_zone": "Europe/Moscow", "start": "2025-04-19T18:00", "end": "2025-04-21"}
    )
    assert window.contains(window.start)
    assert window.end is not None and not window.contains(window.end)


def test_withdrawal_distance_must_be_positive() -> None:
    with pytest.raises(ValidationError, match="not between"):
        TermVersion.model_validate({"instrument": "i", "withdrawal_m": {"mlrs": 0}})


def test_per_party_target_classes_replace_the_terms() -> None:
    from ceasefire.core.agreement.terms import Term

    term = Term.model_validate(
        {
            "id": "E-1",
            "kind": "protected_infrastructure",
            "title": "energy",
            "target_classes": ["energy.refinery"],
            "versions": {
                "RU": {"instrument": "i"},
                "UA": {"instrument": "i", "target_classes": ["energy.oil_gas_production"]},
            },
        }
    )
    assert term.target_classes_for("RU") == [TargetClass.ENERGY_REFINERY]
    assert term.target_classes_for("UA") == [TargetClass.ENERGY_OIL_GAS_PRODUCTION]
