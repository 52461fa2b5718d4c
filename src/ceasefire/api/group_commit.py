"""The process's submission writer: observations filed one at a time, committed in groups.

``POST /api/observations`` hands its record to :meth:`SubmissionWriter.submit` and awaits it
(an ``asyncio`` future: no worker thread waits). One thread per server process takes every
record queued so far, validates them in one columnar pass
(:func:`~ceasefire.workflows.submit.prepare_many`, each record still judged as if it were alone)
and stores the valid ones in one transaction (:func:`~ceasefire.workflows.submit.store_prepared`)
under the process's writer lock; each request is answered only after the transaction holding
its record has committed (a group commit). Under load a transaction carries as many records as
arrived while the previous one was being written; when idle it carries one, at once.

If the shared transaction fails, each record of it is retried alone, so one bad record fails
only its own request. On PostgreSQL each worker process has its own writer thread and the
database serialises what it must, as for every other write.

>>> from unittest.mock import MagicMock
>>> writer = SubmissionWriter(MagicMock())
>>> writer.pending
0
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Mapping
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request

from ceasefire.api.service import Service
from ceasefire.core.actor import Actor
from ceasefire.store.submissions import Submission
from ceasefire.workflows.submit import SubmitOutcome, prepare_many, store_prepared

log = logging.getLogger("ceasefire.api")

IDLE_SECONDS = 5.0
"""The writer thread ends after this long without work (the next submission starts it again)."""


class Ticket:
    """One queued record, and the future its request awaits."""

    __slots__ = ("actor", "future", "loop", "outcome", "record")

    def __init__(
        self,
        actor: Actor,
        record: Mapping[str, object],
        loop: asyncio.AbstractEventLoop,
        future: asyncio.Future[SubmitOutcome],
    ) -> None:
        self.actor = actor
        self.record = record
        self.loop = loop
        self.future = future
        self.outcome: SubmitOutcome | BaseException | None = None

    def settle(self) -> None:
        """Hand the outcome (or error) to the awaiting request, from the writer thread."""
        outcome = self.outcome

        def done() -> None:
            if self.future.done():
                return
            if isinstance(outcome, SubmitOutcome):
                self.future.set_result(outcome)
            else:
                self.future.set_exception(outcome or RuntimeError("the record was not stored"))

        with contextlib.suppress(RuntimeError):  # the loop has closed (a test client that went)
            self.loop.call_soon_threadsafe(done)


class SubmissionWriter:
    """Queues single submissions and commits them in groups on its own thread (module doc)."""

    def __init__(self, owner: Service) -> None:
        self.owner = owner
        self._pending: list[Ticket] = []
        self._state = threading.Condition()
        self._thread: threading.Thread | None = None

    @property
    def pending(self) -> int:
        """Records queued and not yet taken by the writer thread."""
        with self._state:
            return len(self._pending)

    async def submit(
        self, actor: Actor, record: Mapping[str, object], background: BackgroundTasks
    ) -> SubmitOutcome:
        """File ``record`` of ``actor``; return once it is committed (or raise its error).

        Like every write of the API, the outbox is then chained into the ledger after the
        response (see :class:`~ceasefire.api.service.Writes`)."""
        loop = asyncio.get_running_loop()
        ticket = Ticket(actor, record, loop, loop.create_future())
        with self._state:
            self._pending.append(ticket)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="ceasefire-submissions", daemon=True
                )
                self._thread.start()
            self._state.notify()
        try:
            return await ticket.future
        finally:
            chained = self.owner.sequencer.request()
            background.add_task(self.owner.sequencer.covered, chained)

    def _run(self) -> None:
        while True:
            with self._state:
                if not self._pending:
                    self._state.wait(IDLE_SECONDS)
                if not self._pending:
                    self._thread = None
                    return
                batch, self._pending = self._pending, []
            try:
                with self.owner.writing():
                    self._store(batch)
            except BaseException as exc:  # never leave a request waiting
                log.exception("storing %d submissions failed", len(batch))
                for ticket in batch:
                    if ticket.outcome is None:
                        ticket.outcome = exc
            for ticket in batch:
                ticket.settle()

    def _store(self, batch: list[Ticket]) -> None:
        area = self.owner.settings.area_of_interest
        found = prepare_many([(t.actor, t.record) for t in batch], area=area)
        ready: list[tuple[Ticket, Submission]] = []
        for ticket, prepared in zip(batch, found, strict=True):
            if isinstance(prepared, Submission):
                ready.append((ticket, prepared))
            else:
                ticket.outcome = prepared
        if not ready:
            return
        store = self.owner.store
        try:
            outcomes = store_prepared(store, [s for _, s in ready])
        except Exception as exc:
            if len(ready) == 1:
                ready[0][0].outcome = exc
                return
            for ticket, submission in ready:  # alone, so one failure fails only its own request
                try:
                    ticket.outcome = store_prepared(store, [submission])[0]
                except Exception as alone:
                    ticket.outcome = alone
        else:
            for (ticket, _), outcome in zip(ready, outcomes, strict=True):
                ticket.outcome = outcome


_CREATING = threading.Lock()


async def submission_writer(request: Request) -> SubmissionWriter:
    """The process's :class:`SubmissionWriter`, made on first use (``async``: no thread hop)."""
    state = request.app.state
    writer = getattr(state, "submission_writer", None)
    if writer is None:
        with _CREATING:
            writer = getattr(state, "submission_writer", None)
            if writer is None:
                writer = state.submission_writer = SubmissionWriter(state.service)
    assert isinstance(writer, SubmissionWriter)
    return writer


SubmissionWriterDep = Annotated[SubmissionWriter, Depends(submission_writer)]
