"""One thread per server process chains the outbox into the ledger, in batches.

A write asks for a pass (:meth:`Sequencer.request` returns a ticket) and, once its response has
gone, awaits the pass that covers its ticket (:meth:`Sequencer.covered`) — an ``asyncio``
future, so no worker thread waits. The thread pauses briefly before each pass so that a burst of
writes is chained in one pass: under load the ledger costs one short transaction every
``pause`` seconds instead of one per request (measured in bench/api.py). The outbox itself is in
the database, so nothing is lost if the process stops before a pass: the next pass, in any
process, chains it.

>>> passes = []
>>> chain = Sequencer(lambda: passes.append(1), pause=0)
>>> chain.flush(chain.request())
>>> passes
[1]
>>> chain.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("ceasefire.api")

PAUSE_SECONDS = 0.02
"""How long the thread lets writes gather before a pass (the ledger lags by about this)."""


class Sequencer:
    """Runs ``chain`` (one sequencing pass) on its own thread whenever writes ask for it."""

    def __init__(self, chain: Callable[[], object], pause: float = PAUSE_SECONDS) -> None:
        self._chain = chain
        self._pause = pause
        self._state = threading.Condition()
        self._asked = 0
        self._done = 0
        self._waiters: list[tuple[int, asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._thread: threading.Thread | None = None
        self._stopping = False

    def request(self) -> int:
        """Ask for a pass after a write; the ticket to wait on."""
        with self._state:
            self._asked += 1
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(
                    target=self._run, name="ceasefire-sequencer", daemon=True
                )
                self._thread.start()
            self._state.notify_all()
            return self._asked

    async def covered(self, ticket: int) -> None:
        """Return once a pass that started after ``ticket`` was asked for has finished."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._state:
            if self._done >= ticket or self._thread is None:
                return
            self._waiters.append((ticket, loop, future))
        await future

    def flush(self, ticket: int) -> None:
        """Block until ``ticket`` is covered (for callers without an event loop)."""
        with self._state:
            while self._done < ticket and self._thread is not None:
                self._state.wait()

    def stop(self) -> None:
        """Run a last pass for what was asked, then end the thread."""
        with self._state:
            self._stopping = True
            self._state.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            with self._state:
                while self._done >= self._asked and not self._stopping:
                    self._state.wait()
                if self._done >= self._asked:
                    self._thread = None
                    self._state.notify_all()
                    return
            if self._pause and not self._stopping:
                time.sleep(self._pause)
            with self._state:
                target = self._asked
            try:
                self._chain()
            except Exception:  # a failed pass is retried by the next write; never kill the thread
                log.exception("sequencing the outbox failed; the next write retries")
            with self._state:
                self._done = target
                ready = [w for w in self._waiters if w[0] <= target]
                self._waiters = [w for w in self._waiters if w[0] > target]
                self._state.notify_all()
            for _, loop, future in ready:
                _resolve(loop, future)


def _resolve(loop: asyncio.AbstractEventLoop, future: asyncio.Future[None]) -> None:
    def done() -> None:
        if not future.done():
            future.set_result(None)

    with contextlib.suppress(RuntimeError):  # the loop has closed (a test client that went)
        loop.call_soon_threadsafe(done)
