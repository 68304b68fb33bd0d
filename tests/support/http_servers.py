"""Small loopback servers beside the spec server: a redirector, a TLS server with a self-signed certificate, and a
page server for upstream documentation pages. Each is a ``Served``: ``with server:`` runs it for the block."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .lifecycle import AcceptLoop, Served

_POLL_S = 0.02
_STOP_TIMEOUT = 5.0


class _Threaded(Served):
    """A ThreadingHTTPServer on 127.0.0.1 run in a background thread."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.http.owner = self  # type: ignore[attr-defined]
        host, port = self.http.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        """The server's URL, for a client's ``base_url``."""
        self._thread = threading.Thread(
            target=self.http.serve_forever, kwargs={"poll_interval": _POLL_S}, name=type(self).__name__, daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        self._thread.join(_STOP_TIMEOUT)


class Redirector(_Threaded):
    """Answers every POST with ``status`` and ``Location: target``, recording each request's Authorization."""

    def __init__(self, status: int, target: str) -> None:
        super().__init__(_RedirectHandler)
        self.status = status
        self.target = target
        self.authorizations: list[str | None] = []


class _RedirectHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        owner: Redirector = self.server.owner  # type: ignore[attr-defined]
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        owner.authorizations.append(self.headers.get("Authorization"))
        self.send_response(owner.status)
        self.send_header("Location", owner.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read what they need from the server's attributes."""


class PageServer(_Threaded):
    """Serves text pages: ``publish(name, text)`` returns the URL that serves ``text``; any other path is a 404."""

    def __init__(self) -> None:
        super().__init__(_PageHandler)
        self.pages: dict[str, bytes] = {}

    def publish(self, name: str, text: str) -> str:
        """Serve ``text`` at ``/name`` from now on; its URL."""
        self.pages[f"/{name}"] = text.encode("utf-8")
        return self.url(name)

    def url(self, name: str) -> str:
        """The URL of ``/name``, published or not."""
        return f"{self.base_url}/{name}"


class _PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        owner: PageServer = self.server.owner  # type: ignore[attr-defined]
        body = owner.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/markdown; charset=utf-8")
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def self_signed_certificate(directory: Path) -> Path | None:
    """A self-signed certificate and key for 127.0.0.1 in one PEM file under ``directory``, made with the openssl
    command; None when openssl is not installed."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    pem = directory / "self-signed.pem"
    subprocess.run(
        [
            openssl,
            *("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(pem), "-out", str(pem)),
        ],
        check=True,
        capture_output=True,
    )
    return pem


class TLSServer(AcceptLoop):
    """A TLS server on 127.0.0.1 presenting ``certificate``: it counts failed handshakes, and answers each request
    that gets through with ``status`` and ``body``, keeping the request's bytes in ``received``."""

    def __init__(self, certificate: Path, status: int, body: bytes) -> None:
        super().__init__("tls-server")
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(certificate)
        self.base_url = f"https://127.0.0.1:{self.port}"
        self._reply = f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
        self._reply_body = body
        self.failed_handshakes = 0
        self.received: list[bytes] = []

    def handle(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        try:
            with self._context.wrap_socket(connection, server_side=True) as tls:
                self.received.append(_read_request(tls))
                tls.sendall(self._reply.encode() + b"connection: close\r\n\r\n" + self._reply_body)
        except (ssl.SSLError, OSError):
            self.failed_handshakes += 1


def _read_request(tls: ssl.SSLSocket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += tls.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-len"))
    while len(body) < length:
        body += tls.recv(65536)
    return head + b"\r\n\r\n" + body


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago): connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
