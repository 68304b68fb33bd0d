"""Secrets: the key watch itself, redirects to another host, and TLS verification by default.

Every adversarial test runs under the key watch (``conftest.py``): logging at DEBUG for every logger, and afterwards
no record, and nothing the test hands to ``key_watch.check`` (exceptions with their tracebacks, results, clients),
may show the fake key.
"""

from __future__ import annotations

import logging
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from adversary import DOORS, WAV, KeyWatch, Vendor
from support.drivers import FAKE_KEY


def test_the_key_watch_captures_debug_records_and_catches_a_leak(vendor, server, drivers, key_watch):
    drivers(vendor, "sync", api_key=FAKE_KEY, base_url=server.base_url).clone_voice(**vendor.call(WAV, "watched"))
    levels = {(record.name.partition(".")[0], record.levelno) for record in key_watch.records}
    assert {("httpcore", logging.DEBUG), ("httpx", logging.INFO)} <= levels

    logging.getLogger("adversarial").debug("token=%s", FAKE_KEY)
    (leak,) = key_watch.leaking_records()
    assert leak.startswith("adversarial: token=")
    key_watch.records[:] = [record for record in key_watch.records if record.name != "adversarial"]
    with pytest.raises(AssertionError, match="the API key shows in the str of RuntimeError"):
        KeyWatch().check(ValueError("no key here"), RuntimeError(f"key {FAKE_KEY}"))


class Redirector(ThreadingHTTPServer):
    """Answers every request with ``status`` and ``Location: target``, recording each request's Authorization."""

    def __init__(self, status: int, target: str) -> None:
        super().__init__(("127.0.0.1", 0), _RedirectHandler)
        self.status = status
        self.target = target
        self.authorizations: list[str | None] = []


class _RedirectHandler(BaseHTTPRequestHandler):
    server: Redirector

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.authorizations.append(self.headers.get("Authorization"))
        self.send_response(self.server.status)
        self.send_header("Location", self.server.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads what it needs from the server's attributes."""


@pytest.fixture
def redirector() -> Iterator[Callable[[int, str], Redirector]]:
    """``redirector(status, target)``: a running Redirector, shut down after the test."""
    running: list[Redirector] = []

    def start(status: int, target: str) -> Redirector:
        server = Redirector(status, target)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        running.append(server)
        return server

    yield start
    for server in running:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("status", [302, 307, 308])
@pytest.mark.parametrize("follow", [False, True], ids=["default", "follow_redirects"])
@pytest.mark.parametrize("door", DOORS)
def test_a_redirect_to_another_host_never_carries_the_key(
    vendor: Vendor, door, follow, status, server, redirector, drivers, key_watch
):
    other_host = server.base_url.replace("127.0.0.1", "localhost")
    path = "/clone-voice" if vendor.name == "retell" else "/voices/clone"
    source = redirector(status, other_host + path)
    host, port = source.server_address[:2]
    options = {"follow_redirects": True} if follow else {}
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=f"http://{host}:{port}", max_retries=0, **options)

    with pytest.raises(vendor.package.APIStatusError) as caught:
        driver.clone_voice(**vendor.call(WAV, "redirected"))

    assert source.authorizations == [f"Bearer {FAKE_KEY}"]
    if follow:
        (followed,) = server.requests
        assert followed.authorization is None
        assert not [name for name, value in followed.headers if FAKE_KEY in value]
        assert caught.value.status_code in (401, 405)
    else:
        assert caught.value.status_code == status
        assert server.connections == 0
    assert server.created == {}
    key_watch.check(caught.value, driver.client)


@pytest.mark.parametrize("door", DOORS)
def test_a_followed_redirect_loop_ends_in_a_typed_error(vendor: Vendor, door, redirector, drivers, key_watch):
    loop = redirector(307, "/")
    host, port = loop.server_address[:2]
    loop.target = f"http://{host}:{port}/again"
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=f"http://{host}:{port}", follow_redirects=True)
    with pytest.raises(vendor.package.APIError) as caught:
        driver.clone_voice(**vendor.call(WAV, "loop"), max_retries=0)
    assert len(loop.authorizations) > 1
    key_watch.check(caught.value)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory) -> Path:
    """A self-signed certificate and key for 127.0.0.1, in one PEM file, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a self-signed certificate")
    pem = tmp_path_factory.mktemp("tls") / "self-signed.pem"
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


class TLSServer:
    """A TLS server on 127.0.0.1 presenting ``certificate``: it counts failed handshakes, and answers each request
    that gets through with ``status`` and ``body``, keeping the request's bytes in ``received``."""

    def __init__(self, certificate: Path, status: int, body: bytes) -> None:
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(certificate)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.base_url = f"https://127.0.0.1:{self._listener.getsockname()[1]}"
        self._reply = f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
        self._reply_body = body
        self.failed_handshakes = 0
        self.received: list[bytes] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(5)
            try:
                with self._context.wrap_socket(connection, server_side=True) as tls:
                    self.received.append(_read_request(tls))
                    tls.sendall(self._reply.encode() + b"connection: close\r\n\r\n" + self._reply_body)
            except (ssl.SSLError, OSError):
                self.failed_handshakes += 1

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)
        self._listener.close()


def _read_request(tls: ssl.SSLSocket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += tls.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-len"))
    while len(body) < length:
        body += tls.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.mark.parametrize("door", DOORS)
def test_tls_verification_is_on_by_default(vendor: Vendor, door, certificate, drivers, key_watch):
    body = f'{{"{vendor.id_field}": "voice-tls"}}'.encode()
    tls = TLSServer(certificate, vendor.success_status, body)
    try:
        default = drivers(vendor, door, api_key=FAKE_KEY, base_url=tls.base_url, max_retries=0)
        with pytest.raises(vendor.package.APIConnectionError) as caught:
            default.clone_voice(**vendor.call(WAV, "tls"))
        assert tls.received == []
        assert "CERTIFICATE_VERIFY_FAILED" in repr(caught.value.__cause__)
        assert not caught.value.body_sent

        trusting = ssl.create_default_context(cafile=certificate)
        control = drivers(vendor, door, api_key=FAKE_KEY, base_url=tls.base_url, max_retries=0, verify_ssl=trusting)
        with pytest.raises(vendor.package.ResponseValidationError):
            control.clone_voice(**vendor.call(WAV, "tls"))
    finally:
        tls.stop()
    (request,) = tls.received
    assert f"Bearer {FAKE_KEY}".encode() in request, "with its certificate trusted, the same server is reached"
    assert tls.failed_handshakes == 1
    key_watch.check(caught.value, default.client)
