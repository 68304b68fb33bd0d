"""When a failed attempt is retried, and how long to wait: safe retries by default, the rest opt-in."""

from __future__ import annotations

import logging
import random

import httpx
from attrs import frozen

from ._constants import MAX_RETRY_WAIT_S
from ._exceptions import APIConnectionError, APIError, APIStatusError, APITimeoutError

logger = logging.getLogger(__name__.rpartition(".")[0])

SAFE_STATUSES = frozenset({429, 503})
"""Answers that mean the server did not act: retried by default."""

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
"""RFC 9110 §9.2.2: sending these twice has the effect of sending them once."""

IDEMPOTENCY_HEADERS = ("idempotency-key", "x-idempotency-key")
"""A request carrying one of these may be sent twice: the server deduplicates it (as Go's net/http also assumes)."""

INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0


@frozen
class RetryPolicy:
    """Which failures are retried, and how many times.

    By default only failures after which the server cannot have acted are retried: 429 and 503 answers, and a
    request of which nothing reached the server (the connection could not be made, or writing the request's head
    failed). Requests that are idempotent by method or carry an ``Idempotency-Key`` header are also retried after
    any connection failure. The call's deadline running out is never retried. With ``retry_non_idempotent``
    also 408, 409 and other 5xx answers, timeouts and connections dropped mid-request, any of which may have
    created a voice already.
    """

    max_retries: int
    retry_non_idempotent: bool

    def should_retry(self, error: APIError, request: httpx.Request) -> bool:
        """Whether ``error`` is worth another attempt of ``request`` under this policy."""
        if isinstance(error, APIStatusError):
            if error.status_code in SAFE_STATUSES:
                return True
            return self.retry_non_idempotent and (error.status_code in (408, 409) or error.status_code >= 500)
        if isinstance(error, APITimeoutError) and error.deadline_exceeded:
            return False
        if isinstance(error, APIConnectionError):
            return not error.request_written or self.retry_non_idempotent or replayable(request)
        return False


def replayable(request: httpx.Request) -> bool:
    """Whether sending ``request`` twice is harmless: an idempotent method, or an idempotency key."""
    return request.method in IDEMPOTENT_METHODS or any(name in request.headers for name in IDEMPOTENCY_HEADERS)


def delay(error: APIError, attempt: int) -> float:
    """Seconds to wait before attempt ``attempt + 1``: the server's ``Retry-After``, else jittered backoff."""
    if isinstance(error, APIStatusError) and (requested := error.retry_after) is not None:
        return requested
    backoff = min(MAX_BACKOFF_S, INITIAL_BACKOFF_S * 2.0 ** (attempt - 1))
    return backoff * (1 - 0.25 * random.random())  # noqa: S311 - jitter, not cryptography


def affordable(wait: float, remaining: float) -> bool:
    """Whether a wait of ``wait`` seconds is one to sit through: at most ``MAX_RETRY_WAIT_S``, and leaving time
    for the next attempt before the deadline."""
    return wait <= MAX_RETRY_WAIT_S and wait < remaining


def log_retry(operation: str, error: APIError, wait: float, attempt: int, total: int) -> None:
    """Say at INFO level which failure of ``operation`` is being retried and when."""
    logger.info(
        "%s failed (%s); retrying in %.2f s (attempt %d of %d)",
        operation,
        type(error).__name__,
        wait,
        attempt + 1,
        total,
    )
