"""What every request shares: the settings, the store, and the one write path.

On SQLite the process has exactly one writer: every write (and every sequencing of the outbox)
runs while holding the process's writer lock, so write transactions queue here instead of
contending for the database lock. On PostgreSQL the database serialises what it must and several
worker processes write at once; the lock is not used.

After a write the outbox is chained into the ledger (:func:`ceasefire.workflows.ledger.sequence`)
by the process's :class:`~ceasefire.api.sequencer.Sequencer` thread, in batches: the request
asks for a pass and, once its response has gone, awaits the pass that covers it, so a burst of
writes costs one short sequencing transaction per batch, not one per request. Nothing here is
per-user state: sessions live in signed cookies, so any process can serve any request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, ParamSpec, TypeVar

from fastapi import BackgroundTasks, Depends, Request

from ceasefire.api.sequencer import Sequencer
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.ledger import sequence

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Service:
    """The settings and store of one server process."""

    settings: Settings
    store: Store
    _writer: threading.Lock = field(default_factory=threading.Lock, repr=False)
    sequencer: Sequencer = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.sequencer = Sequencer(self.sequence_pending)

    @property
    def one_writer(self) -> bool:
        """True on SQLite: writes in this process go one at a time."""
        return self.store.dialect == "sqlite"

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the process's writer lock (SQLite) for the duration of one write."""
        if not self.one_writer:
            yield
            return
        with self._writer:
            yield

    def sequence_pending(self) -> None:
        """One sequencing pass: chain every outbox entry not yet in the ledger."""
        with self.writing():
            sequence(self.store)

    def close(self) -> None:
        """Chain what is pending and stop the sequencer thread (at shutdown)."""
        self.sequencer.stop()


def service(request: Request) -> Service:
    """The process's :class:`Service` (set by ``create_app``)."""
    found = request.app.state.service
    assert isinstance(found, Service)
    return found


ServiceDep = Annotated[Service, Depends(service)]


class Writes:
    """Run one workflow call as a write: under the writer lock, then sequence the outbox."""

    def __init__(self, owner: Service, background: BackgroundTasks) -> None:
        self.owner = owner
        self.background = background

    def __call__(self, workflow: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``write(decide, store, actor, ...)``: call ``workflow`` and chain what it recorded
        (after the response, awaiting the sequencer's pass without holding a thread)."""
        try:
            with self.owner.writing():
                return workflow(*args, **kwargs)
        finally:
            ticket = self.owner.sequencer.request()
            self.background.add_task(self.owner.sequencer.covered, ticket)


def writes(owner: ServiceDep, background: BackgroundTasks) -> Writes:
    """The request's :class:`Writes`."""
    return Writes(owner, background)


WritesDep = Annotated[Writes, Depends(writes)]
