"""Who may do what: the one access policy the CLI, the web API and batch runs share.

Every workflow starts with :func:`authorize`; reads pass their rows through the redaction
functions. A role grants a set of :class:`Permission`; a few grants are *party-scoped* (a party
liaison reads and answers findings about their own party only) and a few are *own-scoped* (a
monitor reads the observations their own team filed). See docs/access.md for the table.

>>> liaison = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
>>> authorize(liaison, Permission.READ_FINDINGS, party="RU")
>>> authorize(liaison, Permission.READ_FINDINGS, party="UA")
Traceback (most recent call last):
...
ceasefire.core.errors.PermissionDenied: party_liaison for RU may not read findings about UA
>>> authorize(liaison, Permission.VERIFY)
Traceback (most recent call last):
...
ceasefire.core.errors.PermissionDenied: party_liaison may not run verification
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import PermissionDenied


class Permission(StrEnum):
    """Every action a workflow takes; the value reads as the verb of a refusal message."""

    # intake
    INGEST = "import files of observations"
    FILE_OBSERVATION = "file an observation"
    LODGE_COMPLAINT = "lodge a complaint or claim"
    RECORD_EFFORT = "record patrol effort"
    UPLOAD_EVIDENCE = "upload evidence"
    LOAD_AGREEMENT = "load an agreement"
    RECORD_STANCES = "record stances"
    # reads
    READ_AGREEMENTS = "read agreements"
    READ_OBSERVATIONS = "read observations"
    READ_OWN_OBSERVATIONS = "read their own observations"
    READ_RESTRICTED = "read restricted fields (monitor identity and position)"
    READ_EVIDENCE = "read evidence"
    READ_RESTRICTED_EVIDENCE = "read restricted evidence"
    READ_INCIDENTS = "read incidents"
    READ_FINDINGS = "read findings"
    READ_COMPLIANCE = "read compliance summaries"
    READ_STANCES = "read stances"
    READ_EFFORT = "read patrol effort"
    READ_STATS = "read statistics"
    READ_PUBLISHED = "read published material"
    READ_ACCESS_LOG = "read the access log"
    # analysis
    VERIFY = "run verification"
    DECIDE = "record analyst decisions"
    EVALUATE = "evaluate compliance"
    SIMULATE = "run simulations"
    SCORE = "score against ground truth"
    # adjudication (one per step of ceasefire.core.compliance.adjudication.Action)
    ADJUDICATE_PROPOSE = "propose findings"
    ADJUDICATE_REPLY = "reply to findings"
    ADJUDICATE_DISPUTE = "dispute findings"
    ADJUDICATE_SIGN_OFF = "sign off findings"
    ADJUDICATE_REFER = "refer findings to the joint commission"
    ADJUDICATE_DECIDE = "decide on findings under review"
    ADJUDICATE_WITHDRAW = "withdraw findings"
    # publication
    BUILD_REPORT = "build draft reports"
    PUBLISH_REPORT = "publish reports"
    EXPORT = "export internal data"
    # the record
    LEDGER_CHECKPOINT = "sign checkpoints"
    LEDGER_VERIFY = "verify the ledger"
    LEDGER_EXPORT = "export the ledger"
    MANAGE_KEYS = "manage signing keys"
    # accounts
    MANAGE_USERS = "manage users"
    ISSUE_TOKENS = "issue or revoke tokens"
    RUN_DEMO = "run the demo"


P = Permission

PUBLIC_READS = frozenset({P.READ_PUBLISHED, P.READ_AGREEMENTS, P.LEDGER_VERIFY, P.LEDGER_EXPORT})
"""What anyone may do: published material and the verifiable (redacted) record."""

_ADJUDICATION = frozenset(
    {
        P.ADJUDICATE_PROPOSE,
        P.ADJUDICATE_REPLY,
        P.ADJUDICATE_DISPUTE,
        P.ADJUDICATE_SIGN_OFF,
        P.ADJUDICATE_REFER,
        P.ADJUDICATE_DECIDE,
        P.ADJUDICATE_WITHDRAW,
    }
)
_ANALYST = PUBLIC_READS | {
    P.INGEST,
    P.FILE_OBSERVATION,
    P.LODGE_COMPLAINT,
    P.RECORD_EFFORT,
    P.UPLOAD_EVIDENCE,
    P.LOAD_AGREEMENT,
    P.RECORD_STANCES,
    P.READ_OBSERVATIONS,
    P.READ_OWN_OBSERVATIONS,
    P.READ_RESTRICTED,
    P.READ_EVIDENCE,
    P.READ_RESTRICTED_EVIDENCE,
    P.READ_INCIDENTS,
    P.READ_FINDINGS,
    P.READ_COMPLIANCE,
    P.READ_STANCES,
    P.READ_EFFORT,
    P.READ_STATS,
    P.VERIFY,
    P.DECIDE,
    P.EVALUATE,
    P.SIMULATE,
    P.SCORE,
    P.ADJUDICATE_PROPOSE,
    P.BUILD_REPORT,
    P.EXPORT,
}
_ADMIN = frozenset(set(Permission) - (_ADJUDICATION - {P.ADJUDICATE_PROPOSE}))
_SUMMARY_READS = PUBLIC_READS | {
    P.READ_INCIDENTS,
    P.READ_FINDINGS,
    P.READ_COMPLIANCE,
    P.READ_STANCES,
    P.READ_STATS,
}

MATRIX: Mapping[Role, frozenset[Permission]] = {
    Role.ADMIN: _ADMIN,
    Role.LOCAL_OPERATOR: _ADMIN,
    Role.MONITOR: PUBLIC_READS
    | {P.FILE_OBSERVATION, P.RECORD_EFFORT, P.UPLOAD_EVIDENCE, P.READ_OWN_OBSERVATIONS},
    Role.ANALYST: frozenset(_ANALYST),
    Role.CHIEF_MONITOR: frozenset(
        _ANALYST
        | {
            P.ADJUDICATE_SIGN_OFF,
            P.ADJUDICATE_REFER,
            P.ADJUDICATE_WITHDRAW,
            P.PUBLISH_REPORT,
            P.LEDGER_CHECKPOINT,
            P.READ_ACCESS_LOG,
        }
    ),
    Role.PARTY_LIAISON: _SUMMARY_READS
    | {P.LODGE_COMPLAINT, P.ADJUDICATE_REPLY, P.ADJUDICATE_DISPUTE, P.LEDGER_CHECKPOINT},
    Role.JOINT_COMMISSION: _SUMMARY_READS | {P.ADJUDICATE_DECIDE},
    Role.MEDIATOR: _SUMMARY_READS,
    Role.PUBLIC: PUBLIC_READS,
}
"""Role → the permissions it grants. The local operator holds the database file and so is an
administrator; administrators run the system but take no one else's adjudication step."""

PARTY_SCOPED: Mapping[Role, frozenset[Permission]] = {
    Role.PARTY_LIAISON: frozenset(
        {
            P.READ_FINDINGS,
            P.READ_INCIDENTS,
            P.ADJUDICATE_REPLY,
            P.ADJUDICATE_DISPUTE,
            P.LODGE_COMPLAINT,
        }
    ),
}
"""Grants that hold only for the actor's own party (a liaison's counter-signature of a
checkpoint is its own key, not a scope)."""


IN_PROCESS = Actor(user="in-process", role=Role.LOCAL_OPERATOR, via="process")
"""Who a read acts as when its caller passes no actor: code running in-process with the
database in hand (batch runs, the CLI's own internal calls). Edges acting for a user (the web
API, the CLI under ``--as``) always pass the user's actor."""

INTAKE: Mapping[str, tuple[Permission, ...]] = {
    "observations": (P.INGEST, P.FILE_OBSERVATION),
    "claims": (P.INGEST, P.LODGE_COMPLAINT),
    "effort": (P.INGEST, P.RECORD_EFFORT),
    "storage_sites": (P.INGEST,),
}
"""What importing each kind of file needs: the analyst's general intake, or the role's own."""


def acting(actor: Actor | None) -> Actor:
    """``actor``, or :data:`IN_PROCESS` when the caller passed none.

    >>> acting(None).role
    <Role.LOCAL_OPERATOR: 'local_operator'>
    """
    return IN_PROCESS if actor is None else actor


def intake_permissions(kind: str) -> tuple[Permission, ...]:
    """The permissions any one of which lets an actor import a file of ``kind``.

    >>> intake_permissions("claims")[-1]
    <Permission.LODGE_COMPLAINT: 'lodge a complaint or claim'>
    """
    return INTAKE.get(kind, (P.INGEST,))


def scope_names() -> tuple[str, ...]:
    """The names a token's scopes are written in: one per permission, e.g. ``read_findings``.

    >>> "read_findings" in scope_names()
    True
    """
    return tuple(p.name.lower() for p in Permission)


def allows(role: Role, permission: Permission) -> bool:
    """Whether ``role`` grants ``permission`` (at least for some party).

    >>> allows(Role.MEDIATOR, Permission.READ_RESTRICTED)
    False
    >>> allows(Role.LOCAL_OPERATOR, Permission.MANAGE_USERS)
    True
    """
    return permission in MATRIX.get(role, frozenset())


def party_scope(actor: Actor, permission: Permission) -> str | None:
    """The party ``actor`` is limited to for ``permission``, or ``None`` when not limited.

    Readers filter their rows with it: a party liaison lists findings about their own party.

    >>> party_scope(Actor(user="olga", role=Role.PARTY_LIAISON, party="RU"),
    ...             Permission.READ_FINDINGS)
    'RU'
    >>> party_scope(Actor.local_cli("ana"), Permission.READ_FINDINGS) is None
    True
    """
    if permission in PARTY_SCOPED.get(actor.role, frozenset()):
        return actor.party or "-"
    return None


def authorize(actor: Actor, permission: Permission, *, party: str | None = None) -> None:
    """Return if ``actor`` may take ``permission`` (about ``party``); else raise.

    Raises :class:`~ceasefire.core.errors.PermissionDenied` naming the role and the action.
    """
    if not allows(actor.role, permission):
        raise PermissionDenied(f"{actor.role.value} may not {permission.value}")
    if actor.scopes is not None and permission.name.lower() not in actor.scopes:
        raise PermissionDenied(
            f"the token of {actor.role.value} {actor.user} is not scoped to {permission.value} "
            f"(scope {permission.name.lower()})"
        )
    scope = party_scope(actor, permission)
    if scope is not None and party is not None and party != scope:
        who = f"{actor.role.value} for {actor.party or 'no party'}"
        raise PermissionDenied(f"{who} may not {permission.value} about {party}")


def authorize_any(actor: Actor, permissions: Iterable[Permission]) -> Permission:
    """The first of ``permissions`` ``actor`` holds; raise naming the first when none.

    >>> authorize_any(Actor(user="m", role=Role.MONITOR),
    ...               [Permission.READ_OBSERVATIONS, Permission.READ_OWN_OBSERVATIONS])
    <Permission.READ_OWN_OBSERVATIONS: 'read their own observations'>
    """
    wanted = list(permissions)
    for permission in wanted:
        try:
            authorize(actor, permission)
        except PermissionDenied:
            continue
        return permission
    authorize(actor, wanted[0])
    raise AssertionError("unreachable")  # pragma: no cover
