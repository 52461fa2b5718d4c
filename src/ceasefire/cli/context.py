"""What every command shares: settings, the store, the actor, error handling, output."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import typer
from rich.console import Console

from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError
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

    @property
    def actor(self) -> Actor:
        """The local command-line user (until accounts exist, recorded as such)."""
        return Actor.local_cli(self.settings.user)

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
