import re
from pathlib import Path

from ceasefire.core.agreement import agreement_json_schema, parse_agreement
from ceasefire.core.agreement.examples import MINIMAL_YAML
from ceasefire.core.agreement.schema import agreement_schema_text

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_schema_file_in_docs_is_current() -> None:
    stored = (DOCS / "agreement.schema.json").read_text(encoding="utf-8")
    assert stored == agreement_schema_text(), (
        "docs/agreement.schema.json is stale: run python scripts/build_agreement_schema.py"
    )


def test_schema_has_no_number_type_anywhere() -> None:
    assert '"type": "number"' not in agreement_schema_text()


def test_schema_requires_the_agreement_core_fields() -> None:
    schema = agreement_json_schema()
    assert schema["required"] == ["id", "title", "parties", "instruments"]
    assert "Term" in schema["$defs"]


def test_example_in_the_docs_parses_and_is_the_shipped_example() -> None:
    text = (DOCS / "agreements.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "docs/agreements.md has no yaml example"
    agreement = parse_agreement(blocks[0], "docs/agreements.md")
    assert agreement.id == "example-truce"
    assert blocks[0] == MINIMAL_YAML


def test_every_field_of_the_schema_is_documented() -> None:
    text = (DOCS / "agreements.md").read_text(encoding="utf-8")
    schema = agreement_json_schema()
    missing = sorted(
        f"{name}.{field}"
        for name, definition in schema["$defs"].items()
        for field in definition.get("properties", {})
        if f"`{field}`" not in text
    )
    missing += [f for f in schema["properties"] if f"`{f}`" not in text]
    assert not missing, f"fields not documented in docs/agreements.md: {missing}"
