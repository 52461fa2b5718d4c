"""One JSON error envelope for every error the API returns.

``{"error": {"code": "...", "message": "...", "details": [...]}}`` — ``code`` is a stable word a
client can branch on, ``message`` is the sentence a person can act on (the same text the CLI
prints after ``Error:``), ``details`` lists row/field problems where there are any. The classes of
:mod:`ceasefire.core.errors` map to statuses here, once for the whole API:

>>> from ceasefire.core.errors import NotFound
>>> status_and_code(NotFound("incident 'INC-9' not found"))
(404, 'not_found')
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ceasefire.core.errors import (
    AgreementError,
    CeasefireError,
    ConfigurationError,
    IngestError,
    NotFound,
    PermissionDenied,
    StoreError,
)

log = logging.getLogger("ceasefire.api")


class Unauthenticated(CeasefireError):  # noqa: N818 - named like the HTTP status it maps to
    """No credentials, or credentials that do not name a current user (401)."""


class InvalidParameter(CeasefireError):  # noqa: N818 - named like the other request errors
    """A query parameter, path segment or cursor that cannot be read (422)."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class ErrorDetail(BaseModel):
    """One problem: a row and field of an input, or a request field, and the reason."""

    model_config = {"extra": "allow"}

    field: str | None = None
    reason: str
    row: int | None = None


class ErrorBody(BaseModel):
    """What went wrong."""

    code: str = Field(description="stable machine-readable code, e.g. not_found, invalid_input")
    message: str = Field(description="what went wrong and what was expected")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorEnvelope(BaseModel):
    """The body of every error response."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text}
    for status, text in (
        (400, "the body cannot be parsed as its content type says"),
        (401, "not authenticated"),
        (403, "not allowed for this role or party, or CSRF token missing"),
        (404, "not found"),
        (413, "request body too large"),
        (422, "invalid request or input (details name rows and fields)"),
    )
}
"""Documented on every /api/ router so /openapi.json shows the envelope."""

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def status_and_code(exc: CeasefireError) -> tuple[int, str]:
    """The HTTP status and envelope code of a ceasefire error."""
    from ceasefire.core.compliance.adjudication import AdjudicationError

    if isinstance(exc, Unauthenticated):
        return 401, "unauthenticated"
    if isinstance(exc, NotFound):
        return 404, "not_found"
    if isinstance(exc, PermissionDenied):
        return 403, "forbidden"
    if isinstance(exc, InvalidParameter):
        return 422, "invalid_request"
    if isinstance(exc, IngestError | AgreementError):
        return 422, "invalid_input"
    if isinstance(exc, AdjudicationError):
        return 409, "conflict"
    if isinstance(exc, ConfigurationError):
        return 500, "configuration"
    if isinstance(exc, StoreError):
        return 503, "store_unavailable"
    return 422, "rejected"


def details_of(exc: CeasefireError) -> list[dict[str, Any]]:
    """Row/field problems carried by an error, as envelope details."""
    if isinstance(exc, IngestError):
        return [
            {"row": p.row, "field": p.field, "reason": p.reason, "source": exc.source}
            for p in exc.problems[:1000]
        ]
    if isinstance(exc, AgreementError):
        return [{"reason": problem, "source": exc.source} for problem in exc.problems[:1000]]
    if isinstance(exc, InvalidParameter):
        return [{"field": exc.field, "reason": exc.reason}]
    return []


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A JSON response holding one error envelope."""
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    found = []
    for item in exc.errors():
        where = ".".join(str(part) for part in item.get("loc", ()))
        found.append({"field": where or None, "reason": str(item.get("msg", "invalid"))})
    return found


def install_error_handlers(app: FastAPI) -> None:
    """Translate ceasefire errors, request validation and HTTP errors into the envelope."""

    async def ceasefire_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, CeasefireError)
        status, code = status_and_code(exc)
        if status >= 500:
            log.error("%s: %s", code, exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return error_response(status, code, str(exc), details_of(exc), headers)

    async def invalid_request(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        first = details[0] if details else {"field": None, "reason": "invalid"}
        message = f"{first['field'] or 'request'}: {first['reason']}"
        return error_response(422, "invalid_request", message, details)

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return error_response(
            exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {})
        )

    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error", exc_info=exc)
        return error_response(
            500, "internal", "internal error; the server log has the details, please report it"
        )

    app.add_exception_handler(CeasefireError, ceasefire_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
