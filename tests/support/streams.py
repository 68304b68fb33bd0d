"""File objects a caller may pass that are not plain files: one-pass streams, closed and write-only handles."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO


class Unseekable(io.RawIOBase):
    """A binary stream that cannot seek, like a pipe or a socket: it can be read once."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def closed_handle(path: Path) -> IO[bytes]:
    """A binary handle on ``path`` that was already closed."""
    handle = path.open("rb")
    handle.close()
    return handle


def write_only_handle(path: Path) -> IO[bytes]:
    """A handle on ``path`` open for appending only; the caller closes it."""
    return path.open("ab")
