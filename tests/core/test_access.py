"""The access policy: the role matrix, party scopes, token scopes and field redaction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.access import (
    MATRIX,
    POSITION_FIELDS,
    RESTRICTED_FIELDS,
    Permission,
    allows,
    authorize,
    party_scope,
    redact_finding,
    redact_incident,
    redact_observation,
)
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import PermissionDenied
from ceasefire.core.observations.columns import NAMES

P = Permission
LIAISON_RU = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
MONITOR_ROW = {
    "id": 1,
    "source_kind": "monitor_team",
    "source_name": "Team North 3",
    "observer_lat": 48.1,
    "observer_lon": 37.2,
    "bearing_min_deg": 80,
    "bearing_max_deg": 95,
    "distance_min_m": 1000,
    "distance_max_m": 3000,
    "evidence_url": "https://vault.example/a.jpg",
    "evidence_collector": "J. Smith",
    "evidence_sha256": "ab" * 32,
    "act": "shelling",
}
NO_RESTRICTED_READS = (Role.PARTY_LIAISON, Role.MEDIATOR, Role.PUBLIC, Role.JOINT_COMMISSION)


def test_every_role_has_a_row_in_the_matrix() -> None:
    assert set(MATRIX) == set(Role)


def test_restricted_fields_are_real_observation_columns() -> None:
    assert set(RESTRICTED_FIELDS) <= set(NAMES)


@pytest.mark.parametrize(
    ("role", "permission", "expected"),
    [
        (Role.MONITOR, P.FILE_OBSERVATION, True),
        (Role.MONITOR, P.READ_OBSERVATIONS, False),
        (Role.MONITOR, P.READ_OWN_OBSERVATIONS, True),
        (Role.ANALYST, P.DECIDE, True),
        (Role.ANALYST, P.PUBLISH_REPORT, False),
        (Role.CHIEF_MONITOR, P.PUBLISH_REPORT, True),
        (Role.CHIEF_MONITOR, P.LEDGER_CHECKPOINT, True),
        (Role.CHIEF_MONITOR, P.ADJUDICATE_SIGN_OFF, True),
        (Role.PARTY_LIAISON, P.LODGE_COMPLAINT, True),
        (Role.PARTY_LIAISON, P.READ_RESTRICTED, False),
        (Role.PARTY_LIAISON, P.READ_OBSERVATIONS, False),
        (Role.PARTY_LIAISON, P.ADJUDICATE_REPLY, True),
        (Role.JOINT_COMMISSION, P.ADJUDICATE_DECIDE, True),
        (Role.MEDIATOR, P.READ_STANCES, True),
        (Role.MEDIATOR, P.READ_RESTRICTED, False),
        (Role.MEDIATOR, P.READ_OBSERVATIONS, False),
        (Role.PUBLIC, P.READ_PUBLISHED, True),
        (Role.PUBLIC, P.READ_FINDINGS, False),
        (Role.ADMIN, P.MANAGE_USERS, True),
        (Role.ADMIN, P.ADJUDICATE_SIGN_OFF, False),
        (Role.LOCAL_OPERATOR, P.ISSUE_TOKENS, True),
    ],
)
def test_matrix_cells(role: Role, permission: Permission, expected: bool) -> None:
    assert allows(role, permission) is expected


def test_local_operator_is_an_administrator() -> None:
    assert MATRIX[Role.LOCAL_OPERATOR] == MATRIX[Role.ADMIN]


def test_refusal_names_role_and_action() -> None:
    with pytest.raises(PermissionDenied, match="mediator may not publish reports"):
        authorize(Actor(user="m", role=Role.MEDIATOR), P.PUBLISH_REPORT)


def test_liaison_is_held_to_their_own_party() -> None:
    authorize(LIAISON_RU, P.READ_FINDINGS, party="RU")
    authorize(LIAISON_RU, P.READ_FINDINGS)
    with pytest.raises(PermissionDenied, match="for RU may not read findings about UA"):
        authorize(LIAISON_RU, P.READ_FINDINGS, party="UA")
    assert party_scope(LIAISON_RU, P.READ_FINDINGS) == "RU"
    assert party_scope(Actor(user="a", role=Role.ANALYST), P.READ_FINDINGS) is None


def test_liaison_without_a_party_sees_no_party() -> None:
    nobody = Actor(user="x", role=Role.PARTY_LIAISON)
    with pytest.raises(PermissionDenied):
        authorize(nobody, P.READ_FINDINGS, party="RU")


def test_token_scope_narrows_the_role() -> None:
    scoped = Actor(user="a", role=Role.ANALYST, scopes=("read_findings",))
    authorize(scoped, P.READ_FINDINGS)
    with pytest.raises(PermissionDenied, match="not scoped to run verification"):
        authorize(scoped, P.VERIFY)


@pytest.mark.parametrize("role", NO_RESTRICTED_READS)
def test_roles_without_restricted_reads_never_see_monitor_identity_or_position(
    role: Role,
) -> None:
    shown = redact_observation(MONITOR_ROW, Actor(user="x", role=role, party="RU"))
    for name in RESTRICTED_FIELDS:
        assert "Team North 3" not in str(shown.get(name))
        assert name == "source_name" or name not in shown
    assert shown["evidence_sha256"] == "ab" * 32
    assert shown["act"] == "shelling"
    assert shown["withheld"] == sorted(RESTRICTED_FIELDS)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.CHIEF_MONITOR, Role.ADMIN])
def test_mission_roles_see_everything(role: Role) -> None:
    assert redact_observation(MONITOR_ROW, Actor(user="x", role=role)) == MONITOR_ROW


def test_monitor_sees_their_own_report_and_not_another_teams() -> None:
    own = Actor(user="Team North 3", role=Role.MONITOR)
    other = Actor(user="Team South 1", role=Role.MONITOR)
    assert redact_observation(MONITOR_ROW, own) == MONITOR_ROW
    assert redact_observation(MONITOR_ROW, other)["source_name"] == "[withheld]"


def test_media_source_stays_named_but_observer_position_goes() -> None:
    row = {"source_kind": "media", "source_name": "Reuters", "observer_lat": 48.0}
    shown = redact_observation(row, Actor(user="p", role=Role.PUBLIC))
    assert shown["source_name"] == "Reuters"
    assert "observer_lat" not in shown


def test_incident_and_finding_text_lose_monitor_names() -> None:
    public = Actor(user="p", role=Role.PUBLIC)
    incident = {"confidence_reason": "best evidence: monitor (Team North 3, A2)", "lat": 48.0}
    assert "Team North 3" not in str(redact_incident(incident, public, {"Team North 3"}))
    finding = {"trace": "seen by Team North 3 at 1.2 km", "verdict": "violation"}
    shown = redact_finding(finding, public, {"Team North 3"})
    assert shown["trace"] == "seen by a monitor team at 1.2 km"
    analyst = Actor(user="a", role=Role.ANALYST)
    assert redact_finding(finding, analyst, {"Team North 3"}) == finding


@given(
    st.dictionaries(
        st.sampled_from(list(NAMES)),
        st.one_of(st.none(), st.integers(), st.text(max_size=10)),
        max_size=12,
    ),
    st.sampled_from(["monitor_team", "sensor", "media", "party_official"]),
)
def test_no_position_field_survives_redaction(row: dict[str, object], kind: str) -> None:
    row = {**row, "source_kind": kind}
    shown = redact_observation(row, Actor(user="m", role=Role.MEDIATOR))
    assert not any(shown.get(name) is not None for name in POSITION_FIELDS)
    if kind in ("monitor_team", "sensor"):
        assert shown.get("source_name") in (None, "[withheld]")
