"""What a call read from the server: the body within bounds, and the raw response a caller can ask for."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx

from ._decoding import request_id, safe_text

R = TypeVar("R")


class APIResponse(Generic[R]):
    """A successful answer, as ``client.with_raw_response.<method>(...)`` returns it.

    ``status_code``, ``headers``, ``request_id``, ``elapsed`` (until the body was read), ``retries_taken``,
    ``content`` (the decoded body) and ``raw_body`` (as received); :meth:`parse` gives what the plain method
    returns, parsed from the body already read, once.
    """

    def __init__(
        self,
        *,
        http_response: httpx.Response,
        raw_body: bytes,
        elapsed: datetime.timedelta,
        retries_taken: int,
        parse: Callable[[], R],
    ) -> None:
        self.http_response = http_response
        self.raw_body = raw_body
        self.elapsed = elapsed
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
        """The request, with its ``Authorization`` header redacted."""
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
