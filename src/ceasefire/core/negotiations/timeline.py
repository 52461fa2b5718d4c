"""Stances as of a date: the latest record on or before it wins; history is kept.

Records come in the order they were stored. For each (party, subject) the records dated on or
before ``as_of`` are sorted by date, then UTC time when known (a date alone sorts before a timed
record of the same date), then storage order; the last one is the party's stance then. A cell
with no record is ``None`` ("no recorded stance"), which is not a rejection.

>>> from ceasefire.core.negotiations.model import StanceRecord
>>> def stance(kind, day):
...     return StanceRecord(id=f"S-{day}", agreement="a", party="RU", term="T-1",
...                         stance=kind, date=day, source_url="https://example.org/s")
>>> records = [stance("accepts_with_conditions", "2025-03-13"), stance("rejects", "2025-03-20")]
>>> grid = stance_matrix(["RU", "UA"], ["term:T-1"], records, as_of=date(2025, 3, 15))
>>> grid.value("RU", "term:T-1").value, grid.value("UA", "term:T-1")
('accepts_with_conditions', None)
>>> stance_matrix(["RU"], ["term:T-1"], records, as_of=None).value("RU", "term:T-1").value
'rejects'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ceasefire.core.negotiations.model import (
    ConditionRecord,
    LifecycleKind,
    LifecycleRecord,
    StanceKind,
    StanceRecord,
)

__all__ = [
    "StanceCell",
    "StanceMatrix",
    "TimelineEntry",
    "lifecycle_as_of",
    "stance_matrix",
    "stances_as_of",
    "timeline_entries",
]


@dataclass(frozen=True)
class StanceCell:
    """One party's stance on one subject as of a date, with the records that led to it."""

    party: str
    subject: str
    history: tuple[StanceRecord, ...] = ()
    """Records on or before the date, oldest first; the last is :attr:`current`."""

    @property
    def current(self) -> StanceRecord | None:
        """The record in force as of the date (``None``: no recorded stance)."""
        return self.history[-1] if self.history else None


def _on_or_before(day: date, as_of: date | None) -> bool:
    return as_of is None or day <= as_of


def stances_as_of(
    records: Iterable[StanceRecord], as_of: date | None = None
) -> dict[tuple[str, str], StanceCell]:
    """Per (party, subject): the history up to ``as_of`` (everything when ``None``)."""
    ordered = sorted(
        (
            (record.order_key(), sequence, record)
            for sequence, record in enumerate(records)
            if _on_or_before(record.date, as_of)
        ),
        key=lambda item: (item[0], item[1]),
    )
    grouped: dict[tuple[str, str], list[StanceRecord]] = {}
    for _, _, record in ordered:
        grouped.setdefault((record.party, record.subject), []).append(record)
    return {
        key: StanceCell(party=key[0], subject=key[1], history=tuple(items))
        for key, items in grouped.items()
    }


@dataclass(frozen=True)
class StanceMatrix:
    """Parties × subjects (``term:ID`` / ``condition:ID``) as of a date."""

    as_of: date | None
    parties: tuple[str, ...]
    subjects: tuple[str, ...]
    cells: dict[tuple[str, str], StanceCell] = field(default_factory=dict)

    def cell(self, party: str, subject: str) -> StanceCell:
        """The cell (empty when no record)."""
        return self.cells.get((party, subject), StanceCell(party, subject))

    def value(self, party: str, subject: str) -> StanceKind | None:
        """The stance kind in force, or ``None`` when the party has no recorded stance."""
        current = self.cell(party, subject).current
        return current.stance if current is not None else None

    def as_json(self) -> dict[str, object]:
        """A JSON-ready value: rows per party, each subject's stance, record id and date."""
        rows: dict[str, dict[str, object]] = {}
        for party in self.parties:
            row: dict[str, object] = {}
            for subject in self.subjects:
                current = self.cell(party, subject).current
                row[subject] = (
                    None
                    if current is None
                    else {
                        "stance": current.stance.value,
                        "record": current.id,
                        "date": current.date.isoformat(),
                        "records_so_far": len(self.cell(party, subject).history),
                    }
                )
            rows[party] = row
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "parties": list(self.parties),
            "subjects": list(self.subjects),
            "rows": rows,
        }


def stance_matrix(
    parties: Sequence[str],
    subjects: Sequence[str],
    records: Iterable[StanceRecord],
    as_of: date | None = None,
) -> StanceMatrix:
    """The parties × subjects matrix as of ``as_of``; parties or subjects that only appear in
    records are added after the given ones, in order of first appearance."""
    cells = stances_as_of(records, as_of)
    party_list = list(dict.fromkeys([*parties, *(party for party, _ in cells)]))
    subject_list = list(dict.fromkeys([*subjects, *(subject for _, subject in cells)]))
    return StanceMatrix(as_of, tuple(party_list), tuple(subject_list), cells)


def lifecycle_as_of(
    records: Iterable[LifecycleRecord], as_of: date | None = None
) -> dict[tuple[str, str | None], LifecycleKind]:
    """Per (party, term or ``None`` for the whole agreement): the latest lifecycle step."""
    ordered = sorted(
        (
            (record.order_key(), sequence, record)
            for sequence, record in enumerate(records)
            if _on_or_before(record.date, as_of)
        ),
        key=lambda item: (item[0], item[1]),
    )
    return {(record.party, record.term): record.kind for _, _, record in ordered}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a party's timeline."""

    date: date
    party: str | None
    record: str
    """``stance``, ``condition`` or ``lifecycle``."""
    record_id: str
    what: str
    source_url: str | None

    def as_json(self) -> dict[str, object]:
        """A JSON-ready value."""
        return {
            "date": self.date.isoformat(),
            "party": self.party,
            "record": self.record,
            "record_id": self.record_id,
            "what": self.what,
            "source_url": self.source_url,
        }


def _stance_line(record: StanceRecord) -> str:
    words = f"{record.stance.value} {record.subject}"
    if record.conditions:
        words += f" with {', '.join(record.conditions)}"
    who = record.speaker or record.authority.value.replace("_", " ")
    said = f'"{record.quote}"' if record.quote else record.summary
    return f"{words} ({who})" + (f": {said}" if said else "")


def timeline_entries(
    stances: Iterable[StanceRecord],
    conditions: Iterable[ConditionRecord],
    lifecycle: Iterable[LifecycleRecord],
    as_of: date | None = None,
) -> list[TimelineEntry]:
    """Every dated record on or before ``as_of``, by date then party then kind (undated
    conditions are left out: they have no place on a timeline)."""
    entries: list[tuple[tuple[date, str], int, TimelineEntry]] = []
    for sequence, record in enumerate(stances):
        if _on_or_before(record.date, as_of):
            line = TimelineEntry(
                record.date, record.party, "stance", record.id, _stance_line(record),
                record.source_url,
            )  # fmt: skip
            entries.append((record.order_key(), sequence, line))
    for sequence, item in enumerate(lifecycle):
        if _on_or_before(item.date, as_of):
            what = item.kind.value + (f" term:{item.term}" if item.term else " (agreement)")
            line = TimelineEntry(item.date, item.party, "lifecycle", item.id, what, item.source_url)
            entries.append((item.order_key(), sequence, line))
    for sequence, condition in enumerate(conditions):
        if condition.date is not None and _on_or_before(condition.date, as_of):
            what = f"raises condition:{condition.id} ({condition.title})"
            line = TimelineEntry(
                condition.date, condition.raised_by, "condition", condition.id, what,
                condition.source_url,
            )  # fmt: skip
            entries.append(((condition.date, ""), sequence, line))
        if condition.becomes_term_on is not None and _on_or_before(
            condition.becomes_term_on, as_of
        ):
            what = f"condition:{condition.id} becomes term:{condition.becomes_term}"
            line = TimelineEntry(
                condition.becomes_term_on, None, "condition", condition.id, what,
                condition.source_url,
            )  # fmt: skip
            entries.append(((condition.becomes_term_on, ""), sequence, line))
    entries.sort(key=lambda item: (item[0], item[2].party or "", item[2].record, item[1]))
    return [entry for _, _, entry in entries]
