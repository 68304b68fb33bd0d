"""The TLS context clients verify servers with when they are given no other.

httpx builds a new context for every client, reading and parsing the whole CA bundle each time (about 35 ms, on the
client's first request here, since the pool is made then): a program that makes a client per task or per request
would pay that every time. The default context is made once per process and shared; contexts are safe to share
between threads and clients, and ours all speak HTTP/1.1, the only setting httpcore changes on a context.
"""

from __future__ import annotations

import functools
import ssl
from typing import Any

import httpx


@functools.cache
def _default_context() -> ssl.SSLContext:
    # httpx's own default (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR when set), read when first needed.
    return httpx.create_ssl_context()


def verify_option(verify: Any) -> Any:
    """What to pass httpx as ``verify`` for ``verify_ssl``: the shared default context for ``True``, else
    ``verify`` itself (``False``, a CA bundle path or the caller's ``ssl.SSLContext``)."""
    return _default_context() if verify is True else verify
