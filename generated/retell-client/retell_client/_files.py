"""Turning what callers pass as files (paths, bytes, file objects, tuples) into the generated ``File`` objects.

Every check happens here, before a byte goes over the network. Paths are opened, never read whole: httpx streams
them in 64 KiB chunks.
"""

from __future__ import annotations

import contextvars
import inspect
import io
import mimetypes
import os
import re
import stat
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from attrs import frozen

from ._exceptions import FileUploadError, InvalidInputError, StreamNotRewindableError
from ._sniff import AudioType, describe, detect_audio
from .types import File

FileContent = str | os.PathLike[str] | bytes | IO[bytes]
"""A path (``str`` or ``os.PathLike``), the bytes themselves, or a binary file object."""

FileInput = FileContent | tuple[str, FileContent] | tuple[str, FileContent, str]
"""A :data:`FileContent`, or ``(filename, content)``, or ``(filename, content, mime_type)``."""

ProgressCallback = Callable[[int, int | None], None]
"""``on_progress(bytes_sent, bytes_total)``; ``bytes_total`` is ``None`` when the body's length is unknown."""


@frozen
class Sending:
    """What a front-door method tells the transport about the call it is making: the files it sends (checked before
    the request is sent again) and who to tell how far the body got."""

    uploads: OpenedFiles | None
    on_progress: ProgressCallback | None

    def __attrs_post_init__(self) -> None:
        if self.on_progress is not None and not callable(self.on_progress):
            raise InvalidInputError(f"on_progress must be a callable or None, not {type(self.on_progress).__name__}")


SENDING: contextvars.ContextVar[Sending | None] = contextvars.ContextVar("sending", default=None)
"""Set by a front-door method for the duration of its call."""

SNIFF_BYTES = 4096
_MIME_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*")
"""RFC 6838's type/subtype names: nothing that could end a header line."""


class ForwardOnlyStream:
    """A non-seekable binary stream whose first bytes were read to sniff its type; it remembers whether the rest
    was consumed, so a retry can refuse to send it again instead of sending it empty."""

    def __init__(self, head: bytes, raw: IO[bytes], label: str) -> None:
        self._head = head
        self._raw = raw
        self._label = label
        self.started = False

    @property
    def head(self) -> bytes:
        """The sniffed bytes not yet read."""
        return self._head

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (all when negative): the sniffed bytes first, then the underlying stream."""
        self.started = True
        if self._head:
            chunk = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(chunk) :]
            return chunk
        try:
            return self._raw.read(size)
        except (OSError, ValueError) as exc:
            raise FileUploadError(f"{self._label}: reading failed during the upload ({exc})", file=self._label) from exc

    def seek(self, offset: int, whence: int = 0) -> int:
        """Always fails. httpx seeks every file to 0 before sending it and ignores ``UnsupportedOperation``; once the
        stream was read, it must not be sent again (a followed redirect would send it empty), so that is an error."""
        if self.started:
            raise StreamNotRewindableError(
                f"{self._label}: a non-seekable stream that was already sent cannot be sent again"
            )
        raise io.UnsupportedOperation("the stream is not seekable")


class SizedReader:
    """A seekable file sent as exactly the ``size`` bytes it had when it was opened.

    The request declares that length; a file that grows or shrinks while it is sent, or whose read fails, raises
    :class:`FileUploadError` naming it, instead of a protocol error from deep inside the HTTP stack.
    """

    def __init__(self, raw: IO[bytes], size: int, label: str) -> None:
        self._raw = raw
        self._size = size
        self._label = label
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (the rest when negative), never past the declared length."""
        left = self._size - self._position
        try:
            if left <= 0:
                if self._raw.read(1):
                    raise FileUploadError(
                        f"{self._label}: the file grew while it was being sent (it had {self._size} bytes)",
                        file=self._label,
                    )
                return b""
            chunk = self._raw.read(left if size < 0 else min(size, left))
        except OSError as exc:
            raise FileUploadError(f"{self._label}: reading failed during the upload ({exc})", file=self._label) from exc
        if not chunk:
            raise FileUploadError(
                f"{self._label}: the file shrank while it was being sent (it had {self._size} bytes, "
                f"{self._position} were read)",
                file=self._label,
            )
        self._position += len(chunk)
        return chunk

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Seek within the declared length: httpx measures a file by seeking to its end and back."""
        if whence == os.SEEK_END:
            self._position = self._size + offset
            return self._position
        if whence == os.SEEK_CUR:
            offset += self._position
        self._raw.seek(offset)
        self._position = offset
        return offset

    def tell(self) -> int:
        """The position within the declared length."""
        return self._position

    @property
    def size(self) -> int:
        """The declared length."""
        return self._size


class Upload:
    """One file ready to send: the generated :class:`File`, and the label that names it in errors."""

    def __init__(self, file: File, label: str) -> None:
        self.file = file
        self.label = label


class OpenedFiles:
    """Context manager holding prepared uploads; it closes every file it opened itself when the block ends.

    ``files`` are the generated :class:`File` objects, ready for the generated models (``CloneVoiceBody`` ...).
    """

    def __init__(self, uploads: list[Upload], stack: ExitStack) -> None:
        self.uploads = uploads
        self._stack = stack

    @property
    def files(self) -> list[File]:
        """The generated ``File`` objects, in the order given."""
        return [upload.file for upload in self.uploads]

    def check_resendable(self) -> None:
        """Raise :class:`StreamNotRewindableError` when a file was a one-pass stream already (partly) sent: sending
        the request again would send it empty."""
        for upload in self.uploads:
            payload = upload.file.payload
            if isinstance(payload, ForwardOnlyStream) and payload.started:
                raise StreamNotRewindableError(
                    f"{upload.label}: a non-seekable stream that was already sent cannot be sent again; pass a path, "
                    "bytes or a seekable file object to allow retries"
                )

    def close(self) -> None:
        """Close every file this object opened (paths and bytes); file objects the caller passed stay open."""
        self._stack.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def open_files(inputs: Iterable[FileInput], *, argument: str = "files") -> OpenedFiles:
    """Validate and open ``inputs`` for upload; use the result as a context manager so opened files get closed.

    Each input is a path, bytes, a binary file object, or a ``(filename, content[, mime_type])`` tuple. Every part
    gets a filename and an audio MIME type detected from its first bytes (falling back to the extension); a
    caller-given MIME type wins and skips the audio check. A missing, unreadable, empty or non-audio file, a
    directory and a text-mode file object raise :class:`InvalidInputError` naming the file (``argument[i]``).

    Example::

        with open_files(["a.wav", ("b.mp3", raw_bytes)]) as opened:
            clone_voice.sync(client=client, body=CloneVoiceBody(files=opened.files, ...))
    """
    stack = ExitStack()
    try:
        uploads = [_prepare(value, f"{argument}[{index}]", stack) for index, value in enumerate(inputs)]
    except BaseException:
        stack.close()
        raise
    return OpenedFiles(uploads, stack)


def _prepare(value: FileInput, label: str, stack: ExitStack) -> Upload:
    name, content, mime_type = _unpack(value, label)
    payload: IO[bytes] | ForwardOnlyStream | SizedReader
    if isinstance(content, str | os.PathLike):
        path = os.fsdecode(content)
        payload, default_name = _open_path(path, label, stack), Path(path).name
        label = f"{label} {path!r}"
    elif isinstance(content, bytes | bytearray | memoryview):
        payload, default_name = stack.enter_context(io.BytesIO(bytes(content))), None
    elif callable(getattr(content, "read", None)):
        payload, default_name = _file_object(content, label), _object_name(content)
    else:
        raise InvalidInputError(
            f"{label}: expected a path, bytes, a binary file object or a (filename, content[, mime_type]) tuple, "
            f"got {type(content).__name__}"
        )
    head = _head(payload, label)
    if not isinstance(payload, ForwardOnlyStream):
        payload = SizedReader(payload, _size(payload, label), label)
    extension = None
    if mime_type is None:
        mime_type, extension = _audio_type(head, name or default_name, label)
    filename = name or default_name or f"audio{extension or mimetypes.guess_extension(mime_type) or ''}"
    if not _encodes(filename):
        raise InvalidInputError(f"{label}: the filename {filename!r} is not valid UTF-8; pass (filename, content)")
    file = File(payload=payload, file_name=filename, mime_type=mime_type)  # type: ignore[arg-type]
    return Upload(file, label)


def _unpack(value: FileInput, label: str) -> tuple[str | None, Any, str | None]:
    if not isinstance(value, tuple):
        return None, value, None
    if len(value) not in (2, 3):
        raise InvalidInputError(f"{label}: a tuple must be (filename, content) or (filename, content, mime_type)")
    name, content, *rest = value
    mime_type = rest[0] if rest else None
    if not isinstance(name, str) or not os.path.basename(name):
        raise InvalidInputError(f"{label}: the filename in the tuple must be a non-empty string")
    if mime_type is not None and (not isinstance(mime_type, str) or not _MIME_TYPE.fullmatch(mime_type)):
        raise InvalidInputError(
            f"{label}: the MIME type in the tuple must be a type/subtype like 'audio/wav', got {mime_type!r}"
        )
    return os.path.basename(name), content, mime_type


def _open_path(path: str, label: str, stack: ExitStack) -> IO[bytes]:
    shown = f"{label} {path!r}"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InvalidInputError(f"{shown}: no such file") from None
    except OSError as exc:
        raise InvalidInputError(f"{shown}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInputError(f"{shown}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInputError(f"{shown}: is not a regular file")
    if info.st_size == 0:
        raise InvalidInputError(f"{shown}: is empty")
    try:
        return stack.enter_context(open(path, "rb"))
    except OSError as exc:
        raise InvalidInputError(f"{shown}: cannot be read ({exc.strerror})") from None


def _file_object(content: Any, label: str) -> IO[bytes] | ForwardOnlyStream:
    if inspect.iscoroutinefunction(content.read):
        raise InvalidInputError(f"{label}: an async file object cannot be streamed; pass its path instead")
    try:
        if isinstance(content, io.TextIOBase) or isinstance(content.read(0), str):
            raise InvalidInputError(f"{label}: the file object is open in text mode; open it with 'rb'")
        seekable = getattr(content, "seekable", None)
        if callable(seekable) and seekable():
            _refuse_devices(content, label)
            payload: IO[bytes] = content
            return payload
        head = bytearray()
        while len(head) < SNIFF_BYTES and (chunk := content.read(SNIFF_BYTES - len(head))):
            head += chunk
    except InvalidInputError:
        raise
    except (OSError, ValueError) as exc:
        raise InvalidInputError(f"{label}: the file object cannot be read ({exc})") from None
    return ForwardOnlyStream(bytes(head), content, label)


def _refuse_devices(content: Any, label: str) -> None:
    # /dev/zero and other character devices seek, report size 0 and never end.
    try:
        mode = os.fstat(content.fileno()).st_mode
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return
    if not stat.S_ISREG(mode):
        raise InvalidInputError(f"{label}: the file object is not a regular file (a device?); pass a regular file")


def _size(payload: IO[bytes], label: str) -> int:
    try:
        size = payload.seek(0, os.SEEK_END)
        payload.seek(0)
    except (OSError, ValueError) as exc:
        raise InvalidInputError(f"{label}: the file object cannot be read ({exc})") from None
    return size


def _object_name(content: Any) -> str | None:
    name = getattr(content, "name", None)
    return os.path.basename(name) if isinstance(name, str) and name else None


def _head(payload: IO[bytes] | ForwardOnlyStream, label: str) -> bytes:
    if isinstance(payload, ForwardOnlyStream):
        head = payload.head
    else:
        try:
            payload.seek(0)
            head = payload.read(SNIFF_BYTES)
            payload.seek(0)
        except (OSError, ValueError) as exc:
            raise InvalidInputError(f"{label}: the file object cannot be read ({exc})") from None
    if not head:
        raise InvalidInputError(f"{label}: is empty")
    return head


def _audio_type(head: bytes, filename: str | None, label: str) -> AudioType:
    found = detect_audio(head, filename)
    if found is None:
        seen = describe(head)
        raise InvalidInputError(
            f"{label}: is not recognisably audio ({f'detected {seen}' if seen else 'unknown content'}); "
            "pass (filename, content, mime_type) to send it anyway"
        )
    return found


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
