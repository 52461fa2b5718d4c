"""The submission writer: records filed at the same moment share one transaction, and each
request hears only of its own record."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import BackgroundTasks
from sqlalchemy import func, select

from ceasefire.api.app import create_app
from ceasefire.api.group_commit import SubmissionWriter
from ceasefire.api.service import Service
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import IngestError, PermissionDenied
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.schema import imports, observations
from ceasefire.workflows import submit as submit_workflow
from ceasefire.workflows.ledger import sequence, verify_ledger

MONITOR = Actor(user="mo", role=Role.MONITOR)


def _record(key: str, **changes: object) -> dict[str, object]:
    return {
        "source_kind": "media",
        "source_name": "Wire",
        "key": key,
        "start": "2025-04-20T10:00:00Z",
        "act": "shelling",
        "lat": 48.5,
        "lon": 37.7,
    } | changes


def _service(api_settings: Settings, store: Store) -> Service:
    service = create_app(api_settings, store).state.service
    assert isinstance(service, Service)
    return service


async def _file_all(
    writer: SubmissionWriter, entries: list[tuple[Actor, dict[str, object]]]
) -> list[object]:
    calls = [writer.submit(actor, record, BackgroundTasks()) for actor, record in entries]
    return list(await asyncio.gather(*calls, return_exceptions=True))


def test_records_filed_together_are_committed_together_each_with_its_own_answer(
    api_settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    real = submit_workflow.store_prepared

    def counted(target: Store, submissions: list[object]) -> object:
        batches.append(len(submissions))
        return real(target, submissions)  # type: ignore[arg-type]

    monkeypatch.setattr("ceasefire.api.group_commit.store_prepared", counted)
    service = _service(api_settings, store)
    writer = SubmissionWriter(service)
    entries: list[tuple[Actor, dict[str, object]]] = [
        (MONITOR, _record(f"K-{n}")) for n in range(12)
    ]
    entries += [
        (MONITOR, _record("K-0")),  # the same record again: a duplicate
        (MONITOR, _record("K-1", lat=48.6)),  # other content for a known key: a revision
        (MONITOR, _record("K-bad", start="yesterday-ish")),
        (Actor(user="med", role=Role.MEDIATOR), _record("K-med")),
    ]
    answers = asyncio.run(_file_all(writer, entries))
    stored = answers[:12]
    assert all(getattr(a, "accepted", None) == 1 for a in stored), answers
    assert getattr(answers[12], "duplicates", None) == 1
    assert getattr(answers[13], "revised", None) == 1
    assert isinstance(answers[14], IngestError) and answers[14].problems[0].field == "start"
    assert isinstance(answers[15], PermissionDenied)
    assert sum(batches) == 14 and len(batches) < 14  # fewer transactions than records
    with store.reader.connect() as connection:
        assert connection.execute(select(func.count()).select_from(observations)).scalar() == 13
        assert connection.execute(select(func.count()).select_from(imports)).scalar() == 13
    sequence(store)
    assert verify_ledger(store, actor=Actor.local_cli("tester")).ok
    service.close()


def test_a_failing_transaction_is_retried_record_by_record(
    api_settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = submit_workflow.store_prepared

    def fragile(target: Store, submissions: list[object]) -> object:
        keys = {s.key for s in submissions}  # type: ignore[attr-defined]
        if "BOOM" in keys:
            raise RuntimeError("the database went away")
        return real(target, submissions)  # type: ignore[arg-type]

    monkeypatch.setattr("ceasefire.api.group_commit.store_prepared", fragile)
    service = _service(api_settings, store)
    writer = SubmissionWriter(service)
    answers = asyncio.run(
        _file_all(
            writer, [(MONITOR, _record("A")), (MONITOR, _record("BOOM")), (MONITOR, _record("B"))]
        )
    )
    assert getattr(answers[0], "accepted", None) == 1
    assert isinstance(answers[1], RuntimeError)
    assert getattr(answers[2], "accepted", None) == 1
    with store.reader.connect() as connection:
        keys = connection.execute(select(observations.c.key).order_by(observations.c.key)).all()
    assert [k.key for k in keys] == ["A", "B"]
    service.close()
