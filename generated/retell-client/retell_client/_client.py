"""The front doors' base classes: the generated ``AuthenticatedClient``, configured.

A front door *is* the generated client (the pattern of Azure SDKs' ``_patch.py``): every generated function takes
it as ``client=``. What the overlay adds sits in httpx's extension points, in the httpx clients that
:meth:`get_httpx_client` and :meth:`get_async_httpx_client` return: the key in an ``httpx.Auth``, everything else
in one transport (``_transport``) that wraps the pool's or the caller's. So a generated function called with a
front door gets its key, base URL, timeouts, retries, deadline, bounds, redaction and typed errors.

A vendor's ``_patch.py`` subclasses :class:`SyncAPIClient` and :class:`AsyncAPIClient` and adds its methods.
"""

from __future__ import annotations

import functools
import inspect
import os
import platform
import ssl
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, Generic, ParamSpec, Self, TypedDict, TypeVar, cast

import httpx
from attrs import evolve, field, frozen

from ._auth import APIKeyAuth, refuse_auth_header, resolve_api_key
from ._config import (
    PROXY_VARIABLES,
    TimeoutTypes,
    as_timeout,
    check_cookies,
    check_count,
    check_flag,
    check_headers,
    check_http_client,
    check_httpx_args,
    check_proxy_environment,
    check_seconds,
    keywords_checked,
    resolve_base_url,
)
from ._constants import DEFAULT_ACCEPT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, MAX_REDIRECTS
from ._exceptions import InvalidInputError
from ._files import Sending
from ._operation import Operation, auth_placement
from ._operations import BY_OPERATION_ID
from ._pool import Pool
from ._response import RAW_RESPONSE, APIResponse
from ._retries import RetryPolicy
from ._spec import DEFAULT_BASE_URL
from ._tls import ssl_context
from ._transport import OverlayTransport, Policy
from ._types import NOT_GIVEN, NotGiven
from ._version import __title__, __version__
from .client import AuthenticatedClient

if TYPE_CHECKING:
    from asyncio import AbstractEventLoop

P = ParamSpec("P")
R = TypeVar("R")

USER_AGENT = f"{__title__}/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
"""What every request says it is; a caller's own User-Agent is kept, with this appended."""


class RequestOptions(TypedDict, total=False):
    """Options of one call, overriding the client's (``client.clone_voice(..., timeout=5)``)."""

    timeout: TimeoutTypes | NotGiven
    """Timeouts of each connect, read, write and pool wait for this call."""
    extra_headers: Mapping[str, str] | None
    """Headers added to this call's request."""
    max_retries: int | None
    """Retries of this call when retrying is safe."""
    retry_non_idempotent: bool | None
    """Whether this call is retried after failures after which the server may have acted."""
    deadline: float | NotGiven | None
    """Seconds for the whole call, every attempt and wait included; ``None`` for no limit."""


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
    event_hooks: Mapping[str, list[Callable[..., Any]]]

    def policy(self) -> Policy:
        deadline = None if isinstance(self.deadline, NotGiven) else self.deadline
        return Policy(
            base_url=self.base_url,
            api_key=self.api_key,
            retries=RetryPolicy(self.max_retries, self.retry_non_idempotent),
            deadline=float("inf") if self.deadline is None else deadline,
            max_response_bytes=self.max_response_bytes,
            follow_redirects=self.follow_redirects,
            accept_given=any(name.lower() == "accept" for name in self.headers),
        )


class APIClient(AuthenticatedClient):
    """The options every front door takes (each overridable by a derived client, most per call).

    ``api_key`` (else the ``<VENDOR>_API_KEY`` variable), ``base_url`` (else ``<VENDOR>_BASE_URL``, else the spec's
    server), ``timeout`` (60 s, 5 s to connect), ``max_retries`` (2), ``retry_non_idempotent`` (False),
    ``headers``, ``cookies``, ``deadline`` (a whole call's seconds: 120 plus one per MiB sent by default; ``None``
    for none), ``max_response_bytes`` (16 MiB), ``follow_redirects`` (False), ``verify_ssl`` (True, a CA bundle
    path or an ``ssl.SSLContext``), ``allow_insecure_http`` (False: plain ``http://`` only to loopback),
    ``http_client`` (your ``httpx.Client`` or ``httpx.AsyncClient``, yours to close) and ``httpx_args`` (arguments
    of the ``httpx.Client`` the connections come from: ``transport``, ``proxy``, ``mounts``, ``event_hooks``...).
    """

    api_key_env: ClassVar[str]
    base_url_env: ClassVar[str]
    _http_client_type: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    _settings: _Settings
    _pool: Pool

    @keywords_checked
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
        verify_ssl: bool | str | ssl.SSLContext = True,
        allow_insecure_http: bool = False,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        if not hasattr(type(self), "api_key_env"):
            raise TypeError(f"{type(self).__name__} is a base class: use the package's front-door client")
        name = type(self).__name__
        insecure = check_flag(allow_insecure_http, "allow_insecure_http")
        connection_args, event_hooks = check_httpx_args(httpx_args)
        base = resolve_base_url(base_url, self.base_url_env, DEFAULT_BASE_URL, allow_insecure_http=insecure)
        settings = _Settings(
            api_key=resolve_api_key(api_key, self.api_key_env, name),
            base_url=base,
            timeout=as_timeout(timeout),
            max_retries=check_count(max_retries, "max_retries", minimum=0),
            retry_non_idempotent=check_flag(retry_non_idempotent, "retry_non_idempotent"),
            headers=check_headers(headers, "headers"),
            cookies=check_cookies(cookies),
            deadline=deadline if isinstance(deadline, NotGiven) else check_seconds(deadline, "deadline"),
            max_response_bytes=check_count(max_response_bytes, "max_response_bytes", minimum=1),
            follow_redirects=check_flag(follow_redirects, "follow_redirects"),
            allow_insecure_http=insecure,
            event_hooks=event_hooks,
        )
        if http_client is not None:
            check_http_client(http_client, self._http_client_type, base, name)
        elif not connection_args.get("proxy") and connection_args.get("trust_env", True):
            check_proxy_environment()
        self._setup(settings, _pool(verify_ssl, http_client, connection_args))

    def _setup(self, settings: _Settings, pool: Pool) -> None:
        AuthenticatedClient.__init__(
            self,
            base_url=str(settings.base_url),
            token=settings.api_key,
            timeout=settings.timeout,
            headers=dict(settings.headers),
            cookies=dict(settings.cookies),
            follow_redirects=settings.follow_redirects,
        )
        self._settings = settings
        self._pool = pool
        self._transport = OverlayTransport(settings.policy(), pool)
        self._sync_http: httpx.Client | None = None
        self._async_http: weakref.WeakKeyDictionary[AbstractEventLoop, httpx.AsyncClient] = weakref.WeakKeyDictionary()

    def _http_options(self) -> dict[str, Any]:
        s = self._settings
        headers = httpx.Headers({"Accept": DEFAULT_ACCEPT, **s.headers})
        headers["User-Agent"] = f"{headers['User-Agent']} {USER_AGENT}" if "User-Agent" in headers else USER_AGENT
        return {
            "base_url": s.base_url,
            "auth": APIKeyAuth(s.api_key, s.base_url, functools.partial(auth_placement, base_url=s.base_url)),
            "headers": headers,
            "cookies": dict(s.cookies),
            "timeout": s.timeout,
            "follow_redirects": s.follow_redirects,
            "max_redirects": MAX_REDIRECTS,
            "event_hooks": s.event_hooks,
            "transport": self._transport,
            "trust_env": False,
        }

    def get_httpx_client(self) -> httpx.Client:
        """The ``httpx.Client`` the generated functions send with: the front door's key, base URL, headers and
        timeouts, through its transport (retries, deadline, bounds, typed errors)."""
        client = self._sync_http
        if client is None:
            client = self._sync_http = httpx.Client(**self._http_options())
        return client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient`` the generated ``asyncio`` functions send with, one per event loop; see
        :meth:`get_httpx_client`."""
        import asyncio  # noqa: PLC0415 - kept off the package's import, which sync programs pay too

        loop = asyncio.get_running_loop()
        client = self._async_http.get(loop)
        if client is None:
            client = self._async_http[loop] = httpx.AsyncClient(**self._http_options())
        return client

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Not supported: pass ``http_client=`` when making the front door (its settings then apply to it)."""
        raise InvalidInputError(
            f"{type(self).__name__}.set_httpx_client() is not supported: pass http_client= to {type(self).__name__}()"
        )

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Not supported: pass ``http_client=`` when making the front door (its settings then apply to it)."""
        raise InvalidInputError(
            f"{type(self).__name__}.set_async_httpx_client() is not supported: pass http_client= to "
            f"{type(self).__name__}()"
        )

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

    @keywords_checked
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
        derived clients.
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
        return self._derived(**changes)

    def with_headers(self, headers: Mapping[str, str]) -> Self:
        """A client like this one that also sends ``headers``; see :meth:`with_options`."""
        return self.with_options(headers=headers)

    def with_timeout(self, timeout: TimeoutTypes) -> Self:
        """A client like this one with another timeout; see :meth:`with_options`."""
        return self.with_options(timeout=timeout)

    def with_cookies(self, cookies: Mapping[str, str]) -> Self:
        """A client like this one that also sends ``cookies``; see :meth:`with_options`."""
        return self._derived(cookies={**self._settings.cookies, **check_cookies(cookies)})

    def _derived(self, **changes: Any) -> Self:
        derived = object.__new__(type(self))
        derived._setup(evolve(self._settings, **changes), self._pool)
        return derived

    def _for_call(self, options: RequestOptions) -> Self:
        """This client, or one derived from it with ``options`` for one call."""
        if not options:
            return self
        unknown = set(options) - RequestOptions.__optional_keys__
        if unknown:
            raise InvalidInputError(
                f"unknown option {', '.join(sorted(unknown))}: a call takes "
                f"{', '.join(sorted(RequestOptions.__optional_keys__))}"
            )
        s = self._settings
        extra = check_headers(options.get("extra_headers"), "extra_headers")
        refuse_auth_header(extra, "extra_headers")
        timeout = options.get("timeout", NOT_GIVEN)
        max_retries = options.get("max_retries")
        retry_non_idempotent = options.get("retry_non_idempotent")
        deadline = options.get("deadline", NOT_GIVEN)
        return self._derived(
            headers={**s.headers, **extra},
            timeout=s.timeout if isinstance(timeout, NotGiven) else as_timeout(timeout),
            max_retries=s.max_retries if max_retries is None else check_count(max_retries, "max_retries", minimum=0),
            retry_non_idempotent=s.retry_non_idempotent
            if retry_non_idempotent is None
            else check_flag(retry_non_idempotent, "retry_non_idempotent"),
            deadline=s.deadline if isinstance(deadline, NotGiven) else check_seconds(deadline, "deadline"),
        )


def _operation(operation_id: object, arguments: dict[str, Any]) -> tuple[Operation[Any, Any], RequestOptions]:
    """The operation ``operation_id`` names, with ``arguments`` checked against its generated function's parameters
    (a ``body`` given as a mapping made into its model) and the call's options taken out of them."""
    operation = BY_OPERATION_ID.get(operation_id) if isinstance(operation_id, str) else None
    if operation is None:
        raise InvalidInputError(
            f"no operation {operation_id!r}: the API's operations are {', '.join(sorted(BY_OPERATION_ID))}"
        )
    options = cast(RequestOptions, {name: arguments.pop(name) for name in RequestOptions.__optional_keys__
                                    if name in arguments})  # fmt: skip
    signature = inspect.signature(operation.endpoint.sync_detailed)
    if isinstance(arguments.get("body"), Mapping) and hasattr(operation.body_annotation, "from_dict"):
        arguments["body"] = operation.body_annotation.from_dict(arguments["body"])
    try:
        signature.bind(client=None, **arguments)
    except TypeError as exc:
        accepted = ", ".join(name for name in signature.parameters if name != "client") or "none"
        raise InvalidInputError(f"{operation.operation_id}: {exc} (its arguments: {accepted})") from None
    return operation, options


def _pool(verify: Any, given: httpx.Client | httpx.AsyncClient | None, connection_args: Mapping[str, Any]) -> Pool:
    """Where a front door's connections come from: the caller's client, the caller's transport, an httpx client
    made with the caller's ``httpx_args`` (or for the environment's proxies), or the front door's own pool."""
    from ._network import AsyncPoolTransport, ClientTransport, PoolTransport  # noqa: PLC0415 - httpcore, on first use

    if given is not None:
        return Pool(lambda: ClientTransport(given), lambda: ClientTransport(given), owned=False)
    args = dict(connection_args)
    transport = args.pop("transport", None)
    if transport is not None and not args:
        return Pool(lambda: transport, lambda: transport, owned=False)
    context = ssl_context(verify)
    if args or transport is not None or _environment_proxies():
        options = {"verify": context(), "transport": transport, **args}
        return Pool(
            lambda: ClientTransport(httpx.Client(**options)),
            lambda: ClientTransport(httpx.AsyncClient(**options)),
            owned=True,
        )
    return Pool(lambda: PoolTransport(context()), lambda: AsyncPoolTransport(context()), owned=True)


def _environment_proxies() -> bool:
    return any(os.environ.get(name) for name in PROXY_VARIABLES)


class SyncAPIClient(APIClient):
    """Base of the synchronous front doors: the options of :class:`APIClient`; ``close()`` (or ``with``) releases
    the connections."""

    _http_client_type = httpx.Client

    def call(self, operation_id: str, /, **arguments: Any) -> Any:
        """Call any operation of the API by its operationId: ``arguments`` are its generated function's keyword
        arguments (path, query and header parameters by their Python names, ``body=`` its model or a mapping of
        its JSON), plus any :class:`RequestOptions`. Returns the parsed answer, checked against the API's schema
        as the front door's own methods' answers are. ``api.<tag>.<operation>.sync(client=client, ...)`` is the
        typed way to the same call."""
        operation, options = _operation(operation_id, arguments)
        return operation.call(self._for_call(options), Sending(None, None), **arguments)

    def close(self) -> None:
        """Close the connections this client's pool opened (shared with its derived clients); a later call opens
        new ones. An ``http_client`` you gave stays open: it is yours to close."""
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(APIClient):
    """Base of the asynchronous front doors: the options of :class:`APIClient`, with an ``httpx.AsyncClient`` as
    ``http_client``. Connections are pooled per event loop, so a client can be used under successive
    ``asyncio.run()``; ``await aclose()`` (or ``async with``) releases them."""

    _http_client_type = httpx.AsyncClient

    async def call(self, operation_id: str, /, **arguments: Any) -> Any:
        """Call any operation of the API by its operationId; see :meth:`SyncAPIClient.call`."""
        operation, options = _operation(operation_id, arguments)
        return await operation.acall(self._for_call(options), Sending(None, None), **arguments)

    async def aclose(self) -> None:
        """Close the connections this client's pool opened in this event loop; see :meth:`SyncAPIClient.close`."""
        await self._pool.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class RawResponses:
    """A front door's methods, each returning an :class:`APIResponse` (status, headers, request id,
    ``parse()``): ``client.with_raw_response.<method>(...)``. A vendor's subclass lists its methods."""

    def __init__(self, client: APIClient) -> None:
        self.client = client


class RawResponseMethod(Generic[P, R]):
    """A sync front-door method as a method of :class:`RawResponses`, returning the :class:`APIResponse`."""

    def __init__(self, method: Callable[Concatenate[Any, P], R]) -> None:
        self._method = method

    def __get__(self, raw: RawResponses, owner: object = None) -> Callable[P, APIResponse[R]]:
        method, client = self._method, raw.client

        @functools.wraps(method)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
            token = RAW_RESPONSE.set(True)
            try:
                return cast(APIResponse[R], method(client, *args, **kwargs))
            finally:
                RAW_RESPONSE.reset(token)

        return wrapped


class AsyncRawResponseMethod(Generic[P, R]):
    """An async front-door method as a method of :class:`RawResponses`; see :class:`RawResponseMethod`."""

    def __init__(self, method: Callable[Concatenate[Any, P], Awaitable[R]]) -> None:
        self._method = method

    def __get__(self, raw: RawResponses, owner: object = None) -> Callable[P, Awaitable[APIResponse[R]]]:
        method, client = self._method, raw.client

        @functools.wraps(method)
        async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
            token = RAW_RESPONSE.set(True)
            try:
                return cast(APIResponse[R], await method(client, *args, **kwargs))
            finally:
                RAW_RESPONSE.reset(token)

        return wrapped
