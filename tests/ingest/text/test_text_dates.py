"""Date expressions resolved against the publication date (docs/text-intake.md, Dates)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.text.dates import WEEKDAYS, find_dates, find_published
from ceasefire.core.text.proposals import DateRange

D = date(2025, 4, 16)  # a Wednesday


def _one(text: str, published: date | None = D) -> tuple[object, str | None]:
    mentions = find_dates(text, published, [(0, len(text))])
    assert len(mentions) == 1, mentions
    return mentions[0].when, mentions[0].time_of_day


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    assert _one("shelled Kupiansk on Tuesday afternoon") == (date(2025, 4, 15), "afternoon")
    assert _one("struck on Wednesday") == (D, None)
    assert _one("struck on Thursday") == (date(2025, 4, 10), None)


def test_weekday_in_a_sentence_about_the_future_resolves_forward() -> None:
    assert _one("leaders are due to hold a summit on Saturday") == (date(2025, 4, 19), None)


def test_overnight_is_the_night_before_publication() -> None:
    assert _one("drones struck Kharkiv overnight") == (DateRange(date(2025, 4, 15), D), "night")


def test_night_of_two_days() -> None:
    assert _one("On the night of 14 to 15 April the team") == (
        DateRange(date(2025, 4, 14), date(2025, 4, 15)),
        "night",
    )


def test_explicit_dates_and_years() -> None:
    assert _one("on 2 August")[0] == date(2024, 8, 2)  # after D in 2025: the previous year
    assert _one("April 14, 2025")[0] == date(2025, 4, 14)
    assert _one("on 2025-04-14")[0] == date(2025, 4, 14)
    assert _one("in March 2025")[0] == DateRange(date(2025, 3, 1), date(2025, 3, 31))


def test_relative_periods() -> None:
    assert _one("yesterday")[0] == date(2025, 4, 15)
    assert _one("last week")[0] == DateRange(date(2025, 4, 7), date(2025, 4, 13))
    assert _one("over the past 24 hours")[0] == DateRange(date(2025, 4, 15), D)
    assert _one("since 18 March")[0] == DateRange(date(2025, 3, 18), D)
    assert _one("since the truce began")[0] == DateRange(None, D)


def test_clock_times() -> None:
    assert _one("from 21:15 to 22:40") == (None, "21:15-22:40")
    assert _one("by 5 a.m.") == (None, "05:00")


def test_unknown_publication_date_leaves_relative_dates_null() -> None:
    assert _one("on Tuesday", None) == (None, None)


def test_published_date_from_the_heading() -> None:
    assert find_published("Opinion, 25 February 2025\nText.") == date(2025, 2, 25)
    assert find_published("KYIV, April 16 (Northline Wire) - Text.") is None


@settings(max_examples=50, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(WEEKDAYS)
)
def test_weekday_never_after_publication_and_within_a_week(day: date, weekday: str) -> None:
    ((when, _),) = [(m.when, m.time_of_day) for m in find_dates(f"on {weekday.title()}", day)]
    assert isinstance(when, date)
    assert day - timedelta(days=6) <= when <= day
    assert WEEKDAYS[when.weekday()] == weekday


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_mentions_inside_it_in_order(text: str) -> None:
    mentions = find_dates(text, D, [(0, len(text))])
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)
    assert all(a.end <= b.start for a, b in pairwise(mentions))
