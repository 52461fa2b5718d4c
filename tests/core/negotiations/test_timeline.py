"""As of a date: the latest record on or before it wins; history is kept."""

from __future__ import annotations

from datetime import date

from ceasefire.core.agreement import parse_agreement
from ceasefire.core.agreement.examples import MINIMAL_YAML
from ceasefire.core.negotiations import (
    ConditionRecord,
    LifecycleKind,
    LifecycleRecord,
    StanceKind,
    StanceRecord,
    lifecycle_as_of,
    negotiation_state,
    stance_matrix,
    stances_as_of,
    timeline_entries,
)

URL = "https://example.org/source"


def _stance(record_id: str, kind: str, day: str, **extra: object) -> StanceRecord:
    data: dict[str, object] = {
        "id": record_id, "agreement": "a", "party": "RU", "term": "T-1", "stance": kind,
        "date": day, "source_url": URL, **extra,
    }  # fmt: skip
    return StanceRecord.model_validate(data)


RECORDS = [
    _stance("S-1", "accepts_with_conditions", "2025-03-13"),
    _stance("S-2", "rejects", "2025-03-20"),
    _stance("S-3", "accepts", "2025-03-20"),
]


def test_before_the_first_record_there_is_no_stance() -> None:
    grid = stance_matrix(["RU"], ["term:T-1"], RECORDS, as_of=date(2025, 3, 12))
    assert grid.value("RU", "term:T-1") is None
    assert grid.as_json()["rows"] == {"RU": {"term:T-1": None}}


def test_the_latest_record_on_or_before_the_date_wins() -> None:
    on_day = stance_matrix(["RU"], ["term:T-1"], RECORDS, as_of=date(2025, 3, 13))
    assert on_day.value("RU", "term:T-1") is StanceKind.ACCEPTS_WITH_CONDITIONS
    between = stance_matrix(["RU"], ["term:T-1"], RECORDS, as_of=date(2025, 3, 19))
    assert between.value("RU", "term:T-1") is StanceKind.ACCEPTS_WITH_CONDITIONS


def test_same_date_ties_go_to_the_record_stored_last_and_history_is_kept() -> None:
    cell = stances_as_of(RECORDS, date(2025, 3, 31))[("RU", "term:T-1")]
    assert [record.id for record in cell.history] == ["S-1", "S-2", "S-3"]
    assert cell.current is not None and cell.current.id == "S-3"


def test_a_timed_record_follows_a_date_only_one_of_the_same_day() -> None:
    timed = _stance("S-t", "rejects", "2025-03-20", time="09:00", time_zone="Europe/Kyiv")
    cell = stances_as_of([timed, RECORDS[2]], None)[("RU", "term:T-1")]
    assert cell.current is not None and cell.current.id == "S-t"


def test_parties_and_subjects_only_in_records_are_added() -> None:
    other = _stance("S-x", "demands", "2025-03-14", party="UA", term=None, condition="C-9")
    grid = stance_matrix(["RU"], ["term:T-1"], [*RECORDS, other], None)
    assert grid.parties == ("RU", "UA")
    assert grid.subjects == ("term:T-1", "condition:C-9")
    assert grid.value("UA", "condition:C-9") is StanceKind.DEMANDS


def test_lifecycle_and_timeline_as_of() -> None:
    steps = [
        LifecycleRecord(id="L-1", agreement="a", party="RU", kind="committed", term="T-1",
                        date="2025-04-19", source_url=URL),
        LifecycleRecord(id="L-2", agreement="a", party="RU", kind="expired", term="T-1",
                        date="2025-04-21", source_url=URL),
    ]  # fmt: skip
    assert lifecycle_as_of(steps, date(2025, 4, 20)) == {("RU", "T-1"): LifecycleKind.COMMITTED}
    assert lifecycle_as_of(steps, None)[("RU", "T-1")] is LifecycleKind.EXPIRED
    condition = ConditionRecord(
        id="C-1", agreement="a", title="Monitoring", text="x", raised_by="RU",
        date="2025-03-13", becomes_term="T-2", becomes_term_on="2025-04-01",
    )  # fmt: skip
    entries = timeline_entries(RECORDS, [condition], steps, as_of=date(2025, 4, 20))
    assert [entry.record_id for entry in entries] == ["C-1", "S-1", "S-2", "S-3", "C-1", "L-1"]
    assert entries[4].what == "condition:C-1 becomes term:T-2"


def test_negotiation_state_of_an_agreement() -> None:
    agreement = parse_agreement(MINIMAL_YAML, "example.yaml")
    state = negotiation_state(agreement, [], [], [], as_of=None)
    assert state.matrix.subjects == ("term:T-1", "term:T-2", "condition:C-mirror")
    assert state.as_json()["timeline"] == {}
