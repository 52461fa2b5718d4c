"""Reporting days: 19:30–19:30 Kyiv time by default, 23 or 25 hours across a clock change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from ceasefire.core.errors import CeasefireError
from ceasefire.core.reports import reporting_period


def test_default_day_ends_at_1930_kyiv_time_on_its_date() -> None:
    period = reporting_period(date(2025, 4, 19))
    assert period.start == datetime(2025, 4, 18, 16, 30, tzinfo=UTC)
    assert period.end == datetime(2025, 4, 19, 16, 30, tzinfo=UTC)
    assert period.minutes == 24 * 60
    assert period.label() == "18 Apr 2025 19:30 – 19 Apr 2025 19:30 Kyiv time (24 h)"


def test_spring_forward_day_is_23_hours() -> None:
    period = reporting_period(date(2025, 3, 30), tz="Europe/Kyiv", start_time=time(19, 30))
    assert period.minutes == 23 * 60
    assert period.start == datetime(2025, 3, 29, 17, 30, tzinfo=UTC)  # UTC+2 before
    assert period.end == datetime(2025, 3, 30, 16, 30, tzinfo=UTC)  # UTC+3 after


def test_fall_back_day_is_25_hours() -> None:
    period = reporting_period(date(2025, 10, 26))
    assert period.minutes == 25 * 60
    assert "(25 h)" in period.label()


def test_day_after_a_clock_change_is_24_hours_again() -> None:
    assert reporting_period(date(2025, 3, 31)).minutes == 24 * 60


def test_weekend_report_covers_72_hours_and_previous_abuts_it() -> None:
    period = reporting_period(date(2025, 4, 21), days=3)
    assert period.minutes == 72 * 60
    previous = period.previous()
    assert previous.end == period.start
    assert previous.minutes == 72 * 60


def test_weekend_across_a_clock_change_is_71_hours() -> None:
    assert reporting_period(date(2025, 3, 31), days=3).minutes == 71 * 60


def test_other_zone_and_start_time() -> None:
    period = reporting_period(date(2025, 4, 19), tz="Europe/Moscow", start_time=time(0, 0))
    assert period.end == datetime(2025, 4, 18, 21, 0, tzinfo=UTC)


def test_unknown_zone_and_bad_day_count_are_errors_a_user_can_act_on() -> None:
    with pytest.raises(CeasefireError, match="unknown time zone 'Mars/Base'"):
        reporting_period(date(2025, 4, 19), tz="Mars/Base")
    with pytest.raises(CeasefireError, match="1 to 7 days"):
        reporting_period(date(2025, 4, 19), days=0)
