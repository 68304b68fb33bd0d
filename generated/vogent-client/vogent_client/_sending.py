"""Sending one generated endpoint's request with progress reporting, typed transport errors and safe retries."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from ._exceptions import APIConnectionError, APIError, APITimeoutError, ResponseValidationError, redact
from ._files import OpenedFiles, ProgressCallback
from ._retries import RetryPolicy, log_retry
from ._validation import check_progress
from .client import AuthenticatedClient
from .types import Response

if TYPE_CHECKING:
    from tenacity import RetryCallState

T = TypeVar("T")


class Endpoint(Protocol[T]):
    """A generated api module: builds the request arguments and parses the response."""

    __name__: str

    def _get_kwargs(self, *, body: Any) -> dict[str, Any]: ...

    def _build_response(self, *, client: AuthenticatedClient, response: httpx.Response) -> Response[T]: ...


class CountingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Wraps a request body: hands it to the transport in pieces of about ``CHUNK_BYTES`` (httpx yields each
    multipart header and field separately, and a socket write per tiny piece costs more than the copy), counts the
    bytes sent and reports them to ``on_progress``."""

    CHUNK_BYTES = 64 * 1024

    def __init__(self, stream: Any, total: int | None, on_progress: ProgressCallback | None) -> None:
        self._stream = stream
        self._total = total
        self._on_progress = on_progress
        self._pending = bytearray()
        self.sent = 0

    def _take(self, chunk: bytes) -> bytes | None:
        """Add ``chunk``; return what is due to be sent, if anything."""
        if not self._pending and len(chunk) >= self.CHUNK_BYTES:
            return self._counted(chunk)
        self._pending += chunk
        return self._flush() if len(self._pending) >= self.CHUNK_BYTES else None

    def _flush(self) -> bytes | None:
        if not self._pending:
            return None
        chunk = bytes(self._pending)
        self._pending.clear()
        return self._counted(chunk)

    def _counted(self, chunk: bytes) -> bytes:
        self.sent += len(chunk)
        if self._on_progress is not None:
            self._on_progress(self.sent, self._total)
        return chunk

    def _restart(self) -> None:
        self._pending.clear()
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        self._restart()
        for piece in self._stream:
            if (chunk := self._take(piece)) is not None:
                yield chunk
        if (chunk := self._flush()) is not None:
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self._restart()
        async for piece in self._stream:
            if (chunk := self._take(piece)) is not None:
                yield chunk
        if (chunk := self._flush()) is not None:
            yield chunk


def _prepared(
    http: httpx.Client | httpx.AsyncClient, endpoint: Endpoint[Any], body: Any, on_progress: ProgressCallback | None
) -> tuple[httpx.Request, CountingStream]:
    request = http.build_request(**endpoint._get_kwargs(body=body))
    length = request.headers.get("content-length")
    stream = CountingStream(request.stream, int(length) if length else None, on_progress)
    request.stream = stream
    return request, stream


def _transport_error(error: httpx.RequestError, request: httpx.Request, stream: CountingStream) -> APIConnectionError:
    where = f"{request.method} {request.url.path}"
    if stream.sent:
        when = f"after {stream.sent} bytes of the body were sent: the server may have acted"
    else:
        when = "before any of the body was sent"
    error_type = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    return error_type(f"{where}: {type(error).__name__} {when}", request=request, body_sent=stream.sent > 0)


def _read_error(error: httpx.RequestError, response: httpx.Response, stream: CountingStream) -> APIError:
    """The error for a response whose body could not be read: the server answered, so it may have acted."""
    if isinstance(error, httpx.DecodingError):
        return ResponseValidationError(
            f"{response.request.method} {response.request.url.path} answered {response.status_code} with a body "
            f"that cannot be decoded ({error})",
            response=response,
        )
    return _transport_error(error, response.request, stream)


def _retrying_options(policy: RetryPolicy, uploads: OpenedFiles, endpoint: Endpoint[Any]) -> dict[str, Any]:
    from tenacity import retry_if_exception, stop_after_attempt  # noqa: PLC0415 - kept off the import path

    total = policy.max_retries + 1
    operation = endpoint.__name__.rpartition(".")[2]

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        try:
            uploads.rewind()
        except Exception as rewind_error:
            raise rewind_error from error
        log_retry(operation, state, total)

    return {
        "stop": stop_after_attempt(total),
        "wait": policy.delay,
        "retry": retry_if_exception(policy.should_retry),
        "before_sleep": before_sleep,
        "reraise": True,
    }


def send(
    client: AuthenticatedClient,
    endpoint: Endpoint[T],
    body: Any,
    *,
    uploads: OpenedFiles,
    policy: RetryPolicy,
    on_progress: ProgressCallback | None,
) -> T:
    """Send ``body`` through ``endpoint`` on the client's ``httpx.Client``, retrying as ``policy`` allows."""
    from tenacity import Retrying  # noqa: PLC0415 - kept off the import path

    check_progress(on_progress)
    http = client.get_httpx_client()

    def attempt() -> T:
        request, stream = _prepared(http, endpoint, body, on_progress)
        try:
            response = http.send(request, stream=True)
        except httpx.RequestError as exc:
            raise _transport_error(exc, request, stream) from exc
        try:
            response.read()
        except httpx.RequestError as exc:
            raise _read_error(exc, response, stream) from exc
        finally:
            response.close()
        return endpoint._build_response(client=client, response=response).parsed

    try:
        return Retrying(**_retrying_options(policy, uploads, endpoint))(attempt)
    except APIError as error:
        redact(error, client.token)
        raise


async def send_async(
    client: AuthenticatedClient,
    endpoint: Endpoint[T],
    body: Any,
    *,
    uploads: OpenedFiles,
    policy: RetryPolicy,
    on_progress: ProgressCallback | None,
) -> T:
    """Send ``body`` through ``endpoint`` on the client's ``httpx.AsyncClient``, retrying as ``policy`` allows."""
    from tenacity import AsyncRetrying  # noqa: PLC0415 - kept off the import path

    check_progress(on_progress)
    http = client.get_async_httpx_client()

    async def attempt() -> T:
        request, stream = _prepared(http, endpoint, body, on_progress)
        try:
            response = await http.send(request, stream=True)
        except httpx.RequestError as exc:
            raise _transport_error(exc, request, stream) from exc
        try:
            await response.aread()
        except httpx.RequestError as exc:
            raise _read_error(exc, response, stream) from exc
        finally:
            await response.aclose()
        return endpoint._build_response(client=client, response=response).parsed

    try:
        return await AsyncRetrying(**_retrying_options(policy, uploads, endpoint))(attempt)
    except APIError as error:
        redact(error, client.token)
        raise
