"""What the adversarial tests share: the two vendors described side by side, the key watch, and awkward files."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import httpx
import pytest
import retell_client
import vogent_client
from retell_client.models import VoiceResponse
from support.audio import wav_bytes
from support.drivers import FAKE_KEY, Driver
from vogent_client.models import AIVoice

WAV = wav_bytes()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
TEXT = b"These are the minutes of the meeting, not a recording of it.\n"

TIMEOUT = httpx.Timeout(10.0, connect=2.0)
"""The clients' timeout in the adversarial tests, unless a test sets its own."""

SERVER_LOGGERS = ("connexion", "uvicorn", "starlette", "python_multipart")
"""The loopback test servers' own loggers, kept at WARNING: what is under watch is the client's side."""


@dataclass(frozen=True)
class Vendor:
    """One vendor's front doors and the shapes of its requests and responses, so a test can be written once."""

    name: str
    package: ModuleType
    sync_type: type[Any]
    async_type: type[Any]
    model: type[Any]
    """The generated success model."""
    schema: str
    """The name of the success model's schema in the vendored spec."""
    id_field: str
    name_field: str
    success_status: int
    required_field: str
    """A required field of the success body that the server's handler always sends, to drop in a fault."""
    unknown_enums: dict[str, tuple[str, str]]
    """JSON field -> (model attribute, a value the spec does not list)."""

    @property
    def env_prefix(self) -> str:
        """``RETELL`` or ``VOGENT``, as in ``RETELL_API_KEY``."""
        return self.name.upper()

    def call(self, file: Any, name: str) -> dict[str, Any]:
        """Keyword arguments of a valid ``clone_voice`` call sending ``file`` as a voice called ``name``."""
        if self.name == "retell":
            return {"files": [file], "voice_name": name, "voice_provider": "elevenlabs"}
        return {"clip": file, "name": name, "model": "CSM"}

    def voice(self, voice_id: str, name: str) -> dict[str, Any]:
        """The success body the loopback server's handler sends for a voice called ``name``."""
        if self.name == "retell":
            return {"voice_id": voice_id, "voice_name": name, "provider": "elevenlabs", "gender": "male"}
        return {"id": voice_id, "name": name, "voiceType": "cloned", "voiceTier": "STANDARD", "description": ""}

    def driver(self, door: str, **options: Any) -> Driver:
        """The sync or async front door built with ``options``, with ``TIMEOUT`` unless they set one."""
        options.setdefault("timeout", TIMEOUT)
        return Driver(self.sync_type if door == "sync" else self.async_type, **options)


VENDORS = {
    "retell": Vendor(
        name="retell",
        package=retell_client,
        sync_type=retell_client.Retell,
        async_type=retell_client.AsyncRetell,
        model=VoiceResponse,
        schema="VoiceResponse",
        id_field="voice_id",
        name_field="voice_name",
        success_status=201,
        required_field="gender",
        unknown_enums={"provider": ("provider", "inworld"), "gender": ("gender", "nonbinary")},
    ),
    "vogent": Vendor(
        name="vogent",
        package=vogent_client,
        sync_type=vogent_client.Vogent,
        async_type=vogent_client.AsyncVogent,
        model=AIVoice,
        schema="AIVoice",
        id_field="id",
        name_field="name",
        success_status=200,
        required_field="voiceTier",
        unknown_enums={"voiceTier": ("voice_tier", "ULTRA")},
    ),
}
DOORS = ("sync", "async")


def renderings(thing: object) -> Iterator[tuple[str, str]]:
    """Every way ``thing`` may be shown to a person: str, repr and, for an exception, its formatted traceback
    (causes included) and the reprs of its attributes, request and response."""
    yield "str", str(thing)
    yield "repr", repr(thing)
    if isinstance(thing, BaseException):
        yield "traceback", "".join(traceback.format_exception(thing))
        yield "attributes", repr(vars(thing))
        for name in ("request", "response"):
            if (part := getattr(thing, name, None)) is not None:
                yield name, repr(part)
                yield f"{name} headers", repr(part.headers)


class KeyWatch:
    """Collects every log record at DEBUG and checks that neither the records nor what a test hands to ``check``
    show ``key``."""

    def __init__(self, key: str = FAKE_KEY) -> None:
        self.key = key
        self.records: list[logging.LogRecord] = []

    def check(self, *things: object) -> None:
        """Fail if any rendering of any of ``things`` shows the key."""
        for thing in things:
            for how, text in renderings(thing):
                assert self.key not in text, f"the API key shows in the {how} of {type(thing).__name__}: {text}"

    def leaking_records(self) -> list[str]:
        """The records captured so far whose message, arguments or traceback show the key."""
        formatter = logging.Formatter()
        leaks = []
        for record in self.records:
            text = f"{record.getMessage()} {record.args!r}"
            if record.exc_info:
                text += formatter.formatException(record.exc_info)
            if self.key in text:
                leaks.append(f"{record.name}: {text}")
        return leaks


class Collecting(logging.Handler):
    """A handler that keeps every record it sees in ``into``."""

    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self._into = into

    def emit(self, record: logging.LogRecord) -> None:
        self._into.append(record)


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
