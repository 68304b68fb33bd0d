"""When a failed call is retried, and how long to wait: safe retries by default, the rest opt-in."""

from __future__ import annotations

import logging
import math
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from attrs import frozen

from ._exceptions import APIConnectionError, APIStatusError, APITimeoutError

if TYPE_CHECKING:
    import httpx
    from tenacity import RetryCallState

logger = logging.getLogger(__name__.rpartition(".")[0])

SAFE_STATUSES = frozenset({429, 503})
"""Answers that mean the server did not act: retried by default."""

MAX_RETRY_AFTER_S = 60.0
INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0


@frozen
class RetryPolicy:
    """Which failures are retried, and how many times.

    By default only failures after which the server cannot have acted are retried: 429 and 503 answers,
    connections that failed before any of the body went out, and a reused keep-alive connection the server reset
    with the request unread. The call's deadline running out is never retried. With ``retry_non_idempotent``
    also 408, 409 and other 5xx answers, timeouts and connections dropped mid-request, any of which may have
    created a voice already.
    """

    max_retries: int
    retry_non_idempotent: bool

    def should_retry(self, error: BaseException) -> bool:
        """Whether ``error`` is worth another attempt under this policy."""
        if isinstance(error, APIStatusError):
            if error.status_code in SAFE_STATUSES:
                return True
            return self.retry_non_idempotent and (error.status_code in (408, 409) or error.status_code >= 500)
        if isinstance(error, APITimeoutError) and error.deadline_exceeded:
            return False
        if isinstance(error, APIConnectionError):
            return not error.body_sent or error.request_unread or self.retry_non_idempotent
        return False

    def delay(self, state: RetryCallState) -> float:
        """Seconds to wait before the next attempt: the server's ``Retry-After`` (capped), else jittered backoff."""
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, APIStatusError):
            requested = retry_after(error.response)
            if requested is not None:
                return requested
        backoff = min(MAX_BACKOFF_S, INITIAL_BACKOFF_S * 2.0 ** (state.attempt_number - 1))
        return backoff * (1 - 0.25 * random.random())  # noqa: S311 - jitter, not cryptography


def retry_after(response: httpx.Response) -> float | None:
    """The ``Retry-After`` header in seconds (a number or an HTTP date), capped at ``MAX_RETRY_AFTER_S``."""
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
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def log_retry(operation: str, state: RetryCallState, total_attempts: int) -> None:
    """Say at INFO level which failure is being retried and when."""
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    logger.info(
        "%s failed (%s); retrying in %.2f s (attempt %d of %d)",
        operation,
        type(error).__name__,
        wait,
        state.attempt_number + 1,
        total_attempts,
    )
