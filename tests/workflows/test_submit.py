"""Single-record submissions store what a one-line file import stores, on both databases."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import IngestError, PermissionDenied
from ceasefire.settings import Settings
from ceasefire.store.commitments import row_salts
from ceasefire.store.database import Store
from ceasefire.store.schema import imports, observations, outbox
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import sequence, verify_ledger
from ceasefire.workflows.submit import record_line, submit_observations

MONITOR = Actor(user="mo", role=Role.MONITOR)


def _record(key: str, text: str = "four explosions") -> dict[str, str | int | float | None]:
    return {
        "source_kind": "monitor_team",
        "source_name": "SMM-T1",
        "key": key,
        "start": "2025-04-20T10:15:00+03:00",
        "act": "shelling.artillery",
        "lat": 48.28,
        "lon": 37.18,
        "observer_lat": 48.3,
        "observer_lon": 37.2,
        "radius_m": 500,
        "text": text,
    }


def _one_line_file(tmp_path: Path, record: dict[str, str | int | float | None]) -> Path:
    folder = tmp_path / "upload"
    folder.mkdir(exist_ok=True)
    path = folder / "observation.jsonl"
    path.write_bytes(record_line(record))
    return path


def _count(store: Store, table: object) -> int:
    with store.reader.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _events(store: Store) -> list[dict[str, object]]:
    with store.reader.connect() as connection:
        rows = connection.execute(select(outbox.c.canonical).order_by(outbox.c.id)).all()
    return [json.loads(bytes(r.canonical)) for r in rows]


def test_a_submission_stores_what_importing_it_as_a_one_line_file_stores(
    store: Store, app_settings: Settings, tmp_path: Path
) -> None:
    filed = _record("k1")
    first = submit_observations(store, MONITOR, [filed], settings=app_settings)
    assert [(o.accepted, o.revised, o.duplicates) for o in first] == [(1, 0, 0)]
    # The same record as a file is a duplicate: same canonical bytes, hash and natural key.
    again = ingest_file(
        store, MONITOR, _one_line_file(tmp_path, filed), settings=app_settings, on_invalid="reject"
    )
    assert again.import_id is None and again.duplicates == 1
    # A file with other content for the key revises the submitted row, and vice versa.
    revised = ingest_file(
        store,
        MONITOR,
        _one_line_file(tmp_path, _record("k1", "five explosions")),
        settings=app_settings,
        on_invalid="reject",
    )
    assert revised.revised == 1
    back = submit_observations(store, MONITOR, [_record("k1", "six")], settings=app_settings)
    assert back[0].revised == 1
    with store.reader.connect() as connection:
        rows = connection.execute(
            select(observations.c.revision, observations.c.superseded_by).order_by(
                observations.c.id
            )
        ).all()
        kept = connection.execute(select(imports).order_by(imports.c.id)).all()
    assert [r.revision for r in rows] == [1, 2, 3]
    assert [r.superseded_by is None for r in rows] == [False, False, True]
    # The import rows and events of both paths have the same layout and figures.
    assert {r.file_name for r in kept} == {"observation.jsonl"}
    assert kept[0].file_sha256 == hashlib.sha256(record_line(filed)).hexdigest()
    assert [(r.accepted, r.revised, r.rows_read, r.on_invalid) for r in kept] == [
        (1, 0, 1, "reject"),
        (0, 1, 1, "reject"),
        (0, 1, 1, "reject"),
    ]
    submitted, imported, resubmitted = (e["content"] for e in _events(store))
    assert isinstance(submitted, dict) and isinstance(imported, dict)
    assert set(submitted) == set(imported)
    assert imported["rows_stored"] == submitted["rows_stored"] == 1
    assert resubmitted == {
        **imported,
        **{k: resubmitted[k] for k in ("file_sha256", "rows_merkle_root")},
    }  # type: ignore[dict-item]
    # Observer positions of a monitor team are salted, and the ledger verifies.
    assert _count(store, row_salts) == 3
    sequence(store)
    report = verify_ledger(store, actor=Actor.local_cli("tester"))
    assert report.ok, report.problems


def test_records_repeating_a_key_in_one_call_are_stored_in_order(
    store: Store, app_settings: Settings
) -> None:
    outcomes = submit_observations(
        store,
        MONITOR,
        [_record("a"), _record("b"), _record("a"), _record("a", "later"), _record("c")],
        settings=app_settings,
    )
    assert [(o.accepted, o.revised, o.duplicates) for o in outcomes] == [
        (1, 0, 0),
        (1, 0, 0),
        (0, 0, 1),
        (0, 1, 0),
        (1, 0, 0),
    ]
    assert outcomes[2].import_id is None
    assert _count(store, observations) == 4
    assert _count(store, imports) == 4
    assert _count(store, outbox) == 4
    sequence(store)
    assert verify_ledger(store, actor=Actor.local_cli("tester")).ok


def test_an_invalid_record_is_refused_naming_row_and_field_and_nothing_is_stored(
    store: Store, app_settings: Settings
) -> None:
    bad = _record("k1") | {"start": "yesterday-ish"}
    with pytest.raises(IngestError) as refused:
        submit_observations(store, MONITOR, [_record("k0"), bad], settings=app_settings)
    assert str(refused.value).startswith(
        "observation.jsonl: rejected, nothing stored: 1 problem(s); first: row 2, field start:"
    )
    assert [p.field for p in refused.value.problems] == ["start"]
    with pytest.raises(IngestError, match="field reporter: unknown column"):
        submit_observations(
            store, MONITOR, [_record("k2") | {"reporter": "x"}], settings=app_settings
        )
    with pytest.raises(IngestError, match="NaN is not a number JSON allows"):
        submit_observations(
            store, MONITOR, [_record("k3") | {"lat": float("nan")}], settings=app_settings
        )
    assert _count(store, observations) == 0 and _count(store, imports) == 0


def test_only_roles_that_may_file_observations_can_submit(
    store: Store, app_settings: Settings
) -> None:
    mediator = Actor(user="med", role=Role.MEDIATOR)
    with pytest.raises(PermissionDenied):
        submit_observations(store, mediator, [_record("k1")], settings=app_settings)
    assert _count(store, observations) == 0
