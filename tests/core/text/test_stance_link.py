"""Linking negotiation events to stances on a shipped agreement's terms and conditions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ceasefire
from ceasefire.core.agreement import Agreement
from ceasefire.core.text.stance_link import best_link, party_code, stance_link
from ceasefire.ingest.agreement_files import read_agreement

SHIPPED = Path(ceasefire.__file__).parent / "data" / "agreements"


@pytest.fixture(scope="module")
def agreements() -> list[Agreement]:
    return [read_agreement(p) for p in sorted(SHIPPED.glob("*.yaml"))]


def _event(kind: str, party: str, day: str | None, text: str) -> dict[str, Any]:
    return {
        "type": "negotiation_event", "kind": kind, "actor": {"party": party, "as_written": party},
        "date": day, "text": text, "conditions": [],
    }  # fmt: skip


def test_a_30_day_conditional_acceptance_links_to_the_jeddah_term(
    agreements: list[Agreement],
) -> None:
    event = _event(
        "conditional_acceptance", "russia", "2025-03-13",
        "Russia is ready to agree to the 30-day ceasefire on condition that it is monitored.",
    )  # fmt: skip
    link = best_link(event, agreements)
    assert link is not None
    assert (link["agreement"], link["term"], link["party"], link["stance"]) == (
        "jeddah-30-day-ceasefire-2025", "J-1", "RU", "accepts_with_conditions",
    )  # fmt: skip
    assert any("30-day" in reason for reason in link["why"])


def test_a_demand_naming_a_condition_links_to_the_condition(agreements: list[Agreement]) -> None:
    jeddah = next(a for a in agreements if a.id == "jeddah-30-day-ceasefire-2025")
    event = _event(
        "demand", "russia", "2025-03-14",
        "Moscow demanded a monitoring and verification mechanism before any truce.",
    )  # fmt: skip
    link = stance_link(event, jeddah)
    assert link is not None and link["condition"] == "C-monitoring"
    assert link["stance"] == "demands"


@pytest.mark.parametrize(
    ("kind", "party", "day"),
    [
        ("meeting", "russia", "2025-03-13"),  # not a stance
        ("acceptance", "israel", "2025-03-13"),  # not a party of the agreement
        ("acceptance", "russia", None),  # no date: never a guess
        ("acceptance", "russia", "2023-01-01"),  # far from every instrument
    ],
)
def test_no_link_without_a_stance_a_party_or_a_date(
    agreements: list[Agreement], kind: str, party: str, day: str | None
) -> None:
    event = _event(kind, party, day, "Russia accepted the 30-day ceasefire.")
    assert best_link(event, agreements) is None


def test_text_party_keys_map_to_agreement_codes(agreements: list[Agreement]) -> None:
    jeddah = next(a for a in agreements if a.id == "jeddah-30-day-ceasefire-2025")
    assert [party_code(jeddah, k) for k in ("russia", "ukraine", "united_states", "hamas")] == [
        "RU", "UA", "US", None,
    ]  # fmt: skip
