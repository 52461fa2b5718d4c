"""Request limits: a body larger than the setting gets 413 before the route reads it, and a
path or query string holding a NUL byte gets 422 before any route sees it.

A declared ``Content-Length`` over the limit is refused before any byte of the body is read. A
streamed body (chunked, or lying about its length) is counted as it arrives and refused as soon
as it passes the limit, so no route ever holds more than the limit in memory.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ceasefire.core.errors import ConfigurationError
from ceasefire.settings import Settings


def request_limit(settings: Settings) -> int:
    """The configured limit in bytes (``CEASEFIRE_MAX_REQUEST_BYTES`` is read as text)."""
    raw = str(settings.max_request_bytes).strip()
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigurationError(
            f"CEASEFIRE_MAX_REQUEST_BYTES={raw!r}: expected a positive number of bytes"
        )
    return int(raw)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        413, f"request body larger than {limit:,} bytes (CEASEFIRE_MAX_REQUEST_BYTES)"
    )


class RequestSizeLimit:
    """ASGI middleware enforcing a maximum request body size (see the module docstring)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _too_large(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        error = {"code": "too_large", "message": str(_too_large(self.limit).detail)}
        await _send_error(send, 413, error | {"details": []}, close=True)


TEXT_BODIES = (b"application/json", b"text/", b"application/x-ndjson", b"application/geo+json")
"""Bodies that are text: a NUL byte (raw, or JSON's \\u0000) in one is refused."""
NUL_REASON = "holds a NUL byte (%00 or \\u0000), which no text here may contain"


class NoNulBytes:
    """ASGI middleware refusing (422) a NUL byte in the path, the query string or a text body.

    No text a person types holds one, PostgreSQL cannot store or compare one, and letting it
    reach a query would turn a malformed request into a database error. Binary uploads
    (multipart, evidence files) are not inspected.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = bytes(scope.get("query_string", b""))
        where = "path" if "\x00" in scope.get("path", "") else None
        where = where or ("query" if b"%00" in query or b"\x00" in query else None)
        if where is not None:
            await _refuse_nul(send, where)
            return
        kind = dict(scope.get("headers", ())).get(b"content-type", b"").lower()
        if not kind.startswith(TEXT_BODIES):
            await self.app(scope, receive, send)
            return
        tail = b""
        started = False

        async def checked() -> Message:
            nonlocal tail
            message = await receive()
            if message["type"] == "http.request":
                seen = tail + message.get("body", b"")
                if b"\x00" in seen or b"\\u0000" in seen:
                    raise HTTPException(422, f"body: {NUL_REASON}")
                tail = seen[-5:]
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, checked, watched)
        except HTTPException as exc:
            if exc.status_code != 422 or started:
                raise
            await _refuse_nul(send, "body")


async def _refuse_nul(send: Send, where: str) -> None:
    error = {
        "code": "invalid_request",
        "message": f"{where}: {NUL_REASON}",
        "details": [{"field": where, "reason": NUL_REASON}],
    }
    await _send_error(send, 422, error)


async def _send_error(send: Send, status: int, error: dict[str, Any], close: bool = False) -> None:
    body = json.dumps({"error": error}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
