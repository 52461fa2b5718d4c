""" "As of" queries on SQLite and PostgreSQL: a published report is reproduced exactly from the
inputs received by its publication time, while the present shows the late correction."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError, NotFound
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import list_agreements, load_shipped_agreements
from ceasefire.workflows.as_of import (
    findings_as_of,
    incidents_as_of,
    parse_as_of,
    reconstructed,
)
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.findings import FindingFilter
from ceasefire.workflows.incidents import IncidentFilter, list_incidents
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.publish import ReportSpec, publish_report, published, published_bytes
from ceasefire.workflows.report import daily_report
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,"
    "fire_from_bearing_deg,perception,text\n"
)
EASTER = [
    "e1,sensor,Camera 3,A,1,2025-04-19T17:10:00Z,shelling.artillery,48.527,37.706,300,95,"
    "imagery,impact",
    "e2,monitor_team,Team 5,B,2,2025-04-19T17:11:00Z,shelling.artillery,48.528,37.705,1000,"
    "95,seen,four rounds from the east",
]
LATE = [
    "k1,sensor,Camera 9,A,1,2025-04-19T18:40:00Z,shelling.artillery,46.640,32.620,300,,"
    "imagery,impact in Kherson",
    "k2,monitor_team,Team 2,B,2,2025-04-19T18:41:00Z,shelling.artillery,46.641,32.619,800,,"
    "heard,two rounds",
]
DAY = date(2025, 4, 20)


@pytest.fixture(autouse=True)
def _matplotlib_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(os.environ, "MPLCONFIGDIR", str(tmp_path / "mpl"))


def _ingest(store: Store, actor: Actor, path: Path, rows: list[str]) -> None:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    verify(store, actor)
    evaluate_store(store, actor)


def _second() -> None:
    """Stored times have whole seconds: let one pass so 'before' and 'after' differ."""
    time.sleep(1.05)


def test_as_of_publication_reproduces_the_published_figures(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    load_shipped_agreements(store, actor)
    _ingest(store, actor, tmp_path / "easter.csv", EASTER)
    first = publish_report(store, actor, ReportSpec(DAY))
    (row,) = [r for r in published(store, actor=actor) if r.format == "json"]
    at = row.published_at
    _, data = published_bytes(store, ReportSpec(DAY), "json", actor=actor)
    figures = json.loads(data)["figures"]
    before = [r["incident_id"] for r in incidents_as_of(store, at, IncidentFilter())]
    _second()
    _ingest(store, actor, tmp_path / "late.csv", LATE)

    now = daily_report(store, DAY)
    assert now.headline.total == 2 and figures["incidents.total"] == 1
    assert now.figures != figures
    then = daily_report(store, DAY, as_of=at)
    assert then.figures == figures
    assert then.notices[0].startswith(f"Reconstruction as of {at:%Y-%m-%dT%H:%M:%SZ}")
    assert then.headline.total == 1

    # the same incident IDs as the system had then, and the late one only now
    assert [r["incident_id"] for r in incidents_as_of(store, at, IncidentFilter())] == before
    assert len(before) == 1
    found_then = findings_as_of(store, at, FindingFilter())
    assert {f["incident_id"] for f in found_then} <= set(before)
    assert all(f["status"] for f in found_then)

    # report time: the version published at a time, not the latest
    _second()
    publish_report(store, actor, ReportSpec(DAY), correction="late observations from Kherson")
    assert published_bytes(store, ReportSpec(DAY), "json", actor=actor)[0] == 2
    version, old = published_bytes(store, ReportSpec(DAY), "json", actor=actor, as_of=at)
    assert version == first.version == 1 and old == data
    assert {r.version for r in published(store, actor=actor, as_of=at)} == {1}
    with pytest.raises(NotFound):
        published_bytes(store, ReportSpec(DAY), "json", as_of=at - timedelta(days=1))


def test_before_any_input_the_reconstruction_is_empty(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    load_shipped_agreements(store, actor)
    _ingest(store, actor, tmp_path / "easter.csv", EASTER)
    with reconstructed(store, datetime(2020, 1, 1, tzinfo=UTC)) as old:
        assert list(list_incidents(old, IncidentFilter())) == []
        assert list(list_agreements(old)) == []
    with pytest.raises(CeasefireError, match="time zone"):
        incidents_as_of(store, datetime(2020, 1, 1), IncidentFilter())
    assert daily_report(store, DAY, as_of=parse_as_of("2020-01-01T00:00:00Z")).headline.total == 0


def test_as_of_text_needs_a_time() -> None:
    assert parse_as_of("2025-04-21T08:00:00Z").isoformat() == "2025-04-21T08:00:00+00:00"
    assert parse_as_of("2025-04-21T08:00").isoformat() == "2025-04-21T08:00:00+00:00"
    with pytest.raises(CeasefireError, match="--as-of: 'yesterday' is not a time"):
        parse_as_of("yesterday")
