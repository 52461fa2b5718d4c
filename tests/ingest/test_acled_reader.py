"""The ACLED reader on rows we wrote in ACLED's layout (ACLED data may not be redistributed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceasefire.core.errors import IngestError
from ceasefire.core.observations import parse_columns
from ceasefire.ingest import acled
from ceasefire.ingest.base import RawChunk

FIXTURES = Path(__file__).parents[1] / "fixtures"
UKRAINE = (22.0, 44.0, 41.0, 53.0)


def _read(path: Path) -> RawChunk:
    chunks = list(acled.read_chunks(path))
    assert len(chunks) == 1
    return chunks[0]


def _records(path: Path) -> dict[str, dict[str, object]]:
    chunk = _read(path)
    batch, problems = parse_columns(chunk.columns, row_numbers=chunk.rows, area=UKRAINE)
    assert problems == []
    return {str(r["key"]): r for r in batch.records()}


def test_sample_maps_every_military_row_and_refuses_protest_and_arrest() -> None:
    chunk = _read(FIXTURES / "acled_sample.csv")
    assert chunk.size == 28
    assert [(p.row, p.field) for p in chunk.problems] == [(21, "event_type"), (22, "event_type")]
    assert chunk.problems[0].reason == "not a military act: ACLED Protests / Peaceful protest"


def test_sample_rows_parse_with_source_act_and_window() -> None:
    records = _records(FIXTURES / "acled_sample.csv")
    mlrs = records["UKR218409"]
    assert mlrs["source_kind"] == "dataset"
    assert mlrs["source_name"] == "ACLED"
    assert mlrs["act"] == "shelling.mlrs"
    assert mlrs["target_class"] == "civilian"
    assert mlrs["unk_killed"] == 2
    assert mlrs["alleged_perpetrator"] == "Military Forces of Russia (2000-)"
    assert mlrs["derived_from"] == "Donetsk Regional Military Administration"
    # 22 April 2025 in Kyiv (UTC+3) is 21:00Z the day before, to 21:00Z that day
    assert (mlrs["start"], mlrs["end"]) == ("2025-04-21T21:00:00Z", "2025-04-22T21:00:00Z")
    assert mlrs["radius_m"] == 5_000
    assert mlrs["reported_at"] is not None


def test_notes_refine_air_drone_strikes() -> None:
    records = _records(FIXTURES / "acled_sample.csv")
    assert records["UKR218404"]["act"] == "drone_strike.fpv"
    assert records["UKR218407"]["act"] == "drone_strike.loitering"
    assert records["UKR218408"]["act"] == "air_strike.glide_bomb"
    assert records["UKR218426"]["act"] == "air_strike.glide_bomb"
    assert records["UKR218425"]["act"] == "drone_strike.bomb_drop"
    assert records["UKR218429"]["act"] == "air_strike"
    assert records["UKR218410"]["act"] == "missile_strike"


def test_week_and_month_precision_widen_the_window() -> None:
    records = _records(FIXTURES / "acled_sample.csv")
    week = records["UKR218418"]  # 14 April 2025, precision 2
    assert week["time_precision"] == "week"
    assert (week["start"], week["end"]) == ("2025-04-07T21:00:00Z", "2025-04-20T21:00:00Z")
    month = records["UKR218419"]  # 15 April 2025, precision 3, geo_precision 3
    assert month["time_precision"] == "month"
    assert (month["start"], month["end"]) == ("2025-03-31T21:00:00Z", "2025-04-30T21:00:00Z")
    assert month["radius_m"] == 100_000


def test_event_in_russia_is_read_in_moscow_days() -> None:
    sudzha = _records(FIXTURES / "acled_sample.csv")["UKR218423"]
    assert sudzha["source_tz"] == "Europe/Moscow"
    assert sudzha["start"] == "2025-04-07T21:00:00Z"


def test_revised_file_repeats_one_row_and_revises_another() -> None:
    first = _records(FIXTURES / "acled_sample.csv")
    second = _records(FIXTURES / "acled_sample_revised.csv")
    assert set(second) == {"UKR218401", "UKR218409"}
    assert second["UKR218401"] == first["UKR218401"]
    revised, original = second["UKR218409"], first["UKR218409"]
    assert revised["unk_killed"] == 3 and original["unk_killed"] == 2
    assert revised["text"] != original["text"]


def test_long_source_list_is_cut_and_kept_in_text() -> None:
    cells = {
        "event_id_cnty": "UKR1", "event_date": "2025-04-20", "event_type": "Battles",
        "sub_event_type": "Armed clash", "latitude": "48.0", "longitude": "37.0",
        "source": "; ".join(f"Outlet {n}" for n in range(40)), "notes": "Clash.",
    }  # fmt: skip
    mapped = acled.map_row(cells)
    assert mapped["derived_from"] is not None and len(mapped["derived_from"]) == 200
    assert mapped["derived_from"].endswith("…")
    assert mapped["text"] is not None and "Outlet 39" in mapped["text"]


@pytest.mark.parametrize("text", ["2025-04-20", "20 April 2025", "20-04-2025"])
def test_event_dates_in_acled_layouts(text: str) -> None:
    assert acled.read_event_date(text) == date(2025, 4, 20)


def test_unreadable_date_reaches_the_core_as_a_start_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    header = "event_id_cnty,event_date,event_type,sub_event_type,latitude,longitude"
    path.write_text(f"{header}\nUKR9,20/13/2025,Battles,Armed clash,48.1,37.2\n")
    chunk = _read(path)
    _, problems = parse_columns(chunk.columns, row_numbers=chunk.rows)
    assert [(p.row, p.field) for p in problems] == [(2, "start")]


def test_missing_required_header_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("event_id_cnty,event_date,event_type\nUKR1,2025-04-20,Battles\n")
    with pytest.raises(IngestError, match="row 1: missing column"):
        list(acled.read_chunks(path))
