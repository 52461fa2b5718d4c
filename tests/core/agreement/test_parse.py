import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.core.agreement import Agreement, parse_agreement
from ceasefire.core.agreement.examples import MINIMAL_YAML
from ceasefire.core.errors import AgreementError


def _problems(text: str) -> list[str]:
    with pytest.raises(AgreementError) as caught:
        parse_agreement(text, "doc.yaml")
    assert caught.value.source == "doc.yaml"
    return caught.value.problems


def test_minimal_document_parses() -> None:
    agreement = parse_agreement(MINIMAL_YAML, "doc.yaml")
    assert isinstance(agreement, Agreement)
    assert [t.id for t in agreement.terms] == ["T-1", "T-2"]
    assert agreement.stances[0].wording.value == "paraphrase"


def test_bad_window_start_names_its_exact_path() -> None:
    problems = _problems(MINIMAL_YAML.replace("start: 2025-04-19T18:00", "start: soon"))
    assert len(problems) == 1
    assert problems[0].startswith("terms[0].versions.RU.window.start: Input should be a valid")


def test_every_error_is_reported_not_only_the_first() -> None:
    text = MINIMAL_YAML.replace("kind: ceasefire", "kind: peace").replace(
        "time_zone: Europe/Moscow", "time_zone: Mars/Olympus"
    )
    problems = _problems(text)
    paths = [p.split(":")[0] for p in problems]
    assert "terms[0].kind" in paths
    assert "terms[0].versions.RU.window.time_zone" in paths


def test_end_before_start_is_reported_on_the_window() -> None:
    problems = _problems(MINIMAL_YAML.replace("end: 2025-04-21", "end: 2025-04-18"))
    assert problems == [
        "terms[0].versions.RU.window: end (2025-04-17T21:00Z) is not after start "
        "(2025-04-19T15:00Z)"
    ]


def test_violated_lifecycle_state_is_refused_with_a_reason() -> None:
    problems = _problems(MINIMAL_YAML.replace("state: expired", "state: violated"))
    assert problems[0].startswith("terms[0].versions.RU.lifecycle[2].state: 'violated' is an")


def test_unknown_field_is_named() -> None:
    problems = _problems(MINIMAL_YAML.replace("scope: whole front", "scopes: whole front"))
    assert problems == [
        "terms[0].versions.RU.scopes: unknown field (check its spelling against docs/agreements.md)"
    ]


def test_missing_required_field_is_named() -> None:
    problems = _problems(MINIMAL_YAML.replace("    title: Declaration of an Easter truce\n", ""))
    assert problems == ["instruments[0].title: required field is missing"]


def test_duplicate_term_id_is_refused() -> None:
    problems = _problems(MINIMAL_YAML.replace("- id: T-2", "- id: T-1"))
    assert problems == ["terms[1].id: duplicate id 'T-1'"]


def test_version_citing_an_unknown_instrument() -> None:
    problems = _problems(
        MINIMAL_YAML.replace(
            "instrument: decree-1\n        window", "instrument: decree-9\n        window"
        )
    )
    assert problems == [
        "terms[0].versions.RU.instrument: unknown instrument 'decree-9' (declared: decree-1)"
    ]


def test_unknown_party_code_in_versions() -> None:
    problems = _problems(MINIMAL_YAML.replace("      UA:\n", "      BY:\n"))
    assert problems == ["terms[1].versions.BY: unknown party 'BY' (declared: RU, UA)"]


def test_stance_on_unknown_term_and_condition() -> None:
    problems = _problems(MINIMAL_YAML.replace("term: T-1\n", "term: T-9\n"))
    assert problems == ["stances[0].term: unknown term 'T-9' (declared: T-1, T-2)"]
    problems = _problems(
        MINIMAL_YAML.replace("conditions_precedent: [C-mirror]", "conditions_precedent: [C-x]")
    )
    assert problems == [
        "terms[1].versions.UA.conditions_precedent[0]: unknown condition 'C-x' (declared: C-mirror)"
    ]


def test_malformed_yaml_names_line_and_column() -> None:
    problems = _problems("id: x\ntitle: [unclosed\nparties: []\n")
    assert problems[0].startswith("line 3, column")
    assert "malformed YAML" in problems[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the document is empty"),
        ("- a\n- b\n", "the document must be a mapping"),
        ("date: 2025-02-30\n", "unreadable YAML value"),
    ],
)
def test_documents_that_are_not_agreements(text: str, expected: str) -> None:
    assert _problems(text)[0].startswith(expected)


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    assert "expands to more than" in _problems("\n".join(lines))[0]


def test_canonical_bytes_are_stable_and_use_utc_text() -> None:
    agreement = parse_agreement(MINIMAL_YAML, "doc.yaml")
    data = agreement.canonical()
    assert b'"start":"2025-04-19T15:00:00Z"' in data
    again = parse_agreement(MINIMAL_YAML, "other.yaml")
    assert again.canonical() == data
    assert len(agreement.content_hash()) == 64


def test_canonical_form_round_trips_through_json() -> None:
    import json

    agreement = parse_agreement(MINIMAL_YAML, "doc.yaml")
    reloaded = Agreement.model_validate(json.loads(agreement.canonical()))
    assert reloaded == agreement


_LINES = MINIMAL_YAML.splitlines(keepends=True)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate", "swap"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            text = draw(st.text(min_size=0, max_size=20))
            position = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:position] + text + lines[index][position:]
        elif action == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))] + "\n"
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        if not lines:
            break
    return "".join(lines)


@settings(
    max_examples=50, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(_mutated())
def test_random_mutations_raise_only_agreement_errors(text: str) -> None:
    try:
        parse_agreement(text, "mutated.yaml")
    except AgreementError as exc:
        assert exc.problems
        assert all(isinstance(problem, str) and problem for problem in exc.problems)
