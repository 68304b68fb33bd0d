"""The httpx client behind a front door: made once however many threads ask, never shared across a fork or an
event loop, and closed whole by ``close()``.

Derived clients (``with_options``...) share their parent's pool: every per-request setting is applied per request,
so sharing connections changes nothing but the number of handshakes.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from ._exceptions import APIConnectionError

C = TypeVar("C", httpx.Client, httpx.AsyncClient)


class _Pool(Generic[C]):
    def __init__(self, make: Callable[[], C], given: C | None) -> None:
        self._make: Callable[[], C] = make
        self._given: C | None = given
        self._client: C | None = given
        self._owner: tuple[int, object] | None = None
        self._lock = threading.Lock()

    @property
    def owns_client(self) -> bool:
        """Whether the pool made its client (and so closes it), as opposed to a caller's ``http_client``."""
        return self._given is None

    def _current(self, context: object) -> C:
        with self._lock:
            owner = (os.getpid(), context)
            if self._client is not None and self._owner is not None and self._owner != owner:
                if not self.owns_client:
                    raise APIConnectionError(
                        "the http_client given to this client was first used in another process or event loop, and "
                        "its pooled connections cannot be shared with this one: give each process and event loop "
                        "its own http_client; nothing was sent"
                    )
                # After a fork the parent's sockets are the parent's, and a closed loop's are dead: drop them
                # without closing (closing could talk on the parent's connections), and start afresh.
                self._client = None
            if self._client is None:
                self._client = self._make()
            self._owner = owner
            return self._client

    def _take_for_close(self, context: object) -> C | None:
        """Forget the client; return it when it is this pool's to close here (made by it, in this process and
        event loop)."""
        with self._lock:
            client, owner = self._client, self._owner
            self._owner = None
            if not self.owns_client:
                return None
            self._client = None
            return client if client is not None and owner in (None, (os.getpid(), context)) else None


class SyncPool(_Pool[httpx.Client]):
    """The ``httpx.Client`` of a sync front door."""

    def get(self) -> httpx.Client:
        """The client for this process, made on first use."""
        return self._current(None)

    def close(self) -> None:
        """Close the connections of a client this pool made; a later call makes a new one."""
        client = self._take_for_close(None)
        if client is not None:
            client.close()


class AsyncPool(_Pool[httpx.AsyncClient]):
    """The ``httpx.AsyncClient`` of an async front door, one per event loop."""

    def get(self) -> httpx.AsyncClient:
        """The client for the running event loop, made on first use there."""
        return self._current(asyncio.get_running_loop())

    async def aclose(self) -> None:
        """Close the connections of a client this pool made; a later call makes a new one."""
        client = self._take_for_close(asyncio.get_running_loop())
        if client is not None:
            await client.aclose()
