"""Periods of claims: kept as written, with UTC bounds where they can be derived."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ceasefire.core.claims import PeriodPrecision, parse_period
from ceasefire.core.claims.period import zone_for


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "zone", "precision", "start", "end"),
    [
        ("2025-04-04", "Europe/Kyiv", PeriodPrecision.DAYS, "2025-04-03T21:00", "2025-04-04T21:00"),
        ("2025-03-18..2025-03-26", "Europe/Kyiv", PeriodPrecision.DAYS,
         "2025-03-17T22:00", "2025-03-26T22:00"),
        ("2025-04-19 18:00 MSK..2025-04-21 00:00 MSK", "Europe/Kyiv", PeriodPrecision.EXACT,
         "2025-04-19T15:00", "2025-04-20T21:00"),
        ("2025-04-20 00:00..16:00", "Europe/Kyiv", PeriodPrecision.EXACT,
         "2025-04-19T21:00", "2025-04-20T13:00"),
        ("2025-04-20 to 16:00", "Europe/Kyiv", PeriodPrecision.AS_OF,
         "2025-04-19T21:00", "2025-04-20T13:00"),
        ("from 2025-03-18 for 30 days", "Europe/Moscow", PeriodPrecision.DAYS,
         "2025-03-17T21:00", "2025-04-16T21:00"),
        ("since 2025-03-18", "Europe/Moscow", PeriodPrecision.OPEN_END, "2025-03-17T21:00", None),
        ("24h to 2025-04-09", "Europe/Moscow", PeriodPrecision.BOUNDED,
         "2025-04-07T21:00", "2025-04-09T21:00"),
        ("2025-05-08 first hours", "Europe/Moscow", PeriodPrecision.BOUNDED,
         "2025-05-07T21:00", "2025-05-08T21:00"),
        ("2025-05-08 00:00..morning", "Europe/Kyiv", PeriodPrecision.OPEN_END,
         "2025-05-07T21:00", None),
        ("whole truce (as of ~01:55 2025-04-21)", "Europe/Kyiv", PeriodPrecision.AS_OF,
         None, "2025-04-20T22:55"),
        ("whole truce", "Europe/Moscow", PeriodPrecision.RELATIVE, None, None),
        ("first <24h", "Europe/Moscow", PeriodPrecision.RELATIVE, None, None),
    ],
)  # fmt: skip
def test_written_periods(
    text: str, zone: str, precision: PeriodPrecision, start: str | None, end: str | None
) -> None:
    period = parse_period(text, zone)
    assert period.text == text
    assert period.precision is precision
    assert period.start == (_utc(start) if start else None)
    assert period.end == (_utc(end) if end else None)


def test_unzoned_times_follow_the_claimant_party() -> None:
    assert zone_for("Russia") == "Europe/Moscow"
    assert zone_for("Ukraine") == "Europe/Kyiv"
    assert zone_for("ACLED") == "UTC"


@pytest.mark.parametrize("text", ["2025-02-30", "2025-04-20 25:00..26:00"])
def test_impossible_dates_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text, "UTC")
