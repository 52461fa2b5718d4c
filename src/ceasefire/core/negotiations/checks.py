"""Checking negotiation records: field types by path, then against their agreement.

>>> from ceasefire.core.agreement.examples import MINIMAL_YAML
>>> from ceasefire.core.agreement import parse_agreement
>>> agreement = parse_agreement(MINIMAL_YAML, "example.yaml")
>>> record = parse_record(StanceRecord, {
...     "id": "S-9", "agreement": agreement.id, "party": "XX", "term": "T-1",
...     "stance": "rejects", "date": "2025-04-20", "source_url": "https://example.org/a"})
>>> check_against(agreement, record, conditions=set())
["party: unknown party 'XX' (parties: RU, UA)"]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TypeVar

from pydantic import ValidationError

from ceasefire.core.agreement import Agreement
from ceasefire.core.agreement.parse import field_path
from ceasefire.core.errors import AgreementError
from ceasefire.core.negotiations.model import ConditionRecord, LifecycleRecord, StanceRecord

__all__ = ["NegotiationError", "check_against", "parse_record", "record_problems"]

AnyRecord = StanceRecord | ConditionRecord | LifecycleRecord
R = TypeVar("R", StanceRecord, ConditionRecord, LifecycleRecord)


class NegotiationError(AgreementError):
    """A stance, condition or lifecycle record is invalid; ``problems`` name each field path."""


def _message(error: Mapping[str, object]) -> str:
    kind = str(error.get("type", ""))
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (see docs/negotiations.md)"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, str | int) and kind != "value_error":
        shown = repr(value)
        message += f" (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    return message


def record_problems(kind: type[R], data: Mapping[str, object]) -> tuple[R | None, list[str]]:
    """The record built from ``data``, or ``None`` and each problem as ``path: reason``.

    A validator's own message may already start with its field (``time_zone: required ...``).
    """
    try:
        return kind.model_validate(dict(data)), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = field_path(tuple(error["loc"]))
            message = _message(error)
            if path == "(document)" and ": " in message:
                problems.append(message)
            else:
                problems.append(f"{path}: {message}")
        return None, problems


def parse_record(kind: type[R], data: Mapping[str, object], source: str = "record") -> R:
    """Validate ``data`` into a record; :class:`NegotiationError` lists every bad field."""
    record, problems = record_problems(kind, data)
    if record is None:
        raise NegotiationError(source, problems)
    return record


PLURAL = {"party": "parties", "term": "terms", "condition": "conditions"}


def _known(what: str, value: str, known: Collection[str]) -> str | None:
    if value in known:
        return None
    listed = ", ".join(sorted(known)) or "none"
    return f"unknown {what} {value!r} ({PLURAL[what]}: {listed})"


def check_against(
    agreement: Agreement, record: AnyRecord, conditions: Collection[str]
) -> list[str]:
    """Problems of ``record`` against ``agreement`` and the known condition ids, by field."""
    parties = {party.code for party in agreement.parties}
    terms = {term.id for term in agreement.terms}
    known_conditions = set(conditions) | {item.id for item in agreement.conditions}
    problems: list[str] = []
    if record.agreement != agreement.id:
        problems.append(f"agreement: is {record.agreement!r}, expected {agreement.id!r}")
    checks: list[tuple[str, str | None, str, Collection[str]]] = []
    if isinstance(record, StanceRecord | LifecycleRecord):
        checks.append(("party", record.party, "party", parties))
        checks.append(("term", record.term, "term", terms))
    if isinstance(record, StanceRecord):
        checks.append(("condition", record.condition, "condition", known_conditions))
        for index, condition in enumerate(record.conditions):
            checks.append((f"conditions[{index}]", condition, "condition", known_conditions))
    if isinstance(record, ConditionRecord):
        checks.append(("raised_by", record.raised_by, "party", parties))
        checks.append(("becomes_term", record.becomes_term, "term", terms))
    for path, value, what, known in checks:
        if value is not None and (problem := _known(what, value, known)) is not None:
            problems.append(f"{path}: {problem}")
    return problems
