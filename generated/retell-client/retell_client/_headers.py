"""What the client reads from a response's headers besides its body: the server's request id and ``Retry-After``."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

REQUEST_ID_HEADERS = ("x-request-id", "request-id")


def request_id(headers: httpx.Headers) -> str | None:
    """The server's request id (``x-request-id`` or ``request-id``), when it sent one."""
    return next((headers[name] for name in REQUEST_ID_HEADERS if name in headers), None)


def retry_after(response: httpx.Response) -> float | None:
    """The ``Retry-After`` header in seconds (a number or an HTTP date; 0 for a time past), ``None`` without one or
    when it is not a time."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return None
    if not math.isfinite(seconds):
        return None
    return max(seconds, 0.0)
