"""Awkward inputs made on demand: missing, empty, unreadable, FIFO and text-mode files, and non-audio contents."""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from .audio import WAV

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
TEXT = b"These are the minutes of the meeting, not a recording of it.\n"


@dataclass
class Samples:
    """Awkward inputs, made on demand under ``root``; ``privileges()`` is the context a call must run in."""

    root: Path
    _handles: list[IO[Any]] = field(default_factory=list)
    _locked_as_root: Path | None = None

    def write(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.write_bytes(data)
        return path

    @property
    def wav(self) -> Path:
        return self.write("sample.wav", WAV)

    @property
    def missing(self) -> Path:
        return self.root / "missing.wav"

    @property
    def directory(self) -> Path:
        path = self.root / "folder.wav"
        path.mkdir(exist_ok=True)
        return path

    @property
    def empty(self) -> Path:
        return self.write("empty.wav", b"")

    @property
    def fifo(self) -> Path:
        path = self.root / "pipe.wav"
        if not path.exists():
            os.mkfifo(path)
        return path

    @property
    def unreadable(self) -> Path:
        """A WAV with mode 000. Root reads it anyway, so as root the call runs with filesystem uid ``nobody``."""
        path = self.write("locked.wav", WAV)
        path.chmod(0)
        if os.geteuid() == 0:
            self._locked_as_root = path
        return path

    def text_handle(self) -> IO[str]:
        handle = self.wav.open("r", encoding="latin-1")
        self._handles.append(handle)
        return handle

    def binary_handle(self) -> IO[bytes]:
        handle = self.wav.open("rb")
        self._handles.append(handle)
        return handle

    def open_paths(self) -> list[str]:
        """The paths of the file handles given out and still open, as ``open_fds_under`` shows them."""
        return [str(Path(handle.name).resolve()) for handle in self._handles if not handle.closed]

    def privileges(self) -> contextlib.AbstractContextManager[None]:
        """The context to call in: none, or, when an unreadable file was asked for as root, no root file access."""
        if self._locked_as_root is None:
            return contextlib.nullcontext()
        return _without_root_file_access(self._locked_as_root)

    def close(self) -> None:
        for handle in self._handles:
            handle.close()


@contextlib.contextmanager
def _without_root_file_access(locked: Path) -> Iterator[None]:
    """Run the block with this thread's filesystem uid set to ``nobody`` (Linux ``setfsuid``), which drops root's
    bypass of file permissions for this thread only; skip the test where that does not make ``locked`` unreadable."""
    try:
        setfsuid: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).setfsuid
    except (OSError, AttributeError):
        pytest.skip("running as root, where mode 000 is still readable, and setfsuid is not available to drop that")
    previous = setfsuid(65534)
    try:
        try:
            locked.open("rb").close()
        except PermissionError:
            pass
        else:
            pytest.skip("running as root, where mode 000 is still readable, and setfsuid did not take effect")
        yield
    finally:
        setfsuid(previous)
