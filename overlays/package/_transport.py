"""The transport every request of a front door goes through, whichever code sends it: the front door's methods or
any generated function called with the front door as its client.

It wraps the transport the request would otherwise take (the pool's, or the caller's) and adds, per request: the
overall deadline over every phase and the waits between attempts, progress reporting, retries when they are safe,
the answer read within bounds with its content codings undone, and every failure mapped to the ``APIError``
hierarchy with the API key redacted. What a caller's event hooks see is the answer as it reaches the client.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import math
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from typing import Any, cast

import httpx
from attrs import field, frozen

from ._auth import redacted, strip_foreign_credentials
from ._constants import (
    ACCEPT_ENCODING,
    DEADLINE_SECONDS_PER_MIB,
    DEFAULT_ACCEPT,
    DEFAULT_DEADLINE_S,
    ERROR_BODY_BYTES,
    MAX_REDIRECTS,
)
from ._decoding import BodyTooLarge, BoundedDecoder, Undecodable, decoded_response
from ._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ResponseTooLargeError,
    StreamNotRewindableError,
    status_error,
    undocumented_status,
    unparsable,
)
from ._files import SENDING, ProgressCallback
from ._operation import operation_for
from ._pool import Pool
from ._response import LAST_RESPONSE, RAW_BODY, RETRIES_TAKEN
from ._retries import RetryPolicy, affordable, delay, log_retry
from ._secrets import redact_exception

CALL = "sdk_call"
"""Key of ``Request.extensions``: the call a request belongs to, which httpx hands on to a redirect."""

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)
"""When the current sync call must be over (``time.monotonic()``), while the transport sends it: the pool's network
backend (``_network``) bounds each socket operation by it."""


@functools.cache
def _failures() -> tuple[tuple[type[Exception], ...], tuple[type[Exception], ...], tuple[type[Exception], ...]]:
    """The transport failures, httpx's and httpcore's (the pool's transport raises httpcore's): those before a
    connection carried any of the request, the timeouts, and all of them. httpcore is imported when first needed."""
    import httpcore  # noqa: PLC0415 - httpx itself imports it only when a transport is made

    connect: tuple[type[Exception], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
    connect += (httpx.UnsupportedProtocol,)
    connect += (httpcore.ConnectError, httpcore.ConnectTimeout, httpcore.PoolTimeout, httpcore.UnsupportedProtocol)
    timeouts = (httpx.TimeoutException, httpcore.TimeoutException)
    every: tuple[type[Exception], ...] = (httpx.TransportError, httpcore.TimeoutException, httpcore.NetworkError)
    every += (httpcore.ProtocolError,)
    every += (httpcore.ProxyError, httpcore.UnsupportedProtocol)
    return connect, timeouts, every


@frozen
class Policy:
    """What a (derived) client's requests get from the transport."""

    base_url: httpx.URL
    api_key: str = field(repr=False)
    retries: RetryPolicy
    deadline: float | None
    """Seconds for a whole call; ``None`` for the default (which grows with the body), ``math.inf`` for none."""
    max_response_bytes: int
    follow_redirects: bool
    accept_given: bool = False
    """Whether the caller set ``Accept``; else each request says what its operation documents."""


class _DeadlineExceeded(Exception):
    """The call's deadline ran out while the body was going out or the answer was coming in."""


class _CallState:
    """What one call carries across its redirects (httpx hands a redirect the request's extensions)."""

    def __init__(self, started: float, budget: float, user_trace: Any) -> None:
        self.started = started
        self.ends = started + budget
        self.budget = budget
        self.user_trace = user_trace
        self.redirects = 0


class _Trace:
    """What httpcore reports of an attempt: whether the request's head went out (the rule for resending)."""

    def __init__(self, chained: Any) -> None:
        self._chained = chained
        self.traced = False
        self.connected = False
        self.head_started = False
        self.head_failed = False
        self.answered = False

    def _seen(self, name: str) -> None:
        self.traced = True
        if name.startswith("connection.connect_"):
            self.connected = True
        elif name.endswith("receive_response_headers.complete"):
            self.answered = True
        elif name.endswith("send_request_headers.started"):
            self.head_started = True
        elif name.endswith("send_request_headers.failed"):
            self.head_failed = True

    def __call__(self, name: str, info: Mapping[str, Any]) -> Any:
        self._seen(name)
        if self._chained is not None:
            return self._chained(name, info)
        return None

    async def asynchronous(self, name: str, info: Mapping[str, Any]) -> None:
        self._seen(name)
        if self._chained is not None:
            await self._chained(name, info)


class CountingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Wraps a request body: hands it to the transport in pieces of about ``CHUNK_BYTES`` (httpx yields each
    multipart header and field separately, and a socket write per tiny piece costs more than the copy), counts the
    bytes sent, reports them to ``on_progress`` and stops at the deadline."""

    CHUNK_BYTES = 64 * 1024

    def __init__(self, stream: Any, total: int | None, on_progress: ProgressCallback | None, ends: float) -> None:
        self.stream = stream
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
        for piece in self.stream:
            if (chunk := self._take(piece)) is not None:
                yield chunk
        if (chunk := self._flush()) is not None:
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self._restart()
        async for piece in self.stream:
            if (chunk := self._take(piece)) is not None:
                yield chunk
        if (chunk := self._flush()) is not None:
            yield chunk


class _Body:
    """An answer's body as it is read: kept as received (up to the limit) and decoded within the limit."""

    def __init__(self, response: httpx.Response, limit: int, ends: float) -> None:
        self.limit = limit
        self._ends = ends
        self.too_large = False
        self.problem: str | None = None
        self._coded = (response.headers.get("content-encoding") or "identity").strip().lower() != "identity"
        self._raw = bytearray() if self._coded else None
        self._decoder: BoundedDecoder | None = None
        try:
            self._decoder = BoundedDecoder(response.headers.get("content-encoding") if self._coded else None, limit)
        except Undecodable as exc:
            self._problem(exc)

    def _problem(self, exc: Exception) -> None:
        self.problem = f"cannot be decoded ({exc})"
        self._decoder = None

    def took_read(self, response: httpx.Response) -> bool:
        """Take ``response``'s body when a caller's http_client already read it (an event hook there did)."""
        if response.is_stream_consumed:
            self.feed(response.content)
        return response.is_stream_consumed

    def feed(self, chunk: bytes) -> bool:
        """Take a chunk as received; ``False`` once reading should stop."""
        if time.monotonic() >= self._ends:
            raise _DeadlineExceeded
        if self._raw is not None:
            if len(self._raw) + len(chunk) > self.limit:
                self._raw += chunk[: self.limit - len(self._raw)]
                self.too_large = True
                return False
            self._raw += chunk
        if self._decoder is not None:
            try:
                self._decoder.feed(chunk)
            except BodyTooLarge:
                self.too_large = True
                return False
            except Undecodable as exc:
                self._problem(exc)
        return self._raw is not None or self._decoder is not None

    def finish(self) -> tuple[bytes, bytes]:
        """The body decoded (as received, when it does not decode) and as received."""
        content = b""
        if self._decoder is not None:
            try:
                content = self._decoder.partial() if self.too_large else self._decoder.finish()
            except BodyTooLarge:
                self.too_large, content = True, self._decoder.partial()
            except Undecodable as exc:
                self._problem(exc)
        if self._raw is None:
            return content, content
        raw = bytes(self._raw)
        return (content if self.problem is None else raw), raw


class _Exchange:
    """One call: its request, the attempts made, and what decides between returning, retrying and raising."""

    def __init__(self, policy: Policy, request: httpx.Request) -> None:
        self.policy = policy
        self.request = request
        self.attempts = 0
        self.operation = operation_for(request, policy.base_url)
        self._previous: APIError | None = None
        strip_foreign_credentials(request, policy.base_url)
        request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        # Only over the client's default: an Accept the caller or a generated header parameter set stays.
        if self.operation is not None and not policy.accept_given and request.headers.get("Accept") == DEFAULT_ACCEPT:
            request.headers["Accept"] = self.operation.accept
        self._timeouts: dict[str, float | None] = dict(request.extensions.get("timeout") or {})
        state = request.extensions.get(CALL)
        if not isinstance(state, _CallState):
            budget = self._budget(request)
            state = _CallState(time.monotonic(), budget, request.extensions.get("trace"))
        self.state = state
        stream = request.stream
        if isinstance(stream, CountingStream):
            stream = stream.stream
        length = request.headers.get("content-length")
        self._sending = SENDING.get()
        on_progress = self._sending.on_progress if self._sending is not None else None
        self.stream = CountingStream(stream, int(length) if length else None, on_progress, state.ends)
        request.stream = self.stream
        self.trace = _Trace(state.user_trace)

    def _budget(self, request: httpx.Request) -> float:
        if self.policy.deadline is not None:
            return self.policy.deadline
        length = request.headers.get("content-length")
        size = int(length) if length and length.isdigit() else 0
        return DEFAULT_DEADLINE_S + DEADLINE_SECONDS_PER_MIB * size / (1024 * 1024)

    @property
    def ends(self) -> float:
        """When the call must be over."""
        return self.state.ends

    def remaining(self) -> float:
        """Seconds left before the deadline."""
        return self.state.ends - time.monotonic()

    def begin(self, is_async: bool) -> None:
        """Get the request ready for the next attempt: timeouts within the deadline, a fresh trace; a request
        whose files cannot be sent again raises before any of it goes out."""
        self.attempts += 1
        if (self.attempts > 1 or self.state.redirects) and self._sending is not None and self._sending.uploads:
            self._sending.uploads.check_resendable()
        self.trace = _Trace(self.state.user_trace)
        left = max(self.remaining(), 0.001)
        timeouts = {name: left if value is None else min(value, left) for name, value in self._timeouts.items()}
        self.request.extensions = {
            **self.request.extensions,
            "timeout": timeouts if not math.isinf(left) else self._timeouts,
            "trace": self.trace.asynchronous if is_async else self.trace,
            CALL: self.state,
        }

    def body(self, response: httpx.Response) -> _Body:
        """A reader of ``response``'s body: an error answer is read only as far as its message needs."""
        limit = self.policy.max_response_bytes
        if not 200 <= response.status_code <= 299:
            limit = min(limit, ERROR_BODY_BYTES)
        return _Body(response, limit, self.state.ends)

    def answer(self, response: httpx.Response, body: _Body) -> httpx.Response | float:
        """The response to hand the client, or seconds to wait before another attempt; raises the typed error."""
        content, raw = body.finish()
        status = response.status_code
        keep = self._kept(response, content, raw)
        if 300 <= status <= 399 and self.policy.follow_redirects and "location" in response.headers:
            self.state.redirects += 1
            if self.state.redirects >= MAX_REDIRECTS:
                raise self._raise(
                    APIConnectionError(
                        f"{self._where()}: TooManyRedirects: more than {MAX_REDIRECTS} redirects were followed",
                        request=redacted(self.request),
                    )
                )
            return keep
        if not 200 <= status <= 299:
            return self._retry_or_raise(status_error(self._error_response(response, content), raw, truncated_at=(
                body.limit if body.too_large else None)))  # fmt: skip
        if body.too_large:
            raise self._raise(
                ResponseTooLargeError(
                    f"{self._where()} answered {status} with a body over max_response_bytes ({body.limit}); reading "
                    "stopped there, and .body keeps what was read",
                    response=self._error_response(response, content),
                    raw_body=raw,
                )
            )
        if body.problem is not None:
            raise self._raise(unparsable(self._error_response(response, content), raw, body.problem))
        if self.operation is not None and not self.operation.documents(status):
            raise self._raise(undocumented_status(self._error_response(response, content), raw))
        LAST_RESPONSE.set(keep)
        return keep

    def failed(self, error: BaseException) -> float:
        """Seconds to wait before another attempt after ``error``; raises the typed error, or ``error`` itself when
        it is the caller's own (from ``on_progress``, or a hook)."""
        mapped = self._mapped(error)
        if mapped is None:
            raise error
        if mapped is not error:
            mapped.__cause__ = error
        # A pooled connection that failed before any answer came had been closed by the server, which is not busy:
        # when a retry is due, a fresh connection can be used at once.
        trace = self.trace
        stale = trace.traced and not trace.connected and not trace.answered and not isinstance(mapped, APITimeoutError)
        return self._retry_or_raise(mapped, at_once=stale)

    def _retry_or_raise(self, error: APIError, *, at_once: bool = False) -> float:
        retries = self.policy.retries
        if self.attempts <= retries.max_retries and retries.should_retry(error, self.request):
            wait = 0.0 if at_once else delay(error, self.attempts)
            if affordable(wait, self.remaining()):
                log_retry(self._name(), error, wait, self.attempts, retries.max_retries + 1)
                self._previous = error
                return wait
        raise self._raise(error)

    def _raise(self, error: APIError) -> APIError:
        redact_exception(error, (self.policy.api_key,))
        return error

    def _kept(self, response: httpx.Response, content: bytes, raw: bytes) -> httpx.Response:
        if content is raw and not response.is_stream_consumed:
            # Nothing was decoded: the answer itself goes on, its body already read.
            response.stream = httpx.ByteStream(content)
            kept = response
        else:
            kept = decoded_response(response.status_code, response.headers, content, None)
            # httpx times a response when its stream closes, which a body read here never does.
            kept.elapsed = datetime.timedelta(seconds=time.monotonic() - self.state.started)
        kept.extensions = {**response.extensions, RAW_BODY: raw, RETRIES_TAKEN: self.attempts - 1}
        return kept

    def _error_response(self, response: httpx.Response, content: bytes) -> httpx.Response:
        return decoded_response(response.status_code, response.headers, content, redacted(self.request))

    def _name(self) -> str:
        if self.operation is not None:
            return self.operation.operation_id
        return f"{self.request.method} {self.request.url.path}"

    def _where(self) -> str:
        url = self.request.url
        return f"{self.request.method} {url.scheme}://{url.netloc.decode('ascii', 'replace')}{url.path}"

    def _mapped(self, error: BaseException) -> APIError | None:
        if isinstance(error, APIError):
            if isinstance(error, StreamNotRewindableError) and error.__cause__ is None:
                error.__cause__ = self._previous
            return error
        connect, timeouts, every = _failures()
        deadline = isinstance(error, _DeadlineExceeded | TimeoutError) or (
            isinstance(error, timeouts) and self.remaining() <= 0
        )
        if not deadline and not isinstance(error, every):
            return None
        sent = self.stream.sent
        written = self._written(error, connect)
        request = redacted(self.request)
        if sent:
            when = f"after {sent} bytes of the body were sent: the server may have acted"
        elif written:
            when = "after the request was sent: the server may have acted"
        else:
            when = "before the request reached the server"
        where = self._where()
        if deadline:
            return APITimeoutError(
                f"{where}: the call's deadline of {self.state.budget:.1f} s ran out {when}",
                request=request,
                body_sent=sent > 0,
                request_written=written,
                deadline_exceeded=True,
            )
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if isinstance(error, timeouts):
            return APITimeoutError(f"{where}: {reason} {when}", request=request, body_sent=sent > 0,
                                   request_written=written)  # fmt: skip
        return APIConnectionError(f"{where}: {reason} {when}", request=request, body_sent=sent > 0,
                                  request_written=written)  # fmt: skip

    def _written(self, error: BaseException, connect: tuple[type[Exception], ...]) -> bool:
        if self.stream.sent:
            return True
        if self.trace.traced:
            return self.trace.head_started and not self.trace.head_failed
        return not isinstance(error, connect)


class OverlayTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """What a front door's httpx clients send through: a :class:`Policy`'s guarantees around the pool's transport."""

    def __init__(self, policy: Policy, pool: Pool) -> None:
        self.policy = policy
        self._pool = pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` (sync) with the policy's deadline, retries, bounds and typed errors."""
        exchange = _Exchange(self.policy, request)
        while True:
            token = DEADLINE.set(None if math.isinf(exchange.ends) else exchange.ends)
            try:
                exchange.begin(is_async=False)
                response = self._pool.sync().handle_request(request)
                try:
                    body = exchange.body(response)
                    if not body.took_read(response):
                        _read(body, cast(Iterable[bytes], response.stream))
                finally:
                    cast(httpx.SyncByteStream, response.stream).close()
                outcome = exchange.answer(response, body)
            except Exception as error:
                outcome = exchange.failed(error)
            finally:
                DEADLINE.reset(token)
            if isinstance(outcome, httpx.Response):
                return outcome
            time.sleep(outcome)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` (async); see :meth:`handle_request`."""
        import asyncio  # noqa: PLC0415 - kept off the package's import, which sync programs pay too

        exchange = _Exchange(self.policy, request)
        while True:
            try:
                exchange.begin(is_async=True)
                async with asyncio.timeout(None if math.isinf(exchange.ends) else max(exchange.remaining(), 0.0)):
                    response = await self._pool.asynchronous().handle_async_request(request)
                    try:
                        body = exchange.body(response)
                        if not body.took_read(response):
                            async for chunk in cast(AsyncIterable[bytes], response.stream):
                                if not body.feed(chunk):
                                    break
                    finally:
                        await cast(httpx.AsyncByteStream, response.stream).aclose()
                outcome = exchange.answer(response, body)
            except Exception as error:
                outcome = exchange.failed(error)
            if isinstance(outcome, httpx.Response):
                return outcome
            await asyncio.sleep(outcome)


def _read(body: _Body, stream: Iterable[bytes]) -> None:
    for chunk in stream:
        if not body.feed(chunk):
            return
