"""The package's error hierarchy: everything a front door raises derives from :class:`APIError`.

Every error pickles and unpickles (for process pools and task queues) with the API key redacted from it, and the
request an error keeps carries ``Authorization: [redacted]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

import httpx

from ._constants import ERROR_BODY_BYTES
from ._decoding import decoded_response, safe_text
from ._headers import request_id, retry_after
from ._secrets import redact, redact_bytes

_SHOWN_BODY_CHARS = 500


def _rebuild(cls: type[APIError], args: tuple[Any, ...], state: dict[str, Any]) -> APIError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class APIError(Exception):
    """Base of every error this package raises; ``message`` says what went wrong."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # The default reduce calls the class with ``args`` alone, which keyword-only fields do not survive.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def _redact_fields(self, secrets: Iterable[str]) -> None:
        self.message = redact(self.message, secrets)


class InvalidInputError(APIError, ValueError):
    """An argument was refused before any byte was sent; the message names the argument and the rule."""


class APIConnectionError(APIError):
    """The request could not be completed at the transport level (refused, reset, closed mid-upload...).

    ``request_written`` tells whether any of the request may have reached the server: when it did not (the
    connection could not be made, or writing the request's head failed), the server cannot have acted. ``body_sent``
    tells whether any of the request body went out. ``request`` is the request, its credentials redacted.
    """

    request: httpx.Request | None
    body_sent: bool
    request_written: bool

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        body_sent: bool = False,
        request_written: bool = True,
    ) -> None:
        super().__init__(message)
        self.request = request
        self.body_sent = body_sent
        self.request_written = request_written or body_sent


class APITimeoutError(APIConnectionError):
    """A timeout ran out: connecting, a read or a write, or, when ``deadline_exceeded``, the call's overall
    ``deadline`` (which is never retried: it covers the retries)."""

    deadline_exceeded: bool

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        body_sent: bool = False,
        request_written: bool = True,
        deadline_exceeded: bool = False,
    ) -> None:
        super().__init__(message, request=request, body_sent=body_sent, request_written=request_written)
        self.deadline_exceeded = deadline_exceeded


class StreamNotRewindableError(APIError):
    """A retry was due but a file stream already sent cannot be rewound, so it was not resent."""


class FileUploadError(APIError):
    """A file failed while it was being sent: it could not be read, or it grew or shrank after it was opened.

    ``file`` names it. The request was cut short, so the server received an incomplete body and did not act.
    """

    file: str

    def __init__(self, message: str, *, file: str) -> None:
        super().__init__(message)
        self.file = file


class _ResponseError(APIError):
    """An error that carries the server's answer.

    ``status_code``, ``headers``; ``body``, the text of the answer; ``raw_body``, its bytes exactly as received
    (before any content coding was undone); ``request_id`` from the headers; ``response``, the decoded response.
    """

    response: httpx.Response
    request: httpx.Request
    status_code: int
    headers: httpx.Headers
    body: str
    raw_body: bytes
    request_id: str | None

    def __init__(
        self,
        description: str,
        *,
        response: httpx.Response,
        raw_body: bytes | None = None,
        message: str | None = None,
        truncated_at: int | None = None,
    ) -> None:
        super().__init__(description)
        if message is not None:
            self.message = message
        self.response = response
        self.request = response.request
        self.status_code = response.status_code
        self.headers = response.headers
        self.raw_body = response.content if raw_body is None else raw_body
        content = response.content or self.raw_body
        # The text is for reading: a body over ERROR_BODY_BYTES (a success over max_response_bytes) is shown cut, so
        # the error does not hold it twice; .raw_body and .data keep all of it.
        self.body = safe_text(content[:ERROR_BODY_BYTES], response.headers.get("content-type"))
        if truncated_at is not None:
            self.body += f"... [cut: the body is longer than {truncated_at} bytes, and reading stopped there]"
        elif len(content) > ERROR_BODY_BYTES:
            self.body += f"... [cut here: the body has {len(content)} bytes, which .raw_body keeps]"
        self.request_id = request_id(response.headers)

    @property
    def data(self) -> Any:
        """The body parsed as JSON, or ``None`` when it is not JSON (or nests too deeply to parse)."""
        try:
            return json.loads(self.response.content or self.raw_body)
        except (ValueError, RecursionError):
            return None

    def _redact_fields(self, secrets: Iterable[str]) -> None:
        keys = tuple(secrets)
        super()._redact_fields(keys)
        self.body = redact(self.body, keys)
        self.raw_body = redact_bytes(self.raw_body, keys)
        self.headers = httpx.Headers([(name, redact(value, keys)) for name, value in self.headers.multi_items()])
        self.response = decoded_response(
            self.status_code, self.headers, redact_bytes(self.response.content, keys), self.request
        )


class ResponseValidationError(_ResponseError):
    """A success answer that does not match the API's schema, does not decode, or has a status the API does not
    document.

    The server may have acted (created a voice): ``body``, ``data`` and ``raw_body`` keep everything it returned,
    such as the new voice's id.
    """


class ResponseTooLargeError(_ResponseError):
    """The answer's decoded body exceeds the client's ``max_response_bytes``; reading stopped there.

    ``body`` and ``raw_body`` keep what was read up to the limit.
    """


class APIStatusError(_ResponseError):
    """The server answered with a status outside 2xx.

    ``message`` comes from the JSON body's ``message`` (or ``error``, ``detail``) when there is one; ``body``
    keeps the text, read only as far as 64 KiB (a marker says when the rest was cut). ``retry_after`` is the
    server's ``Retry-After`` in seconds, when it sent one.
    """

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait before trying again (``Retry-After``), or ``None``."""
        return retry_after(self.response)


class BadRequestError(APIStatusError):
    """400."""

    status_code: Literal[400]


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""

    status_code: Literal[401]


class PaymentRequiredError(APIStatusError):
    """402."""

    status_code: Literal[402]


class PermissionDeniedError(APIStatusError):
    """403."""

    status_code: Literal[403]


class NotFoundError(APIStatusError):
    """404."""

    status_code: Literal[404]


class ConflictError(APIStatusError):
    """409."""

    status_code: Literal[409]


class UnprocessableEntityError(APIStatusError):
    """422."""

    status_code: Literal[422]


class RateLimitError(APIStatusError):
    """429."""

    status_code: Literal[429]


class InternalServerError(APIStatusError):
    """Any 5xx."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _server_message(response: httpx.Response, text: str) -> str:
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        payload = None
    if isinstance(payload, dict):
        for key in ("message", "error", "detail"):
            value = payload.get(key)
            if isinstance(value, str) and value:
                return value
    text = text.strip()
    if text:
        return text if len(text) <= _SHOWN_BODY_CHARS else f"{text[:_SHOWN_BODY_CHARS]}... ({len(text)} characters)"
    return response.reason_phrase or "no body"


def status_error(response: httpx.Response, raw_body: bytes, *, truncated_at: int | None = None) -> APIStatusError:
    """The typed error for an answer outside 2xx; ``truncated_at`` says where reading its body stopped."""
    status = response.status_code
    error_type = InternalServerError if status >= 500 else _STATUS_ERRORS.get(status, APIStatusError)
    message = _server_message(response, safe_text(response.content or raw_body, response.headers.get("content-type")))
    return error_type(
        f"{_where(response)} answered {status}: {message}",
        response=response,
        raw_body=raw_body,
        message=message,
        truncated_at=truncated_at,
    )


def undocumented_status(response: httpx.Response, raw_body: bytes) -> ResponseValidationError:
    """The error for a success status the operation does not document."""
    return ResponseValidationError(
        f"{_where(response)}: the API does not document status {response.status_code}; the body is kept in .body",
        response=response,
        raw_body=raw_body,
    )


def unparsable(response: httpx.Response, raw_body: bytes, reason: str) -> ResponseValidationError:
    """The error for a success answer that does not decode or does not match the schema."""
    return ResponseValidationError(
        f"{_where(response)} answered {response.status_code} with a body that {reason}; the body is kept in .body "
        "and .raw_body",
        response=response,
        raw_body=raw_body,
    )


def _where(response: httpx.Response) -> str:
    return f"{response.request.method} {response.request.url.path}"
