"""The JSON Schema of agreement documents, generated from the models.

Written to ``docs/agreement.schema.json``; a test fails when that file is stale.
"""

from __future__ import annotations

import json
from typing import Any

from ceasefire.core.agreement.model import Agreement

SCHEMA_ID = "https://ceasefire.invalid/schema/agreement.schema.json"


def agreement_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) an agreement document follows.

    >>> agreement_json_schema()["required"]
    ['id', 'title', 'parties', 'instruments']
    """
    schema = Agreement.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def agreement_schema_text() -> str:
    """The schema as the text kept in ``docs/agreement.schema.json`` (sorted keys, 2 spaces).

    Regenerate it with ``python scripts/build_agreement_schema.py``.
    """
    return json.dumps(agreement_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
