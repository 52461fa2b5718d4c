"""The observation writer keeps SQLite's R*Tree and the current revisions in step with its rows."""

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


def test_only_the_latest_revision_is_current_and_old_content_stays_a_duplicate(
    store: Store, actor: Actor, app_settings: Settings, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(CSV, encoding="utf-8")
    second.write_text(CSV.replace("48.28,37.18", "48.29,37.18"), encoding="utf-8")
    ingest_file(store, actor, first, settings=app_settings)
    revised = ingest_file(store, actor, second, settings=app_settings)
    again = ingest_file(store, actor, first, settings=app_settings)  # revision 1's content
    assert (revised.revised, revised.duplicates) == (1, 2)
    assert (again.accepted, again.revised, again.duplicates) == (0, 0, 3)
    with store.reader.connect() as connection:
        heads = connection.execute(
            text("SELECT key, revision FROM observation_heads ORDER BY key")
        ).all()
        chain = connection.execute(
            text(
                "SELECT revision, previous_id, superseded_by, id FROM observations "
                "WHERE key = 'p1' ORDER BY revision"
            )
        ).all()
    assert [tuple(h) for h in heads] == [("n1", 1), ("p1", 2), ("s1", 1)]
    assert chain[0].superseded_by == chain[1].id and chain[1].previous_id == chain[0].id
    assert chain[1].superseded_by is None
