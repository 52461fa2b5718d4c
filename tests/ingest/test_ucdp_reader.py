"""The UCDP GED reader on real UCDP files (CC BY 4.0), mojibake and all."""

from __future__ import annotations

from pathlib import Path

import ceasefire
from ceasefire.core.observations import parse_columns
from ceasefire.ingest import ucdp

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEMO = Path(ceasefire.__file__).parent / "data" / "demo"
CANDIDATE = DEMO / "ucdp_ged_candidate_ukraine_2022-2023_subset.csv"
UKRAINE = (22.0, 44.0, 41.0, 53.0)


def _records(path: Path) -> tuple[dict[str, dict[str, object]], int, list[tuple[int, str]]]:
    records: dict[str, dict[str, object]] = {}
    reader_problems = 0
    core_problems: list[tuple[int, str]] = []
    for chunk in ucdp.read_chunks(path, chunk_rows=250):
        reader_problems += len(chunk.problems)
        batch, problems = parse_columns(chunk.columns, row_numbers=chunk.rows, area=UKRAINE)
        core_problems += [(p.row, p.field) for p in problems]
        records.update({str(r["key"]): r for r in batch.records()})
    return records, reader_problems, core_problems


def test_candidate_file_reads_every_row_without_reader_problems() -> None:
    records, reader_problems, core_problems = _records(CANDIDATE)
    assert reader_problems == 0
    # 59 upstream rows end before they start (day and month swapped): the core refuses them
    assert len(core_problems) == 59
    assert {field for _, field in core_problems} == {"end"}
    assert len(records) == 894 - 59
    assert {r["source_name"] for r in records.values()} == {"UCDP GED candidate"}


def test_mojibake_text_is_kept_as_written() -> None:
    records, _, _ = _records(CANDIDATE)
    assert "NOËL" in str(records["464833"]["text"])


def test_sample_maps_precision_codes_to_radius_and_window() -> None:
    records, reader_problems, core_problems = _records(FIXTURES / "ucdp_ged_sample.csv")
    assert (len(records), reader_problems, core_problems) == (14, 0, [])
    assert records["154655"]["radius_m"] == 150_000  # where_prec 4: an oblast
    assert records["204785"]["radius_m"] == 500_000  # where_prec 7
    first = records["147997"]  # 2014-01-22, date_prec 1, Kyiv winter time UTC+2
    assert (first["start"], first["end"]) == ("2014-01-21T22:00:00Z", "2014-01-22T22:00:00Z")
    assert first["time_precision"] == "day"
    assert first["act"] == "unknown"
    assert first["source_name"] == "UCDP GED"
    month = records["155073"]  # date_prec 4: 2014-07-22 .. 2014-08-17
    assert month["time_precision"] == "month"
    assert month["end"] == "2014-08-17T21:00:00Z"


def test_summary_rows_say_so_at_the_start_of_text() -> None:
    records, _, _ = _records(FIXTURES / "ucdp_ged_sample.csv")
    summary = str(records["154701"]["text"])
    assert summary.startswith("summary (event_clarity=2) | ")
    assert not str(records["147997"]["text"]).startswith("summary")


def test_deaths_split_into_civilian_sides_and_unknown() -> None:
    cells = {"id": "1", "deaths_a": "2", "deaths_b": "3", "deaths_civilians": "4",
             "deaths_unknown": "5", "best": "14", "low": "10", "high": "20"}  # fmt: skip
    mapped = ucdp.map_row(cells)
    assert (mapped["civ_killed"], mapped["mil_killed"], mapped["unk_killed"]) == ("4", "5", "5")
    assert "deaths best 14 (low 10, high 20)" in str(mapped["text"])
