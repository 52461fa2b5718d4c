"""The daily report from the store, on SQLite and PostgreSQL: an Easter-truce violation on
19 April 2025 20:10 Kyiv time lands in the report for 20 April (19:30–19:30)."""

from __future__ import annotations

import json
import os
from datetime import date, time
from pathlib import Path

import pytest

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.report import daily_report, write_report
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,"
    "fire_from_bearing_deg,perception,text\n"
)
# Artillery fire on Ukrainian-held Kostiantynivka, 19 Apr 2025 20:10 Kyiv time, from the east.
EASTER = [
    "e1,sensor,Camera 3,A,1,2025-04-19T17:10:00Z,shelling.artillery,48.527,37.706,300,95,"
    "imagery,impact",
    "e2,monitor_team,Team 5,B,2,2025-04-19T17:11:00Z,shelling.artillery,48.528,37.705,1000,"
    "95,seen,four rounds from the east",
]


def _setup(store: Store, actor: Actor, tmp_path: Path) -> None:
    load_shipped_agreements(store, actor)
    path = tmp_path / "easter.csv"
    path.write_text(HEADER + "\n".join(EASTER) + "\n", encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    verify(store, actor)


@pytest.fixture(autouse=True)
def _matplotlib_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(os.environ, "MPLCONFIGDIR", str(tmp_path / "mpl"))


def test_report_day_holds_the_violation_with_its_trace(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _setup(store, actor, tmp_path)
    evaluate_store(store, actor)
    report = daily_report(store, date(2025, 4, 20))
    assert report.headline.total == 1
    assert report.headline.by_side["RU"] == 1
    assert [r.region for r in report.regions] == ["Donetsk Oblast"]
    (top,) = [f for f in report.top() if f.agreement_id == "easter-truce-2025"]
    assert top.verdict == "violation" and "attributed to Russia" in top.trace
    assert report.line_of_contact == "line_of_contact_2025-04-18"
    assert daily_report(store, date(2025, 4, 19)).headline.total == 0  # the day before


def test_next_report_checks_the_published_figures(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _setup(store, actor, tmp_path)
    evaluate_store(store, actor)
    published = write_report(daily_report(store, date(2025, 4, 20)), "json", tmp_path / "a.json")
    document = json.loads(published.read_text(encoding="utf-8"))
    document["figures"]["incidents.total"] = 0  # as if published before the reports came in
    published.write_text(json.dumps(document), encoding="utf-8")
    report = daily_report(store, date(2025, 4, 21), previous=published)
    (correction,) = [c for c in report.corrections if c.key == "incidents.total"]
    assert (correction.published, correction.now) == (0, 1)


def test_other_start_time_moves_the_incident(store: Store, actor: Actor, tmp_path: Path) -> None:
    _setup(store, actor, tmp_path)
    report = daily_report(store, date(2025, 4, 19), start_time=time(23, 0))  # ends 20:00Z
    assert report.headline.total == 1


def test_markdown_is_written(store: Store, actor: Actor, tmp_path: Path) -> None:
    _setup(store, actor, tmp_path)
    path = write_report(daily_report(store, date(2025, 4, 20)), "md", tmp_path / "out" / "r.md")
    assert "Daily report, 20 April 2025" in path.read_text(encoding="utf-8")


def test_report_daily_takes_the_reporting_day_from_the_agreement(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from ceasefire.cli.main import app
    from ceasefire.core.agreement.examples import MINIMAL_YAML

    _setup(store, actor, tmp_path)
    path = tmp_path / "truce.yaml"
    path.write_text(
        MINIMAL_YAML + "monitoring:\n  reporting_day: {start: '23:00', time_zone: Europe/Kyiv}\n",
        encoding="utf-8",
    )
    url = store.url
    runner = CliRunner()
    loaded = runner.invoke(app, ["--database", url, "agreement", "load", str(path)])
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "r.json"
    base = ["--database", url, "report", "daily", "--date", "2025-04-19", "--format", "json"]
    by_agreement = runner.invoke(app, [*base, "--agreement", "example-truce", "--out", str(out)])
    assert by_agreement.exit_code == 0, by_agreement.output
    assert "1 incidents" in by_agreement.output  # the period ends 23:00 Kyiv = 20:00Z
    default = runner.invoke(app, [*base, "--out", str(tmp_path / "d.json")])
    assert "0 incidents" in default.output  # 19:30 Kyiv ends before the 20:10 incident
