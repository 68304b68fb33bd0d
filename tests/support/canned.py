"""A loopback HTTP server that answers each (method, path) with a canned answer and records what it received.

For round trips of shapes no vendor's handler serves: the test sets the answer, calls the client, then reads
``requests``. Standard library only (``http.server`` in a thread), so it starts in milliseconds.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .lifecycle import Served

_POLL_S = 0.05
_STOP_TIMEOUT_S = 5.0
_NO_BODY = frozenset({204, 304})
"""Statuses whose answers carry no body, and so no Content-Length (RFC 9110)."""


@dataclass(frozen=True)
class Canned:
    """One answer: ``status``, ``body`` bytes and headers (``Content-Type`` included when there is a body)."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def json(cls, status: int, value: object, *headers: tuple[str, str]) -> Canned:
        """``value`` as a JSON body."""
        return cls(status, json.dumps(value).encode(), (("Content-Type", "application/json"), *headers))


@dataclass(frozen=True)
class Received:
    """A request as it arrived."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = field(repr=False)

    def json(self) -> object:
        """The body parsed as JSON."""
        return json.loads(self.body)


class CannedServer(Served):
    """Serves ``answers[(METHOD, path)]`` on ``127.0.0.1``; an unset route answers 599, so a test that forgot to
    set one fails loudly. Use it as a context manager, or ``start``/``stop``."""

    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], list[Canned]] = {}
        """The answers for each (method, path), given in turn, the last one from then on; set before the call."""
        self.requests: list[Received] = []
        """Every request received, in order."""
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        """The server's URL, for a client's ``base_url``."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(_POLL_S,), name="canned-server", daemon=True
        )

    def answer(self, method: str, path: str, canned: Canned, *then: Canned) -> None:
        """Answer ``method path`` with ``canned``, then each of ``then`` in turn, the last one from then on."""
        with self._lock:
            self.answers[(method.upper(), path)] = [canned, *then]

    def reset(self) -> None:
        """Forget every answer and every recorded request."""
        with self._lock:
            self.answers.clear()
            self.requests.clear()

    def start(self) -> None:
        """Serve in a background thread; the socket is listening already."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._thread.join(_STOP_TIMEOUT_S)
        self._server.server_close()

    def _respond(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        received = Received(handler.command, url.path, parse_qs(url.query), dict(handler.headers.items()), body)
        with self._lock:
            self.requests.append(received)
            queued = self.answers.get((handler.command, url.path)) or [Canned(599, b"no canned answer")]
            canned = queued.pop(0) if len(queued) > 1 else queued[0]
        handler.send_response(canned.status)
        for name, value in canned.headers:
            handler.send_header(name, value)
        if canned.status not in _NO_BODY:
            handler.send_header("Content-Length", str(len(canned.body)))
        handler.end_headers()
        handler.wfile.write(canned.body)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._respond(self)

            do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

            def log_message(self, format: str, *args: object) -> None:
                """Keep the test output quiet."""

        return Handler
