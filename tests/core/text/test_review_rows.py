"""Accepted proposals as rows of our own observation and claims layouts."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.core.text.review_rows import RowRefusedError, claim_row, observation_row

OBSERVATION = {
    "type": "observation", "act": "shelling.artillery", "target_class": "civilian.residential",
    "weapon": "artillery", "date": {"start": "2025-04-14", "end": "2025-04-15"},
    "presented_as": "claim", "accused": {"party": "russia", "as_written": "Russian forces"},
    "claimant": {"party": "ukraine", "institution": "Kharkiv regional administration",
                 "speaker": None},
    "casualties": {"killed": 2, "injured": None}, "span": [10, 90], "text": "Shelling.",
    "places": [{"name": "Kharkov", "level": "place",
                "resolved": {"name": "Kharkiv", "admin1": "Kharkiv", "country": "UA"}}],
}  # fmt: skip


def test_a_partys_claim_is_filed_by_the_party_with_its_provenance() -> None:
    row = observation_row(OBSERVATION, key="k1", source="wire.txt", published=date(2025, 4, 16))
    assert row["source_kind"] == "party_official"
    assert row["source_name"] == row["derived_from"] == "ukraine (Kharkiv regional administration)"
    assert (row["start"], row["end"], row["time_precision"]) == ("2025-04-14", "2025-04-16", "day")
    assert (row["place_name"], row["country"], row["location_kind"]) == ("Kharkiv", "UA", "place")
    assert (row["unk_killed"], row["alleged_perpetrator"]) == ("2", "russia")
    assert "unk_injured" not in row


def test_the_writers_own_report_is_media_and_a_missing_date_is_refused() -> None:
    fact = {**OBSERVATION, "presented_as": "fact", "date": None}
    with pytest.raises(RowRefusedError, match="--date"):
        observation_row(fact, key="k", source="wire.txt", published=None)
    row = observation_row(fact, key="k", source="wire.txt", published=None, when="2025-04-15")
    assert (row["source_kind"], row["source_name"], row["derived_from"]) == (
        "media", "wire.txt", "",
    )  # fmt: skip


def test_a_claim_row_writes_qualifiers_and_needs_a_period_start() -> None:
    claim = {
        "type": "claim", "claimant": {"party": "ukraine", "institution": "General Staff",
                                       "speaker": None},
        "accused": {"party": "russia"}, "period": {"start": None, "end": "2025-04-21"},
        "items": [{"qualifier": "more_than", "value": 2935, "unit": "violations"},
                  {"qualifier": "exact", "value": 4, "unit": "killed"}],
        "text": "More than 2,935 violations.", "span": [0, 5],
    }  # fmt: skip
    with pytest.raises(RowRefusedError, match="--period"):
        claim_row(claim, key="k", published=None)
    row = claim_row(claim, key="k", published=None, period="2025-04-19 .. 2025-04-21")
    assert (row["metric"], row["value"]) == ("violations / killed", ">2935 / 4")
    assert row["claimant"] == "ukraine (General Staff)"
