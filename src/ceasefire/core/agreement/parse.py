"""Reading an agreement document (YAML text) into an :class:`Agreement`, reporting every error.

Pure: takes the text and a ``source`` name (for messages), never a path. Every problem names the
path of the bad field in the document, e.g. ``terms[3].versions.RU.window.start: ...``; malformed
YAML names the line and column.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from ceasefire.core.agreement.checks import cross_check
from ceasefire.core.agreement.model import Agreement
from ceasefire.core.errors import AgreementError

MAX_DOCUMENT_CHARS = 2_000_000
MAX_VALUES = 200_000
"""YAML aliases can make a small text expand into a huge tree; refuse trees this big."""


def field_path(loc: tuple[int | str, ...]) -> str:
    """Pydantic's error location as a document path.

    >>> field_path(("terms", 3, "versions", "RU", "window", "start"))
    'terms[3].versions.RU.window.start'
    >>> field_path(())
    '(document)'
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == "[key]":
            text += " (key)"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


def _message(error: Any) -> str:
    kind = error.get("type", "")
    message = str(error.get("msg", "invalid value"))
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against docs/agreements.md)"
    message = message.removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, str | int | bool) and kind != "value_error":
        shown = repr(value)
        message += f" (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    return message


def _count_values(value: object) -> int:
    count, stack = 0, [value]
    while stack and count <= MAX_VALUES:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def load_yaml(text: str, source: str) -> dict[str, Any]:
    """The YAML document as a mapping; :class:`AgreementError` with line/column when malformed."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise AgreementError(source, [f"the document is larger than {MAX_DOCUMENT_CHARS} chars"])
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise AgreementError(source, [f"{where}malformed YAML: {exc.problem or exc}"]) from None
    except yaml.YAMLError as exc:
        raise AgreementError(source, [f"malformed YAML: {exc}"]) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML raises these for values like 2025-02-30 or deeply nested documents
        raise AgreementError(source, [f"unreadable YAML value: {exc}"]) from None
    if data is None:
        raise AgreementError(source, ["the document is empty"])
    if not isinstance(data, dict):
        raise AgreementError(
            source,
            [
                f"the document must be a mapping of fields (id, title, parties, ...), "
                f"not a {type(data).__name__}"
            ],
        )
    if _count_values(data) > MAX_VALUES:
        raise AgreementError(source, [f"the document expands to more than {MAX_VALUES} values"])
    return data


def agreement_from_mapping(data: dict[str, Any], source: str) -> Agreement:
    """Validate a mapping (as loaded from YAML or JSON) into an :class:`Agreement`."""
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        problems = [f"{field_path(tuple(e['loc']))}: {_message(e)}" for e in exc.errors()]
        raise AgreementError(source, problems) from None
    except RecursionError:
        raise AgreementError(source, ["the document is nested too deeply"]) from None
    problems = cross_check(agreement)
    if problems:
        raise AgreementError(source, problems)
    return agreement


def parse_agreement(text: str, source: str) -> Agreement:
    """Parse an agreement document; :class:`AgreementError` lists every bad field by its path.

    >>> from ceasefire.core.agreement.examples import MINIMAL_YAML
    >>> parse_agreement(MINIMAL_YAML, "example.yaml").terms[0].id
    'T-1'
    >>> broken = MINIMAL_YAML.replace("start: 2025-04-19T18:00", "start: soon")
    >>> try:
    ...     parse_agreement(broken, "x.yaml")
    ... except AgreementError as exc:
    ...     print(exc.problems[0][:60])
    terms[0].versions.RU.window.start: Input should be a valid d
    """
    return agreement_from_mapping(load_yaml(text, source), source)
