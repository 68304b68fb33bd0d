"""The one path every front-door call takes to the network and back.

A call builds its request from the generated endpoint (through ``_operations``), authorizes it (``_auth``), sends
it on the client's pool with progress reporting and the overall deadline, reads the answer within bounds
(``_decoding``), maps every failure to the ``APIError`` hierarchy (``_exceptions``), retries what ``RetryPolicy``
allows, and parses and checks the result (``_checks``). Nothing else in the package sends a request.
"""

from __future__ import annotations

import asyncio
import contextvars
import platform
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import httpx
from attrs import frozen

from ._auth import authorize, redacted
from ._checks import check_parsed
from ._constants import ACCEPT_ENCODING, DEADLINE_SECONDS_PER_MIB, DEFAULT_DEADLINE_S, ERROR_BODY_BYTES
from ._decoding import BodyTooLarge, BoundedDecoder, Undecodable, decoded_response
from ._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ResponseTooLargeError,
    status_error,
    undocumented_status,
    unparsable,
)
from ._files import OpenedFiles, ProgressCallback
from ._operation import Operation
from ._response import APIResponse
from ._retries import RetryPolicy, log_retry
from ._secrets import redact_exception
from ._version import __title__, __version__

if TYPE_CHECKING:
    from tenacity import RetryCallState

USER_AGENT = f"{__title__}/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
"""What every request says it is; a caller's own User-Agent is kept, with this appended."""

RAW_RESPONSE: contextvars.ContextVar[bool] = contextvars.ContextVar("raw_response", default=False)
"""Set by ``with_raw_response`` for the duration of one call: the call returns an :class:`APIResponse`."""

_BUILD_ARGUMENTS = ("params", "cookies", "files", "data", "json", "content")


@frozen
class Call:
    """Everything one call needs besides the network: resolved from the client's settings and the call's options."""

    api_key: str
    base_url: httpx.URL
    headers: Mapping[str, str]
    cookies: Mapping[str, str]
    timeout: httpx.Timeout
    deadline: float | None
    max_response_bytes: int
    follow_redirects: bool
    policy: RetryPolicy
    on_progress: ProgressCallback | None


class _DeadlineExceeded(Exception):
    """The call's deadline ran out while the body was going out or the answer was coming in."""


class CountingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Wraps a request body: hands it to the transport in pieces of about ``CHUNK_BYTES`` (httpx yields each
    multipart header and field separately, and a socket write per tiny piece costs more than the copy), counts the
    bytes sent, reports them to ``on_progress`` and stops at the deadline."""

    CHUNK_BYTES = 64 * 1024

    def __init__(self, stream: Any, total: int | None, on_progress: ProgressCallback | None, ends: float) -> None:
        self._stream = stream
        self._total = total
        self._on_progress = on_progress
        self._ends = ends
        self._pending = bytearray()
        self.sent = 0

    def _take(self, chunk: bytes) -> bytes | None:
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
        if time.monotonic() >= self._ends:
            raise _DeadlineExceeded
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


class _ConnectionTrace:
    """What httpcore reports of one attempt's connection: whether it was opened for the attempt or reused from
    the pool, and whether any of the answer arrived."""

    def __init__(self) -> None:
        self.traced = False
        self.connected = False
        self.answered = False

    def seen(self, name: str) -> None:
        self.traced = True
        if name.startswith("connection.connect_tcp") or name.startswith("connection.connect_unix_socket"):
            self.connected = True
        elif name.endswith("receive_response_headers.complete"):
            self.answered = True

    def sync(self, name: str, info: Mapping[str, Any]) -> None:
        self.seen(name)

    async def asynchronous(self, name: str, info: Mapping[str, Any]) -> None:
        self.seen(name)

    def reset_unread(self, error: BaseException) -> bool:
        """Whether ``error`` is the server resetting a reused keep-alive connection before answering: the TCP
        reset a server's kernel sends when it closes a socket with the request still unread, as an idle-timeout
        close that crosses a new request does."""
        if not self.traced or self.connected or self.answered:
            return False
        if not isinstance(error, httpx.ReadError | httpx.WriteError):
            return False
        cause: BaseException | None = error
        while cause is not None:
            if isinstance(cause, ConnectionResetError | BrokenPipeError):
                return True
            cause = cause.__cause__ or cause.__context__
        return False


class _Attempt:
    """One attempt's request and what was read of its answer."""

    def __init__(
        self,
        http: httpx.Client | httpx.AsyncClient,
        call: Call,
        arguments: Mapping[str, Any],
        ends: float,
        budget: float,
    ) -> None:
        self.call = call
        self.ends = ends
        self.budget = budget
        self.trace = _ConnectionTrace()
        trace = self.trace.asynchronous if isinstance(http, httpx.AsyncClient) else self.trace.sync
        self.request = _build_request(http, call, arguments, ends, trace)
        length = self.request.headers.get("content-length")
        self.stream = CountingStream(self.request.stream, int(length) if length else None, call.on_progress, ends)
        self.request.stream = self.stream
        self.decoder: BoundedDecoder | None = None
        self.limit = call.max_response_bytes
        self.raw = bytearray()
        self.problem: str | None = None
        self.too_large = False

    def feed(self, chunk: bytes) -> bool:
        """Take a chunk of the answer as received; ``False`` once reading should stop."""
        if time.monotonic() >= self.ends:
            raise _DeadlineExceeded
        if len(self.raw) + len(chunk) > self.limit:
            self.raw += chunk[: self.limit - len(self.raw)]
            self.too_large = True
            return False
        self.raw += chunk
        if self.decoder is not None and self.problem is None:
            try:
                self.decoder.feed(chunk)
            except BodyTooLarge:
                self.too_large = True
                return False
            except Undecodable as exc:
                self.problem = f"cannot be decoded ({exc})"
        return True

    def start(self, response: httpx.Response) -> None:
        """Get ready to read ``response``'s body: an error answer is read only as far as its message needs."""
        if not 200 <= response.status_code <= 299:
            self.limit = min(self.limit, ERROR_BODY_BYTES)
        try:
            self.decoder = BoundedDecoder(response.headers.get("content-encoding"), self.limit)
        except Undecodable as exc:
            self.problem = f"cannot be decoded ({exc})"

    def finish(self, response: httpx.Response, operation: Operation[Any, Any], retries: int) -> Any:
        """The result of a complete answer, or the error it calls for."""
        content = b""
        if self.decoder is not None and self.problem is None:
            try:
                content = self.decoder.partial() if self.too_large else self.decoder.finish()
            except BodyTooLarge:
                self.too_large, content = True, self.decoder.partial()
            except Undecodable as exc:
                self.problem = f"cannot be decoded ({exc})"
        raw = bytes(self.raw)
        decoded = decoded_response(
            response.status_code, response.headers, content if self.problem is None else raw, redacted(self.request)
        )
        if not 200 <= response.status_code <= 299:
            raise status_error(decoded, raw, truncated_at=self.limit if self.too_large else None)
        if self.too_large:
            raise ResponseTooLargeError(
                f"{self.request.method} {self.request.url.path} answered {response.status_code} with a body over "
                f"max_response_bytes ({self.limit}); reading stopped there, and .body keeps what was read",
                response=decoded,
                raw_body=raw,
            )
        if self.problem is not None:
            raise unparsable(decoded, raw, self.problem)
        if not operation.documents(response.status_code):
            raise undocumented_status(decoded, raw)

        def parse() -> Any:
            return _parse(operation, decoded, raw)

        if RAW_RESPONSE.get():
            return APIResponse(
                http_response=decoded, raw_body=raw, elapsed=response.elapsed, retries_taken=retries, parse=parse
            )
        return parse()

    def transport_error(self, error: BaseException) -> APIError:
        """The typed error for a failure before the answer was complete."""
        if isinstance(error, APIError):
            return error
        request = redacted(self.request)
        where = f"{request.method} {request.url.path}"
        sent = self.stream.sent
        when = (
            f"after {sent} bytes of the body were sent: the server may have acted"
            if sent
            else ("before any of the body was sent")
        )
        if isinstance(error, _DeadlineExceeded):
            return APITimeoutError(
                f"{where}: the call's deadline of {self.budget:.1f} s ran out {when}",
                request=request,
                body_sent=sent > 0,
                deadline_exceeded=True,
            )
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(f"{where}: {type(error).__name__} {when}", request=request, body_sent=sent > 0)
        reason = type(error).__name__ if isinstance(error, httpx.RequestError) else f"{type(error).__name__}: {error}"
        if self.trace.reset_unread(error):
            return APIConnectionError(
                f"{where}: {reason}: the server reset a reused keep-alive connection without reading the request "
                "(it had closed it as idle)",
                request=request,
                body_sent=sent > 0,
                request_unread=True,
            )
        if isinstance(error, httpx.RemoteProtocolError) and sent:
            when += " (the server closed the connection without answering)"
        return APIConnectionError(f"{where}: {reason} {when}", request=request, body_sent=sent > 0)


def _build_request(
    http: httpx.Client | httpx.AsyncClient, call: Call, arguments: Mapping[str, Any], ends: float, trace: Any
) -> httpx.Request:
    headers = httpx.Headers(call.headers)
    headers.update(arguments.get("headers") or {})
    headers["User-Agent"] = f"{headers['User-Agent']} {USER_AGENT}" if "User-Agent" in headers else USER_AGENT
    headers.setdefault("Accept", "application/json")
    headers["Accept-Encoding"] = ACCEPT_ENCODING
    cookies = {**call.cookies, **(arguments.get("cookies") or {})}
    request = http.build_request(
        arguments["method"],
        _url(call.base_url, arguments["url"]),
        headers=headers,
        timeout=_within(call.timeout, ends - time.monotonic()),
        extensions={"trace": trace},
        **{name: arguments[name] for name in _BUILD_ARGUMENTS if name in arguments and name != "cookies"},
        **({"cookies": cookies} if cookies else {}),
    )
    authorize(request, call.api_key)
    return request


def _url(base: httpx.URL, path: str) -> httpx.URL:
    relative = httpx.URL(path)
    return base.copy_with(raw_path=base.raw_path.rstrip(b"/") + b"/" + relative.raw_path.lstrip(b"/"))


def _within(timeout: httpx.Timeout, remaining: float) -> httpx.Timeout:
    """``timeout`` with no part longer than what is left of the deadline."""
    if remaining == float("inf"):
        return timeout
    remaining = max(remaining, 0.001)
    parts = timeout.as_dict()
    return httpx.Timeout(
        **{name: remaining if value is None else min(value, remaining) for name, value in parts.items()}
    )


def _parse(operation: Operation[Any, Any], response: httpx.Response, raw: bytes) -> Any:
    try:
        result = operation.parse(response)
        check_parsed(result, operation.result_annotation)
    except Exception as exc:
        raise unparsable(response, raw, f"does not match the API's schema ({type(exc).__name__}: {exc})") from exc
    return result


def deadline_of(call: Call, started: float, uploads: OpenedFiles | None) -> float:
    """When the call must be over: ``call.deadline`` seconds after it started, or by default
    ``DEFAULT_DEADLINE_S`` plus a second per MiB of the files being sent."""
    if call.deadline is not None:
        return started + call.deadline
    size = uploads.total_bytes() if uploads is not None else 0
    return started + DEFAULT_DEADLINE_S + DEADLINE_SECONDS_PER_MIB * size / (1024 * 1024)


def _retrying_options(
    call: Call, uploads: OpenedFiles | None, operation: Operation[Any, Any], ends: float
) -> dict[str, Any]:
    from tenacity import retry_if_exception, stop_after_attempt, stop_before_delay  # noqa: PLC0415 - off the import path

    total = call.policy.max_retries + 1

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        if uploads is not None:
            try:
                uploads.rewind()
            except Exception as rewind_error:
                raise rewind_error from error
        log_retry(operation.operation_id, state, total)

    return {
        "stop": stop_after_attempt(total) | stop_before_delay(max(ends - time.monotonic(), 0.0)),
        "wait": call.policy.delay,
        "retry": retry_if_exception(call.policy.should_retry),
        "before_sleep": before_sleep,
        "reraise": True,
    }


def send(
    http: httpx.Client,
    call: Call,
    operation: Operation[Any, Any],
    arguments: Mapping[str, Any],
    uploads: OpenedFiles | None,
) -> Any:
    """Send ``operation`` with ``arguments`` (the generated endpoint's keyword arguments) on ``http``."""
    from tenacity import Retrying  # noqa: PLC0415 - kept off the import path

    built = operation.request_arguments(**arguments)
    started = time.monotonic()
    ends = deadline_of(call, started, uploads)
    retrying = Retrying(**_retrying_options(call, uploads, operation, ends))
    attempts = 0

    def attempt() -> Any:
        nonlocal attempts
        attempts += 1
        current = _Attempt(http, call, built, ends, ends - started)
        try:
            response = http.send(current.request, stream=True, follow_redirects=call.follow_redirects)
            try:
                current.start(response)
                for chunk in response.iter_raw():
                    if not current.feed(chunk):
                        break
            finally:
                response.close()
        except Exception as exc:
            raise current.transport_error(exc) from exc
        return current.finish(response, operation, attempts - 1)

    try:
        return retrying(attempt)
    except APIError as error:
        redact_exception(error, (call.api_key,))
        raise


async def send_async(
    http: httpx.AsyncClient,
    call: Call,
    operation: Operation[Any, Any],
    arguments: Mapping[str, Any],
    uploads: OpenedFiles | None,
) -> Any:
    """Send ``operation`` with ``arguments`` on ``http``; the async twin of :func:`send`."""
    from tenacity import AsyncRetrying  # noqa: PLC0415 - kept off the import path

    built = operation.request_arguments(**arguments)
    started = time.monotonic()
    ends = deadline_of(call, started, uploads)
    retrying = AsyncRetrying(**_retrying_options(call, uploads, operation, ends))
    attempts = 0

    async def attempt() -> Any:
        nonlocal attempts
        attempts += 1
        current = _Attempt(http, call, built, ends, ends - started)
        try:
            async with asyncio.timeout(max(ends - time.monotonic(), 0.0)):
                response = await http.send(current.request, stream=True, follow_redirects=call.follow_redirects)
                try:
                    current.start(response)
                    async for chunk in response.aiter_raw():
                        if not current.feed(chunk):
                            break
                finally:
                    await response.aclose()
        except TimeoutError as exc:
            raise current.transport_error(_DeadlineExceeded()) from exc
        except Exception as exc:
            raise current.transport_error(exc) from exc
        return current.finish(response, operation, attempts - 1)

    try:
        return await retrying(attempt)
    except APIError as error:
        redact_exception(error, (call.api_key,))
        raise
