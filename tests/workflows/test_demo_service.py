"""``ceasefire demo --serve``'s additions: demo accounts with random passwords kept in a mode-600
file (never a default password), and the last day's report published once, both editions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import authenticate_password
from ceasefire.workflows.demo_service import (
    ACCOUNTS_FILE,
    DEMO_ACCOUNTS,
    demo_accounts,
    publish_last_day,
)
from ceasefire.workflows.publish import published


def test_accounts_are_made_once_with_random_passwords(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    first = demo_accounts(store, actor, tmp_path)
    assert [a.username for a in first] == [name for name, _r, _p in DEMO_ACCOUNTS]
    assert len({a.password for a in first}) == len(first)
    assert (tmp_path / ACCOUNTS_FILE).stat().st_mode & 0o777 == 0o600
    liaison = next(a for a in first if a.username == "liaison-ru")
    signed_in = authenticate_password(store, "liaison-ru", liaison.password)
    assert (signed_in.role.value, signed_in.party) == ("party_liaison", "RU")
    again = demo_accounts(store, actor, tmp_path)
    assert again == first  # same accounts, same passwords: nothing re-made


def test_the_last_day_is_published_once_in_both_editions(store: Store, actor: Actor) -> None:
    settings = Settings.from_env(env={})
    day = date(2025, 4, 20)
    assert len(publish_last_day(store, actor, day, settings)) == 2
    editions = {r.edition for r in published(store, day)}
    assert editions == {"full", "public"}
    assert publish_last_day(store, actor, day, settings) == []
