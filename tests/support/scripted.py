"""A loopback HTTP/1.1 server that answers byte for byte as scripted, for what a real server framework would not
send: decompression bombs, endless or dripping bodies, odd charsets, slow reads, closes that race a new request."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .lifecycle import Served

_POLL = 0.05
_STOP_TIMEOUT = 5.0
_MAX_REQUEST_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """One scripted answer: the head (``status`` and ``headers``), then ``body`` pieces, ``gap`` seconds apart.

    ``body`` may be an iterable that never ends; the server stops writing when the client goes away or the server
    stops. ``close_after`` closes the connection that many seconds after answering, whatever the client sends
    meanwhile (unread bytes make the kernel reset it); ``None`` keeps it alive for the next request.
    ``read_rate`` reads the request body at that many bytes a second instead of as fast as it comes. ``head_gap``
    sends the status line and headers a byte at a time, that many seconds apart. ``reset_after`` reads that many
    bytes of the request body, then resets the connection (TCP RST) without answering.
    """

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Iterable[bytes] = ()
    gap: float = 0.0
    close_after: float | None = None
    read_rate: int | None = None
    head_gap: float = 0.0
    reset_after: int | None = None


@dataclass
class Received:
    """A request as the server read it."""

    head: bytes
    body_bytes: int
    complete: bool


class ScriptedServer(Served):
    """Listens on 127.0.0.1; each request gets ``answer(index)`` (index counts requests from 0)."""

    def __init__(self, answer: Callable[[int], Answer]) -> None:
        self._answer = answer
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_POLL)
        host, port = self._listener.getsockname()
        self.base_url = f"http://{host}:{port}"
        self.received: list[Received] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, name="scripted-server", daemon=True)

    def start(self) -> None:
        """Accept connections in the background."""
        self._accepting.start()

    def stop(self) -> None:
        """Stop serving; every connection thread ends within a few seconds."""
        self._stopping.set()
        self._accepting.join(_STOP_TIMEOUT)
        for thread in self._threads:
            thread.join(_STOP_TIMEOUT)
        self._listener.close()
        if any(thread.is_alive() for thread in (self._accepting, *self._threads)):
            raise RuntimeError("scripted-server did not stop")

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(_POLL)
            pending = b""
            while not self._stopping.is_set():
                request, pending = self._read_request(connection, pending)
                if request is None:
                    return
                with self._lock:
                    index = len(self.received)
                    self.received.append(request)
                answer = self._answer(index)
                if answer.reset_after is not None:
                    # Linger on, with a zero timeout: close() sends RST instead of FIN.
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if answer.read_rate is not None and not request.complete:
                    return
                if not self._write(connection, answer):
                    return
                if answer.close_after is not None:
                    self._stopping.wait(answer.close_after)
                    return

    def _read_request(self, connection: socket.socket, pending: bytes) -> tuple[Received | None, bytes]:
        data = pending
        while b"\r\n\r\n" not in data:
            chunk = self._recv(connection)
            if chunk is None:
                return None, b""
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        length = _content_length(head)
        chunked = b"transfer-encoding: chunked" in head.lower()
        body = bytearray(rest)
        answer = self._answer(len(self.received))
        rate = answer.read_rate
        started = time.monotonic()
        while (length is not None and len(body) < length) or (chunked and not body.endswith(b"0\r\n\r\n")):
            if answer.reset_after is not None and len(body) >= answer.reset_after:
                return Received(head, len(body), complete=False), b""
            if rate is not None:
                due = started + len(body) / rate
                if self._stopping.wait(max(0.0, due - time.monotonic())):
                    break
            chunk = self._recv(connection, 64 * 1024 if rate is None else max(1, rate // 20))
            if chunk is None:
                return Received(head, len(body), complete=False), b""
            body += chunk
            if len(body) > _MAX_REQUEST_BYTES:
                return Received(head, len(body), complete=False), b""
        extra = b""
        if length is not None and len(body) > length:
            body, extra = body[:length], bytes(body[length:])
        complete = (length is None and not chunked) or (length is not None and len(body) == length) or chunked
        return Received(head, len(body), complete=complete), extra

    def _recv(self, connection: socket.socket, size: int = 64 * 1024) -> bytes | None:
        while not self._stopping.is_set():
            try:
                chunk = connection.recv(size)
            except TimeoutError:
                continue
            except OSError:
                return None
            return chunk or None
        return None

    def _write(self, connection: socket.socket, answer: Answer) -> bool:
        head = f"HTTP/1.1 {answer.status} Scripted\r\n" + "".join(f"{k}: {v}\r\n" for k, v in answer.headers.items())
        try:
            encoded = head.encode("latin-1") + b"\r\n"
            for offset in range(len(encoded) if answer.head_gap else 0):
                if self._stopping.wait(answer.head_gap):
                    return False
                connection.sendall(encoded[offset : offset + 1])
            if not answer.head_gap:
                connection.sendall(encoded)
            for index, piece in enumerate(_pieces(answer.body)):
                if self._stopping.is_set():
                    return False
                if index and answer.gap and self._stopping.wait(answer.gap):
                    return False
                connection.sendall(piece)
        except OSError:
            return False
        return True


def _pieces(body: Iterable[bytes]) -> Iterator[bytes]:
    yield from body


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return None
