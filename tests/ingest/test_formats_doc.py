"""docs/formats.md cannot drift: its layout tables are generated from the code.

Regenerate the tables with ``python tests/ingest/test_formats_doc.py`` and paste them between
the markers in docs/formats.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from ceasefire.core.claims import CLAIM_COLUMNS
from ceasefire.core.observations.columns import COLUMNS, Column
from ceasefire.ingest import acled, ucdp
from ceasefire.ingest.readers import READERS

DOC = Path(__file__).parents[2] / "docs" / "formats.md"
LONG_ENUMS = {"act", "target_class", "weapon_type"}


def _allowed(col: Column) -> str:
    if col.kind == "enum":
        if col.name in LONG_ENUMS:
            return "see docs/taxonomy.md"
        return ", ".join(f"`{c}`" for c in col.choices)
    if col.minimum is not None or col.maximum is not None:
        return f"{col.minimum} … {col.maximum}"
    if col.kind == "text":
        return f"≤ {col.max_length} chars"
    return ""


def columns_table() -> str:
    """The flat observation layout as a Markdown table, from ``COLUMNS``."""
    lines = ["| column | kind | required | allowed | meaning |", "|---|---|---|---|---|"]
    for col in COLUMNS:
        required = "yes" if col.required else ""
        help_ = col.help.replace("|", "\\|")
        lines.append(f"| `{col.name}` | {col.kind} | {required} | {_allowed(col)} | {help_} |")
    return "\n".join(lines)


def claim_columns_table() -> str:
    """The claims layout as a Markdown table, from ``CLAIM_COLUMNS``."""
    lines = ["| column | meaning |", "|---|---|"]
    for name, help_ in CLAIM_COLUMNS.items():
        lines.append(f"| `{name}` | {help_} |")
    return "\n".join(lines)


def _between(marker: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker}:start -->\n(.*?)\n<!-- {marker}:end -->", text, re.S)
    assert found is not None, f"docs/formats.md lacks the {marker} markers"
    return found.group(1)


def test_every_observation_column_is_documented_as_in_the_code() -> None:
    documented = _between("columns")
    for col in COLUMNS:
        assert f"| `{col.name}` |" in documented, f"column {col.name} is undocumented"
    assert documented == columns_table(), "regenerate: python tests/ingest/test_formats_doc.py"


def test_every_claim_column_is_documented_as_in_the_code() -> None:
    assert _between("claim-columns") == claim_columns_table()


def test_every_reader_and_mapped_header_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for reader in READERS:
        assert f"`{reader.NAME}`" in text
    for header in (*acled.HEADERS[:31], "where_prec", "date_prec", "event_clarity"):
        assert f"`{header}`" in text, header
    for header in ucdp.REQUIRED:
        assert f"`{header}`" in text, header


if __name__ == "__main__":
    print(columns_table())
    print()
    print(claim_columns_table())
