"""Who is asking: API tokens, session cookies with CSRF protection, and the login routes.

* ``Authorization: Bearer <token>`` — looked up by its SHA-256
  (:func:`ceasefire.workflows.accounts.authenticate_token`). No CSRF check: a browser never
  sends this header on its own.
* A session cookie, set by ``POST /api/session`` (user name and password). The cookie is signed
  with ``CEASEFIRE_SECRET_KEY`` and holds the actor and a CSRF token; nothing is kept in the
  process, so any server process accepts it. Unsafe methods (POST, PUT, PATCH, DELETE) with a
  session cookie must send the same CSRF token in ``X-CSRF-Token`` (double submit: the token is
  also in the readable ``ceasefire_csrf`` cookie and in the login response).

:func:`authenticated` is a router-level dependency of every ``/api/`` router except the public
one, so a request without valid credentials gets 401 before its body is validated.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import BaseModel, Field

from ceasefire.api.errors import ERROR_RESPONSES, Unauthenticated
from ceasefire.api.service import Service, ServiceDep
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import CeasefireError, ConfigurationError, PermissionDenied, StoreError

SESSION_COOKIE = "ceasefire_session"
CSRF_COOKIE = "ceasefire_csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 12 * 3600
"""A session lasts one working day; then the user signs in again."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(auto_error=False, description="an API token (`ceasefire users token`)")
session_cookie = APIKeyCookie(
    name=SESSION_COOKIE, auto_error=False, description="a session from POST /api/session"
)


def _signer(owner: Service) -> URLSafeTimedSerializer:
    if not owner.settings.secret_key:
        raise ConfigurationError(
            "CEASEFIRE_SECRET_KEY is not set; the web API needs it to sign sessions"
        )
    return URLSafeTimedSerializer(owner.settings.secret_key, salt="ceasefire-session")


def _actor_from_token(owner: Service, token: str) -> Actor:
    from ceasefire.workflows.accounts import authenticate_token

    try:
        actor = authenticate_token(owner.store, token)
    except (StoreError, ConfigurationError):
        raise
    except CeasefireError as exc:
        raise Unauthenticated(f"the API token was refused: {exc}") from None
    return actor.model_copy(update={"via": "api"})


def _session(owner: Service, cookie: str) -> dict[str, Any]:
    try:
        data = _signer(owner).loads(cookie, max_age=SESSION_SECONDS)
    except BadSignature:
        raise Unauthenticated("the session has expired or is not valid; sign in again") from None
    if not isinstance(data, dict):
        raise Unauthenticated("the session is not valid; sign in again")
    return data


def authenticated(
    request: Request,
    owner: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    cookie: Annotated[str | None, Depends(session_cookie)],
) -> Actor:
    """The actor behind the request's token or session; 401 without one (see module)."""
    if credentials is not None:
        return _actor_from_token(owner, credentials.credentials)
    if cookie:
        data = _session(owner, cookie)
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or not hmac.compare_digest(sent, str(data.get("csrf", ""))):
                raise PermissionDenied(
                    f"missing or wrong {CSRF_HEADER} header: send the CSRF token of the "
                    f"session (cookie {CSRF_COOKIE}) with every change"
                )
        return Actor.model_validate(data["actor"])
    raise Unauthenticated(
        "not signed in: send 'Authorization: Bearer <token>' or sign in at POST /api/session"
    )


ActorDep = Annotated[Actor, Depends(authenticated)]


class Credentials(BaseModel):
    """A user name and password."""

    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    """Who is signed in, and the CSRF token to send with changes."""

    user: str
    role: Role
    party: str | None
    csrf_token: str | None = Field(
        default=None, description=f"send as {CSRF_HEADER} with POST/PUT/PATCH/DELETE"
    )


session_router = APIRouter(prefix="/api/session", tags=["session"], responses=ERROR_RESPONSES)


@session_router.post("", response_model=SessionOut)
def sign_in(
    body: Credentials, request: Request, response: Response, owner: ServiceDep
) -> SessionOut:
    """Sign in with a password; sets the session cookie and returns the CSRF token."""
    from ceasefire.workflows.accounts import authenticate_password

    signer = _signer(owner)
    try:
        actor = authenticate_password(owner.store, body.username, body.password)
    except (StoreError, ConfigurationError):
        raise
    except CeasefireError:
        raise Unauthenticated("unknown user name or wrong password") from None
    actor = actor.model_copy(update={"via": "api"})
    csrf = secrets.token_urlsafe(32)
    signed = signer.dumps({"actor": actor.model_dump(mode="json"), "csrf": csrf})
    secure = request.url.scheme == "https"
    response.set_cookie(
        SESSION_COOKIE,
        signed,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=secure,
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=SESSION_SECONDS, httponly=False, samesite="strict", secure=secure
    )
    return SessionOut(user=actor.user, role=actor.role, party=actor.party, csrf_token=csrf)


@session_router.get("", response_model=SessionOut, dependencies=[Depends(authenticated)])
def who_am_i(actor: ActorDep) -> SessionOut:
    """The signed-in user (token or session)."""
    return SessionOut(user=actor.user, role=actor.role, party=actor.party)


@session_router.delete("", status_code=204, dependencies=[Depends(authenticated)])
def sign_out(response: Response) -> Response:
    """Sign out: the session and CSRF cookies are cleared."""
    response.status_code = 204
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
    return response
