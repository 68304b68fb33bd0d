"""A TCP server that breaks connections the way no ASGI app can: a reset mid-upload, or a close on accept."""

from __future__ import annotations

import socket
import struct

from .lifecycle import AcceptLoop


class RawSocketServer(AcceptLoop):
    """Listens on ``127.0.0.1`` and serves its connections one at a time, never answering.

    By default each connection is reset (TCP RST) as soon as one byte of the request has been read; see
    ``reset_after`` and ``close_on_accept``. Use it as a context manager, or ``start``/``stop``.
    """

    def __init__(self, read_timeout: float = 2.0) -> None:
        super().__init__("raw-socket-server")
        self.base_url = f"http://127.0.0.1:{self.port}"
        """The server's URL, for a client's ``base_url``."""
        self.read_timeout = read_timeout
        """How long to wait for request bytes before resetting anyway."""
        self.received: list[bytes] = []
        """The request bytes read on each connection, in accept order."""
        self._reset_after: int | None = 1

    def reset_after(self, nbytes: int) -> None:
        """From now on, read ``nbytes`` of each request (fewer if the client stops sending), then reset."""
        self._reset_after = nbytes

    def close_on_accept(self) -> None:
        """From now on, close each connection as soon as it is accepted, reading nothing."""
        self._reset_after = None

    def handle(self, connection: socket.socket) -> None:
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
