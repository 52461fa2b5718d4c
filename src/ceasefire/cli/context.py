"""What every command shares: settings, the store, the actor, error handling, output."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import typer
from rich.console import Console

from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import CeasefireError, ConfigurationError, PermissionDenied
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.ledger import sequence

stderr = Console(stderr=True, soft_wrap=True)


@dataclass
class Context:
    """Built once per invocation by the main callback."""

    settings: Settings
    debug: bool = False
    _store: Store | None = field(default=None, repr=False)
    _actor: Actor | None = field(default=None, repr=False)

    @property
    def actor(self) -> Actor:
        """Who this invocation acts as: the account of ``--as USER`` (its token verified and
        required to belong to USER), else the local operator holding the database file."""
        if self._actor is None:
            self._actor = self._signed_in() if self.settings.act_as else None
        if self._actor is None:
            return Actor.local_cli(self.settings.user)
        return self._actor

    def _signed_in(self) -> Actor:
        from ceasefire.workflows.accounts import authenticate_token

        wanted = self.settings.act_as
        if not self.settings.token:
            raise ConfigurationError(
                f"--as {wanted}: give the account's API token with --token or CEASEFIRE_TOKEN "
                "(an administrator issues one: ceasefire tokens issue USER)"
            )
        actor = authenticate_token(self.store(), self.settings.token, via="cli")
        if actor.user != wanted:
            raise PermissionDenied(f"--as {wanted}: the token given belongs to another user")
        return actor

    def acting_as(self, role: Role, party: str | None, user: str | None) -> Actor:
        """The actor of a command that lets the local operator say which role they play
        (``adjudicate --as ROLE``); an account signed in with ``--as USER`` acts in its own
        role and party whatever the command says."""
        if self.settings.act_as:
            return self.actor
        return Actor(user=user or self.settings.user, role=role, party=party, via="cli")

    def store(self) -> Store:
        """The store, opened (and migrated) on first use."""
        if self._store is None:
            self._store = Store.open(self.settings.database)
        return self._store

    def close(self) -> None:
        """Chain what this command wrote into the ledger, then release the store."""
        if self._store is not None:
            try:
                sequence(self._store)
            finally:
                self._store.close()


def context(ctx: typer.Context) -> Context:
    """The invocation's :class:`Context`."""
    found = ctx.find_root().obj
    assert isinstance(found, Context)
    return found


@contextmanager
def errors_reported(ctx: typer.Context, exit_code: int = 1) -> Iterator[None]:
    """Print ``Error: …`` and exit non-zero for a CeasefireError (traceback with --debug)."""
    try:
        yield
    except CeasefireError as exc:
        if context(ctx).debug:
            traceback.print_exc(file=sys.stderr)
        stderr.print(f"[red]Error:[/red] {exc}", highlight=False, markup=True, soft_wrap=True)
        raise typer.Exit(exit_code) from None
