"""Fixtures for the drift tests: a loopback HTTP server for upstream pages, a closed port, a copy of the repository."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support.repository import copy_repository


class Upstream:
    """Pages served on 127.0.0.1: ``publish(name, text)`` returns the URL that serves ``text``."""

    def __init__(self, server: ThreadingHTTPServer, pages: dict[str, bytes]) -> None:
        self._server = server
        self._pages = pages

    def publish(self, name: str, text: str) -> str:
        self._pages[f"/{name}"] = text.encode("utf-8")
        return self.url(name)

    def url(self, name: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/{name}"


@pytest.fixture(scope="session")
def upstream() -> Iterator[Upstream]:
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/markdown; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Upstream(server, pages)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/page.md"


@pytest.fixture
def tooling_copy(tmp_path: Path) -> Path:
    """A private copy of the repository with sdkgen; ``python -m sdkgen`` run there works on it, not the checkout."""
    return copy_repository(tmp_path / "repo", tooling=True)
