"""Who does a thing: every workflow takes an :class:`Actor` and the record keeps it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Role(StrEnum):
    """The roles of DESIGN.md; what each may do is ``ceasefire.core.access.MATRIX``."""

    ADMIN = "admin"
    MONITOR = "monitor"
    ANALYST = "analyst"
    CHIEF_MONITOR = "chief_monitor"
    PARTY_LIAISON = "party_liaison"
    JOINT_COMMISSION = "joint_commission"
    MEDIATOR = "mediator"
    PUBLIC = "public"
    LOCAL_OPERATOR = "local_operator"


class Actor(BaseModel):
    """The user (or process) on whose behalf a workflow runs.

    >>> Actor.local_cli("ana").ref
    'local:ana'
    """

    model_config = ConfigDict(frozen=True)

    user: str = Field(min_length=1, max_length=200)
    role: Role
    party: str | None = None
    via: str = Field(default="cli", description="the edge the request came through")
    scopes: tuple[str, ...] | None = Field(
        default=None,
        description="what a token limits the actor to (permission names); None: all the role "
        "grants",
    )

    @classmethod
    def local_cli(cls, user: str) -> Actor:
        """The holder of the database file acting from a local command line (an administrator)."""
        return cls(user=user, role=Role.LOCAL_OPERATOR, via="cli")

    @property
    def ref(self) -> str:
        """A stable reference recorded in the outbox; pseudonymised on export ([4/6])."""
        return f"local:{self.user}" if self.role is Role.LOCAL_OPERATOR else f"user:{self.user}"
