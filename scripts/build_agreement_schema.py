"""Write docs/agreement.schema.json from the agreement models (a test fails when it is stale)."""

from __future__ import annotations

from pathlib import Path

from ceasefire.core.agreement.schema import agreement_schema_text

TARGET = Path(__file__).resolve().parent.parent / "docs" / "agreement.schema.json"

if __name__ == "__main__":
    TARGET.write_text(agreement_schema_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
