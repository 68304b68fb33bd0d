"""The TLS context clients verify servers with.

httpx builds a new context for every client, reading and parsing the whole CA bundle each time (about 35 ms, on the
client's first request): a program that makes a client per task or per request would pay that every time. The
default context is made once per process and shared; contexts are safe to share between threads and clients, and
ours all speak HTTP/1.1, the only setting httpcore changes on a context.
"""

from __future__ import annotations

import functools
import os
import ssl
from collections.abc import Callable

import httpx

from ._exceptions import InvalidInputError


@functools.cache
def _default_context() -> ssl.SSLContext:
    # httpx's own default (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR when set), read when first needed.
    return httpx.create_ssl_context()


def ssl_context(verify: object) -> Callable[[], ssl.SSLContext]:
    """What makes the context for ``verify_ssl``, checked now: the shared default for ``True`` (made when first
    needed), no verification for ``False``, the CA bundle (a file or a directory) at a path, or the caller's own
    context."""
    if verify is True:
        return _default_context
    if isinstance(verify, ssl.SSLContext | bool):
        context = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=False)
    elif isinstance(verify, str | os.PathLike):
        path = os.fspath(verify)
        try:
            context = (
                ssl.create_default_context(capath=path)
                if os.path.isdir(path)
                else ssl.create_default_context(cafile=path)
            )
        except (OSError, ssl.SSLError) as exc:
            raise InvalidInputError(f"verify_ssl: no CA certificates can be read from {path!r} ({exc})") from None
    else:
        raise InvalidInputError(
            f"verify_ssl must be True, False, a CA bundle path or an ssl.SSLContext, got {type(verify).__name__}"
        )
    return lambda: context
