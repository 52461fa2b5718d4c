"""Extraction rules on small hand-written sentences (never corpus texts)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.text.extract import extract
from ceasefire.core.text.proposals import (
    Claim,
    NegotiationEvent,
    Observation,
    Opinion,
    Proposal,
    document_json,
)

D = date(2025, 6, 4)


def run(text: str, published: date | None = D) -> list[Proposal]:
    """One sentence per line, as the edge's segmenter would give them."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return extract(text, spans, published)


def only(props: list[Proposal], kind: type) -> list:  # type: ignore[type-arg]
    return [p for p in props if isinstance(p, kind)]


def test_attributed_strike_is_a_claim_with_claimant_and_accused() -> None:
    (obs,) = only(
        run("Russian forces shelled a hospital in the town, the regional governor said."),
        Observation,
    )
    assert obs.act.value == "shelling"
    assert obs.target_class is not None and obs.target_class.value == "civilian.medical"
    assert obs.accused is not None and obs.accused.party == "russia"
    assert obs.claimant is not None and obs.claimant.speaker == "the regional governor"
    assert obs.presented_as == "claim"


def test_writers_own_assertion_is_fact_without_claimant() -> None:
    (obs,) = only(run("Houthi drones struck a fuel depot near the port on Monday."), Observation)
    assert obs.presented_as == "fact" and obs.claimant is None
    assert obs.accused is not None and obs.accused.party == "houthis"
    assert obs.target_class is not None and obs.target_class.value == "energy.oil_gas_storage"


def test_according_to_names_the_institution() -> None:
    (obs,) = only(
        run("Israeli tanks fired shells at a school, according to the health ministry."),
        Observation,
    )
    assert obs.act.value == "shelling.tank"
    assert obs.claimant is not None and obs.claimant.institution == "the health ministry"


@pytest.mark.parametrize(
    "sentence",
    [
        "Armenia denied shelling the village on Tuesday.",
        "The patrol had not observed any shooting near the bridge.",
        "No violations were recorded in the southern sector.",
        "The town has been shelled almost daily since 2022.",
        "Both sides pledged to halt strikes on energy facilities.",
    ],
)
def test_negations_denials_and_background_are_not_observations(sentence: str) -> None:
    assert not only(run(sentence), Observation)


def test_casualties_with_at_least_and_no_one() -> None:
    (obs,) = only(
        run("A missile hit a school in the city, killing at least nine people and injuring 14."),
        Observation,
    )
    assert obs.casualties is not None and (obs.casualties.killed, obs.casualties.injured) == (9, 14)
    (calm,) = only(run("A drone hit a barn near the village. Nobody was hurt."), Observation)
    assert calm.casualties is not None and calm.casualties.killed == 0


def test_follow_up_sentence_joins_the_event() -> None:
    text = (
        "Drones struck a substation in the city overnight, the mayor said.\n"
        "Two workers were injured."
    )
    (obs,) = only(run(text), Observation)
    assert obs.span == (0, len(text)) and obs.casualties is not None
    assert obs.casualties.injured == 2


def test_weapon_specific_acts() -> None:
    assert (
        only(run("An FPV drone hit a bus on the road, the police said."), Observation)[0].act.value
        == "drone_strike.fpv"
    )
    glide = only(run("Glide bombs struck the town centre on Friday."), Observation)[0]
    assert glide.act.value == "air_strike.glide_bomb" and glide.weapon is not None
    mlrs = only(run("The army shelled the suburb with MLRS, officials said."), Observation)[0]
    assert mlrs.act.value == "shelling.mlrs"


def test_aggregate_is_a_claim_with_qualifier_unit_and_period() -> None:
    props = run(
        "The ministry said it had recorded more than 2,935 violations since 1 May.",
    )
    (claim,) = only(props, Claim)
    assert [i.as_json() for i in claim.items] == [
        {"qualifier": "more_than", "value": 2935, "unit": "violations"}
    ]
    assert claim.period.start == date(2025, 5, 1) and claim.period.end == D
    assert not only(props, Observation)


def test_previous_period_figure_is_its_own_claim() -> None:
    claims = only(
        run("The mission recorded 40 ceasefire violations, compared with 12 in the previous week."),
        Claim,
    )
    assert sorted(c.items[0].value for c in claims) == [12, 40]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The rebels rejected the proposal on Monday.", "rejection"),
        ("Sudan's army accepted the truce, its spokesman said.", "acceptance"),
        (
            "Hamas said it would accept the deal only if Israel withdrew from the corridor.",
            "conditional_acceptance",
        ),
        ("Egypt proposed a two-week truce to both sides.", "proposal"),
        ("Armenia and Azerbaijan signed an agreement in Washington.", "agreement_reached"),
        ("Ukraine warned that any attack on the plant would end the pause.", "warning"),
        ("Russia demanded that monitors leave the zone.", "demand"),
        ("The RSF declared a unilateral humanitarian truce on Friday.", "unilateral_declaration"),
    ],
)
def test_negotiation_kinds(sentence: str, kind: str) -> None:
    events = only(run(sentence), NegotiationEvent)
    assert kind in [e.kind for e in events]


def test_conditions_are_kept_as_written() -> None:
    (event,) = only(
        run("Russia is ready to agree to a truce on condition that the shipments stop."),
        NegotiationEvent,
    )
    assert event.kind == "conditional_acceptance"
    assert event.conditions == ("the shipments stop",)
    assert event.actor.party == "russia"


def test_quoted_opinion_is_reporting_not_opinion() -> None:
    assert not only(run('"This truce is a shameful farce," a local official said.'), Opinion)
    assert only(run("This truce is a shameful farce."), Opinion)


def test_opinion_piece_flags_editorializing_but_not_reporting() -> None:
    text = (
        "Nobody believes in this truce\nOpinion, 3 June 2025\n\n"
        "The mediators should publish every incident.\n"
        "Drones struck a depot near the border on Tuesday, the army said."
    )
    props = run(text)
    opinions = [p.text for p in only(props, Opinion)]
    assert "The mediators should publish every incident." in opinions
    assert "Nobody believes in this truce" in opinions
    assert len(only(props, Observation)) == 1


def test_document_json_orders_and_serialises() -> None:
    props = run("Glide bombs struck the town centre on Friday.\nThis is shameful.")
    doc = document_json("en", D, props)
    assert doc["schema"] == "ceasefire.text-proposals/1"
    assert [p["type"] for p in doc["proposals"]] == ["observation", "opinion"]
    assert doc["proposals"][0]["span"] == [0, 45]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_proposals_inside_it(text: str) -> None:
    props = extract(text, [(0, len(text))] if text else [], None)
    for p in props:
        assert 0 <= p.span[0] < p.span[1] <= len(text)
        assert p.as_json()["type"] == p.type
