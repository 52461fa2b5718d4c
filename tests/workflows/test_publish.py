"""Publishing reports on SQLite and PostgreSQL: stored bytes with their hashes in the outbox,
republication refused, corrections linked, bytes returned exactly, and the next day's report
comparing against the published figures."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError, NotFound
from ceasefire.core.reports.policy import PublicationPolicy
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.publications import published_reports
from ceasefire.store.schema import outbox
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import sequence, verify_ledger
from ceasefire.workflows.publish import (
    ReportSpec,
    publish_report,
    published,
    published_bytes,
)
from ceasefire.workflows.report import daily_report
from ceasefire.workflows.verify import verify

HEADER = "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,text\n"
EASTER = [
    "e1,sensor,Camera 3,A,1,2025-04-19T17:10:00Z,shelling.artillery,48.527,37.706,300,impact",
    "e2,monitor_team,Team 5,B,2,2025-04-19T17:11:00Z,shelling.artillery,48.528,37.705,1000,rounds",
]
APRIL_20 = ReportSpec(date(2025, 4, 20))
NOW = datetime(2025, 4, 21, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _matplotlib_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(os.environ, "MPLCONFIGDIR", str(tmp_path / "mpl"))


def _ingest(store: Store, actor: Actor, tmp_path: Path) -> None:
    path = tmp_path / "easter.csv"
    path.write_text(HEADER + "\n".join(EASTER) + "\n", encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    verify(store, actor)


def _events(store: Store) -> list[dict[str, object]]:
    with store.reader.connect() as connection:
        rows = connection.execute(select(outbox.c.canonical).order_by(outbox.c.id))
        events = [json.loads(r.canonical) for r in rows]
    return [e for e in events if e["action"] == "report.published"]


def test_publish_stores_the_bytes_and_ledgers_their_hashes(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    load_shipped_agreements(store, actor)
    _ingest(store, actor, tmp_path)
    done = publish_report(store, actor, APRIL_20, now=NOW)
    assert done.version == 1 and "json" in done.sha256
    (event,) = _events(store)
    renderings = event["content"]["renderings"]  # type: ignore[index]
    with store.reader.connect() as connection:
        stored = {r.format: r for r in connection.execute(select(published_reports))}
    assert set(stored) == set(renderings) == set(done.sha256)
    for format, row in stored.items():
        digest = hashlib.sha256(row.content).hexdigest()
        assert digest == row.sha256 == renderings[format]["sha256"]
        assert row.actor == actor.ref and row.version == 1
    document = json.loads(stored["json"].content)
    assert document["headline"]["total"] == 1
    sequence(store)
    report = verify_ledger(store)
    assert report.ok and "published_report" not in report.not_covered


def test_ledger_verify_names_an_edited_published_report(store: Store, actor: Actor) -> None:
    from sqlalchemy import update

    load_shipped_agreements(store, actor)
    publish_report(store, actor, APRIL_20, now=NOW)
    sequence(store)
    with store.writer.begin() as connection:
        connection.execute(
            update(published_reports)
            .where(published_reports.c.format == "json")
            .values(content=b'{"headline":{"total":0}}')
        )
    report = verify_ledger(store)
    assert not report.ok
    assert report.problems[0].where.startswith("published_reports")


def test_republishing_is_refused_and_a_correction_keeps_the_first_version(
    store: Store, actor: Actor
) -> None:
    load_shipped_agreements(store, actor)
    publish_report(store, actor, APRIL_20, now=NOW)
    _, first = published_bytes(store, APRIL_20, "json")
    with pytest.raises(CeasefireError, match=r"already published.*--correction REASON"):
        publish_report(store, actor, APRIL_20, now=NOW)
    with pytest.raises(CeasefireError, match="nothing to correct"):
        publish_report(store, actor, ReportSpec(date(2025, 4, 22)), correction="late", now=NOW)
    done = publish_report(store, actor, APRIL_20, correction="late reports from Team 5", now=NOW)
    assert done.version == 2 and done.correction_reason == "late reports from Team 5"
    assert published_bytes(store, APRIL_20, "json", version=1) == (1, first)
    version, second = published_bytes(store, APRIL_20, "json")
    assert version == 2
    assert (
        "Correction (version 2, replacing version 1): late reports"
        in json.loads(second)["notices"][0]
    )
    (_, event) = _events(store)
    assert event["content"]["corrects_version"] == 1  # type: ignore[index]
    assert event["content"]["reason"] == "late reports from Team 5"  # type: ignore[index]
    listed = [
        (r.version, r.format, r.correction_reason) for r in published(store, date(2025, 4, 20))
    ]
    assert (2, "json", "late reports from Team 5") in listed and (1, "json", None) in listed


def test_get_returns_identical_bytes_and_names_what_is_missing(store: Store, actor: Actor) -> None:
    load_shipped_agreements(store, actor)
    done = publish_report(store, actor, APRIL_20, now=NOW)
    for format, digest in done.sha256.items():
        _, data = published_bytes(store, APRIL_20, format)
        assert hashlib.sha256(data).hexdigest() == digest
    with pytest.raises(NotFound, match="no json rendering published"):
        published_bytes(store, ReportSpec(date(2025, 4, 21)), "json")
    with pytest.raises(NotFound):
        published_bytes(store, ReportSpec(date(2025, 4, 20), public=True), "json")


def test_next_report_compares_with_the_published_figures_and_their_correction(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    load_shipped_agreements(store, actor)
    publish_report(store, actor, APRIL_20, now=NOW)  # published before the reports came in
    _ingest(store, actor, tmp_path)
    report = daily_report(store, date(2025, 4, 21))
    total = next(c for c in report.changes if c.key == "incidents.total")
    assert (total.previous, total.previous_source) == (0, "published")
    (correction,) = [c for c in report.corrections if c.key == "incidents.total"]
    assert (correction.published, correction.now) == (0, 1)
    publish_report(store, actor, APRIL_20, correction="two late reports", now=NOW)
    after = daily_report(store, date(2025, 4, 21))
    assert next(c for c in after.changes if c.key == "incidents.total").previous == 1
    assert not [c for c in after.corrections if c.key == "incidents.total"]


def test_public_edition_is_published_apart_and_withholds_recent_incidents(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    load_shipped_agreements(store, actor)
    _ingest(store, actor, tmp_path)
    public = ReportSpec(date(2025, 4, 20), public=True)
    policy = PublicationPolicy(delay_hours=72)
    publish_report(store, actor, public, policy=policy, now=NOW)
    _, data = published_bytes(store, public, "json")
    document = json.loads(data)
    assert document["headline"]["total"] == 0  # 19 April evening is within 72 hours of NOW
    assert "withheld" in document["notices"][0]
    later = datetime(2025, 4, 24, 8, 0, tzinfo=UTC)
    report = daily_report(store, date(2025, 4, 20), policy=policy, now=later)
    (point,) = report.map_points
    assert (point.lon % 100_000, point.lat % 100_000) == (50_000, 50_000)  # a 0.1° cell centre
    publish_report(store, actor, APRIL_20, now=NOW)  # the full edition is separate
    assert published_bytes(store, APRIL_20, "json")[0] == 1


def test_cli_publish_list_get_and_refusal(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ceasefire.cli.main import app

    runner = CliRunner()
    db = ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]
    day = ["--date", "2025-04-20"]
    first = runner.invoke(app, [*db, "report", "publish", *day])
    assert first.exit_code == 0, first.output
    digest = next(line.split()[2] for line in first.stdout.splitlines() if "json  sha256" in line)
    again = runner.invoke(app, [*db, "report", "publish", *day])
    assert again.exit_code == 1
    assert "already published" in again.stderr and "--correction REASON" in again.stderr
    listed = runner.invoke(app, [*db, "report", "published", *day])
    assert digest in listed.stdout and "full v1 json" in listed.stdout
    out = tmp_path / "got.json"
    got = runner.invoke(app, [*db, "report", "get", *day, "--format", "json", "--out", str(out)])
    assert got.exit_code == 0, got.output
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest
    fixed = runner.invoke(app, [*db, "report", "publish", *day, "--correction", "late reports"])
    assert fixed.exit_code == 0 and "version 2 correction" in fixed.stdout
