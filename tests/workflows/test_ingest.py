"""The ingest contract, on SQLite and on PostgreSQL + PostGIS."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.core.actor import Actor
from ceasefire.core.errors import IngestError
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.schema import imports, observations, outbox, quarantine
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.observations import ObservationFilter, list_observations

HEADER = "key,source_kind,source_name,reliability,credibility,start,source_tz,act,lat,lon,text\n"
GOOD = [
    "k1,monitor_team,SMM-T1,B,2,2025-04-20T10:15,Europe/Kyiv,shelling.artillery,48.28,37.18,"
    "four explosions\n",
    "k2,monitor_team,SMM-T1,B,2,2025-04-20T10:20,Europe/Kyiv,shelling.mortar,48.29,37.10,bursts\n",
    "k3,media,Ukrinform,C,3,2025-04-21,Europe/Kyiv,drone_strike.fpv,46.64,32.61,Kherson\n",
]
BAD = "k4,monitor_team,SMM-T1,B,2,2025-04-20T10:20,Europe/Kyiv,nonsense,48.29,37.10,?\n"


def _write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _count(store: Store, table: object) -> int:
    with store.reader.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_reimporting_the_same_file_stores_nothing_new(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    path = _write(tmp_path, "obs.csv", *GOOD)
    first = ingest_file(store, actor, path, settings=app_settings)
    assert (first.accepted, first.duplicates) == (3, 0)
    counts = {t.name: _count(store, t) for t in (observations, imports, outbox, quarantine)}
    second = ingest_file(store, actor, path, settings=app_settings)
    assert (second.accepted, second.revised, second.duplicates) == (0, 0, 3)
    assert {t.name: _count(store, t) for t in (observations, imports, outbox, quarantine)} == counts


def test_same_key_with_new_content_is_a_linked_revision(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, actor, _write(tmp_path, "a.csv", *GOOD), settings=app_settings)
    changed = GOOD[0].replace("four explosions", "five explosions")
    summary = ingest_file(store, actor, _write(tmp_path, "b.csv", changed), settings=app_settings)
    assert (summary.accepted, summary.revised) == (0, 1)
    rows = list(list_observations(store, ObservationFilter(source="SMM-T1")))
    k1 = next(r for r in rows if r["key"] == "k1")
    assert (k1["revision"], k1["text"]) == (2, "five explosions")
    with store.reader.connect() as connection:
        previous = connection.execute(
            select(observations.c.previous_id, observations.c.canonical)
            .where(observations.c.key == "k1")
            .order_by(observations.c.revision)
        ).all()
    assert previous[0].previous_id is None
    assert previous[1].previous_id is not None
    assert _count(store, observations) == 4


def test_quarantine_keeps_good_rows_and_names_row_and_field(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    summary = ingest_file(
        store, actor, _write(tmp_path, "q.csv", *GOOD, BAD), settings=app_settings
    )
    assert (summary.accepted, summary.quarantined) == (3, 1)
    with store.reader.connect() as connection:
        held = connection.execute(select(quarantine)).one()
    assert (held.file_name, held.row, held.field) == ("q.csv", 5, "act")
    assert '"act": "nonsense"' in held.raw
    again = ingest_file(store, actor, _write(tmp_path, "q.csv", *GOOD, BAD), settings=app_settings)
    assert again.quarantined == 1
    assert _count(store, quarantine) == 1


def test_reject_mode_stores_nothing_when_a_row_is_invalid(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(IngestError, match=r"row 5, field act"):
        ingest_file(
            store,
            actor,
            _write(tmp_path, "r.csv", *GOOD, BAD),
            settings=app_settings,
            on_invalid="reject",
        )
    assert _count(store, observations) == 0
    assert _count(store, imports) == 0


def test_same_key_twice_in_one_file_with_different_content_is_quarantined(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    twin = GOOD[0].replace("four explosions", "three explosions")
    summary = ingest_file(
        store, actor, _write(tmp_path, "t.csv", GOOD[0], twin), settings=app_settings
    )
    assert (summary.accepted, summary.quarantined) == (1, 1)
    assert summary.problems[0].field == "key"


def test_import_records_an_outbox_event_with_a_merkle_root(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, actor, _write(tmp_path, "o.csv", *GOOD), settings=app_settings)
    with store.reader.connect() as connection:
        event = connection.execute(select(outbox)).one()
    assert event.action == "observations.imported"
    assert event.actor == "local:tester"
    assert b'"rows_stored":3' in event.canonical
    assert b'"rows_merkle_root":"' in event.canonical


def test_filters_by_time_bbox_and_act_agree_on_both_backends(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, actor, _write(tmp_path, "f.csv", *GOOD), settings=app_settings)

    def keys(**kwargs: object) -> list[str]:
        return [str(r["key"]) for r in list_observations(store, ObservationFilter(**kwargs))]  # type: ignore[arg-type]

    assert keys(bbox=(37.0, 48.0, 37.15, 48.5)) == ["k2"]
    assert keys(acts=("shelling",)) == ["k1", "k2"]
    assert keys(acts=("drone_strike",)) == ["k3"]
    from datetime import UTC, datetime

    assert keys(start=datetime(2025, 4, 20, 22, tzinfo=UTC)) == ["k3"]


def test_times_come_back_timezone_aware_in_utc(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, actor, _write(tmp_path, "z.csv", GOOD[0]), settings=app_settings)
    row = next(iter(list_observations(store, ObservationFilter())))
    start = row["start"]
    assert start.isoformat() == "2025-04-20T07:15:00+00:00"  # type: ignore[union-attr]
