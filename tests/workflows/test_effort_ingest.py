"""Importing effort and storage-site files, on SQLite and on PostgreSQL + PostGIS.

Needs ``ceasefire.workflows.ingest`` to route KIND ``effort`` and ``storage_sites`` to
``ceasefire.workflows.effort`` (see that module).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Table, func, select

from ceasefire.core.actor import Actor
from ceasefire.core.effort import parse_effort
from ceasefire.core.errors import IngestError
from ceasefire.ingest import effort_csv
from ceasefire.ingest.base import RawChunk
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.effort import (
    current_sites,
    effort_records,
    storage_inspection_items,
    storage_inspections,
    storage_site_items,
    storage_sites,
    write_effort,
)
from ceasefire.store.schema import imports, outbox, quarantine
from ceasefire.workflows.ingest import ingest_file

FIXTURES = Path(__file__).parents[1] / "fixtures"
EFFORT_HEADER = (FIXTURES / "effort_sample.csv").read_text().splitlines(keepends=True)[0]
EFFORT_ROWS = (FIXTURES / "effort_sample.csv").read_text().splitlines(keepends=True)[1:]
SITES = (FIXTURES / "storage_sites_sample.csv").read_text().splitlines(keepends=True)


def _write(tmp_path: Path, name: str, header: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text(header + "".join(lines), encoding="utf-8")
    return path


def _count(store: Store, table: Table) -> int:
    with store.reader.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_effort_reimport_stores_nothing_new(
    store: Store, actor: Actor, app_settings: Settings
) -> None:
    path = FIXTURES / "effort_sample.csv"
    first = ingest_file(store, actor, path, settings=app_settings)
    assert (first.kind, first.accepted, first.quarantined) == ("effort", 5, 0)
    counts = (_count(store, effort_records), _count(store, outbox))
    second = ingest_file(store, actor, path, settings=app_settings)
    assert (second.accepted, second.revised, second.duplicates) == (0, 0, 5)
    assert (_count(store, effort_records), _count(store, outbox)) == counts
    with store.reader.connect() as connection:
        patrol = connection.execute(
            select(effort_records).where(effort_records.c.key == "p1")
        ).one()
        event = connection.execute(select(outbox.c.action, outbox.c.canonical)).one()
    assert patrol.start.isoformat() == "2025-04-20T05:00:00+00:00"
    assert patrol.min_lon == 37550000 and patrol.max_lat == 48723000
    assert patrol.distance_m > 20_000 and patrol.route_wkb
    assert event.action == "effort.imported" and b"rows_merkle_root" in event.canonical


def test_a_corrected_effort_record_is_a_linked_revision(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, actor, FIXTURES / "effort_sample.csv", settings=app_settings)
    corrected = EFFORT_ROWS[2].replace(",1320,", ",1200,")
    path = _write(tmp_path, "fix.csv", EFFORT_HEADER, corrected)
    summary = ingest_file(store, actor, path, settings=app_settings)
    assert (summary.accepted, summary.revised) == (0, 1)
    with store.reader.connect() as connection:
        rows = connection.execute(
            select(effort_records)
            .where(effort_records.c.key == "c1")
            .order_by(effort_records.c.revision)
        ).all()
    assert [(r.revision, r.current, r.uptime_min) for r in rows] == [
        (1, False, 1320),
        (2, True, 1200),
    ]
    assert rows[1].previous_id == rows[0].id


BAD_EFFORT = [
    EFFORT_ROWS[0].replace("LINESTRING (37.556 48.723,", "LINESTRING (37.556 48.723"),
    EFFORT_ROWS[1].replace("37.083 48.467; 37.170 48.420", "48.467 37.083; 48.420 37.170"),
    EFFORT_ROWS[2].replace(",1320,", ",-5,"),
]


def test_bad_effort_rows_are_quarantined_by_row_and_field(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    path = _write(tmp_path, "bad.csv", EFFORT_HEADER, *BAD_EFFORT, EFFORT_ROWS[4])
    summary = ingest_file(store, actor, path, settings=app_settings)
    assert (summary.accepted, summary.quarantined) == (1, 3)
    with store.reader.connect() as connection:
        held = connection.execute(
            select(quarantine.c.row, quarantine.c.field, quarantine.c.reason).order_by(
                quarantine.c.row
            )
        ).all()
    assert [(h.row, h.field) for h in held] == [(2, "route"), (3, "route"), (4, "uptime_min")]
    assert "swapped" in held[1].reason


def test_reject_stores_nothing_when_a_row_is_bad(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    path = _write(tmp_path, "bad.csv", EFFORT_HEADER, BAD_EFFORT[2], EFFORT_ROWS[4])
    with pytest.raises(IngestError, match="row 2, field uptime_min"):
        ingest_file(store, actor, path, settings=app_settings, on_invalid="reject")
    assert _count(store, effort_records) == 0


def test_storage_sites_are_stored_with_items_and_inspections(
    store: Store, actor: Actor, app_settings: Settings
) -> None:
    path = FIXTURES / "storage_sites_sample.csv"
    summary = ingest_file(store, actor, path, settings=app_settings)
    assert (summary.kind, summary.accepted, summary.quarantined) == ("storage_sites", 3, 0)
    assert [_count(store, t) for t in (storage_sites, storage_site_items, storage_inspections,
                                       storage_inspection_items)] == [2, 3, 1, 2]  # fmt: skip
    again = ingest_file(store, actor, path, settings=app_settings)
    assert (again.accepted, again.duplicates, again.import_id) == (0, 3, None)
    with store.reader.connect() as connection:
        site = current_sites(connection, ["UA-T1"])["UA-T1"]
    assert [(i.weapon_type.value, i.declared) for i in site.items] == [
        ("mlrs.light", 10),
        ("tank", 6),
    ]


def test_a_later_inspection_is_checked_against_the_stored_declaration(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, actor, FIXTURES / "storage_sites_sample.csv", settings=app_settings)
    header = SITES[0]
    good = "RU-T1,,,,,,Europe/Moscow,mortar,120,,,2025-05-02T10:00,Team B,9\n"
    undeclared = "RU-T1,,,,,,Europe/Moscow,tank,125,,,2025-05-03T10:00,Team B,2\n"
    unknown_site = "XX-9,,,,,,,tank,125,,,2025-05-03T10:00,Team B,2\n"
    path = _write(tmp_path, "visits.csv", header, good, undeclared, unknown_site)
    summary = ingest_file(store, actor, path, settings=app_settings)
    assert (summary.accepted, summary.quarantined) == (1, 2)
    with store.reader.connect() as connection:
        held = connection.execute(select(quarantine.c.row, quarantine.c.field)).all()
    assert sorted((h.row, h.field) for h in held) == [(3, "weapon_type"), (4, "site_id")]


def test_same_key_twice_in_one_batch_is_a_conflict_not_a_revision(store: Store) -> None:
    chunk = RawChunk(
        columns={
            "key": ["k", "k"],
            "source_name": ["M", "M"],
            "kind": ["restriction", "restriction"],
            "start": ["2025-04-20T10:00", "2025-04-20T11:00"],
            "place_name": ["Toretsk", "Toretsk"],
            "reason": ["security", "mines"],
        },
        rows=[2, 3],
    )
    records, problems = parse_effort(chunk.columns, chunk.rows)
    assert [p.field for p in problems] == ["key"] and len(records) == 1
    with store.writer.begin() as connection:
        import_id = connection.execute(
            imports.insert()
            .values(file_name="x", file_sha256="0" * 64, format=effort_csv.NAME, kind="effort",
                    actor="t", on_invalid="quarantine", received_at="2025-05-01T00:00:00+00:00")
            .returning(imports.c.id)
        ).scalar_one()  # fmt: skip
        first = write_effort(connection, import_id, records)
        changed = parse_effort({**chunk.columns, "reason": ["mines", "mines"]}, chunk.rows)[0]
        again = write_effort(connection, import_id, changed)
    assert (first.accepted, again.revised, [p.field for p in again.conflicts]) == (1, 0, ["key"])
