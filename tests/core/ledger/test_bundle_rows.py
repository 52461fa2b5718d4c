"""What a bundle carries after each entry, and which rows it shows or withholds."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.bundle_rows import Disclosure, RowCommitment, rows_committed

TEAMS = frozenset({"Patrol Kestrel-7", "Camera 4"})


def test_each_kind_of_entry_commits_to_its_rows() -> None:
    def committed(kind: str, content: dict[str, object]) -> RowCommitment | None:
        return rows_committed({"object_type": kind, "content": content})

    run = committed("verification_run", {"versions": 3, "versions_merkle_root": "ab"})
    assert run == RowCommitment("merkle", 3, root="ab")
    assert committed("verification_run", {"created": 3}) is None  # a run before run versions
    assert committed("finding", {"adjudication_event_sha256": "cd"}) == RowCommitment(
        "hashes", 1, hashes=("cd",)
    )
    for kind in ("stance_record", "condition_record", "lifecycle_event", "text_proposal"):
        assert committed(kind, {"content_sha256": "ef"}) == RowCommitment(
            "hashes", 1, hashes=("ef",)
        )
    assert committed("evidence", {"record_sha256": "01", "sha256": "02"}) == RowCommitment(
        "hashes", 1, hashes=("01",)
    )
    assert committed("user", {"role": "admin"}) is None
    assert committed("import", {"rows_stored": True, "rows_merkle_root": "ab"}) is None


def test_a_bundle_withholds_names_people_restricted_evidence_and_cited_salted_rows() -> None:
    open_bundle = Disclosure(TEAMS, salted_hashes={"aa"})
    assert open_bundle.withholds("incident", b'{"observations":["bb"],"party":"RU"}') is None
    assert open_bundle.withholds("incident", b'{"observations":["bb","aa"]}') == (
        "cites an observation with restricted fields"
    )
    assert open_bundle.withholds("decision", b'{"actor":"local:ana"}') == "names a person"
    assert open_bundle.withholds("adjudication_event", b'{"dissent":[{"member":"x"}]}')
    assert open_bundle.withholds("evidence", b'{"restricted":true}') == "restricted evidence"
    assert open_bundle.withholds("evidence", b'{"restricted":false,"collector":"AP"}') is None
    assert open_bundle.withholds("effort_record", b'{"team":"T1"}')
    assert open_bundle.withholds("rendering", b"%PDF-1.4 \xff") == "not text"
    assert open_bundle.withholds("storage_inspection", b'{"inspected_by":"Team A"}')
    ru = Disclosure(TEAMS, for_party="RU")
    assert ru.withholds("finding", b'{"responsible_party":"UA"}')
    assert ru.withholds("finding", b'{"responsible_party":"RU"}') is None
    assert ru.withholds("stance_record", b'{"party":"UA"}') is None  # stances are not scoped


@settings(max_examples=50)
@given(
    st.text(max_size=30),
    st.sampled_from(sorted(TEAMS)),
    st.text(max_size=30),
    st.sampled_from(["incident", "finding", "observation", "text_proposal"]),
)
def test_any_row_quoting_a_team_name_anywhere_is_withheld(
    before: str, team: str, after: str, kind: str
) -> None:
    data = json.dumps({"trace": before + team + after}, ensure_ascii=False).encode("utf-8")
    assert Disclosure(TEAMS).withholds(kind, data) == "quotes a monitor team's or sensor's name"
