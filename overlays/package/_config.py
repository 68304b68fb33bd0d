"""Checks of the client options that are not the key (see ``_auth``): base URL, timeouts, limits, headers, proxies.

Each check names the option and the rule, and runs when the client is made, so a mistake never reaches the network.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import inspect
import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlsplit

import httpx

from ._auth import refuse_auth_header
from ._exceptions import InvalidInputError

TimeoutTypes = float | httpx.Timeout | None
"""A timeout option: seconds for connect, read, write and pool alike, an ``httpx.Timeout``, or ``None`` for none."""

S = TypeVar("S")
P = ParamSpec("P")
R = TypeVar("R")

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""RFC 9110's token: what a header name may be."""
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def keywords_checked(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """``method`` with a wrong keyword refused by a message naming the caller's class and the closest keyword.

    Python's own ``TypeError`` names the class that defines the method (``APIClient.__init__()``), which the caller
    never wrote, and guesses nothing.
    """
    accepted = list(inspect.signature(method).parameters)[1:]
    call = "()" if method.__name__ == "__init__" else f".{method.__name__}()"

    @functools.wraps(method)
    def checked(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        where = f"{type(self).__name__}{call}"
        if args:
            raise TypeError(f"{where} takes keyword arguments only ({', '.join(accepted)}), got {len(args)} positional")
        for name in kwargs:
            if name not in accepted:
                close = difflib.get_close_matches(name, accepted, n=1)
                guess = f"did you mean {close[0]!r}? " if close else ""
                raise TypeError(
                    f"{where} got an unexpected keyword argument {name!r}: {guess}It takes {', '.join(accepted)}"
                )
        return method(self, *args, **kwargs)

    return checked


def resolve_base_url(value: object, env_name: str, default: str, *, allow_insecure_http: bool) -> httpx.URL:
    """The base URL given, else ``env_name``'s, else the spec's, checked the way httpx will use it."""
    if value is None:
        value = os.environ.get(env_name) or default
    source = f"base_url (or {env_name})"
    if not isinstance(value, str | httpx.URL):
        raise InvalidInputError(f"{source} must be a string, not {type(value).__name__}")
    text = str(value)
    if not text.isprintable() or text != text.strip():
        raise InvalidInputError(f"{source} contains whitespace or control characters: {text!r}")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise InvalidInputError(f"{source} is not a valid URL ({exc}): {text!r}") from None
    try:
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        raise InvalidInputError(f"{source} has an invalid port ({exc}): {text!r}") from None
    try:
        url = httpx.URL(text)
        url.host  # noqa: B018 - decoding the IDNA host is the check
    except Exception as exc:
        raise InvalidInputError(f"{source} is not a valid URL ({type(exc).__name__}: {exc}): {text!r}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidInputError(f"{source} must be an absolute http:// or https:// URL, got {text!r}")
    if url.userinfo:
        raise InvalidInputError(
            f"{source} must not carry credentials (user:password@); the client authenticates with api_key"
        )
    if url.query or url.fragment:
        raise InvalidInputError(f"{source} must not have a query or a fragment: {text!r}")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise InvalidInputError(
            f"{source} is plain http:// to {url.host}, which would send the API key unencrypted: use https://, or "
            "pass allow_insecure_http=True if the network path is trusted"
        )
    return url.copy_with(path=url.path.rstrip("/"))


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def as_timeout(value: object, argument: str = "timeout") -> httpx.Timeout:
    """An ``httpx.Timeout`` from a :data:`TimeoutTypes` value."""
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0:
        return httpx.Timeout(float(value))
    raise InvalidInputError(f"{argument} must be a number of seconds > 0, an httpx.Timeout or None, got {value!r}")


def check_seconds(value: object, argument: str) -> float | None:
    """``value`` as seconds > 0, or ``None`` (no limit)."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0:
        return float(value)
    raise InvalidInputError(f"{argument} must be a number of seconds > 0 or None, got {value!r}")


def check_count(value: object, argument: str, *, minimum: int) -> int:
    """``value`` as a whole number >= ``minimum``."""
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InvalidInputError(f"{argument} must be a whole number >= {minimum}, got {value!r}")
    return value


def check_flag(value: object, argument: str) -> bool:
    """``value``, which must be ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise InvalidInputError(f"{argument} must be True or False, got {value!r}")
    return value


def check_headers(headers: object, argument: str) -> dict[str, str]:
    """``headers`` as a dict of valid header names and values, ``Authorization`` refused."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise InvalidInputError(f"{argument} must be a mapping of header names to values")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _TOKEN.fullmatch(name):
            raise InvalidInputError(f"{argument}: {name!r} is not a valid header name")
        if not isinstance(value, str) or any(c in value for c in "\r\n\0"):
            raise InvalidInputError(f"{argument}[{name!r}] must be a string without CR, LF or NUL")
        checked[name] = value
    refuse_auth_header(checked, argument)
    return checked


def check_cookies(cookies: object, argument: str = "cookies") -> dict[str, str]:
    """``cookies`` as a dict of names to values."""
    if cookies is None:
        return {}
    if not isinstance(cookies, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in cookies.items()
    ):
        raise InvalidInputError(f"{argument} must be a mapping of cookie names to string values")
    return dict(cookies)


def check_proxy_environment() -> None:
    """Refuse proxy variables httpx would fail on later (``ImportError``, ``ValueError``), naming the variable."""
    for name in PROXY_VARIABLES:
        value = os.environ.get(name)
        if not value:
            continue
        scheme = urlsplit(value if "://" in value else f"http://{value}").scheme.lower()
        if scheme not in _PROXY_SCHEMES:
            raise InvalidInputError(
                f"the environment variable {name} names a {scheme}:// proxy; httpx supports "
                f"{', '.join(s + '://' for s in _PROXY_SCHEMES)} (unset it, or pass "
                "http_client=httpx.Client(trust_env=False))"
            )
        if scheme.startswith("socks") and not _has_socksio():
            raise InvalidInputError(
                f"the environment variable {name} names a SOCKS proxy, which needs `pip install httpx[socks]` "
                "(or unset it, or pass http_client=httpx.Client(trust_env=False))"
            )


def _has_socksio() -> bool:
    try:
        importlib.import_module("socksio")
    except ImportError:
        return False
    return True


def check_http_client(client: object, expected: type[Any], own_base_url: httpx.URL, client_name: str) -> None:
    """A caller's ``http_client`` must be of the front door's kind, with no conflicting base URL."""
    if not isinstance(client, expected):
        raise InvalidInputError(
            f"http_client for {client_name} must be an {expected.__module__}.{expected.__qualname__}, got "
            f"{type(client).__module__}.{type(client).__qualname__}"
        )
    their = client.base_url
    if str(their) and their.copy_with(path=their.path.rstrip("/")) != own_base_url:
        raise InvalidInputError(
            f"http_client has base_url {str(their)!r} but {client_name} sends to {str(own_base_url)!r}: leave the "
            "http_client's base_url unset (the client builds every URL from its own base_url)"
        )


_OWN_OPTIONS = {
    "base_url": "base_url",
    "auth": "api_key",
    "headers": "headers",
    "cookies": "cookies",
    "timeout": "timeout",
    "follow_redirects": "follow_redirects",
    "max_redirects": "follow_redirects",
    "params": "a generated function's parameters",
    "verify": "verify_ssl",
}
"""httpx options a front door sets itself, and the front door's option to use instead."""


def check_httpx_args(httpx_args: object) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """``httpx_args`` split into what makes the connections (``transport``, ``proxy``, ``mounts``...) and the
    ``event_hooks``, which the front door's own httpx clients run."""
    if httpx_args is None:
        return {}, {}
    if not isinstance(httpx_args, Mapping) or not all(isinstance(name, str) for name in httpx_args):
        raise InvalidInputError("httpx_args must be a mapping of httpx.Client argument names to values")
    for name in httpx_args:
        if name in _OWN_OPTIONS:
            raise InvalidInputError(
                f"httpx_args may not set {name!r}: the front door sets it from its own option {_OWN_OPTIONS[name]}"
            )
    connection = {name: value for name, value in httpx_args.items() if name != "event_hooks"}
    hooks = httpx_args.get("event_hooks") or {}
    if not isinstance(hooks, Mapping) or not set(hooks) <= {"request", "response"}:
        raise InvalidInputError("httpx_args['event_hooks'] must map 'request' and/or 'response' to lists of callables")
    checked: dict[str, list[Any]] = {}
    for kind, functions in hooks.items():
        if isinstance(functions, str | bytes) or not all(callable(function) for function in functions):
            raise InvalidInputError(f"httpx_args['event_hooks'][{kind!r}] must be a list of callables")
        checked[kind] = list(functions)
    return connection, checked
