"""The package's error hierarchy, and the helpers the generated endpoints use to raise it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

_REQUEST_ID_HEADERS = ("x-request-id", "request-id")
_SHOWN_BODY_CHARS = 500


class APIError(Exception):
    """Base of every error this package raises; ``message`` says what went wrong."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInputError(APIError, ValueError):
    """An argument was refused before any byte was sent; the message names the argument and the rule."""


class APIConnectionError(APIError):
    """The request could not be completed at the transport level (refused, reset, closed mid-upload...).

    ``body_sent`` tells whether any of the request body went out: when it did, the server may have acted.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None, body_sent: bool = False) -> None:
        super().__init__(message)
        self.request = request
        self.body_sent = body_sent


class APITimeoutError(APIConnectionError):
    """The server did not answer within the client's timeout."""


class StreamNotRewindableError(APIError):
    """A retry was due but a file stream already sent cannot be rewound, so it was not resent."""


class _ResponseError(APIError):
    """An error that carries the server's response."""

    def __init__(self, description: str, *, response: httpx.Response, message: str | None = None) -> None:
        super().__init__(description)
        if message is not None:
            self.message = message
        self.response = response
        self.status_code = response.status_code
        self.body = response.text if _is_read(response) else ""
        self.request_id = next(
            (response.headers[name] for name in _REQUEST_ID_HEADERS if name in response.headers), None
        )

    @property
    def data(self) -> Any:
        """The body parsed as JSON, or ``None`` when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class ResponseValidationError(_ResponseError):
    """A success response whose body does not match the API's schema, or whose status the API does not document.

    The server may have acted (created a voice): ``body`` keeps the raw text and ``data`` the parsed JSON, so nothing
    the server returned, such as the new voice's id, is lost.
    """


class APIStatusError(_ResponseError):
    """The server answered with a status outside 2xx.

    Attributes: ``status_code``; ``message``, from the JSON body's ``message`` (or ``error``) when there is one;
    ``body``, the raw text; ``request_id``, from the response headers when present; ``response``.
    """


class BadRequestError(APIStatusError):
    """400."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""


class PaymentRequiredError(APIStatusError):
    """402."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404."""


class UnprocessableEntityError(APIStatusError):
    """422."""


class RateLimitError(APIStatusError):
    """429."""


class InternalServerError(APIStatusError):
    """Any 5xx."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _is_read(response: httpx.Response) -> bool:
    try:
        response.content  # noqa: B018 - raises when the body could not be read
    except httpx.ResponseNotRead:
        return False
    return True


def _server_message(response: httpx.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        for key in ("message", "error", "detail"):
            value = payload.get(key)
            if isinstance(value, str) and value:
                return value
    text = response.text.strip()
    if text:
        return text if len(text) <= _SHOWN_BODY_CHARS else f"{text[:_SHOWN_BODY_CHARS]}... ({len(text)} characters)"
    return response.reason_phrase or "no body"


def error_for_status(response: httpx.Response) -> APIError:
    """The error for a response the endpoint does not parse: a typed status error outside 2xx, else a
    :class:`ResponseValidationError` for an undocumented success status."""
    status = response.status_code
    method, url = response.request.method, response.request.url.path
    if 200 <= status <= 299:
        return ResponseValidationError(
            f"{method} {url}: the API does not document status {status}; the raw body is kept in .body",
            response=response,
        )
    error_type = InternalServerError if status >= 500 else _STATUS_ERRORS.get(status, APIStatusError)
    message = _server_message(response)
    return error_type(f"{method} {url} answered {status}: {message}", response=response, message=message)


def redact(error: APIError, secret: str) -> None:
    """Blank ``secret`` out of ``error``'s message and body, should a server or proxy have echoed it back."""
    error.args = tuple(arg.replace(secret, "[redacted]") if isinstance(arg, str) else arg for arg in error.args)
    error.message = error.message.replace(secret, "[redacted]")
    if isinstance(error, _ResponseError):
        error.body = error.body.replace(secret, "[redacted]")


@contextmanager
def parsing_response(response: httpx.Response) -> Iterator[None]:
    """Turn a failure to parse a success body into a :class:`ResponseValidationError` that keeps the body."""
    try:
        yield
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ResponseValidationError(
            f"{response.request.method} {response.request.url.path} answered {response.status_code} with a body "
            f"that does not match the API's schema ({type(exc).__name__}: {exc}); the raw body is kept in .body",
            response=response,
        ) from exc
