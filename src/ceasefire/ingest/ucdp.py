"""UCDP Georeferenced Event Dataset (GED) CSV, final or candidate, onto the flat layout.

Mapping (``docs/formats.md`` has the table): key = ``id``; source ``dataset`` / ``UCDP GED``
(``UCDP GED candidate`` when the file name says ``candidate``: both releases share one header);
act ``unknown`` (UCDP codes deaths, not acts); window ``date_start`` … ``date_end`` + 1 day in
Europe/Kyiv local days, precision from ``date_prec``; radius from ``where_prec``;
``deaths_civilians`` → ``civ_killed``, ``deaths_a`` + ``deaths_b`` → ``mil_killed`` (the two
sides' own dead), ``deaths_unknown`` → ``unk_killed``. ``event_clarity=2`` → ``is_summary``;
``low``/``high`` → ``killed_low``/``killed_high``; ``text`` also starts with
``summary (event_clarity=2)`` for a summary and carries ``deaths best/low/high``, ``relid`` and
the dyad, for readers of the text alone.
Text is kept as UCDP wrote it, mojibake included.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path

from ceasefire.core.mappings import UCDP_DATE_PREC, UCDP_WHERE_PREC_RADIUS_M
from ceasefire.core.taxonomy import Act, SourceKind
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk, csv_chunks

NAME = "ucdp-ged"
KIND = "observations"
DESCRIPTION = "UCDP GED / GED candidate CSV (id, relid, where_prec, date_prec, …)"

HEADERS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
REQUIRED = ("id", "relid", "where_prec", "date_prec", "date_start", "date_end", "latitude",
            "longitude")  # fmt: skip
SOURCE_NAME = "UCDP GED"
CANDIDATE_SOURCE_NAME = "UCDP GED candidate"
TIME_ZONE = "Europe/Kyiv"
SUMMARY_MARK = "summary (event_clarity=2)"
OUT = (
    "key", "source_kind", "source_name", "derived_from", "start", "end", "time_precision",
    "source_tz", "reported_at", "lat", "lon", "radius_m", "place_name", "admin1", "country",
    "act", "civ_killed", "mil_killed", "unk_killed", "text",
)  # fmt: skip
DERIVED_FROM_MAX = 200


def sniff(head: str) -> bool:
    """True when the header row names ``relid``, ``where_prec`` and ``date_prec``."""
    first = head.splitlines()[0] if head else ""
    cells = {c.strip().strip('"').lower() for c in first.split(",")}
    return {"id", "relid", "where_prec", "date_prec"} <= cells


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of flat columns, one observation per UCDP event."""
    source_name = CANDIDATE_SOURCE_NAME if "candidate" in path.name.lower() else SOURCE_NAME
    mapping = {name: name for name in HEADERS}
    for _, chunk in csv_chunks(path, mapping, chunk_rows, required_headers=REQUIRED):
        out = RawChunk(
            columns={name: [] for name in OUT}, rows=list(chunk.rows), problems=chunk.problems
        )
        for index in range(len(chunk.rows)):
            cells = {name: values[index] for name, values in chunk.columns.items()}
            mapped = map_row(cells, source_name)
            for name in OUT:
                out.columns[name].append(mapped.get(name))
        yield out


def map_row(
    cells: Mapping[str, str | None], source_name: str = SOURCE_NAME
) -> dict[str, str | None]:
    """One UCDP row (header → text) as flat columns. Never raises: bad cells pass through."""
    row = {name: (value or "").strip() for name, value in cells.items()}

    def cell(name: str) -> str:
        return row.get(name, "")

    where = UCDP_WHERE_PREC_RADIUS_M.get(_int(cell("where_prec")) or 0)
    precision = UCDP_DATE_PREC.get(_int(cell("date_prec")) or 0)
    sides = [n for n in (_int(cell("deaths_a")), _int(cell("deaths_b"))) if n is not None]
    original = cell("source_original")
    derived = original
    if len(original) > DERIVED_FROM_MAX:
        derived = original[: DERIVED_FROM_MAX - 1] + "…"
    return {
        "key": cell("id"),
        "source_kind": SourceKind.DATASET.value,
        "source_name": source_name,
        "derived_from": derived or None,
        "start": cell("date_start"),
        "end": _day_after(cell("date_end")),
        "time_precision": precision.value if precision else None,
        "source_tz": TIME_ZONE,
        "reported_at": _first_report(cell("source_date")),
        "lat": cell("latitude"),
        "lon": cell("longitude"),
        "radius_m": str(where) if where is not None else None,
        "place_name": cell("where_coordinates") or None,
        "admin1": cell("adm_1") or None,
        "country": cell("country") or None,
        "act": Act.UNKNOWN.value,
        "civ_killed": cell("deaths_civilians") or None,
        "mil_killed": str(sum(sides)) if sides else None,
        "unk_killed": cell("deaths_unknown") or None,
        "killed_low": cell("low") or None,
        "killed_high": cell("high") or None,
        "is_summary": "true" if cell("event_clarity") == "2" else None,
        "text": summary_text(row),
    }


def summary_text(row: dict[str, str]) -> str:
    """The text of a UCDP event: summary mark, headline, death estimates and identifiers."""
    parts = [SUMMARY_MARK] if row.get("event_clarity") == "2" else []
    if row.get("source_headline"):
        parts.append(row["source_headline"])
    best, low, high = (row.get(n) or "?" for n in ("best", "low", "high"))
    parts.append(f"deaths best {best} (low {low}, high {high})")
    for label, name in (
        ("where", "where_description"),
        ("dyad", "dyad_name"),
        ("relid", "relid"),
        ("code_status", "code_status"),
    ):
        if row.get(name):
            parts.append(f"{label}: {row[name]}")
    original = row.get("source_original", "")
    if len(original) > DERIVED_FROM_MAX:
        parts.append(f"source_original: {original}")
    return " | ".join(parts)


def _int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _day_after(text: str) -> str | None:
    """date_end + 1 day (the window's end is exclusive); unreadable text passes through."""
    if not text:
        return None
    try:
        return (date.fromisoformat(text) + timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        return text


def _first_report(text: str) -> str | None:
    """The earliest ISO date in ``source_date`` (``;``-separated), if any."""
    days = []
    for part in text.split(";"):
        try:
            days.append(date.fromisoformat(part.strip()))
        except ValueError:
            continue
    return min(days).isoformat() if days else None
