"""Turn raw text columns into a validated, columnar :class:`ObservationBatch`.

Validation is done column by column with numpy, not row by row: a million rows cost one pass
per column present. Each bad cell becomes a :class:`~ceasefire.core.errors.RowProblem` naming
the row and field; the row is held back and every other row goes on.

>>> raw = {"source_kind": ["monitor_team", "monitor_team"], "source_name": ["T1", "T1"],
...        "start": ["2025-04-20T10:00", "yesterday"], "act": ["shelling", "shelling"],
...        "lat": ["48.28", "48.28"], "lon": ["37.18", "37.18"]}
>>> batch, problems = parse_columns(raw, row_numbers=[2, 3])
>>> batch.size, [p.field for p in problems]
(1, ['start'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt

from ceasefire.core.errors import RowProblem
from ceasefire.core.observations.columns import COLUMN_BY_NAME, COLUMNS, Column, LocationKind
from ceasefire.core.observations.times import (
    EARLIEST,
    FUTURE_SLACK,
    complete_windows,
    parse_time,
    parse_time_column,
    utc_z,
    zone,
)

__all__ = [
    "EARLIEST",
    "FUTURE_SLACK",
    "ObservationBatch",
    "parse_columns",
    "parse_time",
    "utc_z",
    "zone",
]

ObjectArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]

BBox = tuple[float, float, float, float]
"""min_lon, min_lat, max_lon, max_lat in degrees."""


@dataclass
class ObservationBatch:
    """Validated observations as columns (numpy object arrays, ``None`` where absent).

    Degrees are integer micro-degrees; times are UTC text ``YYYY-MM-DDTHH:MM:SSZ``.
    ``rows`` holds each observation's row number in its source file.
    """

    columns: dict[str, ObjectArray]
    rows: npt.NDArray[np.int64]
    warnings: list[RowProblem] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Number of observations."""
        return int(self.rows.shape[0])

    def take(self, keep: BoolArray) -> ObservationBatch:
        """The observations where ``keep`` is true, in order."""
        return ObservationBatch(
            columns={name: col[keep] for name, col in self.columns.items()},
            rows=self.rows[keep],
            warnings=self.warnings,
        )

    def records(self) -> list[dict[str, object]]:
        """Row dicts of the present values (for tens of rows: tests, previews, the API)."""
        names = list(self.columns)
        out = []
        for values in zip(*(self.columns[n] for n in names), strict=True):
            out.append({n: v for n, v in zip(names, values, strict=True) if v is not None})
        return out


def empty_column(size: int) -> ObjectArray:
    """An object column of ``None``."""
    return np.full(size, None, dtype=object)


class _Checker:
    """Collects problems and marks bad rows while columns are parsed."""

    def __init__(self, rows: npt.NDArray[np.int64]) -> None:
        self.rows = rows
        self.bad = np.zeros(rows.shape[0], dtype=bool)
        self.problems: list[RowProblem] = []

    def flag(self, index: int, column: str, reason: str) -> None:
        if not self.bad[index]:
            self.bad[index] = True
        self.problems.append(RowProblem(int(self.rows[index]), column, reason))

    def flag_many(self, mask: BoolArray, column: str, reason: str) -> None:
        for index in np.flatnonzero(mask):
            self.flag(int(index), column, reason)


def _strip(values: Sequence[str | None], size: int) -> ObjectArray:
    out = np.empty(size, dtype=object)
    try:
        stripped: list[str | None] = list(map(str.strip, values))  # type: ignore[arg-type]
    except TypeError:  # a reader gave None or non-text cells
        out[:] = [v.strip() or None if isinstance(v, str) else v for v in values]
        return out
    out[:] = stripped
    if "" in stripped:
        out[out == ""] = None
    return out


NUL = "\x00"


def _refuse_nul(name: str, values: ObjectArray, check: _Checker) -> None:
    """Flag cells holding a NUL character (no database text can hold one) and clear them, so
    SQLite and PostgreSQL refuse the same rows. One scan of the joined column finds them."""
    cells = values.tolist()
    try:
        found = NUL in "\x01".join(filter(None, cells))
    except TypeError:  # a reader gave non-text cells
        found = any(isinstance(v, str) and NUL in v for v in cells)
    if not found:
        return
    for i, value in enumerate(cells):
        if isinstance(value, str) and NUL in value:
            check.flag(i, name, "contains a NUL character")
            values[i] = None


def _parse_text(col: Column, raw: ObjectArray, check: _Checker) -> ObjectArray:
    present = raw != None  # noqa: E711 - elementwise comparison on an object array
    if present.any():
        lengths = np.zeros(raw.shape[0], dtype=np.int64)
        values = raw[present]
        lengths[present] = np.fromiter(map(len, values), dtype=np.int64, count=values.shape[0])
        check.flag_many(lengths > col.max_length, col.name, f"longer than {col.max_length} chars")
    return raw


def _parse_enum(col: Column, raw: ObjectArray, check: _Checker) -> ObjectArray:
    lookup = {c.lower(): c for c in col.choices}
    out = empty_column(raw.shape[0])
    present = np.flatnonzero(raw != None)  # noqa: E711
    if present.size == 0:
        return out
    values = raw[present]
    # few distinct values: look each up once, then map the column in C
    known = {v: lookup.get(v.lower()) for v in set(values.tolist())}
    mapped = list(map(known.__getitem__, values))
    out[present] = mapped
    if all(known.values()):
        return out
    for index, value in zip(present, mapped, strict=True):
        if value is None:
            allowed = ", ".join(col.choices[:12]) + (", …" if len(col.choices) > 12 else "")
            check.flag(
                int(index),
                col.name,
                f"unknown value {raw[index]!r}; expected one of {allowed} (see docs/taxonomy.md)",
            )
    return out


_TRUTH = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _parse_bool(col: Column, raw: ObjectArray, check: _Checker) -> ObjectArray:
    out = empty_column(raw.shape[0])
    for i in np.flatnonzero(raw != None):  # noqa: E711
        value = _TRUTH.get(raw[i].lower())
        if value is None:
            check.flag(int(i), col.name, f"{raw[i]!r} is not true or false")
        out[i] = value
    return out


def _parse_int(col: Column, raw: ObjectArray, check: _Checker) -> ObjectArray:
    out = empty_column(raw.shape[0])
    present = np.flatnonzero(raw != None)  # noqa: E711
    if present.size == 0:
        return out
    texts = raw[present]
    try:
        values = np.array(texts.tolist()).astype(np.int64)
        ok = np.ones(present.size, dtype=bool)
    except (ValueError, OverflowError):
        values = np.zeros(present.size, dtype=np.int64)
        ok = np.zeros(present.size, dtype=bool)
        for i, text in enumerate(texts):
            try:
                values[i] = int(text)
                ok[i] = True
            except (ValueError, OverflowError):
                try:  # "12.0" from spreadsheets is an integer written as a float
                    number = float(text)
                except ValueError:
                    number = float("nan")
                if number.is_integer():
                    values[i] = int(number)
                    ok[i] = True
                else:
                    check.flag(int(present[i]), col.name, f"{text!r} is not a whole number")
    _check_range(col, values, ok, present, check)
    out[present[ok]] = values[ok].tolist()
    return out


def _check_range(
    col: Column,
    values: npt.NDArray[np.int64] | npt.NDArray[np.float64],
    ok: BoolArray,
    present: npt.NDArray[np.intp],
    check: _Checker,
) -> None:
    if col.minimum is not None:
        low = ok & (values < col.minimum)
        for i in np.flatnonzero(low):
            check.flag(int(present[i]), col.name, f"{values[i]} is below {col.minimum}")
        ok &= ~low
    if col.maximum is not None:
        high = ok & (values > col.maximum)
        for i in np.flatnonzero(high):
            check.flag(int(present[i]), col.name, f"{values[i]} is above {col.maximum}")
        ok &= ~high


def _parse_degrees(
    col: Column, raw: ObjectArray, check: _Checker
) -> tuple[ObjectArray, ObjectArray]:
    """Returns (micro-degree ints, float degrees) columns."""
    out = empty_column(raw.shape[0])
    floats = empty_column(raw.shape[0])
    present = np.flatnonzero(raw != None)  # noqa: E711
    if present.size == 0:
        return out, floats
    texts = raw[present]
    try:
        values = np.array(texts.tolist()).astype(np.float64)
    except ValueError:
        values = np.full(present.size, np.nan)
        for i, text in enumerate(texts):
            try:
                values[i] = float(text.replace(",", ".")) if text.count(",") == 1 else float(text)
            except ValueError:
                check.flag(int(present[i]), col.name, f"{text!r} is not a number of degrees")
    ok = np.isfinite(values)
    for j in np.flatnonzero(~ok).tolist():
        try:
            float(texts[j])  # parsed, so it is NaN or infinity (unparseable text is flagged)
        except ValueError:
            continue
        check.flag(int(present[j]), col.name, f"{texts[j]!r} is not a finite number of degrees")
    _check_range(col, values, ok, present, check)
    micro = np.sign(values[ok]) * np.floor(np.abs(values[ok]) * 1_000_000 + 0.5)
    out[present[ok]] = micro.astype(np.int64).tolist()
    floats[present[ok]] = values[ok].tolist()
    return out, floats


def _parse_zones(raw: ObjectArray, check: _Checker) -> ObjectArray:
    out = raw.copy()
    present = np.flatnonzero(raw != None)  # noqa: E711
    for name in set(raw[present].tolist()):
        try:
            zone(name)
        except (ZoneInfoNotFoundError, ValueError):
            for i in present[raw[present] == name]:
                check.flag(
                    int(i),
                    "source_tz",
                    f"unknown time zone {name!r}; use an IANA name "
                    "such as Europe/Kyiv or Europe/Moscow",
                )
                out[i] = None
    return out


def parse_columns(
    raw: Mapping[str, Sequence[str | None]],
    *,
    row_numbers: Sequence[int] | None = None,
    now: datetime | None = None,
    area: BBox | None = None,
) -> tuple[ObservationBatch, list[RowProblem]]:
    """Validate raw text columns; return the good rows as a batch and a problem per bad cell.

    ``raw`` maps column names of :data:`~ceasefire.core.observations.columns.COLUMNS` to equal
    length sequences of text (``None`` or ``""`` for absent). ``area`` is the area of interest:
    a point outside it whose swapped coordinates fall inside is refused as swapped axes.
    """
    unknown = sorted(set(raw) - set(COLUMN_BY_NAME))
    if unknown:
        raise ValueError(f"unknown columns: {', '.join(unknown)}")
    if raw:
        size = len(next(iter(raw.values())))
    else:
        size = len(row_numbers) if row_numbers is not None else 0
    rows = np.asarray(row_numbers if row_numbers is not None else range(1, size + 1), np.int64)
    now = now or datetime.now(UTC)
    check = _Checker(rows)
    cols: dict[str, ObjectArray] = {}
    stripped = {name: _strip(values, size) for name, values in raw.items()}
    for col in COLUMNS:
        if col.name not in stripped:
            if col.required:
                cols[col.name] = empty_column(size)
                check.flag_many(np.ones(size, dtype=bool), col.name, "required column is missing")
            continue
        values = stripped[col.name]
        if col.required:
            check.flag_many(values == None, col.name, "required value is empty")  # noqa: E711
        _refuse_nul(col.name, values, check)
        if col.kind == "enum":
            cols[col.name] = _parse_enum(col, values, check)
        elif col.kind == "int":
            cols[col.name] = _parse_int(col, values, check)
        elif col.kind == "bool":
            cols[col.name] = _parse_bool(col, values, check)
        elif col.kind == "degrees":
            cols[col.name], _ = _parse_degrees(col, values, check)
        elif col.name == "source_tz":
            cols[col.name] = _parse_zones(values, check)
        else:
            cols[col.name] = _parse_text(col, values, check)
    zones = cols.get("source_tz", empty_column(size))
    start = end = None
    latest = now + FUTURE_SLACK
    for name in ("start", "end", "reported_at", "received_at", "evidence_captured_at"):
        if name in stripped:
            parsed, date_only, seconds, ok = parse_time_column(
                stripped[name], zones, latest=latest, flag=check.flag, name=name
            )
            cols[name] = parsed
            if name == "start":
                start = (date_only, seconds, ok)
            elif name == "end":
                end = (seconds, ok)
    if start is not None:
        complete_windows(cols, start, end, check.flag)
    _infer_locations(cols, stripped, size, check, area)
    _check_evidence_hash(cols, check)
    keep = ~check.bad
    batch = ObservationBatch(columns=cols, rows=rows).take(keep)
    return batch, check.problems


def _infer_locations(
    cols: dict[str, ObjectArray],
    given: dict[str, ObjectArray],
    size: int,
    check: _Checker,
    area: BBox | None,
) -> None:
    """Infer the location form from the cells given (a bad cell is reported once, already)."""
    kind = cols.get("location_kind")
    if kind is None:
        kind = cols["location_kind"] = empty_column(size)

    def has(name: str) -> BoolArray:
        col = given.get(name)
        return np.zeros(size, dtype=bool) if col is None else col != None  # noqa: E711

    point = has("lat") & has("lon")
    sector = has("observer_lat") & has("observer_lon")
    place = has("place_name") | has("admin1") | has("country")
    missing = kind == None  # noqa: E711
    kind[missing & point] = LocationKind.POINT.value
    kind[missing & ~point & sector] = LocationKind.SECTOR.value
    kind[missing & ~point & ~sector & place] = LocationKind.PLACE.value
    check.flag_many(
        kind == None,  # noqa: E711
        "location_kind",
        "no location: give lat and lon, observer_lat/observer_lon with bearings and "
        "distances, or a place_name",
    )
    check.flag_many((has("lat") ^ has("lon")), "lat", "lat and lon must be given together")
    is_point = kind == LocationKind.POINT.value
    check.flag_many(is_point & ~point, "lat", "location_kind point needs lat and lon")
    is_sector = kind == LocationKind.SECTOR.value
    check.flag_many(
        is_sector & ~sector,
        "observer_lat",
        "location_kind sector needs observer_lat and observer_lon",
    )
    check.flag_many(
        is_sector & ~(has("bearing_min_deg") & has("bearing_max_deg")),
        "bearing_min_deg",
        "location_kind sector needs bearing_min_deg and bearing_max_deg",
    )
    check.flag_many(
        is_sector & ~has("distance_max_m"),
        "distance_max_m",
        "location_kind sector needs distance_max_m",
    )
    dmin = cols.get("distance_min_m")
    dmax = cols.get("distance_max_m")
    if dmin is not None and dmax is not None:
        both = (dmin != None) & (dmax != None)  # noqa: E711
        inverted = np.zeros(size, dtype=bool)
        inverted[both] = [a > b for a, b in zip(dmin[both], dmax[both], strict=True)]
        check.flag_many(inverted, "distance_min_m", "distance_min_m is above distance_max_m")
    is_place = kind == LocationKind.PLACE.value
    check.flag_many(is_place & ~place, "place_name", "location_kind place needs a place_name")
    if area is not None:
        for lat_name, lon_name in (("lat", "lon"), ("observer_lat", "observer_lon")):
            if lat_name in cols and lon_name in cols:
                _flag_swapped(cols[lat_name], cols[lon_name], lat_name, area, check)


def _flag_swapped(
    lat: ObjectArray, lon: ObjectArray, name: str, area: BBox, check: _Checker
) -> None:
    present = np.flatnonzero((lat != None) & (lon != None))  # noqa: E711
    if present.size == 0:
        return
    y = np.asarray(lat[present].tolist(), dtype=np.float64) / 1e6
    x = np.asarray(lon[present].tolist(), dtype=np.float64) / 1e6
    min_lon, min_lat, max_lon, max_lat = area

    def inside(xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64]) -> BoolArray:
        return (xs >= min_lon) & (xs <= max_lon) & (ys >= min_lat) & (ys <= max_lat)

    swapped = ~inside(x, y) & inside(y, x)
    for i in np.flatnonzero(swapped):
        check.flag(
            int(present[i]),
            name,
            f"latitude {y[i]:g} and longitude {x[i]:g} look "
            "swapped: the point lies outside the area of interest and its mirror inside",
        )


def _check_evidence_hash(cols: dict[str, ObjectArray], check: _Checker) -> None:
    col = cols.get("evidence_sha256")
    if col is None:
        return
    hexdigits = set("0123456789abcdef")
    for i in np.flatnonzero(col != None):  # noqa: E711
        value = col[i].lower()
        if len(value) != 64 or not set(value) <= hexdigits:
            check.flag(int(i), "evidence_sha256", "expected 64 hexadecimal digits")
        col[i] = value
