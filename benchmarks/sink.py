"""A loopback HTTP/1.1 sink: reads each request body, discards it, and answers 201 with a valid Retell voice.

Run as ``python -m benchmarks.sink``: it listens on an ephemeral port of 127.0.0.1, prints the port on stdout, and
serves until its stdin closes (the benchmark process ended) or ``--lifetime`` seconds pass. Bodies are read into one
preallocated buffer, so the sink's own cost per byte is a ``recv_into``; chunked bodies are refused with 411, since
every client measured here sends ``Content-Length``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

HOST = "127.0.0.1"
BUFFER_BYTES = 256 * 1024
MAX_HEAD_BYTES = 64 * 1024
VOICE = json.dumps({"voice_id": "v1", "voice_name": "x", "provider": "elevenlabs", "gender": "male"}).encode()
CREATED = b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(VOICE) + VOICE
LENGTH_REQUIRED = b"HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
BAD_REQUEST = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class SinkProtocol(asyncio.BufferedProtocol):
    """One connection: parse each request head, skip ``Content-Length`` body bytes, answer, keep the connection."""

    def __init__(self) -> None:
        self._buffer = memoryview(bytearray(BUFFER_BYTES))
        self._head = bytearray()
        self._body_left: int | None = None
        self._close_after = False
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Keep the transport to answer on."""
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def get_buffer(self, sizehint: int) -> memoryview:
        """The preallocated buffer every read lands in."""
        return self._buffer

    def buffer_updated(self, nbytes: int) -> None:
        """Consume ``nbytes`` just read: head bytes are parsed, body bytes only counted."""
        view = self._buffer[:nbytes]
        while view:
            if self._body_left is None:
                view = self._read_head(view)
            else:
                taken = min(self._body_left, len(view))
                self._body_left -= taken
                view = view[taken:]
            if self._body_left == 0:
                self._answer(CREATED)

    def _read_head(self, view: memoryview) -> memoryview:
        start = max(0, len(self._head) - 3)
        self._head += view
        end = self._head.find(b"\r\n\r\n", start)
        if end < 0:
            if len(self._head) > MAX_HEAD_BYTES:
                self._answer(BAD_REQUEST)
            return view[len(view) :]
        rest = len(self._head) - (end + 4)
        headers = self._parse_headers(bytes(self._head[:end]))
        self._head.clear()
        self._close_after = headers.get("connection", "").lower() == "close"
        if "transfer-encoding" in headers or "content-length" not in headers:
            self._answer(LENGTH_REQUIRED)
            return view[len(view) :]
        self._body_left = int(headers["content-length"])
        return view[len(view) - rest :]

    @staticmethod
    def _parse_headers(head: bytes) -> dict[str, str]:
        lines = head.decode("latin-1").split("\r\n")[1:]
        return {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}

    def _answer(self, response: bytes) -> None:
        assert self._transport is not None
        self._body_left = None
        self._transport.write(response)
        if self._close_after or response is not CREATED:
            self._transport.close()


async def serve(lifetime_s: float) -> None:
    """Serve until stdin reaches end of file or ``lifetime_s`` seconds pass."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(SinkProtocol, HOST, 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    async with server:
        await asyncio.wait_for(stdin.read(), lifetime_s)


def main() -> None:
    """Command line: ``python -m benchmarks.sink [--lifetime SECONDS]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sink", description=__doc__)
    parser.add_argument("--lifetime", type=float, default=1800.0, help="stop after this many seconds at the latest")
    try:
        asyncio.run(serve(parser.parse_args().lifetime))
    except TimeoutError:
        sys.exit("sink: lifetime reached")


if __name__ == "__main__":
    main()
