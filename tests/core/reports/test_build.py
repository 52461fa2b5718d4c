"""The report value: counts per region and party with units, the previous-period check and
corrections, claims beside (never summed with) the verified counts."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import canonical_bytes
from ceasefire.core.reports import (
    DailyReport,
    PublishedFigures,
    build_daily_report,
    reporting_period,
)
from tests.core.reports.fixtures import CLAIMS, EFFORT, FINDINGS, INCIDENTS, REGIONS

PERIOD = reporting_period(date(2025, 4, 19))


def _report(published: PublishedFigures | None = None, **changes: object) -> DailyReport:
    inputs: dict[str, object] = {
        "incidents": INCIDENTS,
        "findings": FINDINGS,
        "claims": CLAIMS,
        "effort": EFFORT,
        "regions": REGIONS,
        "published_previous": published,
        "line_of_contact": "line_of_contact_2025-04-18",
    }
    inputs.update(changes)
    return build_daily_report(PERIOD, **inputs)  # type: ignore[arg-type]


def test_counts_only_the_periods_incidents_and_never_discounted_ones() -> None:
    head = _report().headline
    assert (head.total, head.unit, head.discounted) == (4, "incident", 1)
    assert head.by_side == {"RU": 1, "UA": 1, "unattributed": 2}
    assert head.by_confidence == {"confirmed": 1, "probable": 1, "possible": 1, "unverified": 1}
    assert head.not_located == 1


def test_regions_by_point_in_polygon_with_unlocated_last() -> None:
    rows = {r.region: r for r in _report().regions}
    assert rows["East Oblast"].total == 2 and rows["West Oblast"].total == 1
    assert rows["West Oblast"].by_side["UA"] == 1
    assert _report().regions[-1].region == "not located"


def test_party_rows_carry_coverage_basis_and_findings() -> None:
    russia, ukraine = _report().parties
    assert (russia.name, russia.incidents, russia.share_of_total, russia.violations) == (
        "Russia",
        1,
        4,
        1,
    )
    assert ukraine.violations == 0


def test_every_change_and_figure_states_its_unit() -> None:
    report = _report()
    assert all(c.unit in {"incident", "finding", "restriction"} for c in report.changes)
    total = next(c for c in report.changes if c.key == "incidents.total")
    assert (total.current, total.previous, total.previous_source) == (4, 2, "recomputed")


def test_published_previous_figure_is_the_baseline_and_a_difference_is_a_correction() -> None:
    previous = PERIOD.previous()
    published = PublishedFigures(
        previous.start, previous.end, {"incidents.total": 1, "incidents.RU": 2}
    )
    report = _report(published)
    total = next(c for c in report.changes if c.key == "incidents.total")
    assert (total.previous, total.previous_source) == (1, "published")
    (correction,) = [c for c in report.corrections if c.key == "incidents.total"]
    assert (correction.published, correction.now) == (1, 2)
    assert correction.reason.startswith("late information")
    assert not [c for c in report.corrections if c.key == "incidents.RU"]  # 2 == 2


def test_matching_published_figures_give_no_correction() -> None:
    previous = PERIOD.previous()
    yesterday = build_daily_report(
        previous, incidents=INCIDENTS, findings=FINDINGS, claims=[], effort=EFFORT, regions=REGIONS
    )
    report = _report(PublishedFigures(previous.start, previous.end, yesterday.figures))
    assert report.corrections == ()


def test_published_report_of_another_period_is_refused() -> None:
    wrong = PublishedFigures(PERIOD.start, PERIOD.end, {"incidents.total": 1}, "r.json")
    with pytest.raises(CeasefireError, match=r"r\.json: covers .* but the previous period is"):
        _report(wrong)


def test_claims_keep_their_own_units_and_are_never_added_to_verified_counts() -> None:
    with_claims = _report()
    without = _report(claims=[])
    assert with_claims.figures == without.figures  # 387 episodes + 290 drone uses add nothing
    (claim,) = with_claims.claims  # the March claim does not overlap the period
    assert [(f.value, f.unit, f.qualifier) for f in claim.figures] == [
        (387, "episode", ""),
        (290, "drone_use", "more than"),
    ]
    assert claim.verified_against_accused == 1  # incidents attributed to Russia, separately


def test_findings_ranked_violations_first_with_traces() -> None:
    report = _report()
    assert [f.verdict for f in report.findings] == ["violation", "indeterminate"]
    assert "Verdict under Russia's version" in report.top()[0].trace


def test_effort_and_restrictions_by_region_without_positions() -> None:
    effort = _report().effort
    assert (effort.patrols, effort.patrol_metres, effort.patrol_minutes) == (1, 42_000, 240)
    (restriction,) = effort.restrictions
    assert (restriction.region, restriction.reason) == ("East Oblast", "denied at checkpoint")


def test_series_marks_days_without_any_data() -> None:
    series = _report().series
    assert len(series) == 7 and series[-1].day == "2025-04-19"
    assert series[-1].observed and not series[0].observed


def test_value_is_canonical_json_ready() -> None:
    data = canonical_bytes(_report().as_dict())
    assert data == canonical_bytes(_report().as_dict())
    assert b'"layout":"daily_report/1"' in data


def test_weekend_report_counts_three_days() -> None:
    weekend = reporting_period(date(2025, 4, 19), days=3)
    report = build_daily_report(
        weekend, incidents=INCIDENTS, findings=FINDINGS, claims=[], effort=[], regions=REGIONS
    )
    assert report.headline.total == 6  # the previous day's two are inside the weekend
    assert report.period.minutes == 72 * 60
