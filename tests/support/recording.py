"""What reached the server, byte for byte: requests as received and the multipart parts in their bodies."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks
    from starlette.types import Scope


@dataclass(frozen=True)
class Part:
    """One part of a multipart body, as sent: ``name`` and ``filename`` come from its Content-Disposition."""

    name: str | None
    filename: str | None
    content_type: str | None
    data: bytes
    headers: list[tuple[str, str]]


@dataclass(frozen=True)
class RecordedRequest:
    """An HTTP request as it arrived, before any validation.

    ``complete`` is False when the body was not read to its end: the client went away mid-upload, or a
    scripted ``Respond(read_body=False)`` answered without reading it.
    """

    method: str
    path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    complete: bool
    parts: list[Part]

    @classmethod
    def from_scope(cls, scope: Scope, body: bytes, *, complete: bool) -> RecordedRequest:
        """The request described by an ASGI HTTP ``scope`` with the ``body`` bytes received for it."""
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]]
        parts = parse_multipart(dict(headers).get("content-type"), body)
        query = scope["query_string"].decode("latin-1")
        return cls(scope["method"], scope["path"], query, headers, body, complete, parts)

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (any case), or None when it was not sent."""
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    @property
    def authorization(self) -> str | None:
        """The Authorization header as sent, e.g. ``"Bearer sk-..."``."""
        return self.header("authorization")


def parse_multipart(content_type: str | None, body: bytes) -> list[Part]:
    """The parts of a ``multipart/form-data`` body, split on the boundary its Content-Type names.

    Not multipart, or no boundary: no parts. A malformed or truncated body: the parts complete before the damage.
    """
    media_type, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        return []
    builder = _PartsBuilder()
    parser = MultipartParser(boundary, builder.callbacks())
    with contextlib.suppress(MultipartParseError):
        parser.write(body)
    return builder.parts


class _PartsBuilder:
    """Turns python-multipart's parser events into Parts."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self._headers: list[tuple[bytes, bytes]] = []
        self._field = bytearray()
        self._value = bytearray()
        self._data = bytearray()

    def callbacks(self) -> MultipartCallbacks:
        """The callbacks to give MultipartParser."""
        return {
            "on_header_field": lambda data, start, end: self._field.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_part_data": lambda data, start, end: self._data.extend(data[start:end]),
            "on_part_end": self._part_end,
        }

    def _header_end(self) -> None:
        self._headers.append((bytes(self._field), bytes(self._value)))
        self._field.clear()
        self._value.clear()

    def _part_end(self) -> None:
        headers = {name.lower(): value for name, value in self._headers}
        _, disposition = parse_options_header(headers.get(b"content-disposition"))
        name, filename = disposition.get(b"name"), disposition.get(b"filename")
        content_type = headers.get(b"content-type")
        self.parts.append(
            Part(
                name=None if name is None else name.decode("utf-8", "replace"),
                filename=None if filename is None else filename.decode("utf-8", "replace"),
                content_type=None if content_type is None else content_type.decode("latin-1"),
                data=bytes(self._data),
                headers=[(key.decode("latin-1"), value.decode("utf-8", "replace")) for key, value in self._headers],
            )
        )
        self._headers = []
        self._data.clear()
