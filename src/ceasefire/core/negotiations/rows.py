"""Stance records from CSV cells (the ``ceasefire stances import`` layout), problems by field.

Pure: takes a header and rows of text cells; reading the file is the workflow's edge. Words may
be written with spaces (``accepts with conditions``, ``head of state``); ``conditions`` holds
condition ids separated by ``;``. A row without ``id`` gets one derived from its content, so
importing the same file twice stores nothing new.

>>> header = ["agreement", "party", "term", "stance", "date", "authority", "source_url"]
>>> cells = ["a", "RU", "T-1", "accepts with conditions", "2025-03-13", "head of state",
...          "https://example.org/s"]
>>> record, problems = stance_from_cells(2, header, cells)
>>> record.stance.value, record.id[:2], problems
('accepts_with_conditions', 'S-', [])
>>> stance_from_cells(3, header, cells[:3] + ["maybe"] + cells[4:])[1][0].field
'stance'
"""

from __future__ import annotations

from collections.abc import Sequence

from ceasefire.core.errors import RowProblem
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash
from ceasefire.core.negotiations.checks import record_problems
from ceasefire.core.negotiations.model import StanceRecord

__all__ = ["REQUIRED_COLUMNS", "STANCE_COLUMNS", "header_problems", "stance_from_cells"]

STANCE_COLUMNS: dict[str, str] = {
    "agreement": "agreement id (as loaded)",
    "id": "record id; left empty, one is derived from the row's content",
    "party": "party code of the agreement (RU, UA, US)",
    "term": "term id the stance is on (or leave empty and give condition)",
    "condition": "condition id the stance is on (or leave empty and give term)",
    "stance": "proposes, accepts, accepts_with_conditions, rejects or demands",
    "date": "YYYY-MM-DD of the statement",
    "time": "HH:MM wall time of the statement (optional; needs time_zone)",
    "time_zone": "IANA zone of time, e.g. Europe/Moscow",
    "speaker": "who spoke, if named",
    "authority": "head_of_state, ministry, spokesperson, unnamed_official, delegation, not_stated",
    "quote": "the speaker's exact words (only when verbatim)",
    "summary": "a paraphrase of what was said",
    "conditions": "condition ids referred to or attached, separated by ';'",
    "source_url": "http(s) URL of the source (required)",
    "source_title": "title of the source",
    "note": "free text",
}
"""Every column ``stances import`` reads, with what it holds (documented in docs/)."""

REQUIRED_COLUMNS = ("agreement", "party", "stance", "date", "source_url")
WORD_FIELDS = ("stance", "authority")


def header_problems(header: Sequence[str]) -> list[RowProblem]:
    """Problems of the header row (row 1): unknown and missing columns."""
    names = [name.strip() for name in header]
    problems = [
        RowProblem(1, name, f"unknown column (expected some of: {', '.join(STANCE_COLUMNS)})")
        for name in names
        if name not in STANCE_COLUMNS
    ]
    problems += [
        RowProblem(1, name, "required column is missing")
        for name in REQUIRED_COLUMNS
        if name not in names
    ]
    if "term" not in names and "condition" not in names:
        problems.append(RowProblem(1, "term", "give a term or a condition column"))
    duplicated = sorted({name for name in names if names.count(name) > 1})
    problems += [RowProblem(1, name, "column appears twice") for name in duplicated]
    return problems


def _word(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


def stance_from_cells(
    row: int, header: Sequence[str], cells: Sequence[str]
) -> tuple[StanceRecord | None, list[RowProblem]]:
    """The stance record of one CSV row, or ``None`` and its problems (row and field named)."""
    names = [name.strip() for name in header]
    if len(cells) != len(names):
        reason = f"has {len(cells)} cells, the header has {len(names)}"
        return None, [RowProblem(row, "(row)", reason)]
    data: dict[str, object] = {}
    for name, cell in zip(names, cells, strict=True):
        text = cell.strip()
        if not text or name not in STANCE_COLUMNS:
            continue
        if name in WORD_FIELDS:
            data[name] = _word(text)
        elif name == "conditions":
            data[name] = [part.strip() for part in text.split(";") if part.strip()]
        else:
            data[name] = text
    derive = "id" not in data
    if derive:
        data["id"] = "S-pending"
    record, messages = record_problems(StanceRecord, data)
    if record is None:
        problems = []
        for message in messages:
            path, _, reason = message.partition(": ")
            problems.append(RowProblem(row, path.split("[")[0].split(".")[0], reason or message))
        return None, problems
    if derive:
        content = record.content()
        del content["id"]
        record = record.model_copy(
            update={"id": "S-" + content_hash(canonical_bytes(content))[:16]}
        )
    return record, []
