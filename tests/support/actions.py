"""Scripted server behaviour: what to answer the next request with, instead of the spec-conformant default.

Each action is consumed by exactly one request, in the order the requests arrive, even by a request whose
client goes away mid-upload. Every action but ``Respond(read_body=False)`` reads (and records) the whole
request body before answering.
"""

from __future__ import annotations

import json as jsonlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

JSON: TypeAlias = Mapping[str, "JSON"] | Sequence["JSON"] | str | int | float | bool | None


@dataclass(frozen=True)
class Reply:
    """A complete HTTP response.

    Content-Length is that of ``body`` unless ``headers`` set one: a larger one makes a truncated response
    (uvicorn closes the connection when the body falls short).
    """

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True, kw_only=True)
class _Content:
    """A replacement body (``json`` or raw ``body``, not both), its content type and extra headers."""

    json: JSON = None
    body: bytes | None = None
    content_type: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.json is not None and self.body is not None:
            raise ValueError("give json or body, not both")

    def _replacement(self) -> tuple[bytes, str | None] | None:
        """The body and content type this action sends, or None when it sets neither ``json`` nor ``body``."""
        if self.json is not None:
            return jsonlib.dumps(self.json).encode(), self.content_type or "application/json"
        if self.body is not None:
            return self.body, self.content_type
        return None

    def _headers(self, base: Mapping[str, str], content_type: str | None) -> dict[str, str]:
        headers = {name: value for name, value in base.items() if name != "content-type"}
        if content_type is not None:
            headers["content-type"] = content_type
        headers.update((name.lower(), value) for name, value in self.headers.items())
        return headers


@dataclass(frozen=True)
class Respond(_Content):
    """Answer ``status`` with the given body and headers, without validating the request or running the handler.

    ``json`` is sent as ``application/json`` unless ``content_type`` says otherwise; with neither ``json`` nor
    ``body`` the response is empty. With ``read_body=False`` the server answers as soon as the request head
    has arrived, as a server rejecting early does: nothing of the body is recorded, and uvicorn then closes
    the connection, so a client still uploading a large body may see a write error instead of the response.
    """

    status: int
    read_body: bool = True

    def reply(self) -> Reply:
        """The response this action sends."""
        body, content_type = self._replacement() or (b"", self.content_type)
        return Reply(self.status, self._headers({}, content_type), body)


@dataclass(frozen=True)
class RespondAfterCreate(_Content):
    """Validate and handle the request for real (the voice is created and counted), then alter the response.

    ``status``, the body (``json``/``body``) and ``headers`` replace the real response's when given; with no
    arguments the real response goes out unchanged. A request the real server rejects (status >= 400, so
    nothing was created) gets its real rejection.
    """

    status: int | None = None

    def over(self, real: Reply) -> Reply:
        """The response this action sends in place of ``real``."""
        if real.status >= 400:
            return real
        body, content_type = self._replacement() or (real.body, real.headers.get("content-type"))
        status = real.status if self.status is None else self.status
        return Reply(status, self._headers(real.headers, content_type), body)


@dataclass(frozen=True)
class Stall:
    """Hold the response back for ``seconds``, e.g. to run into a client's read timeout.

    ``then`` decides the response, and runs first: with the default, the voice is created at once and only
    the answer is late. The stall blocks no other request, and ends early when the server is reset (as the
    fixtures do after each test) or stopped; the held response then goes out (a client that gave up never
    sees it).
    """

    seconds: float
    then: Respond | RespondAfterCreate = field(default_factory=RespondAfterCreate)


Action: TypeAlias = Respond | RespondAfterCreate | Stall
