"""What a call read from the server, as a caller can keep it: the raw response ``with_raw_response`` returns."""

from __future__ import annotations

import contextvars
import datetime
import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx

from ._auth import redacted
from ._decoding import decoded_response, safe_text
from ._headers import request_id

R = TypeVar("R")

RAW_RESPONSE: contextvars.ContextVar[bool] = contextvars.ContextVar("raw_response", default=False)
"""Set by ``with_raw_response`` for the duration of one call: the call returns an :class:`APIResponse`."""

LAST_RESPONSE: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar("last_response", default=None)
"""The answer the transport last handed to the client in this context: the front doors read it to keep the body of
an answer the generated code could not parse, and for raw responses."""

RAW_BODY = "sdk_raw_body"
RETRIES_TAKEN = "sdk_retries_taken"
"""Keys of ``Response.extensions`` the transport sets: the body as received (before content codings were undone),
and the retries the call took."""


class APIResponse(Generic[R]):
    """A successful answer, as ``client.with_raw_response.<method>(...)`` returns it.

    ``status_code``, ``headers``, ``request_id``, ``elapsed`` (until the body was read), ``retries_taken``,
    ``content`` (the decoded body) and ``raw_body`` (as received); :meth:`parse` gives what the plain method
    returns, parsed from the body already read, once.
    """

    def __init__(self, *, http_response: httpx.Response, retries_taken: int, parse: Callable[[], R]) -> None:
        self.http_response: httpx.Response = decoded_response(
            http_response.status_code, http_response.headers, http_response.content, redacted(http_response.request)
        )
        self.raw_body: bytes = http_response.extensions.get(RAW_BODY, http_response.content)
        self.elapsed: datetime.timedelta = http_response.elapsed
        self.retries_taken = retries_taken
        self._parse = parse
        self._parsed = False
        self._result: R

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse [{self.status_code}] {request.method} {request.url.path}>"

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers as received."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's request id (``x-request-id`` or ``request-id``), when it sent one."""
        return request_id(self.headers)

    @property
    def http_request(self) -> httpx.Request:
        """The request, with its credentials redacted."""
        return self.http_response.request

    @property
    def content(self) -> bytes:
        """The decoded body."""
        return self.http_response.content

    @property
    def text(self) -> str:
        """The body as text."""
        return safe_text(self.content, self.headers.get("content-type"))

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.content)

    def parse(self) -> R:
        """The parsed result, as the plain method returns it (parsed on the first call only);
        :class:`ResponseValidationError` when the body does not match the API's schema."""
        if not self._parsed:
            self._result = self._parse()
            self._parsed = True
        return self._result
