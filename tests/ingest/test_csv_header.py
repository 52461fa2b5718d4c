"""A CSV whose first line is empty is refused naming the file and row 1 (schemathesis found
an IndexError here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.core.errors import IngestError
from ceasefire.ingest.base import csv_chunks


@pytest.mark.parametrize("content", ["\n\n", "\nx\n\n", "\nact\nshelling\n", ",,\n1,2,3\n"])
def test_an_empty_header_line_is_an_ingest_error_naming_file_and_row_1(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "upload.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as refused:
        list(csv_chunks(path, {"act": "act"}, 10))
    assert refused.value.source == str(path)
    assert "row 1: the header is empty" in str(refused.value)


def test_a_header_followed_by_blank_lines_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("act\n\nshelling\n\n", encoding="utf-8")
    [(header, chunk)] = list(csv_chunks(path, {"act": "act"}, 10))
    assert header == ["act"] and chunk.columns["act"] == ["shelling"] and chunk.rows == [3]
