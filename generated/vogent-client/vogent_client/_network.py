"""The front doors' own connection pool: httpcore's, with every socket operation bounded by the call's deadline.

httpcore gives each read the request's read timeout afresh, so a server that drips its answer a byte at a time
holds a call for as long as it likes; in async code ``asyncio.timeout`` ends such a wait, but a blocking socket
read can only be given a shorter timeout. The network backend here gives every connect, read and write of a sync
call at most what is left of the call's deadline (``DEADLINE``, set by the transport around each attempt).
A transport the caller supplies is bounded between its reads instead (see ``_transport``).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._constants import KEEPALIVE_EXPIRY_S, MAX_CONNECTIONS, MAX_KEEPALIVE_CONNECTIONS
from ._transport import DEADLINE

_LEAST_S = 0.001


def _bounded(timeout: float | None) -> float | None:
    ends = DEADLINE.get()
    if ends is None:
        return timeout
    left = max(ends - time.monotonic(), _LEAST_S)
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(super().connect_tcp(host, port, _bounded(timeout), local_address, socket_options))


def _pool_options(ssl_context: ssl.SSLContext) -> dict[str, Any]:
    return {
        "ssl_context": ssl_context,
        "max_connections": MAX_CONNECTIONS,
        "max_keepalive_connections": MAX_KEEPALIVE_CONNECTIONS,
        "keepalive_expiry": KEEPALIVE_EXPIRY_S,
    }


def _core_request(request: httpx.Request) -> httpcore.Request:
    url = request.url
    target = httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path)
    return httpcore.Request(
        request.method, target, headers=request.headers.raw, content=request.stream, extensions=request.extensions
    )


def _response(answer: httpcore.Response) -> httpx.Response:
    # The transport in _transport reads httpcore's body stream itself (iterating it, then close() or aclose()).
    stream: Any = answer.stream
    return httpx.Response(answer.status, headers=answer.headers, stream=stream, extensions=answer.extensions)


class PoolTransport(httpx.BaseTransport):
    """httpcore's connection pool behind a sync front door. Its errors are httpcore's, which ``_transport`` maps."""

    def __init__(self, ssl_context: ssl.SSLContext) -> None:
        self._pool = httpcore.ConnectionPool(network_backend=_DeadlineBackend(), **_pool_options(ssl_context))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on a pooled connection."""
        answer = self._pool.handle_request(_core_request(request))
        return _response(answer)

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


class AsyncPoolTransport(httpx.AsyncBaseTransport):
    """httpcore's connection pool behind an async front door."""

    def __init__(self, ssl_context: ssl.SSLContext) -> None:
        self._pool = httpcore.AsyncConnectionPool(**_pool_options(ssl_context))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on a pooled connection."""
        answer = await self._pool.handle_async_request(_core_request(request))
        return _response(answer)

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self._pool.aclose()


class ClientTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A caller's ``httpx.Client`` or ``httpx.AsyncClient`` as a transport: its transport, mounts, proxies and event
    hooks apply; redirects are ours to follow."""

    def __init__(self, client: httpx.Client | httpx.AsyncClient) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the caller's sync client."""
        assert isinstance(self.client, httpx.Client)
        return self.client.send(request, stream=True, follow_redirects=False)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the caller's async client."""
        assert isinstance(self.client, httpx.AsyncClient)
        return await self.client.send(request, stream=True, follow_redirects=False)
