"""Who is looking at a page, what they may open, and how a page is rendered.

Pages read the same signed session cookie as the API (:mod:`ceasefire.api.auth`); a page that
needs a signed-in user redirects to ``/login`` instead of answering 401. Errors a page meets
are shown as a page (not the API's JSON envelope), with the same sentence.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ParamSpec
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

import ceasefire
from ceasefire.api.auth import SESSION_COOKIE, authenticated
from ceasefire.api.errors import Unauthenticated
from ceasefire.api.service import Service, service
from ceasefire.core.access import Permission, allows
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import CeasefireError, NotFound, PermissionDenied

P = ParamSpec("P")

ROLE_NAMES = {
    Role.ADMIN: "administrator",
    Role.MONITOR: "monitor",
    Role.ANALYST: "analyst",
    Role.CHIEF_MONITOR: "chief monitor",
    Role.PARTY_LIAISON: "party liaison",
    Role.JOINT_COMMISSION: "joint commission",
    Role.MEDIATOR: "mediator",
    Role.PUBLIC: "public",
    Role.LOCAL_OPERATOR: "local operator",
}


@dataclass(frozen=True)
class NavItem:
    """One link of the top bar."""

    href: str
    label: str
    permission: Permission | None = None
    roles: frozenset[Role] | None = None


NAV = (
    NavItem("/map", "Map", Permission.READ_INCIDENTS),
    NavItem("/queue", "Queue", Permission.DECIDE),
    NavItem("/liaison", "Our findings", roles=frozenset({Role.PARTY_LIAISON})),
    NavItem("/commission", "Commission", roles=frozenset({Role.JOINT_COMMISSION})),
    NavItem("/findings", "Findings", Permission.READ_FINDINGS),
    NavItem("/reports", "Reports", Permission.READ_PUBLISHED),
    NavItem("/stances", "Stances", Permission.READ_STANCES),
)


def nav_for(actor: Actor | None) -> list[NavItem]:
    """The links ``actor`` may follow (the public home and reports when signed out)."""
    if actor is None:
        return [NavItem("/", "Public map"), NavItem("/reports", "Reports")]
    out = []
    for item in NAV:
        if item.roles is not None and actor.role not in item.roles:
            continue
        if item.permission is not None and not allows(actor.role, item.permission):
            continue
        if item.href == "/findings" and actor.role is Role.PARTY_LIAISON:
            continue
        out.append(item)
    return out


def home_of(actor: Actor) -> str:
    """Where a user lands after signing in: the page of their daily work."""
    if actor.role is Role.PARTY_LIAISON:
        return "/liaison"
    if actor.role is Role.JOINT_COMMISSION:
        return "/commission"
    if allows(actor.role, Permission.DECIDE):
        return "/queue"
    if allows(actor.role, Permission.READ_INCIDENTS):
        return "/map"
    return "/reports"


def _when(value: object, style: str = "%Y-%m-%d %H:%M") -> str:
    if isinstance(value, datetime):
        return value.strftime(style) + (" UTC" if "%H" in style else "")
    if isinstance(value, str) and len(value) >= 16 and value[10] == "T":
        return value[:10] + " " + value[11:16] + " UTC"
    return "" if value is None else str(value)


def _words(value: object) -> str:
    return "" if value is None else str(value).replace("_", " ")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ceasefire.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["words"] = _words
    env.globals["version"] = ceasefire.__version__
    env.globals["role_name"] = lambda role: ROLE_NAMES.get(Role(role), str(role))
    return env


templates = Jinja2Templates(env=_environment())


def viewer(request: Request) -> Actor | None:
    """The signed-in actor of the request's session cookie, or ``None``."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    try:
        return authenticated(request, service(request), None, cookie)
    except Unauthenticated:
        return None


class SignInNeeded(Exception):  # noqa: N818 - a redirect, not an error
    """The page needs a signed-in user."""


def signed_in(request: Request) -> Actor:
    """The signed-in actor; :class:`SignInNeeded` (→ the login page) when there is none."""
    actor = viewer(request)
    if actor is None:
        raise SignInNeeded
    return actor


def owner_of(request: Request) -> Service:
    """The process's service (settings and store)."""
    return service(request)


def render(
    request: Request, template: str, actor: Actor | None, code: int = 200, **context: Any
) -> HTMLResponse:
    """A page: ``template`` with the viewer, their links and ``context``."""
    context.update(
        actor=actor,
        nav=nav_for(actor),
        path=request.url.path,
        role_label=ROLE_NAMES.get(actor.role, actor.role.value) if actor else None,
    )
    return templates.TemplateResponse(request, template, context, status_code=code)


def page(function: Callable[P, Response]) -> Callable[P, Response]:
    """Run a page route: sign-in redirect, errors shown as a page with their sentence."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> Response:
        request = kwargs.get("request")
        assert isinstance(request, Request), "page routes take `request` by keyword"
        try:
            return function(*args, **kwargs)
        except SignInNeeded:
            target = quote(
                str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
            )
            return RedirectResponse(f"/login?next={target}", status_code=303)
        except NotFound as exc:
            return render(request, "error.html", viewer(request), 404, title="Not found", error=exc)
        except PermissionDenied as exc:
            return render(
                request, "error.html", viewer(request), 403, title="Not allowed", error=exc
            )
        except CeasefireError as exc:
            return render(
                request, "error.html", viewer(request), 422, title="Cannot show this", error=exc
            )

    return run
