"""Pages of a list: ``limit`` with an opaque ``cursor`` (or a plain ``offset``).

A cursor names the last item of the previous page (and its position). The next page starts right
after that item, so a page boundary does not shift when rows are added elsewhere; if that item
has gone (an observation superseded, an incident retired) the page starts at the old position.

>>> rows = [{"id": n} for n in range(5)]
>>> first = paginate(lambda bound: rows[:bound], lambda r: r["id"], limit=2)
>>> [r["id"] for r in first.items], first.next_cursor is not None
([0, 1], True)
>>> [r["id"] for r in paginate(lambda b: rows[:b], lambda r: r["id"], 2, first.next_cursor).items]
[2, 3]
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from ceasefire.api.errors import InvalidParameter

T = TypeVar("T")
Key = str | int

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
"""The deepest page position a request may name (beyond it: 422, not a database overflow)."""
SLACK = 1000
"""How far past its old position the cursor's item is looked for (rows added before it)."""


class Page(BaseModel, Generic[T]):
    """One page of results and the cursor of the next (``null`` on the last page)."""

    items: list[T]
    next_cursor: str | None = Field(
        default=None, description="pass as ?cursor= for the next page; null on the last page"
    )


@dataclass(frozen=True)
class Window:
    """Where a page starts and how long it is (from the query string)."""

    limit: int = 100
    cursor: str | None = None
    offset: int = 0


def window(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 100,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="items to skip (without a cursor)")
    ] = 0,
) -> Window:
    """The page window of a list route."""
    return Window(limit=limit, cursor=cursor, offset=offset)


def encode_cursor(position: int, key: Key) -> str:
    """An opaque cursor: the position and key of the last item shown."""
    raw = json.dumps([position, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, Key]:
    """(position, key) of a cursor made by :func:`encode_cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position, key = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise InvalidParameter("cursor", "not a cursor this API returned") from None
    if (
        not isinstance(position, int)
        or not 0 <= position <= MAX_OFFSET
        or not isinstance(key, str | int)
    ):
        raise InvalidParameter("cursor", "not a cursor this API returned")
    return position, key


def paginate(
    fetch: Callable[[int], Iterable[T]],
    key: Callable[[T], Key],
    limit: int,
    cursor: str | None = None,
    offset: int = 0,
) -> Page[T]:
    """A page of ``fetch(bound)`` (items in a stable order, at most ``bound`` of them)."""
    after: Key | None = None
    start = offset
    if cursor is not None:
        start, after = decode_cursor(cursor)
    bound = start + limit + 1 + (SLACK if after is not None else 0)
    items = list(fetch(bound))
    begin = start
    if after is not None:
        begin = next((i + 1 for i, item in enumerate(items) if key(item) == after), start)
    shown = items[begin : begin + limit]
    more = len(items) > begin + limit
    next_cursor = encode_cursor(begin + len(shown), key(shown[-1])) if more and shown else None
    return Page[T](items=shown, next_cursor=next_cursor)
