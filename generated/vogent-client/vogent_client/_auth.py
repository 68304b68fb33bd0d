"""The API key: where it comes from, what makes one acceptable, and the one place a request gets its header.

The header is built for each request from the client's key, so it cannot go stale, and it is the only way the key
leaves the process: a caller's ``Authorization`` header is refused, and every request an error or a response keeps
is a copy whose ``Authorization`` is redacted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import httpx

from ._constants import REDACTED
from ._exceptions import InvalidInputError
from ._secrets import register

AUTH_HEADER = "Authorization"
SCHEME = "Bearer"


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
    """``headers`` may not set ``Authorization``: the key comes from ``api_key``."""
    if any(name.lower() == AUTH_HEADER.lower() for name in headers):
        raise InvalidInputError(
            f"{argument} may not set {AUTH_HEADER}: the client sends its api_key as '{AUTH_HEADER}: {SCHEME} ...'; "
            "pass the key as api_key= (or a derived client's with_options(api_key=...))"
        )


def authorize(request: httpx.Request, api_key: str) -> None:
    """Give ``request`` the client's credentials."""
    request.headers[AUTH_HEADER] = f"{SCHEME} {api_key}"


def redacted(request: httpx.Request) -> httpx.Request:
    """A body-less copy of ``request`` whose ``Authorization`` is ``[redacted]``, to keep in errors and responses."""
    headers = httpx.Headers(request.headers)
    if AUTH_HEADER in headers:
        headers[AUTH_HEADER] = REDACTED
    copy = httpx.Request(request.method, request.url, headers=headers)
    copy.headers = headers
    return copy
