"""The connections behind a front door: made once however many threads ask, never shared across a fork or an event
loop, closed whole by ``close()``, and closed when the last client using them is gone.

A client and the clients derived from it (``with_options``...) share one :class:`Pool`: every setting is applied
per request, so sharing connections changes nothing but the number of handshakes.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import APIConnectionError

if TYPE_CHECKING:
    from asyncio import AbstractEventLoop

_generation = 0


def _forked() -> None:
    global _generation  # noqa: PLW0603 - one counter per process, bumped in the child by os.register_at_fork
    _generation += 1


os.register_at_fork(after_in_child=_forked)

SyncMaker = Callable[[], httpx.BaseTransport]
AsyncMaker = Callable[[], httpx.AsyncBaseTransport]


def _close_owned(owned: dict[Any, httpx.BaseTransport], generation: list[int]) -> None:
    # At garbage collection: close what this process opened (a forked child must not touch its parent's sockets).
    if generation and generation[0] == _generation:
        for transport in owned.values():
            transport.close()
    owned.clear()


async def _closer(transport: httpx.AsyncBaseTransport) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await transport.aclose()


def _closer_on_this_loop(transport: httpx.AsyncBaseTransport) -> AsyncGenerator[None, None]:
    """An async generator, started here, that closes ``transport`` when it is closed itself. Started in a running
    loop, it is the loop's to finalize (PEP 525): asyncio closes it on the loop when it is collected unclosed (so a
    dropped client's connections are closed there) and when ``asyncio.run()`` ends (``shutdown_asyncgens``)."""
    closer = _closer(transport)
    with contextlib.suppress(StopIteration):
        closer.asend(None).send(None)
    return closer


def _stale(key: int | tuple[int, AbstractEventLoop]) -> bool:
    if isinstance(key, int):
        return key != _generation
    return key[0] != _generation or key[1].is_closed()


def _running_loop() -> AbstractEventLoop:
    import asyncio  # noqa: PLC0415 - kept off the package's import, which sync programs pay too

    return asyncio.get_running_loop()


class Pool:
    """The transports a front door sends on: one per process for sync calls, one per process and event loop for
    async calls. ``owned`` tells whether the pool made them (and so closes them), as opposed to the caller's."""

    def __init__(self, make_sync: SyncMaker, make_async: AsyncMaker, *, owned: bool) -> None:
        self._make_sync = make_sync
        self._make_async = make_async
        self.owned = owned
        self._lock = threading.Lock()
        self._sync: dict[int, httpx.BaseTransport] = {}
        self._async: dict[tuple[int, AbstractEventLoop], httpx.AsyncBaseTransport] = {}
        self._closers: dict[tuple[int, AbstractEventLoop], AsyncGenerator[None, None]] = {}
        self._generation: list[int] = []
        if owned:
            weakref.finalize(self, _close_owned, self._sync, self._generation)

    def _shared(self, seen: dict[Any, Any], key: Any, make: Callable[[], Any]) -> Any:
        transport = seen.get(key)
        if transport is not None:
            return transport
        with self._lock:
            if key not in seen:
                if seen and not self.owned:
                    raise APIConnectionError(
                        "the http_client given to this client was first used in another process or event loop, and "
                        "its pooled connections cannot be shared with this one: give each process and event loop "
                        "its own http_client; nothing was sent",
                        request_written=False,
                    )
                # After a fork the parent's sockets are the parent's, and a closed loop's are dead: forget them
                # without closing (closing could talk on the parent's connections), and start afresh.
                self._forget_stale(seen)
                seen[key] = make()
            return seen[key]

    def sync(self) -> httpx.BaseTransport:
        """The transport for sync calls in this process, made on first use."""
        self._generation[:] = [_generation]
        transport: httpx.BaseTransport = self._shared(self._sync, _generation, self._make_sync)
        return transport

    def asynchronous(self) -> httpx.AsyncBaseTransport:
        """The transport for async calls in the running event loop, made on first use there."""
        key = (_generation, _running_loop())
        transport: httpx.AsyncBaseTransport = self._shared(self._async, key, self._make_async)
        if self.owned and key not in self._closers:
            with self._lock:
                if key not in self._closers:
                    self._forget_stale(self._closers)
                    self._closers[key] = _closer_on_this_loop(transport)
        return transport

    @staticmethod
    def _forget_stale(seen: dict[Any, Any]) -> None:
        for old in [old for old in seen if _stale(old)]:
            del seen[old]

    def close(self) -> None:
        """Close the sync connections this pool opened in this process; a later call opens new ones."""
        with self._lock:
            transport = self._sync.pop(_generation, None)
        if transport is not None and self.owned:
            transport.close()

    async def aclose(self) -> None:
        """Close the connections this pool opened in the running event loop (and its sync ones), and forget those
        of event loops already closed, which cannot be closed any more."""
        self.close()
        key = (_generation, _running_loop())
        with self._lock:
            self._async.pop(key, None)
            closer = self._closers.pop(key, None)
            self._forget_stale(self._async)
            self._forget_stale(self._closers)
        if closer is not None:
            await closer.aclose()
