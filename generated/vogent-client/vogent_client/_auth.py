"""The API key: where it comes from, what makes one acceptable, and the ``httpx.Auth`` that puts it on a request.

Where the key goes is the spec's choice (its security schemes, written by sdkgen into ``_spec.py`` for the API and
into ``_operations.py`` for each operation): a header, with or without a prefix (``Authorization: Bearer <key>``),
or a query parameter; an operation the spec marks as needing no security goes without it. The key is added to each
request by :class:`APIKeyAuth` and nowhere else: a caller's header of the same name is refused, the key is never
sent to another origin than the client's base URL, and every request an error or a response keeps is a redacted
copy.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Mapping

import httpx

from ._constants import REDACTED
from ._exceptions import InvalidInputError
from ._secrets import register
from ._spec import AUTH, AUTH_PLACEMENTS

Placement = tuple[str, str, str]
"""Where a request carries the key: ``"header"`` or ``"query"``, the name, and what precedes the key."""


def resolve_api_key(value: object, env_name: str, client_name: str) -> str:
    """The key given, else the one in ``env_name``; a missing or malformed key is an :class:`InvalidInputError`
    that names where it came from and never shows it."""
    if value is None:
        value = os.environ.get(env_name)
        if value is None:
            raise InvalidInputError(
                f"no API key: pass api_key= to {client_name}() or set {env_name} in the environment"
            )
    source = f"api_key (or {env_name})"
    if not isinstance(value, str):
        raise InvalidInputError(f"{source} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise InvalidInputError(f"{source} is blank: set it to your API key")
    if value != value.strip():
        raise InvalidInputError(f"{source} has leading or trailing whitespace: remove it")
    if not value.isprintable():
        raise InvalidInputError(f"{source} contains control characters")
    if not value.isascii():
        raise InvalidInputError(f"{source} contains non-ASCII characters (a dash or quote pasted from a web page?)")
    register(value)
    return value


def refuse_auth_header(headers: Mapping[str, str], argument: str) -> None:
    """``headers`` may not set a header that carries the key: the key comes from ``api_key``."""
    for where, name, prefix in AUTH_PLACEMENTS:
        if where == "header" and any(given.lower() == name.lower() for given in headers):
            raise InvalidInputError(
                f"{argument} may not set {name}: the client sends its api_key as '{name}: {prefix}...'; pass the key "
                "as api_key= (or a derived client's with_options(api_key=...))"
            )


class APIKeyAuth(httpx.Auth):
    """Adds the API key where the request's operation says (``placement_for``), to requests for the client's own
    origin only."""

    def __init__(
        self, api_key: str, base_url: httpx.URL, placement_for: Callable[[httpx.Request], Placement | None]
    ) -> None:
        self._api_key = api_key
        self._origin = _origin(base_url)
        self._placement_for = placement_for

    def __repr__(self) -> str:
        where, name, _ = AUTH
        return f"APIKeyAuth({where} {name!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Authorize ``request`` when it goes to the client's origin and its operation takes the key."""
        placement = self._placement_for(request)
        if placement is not None and _origin(request.url) == self._origin:
            where, name, prefix = placement
            if where == "header":
                request.headers[name] = f"{prefix}{self._api_key}"
            else:
                request.url = request.url.copy_merge_params({name: f"{prefix}{self._api_key}"})
        yield request


def strip_foreign_credentials(request: httpx.Request, base_url: httpx.URL) -> None:
    """Remove the key from ``request`` when it goes to another origin than ``base_url`` (a followed redirect:
    httpx itself strips only ``Authorization``)."""
    if _origin(request.url) == _origin(base_url):
        return
    for where, name, _ in AUTH_PLACEMENTS:
        if where == "header":
            request.headers.pop(name, None)
        elif name in request.url.params:
            request.url = request.url.copy_remove_param(name)


def redacted(request: httpx.Request) -> httpx.Request:
    """A body-less copy of ``request`` whose key is ``[redacted]``, to keep in errors and responses."""
    headers = httpx.Headers(request.headers)
    url = request.url
    for where, name, _ in AUTH_PLACEMENTS:
        if where == "header" and name in headers:
            headers[name] = REDACTED
        elif where == "query" and name in url.params:
            url = url.copy_set_param(name, REDACTED)
    copy = httpx.Request(request.method, url, headers=headers)
    copy.headers = headers
    return copy


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)
