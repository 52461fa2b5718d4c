"""NUL characters in an uploaded file are quarantined the same way on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.schema import observations, quarantine
from ceasefire.workflows.ingest import ingest_file


def _line(key: str, text: str) -> str:
    return json.dumps(
        {
            "key": key,
            "source_kind": "media",
            "source_name": "Wire",
            "act": "shelling",
            "start": "2025-04-20T10:00:00Z",
            "lat": 48.5,
            "lon": 37.7,
            "text": text,
        }
    )


def test_nul_characters_are_quarantined_not_sent_to_the_database(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    lines = [_line("ok", "fine"), _line("nul", "a\x00b"), '{"a\\u0000b": "1", "act": "x"}']
    jsonl = tmp_path / "upload.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ingest_file(store, actor, jsonl, settings=app_settings)
    assert (summary.accepted, summary.quarantined) == (1, 2)
    csv_path = tmp_path / "upload.csv"
    head = "key,source_kind,source_name,start,act,lat,lon,text\n"
    padding = "".join(
        f"p{n},media,Wire,2025-04-20T10:00,shelling,48.5,37.7,{'x' * 200}\n" for n in range(400)
    )  # past the 64 KiB head that is checked for binary content
    csv_path.write_text(
        head + padding + "late,media,Wire,2025-04-20T10:00,shelling,48.5,37.7,a\x00b\n",
        encoding="utf-8",
    )
    from_csv = ingest_file(store, actor, csv_path, settings=app_settings)
    assert (from_csv.accepted, from_csv.quarantined) == (400, 1)
    with store.reader.connect() as connection:
        held = connection.execute(
            select(quarantine.c.row, quarantine.c.field, quarantine.c.reason).order_by(
                quarantine.c.import_id, quarantine.c.row
            )
        ).all()
        keys = {r.key for r in connection.execute(select(observations.c.key))}
    assert [(r.field, r.reason) for r in held] == [
        ("text", "contains a NUL character"),  # row 2 of the JSON Lines file
        ("(row)", "a member name contains a NUL character"),  # its row 3
        ("text", "contains a NUL character"),  # the CSV's last row
    ]
    assert held[-1].row == 402 and "late" not in keys and "nul" not in keys
