"""Derived query columns against the canonical bytes they come from (part of ``ledger verify``).

Queries filter on typed columns (an observation's ``start`` and ``lat``, an incident's
``confidence``, a finding's ``verdict``); the ledger commits to the canonical bytes. This pass
compares every such column with the member of the row's own canonical bytes it was derived
from, set-based in SQL (SQLite's JSON1 functions, PostgreSQL's ``jsonb``), and names each row
that disagrees and the columns that do. Rows read: one scan per table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Connection,
    Table,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError

from ceasefire.core.ledger.verify import Problem
from ceasefire.core.observations.columns import COLUMNS
from ceasefire.store.findings import findings
from ceasefire.store.incidents import incidents
from ceasefire.store.schema import observations
from ceasefire.store.types import UTCTime

MAX_NAMED = 20
"""Rows named per table (the first ones by id)."""


@dataclass(frozen=True)
class Derived:
    """Column ``column`` holds member ``member`` of the canonical bytes (``kind``: text, int,
    bool, time, count = length of a list); ``default`` when the member is absent, or
    ``only_when_present`` to compare only rows that have it."""

    column: str
    member: str
    kind: str
    default: object = None
    only_when_present: bool = False


_OBSERVATION_KINDS = {"text": "text", "enum": "text", "time": "time", "degrees": "int"}
DERIVED: dict[str, tuple[Table, tuple[Derived, ...]]] = {
    "observations": (
        observations,
        tuple(
            Derived(c.name, c.name, _OBSERVATION_KINDS.get(c.kind, c.kind))
            for c in COLUMNS
            if c.stored
        ),
    ),
    "incidents": (
        incidents,
        (
            Derived("incident_id", "incident_id", "text"),
            Derived("version", "version", "int"),
            Derived("start", "start", "time"),
            Derived("end", "end", "time"),
            Derived("lat", "lat", "int"),
            Derived("lon", "lon", "int"),
            Derived("radius_m", "radius_m", "int"),
            *(
                Derived(name, name, "text")
                for name in ("act", "target_class", "confidence", "party", "attribution")
            ),
            Derived("observations", "observations", "count", default=0),
            Derived("independent_sources", "independent_sources", "int", default=0),
            Derived("locatable", "locatable", "bool", default=True),
            Derived("dated", "dated", "bool", default=True),
        ),
    ),
    "findings": (
        findings,
        (
            *(
                Derived(name, name, "text")
                for name in (
                    "verdict",
                    "responsible_party",
                    "trace",
                    "agreement_id",
                    "term_id",
                    "version_party",
                    "incident_id",
                    "subject",
                )
            ),
            Derived("kind", "kind", "text", default="incident"),
            Derived("event_start", "at", "time", only_when_present=True),
        ),
    ),
}
"""Per table: the derived columns and the canonical member each comes from."""


def _member(table: Table, spec: Derived, dialect: str) -> ColumnElement[Any]:
    """The member as SQL, typed like the column (NULL when absent)."""
    if dialect == "sqlite":
        path = f"$.{spec.member}"
        if spec.kind == "count":
            return func.json_array_length(table.c.canonical, path)
        return func.json_extract(table.c.canonical, path)
    document = cast(func.convert_from(table.c.canonical, literal("UTF8")), JSONB)
    if spec.kind == "count":
        return func.jsonb_array_length(document[spec.member])
    text: ColumnElement[Any] = document[spec.member].astext
    if spec.kind == "int":
        return cast(text, BigInteger())
    if spec.kind == "bool":
        return cast(text, Boolean())
    if spec.kind == "time":
        return cast(text, UTCTime())
    return text


def _differs(table: Table, spec: Derived, dialect: str) -> ColumnElement[bool]:
    value = _member(table, spec, dialect)
    if spec.default is not None:
        value = func.coalesce(value, literal(spec.default))
    differs = value.is_distinct_from(table.c[spec.column])
    if spec.only_when_present:
        return value.is_not(None) & differs
    return differs


def derived_column_problems(connection: Connection) -> list[Problem]:
    """Rows whose derived columns differ from their canonical bytes (see the module docstring)."""
    dialect = connection.dialect.name
    # a ``yield_per`` set on the connection earlier sticks and would run the SAVEPOINT below
    # through a server-side cursor: reads here are small, so turn streaming off
    connection.execution_options(yield_per=0, stream_results=False)
    problems: list[Problem] = []
    for name, (table, specs) in DERIVED.items():
        flags = [_differs(table, spec, dialect) for spec in specs]
        if dialect == "sqlite":  # JSON1 fails on bytes that are not JSON: flag those rows
            valid = func.json_valid(table.c.canonical)
            flags = [case((valid, flag), else_=literal(True)) for flag in flags]
        query = (
            select(table.c.id, *(cast(flag, Boolean) for flag in flags))
            .where(or_(*flags))
            .order_by(table.c.id)
            .limit(MAX_NAMED)
        )
        try:
            with connection.begin_nested():
                rows = connection.execute(query).all()
        except DBAPIError:  # PostgreSQL: some row's bytes are not JSON
            problems.append(
                Problem(name, "a row's canonical bytes are not JSON: its columns cannot be checked")
            )
            continue
        for row_id, *wrong in rows:
            columns = [spec.column for spec, bad in zip(specs, wrong, strict=True) if bad]
            problems.append(
                Problem(
                    f"{name} row {row_id}",
                    f"column(s) {', '.join(columns) or '?'} differ from its canonical bytes",
                )
            )
    return problems
