"""Shared field types of the agreement model: identifiers, party codes, texts, URLs."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"),
    Field(description="a stable identifier: letters, digits, '_', '.', '-' (at most 64)"),
]
PartyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{1,15}$"),
    Field(description="a party code in capitals, e.g. RU, UA, US, OSCE"),
]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://\S+$", max_length=2000),
    Field(description="an http(s) URL of the source"),
]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class Record(BaseModel):
    """Base of every agreement record: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
