from datetime import UTC, datetime

import pytest

from ceasefire.core.agreement.times import local_to_utc, zone_named


def test_date_only_means_midnight_in_the_declared_zone() -> None:
    assert local_to_utc("2025-03-18", "Europe/Moscow") == datetime(2025, 3, 17, 21, tzinfo=UTC)
    assert local_to_utc("2025-03-25", "Europe/Kyiv") == datetime(2025, 3, 24, 22, tzinfo=UTC)


def test_kyiv_summer_time_is_three_hours_ahead() -> None:
    assert local_to_utc("2025-05-08T00:00", "Europe/Kyiv") == datetime(2025, 5, 7, 21, tzinfo=UTC)


def test_explicit_offset_wins_over_the_zone() -> None:
    assert local_to_utc("2025-04-19T18:00+00:00", "Europe/Moscow") == datetime(
        2025, 4, 19, 18, tzinfo=UTC
    )


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "/etc/localtime"])
def test_unknown_zone_is_a_value_error(name: str) -> None:
    with pytest.raises(ValueError, match="IANA"):
        zone_named(name)


@pytest.mark.parametrize("value", ["soon", "2025-02-30", "1800-01-01", 12])
def test_unreadable_or_out_of_range_times_are_value_errors(value: object) -> None:
    with pytest.raises(ValueError):
        local_to_utc(value, "Europe/Moscow")
