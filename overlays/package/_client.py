"""The front doors' base classes: configuration, derived clients, per-call options, raw responses, the pool.

A vendor's ``_patch.py`` subclasses :class:`SyncAPIClient` and :class:`AsyncAPIClient` and adds its methods; each
method validates its arguments, builds the body through ``_operations`` and hands it to :meth:`_send`.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar, ParamSpec, Self, TypeVar, cast

import httpx
from attrs import evolve, field, frozen

from ._auth import refuse_auth_header, resolve_api_key
from ._config import (
    TimeoutTypes,
    as_timeout,
    check_cookies,
    check_count,
    check_flag,
    check_headers,
    check_http_client,
    check_proxy_environment,
    check_seconds,
    resolve_base_url,
)
from ._constants import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    KEEPALIVE_EXPIRY_S,
    MAX_CONNECTIONS,
    MAX_KEEPALIVE_CONNECTIONS,
)
from ._exceptions import InvalidInputError
from ._files import OpenedFiles, ProgressCallback
from ._operation import Operation
from ._operations import BY_OPERATION_ID
from ._pool import AsyncPool, SyncPool
from ._response import APIResponse
from ._retries import RetryPolicy
from ._sending import RAW_RESPONSE, Call, send, send_async
from ._spec import DEFAULT_BASE_URL
from ._tls import verify_option
from ._types import NOT_GIVEN, NotGiven
from ._validation import check_progress

P = ParamSpec("P")
R = TypeVar("R")


@frozen
class _Settings:
    api_key: str = field(repr=False)
    base_url: httpx.URL
    timeout: httpx.Timeout
    max_retries: int
    retry_non_idempotent: bool
    headers: Mapping[str, str]
    cookies: Mapping[str, str]
    deadline: float | NotGiven | None
    max_response_bytes: int
    follow_redirects: bool
    allow_insecure_http: bool


class _BaseClient:
    api_key_env: ClassVar[str]
    base_url_env: ClassVar[str]

    _settings: _Settings

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_non_idempotent: bool = False,
        headers: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        follow_redirects: bool = False,
        verify_ssl: bool | str | Any = True,
        allow_insecure_http: bool = False,
        http_client: Any = None,
    ) -> None:
        if not hasattr(type(self), "api_key_env"):
            raise TypeError(f"{type(self).__name__} is a base class: use the package's front-door client")
        name = type(self).__name__
        insecure = check_flag(allow_insecure_http, "allow_insecure_http")
        self._settings = _Settings(
            api_key=resolve_api_key(api_key, self.api_key_env, name),
            base_url=resolve_base_url(base_url, self.base_url_env, DEFAULT_BASE_URL, allow_insecure_http=insecure),
            timeout=as_timeout(timeout),
            max_retries=check_count(max_retries, "max_retries", minimum=0),
            retry_non_idempotent=check_flag(retry_non_idempotent, "retry_non_idempotent"),
            headers=check_headers(headers, "headers"),
            cookies=check_cookies(cookies),
            deadline=deadline if isinstance(deadline, NotGiven) else check_seconds(deadline, "deadline"),
            max_response_bytes=check_count(max_response_bytes, "max_response_bytes", minimum=1),
            follow_redirects=check_flag(follow_redirects, "follow_redirects"),
            allow_insecure_http=insecure,
        )
        if http_client is None:
            check_proxy_environment()
        else:
            check_http_client(http_client, self._http_type(), self._settings.base_url, name)
        self._init_pool(verify_ssl, http_client)

    def _http_type(self) -> type[Any]:
        raise NotImplementedError

    def _init_pool(self, verify: Any, given: Any) -> None:
        raise NotImplementedError

    def _httpx_options(self, verify: Any) -> dict[str, Any]:
        return {
            "timeout": self._settings.timeout,
            "verify": verify_option(verify),
            "limits": httpx.Limits(
                max_connections=MAX_CONNECTIONS,
                max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS,
                keepalive_expiry=KEEPALIVE_EXPIRY_S,
            ),
        }

    def __repr__(self) -> str:
        s = self._settings
        return (
            f"{type(self).__name__}(base_url={str(s.base_url)!r}, max_retries={s.max_retries}, timeout={s.timeout!r})"
        )

    def __reduce__(self) -> Any:
        raise TypeError(
            f"{type(self).__name__} cannot be pickled (it holds the API key and open connections): make "
            "a client in each process"
        )

    @property
    def api_key(self) -> str:
        """The API key the client sends (never shown in ``repr()``, logs or errors)."""
        return self._settings.api_key

    @property
    def base_url(self) -> httpx.URL:
        """Where requests go."""
        return self._settings.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeouts of each connect, read, write and pool wait."""
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        """How many times a failed call is retried when that is safe."""
        return self._settings.max_retries

    @property
    def retry_non_idempotent(self) -> bool:
        """Whether failures after which the server may have acted are retried too."""
        return self._settings.retry_non_idempotent

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_non_idempotent: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client like this one with the options given changed (``headers`` are added to this client's).

        It shares this client's connection pool, and nothing set on it ever reaches this client or its other
        derived clients: every setting is applied per request.
        """
        s = self._settings
        changes: dict[str, Any] = {}
        if not isinstance(api_key, NotGiven):
            changes["api_key"] = resolve_api_key(api_key, self.api_key_env, type(self).__name__)
        if not isinstance(base_url, NotGiven):
            changes["base_url"] = resolve_base_url(
                base_url, self.base_url_env, DEFAULT_BASE_URL, allow_insecure_http=s.allow_insecure_http
            )
        if not isinstance(timeout, NotGiven):
            changes["timeout"] = as_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            changes["max_retries"] = check_count(max_retries, "max_retries", minimum=0)
        if not isinstance(retry_non_idempotent, NotGiven):
            changes["retry_non_idempotent"] = check_flag(retry_non_idempotent, "retry_non_idempotent")
        if not isinstance(headers, NotGiven):
            changes["headers"] = {**s.headers, **check_headers(headers, "headers")}
        if not isinstance(deadline, NotGiven):
            changes["deadline"] = check_seconds(deadline, "deadline")
        if not isinstance(max_response_bytes, NotGiven):
            changes["max_response_bytes"] = check_count(max_response_bytes, "max_response_bytes", minimum=1)
        return self._derived(evolve(s, **changes))

    def with_headers(self, headers: Mapping[str, str]) -> Self:
        """A client like this one that also sends ``headers``; see :meth:`with_options`."""
        return self.with_options(headers=headers)

    def with_timeout(self, timeout: TimeoutTypes) -> Self:
        """A client like this one with another timeout; see :meth:`with_options`."""
        return self.with_options(timeout=timeout)

    def with_cookies(self, cookies: Mapping[str, str]) -> Self:
        """A client like this one that also sends ``cookies``; see :meth:`with_options`."""
        return self._derived(evolve(self._settings, cookies={**self._settings.cookies, **check_cookies(cookies)}))

    def _derived(self, settings: _Settings) -> Self:
        derived = object.__new__(type(self))
        derived.__dict__.update(self.__dict__)
        derived._settings = settings
        derived.__dict__.pop("with_raw_response", None)
        return derived

    def _call(
        self,
        *,
        timeout: TimeoutTypes | NotGiven,
        extra_headers: Mapping[str, str] | None,
        max_retries: int | None,
        retry_non_idempotent: bool | None,
        deadline: float | NotGiven | None,
        on_progress: ProgressCallback | None,
    ) -> Call:
        """The settings of one call: the client's, overridden by the call's options where given."""
        s = self._settings
        check_progress(on_progress)
        extra = check_headers(extra_headers, "extra_headers")
        refuse_auth_header(extra, "extra_headers")
        chosen_deadline = s.deadline if isinstance(deadline, NotGiven) else check_seconds(deadline, "deadline")
        return Call(
            api_key=s.api_key,
            base_url=s.base_url,
            headers={**s.headers, **extra},
            cookies=s.cookies,
            timeout=s.timeout if isinstance(timeout, NotGiven) else as_timeout(timeout),
            deadline=None if isinstance(chosen_deadline, NotGiven) else _no_limit_as_inf(chosen_deadline),
            max_response_bytes=s.max_response_bytes,
            follow_redirects=s.follow_redirects,
            policy=RetryPolicy(
                max_retries=s.max_retries
                if max_retries is None
                else check_count(max_retries, "max_retries", minimum=0),
                retry_non_idempotent=s.retry_non_idempotent
                if retry_non_idempotent is None
                else check_flag(retry_non_idempotent, "retry_non_idempotent"),
            ),
            on_progress=on_progress,
        )


def _no_limit_as_inf(deadline: float | None) -> float:
    return float("inf") if deadline is None else deadline


def _operation(operation_id: object) -> Operation[Any, Any]:
    if not isinstance(operation_id, str) or operation_id not in BY_OPERATION_ID:
        raise InvalidInputError(
            f"operation_id {operation_id!r} is not an operation of this API: choose from {', '.join(BY_OPERATION_ID)}"
        )
    return BY_OPERATION_ID[operation_id]


class SyncAPIClient(_BaseClient):
    """Base of the synchronous front doors.

    Options (keyword arguments): ``api_key`` (default: the vendor's ``*_API_KEY`` variable), ``base_url`` (default:
    ``*_BASE_URL``, else the spec's server; plain ``http://`` only to loopback unless ``allow_insecure_http=True``),
    ``timeout`` (seconds, an ``httpx.Timeout`` or ``None``; default 60 s, 5 s to connect), ``max_retries`` (2),
    ``retry_non_idempotent`` (False), ``headers`` and ``cookies`` sent with every request, ``deadline`` (seconds
    for a whole call, retries included; default 120 s plus 1 s per MiB uploaded; ``None`` for none),
    ``max_response_bytes`` (16 MiB), ``follow_redirects`` (False), ``verify_ssl`` (True, or a CA bundle path or an
    ``ssl.SSLContext``), and ``http_client``: your own ``httpx.Client`` (proxies, mTLS, event hooks, a custom
    transport), to which the client's base URL, key, timeouts and retries still apply; it stays yours to close.
    """

    _pool: SyncPool

    def _http_type(self) -> type[Any]:
        return httpx.Client

    def _init_pool(self, verify: Any, given: Any) -> None:
        self._pool = SyncPool(lambda: httpx.Client(**self._httpx_options(verify)), given)

    def _send(
        self, operation: Operation[Any, R], arguments: Mapping[str, Any], uploads: OpenedFiles | None, call: Call
    ) -> R:
        result: R = send(self._pool.get(), call, operation, arguments, uploads)
        return result

    def call(
        self,
        operation_id: str,
        /,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        **arguments: Any,
    ) -> Any:
        """Call any operation of the API by its operationId, with the client's key, retries and typed errors.

        ``arguments`` are the generated endpoint's keyword arguments (``body=`` a generated model, path, query and
        header parameters by their Python names); returns the parsed answer.
        """
        options = self._call(
            timeout=timeout, extra_headers=extra_headers, max_retries=max_retries,
            retry_non_idempotent=retry_non_idempotent, deadline=deadline, on_progress=None,
        )  # fmt: skip
        return self._send(_operation(operation_id), arguments, None, options)

    def close(self) -> None:
        """Close the connections this client's pool opened (shared with its derived clients); a later call opens
        new ones. An ``http_client`` you gave stays open: it is yours to close."""
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
    """Base of the asynchronous front doors: the options of :class:`SyncAPIClient`, with an ``httpx.AsyncClient``
    as ``http_client``. A pool is made per event loop, so a client can be used under successive ``asyncio.run()``."""

    _pool: AsyncPool

    def _http_type(self) -> type[Any]:
        return httpx.AsyncClient

    def _init_pool(self, verify: Any, given: Any) -> None:
        self._pool = AsyncPool(lambda: httpx.AsyncClient(**self._httpx_options(verify)), given)

    async def _send(
        self, operation: Operation[Any, R], arguments: Mapping[str, Any], uploads: OpenedFiles | None, call: Call
    ) -> R:
        result: R = await send_async(self._pool.get(), call, operation, arguments, uploads)
        return result

    async def call(
        self,
        operation_id: str,
        /,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        **arguments: Any,
    ) -> Any:
        """Call any operation of the API by its operationId; see :meth:`SyncAPIClient.call`."""
        options = self._call(
            timeout=timeout, extra_headers=extra_headers, max_retries=max_retries,
            retry_non_idempotent=retry_non_idempotent, deadline=deadline, on_progress=None,
        )  # fmt: skip
        return await self._send(_operation(operation_id), arguments, None, options)

    async def aclose(self) -> None:
        """Close the connections this client's pool opened in this event loop; see :meth:`SyncAPIClient.close`."""
        await self._pool.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def to_raw_response_wrapper(method: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """``method``, returning the :class:`APIResponse` (status, headers, request id, ``parse()``) instead."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = RAW_RESPONSE.set(True)
        try:
            return cast(APIResponse[R], method(*args, **kwargs))
        finally:
            RAW_RESPONSE.reset(token)

    return wrapped


def async_to_raw_response_wrapper(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[APIResponse[R]]]:
    """The async twin of :func:`to_raw_response_wrapper`."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = RAW_RESPONSE.set(True)
        try:
            return cast(APIResponse[R], await method(*args, **kwargs))
        finally:
            RAW_RESPONSE.reset(token)

    return wrapped


class SyncRawResponses:
    """A sync front door's methods, each returning an :class:`APIResponse`; a vendor's subclass adds its own."""

    def __init__(self, client: SyncAPIClient) -> None:
        self.call: Callable[..., APIResponse[Any]] = to_raw_response_wrapper(client.call)


class AsyncRawResponses:
    """An async front door's methods, each returning an awaitable :class:`APIResponse`."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self.call: Callable[..., Awaitable[APIResponse[Any]]] = async_to_raw_response_wrapper(client.call)
