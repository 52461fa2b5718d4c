"""What ``ceasefire demo --serve`` adds to the demo store: accounts to sign in with and a
published report, so the dashboard has something in each view.

The accounts get random passwords, written once to ``<demo dir>/demo-accounts.txt`` (mode 600)
and shown again on later runs; there is never a default password. The last reporting day's
report is published in both editions (full and public) unless it already is.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ceasefire.core.actor import Actor, Role
from ceasefire.settings import Settings
from ceasefire.store.accounts import user_by_name
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import add_user
from ceasefire.workflows.publish import ReportSpec, publication_policy, publish_report, published

ACCOUNTS_FILE = "demo-accounts.txt"
DEMO_ACCOUNTS: tuple[tuple[str, Role, str | None], ...] = (
    ("analyst", Role.ANALYST, None),
    ("chief", Role.CHIEF_MONITOR, None),
    ("liaison-ru", Role.PARTY_LIAISON, "RU"),
    ("liaison-ua", Role.PARTY_LIAISON, "UA"),
    ("mediator", Role.MEDIATOR, None),
)


@dataclass(frozen=True)
class DemoAccount:
    """A demo account and its password (a local demo only)."""

    username: str
    role: str
    party: str | None
    password: str


def demo_accounts(store: Store, actor: Actor, directory: Path) -> list[DemoAccount]:
    """Create the demo accounts that do not exist yet; every demo account with its password."""
    path = directory / ACCOUNTS_FILE
    known = _read(path)
    with store.reader.connect() as connection:
        present = {name for name, _r, _p in DEMO_ACCOUNTS if user_by_name(connection, name)}
    for name, role, party in DEMO_ACCOUNTS:
        if name in present:  # made by an earlier run (its password is in the file, if kept)
            continue
        password = secrets.token_urlsafe(12)
        add_user(store, actor, name, role, party=party, password=password)
        known[name] = password
    _write(path, known)
    return [
        DemoAccount(name, role.value, party, known[name])
        for name, role, party in DEMO_ACCOUNTS
        if name in known
    ]


def publish_last_day(store: Store, actor: Actor, day: date, settings: Settings) -> list[str]:
    """Publish ``day``'s report, full and public editions, unless already published."""
    done = []
    for public in (False, True):
        spec = ReportSpec(day, public=public)
        if any(r.edition == ("public" if public else "full") for r in published(store, day)):
            continue
        policy = publication_policy(settings) if public else None
        publication = publish_report(store, actor, spec, policy=policy)
        done.append(f"{spec.name()} v{publication.version}")
    return done


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, password = line.partition(" ")
        if name and password and not name.startswith("#"):
            found[name] = password
    return found


def _write(path: Path, accounts: dict[str, str]) -> None:
    lines = ["# ceasefire demo accounts: user password (local demo only; delete to forget)"]
    lines += [f"{name} {password}" for name, password in sorted(accounts.items())]
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
