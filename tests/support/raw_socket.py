"""A TCP server that breaks connections the way no ASGI app can: a reset mid-upload, or a close on accept."""

from __future__ import annotations

import socket
import struct
import threading

from .lifecycle import Served

_ACCEPT_POLL = 0.05
_STOP_TIMEOUT = 5.0


class RawSocketServer(Served):
    """Listens on ``127.0.0.1`` and serves its connections one at a time, never answering.

    By default each connection is reset (TCP RST) as soon as one byte of the request has been read; see
    ``reset_after`` and ``close_on_accept``. Use it as a context manager, or ``start``/``stop``.
    """

    def __init__(self, read_timeout: float = 2.0) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_ACCEPT_POLL)
        host, port = self._listener.getsockname()
        self.base_url = f"http://{host}:{port}"
        """The server's URL, for a client's ``base_url``."""
        self.read_timeout = read_timeout
        """How long to wait for request bytes before resetting anyway."""
        self.connections = 0
        """Connections accepted so far."""
        self.received: list[bytes] = []
        """The request bytes read on each connection, in accept order."""
        self._reset_after: int | None = 1
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="raw-socket-server", daemon=True)

    def reset_after(self, nbytes: int) -> None:
        """From now on, read ``nbytes`` of each request (fewer if the client stops sending), then reset."""
        self._reset_after = nbytes

    def close_on_accept(self) -> None:
        """From now on, close each connection as soon as it is accepted, reading nothing."""
        self._reset_after = None

    def start(self) -> None:
        """Accept connections in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, wait for the thread and close the listening socket."""
        self._stopping.set()
        self._thread.join(_STOP_TIMEOUT)
        if self._thread.is_alive():
            raise RuntimeError("raw-socket-server did not stop")
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with connection:
                self.received.append(self._break(connection))

    def _break(self, connection: socket.socket) -> bytes:
        """Read what the mode says from ``connection``, then leave it for the caller to close."""
        if self._reset_after is None:
            return b""
        connection.settimeout(self.read_timeout)
        received = bytearray()
        try:
            while len(received) < self._reset_after:
                chunk = connection.recv(min(self._reset_after - len(received), 1 << 16))
                if not chunk:
                    break
                received += chunk
        except TimeoutError:
            pass
        # Linger on, with a zero timeout: close() discards unsent data and sends RST instead of FIN.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return bytes(received)
