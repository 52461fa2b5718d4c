"""The vectorised time path must agree with the per-cell parser, cell by cell."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.observations.times import EARLIEST, parse_time, parse_time_column, utc_z, zone

LATEST = datetime(2026, 1, 1, tzinfo=UTC)
ZONES = [None, "UTC", "Europe/Kyiv", "Europe/Moscow", "America/New_York", "Australia/Lord_Howe"]
stamps = st.builds(
    lambda y, mo, d, h, mi, s, form, sep: (
        f"{y:04d}-{mo:02d}-{d:02d}"
        + ("" if form == 0 else f"{sep}{h:02d}:{mi:02d}" + (f":{s:02d}" if form == 2 else ""))
    ),
    st.integers(1890, 2026),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 24),
    st.integers(0, 60),
    st.integers(0, 60),
    st.integers(0, 2),
    st.sampled_from(["T", " "]),
)
transitions = st.sampled_from(
    ["2025-03-30T03:30", "2025-03-30 02:59:59", "2025-10-26T03:30", "2025-04-06T01:45",
     "2025-11-02 01:30", "2024-02-29", "2025-02-29", "1900-01-01T01:00", "2025-04-20T10:00+03:00",
     "2025-04-20T10:00Z", "20250420T1000", "2025-04-20T10", "2025-04-20T10:00:00.5"]
)  # fmt: skip


def _expected(text: str, zone_name: str | None) -> tuple[str | None, bool]:
    try:
        moment, only_date = parse_time(text, zone(zone_name or "UTC"))
    except (ValueError, OverflowError):
        return None, False
    if moment < EARLIEST or moment > LATEST:
        return None, False
    return utc_z(moment), only_date


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.one_of(stamps, transitions), st.sampled_from(ZONES)), min_size=1))
def test_fast_path_agrees_with_the_per_cell_parser(cells: list[tuple[str, str | None]]) -> None:
    raw = np.empty(len(cells), dtype=object)
    raw[:] = [text for text, _ in cells]
    zones = np.empty(len(cells), dtype=object)
    zones[:] = [name for _, name in cells]
    flagged: list[int] = []
    out, date_only, seconds, ok = parse_time_column(
        raw, zones, latest=LATEST, flag=lambda i, _n, _r: flagged.append(i), name="start"
    )
    for i, (text, name) in enumerate(cells):
        expected, only_date = _expected(text, name)
        assert out[i] == expected, (text, name)
        assert bool(ok[i]) == (expected is not None)
        assert (i in flagged) == (expected is None)
        if expected is not None:
            assert bool(date_only[i]) == only_date
            assert utc_z(datetime.fromtimestamp(int(seconds[i]), UTC)) == expected
