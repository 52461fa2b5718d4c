"""The observation writer keeps SQLite's R*Tree in step with the rows it stores."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.ingest import ingest_file

CSV = (
    "key,source_kind,source_name,start,act,lat,lon,observer_lat,observer_lon,"
    "bearing_min_deg,bearing_max_deg,distance_max_m,place_name\n"
    "p1,monitor_team,T1,2025-04-20T10:00,shelling,48.28,37.18,,,,,,\n"
    "s1,monitor_team,T1,2025-04-20T10:05,shelling,,,48.1,37.5,10,40,3000,\n"
    "n1,monitor_team,T1,2025-04-20T10:10,shelling,,,,,,,,Avdiivka\n"
)


def test_every_located_observation_is_in_the_rtree_once(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    if store.url.startswith("postgresql"):
        return  # PostGIS indexes a generated column; nothing to fill
    path = tmp_path / "obs.csv"
    path.write_text(CSV, encoding="utf-8")
    ingest_file(store, actor, path, settings=app_settings)
    ingest_file(store, actor, path, settings=app_settings)  # a re-import adds nothing
    with store.reader.connect() as connection:
        boxes = connection.execute(
            text(
                "SELECT o.key, r.min_lon, r.min_lat FROM observation_rtree r "
                "JOIN observations o ON o.id = r.id ORDER BY o.key"
            )
        ).all()
    assert [b.key for b in boxes] == ["p1", "s1"]
    assert abs(boxes[0].min_lon - 37.18) < 1e-4 and abs(boxes[1].min_lat - 48.1) < 1e-4
