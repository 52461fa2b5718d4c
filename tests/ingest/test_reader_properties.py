"""Property tests: no input, however broken, raises anything but IngestError."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.claims import parse_claims
from ceasefire.core.effort import parse_effort, parse_storage_sites
from ceasefire.core.errors import IngestError
from ceasefire.core.observations import parse_columns
from ceasefire.ingest import acled, claims_csv, geojson, jsonl, ucdp
from ceasefire.ingest.base import Reader
from ceasefire.ingest.readers import READERS, detect

UKRAINE = (22.0, 44.0, 41.0, 53.0)


def _consume(reader: Reader, path: Path) -> None:
    for chunk in reader.read_chunks(path, chunk_rows=7):
        assert all(len(v) == chunk.size for v in chunk.columns.values())
        if reader.KIND == "claims":
            parse_claims(chunk.columns, chunk.rows)
        elif reader.KIND == "effort":
            parse_effort(chunk.columns, chunk.rows, area=UKRAINE)
        elif reader.KIND == "storage_sites":
            parse_storage_sites(chunk.columns, chunk.rows, area=UKRAINE)
        else:
            parse_columns(chunk.columns, row_numbers=chunk.rows, area=UKRAINE)


def _ingest(data: bytes, reader: Reader | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(data)
        with contextlib.suppress(IngestError):
            _consume(reader or detect(path), path)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(READERS))
def test_random_bytes_only_raise_ingest_error(data: bytes, reader: Reader) -> None:
    _ingest(data, reader)


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(
        [
            b"{",
            b'{"type": "FeatureCollection", "features": [',
            b"event_id_cnty,event_date,event_type\n",
            b"claimant,metric,value\n",
        ]
    ),
    st.binary(max_size=300),
)
def test_plausible_starts_with_random_tails_only_raise_ingest_error(
    head: bytes, tail: bytes
) -> None:
    _ingest(head + tail)


cell = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


def _csv(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(cell, min_size=31, max_size=31), max_size=5))
def test_random_acled_rows_only_give_problems(rows: list[list[str]]) -> None:
    _ingest(_csv(acled.HEADERS, rows), acled)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(cell, min_size=49, max_size=49), max_size=5))
def test_random_ucdp_rows_only_give_problems(rows: list[list[str]]) -> None:
    _ingest(_csv(ucdp.HEADERS, rows), ucdp)


claim_cell = st.one_of(
    cell,
    st.sampled_from(["2025-04-20", "2025-04-19 18:00..2025-04-20 24:00", "9999-12-31",
                     "from 9999-12-31 for 9 days", ">=45", "1 / 2", "387 / 19 / 290",
                     "901 (448)", "24h to 0001-01-01", "99999999999999999"]),
)  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(claim_cell, min_size=9, max_size=9), max_size=5))
def test_random_claim_rows_only_give_problems(rows: list[list[str]]) -> None:
    header = ("arrangement", "claimant", "accused_party", "period_covered", "published",
              "metric", "value", "breakdown", "source_url")  # fmt: skip
    _ingest(_csv(header, rows), claims_csv)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | cell,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cell, inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=50, deadline=None)
@given(st.lists(json_value, max_size=5))
def test_random_features_only_give_problems(features: list[object]) -> None:
    document = {"type": "FeatureCollection", "features": features}
    _ingest(json.dumps(document).encode(), geojson)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["lat", "lon", "start", "act", "x"]),
                                json_value, max_size=4), max_size=5))  # fmt: skip
def test_random_json_lines_only_give_problems(lines: list[dict[str, object]]) -> None:

    _ingest("\n".join(json.dumps(line) for line in lines).encode(), jsonl)
