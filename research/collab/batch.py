"""Group commit: the updates of every room that arrive while one commit runs go into the next one.

A commit costs the same for one row as for fifty, so under load (hundreds of live sections) the
log keeps up with typing, while a lone keystroke is still written at once. Each caller gets its
row's sequence number only after the commit, so nothing is passed on before it is stored (None:
the section's text is final and the update was not stored).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from anyio import to_thread

from research.collab import log
from research.db.uow import UnitOfWork


class BatchWriter:
    def __init__(self, uow: Callable[[], UnitOfWork]):
        self._uow = uow
        self._queue: list[tuple[log.Pending, asyncio.Future[int | None]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def append(self, pending: log.Pending) -> int | None:
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._queue.append((pending, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        self._wake.set()
        return await future

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            batch, self._queue = self._queue, []
            if not batch:
                continue
            try:
                seqs = await to_thread.run_sync(log.append_many, self._uow(), [p for p, _ in batch])
            except Exception as exc:  # every caller hears of it; their rooms close and clients resend
                for _, future in batch:
                    future.set_exception(exc)
            else:
                for (_, future), seq in zip(batch, seqs, strict=True):
                    future.set_result(seq)
