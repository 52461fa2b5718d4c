"""Canonical times always have four-digit years: a time before 1900 is refused, not written
short (schemathesis found '174-05-19T…' once)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.canonical import FIRST_YEAR, CanonicalFormError, utc_text


def test_a_year_before_1900_is_refused_naming_the_time() -> None:
    with pytest.raises(CanonicalFormError, match=r"0174-05-19.*expected a year from 1900"):
        utc_text(datetime(174, 5, 19, tzinfo=UTC))


def test_the_first_allowed_year_is_written_in_full() -> None:
    assert utc_text(datetime(1900, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=2)))) == (
        "1900-01-01T00:00:00Z"
    )


@settings(max_examples=50, deadline=None)
@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)))
def test_every_written_time_has_the_fixed_width_form(moment: datetime) -> None:
    aware = moment.replace(tzinfo=UTC)
    if aware.year < FIRST_YEAR:
        with pytest.raises(CanonicalFormError):
            utc_text(aware)
        return
    text = utc_text(aware)
    assert len(text) == 20 and text[4] == "-" and text.endswith("Z")
    assert datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) == aware.replace(
        microsecond=0
    )
